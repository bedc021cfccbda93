"""Build an article's plain text and its HTML layout side by side."""

from __future__ import annotations

from html import escape

from sitegen.models import Layout, Slot

PARAGRAPH_BREAK = "\n\n"


class LayoutBuilder:
    """Collects HTML fragments and text slots; offsets always agree with ``text``."""

    def __init__(self) -> None:
        self._html: list[str] = [""]
        self._slots: list[Slot] = []
        self._text: list[str] = []
        self._length = 0
        self.paragraph_starts: list[int] = []
        self._block_open = False

    def html(self, fragment: str) -> None:
        """Append trusted HTML (tags the reader made itself)."""
        self._html[-1] += fragment

    def start_block(self) -> None:
        """Begin a new paragraph of text: a hard boundary for the annotator."""
        if self._length:
            self._append_text(PARAGRAPH_BREAK)
        self.paragraph_starts.append(self._length)
        self._block_open = True

    def text(self, value: str, *, in_link: bool = False, in_code: bool = False) -> None:
        """Append text that the page shows and the annotator reads."""
        if not value:
            return
        start = self._length
        self._append_text(value)
        self._slots.append(Slot(start, self._length, in_link=in_link, in_code=in_code))
        self._html.append("")

    def _append_text(self, value: str) -> None:
        self._text.append(value)
        self._length += len(value)

    def build(self) -> tuple[str, Layout, tuple[int, ...]]:
        """Return the plain text, the layout and the paragraph start offsets."""
        return (
            "".join(self._text),
            Layout(html=tuple(self._html), slots=tuple(self._slots)),
            tuple(self.paragraph_starts),
        )


def render_plain(text: str, layout: Layout) -> str:
    """Fill the layout's slots with escaped text, no highlights (used in tests and feeds)."""
    parts = [layout.html[0]]
    for slot, html in zip(layout.slots, layout.html[1:], strict=True):
        parts.append(escape(text[slot.start : slot.end], quote=False))
        parts.append(html)
    return "".join(parts)

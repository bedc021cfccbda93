"""An article's HTML, sanitised, split into the layout (tags) and its text (slots).

Markdown is rendered to HTML with the raw HTML its writer put in (``<figure>``,
``<img>``, ``<iframe>``…); nh3, an allow-list sanitiser, then drops everything that
could run (``<script>``, event handlers, ``javascript:`` links) and the walker below
sends each tag to the layout and each run of text to a slot, so highlights can only
ever wrap text: never a tag, never code.
"""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser

import nh3

from sitegen.anchors import is_reserved
from sitegen.read.layout import LayoutBuilder

_EXTRA_TAGS = {"input", "section", "iframe", "video", "audio", "source", "track", "picture",
               "figure", "figcaption", "details", "summary", "mark", "time"}
_TAGS = set(nh3.ALLOWED_TAGS) | _EXTRA_TAGS
_ATTRIBUTES: dict[str, set[str]] = {
    **{tag: set(values) for tag, values in nh3.ALLOWED_ATTRIBUTES.items()},
    "*": {"id", "class", "title", "lang", "dir", "style"},
    "a": {"href", "title", "name"},
    "img": {"src", "alt", "width", "height", "title", "loading", "srcset", "sizes"},
    "iframe": {"src", "width", "height", "title", "allow", "allowfullscreen", "frameborder",
               "loading"},
    "video": {"src", "controls", "width", "height", "poster", "preload", "loop", "muted",
              "playsinline"},
    "audio": {"src", "controls", "preload", "loop"},
    "source": {"src", "srcset", "type", "media", "sizes"},
    "track": {"src", "kind", "srclang", "label", "default"},
    "input": {"checked", "disabled"},
    "ol": {"start", "reversed", "type"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "time": {"datetime"},
}
_STYLES = {"text-align", "width", "height", "max-width", "min-width", "float", "margin",
           "margin-left", "margin-right", "margin-top", "margin-bottom", "padding", "color",
           "background-color", "font-weight", "font-style", "text-decoration", "vertical-align",
           "border", "display"}
_SCHEMES = {"http", "https", "mailto", "tel", "sitegen"}
_CLEANER = nh3.Cleaner(
    tags=_TAGS,
    attributes=_ATTRIBUTES,
    url_schemes=_SCHEMES,
    link_rel=None,
    strip_comments=True,
    clean_content_tags={"script", "style"},
    tag_attribute_values={"input": {"type": {"checkbox"}}},
    set_tag_attribute_values={"iframe": {"sandbox": "allow-scripts allow-same-origin allow-popups "
                                                    "allow-presentation",
                                         "referrerpolicy": "no-referrer"}},
    filter_style_properties=_STYLES,
    attribute_filter=lambda tag, name, value: _attribute(name, value),
)
_BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "td", "th",
                     "figcaption", "blockquote", "div", "section", "caption", "summary", "details",
                     "ul", "ol", "dl", "table", "thead", "tbody", "tr", "figure", "hr", "br"})
_VOID = frozenset({"area", "br", "col", "hr", "img", "input", "source", "track", "wbr"})
_CODE = frozenset({"code", "kbd", "samp", "var", "tt"})
_NOT_TEXT = ("footnote-ref", "footnote-backref")  # footnote marks are markup, not prose


def _attribute(name: str, value: str) -> str | None:
    """Ids that the page uses itself get a suffix; classes of sitegen's highlights go."""
    if name == "id" and is_reserved(value):
        return f"{value}-1"
    if name == "class":
        kept = " ".join(c for c in value.split() if not c.startswith("hl"))
        return kept or None
    return value


def sanitize(html: str) -> str:
    """``html`` with everything that could run removed (nh3, an allow list)."""
    return _CLEANER.clean(html)


def write_html(html: str, builder: LayoutBuilder) -> None:
    """Walk sanitised ``html``: tags to the layout, text to slots, code and footnote marks
    to the layout as escaped text."""
    walker = _Walker(builder)
    walker.feed(html)
    walker.close()


class _Walker(HTMLParser):
    def __init__(self, builder: LayoutBuilder) -> None:
        super().__init__(convert_charrefs=True)
        self.builder = builder
        self.pending_block = True  # the next text starts a paragraph
        self.pre = 0
        self.code = 0
        self.links = 0
        self.markup = 0  # inside a footnote mark
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.builder.html(_start_tag(tag, attrs))
        if tag in _BLOCKS:
            self.pending_block = True
        if tag == "br" and not self.pre:
            self.builder.text("\n", in_link=self.links > 0)
        if tag in _VOID:
            return
        classes = (dict(attrs).get("class") or "").split()
        self.open.append(tag + (" markup" if any(c in _NOT_TEXT for c in classes) else ""))
        self.pre += tag == "pre"
        self.code += tag in _CODE
        self.links += tag == "a"
        self.markup += self.open[-1].endswith(" markup")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or not any(entry.split()[0] == tag for entry in self.open):
            return
        while self.open:
            entry = self.open.pop()
            name = entry.split()[0]
            self.builder.html(f"</{name}>")
            self.pre -= name == "pre"
            self.code -= name in _CODE
            self.links -= name == "a"
            self.markup -= entry.endswith(" markup")
            if name in _BLOCKS:
                self.pending_block = True
            if name == tag:
                return

    def handle_data(self, data: str) -> None:
        if self.pre or self.markup:
            self.builder.html(escape(data))
            return
        if not data.strip() and (self.pending_block or (not self.open and "\n" in data)):
            self.builder.html(data)
            return
        if self.pending_block:
            self.builder.start_block()
            self.pending_block = False
            data = data.lstrip()
        self.builder.text(re.sub(r"\s*\n\s*", " ", data), in_link=self.links > 0,
                          in_code=self.code > 0)

    def close(self) -> None:
        super().close()
        while self.open:
            self.handle_endtag(self.open[-1].split()[0])


def _start_tag(tag: str, attrs: list[tuple[str, str | None]]) -> str:
    parts = [tag]
    for name, value in attrs:
        parts.append(name if value is None else f'{name}="{escape(value)}"')
    return f"<{' '.join(parts)}>"

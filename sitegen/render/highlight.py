"""Fill an article's layout with its text, highlighting annotations in place.

Highlights are built from escaped text segments, never by splicing strings
into HTML, and they never add, drop or change a character of the text: the
page's text is exactly the article's text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from itertools import pairwise

from sitegen.anchors import figure_anchor, mention_anchor, partial_quote_anchor, quote_anchor
from sitegen.archive import ArticlePage, EntityRef, spoken_by
from sitegen.labels import PERSON, kind_name, style_of
from sitegen.models import Layout, Slot

# Quotes are the outer layer; entities and figures nest inside them.
_QUOTE_LAYER, _INNER_LAYER = 0, 1


@dataclass(frozen=True)
class Highlight:
    """One annotation to show: a span of text, its element and its attributes."""

    start: int
    end: int
    layer: int
    css: str
    anchor: str  # id of the first piece, the target of side-panel links
    href: str | None = None
    attributes: tuple[tuple[str, str], ...] = ()
    tip: str = ""  # what it is, on hover and focus; ``tip_link`` is added where it is a link
    tip_link: str = ""


def entity_css(label: str) -> str:
    """The CSS classes of an entity label ("PERSON" → "hl hl-person")."""
    return f"hl hl-{style_of(label)}"


def highlights_for(page: ArticlePage, href: Callable[[EntityRef], str | None]) -> list[Highlight]:
    """The highlights of an article page; ``href(ref)`` is the URL of an entity's page or None.

    Mentions of ignored entities (not in ``page.entities``) are not highlighted.
    """
    annotations = page.annotations
    found: list[Highlight] = []
    for number, quote in enumerate(annotations.quotes, start=1):
        speaker = spoken_by(page, quote)
        attributes = [("data-speaker", speaker.name if speaker else "unknown speaker")]
        found.append(Highlight(quote.start, quote.end, _QUOTE_LAYER, "hl hl-quote",
                               quote_anchor(number), attributes=tuple(attributes)))
    for number, quote in enumerate(annotations.partial_quotes, start=1):
        # Quoted words inside the narration: marked apart, with no speaker badge in the text.
        speaker = spoken_by(page, quote)
        name = speaker.name if speaker else "unknown speaker"
        found.append(Highlight(quote.start, quote.end, _QUOTE_LAYER, "hl hl-quote hl-partial",
                               partial_quote_anchor(number),
                               attributes=(("data-speaker", name),), tip=f"quoted in part · {name}"))
    for number, mention in enumerate(annotations.mentions, start=1):
        ref = page.entities.get(mention.key)
        if ref is None:
            continue
        # Styled as the archive decided ("Dirty Dancing" tagged a person here is a film).
        found.append(Highlight(mention.start, mention.end, _INNER_LAYER, entity_css(ref.label),
                               mention_anchor(number), href=href(ref),
                               attributes=(("data-label", ref.label),),
                               tip=f"{ref.name} · {kind_name(ref.label)}",
                               tip_link=f" · opens {'their' if ref.label == PERSON else 'its'} page"))
    for number, figure in enumerate(annotations.figures, start=1):
        attributes = [("data-label", figure.label)]
        if figure.value is not None:
            attributes.append(("data-value", _number(figure.value)))
        if figure.counts:
            attributes.append(("data-counts", figure.counts))  # the tip says it too, for a reader
        found.append(Highlight(figure.start, figure.end, _INNER_LAYER, "hl hl-figure",
                               figure_anchor(number), attributes=tuple(attributes),
                               tip=_figure_tip(figure.label, figure.value, figure.counts)))
    return sorted(found, key=lambda h: (h.start, h.layer, -h.end))


def _figure_tip(label: str, value: float | None, counts: str | None) -> str:
    """What a highlighted figure is: its kind, its value in full and what it counts."""
    tip = kind_name(label)
    if value is not None:
        tip += f" · {int(value):,}" if float(value).is_integer() else f" · {value:,}"
    return tip + (f" · {counts}" if counts and counts != kind_name(label) else "")


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)


def render_body(text: str, layout: Layout, highlights: list[Highlight]) -> str:
    """The article body as HTML: the layout with every slot filled and highlighted."""
    parts = [layout.html[0]]
    anchored: set[str] = set()
    index = 0
    for slot, html in zip(layout.slots, layout.html[1:], strict=True):
        # Highlights are sorted by start; skip those that ended before this slot.
        while index < len(highlights) and highlights[index].end <= slot.start:
            index += 1
        parts.append(_fill_slot(text, slot, highlights, index, anchored))
        parts.append(html)
    return "".join(parts)


def _fill_slot(
    text: str, slot: Slot, highlights: list[Highlight], first: int, anchored: set[str]
) -> str:
    active = _overlapping(highlights, first, slot)
    if slot.in_code:
        return _anchored_code(text, slot, active, anchored)
    if not active:
        return escape(text[slot.start : slot.end], quote=False)
    cuts = sorted({slot.start, slot.end} | {
        point for h in active for point in (h.start, h.end) if slot.start < point < slot.end
    })
    out: list[str] = []
    stack: list[Highlight] = []
    for left, right in pairwise(cuts):
        wanted = sorted((h for h in active if h.start <= left and h.end >= right),
                        key=lambda h: (h.layer, h.start, -h.end))
        keep = 0
        while keep < len(stack) and keep < len(wanted) and stack[keep] is wanted[keep]:
            keep += 1
        for closing in reversed(stack[keep:]):
            out.append(_close(closing, slot))
        stack = stack[:keep]
        for opening in wanted[keep:]:
            out.append(_open(opening, slot, anchored))
            stack.append(opening)
        out.append(escape(text[left:right], quote=False))
    for closing in reversed(stack):
        out.append(_close(closing, slot))
    return "".join(out)


def _anchored_code(text: str, slot: Slot, active: list[Highlight], anchored: set[str]) -> str:
    """Code is never highlighted, but an annotation that starts in it still gets its id
    (an empty element where it starts): the side panel and person pages link to it."""
    out: list[str] = []
    position = slot.start
    for highlight in active:
        if highlight.anchor in anchored:
            continue
        anchored.add(highlight.anchor)
        at = max(highlight.start, slot.start)
        out.append(escape(text[position:at], quote=False))
        out.append(f'<span id="{escape(highlight.anchor)}"></span>')
        position = at
    out.append(escape(text[position : slot.end], quote=False))
    return "".join(out)


def _overlapping(highlights: list[Highlight], first: int, slot: Slot) -> list[Highlight]:
    found = []
    for highlight in highlights[first:]:
        if highlight.start >= slot.end:
            break
        if highlight.end > slot.start:
            found.append(highlight)
    return found


def _is_link(highlight: Highlight, slot: Slot) -> bool:
    return highlight.href is not None and not slot.in_link


def _open(highlight: Highlight, slot: Slot, anchored: set[str]) -> str:
    tag = "a" if _is_link(highlight, slot) else "span"
    attributes = [("class", highlight.css)]
    if highlight.anchor not in anchored:
        anchored.add(highlight.anchor)
        attributes.append(("id", highlight.anchor))
    if tag == "a":
        attributes.append(("href", highlight.href or ""))
    attributes.extend(highlight.attributes)
    if highlight.tip:
        attributes.append(("data-tip", highlight.tip + (highlight.tip_link if tag == "a" else "")))
    rendered = " ".join(f'{name}="{escape(value)}"' for name, value in attributes)
    return f"<{tag} {rendered}>"


def _close(highlight: Highlight, slot: Slot) -> str:
    return "</a>" if _is_link(highlight, slot) else "</span>"

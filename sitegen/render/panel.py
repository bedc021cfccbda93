"""The side panel of an article: its people, organisations, places, quotes and figures."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sitegen.anchors import figure_anchor, mention_anchor, partial_quote_anchor, quote_anchor
from sitegen.archive import ArticlePage, EntityRef, spoken_by
from sitegen.labels import STYLES, style_of
from sitegen.models import Quote

EntityHref = Callable[[EntityRef], str | None]  # the URL of an entity's page from this article


@dataclass(frozen=True)
class PanelEntry:
    """One entity in the panel, linking to its page and its first mention."""

    name: str
    href: str | None
    anchor: str
    mentions: int
    filter: bool = False  # whether search offers it as a filter


@dataclass(frozen=True)
class PanelGroup:
    """Entities of one kind."""

    kind: str
    title: str
    entries: tuple[PanelEntry, ...]


@dataclass(frozen=True)
class PanelQuote:
    """A quote: who said it, and where."""

    speaker: str | None
    href: str | None
    text: str
    anchor: str


@dataclass(frozen=True)
class PanelFigure:
    """A figure and what it counts."""

    text: str
    counts: str | None
    anchor: str


@dataclass(frozen=True)
class Panel:
    """Everything the side panel lists; anchors match the ids in the highlighted body."""

    groups: tuple[PanelGroup, ...]
    quotes: tuple[PanelQuote, ...]
    figures: tuple[PanelFigure, ...]
    partial_quotes: tuple[PanelQuote, ...] = ()  # quoted words inside the narration


def side_panel(page: ArticlePage, href: EntityHref, filters: frozenset[str] = frozenset()) -> Panel:
    """The panel of one article page, its entities named as the archive names them;
    those whose page is in ``filters`` are search filters.

    Two of the article's entities that are one archive entity ("Blair" and "Tony Blair"
    where the article did not join them) are one entry.
    """
    annotations, refs = page.annotations, page.entities
    first_mention: dict[tuple[str, str], str] = {}  # archive identity -> its first mention's id
    for number, mention in enumerate(annotations.mentions, start=1):
        if (ref := refs.get(mention.key)) is not None:
            first_mention.setdefault(ref.identity, mention_anchor(number))
    mentions: dict[tuple[str, str], int] = {}
    entities: dict[tuple[str, str], EntityRef] = {}
    for entity in annotations.entities:
        ref = refs.get(entity.key)
        if ref is not None and ref.identity in first_mention:
            entities.setdefault(ref.identity, ref)
            mentions[ref.identity] = mentions.get(ref.identity, 0) + entity.mentions
    groups = tuple(
        PanelGroup(style, title, tuple(
            PanelEntry(ref.name, href(ref), first_mention[ref.identity], mentions[ref.identity],
                       ref.path in filters)
            for ref in entities.values() if style_of(ref.label) == style
        ))
        for style, title in STYLES
    )
    quotes = _panel_quotes(page, href, annotations.quotes, quote_anchor)
    partial = _panel_quotes(page, href, annotations.partial_quotes, partial_quote_anchor)
    figures = tuple(
        PanelFigure(f.text, f.counts, figure_anchor(number))
        for number, f in enumerate(annotations.figures, start=1)
    )
    return Panel(groups, quotes, figures, partial)


def _panel_quotes(
    page: ArticlePage, href: EntityHref, quotes: tuple[Quote, ...], anchor: Callable[[int], str]
) -> tuple[PanelQuote, ...]:
    found = []
    for number, quote in enumerate(quotes, start=1):
        speaker = spoken_by(page, quote)
        found.append(PanelQuote(speaker.name if speaker else None, href(speaker) if speaker else None,
                                quote.text.strip("“”\"‘’ "), anchor(number)))
    return tuple(found)

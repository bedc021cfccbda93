"""The side panel of an article: its people, organisations, places, quotes and figures."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sitegen.anchors import figure_anchor, mention_anchor, quote_anchor
from sitegen.labels import STYLES, style_of
from sitegen.models import Annotations

Link = Callable[[str, str], str | None]


@dataclass(frozen=True)
class PanelEntry:
    """One canonical entity in the panel, linking to its page and its first mention."""

    name: str
    href: str | None
    anchor: str
    mentions: int


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


def side_panel(annotations: Annotations, link: Link) -> Panel:
    """The panel of one article; ``link(label, key)`` gives an entity page's URL or None."""
    first_mention: dict[str, str] = {}
    for number, mention in enumerate(annotations.mentions, start=1):
        first_mention.setdefault(mention.key, mention_anchor(number))
    groups = []
    for group, title in STYLES:
        entries = tuple(
            PanelEntry(info.name, link(info.label, info.key), first_mention[info.key],
                       info.mentions)
            for info in annotations.entities
            if style_of(info.label) == group and info.key in first_mention
        )
        groups.append(PanelGroup(group, title, entries))
    quotes = tuple(
        PanelQuote(q.speaker, link("PERSON", q.speaker_key) if q.speaker_key else None,
                   q.text.strip("“”\"‘’ "), quote_anchor(number))
        for number, q in enumerate(annotations.quotes, start=1)
    )
    figures = tuple(
        PanelFigure(f.text, f.counts, figure_anchor(number))
        for number, f in enumerate(annotations.figures, start=1)
    )
    return Panel(tuple(groups), quotes, figures)

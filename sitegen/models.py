"""Plain data passed between the build stages: frozen dataclasses, stdlib only.

The body of an article is kept twice: ``text`` is the plain text that the
annotator sees and every offset points into; ``layout`` is the article's HTML
with holes (``Slot``) where runs of that text go. The renderer fills each hole
with the escaped text plus highlight markup, so annotations can never break
Markdown structure (links, emphasis, code) and never change a character.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True)
class Slot:
    """A run of ``Article.text`` that appears in the page at this place.

    ``in_link`` marks text inside an ``<a>`` (a highlight there must not be a
    link itself); ``in_code`` marks code, which is never highlighted.
    """

    start: int
    end: int
    in_link: bool = False
    in_code: bool = False


@dataclass(frozen=True, slots=True)
class Layout:
    """HTML fragments interleaved with slots: ``html[0] slot[0] html[1] … html[n]``."""

    html: tuple[str, ...]
    slots: tuple[Slot, ...]


@dataclass(frozen=True, slots=True)
class Article:
    """One article as read from the content folder, before annotation."""

    source: str  # path relative to the content folder, POSIX style
    slug: str
    title: str
    text: str  # the body as plain text, paragraphs joined by a blank line
    layout: Layout
    date: date | None = None
    author: str | None = None
    summary: str | None = None
    section: str | None = None
    topics: tuple[str, ...] = ()
    draft: bool = False
    paragraph_starts: tuple[int, ...] = ()  # offsets of paragraph starts in ``text``


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of a named entity in the text; ``key`` is its ``Entity``'s key in this article."""

    start: int
    end: int
    text: str
    label: str
    key: str


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity of one article: its key there, its fullest name and the forms seen."""

    key: str
    name: str
    label: str
    aliases: tuple[str, ...] = ()
    mentions: int = 0


@dataclass(frozen=True, slots=True)
class Quote:
    """Quoted speech; the span covers the quoted words with their quote marks.

    ``kind`` is "direct" (the speech itself, set off from the narration) or "partial"
    (quoted words inside the narrator's sentence: ``said the plan was "a disaster for…"``).
    ``speaker_span`` is the mention that attributes it ("he" of "he said"), ``speaker``
    and ``speaker_key`` the person that mention stands for.
    """

    start: int
    end: int
    text: str
    speaker: str | None = None
    speaker_key: str | None = None
    speaker_span: tuple[int, int] | None = None
    cue: str | None = None
    kind: str = "direct"


@dataclass(frozen=True, slots=True)
class Figure:
    """A number a reader checks: count, money, percentage or quantity."""

    start: int
    end: int
    text: str
    value: float | None
    counts: str | None
    label: str


@dataclass(frozen=True, slots=True)
class Annotations:
    """Everything the annotator found in one article's text."""

    mentions: tuple[Mention, ...] = ()
    entities: tuple[Entity, ...] = ()  # one per entity the mentions name, every label
    quotes: tuple[Quote, ...] = ()  # direct quotes only: what a person said, word for word
    partial_quotes: tuple[Quote, ...] = ()  # quoted words inside the narration
    figures: tuple[Figure, ...] = ()
    noun_phrases: tuple[str, ...] = field(default=())  # lemmatised key phrases, for topics

    @property
    def people(self) -> tuple[Entity, ...]:
        """Only the people (label PERSON)."""
        return tuple(entity for entity in self.entities if entity.label == "PERSON")


@dataclass(frozen=True, slots=True)
class AnnotatedArticle:
    """An article and its annotations, the unit the archive model is built from."""

    article: Article
    annotations: Annotations

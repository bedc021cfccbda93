"""Plain data passed between the build stages: frozen dataclasses, stdlib only.

The body of an article is kept twice: ``text`` is the plain text that the
annotator sees and every offset points into; ``layout`` is the article's HTML
with holes (``Slot``) where runs of that text go. The renderer fills each hole
with the escaped text plus highlight markup, so annotations can never break
Markdown structure (links, emphasis, code) and never change a character.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any


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
    """One article as read from the content folder, before annotation.

    Links from an article to the archive's own pages and files (in ``layout`` and
    ``image``) are references the renderer turns into relative URLs:
    ``sitegen:article/<slug>`` (with ``#fragment``), ``sitegen:article/<slug>/<file>``
    (a file published beside that article, as in a page bundle) and
    ``sitegen:file/<path>`` (a content file published at ``path``).
    """

    source: str  # path relative to the content folder, POSIX style
    slug: str
    title: str
    text: str  # the body as plain text, paragraphs joined by a blank line
    layout: Layout
    date: date | None = None  # the day of publication, as written
    author: str | None = None  # every author, as one line ("A, B and C")
    summary: str | None = None
    section: str | None = None
    topics: tuple[str, ...] = ()
    draft: bool = False
    paragraph_starts: tuple[int, ...] = ()  # offsets of paragraph starts in ``text``
    published: datetime | None = None  # the moment, with its UTC offset, when a time was given
    updated: datetime | None = None  # last change (front matter; the file's for an undated article)
    authors: tuple[str, ...] = ()
    image: str | None = None  # the article's image: a URL or a reference as above
    old_urls: tuple[str, ...] = ()  # site paths the article had before ("/2019/05/02/title/")
    meta: dict[str, Any] = field(default_factory=dict)  # every front matter key, as written

    @property
    def moment(self) -> datetime | None:
        """When the article was published, for ordering and feeds (midnight UTC for a bare date)."""
        if self.published is not None:
            return self.published
        if self.date is None:
            return None
        return datetime(self.date.year, self.date.month, self.date.day, tzinfo=UTC)


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
    # A person's: the roles the article introduces them with, most used first ("the prime
    # minister"), and the evidence that it is a person or reads as a thing (label, points):
    # 2 points for a mention that says so plainly, 1 for a hint.
    descriptions: tuple[str, ...] = ()
    vouched: int = 0
    doubted: tuple[tuple[str, int], ...] = ()


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
class Phrase:
    """A key noun phrase of the text: its span and its form for topics (lower case, singular)."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Annotations:
    """Everything the annotator found in one article's text."""

    mentions: tuple[Mention, ...] = ()
    entities: tuple[Entity, ...] = ()  # one per entity the mentions name, every label
    quotes: tuple[Quote, ...] = ()  # direct quotes only: what a person said, word for word
    partial_quotes: tuple[Quote, ...] = ()  # quoted words inside the narration
    figures: tuple[Figure, ...] = ()
    noun_phrases: tuple[Phrase, ...] = field(default=())  # key noun phrases in text order, for topics

    @property
    def people(self) -> tuple[Entity, ...]:
        """Only the people (label PERSON)."""
        return tuple(entity for entity in self.entities if entity.label == "PERSON")


@dataclass(frozen=True, slots=True)
class AnnotatedArticle:
    """An article and its annotations, the unit the archive model is built from."""

    article: Article
    annotations: Annotations
    # A digest of what the annotations are made from (the text, the annotator, the model and
    # spaCy versions), or "": page fingerprints hash it instead of pickling every record.
    annotations_digest: str = ""

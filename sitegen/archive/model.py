"""The archive model's pages: plain frozen dataclasses the renderer turns into files."""

from __future__ import annotations

from dataclasses import dataclass

from sitegen.archive.refs import EntityRef, EntityRefs
from sitegen.archive.topics import KIND_TITLES, KINDS
from sitegen.labels import PERSON
from sitegen.models import Annotations, Article, Quote


@dataclass(frozen=True, slots=True)
class Link:
    """A named link to another page of the archive, with a count where one helps."""

    name: str
    path: str
    count: int = 0


@dataclass(frozen=True, slots=True)
class ArticlePage:
    """An article with its annotations as annotate made them, what their keys stand for, and
    its neighbours.

    ``entities`` maps each of the article's own entity keys (``Mention.key``, ``Entity.key``,
    ``Quote.speaker_key``) to the archive entity it is; ignored entities are not in it.
    """

    article: Article
    annotations: Annotations
    path: str
    entities: EntityRefs
    newer: Link | None = None
    older: Link | None = None
    people: tuple[Link, ...] = ()
    topics: tuple[Link, ...] = ()
    related: tuple[Link, ...] = ()
    section: Link | None = None  # the section topic its folder makes, with its title

    @property
    def standfirst(self) -> str:
        """What the article is about in a sentence or two: its summary, else its first paragraph."""
        return self.article.summary or self.article.text.split("\n\n", 1)[0]


@dataclass(frozen=True, slots=True)
class ListingPage:
    """One page of a paginated list of articles."""

    path: str
    number: int
    count: int
    articles: tuple[ArticlePage, ...]
    newer: str | None = None  # the previous page of the listing (newer articles)
    older: str | None = None


@dataclass(frozen=True, slots=True)
class QuoteEntry:
    """A quote in the archive: the article page it was said in, and its anchor there."""

    quote: Quote
    page: ArticlePage
    anchor: str


@dataclass(frozen=True, slots=True)
class PersonDescription:
    """Who a person is, as the archive says it most, and the article that says it first."""

    text: str
    source: Link
    fictional: bool = False


@dataclass(frozen=True, slots=True)
class PersonPage:
    """A person: every quote, every article, who and what they appear with."""

    key: str
    name: str
    aliases: tuple[str, ...]
    path: str
    sort_name: str
    letter: str
    listing: tuple[ListingPage, ...]
    quotes: tuple[QuoteEntry, ...]
    people: tuple[Link, ...]
    topics: tuple[Link, ...]
    article_count: int
    description: PersonDescription | None = None

    @property
    def feed_path(self) -> str:
        """The person's Atom feed."""
        return self.path.replace("index.html", "feed.xml")


@dataclass(frozen=True, slots=True)
class TopicPage:
    """A topic: its articles, its most-quoted people and related topics."""

    key: str
    name: str
    kind: str
    path: str
    listing: tuple[ListingPage, ...]
    people: tuple[Link, ...]
    related: tuple[Link, ...]
    article_count: int
    synonyms: tuple[str, ...] = ()
    timeline: tuple[Link, ...] = ()  # articles per year (or month), oldest first: name, count

    @property
    def feed_path(self) -> str:
        """The topic's Atom feed."""
        return self.path.replace("index.html", "feed.xml")


@dataclass(frozen=True, slots=True)
class Redirect:
    """A page at an article's old address that sends readers (and search engines) on to it."""

    path: str  # the output path of the redirect page ("2019/05/02/title/index.html")
    target: str  # the output path of the article page


LEADING_PEOPLE = 12  # the people index opens with this many of the most covered


@dataclass(frozen=True, slots=True)
class Site:
    """The whole archive: what the renderer turns into pages."""

    articles: tuple[ArticlePage, ...]  # newest first
    home: tuple[ListingPage, ...]
    people: tuple[PersonPage, ...] = ()  # A–Z by surname
    topics: tuple[TopicPage, ...] = ()
    redirects: tuple[Redirect, ...] = ()

    def topics_by_kind(self) -> list[tuple[str, list[TopicPage]]]:
        """Topics grouped by kind in a fixed order, largest first within a kind."""
        return [
            (KIND_TITLES[kind], sorted((t for t in self.topics if t.kind == kind),
                                       key=lambda t: (-t.article_count, t.name.casefold())))
            for kind in KINDS
            if any(t.kind == kind for t in self.topics)
        ]

    def letters(self) -> list[str]:
        """The initials that people's surnames start with, for the letter bar."""
        return sorted({p.letter for p in self.people})

    def leading_people(self, count: int = LEADING_PEOPLE) -> list[PersonPage]:
        """The people the archive covers most (articles and quotes), in more than one article."""
        ranked = sorted((p for p in self.people if p.article_count > 1),
                        key=lambda p: (-(p.article_count + len(p.quotes)), p.sort_name))
        return ranked[:count]


def spoken_by(page: ArticlePage, quote: Quote) -> EntityRef | None:
    """The archive person who said ``quote`` (None when unknown, ignored or not a person)."""
    ref = page.entities.get(quote.speaker_key) if quote.speaker_key else None
    return ref if ref is not None and ref.label == PERSON else None

"""The archive model's pages: plain frozen dataclasses the renderer turns into files."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sitegen.archive.refs import EntityRef, EntityRefs
from sitegen.archive.topics import KIND_TITLES, KINDS
from sitegen.labels import PERSON
from sitegen.models import Annotations, Article, Figure, Quote


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
    annotations_digest: str = ""  # ``AnnotatedArticle.annotations_digest``

    @property
    def standfirst(self) -> str:
        """What the article is about in a sentence or two: its summary, else its first paragraph."""
        return self.article.summary or self.article.text.split("\n\n", 1)[0]


SEARCH_FILTERS = 25  # people, and topics, search offers as filters
NEWEST_FIRST, BY_TITLE, DATED_THEN_TITLE = "newest", "title", "dated-then-title"


@dataclass(frozen=True, slots=True)
class PageLink:
    """A numbered page of a listing; ``path`` None stands for the pages left out between two."""

    number: int
    path: str | None
    current: bool = False


@dataclass(frozen=True, slots=True)
class ListingPage:
    """One page of a paginated list of articles (or figures, for ``FigurePage``).

    ``order`` says how the list is sorted: newest first, by title (an archive without
    dates), or the dated articles newest first and then the undated ones by title.
    """

    path: str
    number: int
    count: int
    articles: tuple[ArticlePage, ...]
    newer: str | None = None  # the previous page of the listing (newer articles)
    older: str | None = None
    order: str = NEWEST_FIRST
    pages: tuple[PageLink, ...] = ()  # page numbers to show: first, last, a few around this one

    @property
    def dated(self) -> bool:
        """Whether the list runs newest to oldest (its neighbours are newer and older)."""
        return self.order == NEWEST_FIRST


@dataclass(frozen=True, slots=True)
class InContext:
    """A span of an article with the rest of its sentence: ``before`` it and ``after`` it."""

    before: str
    text: str
    after: str


@dataclass(frozen=True, slots=True)
class QuoteEntry:
    """A quote in the archive: the article page it was said in, its anchor there, and the
    sentence around it."""

    quote: Quote
    page: ArticlePage
    anchor: str
    context: InContext | None = None


@dataclass(frozen=True, slots=True)
class QuoteGroup:
    """The quotes a person gave in one article, in the order of the text."""

    page: ArticlePage
    quotes: tuple[QuoteEntry, ...]


def group_quotes(quotes: tuple[QuoteEntry, ...]) -> tuple[QuoteGroup, ...]:
    """Consecutive quotes of one article page as one group, in the order given."""
    groups: list[QuoteGroup] = []
    for entry in quotes:
        if groups and groups[-1].page is entry.page:
            groups[-1] = QuoteGroup(entry.page, (*groups[-1].quotes, entry))
        else:
            groups.append(QuoteGroup(entry.page, (entry,)))
    return tuple(groups)


class _NumberedPages:
    """Page ``number`` of a table or list in pages that link by number (``pages``)."""

    __slots__ = ()
    number: int
    pages: tuple[PageLink, ...]
    order: str

    @property
    def newer(self) -> str | None:
        """The previous page."""
        return next((p.path for p in self.pages if p.number == self.number - 1), None)

    @property
    def older(self) -> str | None:
        """The next page."""
        return next((p.path for p in self.pages if p.number == self.number + 1), None)

    @property
    def dated(self) -> bool:
        """Whether the pages run from the newest article to the oldest."""
        return self.order == NEWEST_FIRST


@dataclass(frozen=True, slots=True)
class QuotePage(_NumberedPages):
    """One page of everything a person said, by article, newest first."""

    path: str
    number: int
    count: int
    groups: tuple[QuoteGroup, ...]
    total: int  # the person's quotes
    pages: tuple[PageLink, ...] = ()
    order: str = NEWEST_FIRST


@dataclass(frozen=True, slots=True)
class Period:
    """A month or year of a timeline: its first day, and the articles and quotes in it."""

    start: date
    articles: int = 0
    quotes: int = 0


@dataclass(frozen=True, slots=True)
class Timeline:
    """Articles and quotes per month (per year for an archive of more than two years), over
    the whole archive's span so that timelines compare, oldest first."""

    unit: str  # "month" or "year"
    periods: tuple[Period, ...]

    @property
    def articles(self) -> int:
        """The dated articles counted."""
        return sum(p.articles for p in self.periods)

    @property
    def quotes(self) -> int:
        """The quotes counted (in dated articles)."""
        return sum(p.quotes for p in self.periods)

    @property
    def busiest(self) -> Period:
        """The period with the most articles (the first of equals)."""
        return max(self.periods, key=lambda p: p.articles)

    @property
    def first(self) -> Period:
        """The oldest period with an article."""
        return next(p for p in self.periods if p.articles)

    @property
    def last(self) -> Period:
        """The newest period with an article."""
        return next(p for p in reversed(self.periods) if p.articles)


@dataclass(frozen=True, slots=True)
class FigureEntry:
    """A figure in the archive: its article, its anchor there and its sentence."""

    figure: Figure
    page: ArticlePage
    anchor: str
    context: InContext


@dataclass(frozen=True, slots=True)
class FigurePage(_NumberedPages):
    """One page of the figures table."""

    path: str
    number: int
    count: int
    figures: tuple[FigureEntry, ...]
    total: int  # figures in the whole archive
    pages: tuple[PageLink, ...] = ()
    offset: int = 0  # figures on the pages before this one
    order: str = NEWEST_FIRST  # of the articles the figures are from


@dataclass(frozen=True, slots=True)
class PersonDescription:
    """Who a person is, as the archive says it most, and the article that says it first."""

    text: str
    source: Link
    fictional: bool = False


@dataclass(frozen=True, slots=True)
class Tie:
    """Two of the people a person is most often named with (indices into ``PersonPage.people``)
    and how many of the person's articles name both."""

    a: int
    b: int
    count: int


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
    timeline: Timeline | None = None  # None when none of their articles has a date
    ties: tuple[Tie, ...] = ()  # between the people of ``people``: who appears with whom
    # Kept beside ``quotes`` and ``listing``: a page receives the person without them.
    quote_count: int = 0
    first_seen: ArticlePage | None = None  # the oldest dated article naming them
    last_seen: ArticlePage | None = None  # the newest
    # Every quote, page by page, when there are more than the person page shows.
    quote_pages: tuple[QuotePage, ...] = ()

    @property
    def feed_path(self) -> str:
        """The person's Atom feed."""
        return self.path.replace("index.html", "feed.xml")

    @property
    def quote_groups(self) -> tuple[QuoteGroup, ...]:
        """The quotes by article, newest article first (the order of ``quotes``)."""
        return group_quotes(self.quotes)


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
    timeline: Timeline | None = None  # None when none of its articles has a date

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
    figures: tuple[FigurePage, ...] = ()

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
                        key=lambda p: (-(p.article_count + p.quote_count), p.sort_name))
        return ranked[:count]


    def search_filters(self, count: int = SEARCH_FILTERS) -> frozenset[str]:
        """The pages of the people and topics search offers as filters: the ``count`` in the
        most articles of each (a filter of every name is too long to read)."""
        people = sorted(self.people, key=lambda p: (-p.article_count, p.sort_name))[:count]
        topics = sorted(self.topics, key=lambda t: (-t.article_count, t.name))[:count]
        return frozenset(p.path for p in people) | frozenset(t.path for t in topics)


def spoken_by(page: ArticlePage, quote: Quote) -> EntityRef | None:
    """The archive person who said ``quote`` (None when unknown, ignored or not a person)."""
    ref = page.entities.get(quote.speaker_key) if quote.speaker_key else None
    return ref if ref is not None and ref.label == PERSON else None

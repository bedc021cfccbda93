"""Stage 3, the archive model: every page of the site as plain data, no I/O.

All data is gathered before anything is written, so every page sees one
consistent archive (the MkDocs way): articles, home pages, people and topics.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from sitegen.anchors import quote_anchor
from sitegen.archive.entities import ArchiveEntity, build_entity_index
from sitegen.archive.refs import EntityRef, EntityRefs, entity_refs
from sitegen.archive.related import related_articles
from sitegen.archive.topics import KIND_TITLES, KINDS, Topic, find_topics
from sitegen.archive.urls import article_path, listing_path, person_path, topic_path
from sitegen.keys import slug
from sitegen.labels import PERSON
from sitegen.models import AnnotatedArticle, Annotations, Article, Quote

TOP_LINKS = 10  # co-mentioned people, related topics, most-quoted people
G = TypeVar("G", ArchiveEntity, Topic)


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

    @property
    def feed_path(self) -> str:
        """The topic's Atom feed."""
        return self.path.replace("index.html", "feed.xml")


@dataclass(frozen=True, slots=True)
class Site:
    """The whole archive: what the renderer turns into pages."""

    articles: tuple[ArticlePage, ...]  # newest first
    home: tuple[ListingPage, ...]
    people: tuple[PersonPage, ...] = ()  # A–Z by surname
    topics: tuple[TopicPage, ...] = ()

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


def newest_first(items: list[AnnotatedArticle]) -> list[AnnotatedArticle]:
    """Dated articles newest first, then undated ones by title; ties broken by source path."""

    def key(item: AnnotatedArticle) -> tuple[bool, int, str, str]:
        article = item.article
        ordinal = article.date.toordinal() if isinstance(article.date, date) else 0
        return (article.date is None, -ordinal, article.title.casefold(), article.source)

    return sorted(items, key=key)


def paginate(folder: str, pages: tuple[ArticlePage, ...], size: int) -> tuple[ListingPage, ...]:
    """Split ``pages`` into listing pages of ``size`` articles (at least one page)."""
    chunks = [pages[i : i + size] for i in range(0, len(pages), size)] or [()]
    count = len(chunks)
    return tuple(
        ListingPage(
            path=listing_path(folder, number),
            number=number,
            count=count,
            articles=chunk,
            newer=listing_path(folder, number - 1) if number > 1 else None,
            older=listing_path(folder, number + 1) if number < count else None,
        )
        for number, chunk in enumerate(chunks, start=1)
    )


def build_site(
    items: list[AnnotatedArticle],
    *,
    page_size: int,
    aliases: dict[str, str] | None = None,
    ignore: frozenset[str] = frozenset(),
    named_topics: dict[str, tuple[str, ...]] | None = None,
    min_articles: int = 2,
) -> Site:
    """Arrange annotated articles into the pages of the archive."""
    ordered = newest_first(items)
    entities = build_entity_index(ordered, aliases, ignore)
    topics = find_topics(ordered, entities, named_topics or {}, min_articles)
    people = [e for e in entities.of_group(PERSON) if e.articles]
    entity_pages = {(PERSON, p.key): person_path(p.key) for p in people}
    for topic in topics:
        if topic.entity:
            entity_pages[topic.entity] = topic_path(topic.key)
    refs = [entity_refs(entities, index, [e.key for e in item.annotations.entities], entity_pages)
            for index, item in enumerate(ordered)]
    pages = _article_pages(ordered, refs, people, topics)
    return Site(
        articles=pages,
        home=paginate("", pages, page_size),
        people=_person_pages(people, pages, topics, page_size),
        topics=_topic_pages(topics, pages, page_size),
    )


def _article_pages(
    ordered: list[AnnotatedArticle], refs: list[dict[str, EntityRef]], people: list[ArchiveEntity],
    topics: list[Topic],
) -> tuple[ArticlePage, ...]:
    paths = [article_path(item.article.slug) for item in ordered]
    topics_of: list[list[Link]] = [[] for _ in ordered]
    for topic in topics:
        for index in sorted(topic.articles):
            topics_of[index].append(Link(topic.name, topic_path(topic.key), len(topic.articles)))
    groups = [p.articles for p in people] + [sorted(t.articles) for t in topics if t.kind != "section"]
    weights = [3.0] * len(people) + [1.0] * (len(groups) - len(people))
    related = related_articles(groups, len(ordered), weights)

    def link(index: int) -> Link:
        return Link(ordered[index].article.title, paths[index])

    return tuple(
        ArticlePage(
            article=item.article,
            annotations=item.annotations,
            path=paths[index],
            entities=refs[index],
            newer=link(index - 1) if index > 0 else None,
            older=link(index + 1) if index + 1 < len(ordered) else None,
            people=_people_of(item.annotations, refs[index]),
            topics=tuple(topics_of[index]),
            related=tuple(link(other) for other in related[index]),
        )
        for index, item in enumerate(ordered)
    )


def _people_of(annotations: Annotations, refs: EntityRefs) -> tuple[Link, ...]:
    """The people of an article with their pages, most mentioned there first."""
    mentions: Counter[str] = Counter()
    found: dict[str, EntityRef] = {}
    for entity in annotations.people:
        ref = refs.get(entity.key)
        if ref is not None and ref.path is not None and ref.label == PERSON:
            found.setdefault(ref.key, ref)
            mentions[ref.key] += entity.mentions
    ordered = sorted(found.values(), key=lambda ref: (-mentions[ref.key], ref.name))
    return tuple(Link(ref.name, ref.path or "") for ref in ordered)


def spoken_by(page: ArticlePage, quote: Quote) -> EntityRef | None:
    """The archive person who said ``quote`` (None when unknown, ignored or not a person)."""
    ref = page.entities.get(quote.speaker_key) if quote.speaker_key else None
    return ref if ref is not None and ref.label == PERSON else None


def _by_article(groups: Sequence[G], count: int) -> list[list[G]]:
    """For each article index, the people (or topics) whose ``articles`` include it."""
    members: list[list[G]] = [[] for _ in range(count)]
    for group in groups:
        for index in group.articles:
            members[index].append(group)
    return members


def _surname(name: str) -> str:
    words = [w for w in name.split() if w.rstrip(".").lower() not in {"jr", "sr", "ii", "iii"}]
    return (words[-1] if words else name).casefold()


def _initial(sort_name: str) -> str:
    ascii_name = slug(sort_name, "#")
    return ascii_name[0].upper() if ascii_name[0].isalpha() else "#"


def _person_pages(
    people: list[ArchiveEntity], pages: tuple[ArticlePage, ...], topics: list[Topic], page_size: int
) -> tuple[PersonPage, ...]:
    topics_of = _by_article(topics, len(pages))
    people_of = _by_article(people, len(pages))
    result = []
    for person in people:
        path = person_path(person.key)
        articles = tuple(pages[i] for i in person.articles)
        quotes = tuple(
            QuoteEntry(quote, page, quote_anchor(number))
            for page in articles
            for number, quote in enumerate(page.annotations.quotes, start=1)
            if (speaker := spoken_by(page, quote)) is not None and speaker.key == person.key
        )
        together: Counter[str] = Counter()
        names: dict[str, ArchiveEntity] = {}
        for index in person.articles:
            for other in people_of[index]:
                if other is not person:
                    together[other.key] += 1
                    names[other.key] = other
        in_topics: Counter[str] = Counter()
        topic_by_key: dict[str, Topic] = {}
        for index in person.articles:
            for topic in topics_of[index]:
                in_topics[topic.key] += 1
                topic_by_key[topic.key] = topic
        sort_name = _surname(person.name) + " " + person.name.casefold()
        result.append(PersonPage(
            key=person.key,
            name=person.name,
            aliases=person.aliases,
            path=path,
            sort_name=sort_name,
            letter=_initial(sort_name),
            listing=paginate(path.removesuffix("/index.html"), articles, page_size),
            quotes=quotes,
            people=tuple(Link(names[k].name, person_path(k), n)
                         for k, n in _top(together)),
            topics=tuple(Link(topic_by_key[k].name, topic_path(k), n) for k, n in _top(in_topics)),
            article_count=len(articles),
        ))
    return tuple(sorted(result, key=lambda p: p.sort_name))


def _top(counter: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_LINKS]


def _topic_pages(
    topics: list[Topic], pages: tuple[ArticlePage, ...], page_size: int
) -> tuple[TopicPage, ...]:
    topics_of = _by_article(topics, len(pages))
    result = []
    for topic in topics:
        path = topic_path(topic.key)
        articles = tuple(pages[i] for i in sorted(topic.articles))
        quoted: Counter[str] = Counter()
        speaker_names: dict[str, str] = {}
        for page in articles:
            for quote in page.annotations.quotes:
                speaker = spoken_by(page, quote)
                if speaker is not None and speaker.path is not None:
                    quoted[speaker.key] += 1
                    speaker_names[speaker.key] = speaker.name
        together: Counter[str] = Counter()
        by_key: dict[str, Topic] = {}
        for index in topic.articles:
            for other in topics_of[index]:
                if other is not topic:
                    together[other.key] += 1
                    by_key[other.key] = other
        result.append(TopicPage(
            key=topic.key,
            name=topic.name,
            kind=topic.kind,
            path=path,
            listing=paginate(path.removesuffix("/index.html"), articles, page_size),
            people=tuple(Link(speaker_names[k], person_path(k), n) for k, n in _top(quoted)),
            related=tuple(Link(by_key[k].name, topic_path(k), n) for k, n in _top(together)),
            article_count=len(articles),
            synonyms=topic.synonyms,
        ))
    return tuple(result)


__all__ = ["ArticlePage", "EntityRef", "ListingPage", "PersonPage", "Site", "TopicPage",
           "build_site", "paginate", "spoken_by"]

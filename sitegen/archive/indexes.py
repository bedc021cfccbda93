"""The index pages of the archive: paginated listings, and a page per person and per topic."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from sitegen.anchors import quote_anchor
from sitegen.archive.entities import ArchiveEntity
from sitegen.archive.model import (
    ArticlePage,
    Link,
    ListingPage,
    PersonDescription,
    PersonPage,
    QuoteEntry,
    TopicPage,
    spoken_by,
)
from sitegen.archive.topics import Topic
from sitegen.archive.urls import listing_path, person_path, topic_path
from sitegen.keys import slug

TOP_LINKS = 10  # co-mentioned people, related topics, most-quoted people
G = TypeVar("G", ArchiveEntity, Topic)


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


def person_pages(
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
            people=_links(_shared(person, person.articles, people_of), person_path),
            topics=_links(_shared(None, person.articles, topics_of), topic_path),
            article_count=len(articles),
            description=_description(person, pages),
        ))
    return tuple(sorted(result, key=lambda p: p.sort_name))


def _description(person: ArchiveEntity, pages: tuple[ArticlePage, ...]) -> PersonDescription | None:
    said = person.description
    if said is None:
        return None
    source = pages[said.article]
    return PersonDescription(said.text, Link(source.article.title, source.path), said.fictional)


def _shared(item: G | None, articles: Iterable[int], members_of: list[list[G]]) -> dict[str, tuple[G, int]]:
    """Each person (or topic) but ``item`` in ``articles``, by key: it and how many it shares."""
    shared: dict[str, tuple[G, int]] = {}
    for index in articles:
        for other in members_of[index]:
            if other is not item:
                shared[other.key] = (other, shared.get(other.key, (other, 0))[1] + 1)
    return shared


def _links(shared: dict[str, tuple[G, int]], path_of: Callable[[str], str]) -> tuple[Link, ...]:
    """Links to the TOP_LINKS most shared, most first, then by key."""
    ranked = sorted(shared.items(), key=lambda kv: (-kv[1][1], kv[0]))[:TOP_LINKS]
    return tuple(Link(member.name, path_of(key), count) for key, (member, count) in ranked)


def _top(counter: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_LINKS]


def topic_pages(
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
        result.append(TopicPage(
            key=topic.key,
            name=topic.name,
            kind=topic.kind,
            path=path,
            listing=paginate(path.removesuffix("/index.html"), articles, page_size),
            people=tuple(Link(speaker_names[k], person_path(k), n) for k, n in _top(quoted)),
            related=_links(_shared(topic, topic.articles, topics_of), topic_path),
            article_count=len(articles),
            synonyms=topic.synonyms,
            timeline=timeline(articles),
        ))
    return tuple(result)


def timeline(articles: Sequence[ArticlePage]) -> tuple[Link, ...]:
    """How many of the dated articles fall in each year, oldest first; by month when they
    all fall within two years. The link names the period (its page is the topic's own)."""
    dates = [page.article.date for page in articles if page.article.date is not None]
    if not dates:
        return ()
    monthly = max(dates).year - min(dates).year < 2
    counts = Counter(d.strftime("%Y-%m") if monthly else str(d.year) for d in dates)
    return tuple(Link(period, "", count) for period, count in sorted(counts.items()))

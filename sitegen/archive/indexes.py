"""The index pages of the archive: paginated listings, and a page per person and per topic."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TypeVar

from sitegen.anchors import quote_anchor
from sitegen.archive.entities import ArchiveEntity
from sitegen.archive.model import ArticlePage, Link, ListingPage, PersonPage, QuoteEntry, TopicPage, spoken_by
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

"""The index pages of the archive: paginated listings, and a page per person and per topic."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from sitegen.anchors import quote_anchor
from sitegen.archive.context import in_context
from sitegen.archive.entities import ArchiveEntity
from sitegen.archive.model import (
    BY_TITLE,
    DATED_THEN_TITLE,
    NEWEST_FIRST,
    ArticlePage,
    Link,
    ListingPage,
    PageLink,
    PersonDescription,
    PersonPage,
    QuoteEntry,
    QuotePage,
    TopicPage,
    group_quotes,
    spoken_by,
)
from sitegen.archive.network import ties
from sitegen.archive.timelines import Span, timeline
from sitegen.archive.topics import Topic
from sitegen.archive.urls import listing_path, person_path, topic_path
from sitegen.keys import slug

TOP_LINKS = 10  # co-mentioned people, related topics, most-quoted people
AROUND = 2  # page numbers shown on each side of the current page
# Articles whose quotes a person page shows; past that, every quote is on pages of its own
# (a person quoted in thousands of articles would make a page of megabytes).
QUOTE_GROUPS_SHOWN = 50
G = TypeVar("G", ArchiveEntity, Topic)


def order_of(pages: Sequence[ArticlePage]) -> str:
    """How a list of articles in the archive's order runs: newest first, by title (none has a
    date) or dated ones first, then the undated ones by title."""
    dated = sum(page.article.date is not None for page in pages)
    return NEWEST_FIRST if dated == len(pages) else BY_TITLE if dated == 0 else DATED_THEN_TITLE


def page_links(folder: str, number: int, count: int) -> tuple[PageLink, ...]:
    """The page numbers to show on page ``number`` of ``count``: the first and the last, and
    ``AROUND`` pages on each side of it; a gap of more than one page is a ``path`` of None."""
    shown = sorted({1, count} | set(range(max(1, number - AROUND), min(count, number + AROUND) + 1)))
    links: list[PageLink] = []
    for page in shown:
        if links and page - links[-1].number == 2:  # one page left out: show it rather than "…"
            links.append(PageLink(page - 1, listing_path(folder, page - 1)))
        elif links and page - links[-1].number > 2:
            links.append(PageLink(page - 1, None))
        links.append(PageLink(page, listing_path(folder, page), page == number))
    return tuple(links)


def paginate(folder: str, pages: tuple[ArticlePage, ...], size: int) -> tuple[ListingPage, ...]:
    """Split ``pages`` into listing pages of ``size`` articles (at least one page)."""
    chunks = [pages[i : i + size] for i in range(0, len(pages), size)] or [()]
    count = len(chunks)
    order = order_of(pages)
    return tuple(
        ListingPage(
            path=listing_path(folder, number),
            number=number,
            count=count,
            articles=chunk,
            newer=listing_path(folder, number - 1) if number > 1 else None,
            older=listing_path(folder, number + 1) if number < count else None,
            order=order,
            pages=page_links(folder, number, count) if count > 1 else (),
        )
        for number, chunk in enumerate(chunks, start=1)
    )


def quote_pages(folder: str, quotes: tuple[QuoteEntry, ...], order: str,
                size: int = QUOTE_GROUPS_SHOWN) -> tuple[QuotePage, ...]:
    """Every quote in pages of ``size`` articles' quotes; none when one page shows them all."""
    groups = group_quotes(quotes)
    if len(groups) <= size:
        return ()
    chunks = [groups[i : i + size] for i in range(0, len(groups), size)]
    return tuple(
        QuotePage(path=listing_path(folder, number), number=number, count=len(chunks), groups=chunk,
                  total=len(quotes), pages=page_links(folder, number, len(chunks)), order=order)
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
    people: list[ArchiveEntity], pages: tuple[ArticlePage, ...], topics: list[Topic], page_size: int,
    span: Span | None = None,
) -> tuple[PersonPage, ...]:
    topics_of = _by_article(topics, len(pages))
    people_of = _by_article(people, len(pages))
    result = []
    for person in people:
        path = person_path(person.key)
        articles = tuple(pages[i] for i in person.articles)
        quotes = tuple(
            QuoteEntry(quote, page, quote_anchor(number),
                       in_context(page.article.text, quote.start, quote.end))
            for page in articles
            for number, quote in enumerate(page.annotations.quotes, start=1)
            if (speaker := spoken_by(page, quote)) is not None and speaker.key == person.key
        )
        sort_name = _surname(person.name) + " " + person.name.casefold()
        shared = _ranked(_shared(person, person.articles, people_of))
        dated = [page for page in articles if page.article.date is not None]  # newest first
        result.append(PersonPage(
            key=person.key,
            name=person.name,
            aliases=person.aliases,
            path=path,
            sort_name=sort_name,
            letter=_initial(sort_name),
            listing=paginate(path.removesuffix("/index.html"), articles, page_size),
            quotes=quotes,
            people=tuple(Link(member.name, person_path(key), count) for key, member, count in shared),
            ties=ties(person.articles, [key for key, _, _ in shared], people_of),
            topics=_links(_shared(None, person.articles, topics_of), topic_path),
            article_count=len(articles),
            description=_description(person, pages),
            timeline=timeline(span, (p.article.date for p in articles),
                              (q.page.article.date for q in quotes)),
            quote_count=len(quotes),
            first_seen=dated[-1] if dated else None,
            last_seen=dated[0] if dated else None,
            quote_pages=quote_pages(path.removesuffix("/index.html") + "/quotes", quotes,
                                    order_of(articles)),
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


def _ranked(shared: dict[str, tuple[G, int]]) -> list[tuple[str, G, int]]:
    """The TOP_LINKS most shared (key, member, count), most first, then by key."""
    ranked = sorted(shared.items(), key=lambda kv: (-kv[1][1], kv[0]))[:TOP_LINKS]
    return [(key, member, count) for key, (member, count) in ranked]


def _links(shared: dict[str, tuple[G, int]], path_of: Callable[[str], str]) -> tuple[Link, ...]:
    """Links to the TOP_LINKS most shared, most first, then by key."""
    return tuple(Link(member.name, path_of(key), count) for key, member, count in _ranked(shared))


def _top(counter: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_LINKS]


def topic_pages(
    topics: list[Topic], pages: tuple[ArticlePage, ...], page_size: int, span: Span | None = None
) -> tuple[TopicPage, ...]:
    topics_of = _by_article(topics, len(pages))
    result = []
    for topic in topics:
        path = topic_path(topic.key)
        articles = tuple(pages[i] for i in sorted(topic.articles))
        quoted: Counter[str] = Counter()
        speaker_names: dict[str, str] = {}
        quote_dates = []
        for page in articles:
            for quote in page.annotations.quotes:
                speaker = spoken_by(page, quote)
                if speaker is not None and speaker.path is not None:
                    quoted[speaker.key] += 1
                    speaker_names[speaker.key] = speaker.name
                    quote_dates.append(page.article.date)
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
            timeline=timeline(span, (p.article.date for p in articles), quote_dates),
        ))
    return tuple(result)

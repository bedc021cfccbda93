"""Stage 3, the archive model: every page of the site as plain data, no I/O.

All data is gathered before anything is written, so every page sees one
consistent archive (the MkDocs way): articles, home pages, people and topics.
``model`` holds the page dataclasses, ``entities`` merges names across articles,
``refs`` maps each article's keys onto the archive's entities, ``topics`` finds
topics, ``related`` related articles, ``indexes`` the listing, person and topic
pages, ``export`` the JSON API and ``urls`` where each page lives.
"""

from __future__ import annotations

from collections import Counter

from sitegen.archive.entities import ArchiveEntity, build_entity_index
from sitegen.archive.figure_table import FIGURES_PAGE_SIZE, figure_pages
from sitegen.archive.indexes import paginate, person_pages, topic_pages
from sitegen.archive.model import (
    ArticlePage,
    FigureEntry,
    FigurePage,
    InContext,
    Link,
    ListingPage,
    PageLink,
    Period,
    PersonDescription,
    PersonPage,
    QuoteEntry,
    QuoteGroup,
    QuotePage,
    Redirect,
    Site,
    Tie,
    Timeline,
    TopicPage,
    spoken_by,
)
from sitegen.archive.refs import EntityRef, EntityRefs, entity_refs
from sitegen.archive.related import related_articles
from sitegen.archive.timelines import archive_span
from sitegen.archive.topics import Topic, find_topics
from sitegen.archive.urls import article_path, person_path, redirect_path, topic_path
from sitegen.labels import PERSON
from sitegen.models import AnnotatedArticle, Annotations


def newest_first(items: list[AnnotatedArticle]) -> list[AnnotatedArticle]:
    """Dated articles newest first (to the minute when they give a time), then undated ones by
    title; ties broken by source path."""

    def key(item: AnnotatedArticle) -> tuple[bool, float, str, str]:
        article = item.article
        moment = article.moment
        return (moment is None, -moment.timestamp() if moment else 0.0, article.title.casefold(),
                article.source)

    return sorted(items, key=key)


def build_site(
    items: list[AnnotatedArticle],
    *,
    page_size: int,
    aliases: dict[str, str] | None = None,
    ignore: frozenset[str] = frozenset(),
    not_people: frozenset[str] = frozenset(),
    different_people: tuple[frozenset[str], ...] = (),
    named_topics: dict[str, tuple[str, ...]] | None = None,
    min_articles: int = 2,
    sections: dict[str, str] | None = None,
    banned_topics: frozenset[str] = frozenset(),
) -> Site:
    """Arrange annotated articles into the pages of the archive.

    ``aliases``, ``ignore``, ``not_people`` and ``different_people`` are the settings of the
    same names (names casefolded): entities merged or renamed, dropped, never people, and
    groups of names that are never one person.
    """
    ordered = newest_first(items)
    entities = build_entity_index(ordered, aliases, ignore, not_people, different_people)
    topics = find_topics(ordered, entities, named_topics or {}, min_articles, sections, banned_topics)
    people = [e for e in entities.of_group(PERSON) if e.articles and e.placed]
    entity_pages = {(PERSON, p.key): person_path(p.key) for p in people}
    for topic in topics:
        for identity in topic.entities:
            entity_pages[identity] = topic_path(topic.key)
    refs = [entity_refs(entities, index, [e.key for e in item.annotations.entities], entity_pages)
            for index, item in enumerate(ordered)]
    pages = _article_pages(ordered, refs, people, topics)
    span = archive_span(item.article.date for item in ordered)
    return Site(
        articles=pages,
        home=paginate("", pages, page_size),
        people=person_pages(people, pages, topics, page_size, span),
        topics=topic_pages(topics, pages, page_size, span),
        redirects=_redirects(pages),
        figures=figure_pages(pages, FIGURES_PAGE_SIZE),
    )


def _redirects(pages: tuple[ArticlePage, ...]) -> tuple[Redirect, ...]:
    """A redirect from each old address of each article; the first article to claim one keeps it."""
    taken = {page.path for page in pages}
    redirects = []
    for page in pages:
        for url in page.article.old_urls:
            path = redirect_path(url)
            if path is not None and path not in taken:
                taken.add(path)
                redirects.append(Redirect(path, page.path))
    return tuple(redirects)


def _article_pages(
    ordered: list[AnnotatedArticle], refs: list[dict[str, EntityRef]], people: list[ArchiveEntity],
    topics: list[Topic],
) -> tuple[ArticlePage, ...]:
    paths = [article_path(item.article.slug) for item in ordered]
    topics_of: list[list[Link]] = [[] for _ in ordered]
    section_of: dict[int, Link] = {}
    for topic in topics:
        for index in sorted(topic.articles):
            topics_of[index].append(Link(topic.name, topic_path(topic.key), len(topic.articles)))
            if topic.kind == "section":
                section_of[index] = topics_of[index][-1]
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
            section=section_of.get(index),
            annotations_digest=item.annotations_digest,
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


__all__ = ["ArticlePage", "EntityRef", "FigureEntry", "FigurePage", "InContext", "Link", "ListingPage",
           "PageLink", "Period", "PersonDescription", "PersonPage", "QuoteEntry", "QuoteGroup", "QuotePage",
           "Redirect", "Site", "Tie", "Timeline", "TopicPage", "build_site", "newest_first", "paginate",
           "spoken_by"]

"""Stage 3, the archive model: every page of the site as plain data, no I/O.

All data is gathered before anything is written, so every page sees one
consistent archive (the MkDocs way).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sitegen.archive.urls import article_path, listing_path
from sitegen.models import AnnotatedArticle


@dataclass(frozen=True)
class ArticlePage:
    """An article, its annotations, and its neighbours in time."""

    item: AnnotatedArticle
    path: str
    newer: str | None = None  # output path of the next article in time
    older: str | None = None
    newer_title: str | None = None
    older_title: str | None = None


@dataclass(frozen=True)
class ListingPage:
    """One page of a paginated list of articles."""

    path: str
    number: int
    count: int
    articles: tuple[ArticlePage, ...]
    newer: str | None = None  # the previous page of the listing (newer articles)
    older: str | None = None
    first: str | None = None
    last: str | None = None


@dataclass(frozen=True)
class Site:
    """The whole archive: what the renderer turns into pages."""

    articles: tuple[ArticlePage, ...]  # newest first
    home: tuple[ListingPage, ...]
    entity_pages: dict[tuple[str, str], str] = field(default_factory=dict)  # (label, key) -> path


def newest_first(items: list[AnnotatedArticle]) -> list[AnnotatedArticle]:
    """Dated articles newest first, then undated ones by title; ties broken by source path."""
    def key(item: AnnotatedArticle) -> tuple[int, int, str, str]:
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
            first=listing_path(folder, 1),
            last=listing_path(folder, count),
        )
        for number, chunk in enumerate(chunks, start=1)
    )


def build_site(items: list[AnnotatedArticle], *, page_size: int) -> Site:
    """Arrange annotated articles into the pages of the archive."""
    ordered = newest_first(items)
    paths = [article_path(item.article.slug) for item in ordered]
    pages = tuple(
        ArticlePage(
            item=item,
            path=paths[index],
            newer=paths[index - 1] if index > 0 else None,
            older=paths[index + 1] if index + 1 < len(ordered) else None,
            newer_title=ordered[index - 1].article.title if index > 0 else None,
            older_title=ordered[index + 1].article.title if index + 1 < len(ordered) else None,
        )
        for index, item in enumerate(ordered)
    )
    return Site(articles=pages, home=paginate("", pages, page_size))

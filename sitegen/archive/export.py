"""The static JSON API of the archive: data/people.json and data/topics.json."""

from __future__ import annotations

from typing import Any

from sitegen.archive import Site


def people_records(site: Site) -> list[dict[str, Any]]:
    """``data/people.json``: every person with counts and the URL of their page."""
    return [
        {"key": p.key, "name": p.name, "aliases": list(p.aliases), "articles": p.article_count,
         "quotes": len(p.quotes), "url": p.path.removesuffix("index.html")}
        for p in site.people
    ]


def topic_records(site: Site) -> list[dict[str, Any]]:
    """``data/topics.json``: every topic with its kind, counts and page URL."""
    return [
        {"key": t.key, "name": t.name, "kind": t.kind, "synonyms": list(t.synonyms),
         "articles": t.article_count, "url": t.path.removesuffix("index.html")}
        for t in site.topics
    ]

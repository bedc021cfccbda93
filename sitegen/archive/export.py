"""The static JSON API of the archive: data/articles/<slug>.json, people.json and topics.json.

An article's file is the record ``sitegen annotate`` prints, unchanged (its keys are the
article's own), plus ``archive_entities``: what each of those keys stands for in the
archive. The fields are described in ``docs/schema/``.
"""

from __future__ import annotations

from typing import Any

from sitegen.archive import ArticlePage, Site
from sitegen.serialize import article_record


def _url(path: str) -> str:
    return path.removesuffix("index.html")


def article_export(page: ArticlePage) -> dict[str, Any]:
    """``data/articles/<slug>.json``: the annotate record and its keys resolved in the archive."""
    record = article_record(page.article, page.annotations)
    record["archive_entities"] = {
        local: {"archive_key": ref.key, "name": ref.name, "label": ref.label,
                "url": _url(ref.path) if ref.path else None}
        for local, ref in page.entities.items()
    }
    return record


def people_records(site: Site) -> list[dict[str, Any]]:
    """``data/people.json``: every person with counts and the URL of their page."""
    return [
        {"key": p.key, "name": p.name, "aliases": list(p.aliases), "articles": p.article_count,
         "quotes": p.quote_count, "url": _url(p.path),
         "description": p.description.text if p.description else None,
         "description_from": _url(p.description.source.path) if p.description else None,
         "fictional": bool(p.description and p.description.fictional)}
        for p in site.people
    ]


def topic_records(site: Site) -> list[dict[str, Any]]:
    """``data/topics.json``: every topic with its kind, counts and page URL."""
    return [
        {"key": t.key, "name": t.name, "kind": t.kind, "synonyms": list(t.synonyms),
         "articles": t.article_count, "url": _url(t.path)}
        for t in site.topics
    ]

"""Front matter keys to article fields, read as Jekyll, Hugo, Zola and Pelican read them.

Unknown keys are not errors: every key is kept as written (``Article.meta``) for
templates. Keys are matched without regard to case (Pelican writes ``Title:``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from typing import Any

from sitegen.read.dates import DateProblem, parse_when

_SUMMARY_KEYS = ("summary", "description", "excerpt")
_UPDATED_KEYS = ("lastmod", "last_modified_at", "modified", "updated")
_TOPIC_KEYS = ("topics", "tags", "categories", "category")
_IMAGE_KEYS = ("image", "featured_image", "cover", "images", "thumbnail")
_OLD_URL_KEYS = ("permalink", "aliases", "redirect_from", "url", "path")


class FieldProblem(Exception):
    """A known key whose value cannot be read; ``key`` is as written in the file."""

    def __init__(self, key: str, message: str):
        super().__init__(message)
        self.key = key
        self.message = message


@dataclass(frozen=True)
class Fields:
    """The article fields the front matter gives."""

    title: str | None = None
    date: date | None = None
    published: datetime | None = None
    updated: datetime | None = None
    authors: tuple[str, ...] = ()
    summary: str | None = None
    topics: tuple[str, ...] = ()
    slug: str | None = None
    draft: bool = False
    image: str | None = None
    old_urls: tuple[str, ...] = ()


def read_fields(meta: dict[str, Any], zone: tzinfo = UTC) -> Fields:
    """The fields of a front matter mapping; raises ``FieldProblem`` for a bad value."""
    keys = {str(key).casefold(): key for key in meta}

    def get(name: str) -> tuple[str, Any]:
        key = keys.get(name)
        return (str(key), meta[key]) if key is not None else (name, None)

    day, moment = _when(get("date"), zone)
    if day is None:  # Hugo's publishDate, when there is no date
        day, moment = _when(get("publishdate"), zone)
    return Fields(
        title=_text(*get("title")),
        date=day,
        published=moment,
        updated=_updated([get(name) for name in _UPDATED_KEYS], zone),
        authors=_names(get("authors")) or _names(get("author")),
        summary=next((value for name in _SUMMARY_KEYS if (value := _text(*get(name)))), None),
        topics=_topics([get(name) for name in _TOPIC_KEYS] + _taxonomies(get("taxonomies"))),
        slug=_text(*get("slug")),
        draft=_draft(get("draft"), get("published"), get("status")),
        image=_image([get(name) for name in _IMAGE_KEYS]),
        old_urls=_old_urls([get(name) for name in _OLD_URL_KEYS]),
    )


def _text(key: str, value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value).strip() or None
    raise FieldProblem(key, f"'{key}' must be text, not {type(value).__name__}")


def _when(item: tuple[str, Any], zone: tzinfo) -> tuple[date | None, datetime | None]:
    key, value = item
    if value is None or value == "":
        return None, None
    try:
        return parse_when(value, zone)
    except DateProblem:
        raise FieldProblem(key, f"'{key}' must be a date like 2020-03-27 or "
                                f"2020-03-27 10:30 +01:00, not {value!r}") from None


def _updated(items: list[tuple[str, Any]], zone: tzinfo) -> datetime | None:
    for item in items:
        day, moment = _when(item, zone)
        if day is not None:
            return moment or datetime(day.year, day.month, day.day, tzinfo=UTC)
    return None


def _names(item: tuple[str, Any]) -> tuple[str, ...]:
    """``author: A``, ``authors: [A, B]``, Pelican's ``Authors: A, B`` or ``{name: A}``."""
    key, value = item
    if value is None:
        return ()
    values = value if isinstance(value, list) else [value]
    names: list[str] = []
    for one in values:
        if isinstance(one, dict):
            one = one.get("name") or one.get("Name")
        if isinstance(one, str):
            parts = one.split(";") if ";" in one else one.split(",") if "," in one else [one]
            names += [part.strip() for part in parts if part.strip()]
        elif one is not None:
            raise FieldProblem(key, f"'{key}' must be a name or a list of names")
    return tuple(dict.fromkeys(names))


def _topics(items: list[tuple[str, Any]]) -> tuple[str, ...]:
    """Tags, categories and topics together; a string without commas is several words, as
    Jekyll reads ``tags: python web``."""
    found: dict[str, str] = {}
    for key, value in items:
        if value is None:
            continue
        if isinstance(value, str):
            value = value.split(",") if "," in value else value.split()
        if not isinstance(value, (list, tuple)) or not all(
                isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in value):
            raise FieldProblem(key, f"'{key}' must be a list of names, e.g. {key}: [economy, trade]")
        for name in (str(v).strip() for v in value):
            if name:
                found.setdefault(name.casefold(), name)
    return tuple(found.values())


def _taxonomies(item: tuple[str, Any]) -> list[tuple[str, Any]]:
    """Zola's ``[taxonomies]`` table of tags and categories."""
    key, value = item
    if value is None:
        return []
    if not isinstance(value, dict):
        raise FieldProblem(key, f"'{key}' must be a table, e.g. [taxonomies] tags = [\"rust\"]")
    return [(key, value[name]) for name in value if str(name).casefold() in ("tags", "categories")]


def _draft(draft: tuple[str, Any], published: tuple[str, Any], status: tuple[str, Any]) -> bool:
    for key, value in (draft, published):
        if value is not None and not isinstance(value, (bool, str, date)):
            raise FieldProblem(key, f"'{key}' must be true or false, not {value!r}")
        if isinstance(value, str) and value.strip().casefold() not in ("true", "false", ""):
            if key.casefold() == "published":
                continue  # a publication date written as 'published'
            raise FieldProblem(key, f"'{key}' must be true or false, not {value!r}")
    draft_value = _truth(draft[1])
    unpublished = published[1] is not None and _truth(published[1]) is False
    hidden = isinstance(status[1], str) and status[1].strip().casefold() in ("draft", "hidden")
    return bool(draft_value) or unpublished or hidden


def _truth(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().casefold() in ("true", "false"):
        return value.strip().casefold() == "true"
    return None


def _image(items: list[tuple[str, Any]]) -> str | None:
    for _, value in items:
        if isinstance(value, dict):  # Hugo themes' cover: {image: …}
            value = value.get("image") or value.get("src")
        if isinstance(value, list):  # Hugo's images: [first, …]
            value = next((v for v in value if isinstance(v, str) and v.strip()), None)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _old_urls(items: list[tuple[str, Any]]) -> tuple[str, ...]:
    urls: list[str] = []
    for key, value in items:
        values = value if isinstance(value, list) else [value] if value is not None else []
        for one in values:
            if not isinstance(one, str):
                raise FieldProblem(key, f"'{key}' must be a path like /2019/05/02/title/ "
                                        "or a list of them")
            if one.strip():
                urls.append(one.strip())
    return tuple(dict.fromkeys(urls))

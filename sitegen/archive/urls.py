"""Where each page lives in the output folder; links between pages are relative.

Every page is ``<folder>/index.html`` and every link names the file itself, so the
archive works opened straight from disk (``file://``) as well as from any server
or sub-path (GitHub Pages project sites).
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from urllib.parse import unquote

HOME = "index.html"


def article_path(slug: str) -> str:
    """The output path of an article page."""
    return f"articles/{slug}/index.html"


def person_path(key: str) -> str:
    """The output path of a person's page."""
    return f"people/{key}/index.html"


def topic_path(key: str) -> str:
    """The output path of a topic's page."""
    return f"topics/{key}/index.html"


def reference_path(reference: str) -> str:
    """The output path a ``sitegen:`` reference of an article names (see ``models.Article``),
    with its fragment.

    >>> reference_path("sitegen:article/a-story#notes")
    'articles/a-story/index.html#notes'
    >>> reference_path("sitegen:article/a-story/photo.jpg")
    'articles/a-story/photo.jpg'
    >>> reference_path("sitegen:file/images/map.png")
    'images/map.png'
    """
    target, hash_, fragment = reference.removeprefix("sitegen:").partition("#")
    kind, _, rest = target.partition("/")
    if kind == "article":
        slug, _, file = rest.partition("/")
        path = f"articles/{slug}/{file}" if file else article_path(slug)
    else:
        path = rest
    return path + hash_ + fragment


def redirect_path(url: str) -> str | None:
    """Where a redirect for the site path ``url`` is written ("/a/b/" → "a/b/index.html"),
    or None for a path that cannot be one (empty, outside the site)."""
    path = unquote(url.split("#")[0].split("?")[0].strip())
    if re.match(r"^[a-z][a-z0-9+.-]*:", path, re.IGNORECASE) or path.startswith("//"):
        return None
    parts = [p for p in PurePosixPath("/" + path.lstrip("/")).parts[1:] if p not in ("", ".")]
    if not parts or ".." in parts:
        return None
    if path.endswith("/") or "." not in parts[-1]:
        parts.append("index.html")
    return "/".join(parts)


def listing_path(folder: str, number: int) -> str:
    """Page ``number`` (1-based) of a paginated listing in ``folder`` ('' for the home page)."""
    prefix = f"{folder}/" if folder else ""
    return f"{prefix}index.html" if number == 1 else f"{prefix}page/{number}/index.html"


def relative_url(from_path: str, to_path: str) -> str:
    """The link from the page at ``from_path`` to the file at ``to_path`` (both output paths).

    Output paths never contain "." or ".." parts, so the link climbs out of the
    page's folders and descends into the target's past their common folders.

    >>> relative_url("articles/a/index.html", "static/site.css")
    '../../static/site.css'
    >>> relative_url("index.html", "articles/a/index.html#q1")
    'articles/a/index.html#q1'
    >>> relative_url("people/a/index.html", "people/b/index.html")
    '../b/index.html'
    """
    source = from_path.split("/")[:-1]
    target = to_path.split("/")
    common = 0
    while common < len(source) and common < len(target) - 1 and source[common] == target[common]:
        common += 1
    return "../" * (len(source) - common) + "/".join(target[common:])

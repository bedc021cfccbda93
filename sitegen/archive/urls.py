"""Where each page lives in the output folder; links between pages are relative.

Every page is ``<folder>/index.html`` and every link names the file itself, so the
archive works opened straight from disk (``file://``) as well as from any server
or sub-path (GitHub Pages project sites).
"""

from __future__ import annotations

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

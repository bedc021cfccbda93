"""The addresses an article had under its old generator, so each can redirect to it.

Besides what the front matter says (``permalink``, ``aliases``, ``redirect_from``,
``url``): a Jekyll post's address from the site's ``permalink`` setting in
``_config.yml`` (Jekyll's default ``/:categories/:year/:month/:day/:title.html``
without one), a Pelican article's from ``ARTICLE_URL`` in ``pelicanconf.py``
(``{slug}.html`` by default), and any other Markdown article's from its path, as
Hugo and Zola publish it (``posts/a.md`` at ``/posts/a/``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath

import yaml

from sitegen.keys import slug as make_slug

_JEKYLL_STYLES = {
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
    "none": "/:categories/:title:output_ext",
}
_DATED = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}[-_]")


@dataclass(frozen=True)
class SiteRules:
    """The URL settings of the old site, read from its settings files when they are there."""

    jekyll_permalink: str = _JEKYLL_STYLES["date"]
    pelican_article_url: str = "{slug}.html"


def site_rules(folder: Path) -> SiteRules:
    """Read ``_config.yml`` (Jekyll) and ``pelicanconf.py`` in the content folder or above it."""
    permalink, article_url = _JEKYLL_STYLES["date"], "{slug}.html"
    for place in (folder, folder.parent):
        config = place / "_config.yml"
        if config.is_file():
            try:
                data = yaml.safe_load(config.read_text(encoding="utf-8"))
            except (yaml.YAMLError, UnicodeDecodeError, OSError):
                data = None
            if isinstance(data, dict) and isinstance(data.get("permalink"), str):
                value = data["permalink"]
                permalink = _JEKYLL_STYLES.get(value, value)
        pelican = place / "pelicanconf.py"
        if pelican.is_file():
            match = re.search(r"""^ARTICLE_URL\s*=\s*['"]([^'"]+)['"]""",
                              pelican.read_text(encoding="utf-8", errors="replace"), re.MULTILINE)
            if match:
                article_url = match[1]
    return SiteRules(permalink, article_url)


def default_urls(rules: SiteRules, relative: str, *, post: bool, pelican: bool, bundle: str | None,
                 slug: str, day: date | None, categories: tuple[str, ...]) -> tuple[str, ...]:
    """The addresses the old generator gave an article that did not name its own."""
    path = PurePosixPath(relative)
    if post:
        if day is None:
            return ()
        title = _DATED.sub("", path.stem)
        above = list(path.parts[: path.parts.index("_posts")]) if "_posts" in path.parts else []
        return (_jekyll(rules.jekyll_permalink, title, day, [*above, *categories]),)
    if pelican:
        return (_pelican(rules.pelican_article_url, slug, day, categories),)
    if bundle is not None:
        return (f"/{bundle}/",)
    folder = "" if str(path.parent) == "." else f"{path.parent}/"
    name = _DATED.sub("", path.stem)  # Hugo and Zola: /posts/a/; a Jekyll page: /posts/a.html
    return (f"/{folder}{name}/", f"/{folder}{name}.html")


def _jekyll(pattern: str, title: str, day: date, categories: list[str]) -> str:
    values = {
        "categories": "/".join(dict.fromkeys(c.casefold() for c in categories)),
        "year": f"{day.year:04d}", "month": f"{day.month:02d}", "day": f"{day.day:02d}",
        "i_month": str(day.month), "i_day": str(day.day), "short_year": f"{day.year % 100:02d}",
        "y_day": f"{day.timetuple().tm_yday:03d}", "week": f"{day.isocalendar().week:02d}",
        "short_day": day.strftime("%a"), "title": title, "slug": make_slug(title),
        "name": title, "output_ext": ".html",
    }
    url = re.sub(r":(\w+)", lambda m: values.get(m[1], m[0]), pattern)
    return re.sub(r"/{2,}", "/", "/" + url.lstrip("/"))


def _pelican(pattern: str, slug: str, day: date | None, categories: tuple[str, ...]) -> str:
    def value(match: re.Match[str]) -> str:
        name, _, spec = match[1].partition(":")
        if name == "date" and day is not None:
            return day.strftime(spec or "%Y-%m-%d")
        return {"slug": slug, "category": make_slug(categories[0]) if categories else "misc",
                "lang": "en"}.get(name, match[0])

    return "/" + re.sub(r"\{([^}]+)\}", value, pattern).lstrip("/")

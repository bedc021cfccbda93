"""Links between the files of a content folder, resolved once every article has its slug.

An article links to another as its writer's generator allowed: a relative path
(``../2019-05-02-other.md``, ``images/a.png``), a site path (``/images/a.png``, an
old address ``/2019/05/02/other/``), ``{% post_url %}``, ``{{< ref >}}``, Zola's
``@/blog/other.md`` or Pelican's ``{filename}``/``{static}``/``{attach}``. Each
becomes a ``sitegen:`` reference (see ``sitegen.models.Article``) that the
renderer turns into a relative URL; a link that names nothing is kept as written,
with a warning.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from html import escape, unescape
from pathlib import PurePosixPath
from urllib.parse import unquote

from sitegen.models import Layout

_ATTRIBUTE = re.compile(r'(\s(?:href|src|poster)=")([^"]*)(")')
_PELICAN = re.compile(r"^(?:\{(?:filename|static|attach)\}|\|(?:filename|static|attach)\|)")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


@dataclass
class LinkIndex:
    """What a link may name: articles by source, old address and name; published files."""

    articles: dict[str, str] = field(default_factory=dict)  # source path (and variants) -> slug
    old_urls: dict[str, str] = field(default_factory=dict)  # site path -> slug
    names: dict[str, str] = field(default_factory=dict)  # a post's file name (no suffix) -> slug
    files: dict[str, str] = field(default_factory=dict)  # content path -> its reference

    def add_article(self, relative: str, slug: str, bundle: str | None, urls: tuple[str, ...]) -> None:
        """Index one article under each name a link may give it."""
        path = PurePosixPath(relative)
        for key in (relative, str(path.with_suffix("")), bundle):
            if key:
                self.articles.setdefault(key, slug)
        self.names.setdefault(bundle.rsplit("/", 1)[-1] if bundle else path.stem, slug)
        self.names.setdefault(path.name, slug)
        for url in urls:
            self.old_urls.setdefault(_site_key(url), slug)

    def add_file(self, relative: str, reference: str) -> None:
        """Index a published file of the content folder."""
        self.files[relative] = reference

    def resolve(self, url: str, source: str) -> str | None:
        """The reference ``url`` (written in the article at ``source``) stands for, or None."""
        target, hash_, fragment = unquote(url).partition("#")
        fragment = hash_ + fragment
        if target.startswith("sitegen:post/"):
            return self._article(self.names.get(target.removeprefix("sitegen:post/").rsplit("/", 1)[-1]),
                                 fragment)
        if target.startswith("sitegen:ref/"):
            target = target.removeprefix("sitegen:ref/")
            found = self._find(target, source) or self._article(
                self.names.get(PurePosixPath(target).name) or self.names.get(PurePosixPath(target).stem),
                "")
            return found + fragment if found else None
        if target.startswith("@/"):  # Zola
            target = "/" + target[2:]
        target = _PELICAN.sub("", target)
        if not target or _SCHEME.match(target) or target.startswith("//"):
            return None
        found = self._find(target.split("?")[0], source)
        return found + fragment if found else None

    def _find(self, target: str, source: str) -> str | None:
        folder = posixpath.dirname(source)
        candidates = ([target.lstrip("/")] if target.startswith("/")
                      else [posixpath.join(folder, target), target])
        for candidate in candidates:
            path = posixpath.normpath(candidate).lstrip("/")
            while path.startswith("../"):
                path = path[3:]
            for key in (path, path.rstrip("/"), path.removesuffix("/index.html"),
                        path.removesuffix("index.html").rstrip("/")):
                if key in self.files:
                    return self.files[key]
                if key in self.articles:
                    return f"sitegen:article/{self.articles[key]}"
            if _site_key("/" + path) in self.old_urls:
                return f"sitegen:article/{self.old_urls[_site_key('/' + path)]}"
        return None

    @staticmethod
    def _article(slug: str | None, fragment: str) -> str | None:
        return f"sitegen:article/{slug}{fragment}" if slug else None


def _site_key(url: str) -> str:
    """One form of a site path for lookups: no index.html, no .html, no trailing slash."""
    path = posixpath.normpath("/" + url.split("#")[0].split("?")[0].lstrip("/"))
    return path.removesuffix("/index.html").removesuffix(".html").rstrip("/") or "/"


def resolve_layout(layout: Layout, source: str, index: LinkIndex) -> tuple[Layout, list[str]]:
    """``layout`` with every internal link made a reference; the links that name nothing."""
    missing: list[str] = []

    def replace(match: re.Match[str]) -> str:
        url = unescape(match[2])
        if url.startswith("#") or not url:
            return match[0]
        found = index.resolve(url, source)
        if found is None:
            if is_local(url):
                missing.append(url)
            return match[0]
        return match[1] + escape(found) + match[3]

    html = tuple(_ATTRIBUTE.sub(replace, fragment) for fragment in layout.html)
    return Layout(html=html, slots=layout.slots), missing


def is_local(url: str) -> bool:
    """Whether ``url`` names a place in this site (not an address elsewhere)."""
    return not (_SCHEME.match(url) and not url.startswith("sitegen:")) and not url.startswith("//")

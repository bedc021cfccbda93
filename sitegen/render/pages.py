"""Stage 4, render: every page of the archive model as text (Jinja2 lives here only)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import jinja2
from markupsafe import Markup

from sitegen.archive import ArticlePage, ListingPage, Site, label_group
from sitegen.archive.urls import relative_url
from sitegen.render.highlight import highlights_for, render_body
from sitegen.render.panel import side_panel

FEED_LENGTH = 20


@dataclass(frozen=True)
class SiteInfo:
    """What every template may show about the site itself."""

    title: str
    description: str
    url: str  # base_url with a trailing slash
    base_path: str
    search: bool = False
    generator: str = "sitegen"

    @property
    def absolute(self) -> bool:
        """Whether ``url`` names a host (needed for sitemaps and feed ids)."""
        return self.url.startswith(("http://", "https://"))

    def absolute_url(self, path: str) -> str:
        """The public URL of an output path ("articles/a/index.html" → ".../articles/a/")."""
        return self.url + path.removesuffix("index.html")


@dataclass(frozen=True)
class RenderedPage:
    """One output file: its path inside the output folder and its text."""

    path: str
    text: str


class PageRenderer:
    """Renders the pages of one ``Site`` with one compiled template environment."""

    def __init__(self, environment: jinja2.Environment, info: SiteInfo, site: Site):
        self.environment = environment
        self.info = info
        self.site = site

    def _render(self, template: str, path: str, **context: Any) -> RenderedPage:
        text = self.environment.get_template(template).render(
            site=self.info, page_path=path, **context
        )
        return RenderedPage(path, text)

    def link_for(self, label: str, key: str) -> str | None:
        """The output path of an entity's index page, if the archive has one."""
        return self.site.entity_pages.get((label_group(label), key))

    def article(self, page: ArticlePage) -> RenderedPage:
        """An article with its annotations highlighted and its side panel."""
        annotations = page.item.annotations
        article = page.item.article

        def link(label: str, key: str) -> str | None:
            target = self.link_for(label, key)
            return relative_url(page.path, target) if target else None

        body = Markup(render_body(article.text, article.layout, highlights_for(annotations, link)))
        return self._render("article.html", page.path, page=page, article=article,
                            annotations=annotations, body=body, panel=side_panel(annotations, link))

    def feed(self, path: str, title: str, page_path: str, pages: tuple[ArticlePage, ...]) -> RenderedPage:
        """An Atom feed of the newest articles in ``pages``."""
        entries = pages[:FEED_LENGTH]
        dates = [p.item.article.date for p in entries if p.item.article.date]
        updated = max(dates) if dates else date(1970, 1, 1)
        return self._render("feed.xml", path, title=title, feed_path=path, home_path=page_path,
                            entries=entries, updated=updated, fallback_date=updated)

    def pages(self) -> Iterator[RenderedPage]:
        """Every page of the site, in a stable order."""
        site = self.site
        for listing in site.home:
            yield self._render("index.html", listing.path, listing=listing)
        for page in site.articles:
            yield self.article(page)
        yield self._render("people.html", "people/index.html", people=site.people,
                           letters=site.letters())
        for person in site.people:
            for listing in person.listing:
                yield self._render("person.html", listing.path, person=person, listing=listing)
            yield self.feed(person.feed_path, f"{person.name} · {self.info.title}", person.path,
                            _pages_of(person.listing))
        yield self._render("topics.html", "topics/index.html", topic_groups=site.topics_by_kind())
        for topic in site.topics:
            for listing in topic.listing:
                yield self._render("topic.html", listing.path, topic=topic, listing=listing)
            yield self.feed(topic.feed_path, f"{topic.name} · {self.info.title}", topic.path,
                            _pages_of(topic.listing))
        yield self.feed("feed.xml", self.info.title, "index.html", site.articles)
        if self.info.search:
            yield self._render("search.html", "search/index.html")
        yield self._render("404.html", "404.html", absolute_links=True)

    def sitemap(self, html_paths: list[str]) -> Iterator[RenderedPage]:
        """sitemap.xml (when the site has an absolute base_url) and robots.txt."""
        if self.info.absolute:
            urls = [self.info.absolute_url(p) for p in html_paths if p != "404.html"]
            yield self._render("sitemap.xml", "sitemap.xml", urls=urls)
        yield self._render("robots.txt", "robots.txt")


def _pages_of(listing: tuple[ListingPage, ...]) -> tuple[ArticlePage, ...]:
    return tuple(page for part in listing for page in part.articles)

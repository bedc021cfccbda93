"""Stage 4, render: every page of the archive model as HTML text (Jinja2 lives here only)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import jinja2
from markupsafe import Markup

from sitegen.archive import ArticlePage, Site
from sitegen.archive.urls import relative_url
from sitegen.render.highlight import highlights_for, render_body
from sitegen.render.panel import side_panel


@dataclass(frozen=True)
class SiteInfo:
    """What every template may show about the site itself."""

    title: str
    description: str
    url: str
    base_path: str
    search: bool = False
    generator: str = "sitegen"


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
        return self.site.entity_pages.get((label, key))

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

    def pages(self) -> Iterator[RenderedPage]:
        """Every page of the site, in a stable order."""
        for listing in self.site.home:
            yield self._render("index.html", listing.path, listing=listing)
        for page in self.site.articles:
            yield self.article(page)
        yield self._render("404.html", "404.html", absolute_links=True)

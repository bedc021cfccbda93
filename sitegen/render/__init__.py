"""Stage 4, render: the archive model to HTML and XML text. Jinja2 is used only here."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment

from sitegen import __version__
from sitegen.archive import Site
from sitegen.config import Config
from sitegen.inputs import templates_digest
from sitegen.render.environment import make_environment, template_errors
from sitegen.render.fingerprint import Fingerprints, code_digest
from sitegen.render.pages import PageJob, PageRenderer, RenderedPage, SiteInfo


@dataclass(frozen=True)
class PlannedPage:
    """A page with its fingerprint; ``text()`` renders it (template errors name file and line)."""

    job: PageJob
    fingerprint: str
    template_dirs: tuple[Path, ...]

    @property
    def path(self) -> str:
        """The page's path inside the output folder."""
        return self.job.path

    def render(self) -> RenderedPage:
        """Render the page."""
        with template_errors(list(self.template_dirs)):
            return self.job.render()

    def text(self) -> str:
        """The page's text, rendered now."""
        return self.render().text


class SitePlan:
    """Every page of a site with its fingerprint, rendered only when asked.

    ``article_pages()`` and ``other_pages()`` together are every page once: a build
    that wants the article pages first (search indexes them while the rest renders)
    says so by calling them in that order.
    """

    def __init__(self, site: Site, config: Config, search_bundles: tuple[str, ...] = ("pagefind",)):
        """``search_bundles`` names the search index's parts, which the search page merges."""
        self._dirs = (config.templates,)
        with template_errors(list(self._dirs)):
            templates = templates_digest(config)
            environment = _environment(self._dirs, config.base_path, templates)
        info = SiteInfo(title=config.title, description=config.description,
                        url=config.site_url, base_path=config.base_path, search=config.search)
        self._fingerprints = Fingerprints("\0".join([__version__, code_digest(), templates, repr(info)]))
        self._renderer = PageRenderer(environment, info, site, search_bundles)

    def article_pages(self) -> Iterator[PlannedPage]:
        """The article pages."""
        return self._planned(self._renderer.article_pages())

    def other_pages(self) -> Iterator[PlannedPage]:
        """Every other page: listings, people, topics, feeds, data, search, sitemap."""
        return self._planned(self._renderer.other_pages())

    def redirect_pages(self) -> Iterator[PlannedPage]:
        """The pages at articles' old addresses (placed last: a real page wins a clash)."""
        return self._planned(self._renderer.redirect_pages())

    def _planned(self, jobs: Iterator[PageJob]) -> Iterator[PlannedPage]:
        with template_errors(list(self._dirs)):
            for job in jobs:
                yield PlannedPage(job, self._fingerprints.of(job.inputs), self._dirs)


@lru_cache(maxsize=2)
def _environment(dirs: tuple[Path, ...], base_path: str, templates_digest: str) -> Environment:
    """The compiled templates, kept while their files are unchanged (``sitegen serve`` rebuilds)."""
    return make_environment(list(dirs), base_path)


__all__ = ["PlannedPage", "RenderedPage", "SitePlan"]

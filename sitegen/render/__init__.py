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
    """A page with its fingerprint; ``render()`` makes its text (template errors have file:line)."""

    job: PageJob
    fingerprint: str
    config: Config

    @property
    def path(self) -> str:
        """The page's path inside the output folder."""
        return self.job.path

    def render(self) -> RenderedPage:
        """Render the page's text."""
        with template_errors([self.config.templates]):
            return self.job.render()


def plan_site(
    site: Site, config: Config, *, search_bundles: tuple[str, ...] = ("pagefind",),
) -> Iterator[PlannedPage]:
    """Every page of ``site`` with its fingerprint, rendered only when asked.

    ``search_bundles`` names the search index's parts, which the search page merges.
    """
    dirs = [config.templates]
    with template_errors(dirs):
        templates = templates_digest(config)
        environment = _environment(tuple(dirs), config.base_path, templates)
        info = SiteInfo(title=config.title, description=config.description,
                        url=config.site_url, base_path=config.base_path, search=config.search)
        global_digest = "\0".join([__version__, code_digest(), templates, repr(info)])
        fingerprints = Fingerprints(global_digest)
        renderer = PageRenderer(environment, info, site, search_bundles)
        html_paths = []
        for job in renderer.pages():
            if job.path.endswith(".html"):
                html_paths.append(job.path)
            yield PlannedPage(job, fingerprints.of(job.inputs), config)
        for job in renderer.sitemap(html_paths):
            yield PlannedPage(job, fingerprints.of(job.inputs), config)


@lru_cache(maxsize=2)
def _environment(dirs: tuple[Path, ...], base_path: str, templates_digest: str) -> Environment:
    """The compiled templates, kept while their files are unchanged (``sitegen serve`` rebuilds)."""
    return make_environment(list(dirs), base_path)


def render_site(site: Site, config: Config) -> Iterator[RenderedPage]:
    """Every page of ``site`` rendered (no fingerprints kept)."""
    for planned in plan_site(site, config):
        yield planned.render()


__all__ = ["PlannedPage", "RenderedPage", "plan_site", "render_site"]

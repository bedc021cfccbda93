"""Stage 4, render: the archive model to HTML and XML text. Jinja2 is used only here."""

from __future__ import annotations

from collections.abc import Iterator

from sitegen.archive import Site
from sitegen.config import Config
from sitegen.render.environment import make_environment, template_errors
from sitegen.render.pages import PageRenderer, RenderedPage, SiteInfo


def render_site(
    site: Site, config: Config, *, live_reload_script: str | None = None
) -> Iterator[RenderedPage]:
    """Every page of ``site``; template problems raise ``TemplateError`` with file and line."""
    dirs = [config.templates]
    with template_errors(dirs):
        environment = make_environment(dirs, config.base_path)
        info = SiteInfo(title=config.title, description=config.description,
                        url=config.site_url, base_path=config.base_path, search=config.search)
        renderer = PageRenderer(environment, info, site)
        html_paths = []
        for page in renderer.pages():
            if page.path.endswith(".html"):
                html_paths.append(page.path)
                if live_reload_script:
                    page = RenderedPage(page.path, _inject(page.text, live_reload_script))
            yield page
        yield from renderer.sitemap(html_paths)


def _inject(html: str, script: str) -> str:
    marker = "</body>"
    index = html.rfind(marker)
    return html if index == -1 else html[:index] + script + html[index:]


__all__ = ["RenderedPage", "render_site"]

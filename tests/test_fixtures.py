"""Real posts of public Jekyll, Hugo, Zola and Pelican sites build as they are (issue 17).

Each folder of ``tests/fixtures/`` holds one site's content as its generator reads it
(``SOURCE.md`` says where it comes from, at which commit, under which licence). It is
copied into a fresh site and built with no flags, as a new user would. Then: every post
is published, no page shows raw Liquid, shortcodes, HTML tags or footnote markers as
text, no local link or image is broken, and the old addresses redirect to the new pages.
"""

from __future__ import annotations

import contextlib
import html
import io
import logging
import re
import shutil
from pathlib import Path

import pytest
from conftest import REPO, broken_links, parse_page

from sitegen.cli import main
from sitegen.read.folders import MARKDOWN_SUFFIXES

FIXTURES = REPO / "tests" / "fixtures"
SITES = sorted(p.name for p in FIXTURES.iterdir() if (p / "content").is_dir())
# Each site's posts, and one old address each with the article it must lead to.
OLD_ADDRESSES = {
    "jekyll-doiotyourself": ("Hello-World/index.html", "hello-world"),  # permalink: /:title/
    "hugo-kaeruct": ("posts/starry-sky-in-html5-canvas-pt1.html", "starry-sky-in-html5-canvas-pt1"),
    "hugo-vis-avs": ("posts/00-background/index.html", "00-background"),
    "zola-tomasfarias": ("working-with-dbts-run-results/index.html", "working-with-dbts-run-results"),
    # ARTICLE_URL = 'posts/{date:%Y}/{date:%m}/{slug}/' in its pelicanconf.py
    "pelican-ccwang002": ("posts/2016/01/plot-seq-depth-gviz/index.html", "plot-seq-depth-gviz"),
}
_RAW = re.compile(r"\{%|%\}|\{\{|\}\}|\[\^\w+\]|</?(?:div|img|figure|iframe|span|a|p|br)\b")


def _posts(content: Path) -> list[Path]:
    return [p for p in content.rglob("*") if p.suffix.lower() in MARKDOWN_SUFFIXES
            and not any(part.startswith("_") and part != "_posts" for part in
                        p.relative_to(content).parts)]


@pytest.fixture(scope="module", params=SITES)
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
          ) -> tuple[str, Path, str]:
    """One fixture site copied into a fresh folder and built with no flags; its stderr."""
    name = request.param
    root = tmp_path_factory.mktemp(name)
    shutil.copytree(FIXTURES / name / "content", root / "seeds")
    for extra in (FIXTURES / name).glob("*.py"):  # pelicanconf.py, beside the content
        shutil.copy(extra, root / extra.name)
    with contextlib.chdir(root):
        stream = io.StringIO()
        handler = logging.StreamHandler(stream)
        logging.getLogger("sitegen").addHandler(handler)
        try:
            code = main(["build"])
        finally:
            logging.getLogger("sitegen").removeHandler(handler)
    assert code == 0, stream.getvalue()
    return name, root, stream.getvalue()


def test_every_post_is_published(built: tuple[str, Path, str]) -> None:
    name, root, _ = built
    posts = _posts(FIXTURES / name / "content")
    pages = list((root / "build" / "articles").glob("*/index.html"))
    assert len(pages) == len(posts) > 0


def test_no_page_shows_template_tags_html_or_footnote_markers_as_text(built: tuple[str, Path, str]
                                                                      ) -> None:
    _, root, _ = built
    shown = []
    for page in (root / "build" / "articles").glob("*/index.html"):
        parse_page(page)  # balanced tags
        # What code shows is the writer's (Liquid in a Jekyll tutorial, say): look at the prose.
        html = page.read_text(encoding="utf-8")
        prose = re.sub(r"<(pre|code)\b.*?</\1>", "", html, flags=re.DOTALL)
        prose_text = re.sub(r"<[^>]+>", "", prose.split('id="body-text"', 1)[1].split("</article>")[0])
        for match in _RAW.finditer(_unescape(prose_text)):
            around = _unescape(prose_text)[max(0, match.start() - 40):match.end() + 40]
            shown.append(f"{page.parent.name}: {match[0]!r} in {around!r}")
    assert shown == []


def _unescape(text: str) -> str:
    return html.unescape(text)


def test_no_local_link_or_image_is_broken(built: tuple[str, Path, str]) -> None:
    _, root, warnings = built
    assert broken_links(root / "build") == []
    assert "names no article or file" not in warnings


def test_images_are_published(built: tuple[str, Path, str]) -> None:
    name, root, _ = built
    images = [p for p in (FIXTURES / name / "content").rglob("*")
              if p.suffix.lower() in (".png", ".jpg", ".gif", ".svg", ".webp")]
    published = [p for p in (root / "build").rglob("*")
                 if p.suffix.lower() in (".png", ".jpg", ".gif", ".svg", ".webp")
                 and "static" not in p.relative_to(root / "build").parts]
    assert len(published) == len(images)
    shown = {link.rsplit("/", 1)[-1] for page in (root / "build" / "articles").glob("*/index.html")
             for link in parse_page(page).links}
    used = {p.name for p in images if any(p.name in post.read_text(encoding="utf-8")
                                          for post in _posts(FIXTURES / name / "content"))}
    assert used <= shown  # every image a post uses is on its page


def test_old_addresses_redirect(built: tuple[str, Path, str]) -> None:
    name, root, _ = built
    old, slug = OLD_ADDRESSES[name]
    page = root / "build" / old
    assert page.is_file(), sorted(str(p.relative_to(root / "build")) for p in
                                  (root / "build").rglob("*.html"))[:40]
    (link,) = set(parse_page(page).links)  # the canonical link and the one to follow
    assert (page.parent / link).resolve() == (root / "build" / "articles" / slug / "index.html").resolve()
    assert 'http-equiv="refresh"' in page.read_text(encoding="utf-8")

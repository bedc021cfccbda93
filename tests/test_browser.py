"""The built archive in a real browser: Debian's chromium driven by Playwright, over real HTTP.

`make browser-deps` installs chromium (never a Playwright browser download). Locally the tests
are skipped without /usr/bin/chromium; in CI (``CI`` set) they fail instead. When a test fails,
screenshots of the main pages are saved to a temp folder, which is printed.

Pages are listed once in ``MAIN_PAGES``; a new kind of page gets its checks (axe, contrast,
screenshots) by adding it there.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import TEST_ARCHIVE, built_archive, write_files

pytestmark = pytest.mark.browser
playwright_sync = pytest.importorskip("playwright.sync_api")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTICLE = "articles/budget-row/index.html"  # has every kind of highlight
ARTICLES = [f"articles/{slug}/index.html" for slug in (
    "budget-row", "blair-sets-out-election-plans", "shares", "leaders-meet-in-beijing")]
# Name → path of the pages every page-level check runs on.
MAIN_PAGES = {
    "home": "index.html",
    "article": ARTICLE,
    "person": "people/gordon-brown/index.html",
    "people": "people/index.html",
    "topic": "topics/economy/index.html",
    "search": "search/index.html?q=Manchester",
    "404": "no-such-page/",
}
KINDS = ("person", "place", "org", "quote", "figure")


class _Handler(http.server.SimpleHTTPRequestHandler):
    """A static server that answers a missing page with 404.html, as GitHub Pages does."""

    def log_message(self, format: str, *args: object) -> None:  # quiet test output
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class _Server(http.server.ThreadingHTTPServer):
    """A server that stays quiet when the browser drops a connection it no longer needs."""

    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The multi-article test archive, built (two articles a page, so the home page paginates).

    Its search index is split in parts of one article, so searching merges them all.
    """
    folder = tmp_path_factory.mktemp("browser")
    write_files(folder, {"sitegen.toml": "search_part_size = 1\n"})
    return built_archive(folder, TEST_ARCHIVE, "--page-size", "2")


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    """The built site served by http.server on a free port of 127.0.0.1, in a thread."""
    handler = functools.partial(_Handler, directory=str(site))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Headless Debian chromium (never a downloaded browser)."""
    if not Path(CHROMIUM).is_file():
        message = f"{CHROMIUM} is missing: run 'make browser-deps'"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    with playwright_sync.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, base_url: str, request: pytest.FixtureRequest) -> Iterator[object]:
    """A fresh page; when the test fails, screenshots of it and of the main pages are kept."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        folder = Path(tempfile.mkdtemp(prefix=f"sitegen-screenshots-{request.node.name[:40]}-"))
        page.screenshot(path=str(folder / "failed-page.png"), full_page=True)
        for name, path in MAIN_PAGES.items():
            try:
                page.goto(base_url + path)
                page.screenshot(path=str(folder / f"{name}.png"), full_page=True)
            except Exception as error:  # a screenshot must never hide the real failure
                print(f"no screenshot of {name}: {error}")
        print(f"\nscreenshots of the failed test and the main pages: {folder}")
    context.close()


def goto(page, base_url: str, path: str) -> None:
    """Open a page of the site and check it loaded."""
    response = page.goto(base_url + path)
    assert response is not None and response.ok, f"{path}: {response and response.status}"


# --- Listing and articles ------------------------------------------------------------------


def test_home_page_lists_articles_and_paginates(page, base_url: str) -> None:
    goto(page, base_url, "index.html")
    first = page.locator(".article-list h2 a").all_inner_texts()
    assert len(first) == 2
    page.get_by_role("link", name=re.compile("Older")).first.click()
    page.wait_for_url(re.compile(r"/page/2/"))
    second = page.locator(".article-list h2 a").all_inner_texts()
    assert len(second) == 2 and not set(first) & set(second)
    titles = {text.split(":", 1)[0] for text in TEST_ARCHIVE}  # four articles in all
    assert len(set(first) | set(second)) == len(titles)
    page.get_by_role("link", name=second[0]).click()
    assert page.locator("#article-title").inner_text() == second[0]


def test_article_shows_every_kind_of_highlight(page, base_url: str) -> None:
    goto(page, base_url, ARTICLE)
    for kind in KINDS:
        highlight = page.locator(f"#body-text .hl-{kind}").first
        assert highlight.is_visible(), kind
        assert _background(highlight) != "rgba(0, 0, 0, 0)", kind


def _background(locator) -> str:
    return locator.evaluate("element => getComputedStyle(element).backgroundColor")


def test_legend_toggles_hide_and_show_each_kind(page, base_url: str) -> None:
    goto(page, base_url, ARTICLE)
    for kind in KINDS:
        highlight = page.locator(f"#body-text .hl-{kind}").first
        shown = _background(highlight)
        page.locator(f"#show-{kind}").uncheck()
        assert _background(highlight) == "rgba(0, 0, 0, 0)", f"{kind} still highlighted"
        others = [k for k in KINDS if k != kind and k != "quote"]
        assert _background(page.locator(f"#body-text .hl-{others[0]}").first) != "rgba(0, 0, 0, 0)"
        page.locator(f"#show-{kind}").check()
        assert _background(highlight) == shown


def test_person_link_leads_to_the_person_page_with_the_quote(page, base_url: str) -> None:
    goto(page, base_url, ARTICLE)
    page.locator("#body-text a.hl-person", has_text="Gordon Brown").first.click()
    page.wait_for_url(re.compile(r"/people/gordon-brown/"))
    assert "Gordon Brown" in page.locator("h1").inner_text()
    assert page.get_by_text("This is a budget for hard-working families").first.is_visible()


def test_the_people_filter_finds_names_folded_away_and_folds_them_again(page, base_url: str) -> None:
    goto(page, base_url, "people/index.html")
    folded = page.locator("#people-list details.named-once:not([open]) li[data-name] a").first
    name = (folded.text_content() or "").strip()  # beside recurring names, the named-once fold
    entry = page.locator("#people-list details.named-once li[data-name] a", has_text=name).first
    assert name and not entry.is_visible()
    page.locator("#people-filter").fill(name)
    assert entry.is_visible()
    page.locator("#people-filter").fill("")
    assert not entry.is_visible()


def test_topic_page_lists_its_articles(page, base_url: str) -> None:
    goto(page, base_url, "topics/economy/index.html")
    links = page.locator("main a").all_inner_texts()
    assert "Budget row deepens" in links and "Shares rise in Tokyo" in links


def test_search_finds_an_article_by_a_word_of_its_body(page, base_url: str) -> None:
    goto(page, base_url, "index.html")
    page.locator("#site-search").fill("Manchester")  # only in the body of the election article
    page.locator("#site-search").press("Enter")
    page.wait_for_url(re.compile(r"/search/"))
    result = page.locator(".pagefind-ui__result-link").first
    result.wait_for(timeout=15_000)
    assert result.inner_text() == "Blair sets out election plans"


def test_search_merges_every_part_of_the_index(page, base_url: str, site: Path) -> None:
    assert len(list(site.glob("pagefind*/pagefind-entry.json"))) >= 2
    for path in ARTICLES:
        title = page.context.request.get(base_url + path).text().split("<h1", 1)[1]
        title = title.split(">", 1)[1].split("<", 1)[0]
        goto(page, base_url, f"search/index.html?q={title.replace(' ', '+')}")
        results = page.locator(".pagefind-ui__result-link")
        results.first.wait_for(timeout=15_000)
        assert title in results.all_inner_texts(), path


def test_missing_page_shows_the_404_page(page, base_url: str) -> None:
    response = page.goto(base_url + "articles/no-such-article/")
    assert response is not None and response.status == 404
    assert page.locator("h1").inner_text() == "Page not found"
    page.get_by_role("link", name=re.compile("list of articles")).click()
    assert page.locator(".article-list h2 a").count() == 2


# --- Accessibility ---------------------------------------------------------------------------


AXE_KNOWN: dict[str, str] = {}  # page name → why it is expected to fail (strict xfail)


@pytest.mark.parametrize("name", [
    pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=AXE_KNOWN[name]))
    if name in AXE_KNOWN else name
    for name in MAIN_PAGES if name != "404"
])
def test_axe_finds_no_serious_or_critical_violation(page, base_url: str, name: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    goto(page, base_url, MAIN_PAGES[name])
    if name == "search":
        page.locator(".pagefind-ui__result-link").first.wait_for(timeout=15_000)
    violations = Axe().run(page).response["violations"]
    bad = [f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
           for v in violations if v["impact"] in ("serious", "critical")]
    assert bad == []


def _rgb(colour: str) -> tuple[float, float, float, float]:
    numbers = [float(n) for n in re.findall(r"[\d.]+", colour)]
    assert colour.startswith("rgb") and len(numbers) in (3, 4), colour
    return (*numbers[:3], numbers[3] if len(numbers) == 4 else 1.0)  # type: ignore[return-value]


def _luminance(rgb: tuple[float, float, float]) -> float:
    def channel(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(v) for v in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(foreground: tuple[float, float, float], background: tuple[float, float, float]) -> float:
    """The WCAG contrast ratio of two opaque colours."""
    light, dark = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_highlights_meet_wcag_aa_contrast(page, base_url: str, scheme: str) -> None:
    """Every highlight's text (plain, or a link's colour) against its background on the page."""
    page.emulate_media(color_scheme=scheme)
    for path in ARTICLES:
        goto(page, base_url, path)
        page_background = _rgb(page.evaluate("getComputedStyle(document.body).backgroundColor"))
        assert page_background[3] == 1
        found = page.evaluate("""() => [...document.querySelectorAll('#body-text .hl')].map(e => {
            const style = getComputedStyle(e);
            return [e.className, e.textContent, style.color, style.backgroundColor]; })""")
        kinds = set()
        for css, text, colour, background in found:
            red, green, blue, alpha = _rgb(background)
            if alpha == 0:  # an inner highlight on a quote has its own background; none is a bug
                continue
            kinds.update(k for k in KINDS if f"hl-{k}" in css.split())
            laid = tuple(alpha * c + (1 - alpha) * b
                         for c, b in zip((red, green, blue), page_background[:3], strict=True))
            ratio = contrast(_rgb(colour)[:3], laid)  # type: ignore[arg-type]
            assert ratio >= 4.5, f"{scheme} {css} {text!r}: {colour} on {laid} is {ratio:.2f}:1"
        if path == ARTICLE:
            assert kinds == set(KINDS)


# --- Live preview ---------------------------------------------------------------------------


def test_live_preview_reloads_the_page_after_an_edit(browser, tmp_path: Path) -> None:
    """The page open in the browser changes by itself after the article is saved."""
    from test_serve import Served, wait_until

    write_files(tmp_path / "seeds", {"story.txt": "Live story\n\nThe first version of the text."})
    served = Served(tmp_path)
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{served.port}/articles/live-story/index.html")
        page.wait_for_load_state("networkidle")
        assert "first version" in page.inner_text("#body-text")
        page.evaluate("() => { window.__sitegenMarker = 1; }")
        (tmp_path / "seeds" / "story.txt").write_text("Live story\n\nThe second version, edited.")
        def shows_edit() -> bool:
            try:
                return "second version" in page.inner_text("#body-text", timeout=1000)
            except Exception:  # the page is reloading: ask again
                return False

        wait_until(shows_edit, "the browser to show the edited text", served)
        # The page itself was reloaded by the live-reload script, not patched in place.
        assert page.evaluate("() => window.__sitegenMarker") is None
    finally:
        context.close()
        served.stop()

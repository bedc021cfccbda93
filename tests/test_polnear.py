"""The 840-article PolNeAR archive (US election news, seven publishers) builds with one page
per person, every name form on it.

The articles are their publishers' copyright: read from ../shared/corpus and copied only into
a temporary folder. Skipped only when that folder is absent (a user's machine). Every test of
this archive is in this module, so that it is built once per test run; its annotations are
kept in .cache/polnear-annotations between runs.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import os
import re
import shutil
import threading
from pathlib import Path

import pytest
from conftest import CORPUS, REPO, build

POLNEAR = CORPUS.parent / "polnear" / "articles"
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not POLNEAR.is_dir(), reason="the PolNeAR corpus (../shared/corpus) is absent"),
]


CACHE = REPO / ".cache" / "polnear-annotations"  # kept between runs: annotating takes minutes


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built archive's data folder (people.json, topics.json, articles/)."""
    site = tmp_path_factory.mktemp("polnear")
    shutil.copytree(POLNEAR, site / "seeds")
    (site / "sitegen.toml").write_text(f'cache = "{CACHE.as_posix()}"\nsearch = false\n', encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(site)
        assert build() == 0
    return site / "build" / "data"


@pytest.fixture(scope="module")
def people(data: Path) -> dict[str, dict]:
    records = json.loads((data / "people.json").read_text(encoding="utf-8"))
    return {p["name"]: p for p in records}


@pytest.fixture(scope="module")
def topics(data: Path) -> list[dict]:
    return json.loads((data / "topics.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(("name", "form"), [
    ("Donald Trump", "Donald J. Trump"), ("Hillary Clinton", "Hillary Rodham Clinton"),
    ("Joe Biden", "Joseph R. Biden"), ("Bill de Blasio", "De Blasio"), ("Bernie Sanders", "Sanders"),
])
def test_every_form_of_a_name_is_on_one_page(people: dict[str, dict], name: str, form: str) -> None:
    assert form not in people and form in people[name]["aliases"], (name, people[name]["aliases"])


def test_no_handle_or_credit_is_a_person(people: dict[str, dict]) -> None:
    assert [name for name in people if "@" in name or "/" in name
            or name.lower().startswith(("twitter", "follow"))] == []  # "Ahmed Helal/LinkedIn"
    assert {"Ahmed Helal", "Samantha-Jo Roth", "Gary Cameron"} <= set(people)


def test_firms_events_and_headlines_are_no_people(people: dict[str, dict]) -> None:
    assert not {"Johnson & Johnson", "Brexit", "Citizens United", "La Raza", "Hilton Head",
                "Marco Rubio Responds To Question", "Floridians Jeb Bush"} & set(people)
    assert "Johnson" in people["Woody Johnson"]["aliases"]  # not the firm's


def test_the_candidates_are_the_most_covered_and_say_who_they_are(people: dict[str, dict]) -> None:
    leading = sorted(people.values(), key=lambda p: -(p["articles"] + p["quotes"]))[:2]
    assert {p["name"] for p in leading} == {"Donald Trump", "Hillary Clinton"}
    assert all(p["description"] for p in leading)


# --- topics (issue 15) ------------------------------------------------------------------------


def test_sections_are_titled_by_their_publishers(topics: list[dict]) -> None:
    sections = sorted(t["name"] for t in topics if t["kind"] == "section")
    assert len(sections) == 7
    assert "New York Times" in sections and "Washington Post" in sections and "USA Today" in sections
    assert not {"Nyt", "Usa Today", "Huff Post", "Wash Post"} & set(sections)


def test_one_topic_per_thing_and_no_person_or_source_topics(topics: list[dict]) -> None:
    names = {t["name"].casefold(): t for t in topics if t["kind"] != "section"}
    assert len({"america", "united states", "us", "u.s."} & set(names)) == 1
    assert not {"gop", "a republican party", "state", "states", "trump", "kasich", "fox",
                "new york times", "washington post", "labor day", "non-latino", "carly fiorina",
                "fla", "ky", "dc", "eastern standard time", "associated press"} & set(names)
    assert names["republican party"]["kind"] == "organisation"  # GOP and the party, shown by the name
    assert names["islam"]["kind"] == "subject"
    assert len(topics) < 0.3 * 840  # it was 178 per 100 articles


# --- pages readers want (issue 18) ------------------------------------------------------------


def test_hillary_clintons_page_has_a_timeline_over_2015_and_2016_grouped_quotes_and_a_description(
        data: Path) -> None:
    html = (data.parent / "people" / "hillary-clinton" / "index.html").read_text(encoding="utf-8")
    assert "<title>Hillary Clinton: articles and quotes per month</title>" in html
    summary = html[html.index('<span class="summary">'):]
    assert re.match(r'<span class="summary">\d+ dated articles and \d+ quotes, '
                    r"from \w+ 2015 to \w+ 2016", summary)
    assert '<th scope="row">November 2015</th>' in html and '<th scope="row">September 2016</th>' in html
    assert html.count('<ol class="quote-cards">') > 10 and '<details class="more-quotes">' in html
    assert '<p class="description">' in html
    assert "<dt>First seen</dt>" in html and "<dt>Last seen</dt>" in html


def test_hillary_clintons_quotes_are_each_on_one_of_her_quote_pages(data: Path) -> None:
    people = {p["key"]: p for p in json.loads((data / "people.json").read_text(encoding="utf-8"))}
    folder = data.parent / "people" / "hillary-clinton"
    pages = [folder / "quotes" / "index.html", *sorted((folder / "quotes" / "page").glob("*/index.html"))]
    assert len(pages) >= 2  # she is quoted in more articles than her own page shows
    links = [link.lstrip("./") for page in pages for link in re.findall(  # "../../../articles/…"
        r'<a class="jump" href="([^"]+)">In the article', page.read_text(encoding="utf-8"))]
    assert len(links) == len(set(links)) == people["hillary-clinton"]["quotes"]
    html = (folder / "index.html").read_text(encoding="utf-8")
    assert f'All {people["hillary-clinton"]["quotes"]:,} quotes</a>' in html
    assert html.count('<ol class="quote-cards">') == 50


def test_the_figures_table_and_csv_hold_every_figure(data: Path) -> None:
    figures = sum(len(json.loads(p.read_text(encoding="utf-8"))["figures"])
                  for p in (data / "articles").glob("*.json"))
    site = data.parent
    rows = sum((path / "index.html").read_text(encoding="utf-8").count("<tr data-kind=")
               for path in [site / "figures", *(site / "figures" / "page").iterdir()])
    csv_rows = (site / "figures" / "figures.csv").read_text(encoding="utf-8")
    assert figures > 1000 and rows == figures
    assert len(list(csv.reader(io.StringIO(csv_rows)))) == figures + 1  # and the header



# --- what a reader sees (issue 18: screenshots of every page type, kept as test artefacts) ------

SCREENSHOTS = REPO / ".cache" / "artefacts" / "polnear-screenshots"  # git-ignored, kept after the run
PNG = b"\x89PNG\r\n\x1a\n"


def _page_types(data: Path, topics: list[dict]) -> dict[str, str]:
    article = sorted((data / "articles").glob("*.json"))[0].stem
    topic = next(t["url"] for t in topics if t["kind"] != "section")
    return {"home": "index.html", "page-2": "page/2/index.html", "article": f"articles/{article}/index.html",
            "people": "people/index.html", "person": "people/hillary-clinton/index.html",
            "topics": "topics/index.html", "topic": f"{topic}index.html", "figures": "figures/index.html",
            "404": "404.html", "person-quotes": "people/hillary-clinton/quotes/index.html"}


def _photograph(base: str, pages: dict[str, str]) -> list[str]:
    """Photograph every page; returns axe's serious and critical violations on the page types
    the smaller browser-test archive cannot show (a person's own quote pages)."""
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright
    from test_browser import CHROMIUM, CHROMIUM_ARGS

    violations: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        for width in (1280, 390):
            for scheme in ("light", "dark"):
                context = browser.new_context(viewport={"width": width, "height": 900},
                                              color_scheme=scheme)
                page = context.new_page()
                for name, path in pages.items():
                    response = page.goto(base + path)
                    assert response is not None and response.ok, path
                    assert page.locator("main h1").count() >= 1, path
                    page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}-{scheme}.png"))
                    if name == "person-quotes" and width == 1280:
                        violations += [f"{scheme}: {v['id']} ({v['impact']}): {v['help']}"
                                       for v in Axe().run(page).response["violations"]
                                       if v["impact"] in ("serious", "critical")]
                context.close()
        browser.close()
    return violations


@pytest.mark.browser
def test_every_page_type_is_photographed_in_light_and_dark(data: Path, topics: list[dict]) -> None:
    """PNGs of every page type at 1280 and 390 px, light and dark, in .cache/artefacts, to look at
    before a change to the pages is called done; each must be a real picture of a real page."""
    from test_browser import CHROMIUM, _Handler, _Server

    if not Path(CHROMIUM).is_file():
        message = f"{CHROMIUM} is missing: run 'make browser-deps'"
        pytest.fail(message) if os.environ.get("CI") else pytest.skip(message)
    server = _Server(("127.0.0.1", 0), functools.partial(_Handler, directory=str(data.parent)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    SCREENSHOTS.mkdir(parents=True)
    try:
        violations = _photograph(f"http://127.0.0.1:{server.server_address[1]}/", _page_types(data, topics))
    finally:
        server.shutdown()
        server.server_close()
    shots = sorted(SCREENSHOTS.glob("*.png"))
    assert violations == []
    assert len(shots) == 10 * 2 * 2
    assert all(shot.read_bytes()[:8] == PNG and shot.stat().st_size > 10_000 for shot in shots)

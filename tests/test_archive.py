"""The archive: people and topic pages, feeds, sitemap, search index and the JSON API."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import pytest
from conftest import broken_links, build, parse_page, write_files

ARTICLES = {
    "politics/2005-02-01-schools.txt": (
        "Blair defends schools plan\n\n"
        "Prime Minister Tony Blair said the plan would help every pupil in England.\n\n"
        '"We will not go back on our promise to parents," Mr Blair told reporters in London.\n\n'
        "Gordon Brown, the Chancellor, backed the schools plan on Tuesday."
    ),
    "politics/2005-02-03-budget.txt": (
        "Brown sets out budget\n\n"
        "Chancellor Gordon Brown said the economy was strong and growing.\n\n"
        '"This is a budget for hard-working families across the country," Mr Brown said.\n\n'
        "Tony Blair praised the budget in the Commons."
    ),
    "business/2005-02-05-markets.md": (
        "---\ntitle: Markets rise after speech\ndate: 2005-02-05\ntopics: [economy]\n---\n"
        "Shares rose by 3% after Mr Blair spoke about the economy.\n\n"
        '"Investors are calm and the outlook is good for the year," said analyst Jane Smith.\n'
    ),
}
CONFIG = '''title = "Test archive"
base_url = "https://example.org/archive/"
page_size = 2

[topics]
"Education" = ["schools", "pupil"]
'''


@pytest.fixture
def archive(site: Path) -> Path:
    write_files(site / "seeds", ARTICLES)
    write_files(site, {"sitegen.toml": CONFIG})
    assert build() == 0
    return site / "build"


def test_same_person_under_different_names_has_one_page(archive: Path) -> None:
    people = {p["key"]: p for p in json.loads((archive / "data/people.json").read_text())}
    assert "blair" not in people and "mr-blair" not in people
    blair = people["tony-blair"]
    assert blair["articles"] == 3 and blair["quotes"] == 1
    html = (archive / "people/tony-blair/index.html").read_text()
    assert "We will not go back on our promise to parents" in html
    assert "../../articles/blair-defends-schools-plan/index.html#q1" in html
    assert html.count('class="article-list standfirsts"') == 1
    assert people["gordon-brown"]["quotes"] == 1


def test_people_index_lists_everyone_a_to_z_by_surname(archive: Path) -> None:
    html = (archive / "people/index.html").read_text()
    a_to_z = html[html.index('<div id="people-list">'):]
    order = [a_to_z.index(name) for name in ("Tony Blair", "Gordon Brown", "Jane Smith")]
    assert order == sorted(order)
    for letter in ("B", "S"):
        assert f'href="#letter-{letter}"' in html


def test_people_index_opens_with_the_most_covered_and_folds_away_the_named_once(archive: Path) -> None:
    html = (archive / "people/index.html").read_text()
    leading = html[html.index('id="leading-heading"'):html.index('<nav class="letter-bar"')]
    # Tony Blair: 3 articles, 1 quote; Gordon Brown: 2 and 1; Jane Smith: one article only.
    assert leading.index("Tony Blair") < leading.index("Gordon Brown") and "Jane Smith" not in leading
    s_group = html[html.index('id="letter-S"'):]
    folded = s_group[s_group.index('<details class="named-once"'):s_group.index("</details>")]
    assert "Jane Smith" in folded and "1 person named in one article" in folded


def test_topics_from_front_matter_folders_config_and_text(archive: Path) -> None:
    records = json.loads((archive / "data/topics.json").read_text())
    assert [t["url"] for t in records] == [f"topics/{t['key']}/" for t in records]
    topics = [(t["key"], t["name"], t["kind"], t["articles"]) for t in records]
    # Hand-made topics (front matter, sitegen.toml, folders) come first, subjects before sections.
    assert topics == [
        ("economy", "economy", "subject", 1),  # front matter (markets); the budget names it in passing
        ("education", "Education", "subject", 1),  # sitegen.toml: "schools" in the schools story
        ("politics", "Politics", "section", 2),  # folders
        ("business", "Business", "section", 1),
    ]

    def listed(key: str) -> set[str]:
        page = parse_page(archive / "topics" / key / "index.html")
        return {link.split("/")[-2] for link in page.links if link.startswith("../../articles/")}

    assert listed("economy") == {"markets"}
    assert listed("education") == {"blair-defends-schools-plan"}
    assert listed("politics") == {"blair-defends-schools-plan", "brown-sets-out-budget"}
    assert listed("business") == {"markets"}
    overview = (archive / "topics/index.html").read_text()
    assert "Sections" in overview and "Subjects" in overview


def test_articles_link_people_topics_and_related(archive: Path) -> None:
    page = parse_page(archive / "articles/blair-defends-schools-plan/index.html")
    assert "../../people/tony-blair/index.html" in page.links
    assert "../../people/gordon-brown/index.html" in page.links
    assert "../../topics/politics/index.html" in page.links
    assert any(link.startswith("../brown-sets-out-budget/") for link in page.links)


def test_feeds_are_valid_atom_with_absolute_urls(archive: Path) -> None:
    for path in ("feed.xml", "people/tony-blair/feed.xml", "topics/politics/feed.xml"):
        feed = feedparser.parse((archive / path).read_text())
        assert not feed.bozo, (path, feed.bozo_exception)
        assert feed.version == "atom10"
        assert feed.entries
        for entry in feed.entries:
            assert entry.link.startswith("https://example.org/archive/articles/")
    site_feed = feedparser.parse((archive / "feed.xml").read_text())
    assert site_feed.entries[0].title == "Markets rise after speech"


def test_sitemap_robots_and_search_index(archive: Path) -> None:
    sitemap = (archive / "sitemap.xml").read_text()
    assert "<loc>https://example.org/archive/people/tony-blair/</loc>" in sitemap
    assert "404" not in sitemap
    assert "Sitemap: https://example.org/archive/sitemap.xml" in (archive / "robots.txt").read_text()
    assert (archive / "pagefind" / "pagefind-ui.js").is_file()
    assert (archive / "search" / "index.html").is_file()


def test_pagination_and_every_internal_link_resolves(archive: Path) -> None:
    assert (archive / "page/2/index.html").is_file()
    assert broken_links(archive) == []


def test_json_article_records_agree_with_pages(archive: Path) -> None:
    for record_path in (archive / "data/articles").glob("*.json"):
        record = json.loads(record_path.read_text())
        assert (archive / "articles" / record["slug"] / "index.html").is_file()
        archive_entities = record["archive_entities"]
        for person in record["people"]:
            resolved = archive_entities[person["key"]]  # the article's key, resolved in the archive
            assert resolved["url"] == f"people/{resolved['archive_key']}/"
            assert (archive / resolved["url"] / "index.html").is_file()
        for entity in record["entities"]:
            assert record["text"][entity["start"]:entity["end"]] == entity["text"]
            assert entity["key"] in archive_entities
    markets = json.loads((archive / "data/articles/markets.json").read_text())
    # "Mr Blair" alone in this article: its own key is "blair", the archive's "tony-blair".
    assert [p["key"] for p in markets["people"] if p["name"] == "Blair"] == ["blair"]
    assert markets["archive_entities"]["blair"]["archive_key"] == "tony-blair"
    assert markets["archive_entities"]["blair"]["name"] == "Tony Blair"


def test_aliases_and_ignore_settings(site: Path) -> None:
    write_files(site / "seeds", ARTICLES)
    write_files(site, {"sitegen.toml": 'ignore = ["Jane Smith"]\n' + CONFIG
                       + '\n[aliases]\n"Anthony Blair" = ["Tony Blair"]\n'})
    assert build() == 0
    people = {p["key"] for p in json.loads((site / "build/data/people.json").read_text())}
    assert "anthony-blair" in people and "tony-blair" not in people
    assert "jane-smith" not in people


def test_new_person_appears_and_deleted_article_disappears(site: Path) -> None:
    write_files(site / "seeds", ARTICLES)
    assert build() == 0
    write_files(site / "seeds", {"politics/2005-02-07-new.txt":
                                 "Kennedy speaks\n\nCharles Kennedy said the Liberal Democrats would "
                                 "win seats.\n\nCharles Kennedy spoke in Leeds."})
    assert build() == 0
    assert "Charles Kennedy" in (site / "build/people/index.html").read_text()
    (site / "seeds/politics/2005-02-03-budget.txt").unlink()
    assert build() == 0
    output = site / "build"
    assert not (output / "articles/brown-sets-out-budget").exists()
    for page in output.rglob("*.html"):
        assert "brown-sets-out-budget" not in page.read_text(), page
    assert broken_links(output) == []


def test_renamed_topic_moves_and_the_old_page_goes(site: Path) -> None:
    write_files(site / "seeds", ARTICLES)
    markets = site / "seeds/business/2005-02-05-markets.md"
    markets.write_text(markets.read_text().replace("topics: [economy]", "topics: [equities]"))
    assert build() == 0
    assert (site / "build/topics/equities/index.html").is_file()
    markets.write_text(markets.read_text().replace("topics: [equities]", "topics: [stock trading]"))
    assert build() == 0
    output = site / "build"
    assert not (output / "topics/equities").exists()
    assert "Markets rise after speech" in (output / "topics/stock-trading/index.html").read_text()
    for page in output.rglob("*.html"):
        assert "topics/equities/" not in page.read_text(), page
    keys = {t["key"] for t in json.loads((output / "data/topics.json").read_text())}
    assert "stock-trading" in keys and "equities" not in keys
    assert broken_links(output) == []


def test_rebuild_from_the_cache_renders_only_what_changed(site: Path) -> None:
    # Annotations fresh from spaCy and the same ones read back from the cache must give
    # the same page fingerprints, or the first rebuild after a cold build renders everything.
    from sitegen.build import build as build_site
    from sitegen.config import load_config

    write_files(site / "seeds", ARTICLES)
    config = load_config()
    cold = build_site(config)
    assert cold.annotated == 3 and cold.rendered == cold.pages
    # keep_going skips the "nothing changed" shortcut, so every page is planned again.
    again = build_site(config, keep_going=True)
    assert (again.cached, again.rendered, again.written) == (3, 0, 0)
    budget = site / "seeds/politics/2005-02-03-budget.txt"
    budget.write_text(budget.read_text().replace("strong and growing", "strong and still growing"))
    edited = build_site(config)
    assert edited.annotated == 1
    assert 0 < edited.rendered < edited.pages  # pages without the budget article are kept


def test_article_pages_render_again_when_what_made_their_annotations_changes(
        site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Fingerprints stand in a digest for the annotations: it must follow spaCy's version too.
    import sitegen.build
    from sitegen.build import build as build_site
    from sitegen.config import load_config

    write_files(site / "seeds", ARTICLES)
    config = load_config()
    build_site(config)
    assert build_site(config, keep_going=True).rendered == 0
    monkeypatch.setattr(sitegen.build, "_version_of", lambda package: "99.0-other")
    again = build_site(config, keep_going=True)
    assert again.rendered >= len(ARTICLES) and again.written == 0  # the same pages, checked again


def _indexed_pages(output: Path) -> dict[str, int]:
    """Search bundle → how many pages Pagefind says it indexed."""
    counts = {}
    for entry in sorted(output.glob("pagefind*/pagefind-entry.json")):
        languages = json.loads(entry.read_text())["languages"].values()
        counts[entry.parent.name] = sum(language["page_count"] for language in languages)
    return counts


def test_search_index_in_parts_reindexes_only_the_part_that_changed(site: Path) -> None:
    from sitegen.build import build as build_site
    from sitegen.config import load_config

    more = {f"world/2005-03-{day:02d}-story.txt": f"Story {day}\n\nA report from day {day} in Paris."
            for day in range(1, 8)}
    write_files(site / "seeds", {**ARTICLES, **more})
    write_files(site, {"sitegen.toml": "search_part_size = 3\n"})
    config = load_config()
    first = build_site(config)
    counts = _indexed_pages(site / "build")
    assert len(counts) >= 2 and "pagefind" in counts  # ten articles in parts of about three
    assert sum(counts.values()) == 10 and first.search_parts_indexed == len(counts)
    search_page = (site / "build/search/index.html").read_text()
    names = ["pagefind", *(f"pagefind-{part}" for part in range(1, len(counts)))]
    assert sorted(counts) == sorted(names) and f'data-bundles="{" ".join(names)}"' in search_page

    story = site / "seeds/world/2005-03-04-story.txt"
    story.write_text(story.read_text() + "\n\nLater that day it rained.")
    edited = build_site(config)
    assert edited.search_parts_indexed == 1 and _indexed_pages(site / "build") == counts

    for name in more:
        (site / "seeds" / name).unlink()
    shrunk = build_site(config)
    assert _indexed_pages(site / "build") == {"pagefind": 3}  # the other bundles are gone
    assert shrunk.search_parts_indexed == 1
    assert 'data-bundles="pagefind"' in (site / "build/search/index.html").read_text()

    write_files(site, {"sitegen.toml": "search = false\n"})
    assert build_site(load_config()).search_parts_indexed == 0
    assert _indexed_pages(site / "build") == {} and not (site / "build/search").exists()

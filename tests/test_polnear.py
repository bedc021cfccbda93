"""The 840-article PolNeAR archive (US election news, seven publishers) builds with one page
per person, every name form on it.

The articles are their publishers' copyright: read from ../shared/corpus and copied only into
a temporary folder. Skipped only when that folder is absent (a user's machine). Every test of
this archive is in this module, so that it is built once per test run; its annotations are
kept in .cache/polnear-annotations between runs.
"""

from __future__ import annotations

import json
import shutil
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
    assert [name for name in people if "@" in name or name.lower().startswith(("twitter", "follow"))] == []


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
    assert not {"republican party", "a republican party", "state", "states", "trump", "kasich", "fox",
                "new york times", "washington post", "labor day", "non-latino"} & set(names)
    assert names["gop"]["kind"] == "organisation"
    assert len(topics) < 0.3 * 840  # it was 178 per 100 articles

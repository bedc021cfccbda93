"""The 840-article PolNeAR archive (US election news, seven publishers) builds with one page
per person, every name form on it.

The articles are their publishers' copyright: read from ../shared/corpus and copied only into
a temporary folder. Skipped only when that folder is absent (a user's machine). Every test of
this archive is in this module, so that it is built once per test run.
"""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import CORPUS, build

POLNEAR = CORPUS.parent / "polnear" / "articles"
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not POLNEAR.is_dir(), reason="the PolNeAR corpus (../shared/corpus) is absent"),
]


@pytest.fixture(scope="module")
def people(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    site = tmp_path_factory.mktemp("polnear")
    shutil.copytree(POLNEAR, site / "seeds")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(site)
        assert build() == 0
    records = json.loads((site / "build" / "data" / "people.json").read_text(encoding="utf-8"))
    return {p["name"]: p for p in records}


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

"""The 400-article BBC corpus builds, and well-known people get exactly one page each.

The corpus is the BBC's copyright: it is read from ../shared/corpus and copied only
into a temporary folder. Skipped only when that folder is absent (a user's machine).
"""

from __future__ import annotations

import json
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import CORPUS, broken_links, build

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CORPUS.is_dir(), reason="the BBC corpus (../shared/corpus) is absent"),
]
PEOPLE = {"tony-blair": ("Tony Blair", "Mr Blair"), "gordon-brown": ("Gordon Brown",),
          "michael-howard": ("Michael Howard",), "charles-kennedy": ("Charles Kennedy",)}


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("bbc")
    for source in CORPUS.glob("*.txt"):
        section = source.name.split("-")[0]
        (site / "seeds" / section).mkdir(parents=True, exist_ok=True)
        shutil.copy(source, site / "seeds" / section / source.name)
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(site)
        assert build() == 0
    return site


def test_every_article_is_built_with_highlights(corpus_site: Path) -> None:
    pages = list((corpus_site / "build" / "articles").glob("*/index.html"))
    assert len(pages) == 400
    without = [p for p in pages if 'class="hl ' not in p.read_text(encoding="utf-8")]
    assert without == []


class _ListingParser(HTMLParser):
    """The article links of a listing page's article list, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # open <ol> elements inside the article list; 0 = outside it
        self.slugs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "ol" and (self.depth or "article-list" in (values.get("class") or "").split()):
            self.depth += 1
        elif tag == "a" and self.depth:
            parts = (values.get("href") or "").split("/")
            assert parts[-3:-2] == ["articles"] and parts[-1] == "index.html", parts
            self.slugs.append(parts[-2])

    def handle_endtag(self, tag: str) -> None:
        if tag == "ol" and self.depth:
            self.depth -= 1


def listed_articles(folder: Path) -> list[str]:
    """The slugs of the articles listed on every page of the listing in ``folder``."""
    pages = [folder / "index.html", *sorted(folder.glob("page/*/index.html"),
                                            key=lambda p: int(p.parent.name))]
    slugs: list[str] = []
    for page in pages:
        parser = _ListingParser()
        parser.feed(page.read_text(encoding="utf-8"))
        parser.close()
        assert parser.slugs, f"{page}: an empty listing page"
        slugs += parser.slugs
    return slugs


def test_well_known_people_have_one_page_with_all_their_articles(corpus_site: Path) -> None:
    output = corpus_site / "build"
    people = json.loads((output / "data" / "people.json").read_text(encoding="utf-8"))
    records = [json.loads(p.read_text(encoding="utf-8"))
               for p in (output / "data" / "articles").glob("*.json")]
    for key, forms in PEOPLE.items():
        name = forms[0]
        same_name = [p for p in people if p["name"] in (name, name.split()[-1])]
        assert [p["key"] for p in same_name] == [key]
        naming = {r["slug"] for r in records if any(f in r["title"] + r["text"] for f in forms)}
        on_page = {r["slug"] for r in records
                   if any(r["archive_entities"][p["key"]]["archive_key"] == key for p in r["people"])}
        assert naming <= on_page, (key, naming - on_page)
        surname = name.split()[-1]
        assert all(surname in r["title"] + r["text"] for r in records if r["slug"] in on_page), key
        listed = listed_articles(output / "people" / key)
        assert len(listed) == len(set(listed)), (key, "an article listed twice")
        assert set(listed) == on_page, (key, on_page - set(listed), set(listed) - on_page)
        assert same_name[0]["articles"] == len(listed)
    # The test means something only if some of these listings have more than one page.
    assert any((output / "people" / key / "page").is_dir() for key in PEOPLE)


def test_corpus_links_resolve(corpus_site: Path) -> None:
    assert broken_links(corpus_site / "build") == []


def _people(corpus_site: Path) -> dict[str, dict]:
    records = json.loads((corpus_site / "build" / "data" / "people.json").read_text(encoding="utf-8"))
    return {p["name"]: p for p in records}


NOT_PEOPLE = ["Electronic Arts", "Best Buy", "Balco", "Arthur Andersen", "Cloud Atlas", "Spirited Away",
              "La Boheme", "Auschwitz", "Mental Capacity Bill", "Brown's Budget", "Creative Zens",
              "Boogeyman", "Hotel Rwanda", "Yukos", "Opus Dei", "Dresdner Kleinwort Wasserstein"]
ONE_PERSON = {"Vince Cable": "Vincent Cable", "Darren Campbell": "Darren Campell",
              "Berhane Adera": "Berhane Adere", "Charles van Commenee": "Van Commenee"}


def test_names_that_are_no_people_have_no_person_page(corpus_site: Path) -> None:
    people = _people(corpus_site)
    assert [name for name in NOT_PEOPLE if name in people] == []


def test_one_person_under_two_forms_has_one_page(corpus_site: Path) -> None:
    people = _people(corpus_site)
    for name, other in ONE_PERSON.items():
        assert other not in people and other in people[name]["aliases"], (name, other)


def test_a_royal_called_by_title_and_given_name_is_on_the_page_of_the_full_name(corpus_site: Path) -> None:
    people = _people(corpus_site)
    assert "Prince Saud" not in people and people["Saud Al-Faisal"]["description"] == "Foreign Minister"


def test_people_listed_with_people_are_people(corpus_site: Path) -> None:
    people = _people(corpus_site)  # tagged an organisation as often as a person
    assert {"Tracey Emin", "Leonardo DiCaprio", "Rabah Yusuf"} <= set(people)


def test_different_people_with_one_surname_are_kept_apart(corpus_site: Path) -> None:
    people = _people(corpus_site)
    lord, analyst = people["Lord Armstrong"], people["Bill Armstrong"]
    assert lord["key"] != analyst["key"] and "Lord Armstrong" not in analyst["aliases"]
    page = (corpus_site / "build" / "people" / people["Carter"]["key"] / "index.html").read_text()
    assert "Coach Carter" not in page  # President Carter's page does not hold the film


def test_people_say_who_they_are(corpus_site: Path) -> None:
    people = _people(corpus_site)
    assert people["Tony Blair"]["description"] == "Prime Minister"
    assert people["Gordon Brown"]["description"] == "Chancellor"
    index = (corpus_site / "build" / "people" / "index.html").read_text(encoding="utf-8")
    assert '<span class="description">Prime Minister</span>' in index


def _topics(corpus_site: Path) -> dict[str, dict]:
    records = json.loads((corpus_site / "build" / "data" / "topics.json").read_text(encoding="utf-8"))
    return {t["name"]: t for t in records}


def test_topics_of_the_corpus_are_one_per_thing_of_one_kind(corpus_site: Path) -> None:
    # Issue 15: the failures a build of this corpus showed before.
    topics = _topics(corpus_site)
    names = {name.casefold() for name in topics}
    assert "uk" in names or "united kingdom" in names
    assert not names & {"britain", "great britain", "america", "united states"}
    assert not names & {"olympic", "olympic games", "athens olympics", "oscar", "lib dem",
                        "labour party", "program"}
    assert topics["Olympics"]["kind"] == "event" and topics["Oscars"]["kind"] == "event"
    records = json.loads((corpus_site / "build/data/topics.json").read_text(encoding="utf-8"))
    assert len(names) == len(records)  # no name twice (Wales the place and the organisation)
    for club in ("Newcastle", "Liverpool", "Chelsea", "Arsenal"):
        assert topics.get(club, {"kind": "organisation"})["kind"] == "organisation", club
    assert "drug" not in topics and topics["drugs test"]["articles"] >= 10  # the doping stories


def test_no_people_works_sources_or_fragments_are_topics(corpus_site: Path) -> None:
    names = set(_topics(corpus_site))
    assert not names & {"Keanu Reeves", "JK Rowling", "Thanou", "Mutu", "Dibaba", "Sideways",
                        "Aviator", "Vera Drake", "BBC News", "BBC Sport", "BBC Radio 4", "GMT",
                        "Reuters", "Oscars - the", "Everton and Arsenal"}
    generic = {"program", "bill", "child", "mail", "sale", "project", "survey", "woman", "actor",
               "artist", "charge", "customer", "side", "report", "hope", "wife", "left foot", "take",
               "wall", "month", "price", "deadline", "lawsuit", "team", "speech", "fall"}
    assert not names & generic


def test_the_topic_count_grows_slower_than_the_archive(corpus_site: Path) -> None:
    assert len(_topics(corpus_site)) < 0.5 * 400  # it was 168 per 100 articles

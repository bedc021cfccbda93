"""The 840-article PolNeAR archive's topics (issue 15): the archive model only, no pages.

The articles are their publishers' copyright: read from ../shared/corpus/polnear and never
copied into the repository. Skipped only when that folder is absent.
"""

from __future__ import annotations

import pytest
from conftest import REPO

from sitegen.annotate import annotate_articles
from sitegen.archive import Site, build_site
from sitegen.config import DEFAULT_MODEL
from sitegen.models import AnnotatedArticle
from sitegen.read import read_content

POLNEAR = REPO.parent / "shared" / "corpus" / "polnear" / "articles"
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not POLNEAR.is_dir(), reason="the PolNeAR corpus (../shared/corpus) is absent"),
]


CACHE = REPO / ".cache" / "polnear-annotations"  # kept between runs: annotating takes a minute


@pytest.fixture(scope="module")
def archive() -> Site:
    articles = list(read_content(POLNEAR).articles)
    annotations, _ = annotate_articles(articles, model=DEFAULT_MODEL, cache_folder=CACHE, jobs=2)
    return build_site([AnnotatedArticle(a, n) for a, n in zip(articles, annotations, strict=True)],
                      page_size=10)


def test_sections_are_titled_by_their_publishers(archive: Site) -> None:
    sections = sorted(t.name for t in archive.topics if t.kind == "section")
    assert len(sections) == 7
    assert "New York Times" in sections and "Washington Post" in sections and "USA Today" in sections
    assert not {"Nyt", "Usa Today", "Huff Post", "Wash Post"} & set(sections)


def test_one_topic_per_thing_and_no_person_or_source_topics(archive: Site) -> None:
    names = {t.name.casefold(): t for t in archive.topics if t.kind != "section"}
    assert len({"america", "united states", "us", "u.s."} & set(names)) == 1
    assert not {"republican party", "a republican party", "state", "states", "trump", "kasich", "fox",
                "new york times", "washington post", "labor day", "non-latino"} & set(names)
    assert names["gop"].kind == "organisation"
    assert len(archive.topics) < 0.3 * 840  # it was 178 per 100 articles

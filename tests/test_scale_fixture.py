"""The scale fixture of issue 19 (``benchmarks/scale_fixture.py``): synthetic articles whose cached
annotations still point at the right words, so a build of them runs no spaCy."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from sitegen.annotate.cache import AnnotationCache, cache_key
from sitegen.annotate.nlp import model_identity
from sitegen.build import build
from sitegen.config import DEFAULT_MODEL, load_config
from sitegen.read import read_content

_PATH = Path(__file__).resolve().parent.parent / "benchmarks" / "scale_fixture.py"
_SPEC = importlib.util.spec_from_file_location("scale_fixture", _PATH)
assert _SPEC and _SPEC.loader
scale_fixture = importlib.util.module_from_spec(_SPEC)
sys.modules["scale_fixture"] = scale_fixture  # dataclasses look their module up
_SPEC.loader.exec_module(scale_fixture)

ARTICLES = {
    "politics-001.txt": "Blair defends the budget\n\nTony Blair said the plan would cost £3bn.\n\n"
                        "\u201cWe will not turn back. The plan is right.\n\n"
                        "\u201cIt will work for 85,505 families,\u201d he told MPs.\n\n"
                        "Gordon Brown agreed with him in London on Monday.\n",
    "sport-001.txt": "Holmes wins in Glasgow\n\nKelly Holmes won the 1500m in Glasgow.\n\n"
                     "\u201cI felt strong,\u201d Holmes said after the race.\n\n"
                     "The crowd of 5,000 cheered as 12% more tickets were sold.\n",
}


def test_synthetic_articles_keep_every_span_on_its_words_and_build_from_the_cache(
        tmp_path: Path, monkeypatch) -> None:
    corpus, cache, site = tmp_path / "corpus", tmp_path / "cache", tmp_path / "site"
    corpus.mkdir()
    for name, text in ARTICLES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    sources = scale_fixture.read_sources(corpus, cache)
    assert any(q.text.count("\n\n") for s in sources for q in s.annotations.quotes)  # a long quote
    assert scale_fixture.make_fixture(site, sources, 12, cache=cache) == 12

    articles = read_content(site / "seeds").articles
    assert len(articles) == 12 and len({a.text for a in articles}) == 12
    store = AnnotationCache(cache)
    found = store.get_many([cache_key(a.text, model_identity(DEFAULT_MODEL)) for a in articles])
    store.close()
    assert len(found) == 12
    for article in articles:
        annotations = found[cache_key(article.text, model_identity(DEFAULT_MODEL))]
        spans = [*annotations.mentions, *annotations.quotes, *annotations.figures]
        assert spans and all(article.text[s.start:s.end] == s.text for s in spans), article.source
        # A phrase's text is its form for topics ("profits" is "profit"): it starts alike.
        assert all(article.text[p.start:p.end].casefold()[:3] == p.text[:3]
                   for p in annotations.noun_phrases)
        for quote in annotations.quotes:
            if quote.speaker_span:
                assert article.text[slice(*quote.speaker_span)] in {"Holmes", "he", "Tony Blair"}

    monkeypatch.chdir(site)
    report = build(load_config(site / "sitegen.toml").with_overrides(search=False))
    assert (report.articles, report.annotated, report.cached) == (12, 0, 12)

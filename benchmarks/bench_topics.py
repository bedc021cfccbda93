"""The topic stage's cost against the archive's size: it should grow linearly.

Reads a built site's content folder (annotations from its cache, so run a build first), then
times ``find_topics`` on the archive and on copies of it 2, 4 and 8 times as large (each copy's
articles get their own titles, and their text a marker, so no copy is the same story as another).
Prints seconds, seconds per 1,000 articles and the topic count for each size::

    .venv/bin/python benchmarks/bench_topics.py /tmp/bbc/sitegen.toml --times 1 2 4 8

A benchmark run by hand, not a timed test.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from sitegen.annotate import annotate_articles
from sitegen.archive import newest_first
from sitegen.archive.entities import build_entity_index
from sitegen.archive.topics import find_topics
from sitegen.config import load_config
from sitegen.models import AnnotatedArticle
from sitegen.read import read_content


def load(config_path: Path) -> list[AnnotatedArticle]:
    config = load_config(config_path)
    articles = list(read_content(config.content).articles)
    annotations, _ = annotate_articles(articles, model=config.model, cache_folder=config.cache,
                                       jobs=config.jobs)
    return [AnnotatedArticle(a, n) for a, n in zip(articles, annotations, strict=True)]


def copies(items: list[AnnotatedArticle], times: int) -> list[AnnotatedArticle]:
    """``times`` copies of the archive, each copy's articles a story of their own."""
    out = []
    for copy in range(times):
        for item in items:
            article = item.article
            if copy:
                marked = str(copy % 10) + article.text[1:]  # same length: every offset holds
                article = replace(article, title=f"{article.title} ({copy})", slug=f"{article.slug}-{copy}",
                                  source=f"{copy}/{article.source}", text=marked)
            out.append(AnnotatedArticle(article, item.annotations))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("config", type=Path, help="the sitegen.toml of a built site")
    parser.add_argument("--times", type=int, nargs="*", default=[1, 2, 4, 8])
    parser.add_argument("--repeat", type=int, default=3, help="runs per size (the best is kept)")
    args = parser.parse_args(argv)
    items = load(args.config)
    print(f"{'articles':>9} {'seconds':>8} {'s/1000':>7} {'topics':>7}")
    for times in args.times:
        ordered = newest_first(copies(items, times))
        entities = build_entity_index(ordered)
        best, count = float("inf"), 0
        for _ in range(args.repeat):
            started = time.perf_counter()
            count = len(find_topics(ordered, entities, {}, 2))
            best = min(best, time.perf_counter() - started)
        print(f"{len(ordered):>9} {best:>8.2f} {1000 * best / len(ordered):>7.2f} {count:>7}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

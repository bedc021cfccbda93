"""A scale fixture: N synthetic annotated articles made from a real annotated corpus, no spaCy.

    .venv/bin/python benchmarks/scale_fixture.py SITE --count 100000

writes a site folder ``SITE`` (``seeds/<section>/<date>-<name>.txt``, ``sitegen.toml``, the
theme's templates) whose every article is already in the annotation cache, so a build of it
measures the archive, render and write stages without hours of spaCy. Each synthetic article
recombines one source article: a new title, a date spread over ten years, its paragraphs
shuffled, a last line that makes its text unique. The source's cached annotations move with
their paragraphs (every offset shifted by its paragraph's move, paragraphs a quote spans kept
together), and the fixture checks that every span still reads the same words before it
stores the record under the new text's cache key.

The source is the 400-article BBC corpus in ``../shared/corpus/bbc`` (annotated once, into the
fixture's cache, when not cached yet); its texts are the BBC's copyright, so the fixture lives
only in the folder given, outside the repository. The records are cached under the annotator's
version: after a change to ``sitegen/annotate/`` make the fixture again (the first build would
otherwise annotate every article).
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import TypeVar

from sitegen.annotate import annotate_articles
from sitegen.annotate.cache import AnnotationCache, cache_key
from sitegen.annotate.nlp import model_identity
from sitegen.config import DEFAULT_MODEL
from sitegen.models import Annotations, Article, Figure, Mention, Phrase, Quote
from sitegen.read import read_content

REPO = Path(__file__).resolve().parent.parent
BBC = REPO.parent / "shared" / "corpus" / "bbc"
FIRST_DAY = date(2015, 1, 1)
DAYS = 3653  # ten years
_CHUNK = 2_000


@dataclass(frozen=True)
class Source:
    """One annotated source article: its section, file stem, title, text and annotations."""

    section: str
    stem: str
    title: str
    text: str
    annotations: Annotations
    blocks: list[tuple[int, int]]  # paragraphs that move together: (start, end) in ``text``


def read_sources(corpus: Path, cache: Path, model: str = DEFAULT_MODEL) -> list[Source]:
    """The corpus's articles (``<section>-NNN.txt`` files, as ``tests/test_corpus.py`` lays them
    out) with their annotations, annotating what the cache lacks."""
    staging = cache / "sources"
    for path in sorted(corpus.glob("*.txt")):
        target = staging / path.name.split("-")[0] / path.name
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    articles = list(read_content(staging).articles)
    annotations, _ = annotate_articles(articles, model=model, cache_folder=cache,
                                       jobs=2, progress=None)
    return [Source(a.source.split("/")[0], Path(a.source).stem, a.title, a.text, n,
                   paragraph_blocks(a.text, a.paragraph_starts or (0,), n))
            for a, n in zip(articles, annotations, strict=True)]


def paragraph_blocks(text: str, starts: Sequence[int], annotations: Annotations) -> list[tuple[int, int]]:
    """The text's paragraphs as (start, end) spans, those a quote or other span crosses joined."""
    ends = [*(start - 2 for start in starts[1:]), len(text)]
    joined_until = list(range(len(starts)))  # paragraph i is joined with every one up to this
    for start, end in _spans(annotations):
        first = bisect_right(starts, start) - 1
        last = bisect_right(starts, max(start, end - 1)) - 1
        joined_until[first] = max(joined_until[first], last)
    blocks: list[tuple[int, int]] = []
    index = 0
    while index < len(starts):
        last, reach = index, joined_until[index]
        while last < reach:
            last += 1
            reach = max(reach, joined_until[last])
        blocks.append((starts[index], ends[last]))
        index = last + 1
    return blocks


def _spans(annotations: Annotations) -> Iterator[tuple[int, int]]:
    for group in (annotations.mentions, annotations.quotes, annotations.partial_quotes,
                  annotations.figures, annotations.noun_phrases):
        for item in group:
            yield item.start, item.end


def recombine(source: Source, rng: random.Random) -> tuple[str, Annotations]:
    """The source's text with its blocks of paragraphs shuffled, and its annotations moved along."""
    order = list(range(len(source.blocks)))
    rng.shuffle(order)
    pieces: list[str] = []
    shifts = [0] * len(order)
    position = 0
    for index in order:
        start, end = source.blocks[index]
        pieces.append(source.text[start:end])
        shifts[index] = position - start
        position += end - start + 2
    block_starts = [start for start, _ in source.blocks]

    def shift(offset: int) -> int:
        return offset + shifts[bisect_right(block_starts, offset) - 1]

    return "\n\n".join(pieces), _moved(source.annotations, shift)


Spanned = TypeVar("Spanned", Mention, Quote, Figure, Phrase)


def _moved(annotations: Annotations, shift: Callable[[int], int]) -> Annotations:
    def span(item: Spanned) -> Spanned:
        start = shift(item.start)
        return replace(item, start=start, end=start + item.end - item.start)

    def quote(item: Quote) -> Quote:
        moved = span(item)
        if item.speaker_span is None:
            return moved
        first = shift(item.speaker_span[0])
        return replace(moved, speaker_span=(first, first + item.speaker_span[1] - item.speaker_span[0]))

    return replace(annotations,
                   mentions=tuple(span(m) for m in annotations.mentions),
                   quotes=tuple(quote(q) for q in annotations.quotes),
                   partial_quotes=tuple(quote(q) for q in annotations.partial_quotes),
                   figures=tuple(span(f) for f in annotations.figures),
                   noun_phrases=tuple(span(p) for p in annotations.noun_phrases))


def check_spans(text: str, annotations: Annotations, original: str, before: Annotations) -> None:
    """Every moved span reads the words it read in the source (raises ``ValueError`` if not)."""
    for old, new in zip(_spans(before), _spans(annotations), strict=True):
        if original[old[0]:old[1]] != text[new[0]:new[1]]:
            raise ValueError(f"span {old} moved to {new} reads differently")


def make_fixture(site: Path, sources: Sequence[Source], count: int, *, seed: int = 19,
                 model: str = DEFAULT_MODEL, cache: Path | None = None) -> int:
    """Write ``count`` synthetic articles into ``site`` and their annotations into its cache;
    returns the number of cache entries written (identical texts share one)."""
    cache = cache or site / ".sitegen-cache"
    rng = random.Random(seed)
    seeds = site / "seeds"
    expected: dict[str, tuple[str, Annotations]] = {}
    for number in range(count):
        source = sources[number % len(sources)]
        text, annotations = recombine(source, rng)
        # An article with few paragraphs has few orders: a last line keeps every text its own
        # (identical texts would share one record in memory, and the fixture would weigh less).
        text += f"\n\nArchive copy {number + 1}."
        check_spans(text, annotations, source.text, source.annotations)
        day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        name = f"{day.isoformat()}-{source.stem}-{number:06d}"
        path = seeds / source.section / f"{name}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"{source.title}, part {number + 1}\n\n{text}\n", encoding="utf-8")
        expected[f"{source.section}/{name}.txt"] = (text, annotations)
    shutil.copytree(REPO / "templates", site / "templates", dirs_exist_ok=True)
    # Search off: Pagefind's cost is its parts' own (docs/scaling.md), not the archive's.
    (site / "sitegen.toml").write_text(f'title = "Scale fixture"\ncache = "{cache}"\nsearch = false\n',
                                       encoding="utf-8")
    return _store(read_content(seeds).articles, expected, cache, model)


def _store(articles: Sequence[Article], expected: dict[str, tuple[str, Annotations]], cache: Path,
           model: str) -> int:
    """Put each article's annotations under its text's key, once sure the reader read that text."""
    identity = model_identity(model)
    store = AnnotationCache(cache)
    entries: dict[str, Annotations] = {}
    try:
        for article in articles:
            text, annotations = expected[article.source]
            if article.text != text:
                raise ValueError(f"{article.source}: the reader read another text than was written")
            entries[cache_key(text, identity)] = annotations
        items = list(entries.items())
        for offset in range(0, len(items), _CHUNK):
            store.put_many(items[offset:offset + _CHUNK])
    finally:
        store.close()
    return len(entries)


def main() -> int:
    """Make the fixture folder."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path, help="the folder to create (must not exist)")
    parser.add_argument("--count", type=int, default=100_000, help="synthetic articles (default 100000)")
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument("--source-cache", type=Path, default=REPO / ".cache" / "bbc-annotations",
                        help="annotation cache for the BBC corpus (annotated into it when missing)")
    args = parser.parse_args()
    if not BBC.is_dir():
        print(f"the BBC corpus is not at {BBC}", file=sys.stderr)
        return 1
    if args.site.exists():
        print(f"{args.site} exists; give a new folder", file=sys.stderr)
        return 1
    sources = read_sources(BBC, args.source_cache)
    stored = make_fixture(args.site, sources, args.count, seed=args.seed)
    print(f"{args.count} articles in {args.site}/seeds, {stored} cache entries")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

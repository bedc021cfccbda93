"""Draw a fixed random sample of people entries from a built archive, for judging by hand.

The entries of ``<build>/data/people.json`` are sorted by ``key`` and ``random.Random(seed)``
draws ``n`` of them (``Random.sample``), so the same build, seed and ``n`` always give the same
sample in the same order. By convention the first half of the draw is the *dev* half and the
second half the *held-out* half (``tests/gold-people/`` uses seed 14, n = 100).

Each entry is printed as one JSON line: ``key``, ``name``, ``aliases``, ``articles`` (the
source files of the articles whose annotations point to the entry, relative to the content
folder, sorted; read from ``data/articles/*.json``), ``article_count`` and ``quotes`` (the
counts ``people.json`` gives), ``url`` and ``half``.

Example::

    .venv/bin/python benchmarks/sample_people.py /tmp/gold-people/bbc/build --seed 14 -n 100
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

SEED = 14
N = 100


def load_people(build: Path) -> list[dict[str, Any]]:
    """The entries of ``data/people.json``, sorted by key."""
    entries = json.loads((build / "data" / "people.json").read_text(encoding="utf-8"))
    return sorted(entries, key=lambda entry: entry["key"])


def person_articles(build: Path) -> dict[str, list[str]]:
    """For every archive person key, the sorted sources of the articles that mention them."""
    found: dict[str, set[str]] = defaultdict(set)
    for path in (build / "data" / "articles").glob("*.json"):
        record = json.loads(path.read_text(encoding="utf-8"))
        for ref in record.get("archive_entities", {}).values():
            if ref.get("label") == "PERSON" and ref.get("archive_key"):
                found[ref["archive_key"]].add(record["source"])
    return {key: sorted(sources) for key, sources in found.items()}


def draw(build: Path, seed: int = SEED, n: int = N) -> list[dict[str, Any]]:
    """The ``n`` entries drawn with ``seed``, in draw order, with their article sources and half."""
    entries = load_people(build)
    chosen = random.Random(seed).sample(entries, min(n, len(entries)))
    articles = person_articles(build)
    half = len(chosen) // 2
    return [
        {"key": e["key"], "name": e["name"], "aliases": e.get("aliases", []),
         "articles": articles.get(e["key"], []), "article_count": e.get("articles"),
         "quotes": e.get("quotes"), "url": e.get("url"), "half": "dev" if i < half else "heldout"}
        for i, e in enumerate(chosen)
    ]


def build_parser() -> argparse.ArgumentParser:
    """The command line."""
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="Prints one JSON line per drawn entry; the first half is 'dev', the rest 'heldout'.",
    )
    parser.add_argument("build", type=Path, help="a built archive (the folder holding data/people.json)")
    parser.add_argument("--seed", type=int, default=SEED, help=f"random seed (default: {SEED})")
    parser.add_argument("-n", type=int, default=N, help=f"entries to draw (default: {N})")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Print the sample as JSON lines."""
    args = build_parser().parse_args(argv)
    if not (args.build / "data" / "people.json").is_file():
        print(f"{args.build}: no data/people.json (is it a built archive?)", file=sys.stderr)
        return 1
    for entry in draw(args.build, args.seed, args.n):
        print(json.dumps(entry, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Sample the topics of a built site for judging: the largest ones and random others.

Reads ``data/topics.json`` of a build and prints JSON lines, one per sampled topic::

    {"key": "labour", "name": "Labour", "kind": "organisation", "articles": 61,
     "set": "largest", "half": "dev"}

* ``largest``: the ``--largest`` topics with the most articles (ties broken by key);
* ``random``: ``--random`` of the remaining topics, drawn with ``random.Random(--seed)``
  from them sorted by key (``Random.sample``), in the order drawn.

Each set is split into two halves: ``dev`` (the 1st, 3rd, 5th … entry of the set) and
``held-out`` (the 2nd, 4th …). The gold in ``tests/gold-topics/`` was sampled with the
defaults (50, 50, seed 15); ``benchmarks/eval_topics.py`` samples a new build the same way.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

LARGEST = 50
RANDOM = 50
SEED = 15
FIELDS = ("key", "name", "kind", "articles")


def load_topics(build: Path) -> list[dict[str, Any]]:
    """The topics of a build folder (or of a ``topics.json`` given directly)."""
    path = build if build.is_file() else build / "data" / "topics.json"
    topics: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return topics


def sample(topics: Sequence[dict[str, Any]], largest: int = LARGEST, randoms: int = RANDOM,
           seed: int = SEED) -> list[dict[str, Any]]:
    """The sampled topics, largest first, each with its ``set`` and ``half``."""
    by_size = sorted(topics, key=lambda t: (-int(t["articles"]), str(t["key"])))
    top = by_size[:largest]
    rest = sorted(by_size[largest:], key=lambda t: str(t["key"]))
    drawn = random.Random(seed).sample(rest, min(randoms, len(rest)))
    rows = []
    for name, chosen in (("largest", top), ("random", drawn)):
        for position, topic in enumerate(chosen):
            row = {field: topic[field] for field in FIELDS}
            row["set"] = name
            row["half"] = "dev" if position % 2 == 0 else "held-out"
            rows.append(row)
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog=__doc__.split("\n\n", 1)[1])
    parser.add_argument("build", type=Path, help="a build folder (with data/topics.json)")
    parser.add_argument("--largest", type=int, default=LARGEST, help=f"largest topics (default {LARGEST})")
    parser.add_argument("--random", type=int, default=RANDOM, help=f"random others (default {RANDOM})")
    parser.add_argument("--seed", type=int, default=SEED, help=f"seed of the random draw (default {SEED})")
    parser.add_argument("--output", type=Path, help="write the JSON lines here instead of stdout")
    args = parser.parse_args(argv)
    rows = sample(load_topics(args.build), args.largest, args.random, args.seed)
    text = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Benchmark: the archive stage's cost as the archive grows (people, topics, pages), in one run.

Run by hand (not in CI):

    .venv/bin/python benchmarks/bench_people.py                 # 1,000 to 16,000 articles
    .venv/bin/python benchmarks/bench_people.py --sizes 500 1000

Builds synthetic archives of hand-made annotated articles (no spaCy: the annotate stage is
not measured here), each article naming a few of a pool of people that grows with the
archive, in the forms the people rules join (full names, surnames alone, middle initials,
nicknames, peers, misspellings), and times ``build_site`` on each. It prints seconds,
microseconds per article and the ratio of that to the smallest size in the same run:
a ratio near 1 means the cost grows linearly.
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from plain_data import article, person

from sitegen.archive import build_site

GIVEN = ["Tony", "Gordon", "Michael", "Charles", "Vincent", "William", "Joseph", "Donald", "Hillary",
         "Sarah", "Kelly", "Paula", "Jean", "Darren", "Mark", "Kenenisa", "Xi", "Aung", "Berhane",
         "Robert", "Elizabeth", "Jose", "Anne", "Peter"]
SURNAMES = ["Blair", "Brown", "Howard", "Kennedy", "Cable", "Hague", "Biden", "Trump", "Clinton", "Palin",
            "Holmes", "Radcliffe", "Cotis", "Campbell", "Lewis-Francis", "Bekele", "Jinping", "Kyi",
            "Adera", "Armstrong", "Windsor", "Mourinho", "Lomax", "Mitchell", "Nides", "Weld", "Garland"]
SYLLABLES = ["ton", "by", "ley", "son", "ford", "well", "man", "ham", "er", "ski", "ez", "ini", "ova",
             "ard", "ell", "is", "os", "ander", "wick", "ing"]


def _pool(size: int, rng: random.Random) -> list[str]:
    """``size`` distinct people's full names; surnames mostly their own, as in the news."""
    names: set[str] = set()
    while len(names) < size:
        names.add(f"{rng.choice(GIVEN)} {rng.choice(SURNAMES)}{rng.choice(SYLLABLES)}{rng.randrange(40)}")
    return sorted(names)


def _forms(name: str, rng: random.Random) -> str:
    """One way an article names the person: in full, surname alone, with an initial…"""
    first, last = name.split(" ", 1)
    return rng.choice([name, name, name, last, f"{first} {rng.choice('ABCDJRW')}. {last}",
                       f"{first[:3]} {last}", f"Lord {last}"])


def archive(count: int, seed: int = 19):
    """``count`` articles, five people each, from a pool of people growing with the archive."""
    rng = random.Random(seed)
    pool = _pool(max(50, count // 4), rng)
    items = []
    for number in range(count):
        names = sorted({_forms(rng.choice(pool), rng) for _ in range(5)})
        text = ". ".join(f"{n} spoke" for n in names) + "."
        items.append(article(f"a{number}", text, people=[person(n, vouched=2) for n in names]))
    return items


def measure(count: int, collector: bool = True) -> float:
    """CPU seconds ``build_site`` takes on an archive of ``count`` articles (best of two).

    The annotations are frozen as the build freezes them (``sitegen.heap``); with
    ``collector`` off, the cycle collector does not run at all, which shows the cost of
    sitegen's own code apart from the collector's walks over the growing model.
    """
    items = archive(count)
    best = float("inf")
    for _ in range(2):
        gc.collect()
        gc.freeze()
        if not collector:
            gc.disable()
        started = time.process_time()  # this process's CPU time: the machine's load aside
        build_site(items, page_size=10)
        best = min(best, time.process_time() - started)
        gc.enable()
        gc.unfreeze()
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 4000, 8000, 16000])
    sizes = sorted(parser.parse_args().sizes)
    print(f"{'articles':>9} {'CPU s':>7} {'µs/article':>11} {'× smallest':>11}"
          f" {'collector off: µs':>18} {'×':>6}")
    bases: list[float] = []
    for count in sizes:
        seconds, bare = measure(count), measure(count, collector=False)
        per, bare_per = seconds / count * 1e6, bare / count * 1e6
        bases = bases or [per, bare_per]
        print(f"{count:>9,} {seconds:>7.2f} {per:>11.0f} {per / bases[0]:>11.2f} {bare_per:>18.0f}"
              f" {bare_per / bases[1]:>6.2f}")


if __name__ == "__main__":
    main()

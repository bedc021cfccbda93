"""Score the topics of a build against a blind topic gold (``tests/gold-topics/*.jsonl``).

The build is sampled exactly as the gold was (``benchmarks/sample_topics.py``: the 50 largest
topics and 50 random others, seed 15, each set split into dev and held-out halves). A sampled
topic takes the gold judgement of the gold topic with the same key and kind, or else with the
same name (case-insensitive) and kind. The report gives, per set and half:

* precision: ``good`` / judged (topics without a judgement are left out, and counted);
* the label counts (good, generic, duplicate, wrong_kind, not_topic);

and for the build as a whole:

* duplicates among the largest: sampled largest topics judged ``duplicate``, and, needing no
  judgement, largest topics whose name differs from another topic's only by case, punctuation
  or a final "s" (Olympic / Olympic, Oscar / Oscars, Lib Dem / Lib Dems);
* topics per 100 articles (``--growth`` adds other builds, e.g. the 400-, 840- and
  1,240-article archives);
* the unjudged topics, to be judged later, blind, by someone who did not change the code
  (``--unjudged FILE`` writes them as JSON lines in the gold's format, label left empty; once
  filled in, pass that file with ``--more`` so its judgements are used too);
* reused judgements whose topic's article count changed by more than a third: the topic may
  have been merged or split, so its judgement may no longer hold.

The gold's own figures (its sample of the build that was judged) are printed beside the
new ones. It is a report: the exit status is 0 whatever the scores.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sample_topics import LARGEST, RANDOM, SEED, load_topics, sample

LABELS = ("good", "generic", "duplicate", "wrong_kind", "not_topic")
SETS = ("largest", "random")
HALVES = ("dev", "held-out")
CHANGED = 1 / 3  # a reused judgement is flagged when the article count moved by more than this share

Row = dict[str, Any]


@dataclass
class Cell:
    """The judged topics of one set and half."""

    total: int = 0
    labels: Counter[str] = field(default_factory=Counter)

    @property
    def judged(self) -> int:
        return sum(self.labels.values())

    def precision(self) -> float | None:
        return self.labels["good"] / self.judged if self.judged else None


def load_gold(path: Path) -> list[Row]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            row = json.loads(line)
            if row.get("label") not in LABELS:
                raise SystemExit(f"{path}:{number}: label must be one of {', '.join(LABELS)}")
            rows.append(row)
    return rows


def judge(rows: Iterable[Row], gold: Sequence[Row]) -> list[Row]:
    """The sampled rows, each with the matching gold judgement (``label`` None when unjudged)."""
    by_key = {(g["key"], g["kind"]): g for g in gold}
    by_name = {(str(g["name"]).casefold(), g["kind"]): g for g in gold}
    judged = []
    for row in rows:
        match = by_key.get((row["key"], row["kind"])) or by_name.get((str(row["name"]).casefold(),
                                                                       row["kind"]))
        judged.append({**row, "label": match["label"] if match else None,
                       "should_be": match.get("should_be") if match else None,
                       "reason": match.get("reason") if match else None,
                       "gold_key": match["key"] if match else None,
                       "gold_articles": match["articles"] if match else None})
    return judged


def cells(rows: Iterable[Row]) -> dict[tuple[str, str], Cell]:
    table = {(s, h): Cell() for s in SETS for h in HALVES}
    for row in rows:
        cell = table.get((row["set"], row["half"]))
        if cell is None:
            continue
        cell.total += 1
        if row["label"]:
            cell.labels[row["label"]] += 1
    return table


def name_form(name: str) -> str:
    """A name without case, punctuation, spaces or a final "s"."""
    form = re.sub(r"[\W_]+", "", name.casefold())
    return form[:-1] if len(form) > 3 and form.endswith("s") else form


def name_clashes(topics: Sequence[Row], largest: Sequence[Row]) -> list[tuple[Row, list[Row]]]:
    """Largest topics that share their name form with another topic of the build."""
    forms: dict[str, list[Row]] = {}
    for topic in topics:
        forms.setdefault(name_form(str(topic["name"])), []).append(topic)
    clashes = []
    for topic in largest:
        others = [t for t in forms[name_form(str(topic["name"]))] if t["key"] != topic["key"]]
        if others:
            clashes.append((topic, others))
    return clashes


def article_count(build: Path) -> int:
    return len(list((build / "data" / "articles").glob("*.json")))


def per_hundred(build: Path) -> tuple[int, int, float]:
    topics, articles = len(load_topics(build)), article_count(build)
    return topics, articles, 100 * topics / articles if articles else float("nan")


def percent(value: float | None) -> str:
    return "   -  " if value is None else f"{100 * value:5.1f}%"


def print_table(title: str, table: dict[tuple[str, str], Cell]) -> None:
    print(title)
    print(f"  {'set':<8} {'half':<9} {'precision':>9} {'good/judged':>12} {'sampled':>8}  labels")
    for name in SETS:
        rows = [(half, table[(name, half)]) for half in HALVES]
        both = Cell(sum(c.total for _, c in rows), sum((c.labels for _, c in rows), Counter()))
        for half, cell in [*rows, ("both", both)]:
            counts = " ".join(f"{label}={cell.labels[label]}" for label in LABELS if cell.labels[label])
            print(f"  {name:<8} {half:<9} {percent(cell.precision()):>9} "
                  f"{cell.labels['good']:>5}/{cell.judged:<6} {cell.total:>8}  {counts}")


def summary(table: dict[tuple[str, str], Cell]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for (name, half), cell in table.items():
        out[f"{name}/{half}"] = {"precision": cell.precision(), "good": cell.labels["good"],
                                 "judged": cell.judged, "sampled": cell.total,
                                 "labels": dict(cell.labels)}
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog=__doc__.split("\n\n", 1)[1])
    parser.add_argument("build", type=Path, help="a build folder (data/topics.json, data/articles/)")
    parser.add_argument("gold", type=Path, help="a gold file, e.g. tests/gold-topics/bbc.jsonl")
    parser.add_argument("--largest", type=int, default=LARGEST, help=f"largest topics (default {LARGEST})")
    parser.add_argument("--random", type=int, default=RANDOM, help=f"random others (default {RANDOM})")
    parser.add_argument("--seed", type=int, default=SEED, help=f"seed of the random draw (default {SEED})")
    parser.add_argument("--more", type=Path, nargs="*", default=[], metavar="FILE",
                        help="later judgements (same format): for topics the gold lacks, and they win over "
                             "the gold (a re-judged topic); the gold's own figures come from it alone")
    parser.add_argument("--growth", type=Path, nargs="*", default=[], metavar="BUILD",
                        help="more builds whose topics per 100 articles to report")
    parser.add_argument("--unjudged", type=Path, metavar="FILE",
                        help="write the unjudged sampled topics here as JSON lines (label empty)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures as JSON")
    args = parser.parse_args(argv)

    gold = load_gold(args.gold)
    more = [row for path in args.more for row in load_gold(path)]
    topics = load_topics(args.build)
    rows = judge(sample(topics, args.largest, args.random, args.seed), [*gold, *more])
    corpus = gold[0].get("corpus", "") if gold else ""

    before, now = cells(gold), cells(rows)
    print_table(f"Gold ({args.gold}, the build that was judged)", before)
    print()
    print_table(f"This build ({args.build})", now)

    largest = [r for r in rows if r["set"] == "largest"]
    judged_dups = [r for r in largest if r["label"] == "duplicate"]
    clashes = name_clashes(topics, largest)
    print("\nDuplicates among the largest")
    print(f"  judged duplicate: {len(judged_dups)} of {sum(1 for r in largest if r['label'])} judged"
          + "".join(f"\n    {r['key']} ({r['kind']}, {r['articles']}) -> {r['should_be']}"
                    for r in judged_dups))
    print(f"  same name as another topic (no judgement needed): {len(clashes)}"
          + "".join(f"\n    {t['key']} ({t['kind']}, {t['articles']}) ~ "
                    + ", ".join(f"{o['key']} ({o['kind']}, {o['articles']})" for o in others)
                    for t, others in clashes))

    print("\nTopics per 100 articles")
    growth = []
    for build in [args.build, *args.growth]:
        count, articles, ratio = per_hundred(build)
        growth.append({"build": str(build), "topics": count, "articles": articles, "per_100": ratio})
        print(f"  {build}: {count} topics, {articles} articles, {ratio:.1f} per 100 articles")

    changed = [r for r in rows if r["label"] and r["gold_articles"]
               and abs(r["articles"] - r["gold_articles"]) > CHANGED * r["gold_articles"]]
    if changed:
        print(f"\nReused judgements whose article count changed by more than a third: {len(changed)}")
        for r in changed:
            print(f"  {r['key']} ({r['kind']}): {r['gold_articles']} -> {r['articles']} articles, "
                  f"judged {r['label']} as {r['gold_key']}")

    unjudged = [r for r in rows if not r["label"]]
    print(f"\nUnjudged sampled topics: {len(unjudged)} (judge them blind, by someone who did not "
          "change the code)")
    for r in unjudged:
        print(f"  {r['set']}/{r['half']}: {r['key']} | {r['name']} ({r['kind']}, {r['articles']})")
    if args.unjudged:
        with args.unjudged.open("w", encoding="utf-8") as out:
            for r in unjudged:
                record = {"corpus": corpus, "set": r["set"], "half": r["half"], "key": r["key"],
                          "name": r["name"], "kind": r["kind"], "articles": r["articles"],
                          "label": None, "should_be": None, "reason": None}
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    if args.json:
        figures = {"gold": summary(before), "build": summary(now),
                   "duplicates_among_largest": {"judged": len(judged_dups),
                                                "same_name": len(clashes)},
                   "growth": growth, "unjudged": len(unjudged),
                   "changed": [r["key"] for r in changed]}
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

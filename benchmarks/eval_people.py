"""Score the people index against the blind gold of ``tests/gold-people/``.

Three reports, each optional:

**Precision** (``BUILD GOLD.jsonl``): draws entries from ``BUILD/data/people.json`` exactly as
``benchmarks/sample_people.py`` does (entries sorted by key, ``random.Random(seed).sample``,
default seed 14 and N = the number of gold lines; the first half drawn is *dev*, the rest
*held-out*) and reuses the gold's judgement of an entry when the gold holds the same person
entry:

* same ``key`` and same ``name``; otherwise
* same ``name`` and at least one article in common (the gold line whose article set overlaps
  most is taken).

A reused judgement must still be checkable, else the entry counts as *stale* and is listed
with the unjudged ones: a ``duplicate`` whose ``other_keys`` are all gone from the new build
(the split may have been joined), and a ``merged`` entry whose article set changed (the merge
may have been undone). Other reused judgements whose article set changed are counted but
listed under "re-check". Precision is ``ok`` / judged, per half and overall, with counts per
label. Unjudged entries (new keys, renamed entries, stale judgements) are listed so that they
can be judged blind by someone who did not change the code; they are not counted.

**Recall** (``--recall``): copies the articles of the hand gold ``tests/gold/*.json`` and
``tests/gold-heldout/*.json`` (each file lists an article's people, with aliases) into a site
per set (``seeds/<section>/<file>``; BBC files from ``--corpus``, the seed article from the
repository), builds each set with ``sitegen build``, and counts the gold people who have a
person page listing their article: an entry whose name is one of the gold person's name forms
(name or aliases), or whose aliases include the gold name, compared without titles ("Mr",
"Lord", ...), case or curly quotes. "exact" counts those whose page's display name is the gold
name itself.

**Mention clusters** (``--clusters``): runs ``sitegen annotate`` on the articles of
``tests/gold-people/clusters.jsonl`` (every named mention of a person, grouped into people by
hand, as character offsets into the body ``parse_plain`` gives) and scores pairs of mentions
within a document: a predicted person is every entity with one local ``key`` and label
``PERSON``. A predicted mention is aligned to the gold mention it overlaps most (one to one);
a predicted pair is right when both mentions are aligned to mentions of one gold person.
Pair precision = right pairs / predicted pairs, recall = right pairs / gold pairs, and F1;
mention precision/recall (aligned mentions) are given beside them.

Examples::

    .venv/bin/python benchmarks/eval_people.py /tmp/bbc/build tests/gold-people/bbc.jsonl
    .venv/bin/python benchmarks/eval_people.py --recall --clusters

It is a report: the exit status is 0 whatever the scores (1 when a build or annotate fails).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from sample_people import SEED, draw, load_people, person_articles

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"
GOLD_PEOPLE = REPO / "tests" / "gold-people"
RECALL_SETS = (REPO / "tests" / "gold", REPO / "tests" / "gold-heldout")
LABELS = ("ok", "not_person", "bad_name", "merged", "duplicate")
#: The mention-cluster articles: 10 per corpus drawn with this seed among bodies this short.
CLUSTER_SEED, CLUSTER_N, CLUSTER_MAX_CHARS = 14, 10, 4000
CLUSTER_ROOTS = {"bbc": ("bbc", "*.txt"), "polnear": ("polnear/articles", "*/*.txt")}

_TITLES = re.compile(r"^(?:(?:mr|mrs|ms|miss|dr|prof|professor|sir|dame|lord|lady|baroness|"
                     r"president|senator|sen|rep|gov|governor|judge|justice|pope|prince|"
                     r"princess|king|queen|rev|reverend|pastor|general|gen|capt|captain)\.?\s+)+")


def run(command: list[str], cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run a command, capturing its output as text."""
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)


def sitegen() -> list[str]:
    """The sitegen command next to this Python, else ``python -m sitegen``."""
    script = Path(sys.executable).parent / "sitegen"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "sitegen"]


def ratio(part: int, whole: int) -> str:
    """``part/whole (pct %)``."""
    return f"{part}/{whole} ({100 * part / whole:.1f} %)" if whole else f"{part}/0"


# --------------------------------------------------------------------------------------------
# Precision of sampled entries
# --------------------------------------------------------------------------------------------


@dataclass
class Judged:
    """One drawn entry and what the gold says about it (``label`` None: unjudged)."""

    entry: dict[str, Any]
    label: str | None
    note: str = ""
    recheck: bool = False


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """The JSON objects of a JSON Lines file."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def judge(entry: dict[str, Any], gold: list[dict[str, Any]], keys: set[str]) -> Judged:
    """Reuse the gold's judgement of ``entry`` when the gold holds the same person entry."""
    articles = set(entry["articles"])
    match = next((g for g in gold if g["key"] == entry["key"] and g["name"] == entry["name"]), None)
    if match is None:
        overlapping = [g for g in gold if g["name"] == entry["name"] and articles & set(g["articles"])]
        match = max(overlapping, key=lambda g: len(articles & set(g["articles"])), default=None)
    if match is None:
        return Judged(entry, None, "no gold entry")
    changed = set(match["articles"]) != articles
    if match["label"] == "duplicate" and not keys & set(match["other_keys"]):
        return Judged(entry, None, f"stale: duplicate of {', '.join(match['other_keys'])}, now gone")
    if match["label"] == "merged" and changed:
        return Judged(entry, None, "stale: merged entry whose articles changed")
    return Judged(entry, match["label"], f"gold {match['key']}", recheck=changed)


def precision_report(build: Path, gold_file: Path, seed: int, n: int | None) -> list[str]:
    """The precision report of one gold file against a build."""
    gold = read_jsonl(gold_file)
    drawn = draw(build, seed, n or len(gold))
    keys = {e["key"] for e in load_people(build)}
    judged = [judge(e, gold, keys) for e in drawn]
    lines = [f"== {gold_file.name}: {len(drawn)} entries drawn from {build} (seed {seed})"]
    for half in ("dev", "heldout", None):
        part = [j for j in judged if half is None or j.entry["half"] == half]
        done = [j for j in part if j.label]
        counts = Counter(j.label for j in done)
        labels = ", ".join(f"{label} {counts[label]}" for label in LABELS if counts[label])
        lines.append(f"  {half or 'all':8} precision {ratio(counts['ok'], len(done))}"
                     f"  [{labels}]  unjudged {len(part) - len(done)}")
    present = {(e["key"], e["name"]) for e in load_people(build)}
    kept = Counter(g["label"] for g in gold if (g["key"], g["name"]) in present)
    lines.append("  gold entries still in this build (same key and name): " + ", ".join(
        f"{label} {kept[label]}/{sum(g['label'] == label for g in gold)}" for label in LABELS))
    for title, chosen in (("unjudged (judge blind)", [j for j in judged if not j.label]),
                          ("re-check (judgement reused, article set changed)",
                           [j for j in judged if j.recheck])):
        if chosen:
            lines.append(f"  {title}:")
            lines += [f"    {j.entry['half']:7} {j.entry['key']} | {j.entry['name']} | "
                      f"{len(j.entry['articles'])} articles {j.entry['articles'][:3]} | {j.note}"
                      + (f" | was {j.label}" if j.label else "") for j in chosen]
    return lines


# --------------------------------------------------------------------------------------------
# Recall of the hand-gold people
# --------------------------------------------------------------------------------------------


def name_form(name: str) -> str:
    """A name without titles, case, curly quotes or extra spaces, for comparing."""
    form = " ".join(name.replace("’", "'").replace("‘", "'").split()).casefold()
    return _TITLES.sub("", form).strip() or form


def build_site(site: Path, files: Iterable[tuple[Path, str]]) -> Path:
    """Copy ``(source, section)`` files into ``site/seeds/<section>/``, build, return the build."""
    shutil.rmtree(site / "seeds", ignore_errors=True)
    for source, section in files:
        (site / "seeds" / section).mkdir(parents=True, exist_ok=True)
        shutil.copy(source, site / "seeds" / section / source.name)
    done = run([*sitegen(), "build", "-q"], cwd=site)
    if done.returncode:
        raise RuntimeError(f"sitegen build failed in {site}: {done.stderr[-2000:]}")
    return site / "build"


def recall_report(corpus: Path, work: Path) -> list[str]:
    """Build each hand-gold set and count its people who still have a person page."""
    lines = []
    for gold_dir in RECALL_SETS:
        golds = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(gold_dir.glob("*.json"))]
        files: list[tuple[Path, str, dict[str, Any]]] = []
        for g in golds:
            source = corpus / g["source"] if g["source"].startswith("bbc/") else REPO / g["source"]
            if source.is_file():
                section = source.stem.rsplit("-", 1)[0] if g["source"].startswith("bbc/") else "seed"
                files.append((source, section, g))
        build = build_site(work / gold_dir.name, [(s, sec) for s, sec, _ in files])
        entries = load_people(build)
        articles = person_articles(build)
        found = exact = total = 0
        missing = []
        for source, section, g in files:
            built = f"{section}/{source.name}"
            here = [e for e in entries if built in articles.get(e["key"], [])
                    and (build / e["url"] / "index.html").is_file()]
            for person in g["people"]:
                total += 1
                forms = {name_form(person["name"]), *map(name_form, person.get("aliases", []))}
                hits = [e for e in here if name_form(e["name"]) in forms
                        or name_form(person["name"]) in map(name_form, e.get("aliases", []))]
                found += bool(hits)
                exact += any(name_form(e["name"]) == name_form(person["name"]) for e in hits)
                if not hits:
                    missing.append(f"{person['name']} ({g['source']})")
        lines.append(f"== recall {gold_dir.name}: {len(files)} articles, gold people with a page "
                     f"{ratio(found, total)}, page named exactly {ratio(exact, total)}")
        lines += [f"    missing: {m}" for m in missing]
    return lines


# --------------------------------------------------------------------------------------------
# Mention clusters within a document
# --------------------------------------------------------------------------------------------


def cluster_articles(corpus: Path) -> list[tuple[str, str]]:
    """The ``(corpus, file)`` draw behind ``clusters.jsonl`` (10 per corpus; 5 dev, 5 held-out)."""
    sys.path.insert(0, str(REPO))
    from sitegen.read.plaintext import parse_plain

    chosen = []
    for name, (folder, pattern) in CLUSTER_ROOTS.items():
        root = corpus / folder
        short = sorted(str(p.relative_to(root)) for p in root.glob(pattern)
                       if len(parse_plain(p.read_text(encoding="utf-8")).text) <= CLUSTER_MAX_CHARS)
        chosen += [(name, f) for f in random.Random(CLUSTER_SEED).sample(short, CLUSTER_N)]
    return chosen


@dataclass
class Pairs:
    """Counts of mention pairs and mentions (they add up)."""

    right: int = 0
    predicted: int = 0
    gold: int = 0
    mentions_aligned: int = 0
    mentions_predicted: int = 0
    mentions_gold: int = 0
    docs: int = 0
    misses: list[str] = field(default_factory=list)
    splits: list[str] = field(default_factory=list)

    def add(self, other: Pairs) -> None:
        """Add another document's counts."""
        for name in ("right", "predicted", "gold", "mentions_aligned", "mentions_predicted",
                     "mentions_gold", "docs"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses += other.misses
        self.splits += other.splits

    def line(self, title: str) -> str:
        """One report line."""
        p = self.right / self.predicted if self.predicted else 1.0
        r = self.right / self.gold if self.gold else 1.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return (f"  {title:16} {self.docs:2} docs  pairs P {100 * p:.1f} % R {100 * r:.1f} % "
                f"F1 {100 * f1:.1f} % (right {self.right}, predicted {self.predicted}, "
                f"gold {self.gold})  mentions P {ratio(self.mentions_aligned, self.mentions_predicted)}"
                f" R {ratio(self.mentions_aligned, self.mentions_gold)}")


def score_document(gold: dict[str, Any], record: dict[str, Any]) -> Pairs:
    """Pair counts of one article: gold people against the annotator's PERSON keys."""
    gold_mentions = [(m["start"], m["end"], i) for i, person in enumerate(gold["people"])
                     for m in person["mentions"]]
    predicted = [(e["start"], e["end"], e["key"]) for e in record["entities"]
                 if e.get("label") == "PERSON" and e.get("key")]
    candidates = sorted(((min(pe, ge) - max(ps, gs), pi, gi)
                         for pi, (ps, pe, _) in enumerate(predicted)
                         for gi, (gs, ge, _) in enumerate(gold_mentions)
                         if min(pe, ge) > max(ps, gs)), reverse=True)
    aligned: dict[int, int] = {}
    used: set[int] = set()
    for _, pi, gi in candidates:
        if pi not in aligned and gi not in used:
            aligned[pi] = gi
            used.add(gi)
    score = Pairs(mentions_aligned=len(aligned), mentions_predicted=len(predicted),
                  mentions_gold=len(gold_mentions), docs=1)
    for a, b in combinations(range(len(predicted)), 2):
        if predicted[a][2] == predicted[b][2]:
            score.predicted += 1
            right = (a in aligned and b in aligned
                     and gold_mentions[aligned[a]][2] == gold_mentions[aligned[b]][2])
            score.right += right
            if not right:
                first, second = (record["text"][predicted[i][0]:predicted[i][1]] for i in (a, b))
                score.misses.append(f"{gold['source']}: joined {first!r} + {second!r}")
    sizes = Counter(i for _, _, i in gold_mentions)
    score.gold = sum(k * (k - 1) // 2 for k in sizes.values())
    where = {gi: predicted[pi][2] for pi, gi in aligned.items()}
    for i, person in enumerate(gold["people"]):
        keys = Counter(where.get(gi, "-") for gi, (_, _, pi) in enumerate(gold_mentions) if pi == i)
        if sizes[i] > 1 and (len(keys) > 1 or "-" in keys):
            spread = ", ".join(f"{k} {c}" for k, c in keys.most_common())
            score.splits.append(f"{gold['source']}: {person['person']} -> {spread}")
    return score


def clusters_report(corpus: Path, gold_file: Path) -> list[str]:
    """Annotate the cluster gold's articles and score the pairs, per corpus and half."""
    gold = read_jsonl(gold_file)
    roots = {"bbc": corpus / "bbc", "polnear": corpus / "polnear" / "articles"}
    paths = [roots[g["corpus"]] / g["source"] for g in gold]
    done = run([*sitegen(), "annotate", "-q", *map(str, paths)])
    if done.returncode:
        raise RuntimeError(f"sitegen annotate failed: {done.stderr[-2000:]}")
    records = {Path(r["source"]).resolve(): r for r in map(json.loads, done.stdout.splitlines())}
    totals: dict[str, Pairs] = {}
    for g, path in zip(gold, paths, strict=True):
        score = score_document(g, records[path.resolve()])
        for group in ("all", g["corpus"], f"{g['corpus']} {g['half']}", g["half"]):
            totals.setdefault(group, Pairs()).add(score)
    order = ["bbc dev", "bbc heldout", "bbc", "polnear dev", "polnear heldout", "polnear",
             "dev", "heldout", "all"]
    lines = [f"== mention clusters: {len(gold)} articles ({gold_file.name})"]
    lines += [totals[k].line(k) for k in order if k in totals]
    lines += ["  wrong predicted pairs:"] + [f"    {m}" for m in totals["all"].misses[:60]]
    lines += ["  gold people split or partly missed (predicted key: mentions; - = not found):"]
    lines += [f"    {m}" for m in totals["all"].splits]
    return lines


# --------------------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    """The command line."""
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="Precision needs BUILD and GOLD; --recall and --clusters run sitegen themselves.",
    )
    parser.add_argument("build", type=Path, nargs="?", help="a built archive (holding data/people.json)")
    parser.add_argument("gold", type=Path, nargs="*", help="gold files, e.g. tests/gold-people/bbc.jsonl")
    parser.add_argument("--seed", type=int, default=SEED, help=f"sampling seed (default: {SEED})")
    parser.add_argument("-n", type=int, help="entries to draw (default: the number of gold lines)")
    parser.add_argument("--recall", action="store_true",
                        help="build the articles of tests/gold and tests/gold-heldout and report recall")
    parser.add_argument("--clusters", type=Path, nargs="?", const=GOLD_PEOPLE / "clusters.jsonl",
                        help="score mention clusters (default gold: tests/gold-people/clusters.jsonl)")
    parser.add_argument("--corpus", type=Path, default=CORPUS,
                        help=f"the shared corpus folder (default: {CORPUS})")
    parser.add_argument("--work", type=Path, help="folder for the recall builds (default: a temporary one)")
    parser.add_argument("--list-cluster-articles", action="store_true", help=argparse.SUPPRESS)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Print the reports asked for."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.list_cluster_articles:
        print("\n".join(f"{c} {f}" for c, f in cluster_articles(args.corpus)))
        return 0
    if not (args.gold or args.recall or args.clusters):
        parser.error("give BUILD and GOLD, --recall or --clusters")
    lines: list[str] = []
    try:
        for gold_file in args.gold:
            if args.build is None or not (args.build / "data" / "people.json").is_file():
                parser.error(f"{args.build}: not a built archive (no data/people.json)")
            lines += precision_report(args.build, gold_file, args.seed, args.n)
        if args.recall:
            with tempfile.TemporaryDirectory(prefix="eval-people-") as temp:
                lines += recall_report(args.corpus, args.work or Path(temp))
        if args.clusters:
            lines += clusters_report(args.corpus, args.clusters)
    except RuntimeError as error:
        print("\n".join(lines), file=sys.stderr)
        print(error, file=sys.stderr)
        return 1
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())

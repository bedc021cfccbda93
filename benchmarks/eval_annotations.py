"""Measure the quality of ``sitegen annotate`` against hand-made gold annotations.

The gold files live in ``tests/gold/`` (one JSON per article)::

    {"source": "bbc/politics-001.txt",
     "people": [{"name": "Tony Blair", "aliases": ["Blair", "Mr Blair"]}],
     "quotes": [{"begins": "We are going to", "speaker": "Tony Blair"},
                {"begins": "a disaster for", "speaker": "Tony Blair", "kind": "partial"}],
     "figures": [{"text": "£3bn", "value": 3000000000, "counts": "profits"}]}

A gold quote of ``"kind": "partial"`` is quoted words inside the narrator's sentence (after
"that", or a fragment of reported speech: ``said the plan was "a disaster for…"``); it is
looked for among the record's ``partial_quotes``, every other one among its ``quotes``.
A figure's ``counts`` is what it counts or measures, read from the text: a noun ("profits"),
a list of nouns that are equally right, or null when the text names nothing.

``source`` is either relative to the repository root (``seeds/...``) or, for ``bbc/...``,
relative to the shared corpus folder (``--corpus``).  The BBC text is copyrighted, so the gold
files never hold it: a quote is identified only by its first few words (``begins``).

The script runs ``sitegen annotate`` on every gold source (or reads ``--predictions``), then
prints, per corpus section and overall:

* direct quote precision / recall (a predicted quote matches a gold quote when its text, with leading
  quote marks and whitespace removed, starts with ``begins`` -- or contains it within its first
  15 characters);
* speaker accuracy over the matched direct quotes (the predicted ``speaker`` is the gold speaker
  or one of that person's aliases, case-insensitively; a gold ``null`` must be predicted ``null``);
* partial quotes: how many gold partial quotes are found among ``partial_quotes`` (same matching),
  and of those how many have the right speaker;
* person recall (gold people found among the predicted people by name or alias), person
  precision, and merging (for every gold person with two or more name forms of which the
  prediction found at least two: do they all belong to one predicted person?);
* figure precision / recall (matched by text after normalising whitespace; a gold text that is
  contained in the predicted text or vice versa, on number boundaries, also matches) and, among
  the matches, how many parsed values agree within 0.5% and how many say what they count
  (``counts`` agrees with the gold on its last word, ignoring case and a plural "s").

It is a report: the exit status is 0 whatever the scores (1 only when ``sitegen annotate``
itself fails or nothing can be evaluated).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_GOLD = REPO_ROOT / "tests" / "gold"
DEFAULT_CORPUS = REPO_ROOT.parent / "shared" / "corpus"

#: How far into a predicted quote the gold ``begins`` may start and still count as a match.
BEGINS_SLACK = 15
#: Relative tolerance for figure values.
VALUE_TOLERANCE = 0.005

QUOTE_CHARS = "\"'“”‘’«»„‟‚‛"
_QUOTE_TRANSLATION = str.maketrans("“”„‟«»‘’‚‛", '""""""' + "''''")

#: Titles and honorifics that are not part of a person's name (a lower-case regex alternation).
TITLES = (
    "prime minister|deputy prime minister|foreign secretary|home secretary|chancellor|"
    "president|vice president|vice-president|secretary|minister|senator|governor|mayor|"
    "judge|justice|chairman|chief executive|professor|prof|doctor|dr|mr|mrs|ms|miss|mx|"
    "sir|dame|lord|lady|baroness|baron|rev|reverend|father|uncle|aunt|king|queen|prince|"
    "princess|pope|general|gen|colonel|col|captain|capt|mp|mep|st|saint"
)
_TITLE_RE = re.compile(r"^(?:(?:" + TITLES + r")\.?\s+)+")


# --------------------------------------------------------------------------------------------
# Data
# --------------------------------------------------------------------------------------------


@dataclass
class GoldArticle:
    """One gold file, with the path of the article it describes."""

    gold_file: Path
    source: str
    path: Path
    section: str
    people: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    figures: list[dict[str, Any]]


@dataclass
class Score:
    """Counts for one article, one section or the whole run (they add up)."""

    docs: int = 0
    missing_docs: int = 0
    quote_tp: int = 0
    quote_fp: int = 0
    quote_fn: int = 0
    speaker_ok: int = 0
    speaker_n: int = 0
    people_found: int = 0
    people_gold: int = 0
    people_pred_ok: int = 0
    people_pred: int = 0
    merge_ok: int = 0
    merge_n: int = 0
    figure_tp: int = 0
    figure_fp: int = 0
    figure_fn: int = 0
    value_ok: int = 0
    partial_n: int = 0
    partial_found: int = 0
    partial_speaker_ok: int = 0
    counts_n: int = 0
    counts_ok: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        """Add another score's counts (and misses) to this one."""
        for name in self.__dataclass_fields__:
            if name == "misses":
                self.misses.extend(other.misses)
            else:
                setattr(self, name, getattr(self, name) + getattr(other, name))


# --------------------------------------------------------------------------------------------
# Text helpers
# --------------------------------------------------------------------------------------------


def normalise_space(text: str) -> str:
    """Collapse runs of whitespace into one space and strip the ends."""
    return " ".join(text.split())


def normalise_quote_text(text: str) -> str:
    """Straighten curly quotes, collapse whitespace and drop leading quote marks."""
    text = normalise_space(text.translate(_QUOTE_TRANSLATION))
    return text.lstrip(QUOTE_CHARS + " ")


def name_form(name: str) -> str:
    """Canonical comparison form of a person's name: lower case, no titles, straight quotes."""
    form = normalise_space(name.translate(_QUOTE_TRANSLATION)).casefold()
    stripped = _TITLE_RE.sub("", form).strip()
    return stripped or form


def section_of(source: str) -> str:
    """Section a gold source belongs to: ``seed`` or the BBC category (``politics``...)."""
    if source.startswith("bbc/"):
        return Path(source).stem.rsplit("-", 1)[0]
    return "seed"


def _preview(text: str, words: int = 6) -> str:
    """The first few words of a text, for miss reports (never whole quotes)."""
    parts = normalise_quote_text(text).split()
    return " ".join(parts[:words]) + (" ..." if len(parts) > words else "")


# --------------------------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------------------------


def load_gold(gold_dir: Path, corpus: Path, only: str | None) -> tuple[list[GoldArticle], int]:
    """Read every gold file; return the usable articles and how many BBC ones were skipped."""
    articles: list[GoldArticle] = []
    skipped = 0
    for gold_file in sorted(gold_dir.glob("*.json")):
        data = json.loads(gold_file.read_text(encoding="utf-8"))
        source = data["source"]
        if only and only not in source and only not in gold_file.name:
            continue
        if source.startswith("bbc/"):
            path = corpus / source
            if not path.is_file():
                skipped += 1
                continue
        else:
            path = REPO_ROOT / source
        articles.append(
            GoldArticle(
                gold_file=gold_file,
                source=source,
                path=path.resolve(),
                section=section_of(source),
                people=data.get("people", []),
                quotes=data.get("quotes", []),
                figures=data.get("figures", []),
            )
        )
    return articles, skipped


def sitegen_command() -> list[str]:
    """The command that runs sitegen: the script next to this Python, else ``python -m``."""
    script = Path(sys.executable).parent / "sitegen"
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-m", "sitegen"]


def run_annotate(paths: Sequence[Path], timeout: float) -> str:
    """Run ``sitegen annotate`` on the paths and return its standard output.

    Exits with status 1 (after printing the command's stderr) when the command fails.
    """
    cmd = [*sitegen_command(), "annotate", *(str(p) for p in paths)]
    try:
        proc = subprocess.run(
            cmd, capture_output=True, text=True, timeout=timeout, cwd=REPO_ROOT, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        print(f"error: could not run {' '.join(cmd[:3])} ...: {exc}", file=sys.stderr)
        raise SystemExit(1) from exc
    if proc.returncode != 0:
        print(f"error: `sitegen annotate` exited with status {proc.returncode}", file=sys.stderr)
        print(proc.stderr.rstrip(), file=sys.stderr)
        raise SystemExit(1)
    return proc.stdout


def parse_jsonl(text: str) -> list[dict[str, Any]]:
    """Parse JSON Lines, warning about (and skipping) lines that are not JSON objects."""
    records: list[dict[str, Any]] = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            print(f"warning: line {number} of the predictions is not JSON: {exc}", file=sys.stderr)
            continue
        if isinstance(record, dict):
            records.append(record)
        else:
            print(f"warning: line {number} of the predictions is not an object", file=sys.stderr)
    return records


def pair_predictions(
    articles: Sequence[GoldArticle], records: Sequence[dict[str, Any]], corpus: Path
) -> dict[int, dict[str, Any]]:
    """Map each gold article (by index) to its predicted record.

    A record belongs to an article when its ``source`` is the article's file (absolute, or
    relative to the repository root or the corpus), else when it ends with the gold ``source``
    (``bbc/politics-001.txt``), else when it has the same file name. When no record's source
    matches anything and the counts agree, records are paired by order.
    """

    def rank(source: str, art: GoldArticle) -> int | None:
        path = Path(source)
        candidates = [path] if path.is_absolute() else [REPO_ROOT / path, corpus / path]
        if any(c.resolve() == art.path for c in candidates):
            return 0
        if source.replace("\\", "/").endswith(art.source):
            return 1
        if path.name == art.path.name:
            return 2
        return None

    sources = [str(r.get("source", "")) for r in records]
    by_index: dict[int, dict[str, Any]] = {}
    used: set[int] = set()
    for level in range(3):
        for i, art in enumerate(articles):
            if i in by_index:
                continue
            for j, source in enumerate(sources):
                if j not in used and rank(source, art) == level:
                    by_index[i] = records[j]
                    used.add(j)
                    break
    if not by_index and len(records) == len(articles):
        by_index = dict(enumerate(records))
    return by_index


# --------------------------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------------------------


def quote_text(quote: dict[str, Any], article_text: str) -> str:
    """The text of a predicted quote (its ``text``, else the slice its offsets point at)."""
    text = quote.get("text")
    if isinstance(text, str) and text:
        return text
    start, end = quote.get("start"), quote.get("end")
    if isinstance(start, int) and isinstance(end, int):
        return article_text[start:end]
    return ""


def match_quotes(
    gold: Sequence[dict[str, Any]], predicted: Sequence[str]
) -> tuple[dict[int, int], list[int]]:
    """Pair gold quotes with predicted quote texts, one to one.

    Exact prefix matches are taken first, then matches where ``begins`` starts within the first
    ``BEGINS_SLACK`` characters. Returns ``{gold index: predicted index}`` and the unmatched
    predicted indexes.
    """
    norm_pred = [normalise_quote_text(p) for p in predicted]
    norm_gold = [normalise_quote_text(str(g["begins"])) for g in gold]
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    for strict in (True, False):
        for gi, begins in enumerate(norm_gold):
            if gi in pairs or not begins:
                continue
            for pi, text in enumerate(norm_pred):
                if pi in taken:
                    continue
                if strict:
                    ok = text.startswith(begins)
                else:
                    pos = text.find(begins, 0, BEGINS_SLACK + len(begins))
                    ok = 0 <= pos < BEGINS_SLACK
                if ok:
                    pairs[gi] = pi
                    taken.add(pi)
                    break
    return pairs, [pi for pi in range(len(predicted)) if pi not in taken]


def _contains_figure(outer: str, inner: str) -> bool:
    """Whether ``inner`` occurs in ``outer`` without cutting a number or word in two."""
    if not inner:
        return False
    pattern = r"(?<![\w.,])" + re.escape(inner) + r"(?![\w]|[.,]\d)"
    if inner[0] in "£$€":
        pattern = re.escape(inner) + r"(?![\w]|[.,]\d)"
    return re.search(pattern, outer) is not None


def match_figures(
    gold: Sequence[dict[str, Any]], predicted: Sequence[dict[str, Any]]
) -> tuple[dict[int, int], list[int]]:
    """Pair gold figures with predicted ones by text, one to one (exact, then containment)."""
    gold_text = [normalise_space(str(g.get("text", ""))).casefold() for g in gold]
    pred_text = [normalise_space(str(p.get("text", ""))).casefold() for p in predicted]
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    for exact in (True, False):
        for gi, gt in enumerate(gold_text):
            if gi in pairs:
                continue
            for pi, pt in enumerate(pred_text):
                if pi in taken:
                    continue
                ok = gt == pt if exact else (_contains_figure(pt, gt) or _contains_figure(gt, pt))
                if ok:
                    pairs[gi] = pi
                    taken.add(pi)
                    break
    return pairs, [pi for pi in range(len(predicted)) if pi not in taken]


def values_agree(gold_value: Any, predicted_value: Any) -> bool:
    """Whether two figure values agree within ``VALUE_TOLERANCE`` (relative)."""
    try:
        g, p = float(gold_value), float(predicted_value)
    except (TypeError, ValueError):
        return False
    if g == 0:
        return p == 0
    return abs(p - g) <= VALUE_TOLERANCE * abs(g)


def _speaker_right(
    tag: str, gold: dict[str, Any], found: dict[str, Any], gold_people: dict[str, Any],
    misses: list[str],
) -> bool:
    """Whether a matched quote's speaker is the gold one (a gold null wants none); notes a miss."""
    predicted_speaker = found.get("speaker")
    gold_speaker = gold.get("speaker")
    if gold_speaker is None:
        ok = not predicted_speaker
    else:
        person = gold_people.get(gold_speaker, {"name": gold_speaker, "aliases": []})
        allowed = {gold_speaker.casefold()} | {a.casefold() for a in person["aliases"]}
        ok = isinstance(predicted_speaker, str) and predicted_speaker.casefold() in allowed
    if not ok:
        misses.append(
            f"{tag}: speaker wrong for {gold['begins']!r}: "
            f"gold {gold_speaker!r}, predicted {predicted_speaker!r}"
        )
    return ok


def _head_word(phrase: str) -> str:
    """The last word of a counted noun phrase, lower case, without a plural "s" ("ies" → "y")."""
    words = phrase.casefold().split()
    word = words[-1] if words else ""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


def counts_agree(gold: Any, predicted: Any) -> bool:
    """Whether a figure's predicted ``counts`` is the gold one (or one of the gold list)."""
    if gold is None:
        return predicted is None
    if not isinstance(predicted, str) or not predicted.strip():
        return False
    wanted = gold if isinstance(gold, list) else [gold]
    return _head_word(predicted) in {_head_word(str(w)) for w in wanted}


def person_forms(person: dict[str, Any]) -> set[str]:
    """All comparison forms of a (gold or predicted) person's name and aliases."""
    names = [person.get("name") or ""]
    names += [a for a in person.get("aliases") or [] if isinstance(a, str)]
    return {name_form(n) for n in names if isinstance(n, str) and n.strip()}


def score_article(art: GoldArticle, pred: dict[str, Any] | None) -> Score:
    """Score one article's prediction against its gold annotation."""
    s = Score(docs=1)
    tag = art.gold_file.stem
    if pred is None:
        s.missing_docs = 1
        s.quote_fn = len(art.quotes)
        s.figure_fn = len(art.figures)
        s.people_gold = len(art.people)
        s.misses.append(f"{tag}: no prediction for {art.source}")
        return s

    article_text = str(pred.get("text") or "")
    gold_people = {p["name"]: p for p in art.people}

    # Quotes and speakers: direct quotes against `quotes`, partial ones against `partial_quotes`.
    direct = [q for q in art.quotes if q.get("kind", "direct") != "partial"]
    partial = [q for q in art.quotes if q.get("kind") == "partial"]
    pred_quotes = [q for q in pred.get("quotes") or [] if isinstance(q, dict)]
    texts = [quote_text(q, article_text) for q in pred_quotes]
    pairs, extra = match_quotes(direct, texts)
    s.quote_tp, s.quote_fn, s.quote_fp = len(pairs), len(direct) - len(pairs), len(extra)
    for gi, gq in enumerate(direct):
        if gi not in pairs:
            s.misses.append(f"{tag}: quote missed: {gq['begins']!r} ({gq['speaker']})")
            continue
        s.speaker_n += 1
        s.speaker_ok += _speaker_right(tag, gq, pred_quotes[pairs[gi]], gold_people, s.misses)
    for pi in extra:
        s.misses.append(f"{tag}: quote not in gold: {_preview(texts[pi])!r}")
    pred_partial = [q for q in pred.get("partial_quotes") or [] if isinstance(q, dict)]
    partial_pairs, _ = match_quotes(partial, [quote_text(q, article_text) for q in pred_partial])
    s.partial_n, s.partial_found = len(partial), len(partial_pairs)
    for gi, gq in enumerate(partial):
        if gi not in partial_pairs:
            s.misses.append(f"{tag}: partial quote missed: {gq['begins']!r} ({gq['speaker']})")
            continue
        found = pred_partial[partial_pairs[gi]]
        s.partial_speaker_ok += _speaker_right(tag, gq, found, gold_people, s.misses)

    # People: recall, precision and merging.
    pred_people = [p for p in pred.get("people") or [] if isinstance(p, dict)]
    pred_forms = [(str(p.get("key", i)), person_forms(p)) for i, p in enumerate(pred_people)]
    gold_forms = [(p["name"], person_forms(p)) for p in art.people]
    s.people_gold = len(art.people)
    for name, forms in gold_forms:
        keys = {key for key, pf in pred_forms if forms & pf}
        if keys:
            s.people_found += 1
        else:
            s.misses.append(f"{tag}: person missed: {name}")
        if len(forms) >= 2:
            found = {f for f in forms if any(f in pf for _, pf in pred_forms)}
            if len(found) >= 2:
                s.merge_n += 1
                if len(keys) == 1:
                    s.merge_ok += 1
                else:
                    s.misses.append(f"{tag}: person split: {name} -> predicted keys {sorted(keys)}")
    all_gold_forms = set().union(*(f for _, f in gold_forms)) if gold_forms else set()
    s.people_pred = len(pred_forms)
    for key, pf in pred_forms:
        owners = [name for name, gf in gold_forms if gf & pf]
        if owners:
            s.people_pred_ok += 1
        if len(owners) > 1:
            s.misses.append(f"{tag}: people wrongly merged into {key!r}: {owners}")
        if not pf & all_gold_forms:
            s.misses.append(f"{tag}: person not in gold: {key!r} {sorted(pf)}")

    # Figures.
    pred_figures = [f for f in pred.get("figures") or [] if isinstance(f, dict)]
    fpairs, fextra = match_figures(art.figures, pred_figures)
    s.figure_tp = len(fpairs)
    s.figure_fn = len(art.figures) - len(fpairs)
    s.figure_fp = len(fextra)
    for gi, gf in enumerate(art.figures):
        if gi not in fpairs:
            s.misses.append(f"{tag}: figure missed: {gf['text']!r}")
            continue
        pf = pred_figures[fpairs[gi]]
        if values_agree(gf.get("value"), pf.get("value")):
            s.value_ok += 1
        else:
            s.misses.append(
                f"{tag}: figure value wrong for {gf['text']!r}: "
                f"gold {gf.get('value')!r}, predicted {pf.get('value')!r}"
            )
        if "counts" in gf:
            s.counts_n += 1
            if counts_agree(gf["counts"], pf.get("counts")):
                s.counts_ok += 1
            else:
                s.misses.append(
                    f"{tag}: figure counts wrong for {gf['text']!r}: "
                    f"gold {gf['counts']!r}, predicted {pf.get('counts')!r}"
                )
    for pi in fextra:
        s.misses.append(f"{tag}: figure not in gold: {pred_figures[pi].get('text')!r}")
    return s


# --------------------------------------------------------------------------------------------
# Gold checking
# --------------------------------------------------------------------------------------------


def check_gold(articles: Iterable[GoldArticle]) -> int:
    """Check the gold files against their articles; print problems and return their number."""
    problems = 0
    for art in articles:
        raw = art.path.read_text(encoding="utf-8")
        body = raw.split("\n\n", 1)[1] if "\n\n" in raw else raw
        names = {p["name"] for p in art.people}
        issues: list[str] = []
        for q in art.quotes:
            begins = q["begins"]
            hits = [m.start() for m in re.finditer(re.escape(begins), body)]
            opened = [h for h in hits if h > 0 and body[h - 1] in QUOTE_CHARS]
            if len(opened) != 1:
                issues.append(f"begins {begins!r} opens {len(opened)} quotes (want 1)")
            if q["speaker"] is not None and q["speaker"] not in names:
                issues.append(f"speaker {q['speaker']!r} is not among the people")
        for f in art.figures:
            if f["text"] not in body:
                issues.append(f"figure {f['text']!r} not in the text")
        for p in art.people:
            # The canonical name may be assembled from parts ("Ato (Boldon)"); aliases are seen.
            forms = [(p["name"], p["name"].split()), *((a, [a]) for a in p["aliases"])]
            for form, parts in forms:
                if not all(re.search(r"(?<!\w)" + re.escape(x) + r"(?!\w)", raw) for x in parts):
                    issues.append(f"name form {form!r} not in the text")
        for issue in issues:
            print(f"{art.gold_file.name}: {issue}")
        problems += len(issues)
    return problems


# --------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------


def _pct(num: int, den: int) -> str:
    """``num/den`` as a percentage, or ``-`` when there is nothing to divide."""
    return f"{num / den:.1%}" if den else "-"


def _frac(num: int, den: int) -> str:
    """A percentage followed by the counts it comes from: ``83.3% (5/6)``."""
    return f"{_pct(num, den)} ({num}/{den})" if den else "-"


def _f1(tp: int, fp: int, fn: int) -> str:
    """F1 score from true positives, false positives and false negatives."""
    den = 2 * tp + fp + fn
    return f"{2 * tp / den:.1%}" if den else "-"


COLUMNS = (
    "section",
    "docs",
    "quote P",
    "quote R",
    "quote F1",
    "speaker acc",
    "people R",
    "people P",
    "merged",
    "figure P",
    "figure R",
    "figure F1",
    "value ok",
    "counts ok",
    "partial",
)


def table_row(name: str, s: Score) -> list[str]:
    """The cells of one report row."""
    return [
        name,
        str(s.docs),
        _pct(s.quote_tp, s.quote_tp + s.quote_fp),
        _pct(s.quote_tp, s.quote_tp + s.quote_fn),
        _f1(s.quote_tp, s.quote_fp, s.quote_fn),
        _frac(s.speaker_ok, s.speaker_n),
        _frac(s.people_found, s.people_gold),
        _pct(s.people_pred_ok, s.people_pred),
        f"{s.merge_ok}/{s.merge_n}",
        _pct(s.figure_tp, s.figure_tp + s.figure_fp),
        _pct(s.figure_tp, s.figure_tp + s.figure_fn),
        _f1(s.figure_tp, s.figure_fp, s.figure_fn),
        _frac(s.value_ok, s.figure_tp),
        _frac(s.counts_ok, s.counts_n),
        f"{s.partial_found}/{s.partial_n} (spk {s.partial_speaker_ok})" if s.partial_n else "-",
    ]


def print_table(rows: Sequence[tuple[str, Score]]) -> None:
    """Print the scores as an aligned text table, one line per section plus ``overall``."""
    cells = [list(COLUMNS)] + [table_row(name, score) for name, score in rows]
    widths = [max(len(row[c]) for row in cells) for c in range(len(COLUMNS))]

    def line(row: list[str]) -> str:
        first = row[0].ljust(widths[0])
        rest = (cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True))
        return "  ".join([first, *rest])

    rule = "-" * len(line(cells[0]))
    print(line(cells[0]))
    print(rule)
    for (name, _), row in zip(rows, cells[1:], strict=True):
        if name == "overall":
            print(rule)
        print(line(row))


SECTION_ORDER = ("seed", "business", "entertainment", "politics", "sport", "tech")


def evaluate(
    articles: Sequence[GoldArticle], records: Sequence[dict[str, Any]], corpus: Path
) -> list[tuple[str, Score]]:
    """Score all articles and return ``(section, score)`` rows, ending with ``overall``."""
    predictions = pair_predictions(articles, records, corpus)
    sections: dict[str, Score] = defaultdict(Score)
    for i, art in enumerate(articles):
        sections[art.section].add(score_article(art, predictions.get(i)))
    order = sorted(
        sections,
        key=lambda n: (SECTION_ORDER.index(n) if n in SECTION_ORDER else len(SECTION_ORDER), n),
    )
    overall = Score()
    for name in order:
        overall.add(sections[name])
    return [(name, sections[name]) for name in order] + [("overall", overall)]


def build_parser() -> argparse.ArgumentParser:
    """The command-line interface."""
    parser = argparse.ArgumentParser(
        prog="eval_annotations.py",
        description=(
            "Score `sitegen annotate` against the hand-made gold annotations in tests/gold/:\n"
            "quote precision/recall, speaker accuracy over matched quotes, people (recall,\n"
            "precision, merging of name forms) and figure precision/recall with value\n"
            "agreement, per corpus section and overall. Always exits 0 (it is a report),\n"
            "except when `sitegen annotate` fails (its stderr is shown) or there is no gold."
        ),
        epilog=(
            "Examples:  python benchmarks/eval_annotations.py\n"
            "           python benchmarks/eval_annotations.py --verbose --only politics\n"
            "           python benchmarks/eval_annotations.py --check-gold"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--gold",
        type=Path,
        default=DEFAULT_GOLD,
        metavar="DIR",
        help="folder of gold JSON files (default: tests/gold)",
    )
    parser.add_argument(
        "--corpus",
        type=Path,
        default=DEFAULT_CORPUS,
        metavar="DIR",
        help="shared corpus folder that holds bbc/ (default: ../shared/corpus from the repo "
        "root); BBC gold files are skipped when it is absent",
    )
    parser.add_argument(
        "--only",
        metavar="TEXT",
        help="evaluate only gold files whose name or source contains TEXT (e.g. 'politics')",
    )
    parser.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="list every miss: missed/extra quotes, wrong speakers, split or missed people, "
        "missed/extra figures and wrong values",
    )
    parser.add_argument(
        "--check-gold",
        action="store_true",
        help="only check the gold files against the articles (each `begins` opens exactly one "
        "quote, figures and names occur in the text) and exit",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=1800,
        metavar="SECONDS",
        help="give up on `sitegen annotate` after this long (default: 1800)",
    )
    # Read JSON Lines from a file instead of running sitegen (for testing the scorer itself).
    parser.add_argument("--predictions", type=Path, help=argparse.SUPPRESS)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the evaluation and print the report."""
    args = build_parser().parse_args(argv)
    if not args.gold.is_dir():
        print(f"error: no gold folder at {args.gold}", file=sys.stderr)
        return 1
    articles, skipped = load_gold(args.gold, args.corpus, args.only)
    if skipped:
        print(f"note: {args.corpus / 'bbc'} is absent; skipped {skipped} BBC gold file(s)")
    if not articles:
        print("error: no gold articles to evaluate", file=sys.stderr)
        return 1

    if args.check_gold:
        problems = check_gold(articles)
        print(f"{len(articles)} gold file(s) checked, {problems} problem(s)")
        return 0

    if args.predictions:
        output = args.predictions.read_text(encoding="utf-8")
    else:
        output = run_annotate([a.path for a in articles], args.timeout)
    records = parse_jsonl(output)

    rows = evaluate(articles, records, args.corpus)
    print(f"Annotation quality on {len(articles)} gold article(s)\n")
    print_table(rows)
    overall = rows[-1][1]
    if overall.missing_docs:
        print(f"\nwarning: {overall.missing_docs} article(s) had no prediction")
    if args.verbose and overall.misses:
        print("\nMisses:")
        for miss in overall.misses:
            print(f"  {miss}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

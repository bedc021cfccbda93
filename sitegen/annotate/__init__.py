"""Stage 2, annotate: entities, quotes and figures for every article, cached.

Only this package knows spaCy. The model is loaded once, and only when some
article is not in the cache; a build with nothing changed runs no spaCy.

How an article goes through it:

1. ``nlp``: the spaCy pipeline, with sitegen's components registered in one
   function (``register_components``, nothing at import). Long articles are
   parsed in pieces of about 20,000 characters (``split_long_text``) and the
   pieces joined again with ``Doc.from_docs``, so a pipeline component only
   ever sees a piece: only the paragraph-boundary component runs there.
2. ``records.annotate_doc`` on the joined Doc, because its detectors need the
   whole article: quotes run across paragraphs (``quotemarks``, ``quotes``,
   ``subjects``), the mention passes vote over every mention (``mentions``,
   ``names``), speakers are resolved by following the text from the start
   (``speakers``), and a figure's unit can depend on the whole article ("100m"
   is metres in an athletics article: ``figures``, ``numbers``). Each detector
   first matches (plain ``*Match`` values or ``NameSpan``), then ``records``
   turns the matches into the plain records of ``sitegen.models``.
3. ``cache``: the records, as JSON in SQLite, keyed by text, model and annotator.

Every word list the rules read (titles, person nouns, speech verbs…) is in ``lexicon``.
"""

from __future__ import annotations

import logging
import os
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from sitegen.annotate.cache import AnnotationCache, cache_key
from sitegen.annotate.nlp import model_identity
from sitegen.annotate.workers import quiet_workers_on_interrupt
from sitegen.errors import ClusterError
from sitegen.models import Annotations, Article

log = logging.getLogger("sitegen")

# Small batches keep both worker processes busy (spaCy's default of 1000 hands
# a whole archive to one worker). Below this much text per process (about 24 BBC articles),
# starting workers costs more than they save; counted in characters, not articles, so one
# very long article is parsed in parallel too (520,000 characters: 20.7 → 16.7 s on 2 cores).
BATCH_SIZE = 16
MIN_CHARACTERS_PER_PROCESS = 50_000
CHUNK_CHARACTERS = 20_000



class Progress(Protocol):
    """Told how many more articles are annotated; the Dask executor adds per-worker throughput."""

    def __call__(self, count: int, /, note: str | None = None) -> None: ...



@dataclass(frozen=True)
class AnnotateReport:
    """How the annotations of one build were obtained."""

    cached: int
    annotated: int


def annotate_articles(
    articles: list[Article],
    *,
    model: str,
    cache_folder: Path,
    jobs: int = 1,
    progress: Progress | None = None,
    executor: str = "local",
    scheduler: str | None = None,
) -> tuple[list[Annotations], AnnotateReport]:
    """Annotations for each article, in order, from the cache or from spaCy.

    ``executor="local"`` runs spaCy in ``jobs`` processes here; ``"dask"`` sends the
    articles missing from the cache to the Dask scheduler at ``scheduler``. Either way,
    each batch is written to the cache as it arrives.
    """
    identity = model_identity(model)
    keys = [cache_key(article.text, identity) for article in articles]
    uses = Counter(keys)  # identical texts share one entry
    store = AnnotationCache(cache_folder)
    try:
        found = store.get_many(keys)
        if progress:
            progress(sum(uses[key] for key in found))
        missing = [key for key in uses if key not in found]
        texts = {key: article.text for key, article in zip(keys, articles, strict=True)}
        notes: list[str] = []
        with quiet_workers_on_interrupt():
            batches = (_batches([texts[k] for k in missing], model, jobs, executor, scheduler, notes.append)
                       if missing else iter(()))
            for batch in batches:
                entries = [(missing[index], annotations) for index, annotations in batch]
                store.put_many(entries)  # each batch is kept at once: Ctrl-C loses little
                found.update(entries)
                if progress:
                    progress(sum(uses[key] for key, _ in entries), *notes[-1:])
    finally:
        store.close()
    results = [found[key] for key in keys]
    annotated = sum(uses[key] for key in missing)
    return results, AnnotateReport(len(articles) - annotated, annotated)


def _batches(texts: list[str], model: str, jobs: int, executor: str, scheduler: str | None,
             note: Callable[[str], None]) -> Iterator[list[tuple[int, Annotations]]]:
    """The executor's batches of (index into ``texts``, annotations)."""
    if executor == "local":
        return _annotate(model, texts, jobs)
    if executor != "dask":
        raise ValueError(f"unknown executor {executor!r}")
    if not scheduler:
        raise ClusterError("--executor dask needs the scheduler's address: --scheduler "
                           "tcp://HOST:PORT, or 'scheduler' in sitegen.toml")
    from sitegen.annotate.cluster import annotate_on_cluster  # imports Dask: only when chosen

    return annotate_on_cluster(model, texts, scheduler, note)


def split_long_text(text: str, limit: int = CHUNK_CHARACTERS) -> list[str]:
    """Cut ``text`` at paragraph breaks into pieces of about ``limit`` characters.

    Joined back, the pieces are exactly ``text`` (each break stays at the end of
    the piece before it). spaCy's time grows faster than linearly on one very long
    Doc (20,000 short paragraphs: 70 s as one Doc), so long articles are parsed in
    pieces and the pieces joined into one Doc again; sentences never cross a
    paragraph break anyway.
    """
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:
        cut = text.rfind("\n\n", start, start + limit)
        if cut == -1:
            cut = text.find("\n\n", start + limit)
            if cut == -1:
                break
        pieces.append(text[start : cut + 2])
        start = cut + 2
    pieces.append(text[start:])
    return pieces


def cores() -> int:
    """The CPU cores this process may run on (its affinity, as a container or taskset sets it)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):  # not Linux
        return os.cpu_count() or 1


def usable_jobs(jobs: int) -> int:
    """``jobs``, at most the cores: each annotation process holds a spaCy model (~130 MiB), and
    more processes than cores only share them (``jobs = 1000`` once asked for 27 GiB)."""
    available = cores()
    if jobs > available:
        log.warning("jobs = %d is more than the %d CPU core(s) here: annotating with %d processes",
                    jobs, available, available)
        return available
    return jobs


def _annotate(model: str, texts: list[str], jobs: int) -> Iterator[list[tuple[int, Annotations]]]:
    """Yield lists of (index, annotations), one list per batch, as spaCy finishes them."""
    from spacy.tokens import Doc

    from sitegen.annotate.nlp import load_pipeline
    from sitegen.annotate.records import annotate_doc

    nlp = load_pipeline(model)
    pieces = [(index, piece) for index, text in enumerate(texts) for piece in split_long_text(text)]
    processes = max(1, min(usable_jobs(jobs), sum(len(text) for text in texts) // MIN_CHARACTERS_PER_PROCESS))
    docs = nlp.pipe((piece for _, piece in pieces), batch_size=BATCH_SIZE, n_process=processes)
    batch: list[tuple[int, Annotations]] = []
    parts: list[Doc] = []
    for position, doc in enumerate(docs):
        index = pieces[position][0]
        parts.append(doc)
        if position + 1 < len(pieces) and pieces[position + 1][0] == index:
            continue  # more pieces of the same article follow
        whole = parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False)
        parts = []
        batch.append((index, annotate_doc(whole)))
        if len(batch) >= BATCH_SIZE:
            yield batch
            batch = []
    if batch:
        yield batch


def annotate_texts(texts: list[str], model: str) -> list[Annotations]:
    """Annotate texts directly, without the cache (for tests and `sitegen annotate`)."""
    results: list[Annotations] = [Annotations()] * len(texts)
    for batch in _annotate(model, texts, 1):
        for index, found in batch:
            results[index] = found
    return results


__all__ = ["AnnotateReport", "annotate_articles", "annotate_texts"]

"""Run the stages in order: read → annotate → archive model → render → write."""

from __future__ import annotations

import gc
import logging
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field

from sitegen.annotate import annotate_articles
from sitegen.annotate.nlp import model_identity
from sitegen.archive import Site, build_site
from sitegen.config import THEME_DIR, Config
from sitegen.errors import ContentError, Problem
from sitegen.inputs import content_digest, generated_folders
from sitegen.models import AnnotatedArticle
from sitegen.read import MAX_FILE_BYTES, read_content
from sitegen.render import plan_site
from sitegen.render.fingerprint import code_digest
from sitegen.write import StagedOutput, check_output_folder
from sitegen.write.manifest import Manifest, load_manifest, save_manifest
from sitegen.write.output import MARKER, read_build_id
from sitegen.write.search import (
    SearchIndexing,
    in_bundle,
    index_search,
    is_article_page,
    part_digest,
    remove_stale_bundles,
    search_parts,
)

log = logging.getLogger(__name__)

ProgressFactory = Callable[[int, str], Callable[[int], None]]


@dataclass(frozen=True)
class BuildReport:
    """What one build did, for the summary line and for tests."""

    articles: int
    pages: int
    rendered: int
    written: int
    unchanged: int
    annotated: int
    cached: int
    seconds: float
    search_parts_indexed: int = 0
    problems: tuple[Problem, ...] = field(default=())


def build(
    config: Config,
    *,
    keep_going: bool = False,
    progress: ProgressFactory | None = None,
    defer_search: bool = False,
) -> BuildReport:
    """Build the site described by ``config`` into its output folder.

    Bad articles raise ``ContentError`` listing every one, and the output is left
    untouched, unless ``keep_going`` builds the good ones (the problems are
    then in the report). With ``defer_search`` the search index is left for
    ``finish_search`` (the live preview reloads the browser first).
    """
    started = time.perf_counter()
    check_output_folder(config.output, [config.content, config.templates, config.static,
                                        config.root])
    inputs = content_digest(config, unread_over=MAX_FILE_BYTES,
                            also=(model_identity(config.model), code_digest()))
    if not keep_going and (unchanged := _nothing_changed(config, inputs, started)) is not None:
        return unchanged
    result = read_content(config.content, include_drafts=config.drafts,
                          skip=generated_folders(config))
    if result.problems and not keep_going:
        raise ContentError(list(result.problems))
    articles = list(result.articles)
    on_progress = progress(len(articles), "Annotating") if progress and articles else None
    with _quiet_workers_on_interrupt():
        annotations, annotate_report = annotate_articles(
            articles, model=config.model, cache_folder=config.cache, jobs=config.jobs,
            progress=on_progress,
        )
    with _collector_skips_annotations():
        items = [AnnotatedArticle(a, n) for a, n in zip(articles, annotations, strict=True)]
        site = build_site(items, page_size=config.page_size, aliases=config.aliases,
                          ignore=config.ignore, named_topics=config.topics,
                          min_articles=config.min_articles)
        gc.freeze()  # and the archive model, which lives as long
        output = StagedOutput(config.output)
        previous = load_manifest(config.cache, config.output, output.previous_id)
        parts = search_parts((page.path for page in site.articles), config.search_part_size)
        if not config.search:
            parts = {}
        digests = {bundle: part_digest(paths) for bundle, paths in parts.items()}
        indexing = SearchIndexing(config.output, config.jobs)
        stale: list[str] = []

        def index_changed_parts() -> None:
            # Every article page is staged or kept by now: Pagefind can start on the parts
            # they changed while the people and topic pages render.
            stale.extend(_stale_search_parts(parts, digests, previous, output.changed, config))
            if not defer_search:
                indexing.start({bundle: parts[bundle] for bundle in stale}, output.current)

        try:
            manifest, rendered = _write_site(output, site, config, inputs,
                                             previous, parts, index_changed_parts)
            output.commit()
        except BaseException:
            indexing.discard()
            output.discard()
            raise
        indexing.finish()
        manifest.search = {bundle: "" if bundle in stale and defer_search else digest
                           for bundle, digest in digests.items()}
        remove_stale_bundles(config.output, parts)
        if not result.problems:
            manifest.articles = len(articles)
            save_manifest(config.cache, config.output, manifest)
    return BuildReport(
        articles=len(articles),
        pages=len(manifest.pages),
        rendered=rendered,
        written=output.written,
        search_parts_indexed=0 if defer_search else len(stale),
        unchanged=output.unchanged,
        annotated=annotate_report.annotated,
        cached=annotate_report.cached,
        seconds=time.perf_counter() - started,
        problems=result.problems,
    )


def finish_search(config: Config) -> None:
    """Index the search bundles a ``defer_search`` build left out, if it left any out."""
    manifest = load_manifest(config.cache, config.output, read_build_id(config.output))
    if not manifest.search_pending:
        return
    parts = search_parts(manifest.pages, config.search_part_size)
    index_search(config.output, {bundle: parts[bundle] for bundle, digest in manifest.search.items()
                                 if not digest and bundle in parts}, config.jobs)
    manifest.search = {bundle: part_digest(paths) for bundle, paths in parts.items()}
    save_manifest(config.cache, config.output, manifest)


def _stale_search_parts(parts: dict[str, list[str]], digests: dict[str, str], previous: Manifest,
                        changed: set[str], config: Config) -> list[str]:
    """The search bundles to re-index: a page of theirs changed, or they are new or pending."""
    return [bundle for bundle, paths in parts.items()
            if previous.search.get(bundle) != digests[bundle]
            or not (config.output / bundle / "pagefind-entry.json").is_file()
            or any(path in changed for path in paths)]


def _nothing_changed(config: Config, inputs: str, started: float) -> BuildReport | None:
    """The report of the previous build, when its inputs are exactly today's."""
    previous = load_manifest(config.cache, config.output, read_build_id(config.output))
    if previous.inputs != inputs or previous.search_pending:
        return None
    # The build is verified current: say so by the marker's time (``sitegen deploy`` reads it).
    with suppress(OSError):  # a read-only output folder that is current is fine as it is
        (config.output / MARKER).touch()
    return BuildReport(articles=previous.articles, pages=len(previous.pages), rendered=0, written=0,
                       unchanged=len(previous.pages), annotated=0, cached=previous.articles,
                       seconds=time.perf_counter() - started)


def _write_site(output: StagedOutput, site: Site, config: Config,
                inputs: str, previous: Manifest, search: dict[str, list[str]],
                articles_done: Callable[[], None]) -> tuple[Manifest, int]:
    """Stage every page whose fingerprint changed; keep the rest as they are.

    Calls ``articles_done`` once every article page is staged or kept. Returns the
    manifest and how many pages were rendered.
    """
    if previous.files is not None:
        output.previous_files = set(previous.files)
    manifest = Manifest(build_id=output.build_id, inputs=inputs)
    rendered = 0
    articles_left = len(site.articles)
    if not articles_left:
        articles_done()
    for planned in plan_site(site, config, search_bundles=tuple(search)):
        manifest.pages[planned.path] = planned.fingerprint
        if not (previous.pages.get(planned.path) == planned.fingerprint
                and output.keep(planned.path)):
            page = planned.render()
            rendered += 1
            output.write(page.path, page.text)
        if is_article_page(planned.path):
            articles_left -= 1
            if not articles_left:
                articles_done()
    if articles_left > 0:  # not reached: every article has a page
        articles_done()
    output.copy_tree(THEME_DIR / "static", "static")
    if config.static.resolve() != (THEME_DIR / "static").resolve():
        output.copy_tree(config.static, "static")
    for bundle in search:
        output.keep_tree(bundle)  # re-indexed after the commit when its pages changed
    # Search bundles change after the commit, so they are walked, not listed.
    manifest.files = sorted(p for p in output.produced if not in_bundle(p))
    output.write(".nojekyll", "")
    if config.cname:
        output.write("CNAME", config.cname.strip() + "\n")
    return manifest, rendered


@contextmanager
def _collector_skips_annotations() -> Iterator[None]:
    """Keep Python's cycle collector off the annotations while the site is built.

    Building the archive model and its pages allocates millions of objects, and every
    full collection walks everything alive: the annotations, and in the live preview
    the loaded spaCy model too (about a third of a rebuild there, measured). None of it
    holds reference cycles the build makes garbage of, so ``gc.freeze()`` sets what is
    alive aside until the build is done; ``gc.unfreeze()`` hands it all back.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


@contextmanager
def _quiet_workers_on_interrupt() -> Iterator[None]:
    """Ctrl-C ends spaCy's annotation worker processes without a traceback from each.

    Ctrl-C sends SIGINT to every process of the terminal's foreground group, the forked
    workers too, which inherit this handler: in a worker it exits quietly (code 0, so spaCy
    warns of nothing); the main process raises ``KeyboardInterrupt`` as usual, and spaCy's
    clean-up joins the workers. Handlers can only be set from the main thread (``sitegen
    serve`` may build from another one), and a handler someone else set is left alone.
    """
    main_pid = os.getpid()
    if (threading.current_thread() is not threading.main_thread()
            or signal.getsignal(signal.SIGINT) is not signal.default_int_handler):
        yield
        return

    def on_interrupt(signum: int, frame: object) -> None:
        if os.getpid() != main_pid:
            raise SystemExit(0)
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, on_interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)

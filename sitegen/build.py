"""Run the stages in order: read → annotate → archive model → render → write.

``build()`` reads top to bottom. What it does not do itself has an owner: the
``Ledger`` keeps the manifest and decides which pages are kept or rendered, the
``SearchIndexer`` keeps the search index current through the hooks called here,
and ``StagedOutput`` puts the files in place at once.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import metadata

from sitegen.annotate import AnnotateReport, Progress, annotate_articles
from sitegen.annotate.cache import cache_key
from sitegen.annotate.nlp import model_identity
from sitegen.archive import Site, build_site
from sitegen.archive.urls import reference_path
from sitegen.config import THEME_DIR, Config
from sitegen.errors import ContentError, Problem
from sitegen.heap import collection_paused, long_lived
from sitegen.inputs import content_digest, generated_folders, shown_path, skipped_link
from sitegen.models import AnnotatedArticle, Annotations, Article
from sitegen.read import MAX_FILE_BYTES, PublishedFile, read_content
from sitegen.render import PlannedPage, SitePlan
from sitegen.render.fingerprint import code_digest
from sitegen.write import StagedOutput, check_generated_folders, check_output_folder
from sitegen.write.incremental import Ledger
from sitegen.write.interrupts import interrupts_deferred, interrupts_kept
from sitegen.write.lock import build_lock
from sitegen.write.search import SearchIndexer, in_bundle

# interrupts_kept: for the command line, which keeps the hold to its last line (it may not
# import sitegen.write itself).
__all__ = ["BuildReport", "ProgressFactory", "build", "finish_search", "interrupts_kept"]

log = logging.getLogger("sitegen")
ProgressFactory = Callable[[int, str], Progress]


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
    warnings: tuple[Problem, ...] = field(default=())
    # The signal (Ctrl-C, SIGTERM) that came while the new site was put in place: the build
    # finished all the same.
    interrupted: int | None = None


def build(
    config: Config,
    *,
    keep_going: bool = False,
    progress: ProgressFactory | None = None,
    defer_search: bool = False,
    wait: bool = True,
) -> BuildReport:
    """Build the site described by ``config`` into its output folder.

    Bad articles raise ``ContentError`` listing every one, and the output is left
    untouched, unless ``keep_going`` builds the good ones (the problems are
    then in the report). With ``defer_search`` the search index is left for
    ``finish_search`` (the live preview reloads the browser first). One build of an
    output folder runs at a time: another waits for it, or with ``wait=False`` fails.
    """
    started = time.perf_counter()
    check_output_folder(config.output, [config.content, config.templates, config.static,
                                        config.root], keep_files=config.keep_files)
    check_generated_folders(config.output, config.cache, {
        "content folder": config.content, "static folder": config.static,
        "templates folder": config.templates})
    with build_lock(config.cache, config.output, wait=wait):
        return _build(config, keep_going, progress, defer_search, started)


def _build(config: Config, keep_going: bool, progress: ProgressFactory | None, defer_search: bool,
           started: float) -> BuildReport:
    ledger = Ledger(config.cache, config.output)
    inputs = content_digest(config, unread_over=MAX_FILE_BYTES,
                            also=(model_identity(config.model), code_digest()))
    if not keep_going and ledger.is_current(inputs):
        return _unchanged(ledger, started)
    read = read_content(config.content, include_drafts=config.drafts, skip=generated_folders(config),
                        zone=config.zone)
    if read.problems and not keep_going:
        raise ContentError(list(read.problems))
    articles = list(read.articles)
    annotations, annotated = _annotate(articles, config, progress)
    with long_lived() as set_aside:
        site = _archive(articles, annotations, config)
        set_aside()  # the archive model lives as long as the annotations
        output = StagedOutput(config.output, previous_files=ledger.previous_files,
                              intact=ledger.intact, keep_files=config.keep_files)
        ledger.begin(output.build_id, inputs)
        search = SearchIndexer(config.output, enabled=config.search, part_size=config.search_part_size,
                               jobs=config.jobs, previous=ledger.previous_search, defer=defer_search)
        indexed, interrupted = _write_and_commit(site, read.files, config, output, ledger, search,
                                                 complete=not read.problems, articles=len(articles))
    return BuildReport(articles=len(articles), pages=ledger.pages, rendered=ledger.rendered,
                       written=output.written, unchanged=output.unchanged,
                       annotated=annotated.annotated, cached=annotated.cached,
                       seconds=time.perf_counter() - started, search_parts_indexed=indexed,
                       problems=read.problems, warnings=read.warnings, interrupted=interrupted)


def _archive(articles: list[Article], annotations: list[Annotations], config: Config) -> Site:
    """The archive model (stage 3) of the annotated articles."""
    # What the annotations are a function of, for page fingerprints: what their cache key hashes,
    # and spaCy's version, which the key leaves out (an entry annotated again after an upgrade
    # can differ). The annotate stage's own keys are not returned: its code is the annotator
    # version, and changing it would void every cache.
    identity = f"{model_identity(config.model)}\0spacy {_version_of('spacy')}"
    with collection_paused():
        return build_site([AnnotatedArticle(a, n, cache_key(a.text, identity))
                           for a, n in zip(articles, annotations, strict=True)],
                          page_size=config.page_size, aliases=config.aliases, ignore=config.ignore,
                          not_people=config.not_people, different_people=config.different_people,
                          named_topics=config.topics, min_articles=config.min_articles,
                          sections=config.sections, banned_topics=config.banned_topics)


def _version_of(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "none"


def _write_and_commit(site: Site, files: tuple[PublishedFile, ...], config: Config,
                      output: StagedOutput, ledger: Ledger, search: SearchIndexer, *,
                      complete: bool, articles: int) -> tuple[int, int | None]:
    """Stage the site, then put it in place with Ctrl-C held off until it is whole and recorded.

    Returns the search parts indexed and the signal that came while the site was put in
    place (None if none did): by then the build finishes, and says so.
    """
    try:
        _write_site(site, files, config, output, ledger, search)
        search.wait()  # a failed index stops the build before the output changes
    except BaseException:
        search.discard()
        output.discard()
        raise
    with interrupts_deferred() as interrupted:
        try:
            ledger.committing(output)
            output.commit()
        except BaseException:
            search.discard()
            output.discard()
            raise
        indexed = search.install()
        # With problems (--keep-going), the next build must try those articles again.
        ledger.finish(files=sorted(p for p in output.produced if not in_bundle(p)),
                      bundles=search.parts, search=search.state(), articles=articles,
                      complete=complete)
    return indexed, interrupted()


def finish_search(config: Config) -> None:
    """Index the search bundles a ``defer_search`` build left out, if it left any out."""
    with build_lock(config.cache, config.output):
        _finish_search(config)


def _finish_search(config: Config) -> None:
    ledger = Ledger(config.cache, config.output)
    if not ledger.previous.search_pending:
        return
    search = SearchIndexer(config.output, enabled=True, part_size=config.search_part_size,
                           jobs=config.jobs, previous=ledger.previous_search)
    search.plan(ledger.previous.pages)
    search.index_pending()
    ledger.save_search(search.state())


def _annotate(articles: list[Article], config: Config,
              progress: ProgressFactory | None) -> tuple[list[Annotations], AnnotateReport]:
    on_progress = progress(len(articles), "Annotating") if progress and articles else None
    return annotate_articles(articles, model=config.model, cache_folder=config.cache,
                             jobs=config.jobs, progress=on_progress, executor=config.executor,
                             scheduler=config.scheduler)


def _write_site(site: Site, files: tuple[PublishedFile, ...], config: Config, output: StagedOutput,
                ledger: Ledger, search: SearchIndexer) -> None:
    """Stage every page whose fingerprint changed, keep the rest, the content folder's other
    files and the static files.

    The article pages go first: once they are all placed, search indexes them while the
    people and topic pages render. Redirects from old addresses go last, where a page or a
    file of the same path wins.
    """
    plan = SitePlan(site, config, search.plan(page.path for page in site.articles))
    _place(plan.article_pages(), output, ledger)
    search.articles_done(output.changed, output.current)
    _place(plan.other_pages(), output, ledger)
    for file in files:
        output.write(reference_path(file.reference), file.path.read_bytes())
    _place((page for page in plan.redirect_pages() if page.path not in output.produced), output, ledger)
    output.copy_tree(THEME_DIR / "static", "static")
    if config.static.resolve() != (THEME_DIR / "static").resolve():
        for link in output.copy_tree(config.static, "static"):
            log.warning("%s: %s", shown_path(link, config.root), skipped_link(link, config.static,
                                                                               "static folder"))
    search.keep_bundles(output)
    output.write(".nojekyll", "")
    if config.cname:
        output.write("CNAME", config.cname.strip() + "\n")


def _place(pages: Iterable[PlannedPage], output: StagedOutput, ledger: Ledger) -> None:
    for page in pages:
        ledger.place(page, output)


def _unchanged(ledger: Ledger, started: float) -> BuildReport:
    """The report of a build that found the output current."""
    previous = ledger.previous
    return BuildReport(articles=previous.articles, pages=len(previous.pages), rendered=0, written=0,
                       unchanged=len(previous.pages), annotated=0, cached=previous.articles,
                       seconds=time.perf_counter() - started)

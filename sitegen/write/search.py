"""Full-text search with no server: Pagefind indexes the built article pages.

A large archive is indexed in parts of at most ``search_part_size`` articles, each
its own Pagefind bundle (``pagefind/``, ``pagefind-1/``, …) that the search page
merges in the browser (Pagefind's ``mergeIndex``). Pagefind holds a whole bundle in
memory while indexing (≈ 170 KB per article, 1.6 GiB at 10,000 articles), so parts
bound the memory, and an edit re-indexes only the part that holds the changed page.
An article's part is a hash of its page path, so it stays put as the archive grows
until the number of parts changes.
"""

from __future__ import annotations

import hashlib
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from sitegen.errors import OutputError
from sitegen.write.output import StagedOutput, sync_folder

SEARCH_FOLDER = "pagefind"
_BUNDLE = re.compile(rf"{SEARCH_FOLDER}(-[1-9][0-9]*)?")


def bundle_name(part: int) -> str:
    """The output folder of search part ``part`` (the first keeps Pagefind's usual name)."""
    return SEARCH_FOLDER if part == 0 else f"{SEARCH_FOLDER}-{part}"


def is_article_page(path: str) -> bool:
    """Whether an output path is an article page, the only kind of page search indexes."""
    return path.startswith("articles/") and path.endswith(".html")


def search_parts(pages: Iterable[str], part_size: int) -> dict[str, list[str]]:
    """The article pages among ``pages`` split into parts of about ``part_size``, by bundle.

    Parts the hash leaves empty (a small archive may have some) are dropped and the
    rest named in order, so ``pagefind/``, whose script the search page loads, exists
    whenever there is an article to search.
    """
    articles = sorted(p for p in pages if is_article_page(p))
    count = max(1, math.ceil(len(articles) / part_size))
    buckets: list[list[str]] = [[] for _ in range(count)]
    for path in articles:
        bucket = int.from_bytes(hashlib.blake2b(path.encode(), digest_size=8).digest(), "big")
        buckets[bucket % count].append(path)
    filled = [paths for paths in buckets if paths]
    return {bundle_name(index): paths for index, paths in enumerate(filled)}


def part_digest(paths: list[str]) -> str:
    """Names the set of pages in a part: a part that gains or loses a page is re-indexed."""
    return hashlib.sha256("\n".join(sorted(paths)).encode()).hexdigest()[:16]


def in_bundle(path: str) -> bool:
    """Whether an output path lies inside a search bundle."""
    folder, slash, _ = path.partition("/")
    return bool(slash) and bool(_BUNDLE.fullmatch(folder))


def existing_bundles(output: Path) -> list[str]:
    """The search bundles a previous build left in ``output``."""
    try:
        return sorted(entry.name for entry in os.scandir(output)
                      if entry.is_dir() and _BUNDLE.fullmatch(entry.name))
    except OSError:
        return []


def remove_stale_bundles(output: Path, wanted: Iterable[str]) -> None:
    """Delete the bundles of parts that no longer exist (the archive shrank, or search is off)."""
    keep = set(wanted)
    for name in existing_bundles(output):
        if name not in keep:
            shutil.rmtree(output / name, ignore_errors=True)


class SearchIndexer:
    """Keeps the output's search index current, part by part, through hooks the build calls.

    In order: ``plan(article_pages)`` splits the article pages into parts (the search page
    merges their bundles); ``articles_done(changed, locate)``, once every article page is
    staged or kept, starts Pagefind on the parts whose pages changed, in threads, while the
    rest of the site renders (``defer`` leaves them for ``index_pending``: the live preview
    reloads the browser first); ``keep_bundles(output)`` keeps the bundles' files in the
    output; ``wait()``, before the output is committed, so a Pagefind failure stops the build
    with the output untouched; ``install()`` after the commit, which moves the new bundles in
    and removes those of parts that no longer exist. ``discard()`` on any failure.
    ``state()`` is what the manifest records of each bundle.
    """

    def __init__(self, output: Path, *, enabled: bool, part_size: int, jobs: int,
                 previous: dict[str, str], defer: bool = False):
        self.output = output
        self.enabled = enabled
        self.part_size = part_size
        self.defer = defer
        self._previous = previous  # bundle -> digest indexed by the last build ("" pending)
        self._runs = _PagefindRuns(output, jobs)
        self.parts: dict[str, list[str]] = {}
        self._digests: dict[str, str] = {}
        self.stale: list[str] = []

    def plan(self, article_pages: Iterable[str]) -> tuple[str, ...]:
        """Split the article pages into parts; returns the bundles, for the search page."""
        self.parts = search_parts(article_pages, self.part_size) if self.enabled else {}
        self._digests = {bundle: part_digest(paths) for bundle, paths in self.parts.items()}
        return tuple(self.parts)

    def articles_done(self, changed: set[str], locate: Callable[[str], Path]) -> None:
        """Every article page is placed: index the parts a page of which changed, or that are
        new, pending or missing. ``locate`` says where a page's file is now."""
        self.stale = [bundle for bundle, paths in self.parts.items()
                      if self._previous.get(bundle) != self._digests[bundle]
                      or not (self.output / bundle / "pagefind-entry.json").is_file()
                      or any(path in changed for path in paths)]
        if not self.defer:
            self._runs.start({bundle: self.parts[bundle] for bundle in self.stale}, locate)

    def keep_bundles(self, output: StagedOutput) -> None:
        """Keep the previous bundles' files in ``output``; ``install()`` replaces the stale ones
        and removes those of parts gone."""
        for bundle in {*self.parts, *existing_bundles(self.output)}:
            output.keep_tree(bundle)

    def wait(self) -> None:
        """Wait for Pagefind; raises ``OutputError`` when it failed."""
        self._runs.wait()

    def install(self) -> int:
        """Put the new bundles in the output and drop those of parts gone; returns parts indexed."""
        indexed = self._runs.install()
        remove_stale_bundles(self.output, self.parts)
        return indexed

    def discard(self) -> None:
        """Stop waiting for Pagefind and remove its working folders; the output is untouched."""
        self._runs.discard()

    def state(self) -> dict[str, str]:
        """Bundle -> digest of the pages indexed in it; "" for a part left for ``index_pending``."""
        return {bundle: "" if bundle in self.stale and self.defer else digest
                for bundle, digest in self._digests.items()}

    def index_pending(self) -> None:
        """Index now the parts a deferred build left out (their pages are in the output)."""
        pending = {bundle: paths for bundle, paths in self.parts.items()
                   if self._previous.get(bundle) != self._digests[bundle]}
        self._runs.start(pending, lambda page: self.output / page)
        self._runs.wait()
        self._runs.install()
        self.stale, self.defer = [], False


class _PagefindRuns:
    """Pagefind on some parts, in the background: ``jobs`` parts at a time, in threads.

    ``start`` links each part's pages into a folder of their own at once, so the files
    may move afterwards (the output's commit moves staged pages into place).
    """

    def __init__(self, output: Path, jobs: int):
        self.output = output
        self.jobs = jobs
        self._folder: Path | None = None
        self._executor: ThreadPoolExecutor | None = None
        self._running: dict[str, Future[None]] = {}

    def start(self, parts: dict[str, list[str]], locate: Callable[[str], Path]) -> None:
        if not parts:
            return
        self._folder = Path(tempfile.mkdtemp(prefix=f".{self.output.name}.pagefind-",
                                             dir=self.output.parent))
        for bundle, pages in parts.items():
            for page in pages:
                _link(locate(page), self._folder / bundle / "site" / page)
        self._executor = ThreadPoolExecutor(max_workers=max(1, min(self.jobs, len(parts))))
        self._running = {bundle: self._executor.submit(_run_pagefind, self._folder / bundle)
                         for bundle in parts}

    def wait(self) -> None:
        for running in self._running.values():
            running.result()

    def install(self) -> int:
        """Move the finished bundles into the output, rewriting only changed files."""
        try:
            self.wait()
            if self._folder is not None:
                for bundle in self._running:
                    sync_folder(self._folder / bundle / "bundle", self.output / bundle)
            return len(self._running)
        finally:
            self.discard()

    def discard(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True)
            self._executor = None
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None
        self._running = {}


def _run_pagefind(folder: Path) -> None:
    """Index ``folder``/site (a part's pages at their output paths) into ``folder``/bundle."""
    command = [sys.executable, "-m", "pagefind", "--site", str(folder / "site"), "--output-path",
               str(folder / "bundle"), "--glob", "articles/**/*.html", "--keep-index-url", "--silent"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=1800)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise OutputError(f"search indexing (pagefind) failed: {error}; set 'search = false' "
                          "in sitegen.toml to build without search") from None
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no output"]
        raise OutputError(f"search indexing (pagefind) failed: {detail[0]}; set "
                          "'search = false' in sitegen.toml to build without search")


def _link(source: Path, target: Path) -> None:
    # A hard link keeps the page's bytes even when the build later moves or replaces it.
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:  # a file system without hard links
        shutil.copyfile(source, target)

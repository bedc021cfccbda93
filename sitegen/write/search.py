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
from sitegen.write.output import sync_folder

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


def index_search(output: Path, parts: dict[str, list[str]], jobs: int = 1) -> None:
    """Index each part's pages (already in ``output``) into its bundle there."""
    indexing = SearchIndexing(output, jobs)
    indexing.start(parts, lambda page: output / page)
    indexing.finish()


class SearchIndexing:
    """Pagefind runs on the search parts in the background while the build goes on.

    ``start`` links each part's pages into a folder of their own at once, so the
    files may move afterwards (the output's commit moves staged pages into place);
    Pagefind then runs in threads, ``jobs`` parts at a time, on the core the
    single-threaded rendering of people and topic pages leaves free. ``finish``
    waits and moves the bundles into the output, rewriting only changed files.
    """

    def __init__(self, output: Path, jobs: int = 1):
        self.output = output
        self.jobs = jobs
        self._folder: Path | None = None
        self._executor: ThreadPoolExecutor | None = None
        self._running: dict[str, Future[None]] = {}

    def start(self, parts: dict[str, list[str]], locate: Callable[[str], Path]) -> None:
        """Begin indexing ``parts`` (bundle → pages); ``locate`` says where a page's file is now."""
        if not parts:
            return
        self._folder = Path(tempfile.mkdtemp(prefix=".pagefind-", dir=self.output.parent))
        for bundle, pages in parts.items():
            for page in pages:
                _link(locate(page), self._folder / bundle / "site" / page)
        self._executor = ThreadPoolExecutor(max_workers=max(1, min(self.jobs, len(parts))))
        self._running = {bundle: self._executor.submit(_run_pagefind, self._folder / bundle)
                         for bundle in parts}

    def finish(self) -> None:
        """Wait for Pagefind and put the new bundles in the output folder."""
        try:
            folder = self._folder  # set whenever anything runs
            for bundle, running in self._running.items():
                running.result()
                if folder is not None:
                    sync_folder(folder / bundle / "bundle", self.output / bundle)
        finally:
            self.discard()

    def discard(self) -> None:
        """Wait for any Pagefind still running and remove the working folders."""
        if self._executor is not None:
            self._executor.shutdown(wait=True)
            self._executor = None
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None
        self._running = {}


def remove_stale_bundles(output: Path, wanted: Iterable[str]) -> None:
    """Delete the bundles of parts that no longer exist (the archive shrank, or search is off)."""
    keep = set(wanted)
    for name in existing_bundles(output):
        if name not in keep:
            shutil.rmtree(output / name, ignore_errors=True)


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

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
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
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
    """Index each part's pages into its bundle in ``output``, rewriting only changed files.

    Runs after the pages are in place, since Pagefind reads the finished pages. Parts
    run ``jobs`` at a time; bundles of parts that no longer exist are removed.
    """
    if parts:
        with ThreadPoolExecutor(max_workers=max(1, min(jobs, len(parts)))) as pool:
            for finished in [pool.submit(_index_part, output, b, p) for b, p in parts.items()]:
                finished.result()


def remove_stale_bundles(output: Path, wanted: Iterable[str]) -> None:
    """Delete the bundles of parts that no longer exist (the archive shrank, or search is off)."""
    keep = set(wanted)
    for name in existing_bundles(output):
        if name not in keep:
            shutil.rmtree(output / name, ignore_errors=True)


def _index_part(output: Path, bundle: str, pages: list[str]) -> None:
    # Pagefind takes a folder, not a list of files: the part's pages are linked
    # (not copied) into a folder of their own, at the same paths, so URLs are unchanged.
    with tempfile.TemporaryDirectory(prefix=".pagefind-", dir=output.parent) as temporary:
        site = Path(temporary) / "site"
        for page in pages:
            _link(output / page, site / page)
        bundle_path = Path(temporary) / bundle
        command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-path",
                   str(bundle_path), "--glob", "articles/**/*.html", "--keep-index-url", "--silent"]
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=1800)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise OutputError(f"search indexing (pagefind) failed: {error}; set 'search = false' "
                              "in sitegen.toml to build without search") from None
        if result.returncode != 0:
            detail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no output"]
            raise OutputError(f"search indexing (pagefind) failed: {detail[0]}; set "
                              "'search = false' in sitegen.toml to build without search")
        sync_folder(bundle_path, output / bundle)


def _link(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:  # a file system without hard links
        shutil.copyfile(source, target)

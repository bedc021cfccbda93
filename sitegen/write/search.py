"""Full-text search with no server: Pagefind indexes the built article pages."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from sitegen.errors import OutputError

SEARCH_FOLDER = "pagefind"


def index_search(site: Path, previous: Path | None) -> bool:
    """Write the Pagefind bundle into ``site/pagefind``; returns True if it was re-indexed.

    When no page changed since the previous build, its bundle is reused (hard-linked),
    which keeps rebuilds that change nothing cheap.
    """
    if previous is not None and (previous / SEARCH_FOLDER).is_dir():
        _link_tree(previous / SEARCH_FOLDER, site / SEARCH_FOLDER)
        return False
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir",
               SEARCH_FOLDER, "--glob", "articles/**/*.html", "--keep-index-url", "--silent"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise OutputError(f"search indexing (pagefind) failed: {error}; set 'search = false' "
                          "in sitegen.toml to build without search") from None
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no output"]
        raise OutputError(f"search indexing (pagefind) failed: {detail[0]}; set 'search = false' "
                          "in sitegen.toml to build without search")
    return True


def _link_tree(source: Path, target: Path) -> None:
    for folder, _, files in os.walk(source):
        destination = target / Path(folder).relative_to(source)
        destination.mkdir(parents=True, exist_ok=True)
        for name in files:
            try:
                os.link(Path(folder) / name, destination / name)
            except OSError:
                shutil.copy2(Path(folder) / name, destination / name)

"""Full-text search with no server: Pagefind indexes the built article pages."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from sitegen.errors import OutputError
from sitegen.write.output import sync_folder

SEARCH_FOLDER = "pagefind"


def index_search(output: Path) -> None:
    """Index ``output``'s article pages into ``output/pagefind``, rewriting only changed files.

    Runs after the pages are in place, since Pagefind reads the finished site. Its
    bundle's file names are content hashes, so an edit rewrites only a few files.
    """
    with tempfile.TemporaryDirectory(prefix=".pagefind-", dir=output.parent) as temporary:
        bundle = Path(temporary) / SEARCH_FOLDER
        command = [sys.executable, "-m", "pagefind", "--site", str(output), "--output-path",
                   str(bundle), "--glob", "articles/**/*.html", "--keep-index-url", "--silent"]
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=600)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise OutputError(f"search indexing (pagefind) failed: {error}; set 'search = false' "
                              "in sitegen.toml to build without search") from None
        if result.returncode != 0:
            detail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no output"]
            raise OutputError(f"search indexing (pagefind) failed: {detail[0]}; set "
                              "'search = false' in sitegen.toml to build without search")
        sync_folder(bundle, output / SEARCH_FOLDER)

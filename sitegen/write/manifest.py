"""What the last build wrote: its id, its inputs' digest, each page's fingerprint and each file.

Kept in the cache folder, not in the output (which is published). The manifest
counts only when its build id matches the one in the output folder's marker, so a
build that was interrupted, or an output folder replaced by hand, is never trusted.
Each file is recorded with its size and modification time, so a build can tell a
file damaged or removed by hand since (the ``Ledger`` renders it again), as rsync
tells a changed file. A *pending* manifest is saved just before the output changes:
it owns every file the build may have moved in, so a build killed half-way through
is followed by one that knows which files are sitegen's, trusting none of them blindly.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from sitegen.write.output import INCOMPLETE

Stat = tuple[int, int]  # size in bytes, modification time in nanoseconds


@dataclass
class Manifest:
    """Fingerprints of the pages in one build of one output folder."""

    build_id: str = ""
    inputs: str = ""  # digest of every input; equal digests mean nothing to do
    pages: dict[str, str] = field(default_factory=dict)
    articles: int = 0
    # Search bundle -> digest of the pages indexed in it; "" while its pages changed but
    # it was not re-indexed yet (the live preview indexes once the saves pause).
    search: dict[str, str] = field(default_factory=dict)
    # Every file in the output with its size and time (None: sitegen's, but not to be trusted).
    files: dict[str, Stat | None] | None = None
    pending: bool = False  # saved before a commit that has not finished (yet)

    @property
    def search_pending(self) -> bool:
        """Whether some search bundle waits to be re-indexed."""
        return "" in self.search.values()


def manifest_path(cache: Path, output: Path) -> Path:
    """Where the manifest of ``output`` lives (one per output folder).

    Named by the output's path relative to the cache folder, so a project moved or
    renamed as a whole keeps its record.
    """
    relative = os.path.relpath(output.resolve(), cache.resolve())
    return cache / f"pages-{hashlib.sha256(relative.encode()).hexdigest()[:16]}.json"


def _absolute_path(cache: Path, output: Path) -> Path:
    """Where sitegen 0.1 kept the manifest: named by the output's absolute path."""
    return cache / f"pages-{hashlib.sha256(str(output.resolve()).encode()).hexdigest()[:16]}.json"


def load_manifest(cache: Path, output: Path, marker: str | None) -> Manifest:
    """The manifest of the build now in ``output`` (empty when unknown or not matching).

    ``marker`` is the output's marker: a build id, or ``INCOMPLETE`` after a commit that
    stopped half-way, which only the pending manifest of that commit matches.
    """
    if not marker:
        return Manifest()
    for path in (manifest_path(cache, output), _absolute_path(cache, output)):
        try:
            manifest = _parse(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            continue
        if manifest.build_id == marker or (marker == INCOMPLETE and manifest.pending):
            return manifest
    return Manifest()


def _parse(data: dict) -> Manifest:
    files = data.get("files")
    if isinstance(files, list):  # sitegen 0.1: names only, nothing to verify them by
        files = dict.fromkeys(files)
    elif files is not None:
        files = {path: (int(stat[0]), int(stat[1])) if stat else None for path, stat in files.items()}
    return Manifest(data["build_id"], data["inputs"], dict(data["pages"]), data["articles"],
                    dict(data.get("search") or {}), files, bool(data.get("pending")))


def save_manifest(cache: Path, output: Path, manifest: Manifest) -> None:
    """Write the manifest atomically (a crash leaves the old one or the new one)."""
    path = manifest_path(cache, output)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(f".tmp-{os.getpid()}")
    temporary.write_text(json.dumps({"build_id": manifest.build_id, "inputs": manifest.inputs,
                                     "pages": manifest.pages, "articles": manifest.articles,
                                     "search": manifest.search, "files": manifest.files,
                                     "pending": manifest.pending}),
                         encoding="utf-8")
    os.replace(temporary, path)


def stat_of(path: Path) -> Stat | None:
    """A file's size and modification time, or None when it is not a file."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return (status.st_size, status.st_mtime_ns)

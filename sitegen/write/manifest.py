"""What the last build wrote: its id, its inputs' digest and each page's fingerprint.

Kept in the cache folder, not in the output (which is published). The manifest
counts only when its build id matches the one in the output folder's marker, so a
build that was interrupted, or an output folder replaced by hand, is never trusted.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path


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
    files: list[str] | None = None  # every file in the output, the search bundles' aside

    @property
    def search_pending(self) -> bool:
        """Whether some search bundle waits to be re-indexed."""
        return "" in self.search.values()


def manifest_path(cache: Path, output: Path) -> Path:
    """Where the manifest of ``output`` lives (one per output folder)."""
    name = hashlib.sha256(str(output.resolve()).encode()).hexdigest()[:16]
    return cache / f"pages-{name}.json"


def load_manifest(cache: Path, output: Path, build_id: str | None) -> Manifest:
    """The manifest of the build now in ``output`` (empty when unknown or not matching)."""
    if not build_id:
        return Manifest()
    try:
        data = json.loads(manifest_path(cache, output).read_text(encoding="utf-8"))
        manifest = Manifest(data["build_id"], data["inputs"], dict(data["pages"]), data["articles"],
                            dict(data.get("search") or {}), data.get("files"))
    except (OSError, ValueError, KeyError, TypeError):
        return Manifest()
    return manifest if manifest.build_id == build_id else Manifest()


def save_manifest(cache: Path, output: Path, manifest: Manifest) -> None:
    """Write the manifest atomically (a crash leaves the old one or the new one)."""
    path = manifest_path(cache, output)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(f".tmp-{os.getpid()}")
    temporary.write_text(json.dumps({"build_id": manifest.build_id, "inputs": manifest.inputs,
                                     "pages": manifest.pages, "articles": manifest.articles,
                                     "search": manifest.search,
                                     "files": manifest.files}),
                         encoding="utf-8")
    os.replace(temporary, path)

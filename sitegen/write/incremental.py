"""Incremental output: the one owner of the manifest and of every keep-or-render decision.

The manifest (``sitegen.write.manifest``) records what the last build of an output
folder made. ``Ledger`` reads it once, answers the questions a build asks of it
(is everything current? which files did the last build leave, and which of them are
still as it left them? may this page's file be kept?), records what this build makes,
and saves that for the next one. Nothing is trusted unverified: a file is kept only
while its size and modification time are those recorded, so a page removed or
overwritten by hand is rendered again, and a search bundle with such a file re-indexed.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from contextlib import suppress
from pathlib import Path
from typing import Protocol

from sitegen.write.manifest import Manifest, Stat, load_manifest, save_manifest, stat_of
from sitegen.write.output import MARKER, StagedOutput, read_marker
from sitegen.write.search import in_bundle

DAMAGED = "damaged"  # the previous digest of a search bundle a file of which is not as recorded


class Page(Protocol):
    """A page the render stage planned: its output path, fingerprint and text on demand."""

    @property
    def path(self) -> str: ...

    @property
    def fingerprint(self) -> str: ...

    def text(self) -> str: ...


class Ledger:
    """What the last build of ``output`` made, and what this build keeps, renders and records."""

    def __init__(self, cache: Path, output: Path):
        self.cache = cache
        self.output = output
        self.previous = load_manifest(cache, output, read_marker(output))
        self.current = Manifest()
        self.rendered = 0
        self._intact: set[str] | None = None

    @property
    def intact(self) -> set[str]:
        """The recorded files still there with the size and modification time recorded."""
        if self._intact is None:
            self._intact = {path for path, stat in (self.previous.files or {}).items()
                            if stat is not None and stat_of(self.output / path) == tuple(stat)}
        return self._intact

    def is_current(self, inputs: str) -> bool:
        """Whether the output was built from exactly these inputs, search index included, and
        every file it recorded is still as it was.

        When it is, the marker's time is renewed: ``sitegen deploy`` reads it as the time the
        output was last known to be current.
        """
        if (self.previous.inputs != inputs or self.previous.search_pending
                or self.previous.files is None or len(self.intact) != len(self.previous.files)):
            return False
        with suppress(OSError):  # a read-only output folder that is current is fine as it is
            (self.output / MARKER).touch()
        return True

    @property
    def previous_files(self) -> set[str] | None:
        """Every file the last build left (its search bundles aside), when it is known."""
        if self.previous.files is None:
            return None
        return {path for path in self.previous.files if not in_bundle(path)}

    @property
    def previous_search(self) -> dict[str, str]:
        """Search bundle -> digest of the pages the last build indexed in it (``DAMAGED`` when a
        file of the bundle is not as recorded, so it is indexed again)."""
        damaged = {path.partition("/")[0] for path in self.previous.files or ()
                   if in_bundle(path) and path not in self.intact}
        return {bundle: DAMAGED if bundle in damaged else digest
                for bundle, digest in self.previous.search.items()}

    def begin(self, build_id: str, inputs: str) -> None:
        """Start recording this build."""
        self.current = Manifest(build_id=build_id, inputs=inputs)
        self.rendered = 0

    def place(self, page: Page, output: StagedOutput) -> None:
        """Keep the last build's file of ``page`` when its fingerprint is unchanged and the file
        is as the last build left it; otherwise render it and stage its text."""
        self.current.pages[page.path] = page.fingerprint
        if self.previous.pages.get(page.path) == page.fingerprint and output.keep(page.path):
            return
        output.write(page.path, page.text())
        self.rendered += 1

    def committing(self, output: StagedOutput) -> None:
        """Save, before the commit changes the output, a pending record that owns every file
        the output may hold once it stops, finished or not, and trusts none that may change."""
        files: dict[str, Stat | None] = dict(self.previous.files or {})
        files.update(dict.fromkeys(output.changed))
        save_manifest(self.cache, self.output, Manifest(
            build_id=output.build_id, pages=dict(self.previous.pages), articles=self.previous.articles,
            files=files, pending=True))

    def finish(self, *, files: Iterable[str], bundles: Iterable[str], search: dict[str, str],
               articles: int, complete: bool = True) -> None:
        """Record the files this build left (``files`` and every file of the search ``bundles``)
        with their sizes and times, and its search state; save it for the next build.

        An incomplete build (articles left out with --keep-going) is never current.
        """
        paths = [*files, *(path for bundle in bundles for path in _files_under(self.output, bundle))]
        self.current.files = {path: stat_of(self.output / path) for path in paths}
        self.current.search = search
        self.current.articles = articles
        if not complete:
            self.current.inputs = ""
        save_manifest(self.cache, self.output, self.current)

    def save_search(self, search: dict[str, str]) -> None:
        """Record a new search state for the build now in the output (deferred indexing)."""
        self.previous.search = search
        files = {path: stat for path, stat in (self.previous.files or {}).items() if not in_bundle(path)}
        for bundle in search:
            files.update({path: stat_of(self.output / path)
                          for path in _files_under(self.output, bundle)})
        self.previous.files = files
        save_manifest(self.cache, self.output, self.previous)

    @property
    def pages(self) -> int:
        """How many pages this build has (or, before ``begin``, the last build had)."""
        return len(self.current.pages) if self.current.build_id else len(self.previous.pages)


def _files_under(output: Path, folder: str) -> list[str]:
    return [(Path(root) / name).relative_to(output).as_posix()
            for root, _, names in os.walk(output / folder) for name in names]

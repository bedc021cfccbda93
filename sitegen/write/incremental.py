"""Incremental output: the one owner of the manifest and of every keep-or-render decision.

The manifest (``sitegen.write.manifest``) records what the last build of an output
folder made. ``Ledger`` reads it once, answers the questions a build asks of it
(is everything current? which files did the last build leave? may this page's
file be kept?), records what this build makes, and saves that for the next one.
"""

from __future__ import annotations

from contextlib import suppress
from pathlib import Path
from typing import Protocol

from sitegen.write.manifest import Manifest, load_manifest, save_manifest
from sitegen.write.output import MARKER, StagedOutput, read_build_id


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
        self.previous = load_manifest(cache, output, read_build_id(output))
        self.current = Manifest()
        self.rendered = 0

    def is_current(self, inputs: str) -> bool:
        """Whether the output was built from exactly these inputs, search index included.

        When it is, the marker's time is renewed: ``sitegen deploy`` reads it as the time the
        output was last known to be current.
        """
        if self.previous.inputs != inputs or self.previous.search_pending:
            return False
        with suppress(OSError):  # a read-only output folder that is current is fine as it is
            (self.output / MARKER).touch()
        return True

    @property
    def previous_files(self) -> set[str] | None:
        """Every file the last build left (its search bundles aside), when it is known."""
        return set(self.previous.files) if self.previous.files is not None else None

    @property
    def previous_search(self) -> dict[str, str]:
        """Search bundle -> digest of the pages the last build indexed in it."""
        return dict(self.previous.search)

    def begin(self, build_id: str, inputs: str) -> None:
        """Start recording this build."""
        self.current = Manifest(build_id=build_id, inputs=inputs)
        self.rendered = 0

    def place(self, page: Page, output: StagedOutput) -> None:
        """Keep the last build's file of ``page`` when its fingerprint is unchanged and the last
        build left that file (by its record, or on disk when it kept none); otherwise render
        it and stage its text. A file damaged by hand since is not noticed (issue 13)."""
        self.current.pages[page.path] = page.fingerprint
        if self.previous.pages.get(page.path) == page.fingerprint and output.keep(page.path):
            return
        output.write(page.path, page.text())
        self.rendered += 1

    def finish(self, *, files: list[str], search: dict[str, str], articles: int) -> None:
        """Record the files this build left and its search state, and save it for the next build."""
        self.current.files = files
        self.current.search = search
        self.current.articles = articles
        save_manifest(self.cache, self.output, self.current)

    def save_search(self, search: dict[str, str]) -> None:
        """Record a new search state for the build now in the output (deferred indexing)."""
        self.previous.search = search
        save_manifest(self.cache, self.output, self.previous)

    @property
    def pages(self) -> int:
        """How many pages this build has (or, before ``begin``, the last build had)."""
        return len(self.current.pages) if self.current.build_id else len(self.previous.pages)

"""The rebuild thread: poll the inputs, wait for a burst of saves to settle, rebuild, reload."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sitegen.inputs import input_folders, shown_path
from sitegen.serve.gate import Gate
from sitegen.serve.preview import Preview

log = logging.getLogger(__name__)

POLL_SECONDS = 0.1  # how often the inputs are checked: 400 stat calls cost ~2 ms
QUIET_SECONDS = 0.2  # a burst of saves (save all, git checkout) settles within this
SEARCH_DELAY_SECONDS = 2.0  # re-index for search once the writer pauses, not between saves

Snapshot = dict[Path, tuple[int, int]]


class Rebuilder(threading.Thread):
    """Polls the inputs; after a burst of changes settles, rebuilds and reloads the browsers.

    ``seen`` is the snapshot the current preview was built from; ``reload_browsers``
    is called (on this thread) after every rebuild.
    """

    def __init__(self, preview: Preview, gate: Gate, seen: Snapshot,
                 reload_browsers: Callable[[], None]):
        super().__init__(name="sitegen-rebuild", daemon=True)
        self.preview, self.gate, self.seen = preview, gate, seen
        self.reload_browsers = reload_browsers
        self.stopping = threading.Event()

    def run(self) -> None:
        """Watch until ``stopping`` is set."""
        self.preview.warm_up()
        search_due: float | None = None
        while not self.stopping.wait(POLL_SECONDS):
            current = self.preview.snapshot()
            if current == self.seen:
                if search_due is not None and time.monotonic() >= search_due:
                    search_due = None
                    self.preview.finish_search()
                continue
            generation = self.gate.close()
            settled = self._settle(current)
            if settled is None:
                return
            folders = self._folders()
            try:
                self._rebuild(describe_changes(self.seen, settled, self.preview.config.root))
            except Exception:  # never leave the gate closed and the watching stopped
                log.exception("the rebuild failed unexpectedly")
            # New settings may watch other folders; otherwise keep the pre-build snapshot,
            # so a save made during the build triggers another one.
            self.seen = settled if self._folders() == folders else self.preview.snapshot()
            self.gate.open(generation)
            self.reload_browsers()
            # Search is not what the writer waits for: index when the saves pause.
            search_due = time.monotonic() + SEARCH_DELAY_SECONDS

    def _settle(self, current: Snapshot) -> Snapshot | None:
        """Wait until nothing changed for QUIET_SECONDS: a burst of saves gives one rebuild."""
        while not self.stopping.wait(QUIET_SECONDS):
            latest = self.preview.snapshot()
            if latest == current:
                return latest
            current = latest
        return None

    def _folders(self) -> tuple[Any, ...]:
        config = self.preview.config
        return (input_folders(config), config.output, config.cache)

    def _rebuild(self, changed: str) -> None:
        started = time.perf_counter()
        base_path = self.preview.config.base_path
        report = self.preview.rebuild()
        seconds = time.perf_counter() - started
        if self.preview.config.base_path != base_path:
            log.info("base_url changed: the site is now served under %s", self.preview.config.base_path)
        if report is not None:
            log.info("Rebuilt in %.2f s (%s changed): %d pages rendered, %d files written, "
                     "%d unchanged, %d annotated", seconds, changed, report.rendered, report.written,
                     report.unchanged, report.annotated)
        else:
            log.error("Build failed in %.2f s (%s changed); the browser shows the error until "
                      "the next good save", seconds, changed)


def describe_changes(before: Snapshot, after: Snapshot, root: Path) -> str:
    """The first changed file and how many more, for the rebuild line."""
    paths = sorted(path for path in before.keys() | after.keys() if before.get(path) != after.get(path))
    if not paths:
        return "nothing"
    more = f" and {len(paths) - 1} more" if len(paths) > 1 else ""
    return shown_path(paths[0], root) + more

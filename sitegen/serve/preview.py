"""The preview build: an ordinary build into the preview folder, and its last error."""

from __future__ import annotations

import logging
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from sitegen.config import Config
from sitegen.errors import ContentError, SitegenError
from sitegen.inputs import stat_snapshot

if TYPE_CHECKING:
    from sitegen.build import BuildReport, ProgressFactory

log = logging.getLogger(__name__)

PREVIEW_FOLDER = "preview"  # inside the cache folder (.sitegen/), which is git-ignored


class Preview:
    """Current settings, the last build error, and how to rebuild."""

    def __init__(self, load_config: Callable[[], Config], *, output: Path | None = None):
        self._load_config = load_config
        self._output = output
        self.config = self._configure()  # a ConfigError here stops `serve`: nothing to watch yet
        self.error: str | None = None

    def _configure(self) -> Config:
        config = self._load_config()
        return config.with_overrides(output=self._output or config.cache / PREVIEW_FOLDER)

    def snapshot(self) -> dict[Path, tuple[int, int]]:
        """The inputs of the current settings (they may move when sitegen.toml changes)."""
        return stat_snapshot(self.config)

    def rebuild(self, progress: ProgressFactory | None = None) -> BuildReport | None:
        """Build; on failure, log the error and keep it for the error page."""
        from sitegen.build import build

        try:
            self.config = self._configure()  # sitegen.toml is watched too: read it every time
            report = build(self.config, progress=progress, defer_search=True)
        except SitegenError as error:
            self.error = describe_error(error)
        except Exception:  # a bug in a stage must not stop the preview; show it like any error
            self.error = traceback.format_exc()
        else:
            self.error = None
            return report
        for line in self.error.splitlines():
            log.error("%s", line)
        return None

    def finish_search(self) -> None:
        """Index the pages for search, if the last build left that for later."""
        from sitegen.build import finish_search

        try:
            finish_search(self.config)
        except SitegenError as error:
            log.error("%s", describe_error(error))

    def warm_up(self) -> None:
        """Load spaCy now, so the first edited article is annotated without a ~1 s model load."""
        if self.config.executor != "local":
            return  # the cluster's workers annotate: a model here would only take memory
        started = time.perf_counter()
        try:
            from sitegen.annotate.nlp import load_pipeline

            load_pipeline(self.config.model)  # cached for the life of the process
        except Exception as error:  # the next build reports a missing model properly
            log.debug("spaCy model not preloaded: %s", error)
            return
        log.debug("spaCy model loaded in %.2f s; ready for edits", time.perf_counter() - started)


def describe_error(error: SitegenError) -> str:
    """The error as ``path:line: message`` lines, the way `sitegen build` prints it."""
    if isinstance(error, ContentError):
        return "\n".join(str(problem) for problem in error.problems)
    return str(error)

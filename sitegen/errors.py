"""One exception hierarchy; only ``cli.py`` turns these into exit codes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one input file, reported as ``path:line: message``."""

    path: Path | str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        return f"{where}: {self.message}"


class SitegenError(Exception):
    """Base class of every error sitegen reports to the user without a traceback."""


class ConfigError(SitegenError):
    """``sitegen.toml`` is unreadable or holds invalid settings."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class UsageError(ConfigError):
    """A command-line option has a value no setting may have (exit code 2, like argparse)."""


class ContentError(SitegenError):
    """One or more articles could not be read; every problem is listed."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class TemplateError(SitegenError):
    """A template is missing or broken; the message names the file and line."""


class OutputError(SitegenError):
    """The output folder cannot be written, or two pages claim one path."""


class ModelError(SitegenError):
    """The spaCy pipeline named in the settings cannot be loaded."""


class ClusterError(SitegenError):
    """The Dask executor cannot run: Dask is not installed, or the scheduler cannot be reached."""

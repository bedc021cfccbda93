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
        path = quote_path(str(self.path))
        where = f"{path}:{self.line}" if self.line else path
        return f"{where}: {self.message}"


_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t", '"': '\\"', "\\": "\\\\"}


def quote_path(path: str) -> str:
    """``path`` as it can be printed on one line: as it is, or, when it holds a control
    character (a newline split the error line, an ESC coloured the terminal), in double
    quotes with C escapes, as git prints such names (core.quotePath)."""
    if not any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in path):
        return path
    escaped = "".join(_ESCAPES.get(c) or (f"\\x{ord(c):02x}" if ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0
                                          else c) for c in path)
    return f'"{escaped}"'


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


class Terminated(KeyboardInterrupt):
    """SIGTERM, handled as Ctrl-C is: the same clean-up, another exit code (143)."""


class ClusterError(SitegenError):
    """The Dask executor cannot run: Dask is not installed, or the scheduler cannot be reached."""

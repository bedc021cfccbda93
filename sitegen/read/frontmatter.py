"""Front matter as Jekyll, Hugo, Zola and Pelican write it: YAML, TOML, JSON, or a header.

- YAML between ``---`` lines (Jekyll, Hugo, and Pelican sites with capitalised keys),
- TOML between ``+++`` lines (Hugo, Zola),
- a JSON object at the very start (Hugo),
- Pelican's header: ``Title: …`` lines up to the first blank line.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import yaml

from sitegen.read.source import ReadProblem

_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*)\s*:\s?(.*)$")


@dataclass(frozen=True)
class FrontMatter:
    """What stands before the body: its keys as written, the body, and where it starts."""

    meta: dict[str, Any]
    body: str
    body_line: int  # the 1-based line of the body's first line
    kind: str | None = None  # "yaml", "toml", "json", "pelican"; None without front matter
    lines: dict[str, int] = field(default_factory=dict)  # key -> its 1-based line

    def line_of(self, key: str) -> int:
        """The line ``key`` is written on (line 1 when it cannot be found)."""
        return self.lines.get(key, 1)


class _Loader(yaml.SafeLoader):
    """YAML's safe loader, but an impossible date is a YAML error with its line, not a crash.

    PyYAML's timestamp constructor raises a bare ``ValueError`` for ``2020-13-45``.
    """


def _timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> date | datetime:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError as error:
        raise ReadProblem(f"'{node.value}' is not a real date ({error}); use a date like 2020-03-27",
                          node.start_mark.line + 2) from None  # +2: 1-based, after the '---' line


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def split_front_matter(text: str) -> FrontMatter:
    """The front matter of ``text`` in whichever form it has, and the body after it."""
    lines = text.split("\n")
    first = lines[0].strip()
    if first == "---":
        return _fenced(lines, ("---", "..."), "yaml", _yaml)
    if first == "+++":
        return _fenced(lines, ("+++",), "toml", _toml)
    if first.startswith("{"):
        return _json(text)
    return _pelican(lines) or FrontMatter({}, text, 1)


def _fenced(lines: list[str], closers: tuple[str, ...], kind: str, load: Any) -> FrontMatter:
    closing = next((i for i, line in enumerate(lines[1:], start=1) if line.strip() in closers), None)
    if closing is None:
        raise ReadProblem(f"front matter opened with '{lines[0].strip()}' on line 1 is never closed "
                          f"with '{closers[0]}'", 1)
    meta = load("\n".join(lines[1:closing]))
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise ReadProblem(
            "front matter must be a mapping of 'key: value' lines (title, date, author, …)", 2
        )
    return FrontMatter(meta, "\n".join(lines[closing + 1 :]), closing + 2, kind,
                       _key_lines(lines[1:closing], meta, offset=2))


def _yaml(source: str) -> Any:
    try:
        return yaml.load(source, Loader=_Loader)  # a SafeLoader
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise ReadProblem(f"front matter is not valid YAML: {problem}", line) from None


def _toml(source: str) -> Any:
    try:
        return tomllib.loads(source)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"line (\d+)", str(error))
        line = int(match[1]) + 1 if match else 1
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(error))
        raise ReadProblem(f"front matter is not valid TOML: {message}", line) from None


def _json(text: str) -> FrontMatter:
    try:
        meta, end = json.JSONDecoder().raw_decode(text)
    except json.JSONDecodeError as error:
        raise ReadProblem(f"front matter is not valid JSON: {error.msg}", error.lineno) from None
    if not isinstance(meta, dict):
        raise ReadProblem("front matter must be a JSON object of keys and values", 1)
    head, body = text[:end], text[end:].removeprefix("\n")
    return FrontMatter(meta, body, head.count("\n") + 2, "json",
                       _key_lines(head.split("\n"), meta, offset=1))


def _pelican(lines: list[str]) -> FrontMatter | None:
    """Pelican's Markdown header: ``Key: value`` lines, a ``Title``, then a blank line."""
    meta: dict[str, Any] = {}
    where: dict[str, int] = {}
    last: str | None = None
    for number, line in enumerate(lines):
        if not line.strip():
            break
        if last is not None and line.startswith(("    ", "\t")):  # a continued value
            meta[last] = f"{meta[last]} {line.strip()}".strip()
            continue
        match = _HEADER_LINE.match(line)
        if match is None:
            return None
        last = match[1]
        meta[last], where[last] = match[2].strip(), number + 1
    else:
        return None  # a header with no body after it is not a header
    if not any(key.casefold() == "title" for key in meta):
        return None
    return FrontMatter(meta, "\n".join(lines[number + 1 :]), number + 2, "pelican", where)


def _key_lines(lines: list[str], meta: dict[str, Any], offset: int) -> dict[str, int]:
    """The line of each top-level key, found by its name at the start of a line."""
    found: dict[str, int] = {}
    for number, line in enumerate(lines, start=offset):
        for key in meta:
            if key not in found and re.match(rf"""\s*["']?{re.escape(str(key))}["']?\s*[:=]""", line):
                found[str(key)] = number
    return found

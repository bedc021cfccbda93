"""Decode a file's bytes into text, reporting what is wrong with file and line."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any


class ReadProblem(Exception):
    """A problem in one file; ``line`` is 1-based, or None for the whole file."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass(frozen=True)
class ParsedArticle:
    """What a format reader extracts from one file, before slugs are assigned."""

    title: str
    text: str
    layout: object  # sitegen.models.Layout
    paragraph_starts: tuple[int, ...]
    date: date | None = None
    summary: str | None = None
    topics: tuple[str, ...] = ()
    slug: str | None = None
    draft: bool = False
    published: datetime | None = None
    updated: datetime | None = None
    authors: tuple[str, ...] = ()
    image: str | None = None
    old_urls: tuple[str, ...] = ()
    meta: dict[str, Any] = field(default_factory=dict)
    front_matter: str | None = None  # "yaml", "toml", "json", "pelican" or None
    warnings: tuple[tuple[int, str], ...] = ()  # (line, message): template tags left out


def decode(raw: bytes) -> str:
    """UTF-8 (a BOM is dropped), with CRLF and CR line ends made LF."""
    # Checked before the NUL bytes that UTF-16 text is full of, so it is not called binary.
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReadProblem("UTF-16 text, not UTF-8: re-save the file as UTF-8", 1)
    if b"\x00" in raw[:8192]:
        raise ReadProblem("binary file, not an article: keep only .txt and .md articles here")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ReadProblem(
            f"not UTF-8 (byte 0x{raw[error.start]:02x} at offset {error.start}); "
            "re-save the file as UTF-8",
            line,
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ReadProblem("empty file: an article needs a title line and a body", 1)
    return text

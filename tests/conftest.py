"""Shared helpers: write a tiny site in tmp_path, build it, parse its pages."""

from __future__ import annotations

import os
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sitegen.cli import main

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "seeds" / "china-us-covid-call.txt"
CORPUS = REPO.parent / "shared" / "corpus" / "bbc"


def write_files(root: Path, files: dict[str, str | bytes]) -> None:
    """Create each file (path relative to ``root``) with its text or bytes."""
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty site folder, made the working directory."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "seeds").mkdir()
    return tmp_path


def build(*args: str) -> int:
    """Run ``sitegen build`` in the current folder; returns the exit code."""
    return main(["build", "-q", *args])


class PageParser(HTMLParser):
    """Collects links, ids, and the text of a page, failing on unbalanced tags."""

    VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
            "source", "track", "wbr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: list[str] = []
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.text_by_id: dict[str, list[str]] = {}
        self._capture: list[tuple[str, int]] = []
        self.elements: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.elements.append((tag, values))
        for name in ("href", "src"):
            if values.get(name):
                self.links.append(values[name] or "")
        if values.get("id"):
            self.ids.append(values["id"] or "")
        if tag not in self.VOID:
            self.stack.append(tag)
            if values.get("id"):
                self._capture.append((values["id"] or "", len(self.stack)))
                self.text_by_id[values["id"] or ""] = []

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unexpected </{tag}>, open: {self.stack[-3:]}")
            return
        self._capture = [(i, depth) for i, depth in self._capture if depth < len(self.stack)]
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        for element_id, _ in self._capture:
            self.text_by_id[element_id].append(data)

    def text_of(self, element_id: str) -> str:
        """All text inside the element with this id."""
        return "".join(self.text_by_id[element_id])


def parse_page(path: Path) -> PageParser:
    """Parse one built page; asserts every tag is balanced."""
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    assert not parser.errors, f"{path}: {parser.errors[:3]}"
    assert not parser.stack, f"{path}: unclosed {parser.stack}"
    return parser


def broken_links(output: Path) -> list[str]:
    """Every internal link or asset of every page that does not resolve to a written file."""
    broken = []
    ids: dict[Path, list[str]] = {}

    def ids_of(path: Path) -> list[str]:
        if path not in ids:
            ids[path] = parse_page(path).ids
        return ids[path]

    for page in output.rglob("*.html"):
        if page.name == "404.html":
            continue
        parser = parse_page(page)
        for link in parser.links:
            if link.startswith(("http://", "https://", "mailto:", "data:")):
                continue
            target, _, fragment = link.partition("#")
            if not target:
                if fragment and fragment not in parser.ids:
                    broken.append(f"{page}: #{fragment}")
                continue
            resolved = Path(os.path.normpath(page.parent / target))
            if not resolved.is_file():
                broken.append(f"{page.relative_to(output)} → {link}")
            elif fragment and resolved.suffix == ".html" and fragment not in ids_of(resolved):
                broken.append(f"{page.relative_to(output)} → {link} (no such id)")
    return broken


class _BlockParser(HTMLParser):
    """The text of each paragraph-like block inside one element."""

    BLOCKS = frozenset({"p", "figcaption", "li", "h2", "h3", "h4", "td", "th", "pre"})

    def __init__(self, element_id: str) -> None:
        super().__init__(convert_charrefs=True)
        self.element_id = element_id
        self.depth = 0  # open elements inside the wanted one; 0 = outside it
        self.blocks: list[str] = []
        self._open_block: int | None = None  # depth of the block being collected

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in PageParser.VOID:
            return
        if self.depth:
            self.depth += 1
            if tag in self.BLOCKS and self._open_block is None:
                self._open_block = self.depth
                self.blocks.append("")
        elif dict(attrs).get("id") == self.element_id:
            self.depth = 1

    def handle_endtag(self, tag: str) -> None:
        if tag in PageParser.VOID or not self.depth:
            return
        if self._open_block == self.depth:
            self._open_block = None
        self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self._open_block is not None:
            self.blocks[-1] += data


def block_texts(path: Path, element_id: str = "body-text") -> list[str]:
    """The text of each block (paragraph, caption, list item…) inside ``element_id`` of a page.

    Blocks do not nest here: a list item's paragraphs count as one block.
    """
    parser = _BlockParser(element_id)
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser.blocks

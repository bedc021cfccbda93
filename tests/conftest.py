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


# A small archive exercising every kind of page content: both formats, people, quotes, figures,
# captions and Markdown lists, tables, images, links and code. Used by the validity and browser tests.
TEST_ARCHIVE: dict[str, str] = {
    "politics/2005-02-14-budget-row.md": (
        "---\ntitle: Budget row deepens\nauthor: Political staff\ntopics: [economy, taxes]\n"
        "summary: Chancellor Gordon Brown defends the plan.\n---\n"
        "Chancellor Gordon Brown said the budget would raise £2.5bn for schools in London.\n\n"
        "“This is a budget for hard-working families,” Mr Brown told MPs on Monday.\n\n"
        "Michael Howard, the Conservative leader, said: \"The figures do not add up.\"\n\n"
        "## What changes\n\n- Income tax stays at 22%\n- Fuel duty rises by 2p\n\n"
        "| Item | Cost |\n|---|---:|\n| Schools | £2.5bn |\n| Roads | £800m |\n\n"
        "Read the [Treasury statement](https://example.org/treasury) and `the code`.\n\n"
        '![A chart of spending](https://example.org/chart.png "Spending by department, 2005")\n'
    ),
    "politics/2005-02-15-election.txt": (
        "Blair sets out election plans\n\n"
        "Prime Minister Tony Blair has set out his plans for the general election in May.\n\n"
        "\"We will not take a single vote for granted,\" Mr Blair said in Manchester.\n\n"
        "The Labour Party has 410 MPs, and polls put it 5 points ahead of the Conservatives.\n"
    ),
    "business/2005-02-16-shares.md": (
        "---\ntitle: Shares rise in Tokyo\ntopics: [economy]\n---\n"
        "Shares in Sony rose 3% in Tokyo after the company said profits reached ¥50bn.\n\n"
        "\"We are very pleased,\" said Sony chief executive Nobuyuki Idei.\n\n"
        "1. First point\n2. Second point with *emphasis* & <angle> brackets\n\n"
        "> A quoted block from the annual report.\n"
    ),
    "2005-02-17-caption.txt": (
        "Leaders meet in Beijing\n\n"
        "Chinese President Hu Jintao (L) greets Tony Blair in Beijing, Nov. 9, 2005\n\n"
        "Tony Blair met Hu Jintao in Beijing on Thursday to discuss trade worth $5 billion.\n"
    ),
}


def built_archive(folder: Path, files: dict[str, str], *args: str) -> Path:
    """Write ``files`` under ``folder``/seeds and build them into ``folder``/build; returns build/.

    For module-scoped fixtures: it changes the working folder only while building.
    """
    import contextlib

    write_files(folder / "seeds", files)
    with contextlib.chdir(folder):
        assert main(["build", "-q", *args]) == 0
    return folder / "build"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):  # type: ignore[no-untyped-def]
    """Keep each phase's report on the test item (``item.rep_call``), so fixtures can see failures."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)

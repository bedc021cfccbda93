"""Every built page passes the W3C Nu HTML Checker (vnu.jar from npm, on the machine's Java).

`make browser-deps` installs the checker into .cache/vnu (or set VNU_JAR). Locally the test is
skipped when java or the jar is missing; in CI (``CI`` set) it fails instead, so it always runs there.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import REPO, TEST_ARCHIVE, built_archive

DEFAULT_JAR = REPO / ".cache" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def vnu_command() -> list[str]:
    """``java -jar vnu.jar``, or a skip (a failure in CI) naming what is missing."""
    jar = Path(os.environ.get("VNU_JAR") or DEFAULT_JAR)
    java = shutil.which("java")
    missing = [what for what, found in (("java", java), (str(jar), jar.is_file())) if not found]
    if missing:
        message = f"the HTML checker needs {' and '.join(missing)}: run 'make browser-deps'"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return [java or "java", "-jar", str(jar)]


def validate(pages: list[Path]) -> list[str]:
    """Every error vnu finds in ``pages``, as ``file:line: message``."""
    result = subprocess.run([*vnu_command(), "--errors-only", "--format", "json", *map(str, pages)],
                            capture_output=True, text=True, timeout=300)
    # vnu writes its JSON report to stderr; exit code 1 just means errors were found.
    report = json.loads(result.stderr or result.stdout)
    return [
        f"{message.get('url', '?').removeprefix('file:')}:{message.get('lastLine', '?')}: "
        f"{message.get('message')} [{message.get('extract', '').strip()[:80]}]"
        for message in report["messages"]
        if message.get("type") in ("error", "non-document-error")
    ]


def html_pages(output: Path) -> list[Path]:
    """Every HTML page of a built site (search's own UI files excluded: they are not pages)."""
    return sorted(p for p in output.rglob("*.html") if "pagefind" not in p.relative_to(output).parts)


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample archive of seeds/, built."""
    folder = tmp_path_factory.mktemp("sample")
    files = {p.relative_to(REPO / "seeds").as_posix(): p.read_text(encoding="utf-8")
             for p in (REPO / "seeds").rglob("*") if p.is_file()}
    return built_archive(folder, files)


@pytest.fixture(scope="module")
def test_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The multi-article test archive (both formats, Markdown features, people, quotes, figures)."""
    return built_archive(tmp_path_factory.mktemp("archive"), TEST_ARCHIVE, "--page-size", "2")


def test_every_page_of_the_sample_archive_is_valid_html(sample_site: Path) -> None:
    pages = html_pages(sample_site)
    assert len(pages) >= 3
    assert validate(pages) == []


def test_every_page_of_the_test_archive_is_valid_html(test_site: Path) -> None:
    pages = html_pages(test_site)
    kinds = {p.relative_to(test_site).parts[0] for p in pages}
    assert {"index.html", "articles", "page", "404.html"} <= kinds
    assert validate(pages) == []


def test_the_stylesheets_are_valid_css(test_site: Path) -> None:
    sheets = sorted((test_site / "static").glob("*.css"))
    assert sheets
    result = subprocess.run([*vnu_command(), "--css", "--errors-only", "--format", "json",
                             *map(str, sheets)], capture_output=True, text=True, timeout=300)
    assert json.loads(result.stderr or result.stdout)["messages"] == []

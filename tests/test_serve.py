"""`sitegen serve` as a real subprocess: serving, live rebuilds, errors, sub-paths, ports.

Waits are bounded polls with a generous timeout: a test fails when something
does not happen, never because the machine was slow.
"""

from __future__ import annotations

import ast
import asyncio
import http.client
import json
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urljoin, urlsplit

import pytest
from conftest import REPO, PageParser, write_files

from sitegen.cli import main
from sitegen.config import Config

TIMEOUT = 60.0  # bounded waits: generous, because tests share two cores
LIVE_RELOAD = "livereload.js"  # what the reload script loads; no file of a build names it


class Served:
    """A `sitegen serve --port 0` subprocess, its output lines, and HTTP access to it."""

    def __init__(self, root: Path, *args: str):
        self.root = root
        self.process = subprocess.Popen(
            [sys.executable, "-m", "sitegen", "serve", "--port", "0", *args], cwd=root,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1,
        )
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        found = self.wait_for_line(r"Serving on http://127\.0\.0\.1:(\d+)/")
        self.port = int(found.group(1))

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def output(self) -> str:
        return "\n".join(self.lines)

    def wait_for_line(self, pattern: str) -> re.Match[str]:
        """The first output line matching ``pattern``, waiting for it if need be."""
        def search() -> re.Match[str] | None:
            return next(filter(None, (re.search(pattern, line) for line in list(self.lines))), None)

        found = wait_until(search, f"a line matching {pattern!r}", self)
        assert found is not None
        return found

    def get(self, path: str) -> tuple[int, str, dict[str, str]]:
        """Status, text and headers of one GET; redirects are not followed."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            return (response.status, response.read().decode("utf-8", "replace"),
                    {k.lower(): v for k, v in response.getheaders()})
        finally:
            connection.close()

    def head(self, path: str) -> dict[str, str]:
        """The headers of one HEAD request."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT)
        try:
            connection.request("HEAD", path)
            response = connection.getresponse()
            response.read()
            return {k.lower(): v for k, v in response.getheaders()}
        finally:
            connection.close()

    def wait_for_page(self, path: str, text: str, status: int = 200) -> str:
        """Poll ``path`` until it answers ``status`` with ``text`` in it; returns the page."""
        def check() -> str | None:
            got_status, body, _ = self.get(path)
            return body if got_status == status and text in body else None

        return wait_until(check, f"{path} answering {status} with {text!r}", self)

    def stop(self) -> int:
        """Ctrl-C, as a terminal sends it; returns the exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(TIMEOUT)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._reader.join(TIMEOUT)
        return self.process.returncode


def wait_until(check: Callable[[], object], what: str, served: Served | None = None) -> object:
    """Poll ``check`` until it returns something truthy; fail after TIMEOUT seconds."""
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        if served is not None and served.process.poll() is not None:
            pytest.fail(f"sitegen serve exited ({served.process.returncode}) while waiting for "
                        f"{what}:\n{served.output()}")
        time.sleep(0.05)
    pytest.fail(f"timed out after {TIMEOUT} s waiting for {what}"
                + (f":\n{served.output()}" if served else ""))


@pytest.fixture
def serve_site(tmp_path: Path) -> Iterator[Callable[..., Served]]:
    """Start `sitegen serve` in tmp_path; every server is stopped at the end of the test."""
    started: list[Served] = []

    def start(*args: str) -> Served:
        served = Served(tmp_path, *args)
        started.append(served)
        return served

    yield start
    for served in started:
        served.stop()


ARTICLES = {
    "seeds/first.txt": "First story\n\nAlice Smith said the harbour was calm.",
    "seeds/second.txt": "Second story\n\nBob Jones visited Paris on Monday.",
}
FIRST = "/articles/first-story/index.html"


def test_serve_rebuilds_on_save_and_reloads_the_browser(tmp_path: Path, serve_site,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    write_files(tmp_path, ARTICLES)
    served = serve_site()
    status, page, headers = served.get(FIRST)
    assert status == 200 and "the harbour was calm" in page
    assert LIVE_RELOAD in page and headers["cache-control"] == "no-store"

    def edit() -> None:
        write_files(tmp_path, {"seeds/first.txt": "First story\n\nAlice Smith said the sea was rough."})

    message = asyncio.run(_reload_message_after(served.port, edit))
    assert message["command"] == "reload"
    page = served.wait_for_page(FIRST, "the sea was rough")
    assert "the harbour was calm" not in page
    served.wait_for_line(r"Rebuilt in \d+\.\d\d s \(seeds/first\.txt changed\)")

    assert served.stop() == 0
    assert "Stopped." in served.output()
    cache = tmp_path / ".sitegen"
    assert [p.name for p in cache.iterdir() if "staging" in p.name] == []
    assert not (tmp_path / "build").exists()  # the preview lives in .sitegen/preview
    monkeypatch.chdir(tmp_path)
    assert main(["build", "-q"]) == 0
    built = list((tmp_path / "build").rglob("*.html"))
    assert built and not [p for p in built if "livereload" in p.read_text(encoding="utf-8")]


async def _reload_message_after(port: int, action: Callable[[], None]) -> dict[str, object]:
    """Connect as livereload.js does, run ``action``, and return the next server message."""
    from tornado.websocket import websocket_connect

    socket_ = await websocket_connect(f"ws://127.0.0.1:{port}/livereload")
    try:
        await socket_.write_message(json.dumps(
            {"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"]}))
        hello = json.loads(await socket_.read_message() or "{}")
        assert hello["command"] == "hello"
        await socket_.write_message(json.dumps({"command": "info", "url": f"http://127.0.0.1:{port}/"}))
        action()
        return json.loads(await asyncio.wait_for(socket_.read_message(), TIMEOUT) or "{}")
    finally:
        socket_.close()


def test_after_a_burst_of_saves_every_page_is_current(tmp_path: Path, serve_site) -> None:
    write_files(tmp_path, ARTICLES)
    served = serve_site()
    served.wait_for_page("/", "Second story")
    write_files(tmp_path, {
        "seeds/first.txt": "First story\n\nAlice Smith said the tide was out.",
        "seeds/third.txt": "Third story\n\nCarol King opened a bakery in Leeds.",
    })
    (tmp_path / "seeds" / "second.txt").unlink()
    home = served.wait_for_page("/", "Third story")
    assert "Second story" not in home
    served.wait_for_page(FIRST, "the tide was out")
    assert served.get("/articles/second-story/index.html")[0] == 404
    # The burst is all built: the next save is a rebuild of its own.
    write_files(tmp_path, {"seeds/zz-last.txt": "Last story\n\nThe end."})
    served.wait_for_line(r"Rebuilt in .* \(seeds/zz-last\.txt changed\)")


def test_build_errors_show_in_browser_and_the_next_good_save_recovers(
        tmp_path: Path, serve_site) -> None:
    write_files(tmp_path, ARTICLES)
    served = serve_site()
    write_files(tmp_path, {"seeds/second.txt": "Second story\n"})
    page = served.wait_for_page("/", "seeds/second.txt:1:", status=500)
    assert "could not be built" in page and page.count(LIVE_RELOAD) == 1
    assert served.get("/static/site.css")[0] == 200  # assets of the last good build still load
    served.wait_for_line(r"seeds/second\.txt:1: .*body")

    write_files(tmp_path, {"seeds/second.txt": "Second story\n\nBob Jones came home."})
    served.wait_for_page("/articles/second-story/index.html", "Bob Jones came home")

    write_files(tmp_path, {"templates/article.html": '{% extends "base.html" %}\n{% block main %}\n'
                                                     "{{ article.title \n{% endblock %}\n"})
    page = served.wait_for_page(FIRST, "templates/article.html:4:", status=500)
    (tmp_path / "templates" / "article.html").unlink()
    served.wait_for_page(FIRST, "the harbour was calm")
    assert served.process.poll() is None


def test_serves_under_the_base_url_path_with_no_broken_link(tmp_path: Path, serve_site) -> None:
    write_files(tmp_path, ARTICLES)
    write_files(tmp_path, {"sitegen.toml": 'base_url = "https://user.github.io/archive/"\n'})
    served = serve_site()
    assert re.search(r"Serving on http://127\.0\.0\.1:\d+/archive/$", served.output(), re.M)
    status, _, headers = served.get("/")
    assert status in (301, 302) and urlsplit(headers["location"]).path == "/archive/"
    assert served.get("/articles/first-story/index.html")[0] == 404  # only under /archive/
    status, not_found, _ = served.get("/archive/no-such-page/")
    assert status == 404 and not_found.count(LIVE_RELOAD) == 1  # the site's 404.html
    status, elsewhere, _ = served.get("/elsewhere/")
    assert status == 404 and "served under /archive/" in elsewhere
    assert elsewhere.count(LIVE_RELOAD) == 1
    pages = _crawl(served, "/archive/")
    assert "/archive/articles/first-story/index.html" in pages
    parser = PageParser()
    parser.feed(not_found)
    for link in parser.links:  # the 404 page links absolutely, under the base path
        if link.startswith("/"):
            assert link.startswith("/archive/") and served.get(link)[0] == 200, link


def _crawl(served: Served, start: str) -> set[str]:
    """Every page reachable from ``start``; fails on any link that does not answer 200."""
    seen, queue, broken = {start}, [start], []
    while queue:
        path = queue.pop()
        status, body, headers = served.get(path)
        if status != 200:
            broken.append(f"{path}: {status}")
            continue
        if not headers["content-type"].startswith("text/html"):
            continue
        parser = PageParser()
        parser.feed(body)
        for link in parser.links:
            if link.startswith(("http://", "https://", "mailto:", "data:", "#", "//")):
                continue
            target = urlsplit(urljoin(path, link)).path
            if target not in seen:
                seen.add(target)
                queue.append(target)
    assert broken == []
    return seen


def test_port_in_use_is_a_clear_error(tmp_path: Path) -> None:
    write_files(tmp_path, ARTICLES)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "sitegen", "serve", "--port", str(port)], cwd=tmp_path,
            capture_output=True, text=True, timeout=TIMEOUT,
        )
    assert result.returncode == 1
    assert f"port {port}" in result.stderr and "already in use" in result.stderr
    assert "Serving on" not in result.stdout


# --- the reload script is added as pages are served ---------------------------------------------


def test_pages_are_served_with_the_reload_script_and_built_without_it(
        tmp_path: Path, serve_site, monkeypatch: pytest.MonkeyPatch) -> None:
    write_files(tmp_path, ARTICLES)
    served = serve_site()
    html_pages = 0
    for path in sorted(_crawl(served, "/")):
        _, body, headers = served.get(path)
        if headers["content-type"].startswith("text/html"):
            html_pages += 1
            assert body.count(LIVE_RELOAD) == 1, path
            assert body.index(LIVE_RELOAD) < body.rindex("</body>"), path
            assert int(served.head(path)["content-length"]) == len(body.encode()), path
        else:
            assert LIVE_RELOAD not in body, path
    assert html_pages >= 5
    status, not_found, headers = served.get("/no-such-page/")
    assert status == 404 and not_found.count(LIVE_RELOAD) == 1
    assert int(headers["content-length"]) == len(not_found.encode())

    # The preview folder is an ordinary build: what `sitegen build` makes of the same input.
    monkeypatch.chdir(tmp_path)
    assert main(["build", "-q"]) == 0

    def files(folder: Path) -> dict[str, bytes]:
        # The marker holds each build's own id, and Pagefind's index differs between any
        # two builds of the same pages (its filter files come out in hash order).
        return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*")
                if p.is_file() and p.name != ".sitegen-build"
                and not p.relative_to(folder).parts[0].startswith("pagefind")}

    built, preview = files(tmp_path / "build"), files(tmp_path / ".sitegen" / "preview")
    assert "articles/first-story/index.html" in built and len(preview) > html_pages
    assert sorted(built) == sorted(preview)
    assert [name for name in built if built[name] != preview[name]] == []
    assert [name for name, data in preview.items() if LIVE_RELOAD.encode() in data] == []

    write_files(tmp_path, {"seeds/second.txt": "Second story\n"})
    error = served.wait_for_page("/", "seeds/second.txt:1:", status=500)
    assert error.count(LIVE_RELOAD) == 1


def test_editor_leftovers_neither_break_the_preview_nor_trigger_a_rebuild(tmp_path: Path,
                                                                          serve_site) -> None:
    write_files(tmp_path, {**ARTICLES, "seeds/first.txt~": "Old story\n\nA backup.",
                           "seeds/#second.txt#": "Unsaved\n\nAn auto-save."})
    served = serve_site()
    status, page, _ = served.get(FIRST)
    assert status == 200 and "the harbour was calm" in page
    write_files(tmp_path, {"seeds/second.txt~": "Older\n\nAnother backup.",
                           "seeds/.second.txt.swp": b"b0VIM 9.0\0",
                           "seeds/#first.txt#": "Unsaved\n\nAnother auto-save."})
    # A real save after the leftovers: its rebuild is the only one, and names it alone.
    write_files(tmp_path, {"seeds/zz-last.txt": "Last story\n\nThe end."})
    served.wait_for_line(r"Rebuilt in .*zz-last\.txt")
    rebuilds = [line for line in served.lines if line.startswith("Rebuilt in")]
    assert len(rebuilds) == 1 and "(seeds/zz-last.txt changed)" in rebuilds[0], served.output()


def test_only_the_command_line_imports_serve() -> None:
    """Build, render, write and deploy know nothing of the live preview."""
    package = REPO / "sitegen"
    importers = []
    for path in package.rglob("*.py"):
        if path.is_relative_to(package / "serve") or path.name == "cli.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            if any(name == "sitegen.serve" or name.startswith("sitegen.serve.") for name in names):
                importers.append(path.relative_to(REPO).as_posix())
    assert importers == []
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, sitegen.build, sitegen.deploy, sitegen.render, "
         "sitegen.write, sitegen.inputs; print(sorted(m for m in sys.modules if m.startswith("
         "('sitegen.serve', 'tornado', 'livereload'))))"],
        capture_output=True, text=True, check=True, timeout=TIMEOUT,
    )
    assert loaded.stdout.strip() == "[]"


# --- the rebuild thread, on a scripted clock ----------------------------------------------------


class ScriptedSite:
    """Stands in for the clock, the inputs and the preview build around the rebuild thread.

    ``saves`` maps a time to the inputs' snapshot from then on; each rebuild takes
    ``build_seconds``, during which more saves may land.
    """

    def __init__(self, root: Path, saves: dict[float, dict[Path, tuple[int, int]]],
                 build_seconds: float = 0.5, end: float = 5.0):
        self.now, self.end, self.build_seconds = 0.0, end, build_seconds
        self.saves = sorted(saves.items())
        self.config = Config(root=root)
        self.rebuilt: list[dict[Path, tuple[int, int]]] = []  # what each rebuild saw
        self.generation = 0
        self.opened: list[int] = []
        self.reloads = 0

    # The stop event: waiting advances the clock; the script ends at ``end``.
    def wait(self, timeout: float) -> bool:
        self.now += timeout
        return self.now >= self.end

    def set(self) -> None:
        self.end = self.now

    # The preview.
    def snapshot(self) -> dict[Path, tuple[int, int]]:
        return next((s for t, s in reversed(self.saves) if t <= self.now), {})

    def rebuild(self) -> SimpleNamespace:
        self.rebuilt.append(self.snapshot())
        self.now += self.build_seconds
        return SimpleNamespace(rendered=1, written=1, unchanged=0, annotated=1)

    def warm_up(self) -> None:
        pass

    def finish_search(self) -> None:
        pass

    # The gate.
    def close(self) -> int:
        self.generation += 1
        return self.generation

    def open(self, generation: int) -> None:
        self.opened.append(generation)

    def run(self) -> None:
        from sitegen.serve.watch import Rebuilder

        rebuilder = Rebuilder(self, self, self.snapshot(), self.reload)  # type: ignore[arg-type]
        rebuilder.stopping = self  # type: ignore[assignment]
        rebuilder.run()

    def reload(self) -> None:
        self.reloads += 1


def _inputs(root: Path, *versions: int) -> dict[Path, tuple[int, int]]:
    return {root / "seeds" / f"{n}.txt": (version, 10) for n, version in enumerate(versions)}


def test_a_burst_of_saves_spread_over_several_polls_gives_one_rebuild(tmp_path: Path) -> None:
    from sitegen.serve.watch import POLL_SECONDS, QUIET_SECONDS

    gap = QUIET_SECONDS * 0.75  # each save comes before the quiet time is over…
    assert gap > POLL_SECONDS  # …but after the last poll saw the one before
    saves = {0.0: _inputs(tmp_path, 1, 1, 1)}
    for step, versions in enumerate([(2, 1, 1), (2, 2, 1), (2, 2, 2), (3, 2, 2)], start=1):
        saves[0.05 + step * gap] = _inputs(tmp_path, *versions)
    site = ScriptedSite(tmp_path, saves)
    site.run()
    assert site.rebuilt == [_inputs(tmp_path, 3, 2, 2)]
    assert site.opened == [1] and site.reloads == 1


def test_a_save_during_a_rebuild_gives_another_one(tmp_path: Path) -> None:
    site = ScriptedSite(tmp_path, {0.0: _inputs(tmp_path, 1), 0.05: _inputs(tmp_path, 2),
                                   0.6: _inputs(tmp_path, 3)}, build_seconds=1.0)
    site.run()
    assert site.rebuilt == [_inputs(tmp_path, 2), _inputs(tmp_path, 3)]
    assert site.opened == [1, 2] and site.reloads == 2


def test_no_save_no_rebuild(tmp_path: Path) -> None:
    site = ScriptedSite(tmp_path, {0.0: _inputs(tmp_path, 1, 1)})
    site.run()
    assert site.rebuilt == [] and site.opened == []

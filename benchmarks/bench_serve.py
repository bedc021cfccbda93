"""Save → shown latency of `sitegen serve` on the 400-article BBC corpus (run by hand).

    .venv/bin/python benchmarks/bench_serve.py [--edits 5] [--cache DIR]

Copies the corpus to a temporary folder (never into the repository: the articles
are BBC copyright), starts `sitegen serve --port 0`, connects to the live-reload
socket the way the browser's livereload.js does, then edits one article several
times. For each save it measures the time until the reload message arrives and
until the page, fetched as the reloading browser fetches it, shows the new text.
The target is under 1.5 s. `--cache DIR` keeps the annotation cache between runs
(the first build annotates all 400 articles, which takes a minute or so).
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus" / "bbc"
TARGET_SECONDS = 1.5
ARTICLE = "business-001.txt"


class Server:
    """The serve subprocess; collects its output lines in a thread."""

    def __init__(self, site: Path):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "sitegen", "serve", "--port", "0", "-v"], cwd=site,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1,
        )
        self.lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def wait_for(self, pattern: str, timeout: float) -> re.Match[str]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in list(self.lines):
                if found := re.search(pattern, line):
                    return found
            if self.process.poll() is not None:
                raise SystemExit("sitegen serve exited:\n" + "\n".join(self.lines))
            time.sleep(0.05)
        raise SystemExit(f"timed out waiting for {pattern!r}:\n" + "\n".join(self.lines[-20:]))

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(30)


def fetch(port: int, path: str) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path)
        return connection.getresponse().read().decode("utf-8", "replace")
    finally:
        connection.close()


async def measure(port: int, article: Path, page: str, edits: int) -> list[tuple[float, float]]:
    """(save → reload message, save → new text served) for each edit, in seconds."""
    from tornado.websocket import websocket_connect

    socket = await websocket_connect(f"ws://127.0.0.1:{port}/livereload")
    await socket.write_message(json.dumps(
        {"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"]}))
    await socket.read_message()
    await socket.write_message(json.dumps({"command": "info", "url": f"http://127.0.0.1:{port}{page}"}))
    original = article.read_text(encoding="utf-8")
    results = []
    for number in range(1, edits + 1):
        marker = f"Benchmark edit number {number} was saved at {time.time():.0f}."
        title, _, body = original.partition("\n\n")
        saved = time.perf_counter()
        article.write_text(f"{title}\n\n{marker}\n\n{body}", encoding="utf-8")
        message = json.loads(await asyncio.wait_for(socket.read_message(), 60) or "{}")
        reloaded = time.perf_counter()
        assert message.get("command") == "reload", message
        while marker not in fetch(port, page):  # the reloading browser's request
            await asyncio.sleep(0.01)
        shown = time.perf_counter()
        results.append((reloaded - saved, shown - saved))
        print(f"edit {number}: reload message after {reloaded - saved:.2f} s, "
              f"new text served after {shown - saved:.2f} s")
        await asyncio.sleep(0.5)  # a writer does not save twice within half a second
    socket.close()
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder of .txt articles")
    parser.add_argument("--edits", type=int, default=5, help="saves to measure (default: 5)")
    parser.add_argument("--cache", type=Path, help="annotation cache folder to reuse between runs")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        raise SystemExit(f"corpus not found: {args.corpus}")
    with tempfile.TemporaryDirectory(prefix="sitegen-bench-serve-") as temporary:
        site = Path(temporary)
        (site / "seeds").mkdir()
        for path in sorted(args.corpus.glob("*.txt")):
            shutil.copy2(path, site / "seeds" / path.name)
        if args.cache:
            (site / "sitegen.toml").write_text(f"cache = {json.dumps(str(args.cache.resolve()))}\n")
        article = site / "seeds" / ARTICLE
        from sitegen.read import read_content

        slug = next(a.slug for a in read_content(site / "seeds").articles if a.source == ARTICLE)
        page = f"/articles/{slug}/index.html"
        started = time.perf_counter()
        server = Server(site)
        try:
            port = int(server.wait_for(r"Serving on http://127\.0\.0\.1:(\d+)/", 900).group(1))
            print(f"{len(list(site.glob('seeds/*.txt')))} articles; first build and start: "
                  f"{time.perf_counter() - started:.1f} s")
            server.wait_for(r"ready for edits", 120)  # spaCy is preloaded after the first build
            results = asyncio.run(measure(port, article, page, args.edits))
        finally:
            server.stop()
    rebuilds = [float(m.group(1)) for line in server.lines if (m := re.match(r"Rebuilt in (\S+) s", line))]
    shown = [s for _, s in results]
    print(f"rebuild time: median {statistics.median(rebuilds):.2f} s, max {max(rebuilds):.2f} s")
    print(f"save → new content served: median {statistics.median(shown):.2f} s, "
          f"max {max(shown):.2f} s (target < {TARGET_SECONDS} s)")
    return 0 if max(shown) < TARGET_SECONDS else 1


if __name__ == "__main__":
    raise SystemExit(main())

"""Live preview: build the site, serve it with livereload, rebuild when an input changes.

``sitegen serve`` makes an ordinary build into a preview folder
(``.sitegen/preview/`` unless ``--output`` is given), so ``build/`` is never
touched, and adds the live-reload script to each HTML page as it serves it:
no file on disk contains the script, and build, render and deploy know nothing
of it. One worker thread polls the inputs, waits until a burst of saves has
settled, rebuilds (the annotation cache and the page fingerprints make that
incremental), and tells the browsers to reload.

Three properties, as in MkDocs' server: one rebuild for a burst of saves; never
a half-built site (the build stages the changed files and moves them in only
when every page is rendered, and page requests wait while a rebuild is
pending); build errors are shown, in the terminal and as an error page, and
the next good save recovers.

Tornado and livereload are imported only once serving starts.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import html
import logging
import mimetypes
import signal
import socket
import threading
import time
import traceback
import webbrowser
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from sitegen.config import Config
from sitegen.errors import ContentError, SitegenError
from sitegen.inputs import input_folders, settings_file, shown_path, stat_snapshot

if TYPE_CHECKING:
    from tornado.ioloop import IOLoop

    from sitegen.build import BuildReport, ProgressFactory

log = logging.getLogger(__name__)

PREVIEW_FOLDER = "preview"  # inside the cache folder (.sitegen/), which is git-ignored
POLL_SECONDS = 0.1  # how often the inputs are checked: 400 stat calls cost ~2 ms
QUIET_SECONDS = 0.2  # a burst of saves (save all, git checkout) settles within this
SEARCH_DELAY_SECONDS = 2.0  # re-index for search once the writer pauses, not between saves
GATE_TIMEOUT = 60.0  # a request waits at most this long for a pending rebuild
STOP_TIMEOUT = 10.0  # on Ctrl-C, how long an unfinished rebuild may take to clean up

# Loads livereload.js from the serving host, whatever address the browser used.
# RELOAD_MARKER is how tests recognise a page that will reload by itself.
RELOAD_MARKER = "/livereload.js?port="
RELOAD_SCRIPT = (
    '<script>/* sitegen serve: live reload */(function(){'
    'var s=document.createElement("script");'
    'var p=location.port||(location.protocol==="https:"?443:80);'
    's.src="//"+location.host+"' + RELOAD_MARKER + '"+p;'
    "document.head.appendChild(s);})();</script>"
)


class ServeError(SitegenError):
    """The preview server cannot start (for example, the port is in use)."""


# --- building ----------------------------------------------------------------------------------

class Preview:
    """The preview build: current settings, the last build error, and how to rebuild."""

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


def describe_error(error: SitegenError) -> str:
    """The error as ``path:line: message`` lines, the way `sitegen build` prints it."""
    if isinstance(error, ContentError):
        return "\n".join(str(problem) for problem in error.problems)
    return str(error)


def _warm_model(model: str) -> None:
    """Load spaCy now, so the first edited article is annotated without a ~1 s model load."""
    started = time.perf_counter()
    try:
        from sitegen.annotate.nlp import load_pipeline

        load_pipeline(model)  # cached for the life of the process
    except Exception as error:  # the next build reports a missing model properly
        log.debug("spaCy model not preloaded: %s", error)
        return
    log.debug("spaCy model loaded in %.2f s; ready for edits", time.perf_counter() - started)


class Gate:
    """Holds page requests while a rebuild is pending, so no one sees a half-built site.

    The rebuild thread bumps ``wanted`` when it sees a change; the event loop
    moves ``visible`` up when that rebuild is done. Requests pass when they are equal.
    """

    def __init__(self, loop: IOLoop):
        self._loop = loop
        self._wanted = 0  # written by the rebuild thread only
        self._visible = 0  # written on the event loop only
        self._waiters: list[asyncio.Future[None]] = []

    def close(self) -> int:
        """A change was seen (rebuild thread); returns the generation to open later."""
        self._wanted += 1
        return self._wanted

    def open(self, generation: int) -> None:
        """The rebuild of ``generation`` is in place (any thread)."""
        self._loop.add_callback(self._release, generation)

    def _release(self, generation: int) -> None:
        self._visible = max(self._visible, generation)
        if self._visible >= self._wanted:
            for waiter in self._waiters:
                if not waiter.done():
                    waiter.set_result(None)
            self._waiters.clear()

    async def wait(self, timeout: float = GATE_TIMEOUT) -> None:
        """Return at once, or when the pending rebuild is done (or after ``timeout``)."""
        if self._visible >= self._wanted:
            return
        waiter = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(waiter, timeout)


class Rebuilder(threading.Thread):
    """Polls the inputs; after a burst of changes settles, rebuilds and reloads the browsers."""

    def __init__(self, preview: Preview, gate: Gate, loop: IOLoop,
                 seen: dict[Path, tuple[int, int]]):
        super().__init__(name="sitegen-rebuild", daemon=True)
        self.preview, self.gate, self.loop, self.seen = preview, gate, loop, seen
        self.stopping = threading.Event()

    def run(self) -> None:
        """Watch until ``stopping`` is set."""
        _warm_model(self.preview.config.model)
        search_due: float | None = None
        while not self.stopping.wait(POLL_SECONDS):
            current = self.preview.snapshot()
            if current == self.seen:
                if search_due is not None and time.monotonic() >= search_due:
                    search_due = None
                    self.preview.finish_search()
                continue
            generation = self.gate.close()
            settled = self._settle(current)
            if settled is None:
                return
            folders = self._folders()
            try:
                self._rebuild(_changes(self.seen, settled, self.preview.config.root))
            except Exception:  # never leave the gate closed and the watching stopped
                log.exception("the rebuild failed unexpectedly")
            # New settings may watch other folders; otherwise keep the pre-build snapshot,
            # so a save made during the build triggers another one.
            self.seen = settled if self._folders() == folders else self.preview.snapshot()
            self.gate.open(generation)
            self.loop.add_callback(_reload_browsers)
            # Search is not what the writer waits for: index when the saves pause.
            search_due = time.monotonic() + SEARCH_DELAY_SECONDS

    def _settle(self, current: dict[Path, tuple[int, int]]) -> dict[Path, tuple[int, int]] | None:
        """Wait until nothing changed for QUIET_SECONDS: a burst of saves gives one rebuild."""
        while not self.stopping.wait(QUIET_SECONDS):
            latest = self.preview.snapshot()
            if latest == current:
                return latest
            current = latest
        return None

    def _folders(self) -> tuple[Any, ...]:
        config = self.preview.config
        return (input_folders(config), config.output, config.cache)

    def _rebuild(self, changed: str) -> None:
        started = time.perf_counter()
        base_path = self.preview.config.base_path
        report = self.preview.rebuild()
        seconds = time.perf_counter() - started
        if self.preview.config.base_path != base_path:
            log.info("base_url changed: the site is now served under %s", self.preview.config.base_path)
        if report is not None:
            log.info("Rebuilt in %.2f s (%s changed): %d pages rendered, %d files written, "
                     "%d unchanged, %d annotated", seconds, changed, report.rendered, report.written,
                     report.unchanged, report.annotated)
        else:
            log.error("Build failed in %.2f s (%s changed); the browser shows the error until "
                      "the next good save", seconds, changed)


def _changes(before: dict[Path, Any], after: dict[Path, Any], root: Path) -> str:
    paths = sorted(path for path in before.keys() | after.keys() if before.get(path) != after.get(path))
    if not paths:
        return "nothing"
    more = f" and {len(paths) - 1} more" if len(paths) > 1 else ""
    return shown_path(paths[0], root) + more


def _reload_browsers() -> None:
    from livereload.handlers import LiveReloadHandler

    LiveReloadHandler.reload_waiters(path="*")  # "*": reload the whole page, whatever changed


# --- HTTP --------------------------------------------------------------------------------------

def _site_handler() -> type:
    from tornado import web

    class SiteHandler(web.RequestHandler):
        """Serves the preview folder under the site's base path, like GitHub Pages would."""

        def initialize(self, preview: Preview, gate: Gate) -> None:
            self.preview, self.gate = preview, gate

        def set_default_headers(self) -> None:
            self.set_header("Cache-Control", "no-store")  # a reload must never show an old page

        def compute_etag(self) -> None:
            return None

        async def get(self, *_: str) -> None:
            await self.gate.wait()
            self._respond(include_body=True)

        async def head(self, *_: str) -> None:
            await self.gate.wait()
            self._respond(include_body=False)

        def _respond(self, include_body: bool) -> None:
            base = self.preview.config.base_path
            path = unquote(self.request.path)
            if not path.startswith(base):
                if base.startswith(path.rstrip("/") + "/"):  # "/" and "/archive" lead home
                    self.redirect(base)
                else:
                    self._send(404, _message_page("Not found", f"This site is served under {base}"),
                               HTML, include_body)
                return
            relative = path[len(base):]
            if self.preview.error is not None and _is_page(relative):
                self._send(500, _error_page(self.preview.error), HTML, include_body)
                return
            root = self.preview.config.output
            target = _inside(root, relative)
            if target is not None and target.is_dir():
                if not path.endswith("/"):
                    query = f"?{self.request.query}" if self.request.query else ""
                    self.redirect(f"{path}/{query}")
                    return
                target = target / "index.html"
            try:
                data = target.read_bytes() if target is not None else None
            except OSError:
                data = None
            if data is not None and target is not None:
                self._send(200, data, _content_type(target.name), include_body)
                return
            not_found = root / "404.html"
            page = not_found.read_bytes() if not_found.is_file() else _message_page(
                "Not found", f"No page at {path}")
            self._send(404, page, HTML, include_body)

        def _send(self, status: int, data: bytes, content_type: str, include_body: bool) -> None:
            if content_type.startswith("text/html"):
                data = with_reload_script(data)
            self.set_status(status)
            self.set_header("Content-Type", content_type)
            self.set_header("Content-Length", str(len(data)))  # of the page with the script
            if include_body:
                self.write(data)
            self.finish()

    return SiteHandler


_BODY_END = b"</body>"


def with_reload_script(page: bytes) -> bytes:
    """``page`` with the live-reload script before its last ``</body>``.

    A page without one (a template that leaves it out) gets the script at the end,
    where browsers still run it.
    """
    end = page.rfind(_BODY_END)
    if end == -1:
        end = len(page)
    return page[:end] + RELOAD_SCRIPT.encode() + page[end:]


def _is_page(relative: str) -> bool:
    return relative == "" or relative.endswith(("/", ".html"))


def _inside(root: Path, relative: str) -> Path | None:
    """``root/relative``, or None when the path would leave ``root``."""
    parts = PurePosixPath(relative).parts
    if any(part in ("..", "/") or "\\" in part or "\0" in part for part in parts):
        return None
    return root.joinpath(*parts)


HTML = "text/html; charset=utf-8"


def _content_type(name: str) -> str:
    kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
    textual = kind.startswith("text/") or kind in ("application/json", "application/javascript",
                                                   "application/xml", "image/svg+xml")
    return f"{kind}; charset=utf-8" if textual else kind


_PAGE_STYLE = ("body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}"
               "pre{background:#fff0f0;border-left:4px solid #c00;padding:1rem;white-space:pre-wrap;"
               "overflow-wrap:anywhere}h1{color:#a00}")


def _message_page(title: str, text: str, body: str = "") -> bytes:
    return (
        f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)} · sitegen serve</title><style>{_PAGE_STYLE}</style></head>"
        f"<body><main><h1>{html.escape(title)}</h1><p>{html.escape(text)}</p>{body}</main>"
        "</body></html>\n"
    ).encode()


def _error_page(error: str) -> bytes:
    return _message_page(
        "The site could not be built",
        "Fix the file named below and save: this page reloads by itself.",
        f"<pre>{html.escape(error)}</pre>",
    )


def _application(preview: Preview, gate: Gate) -> Any:
    from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler
    from tornado import web

    # livereload's websocket handler keeps its settings on the class; reload_waiters()
    # logs watcher.filepath, and sitegen does its own watching.
    LiveReloadHandler.watcher = type("NoWatcher", (), {"filepath": None})()
    LiveReloadHandler.live_css = False
    return web.Application([
        (r"/livereload", LiveReloadHandler),
        (r"/livereload\.js", LiveReloadJSHandler),
        (r"/.*", _site_handler(), {"preview": preview, "gate": gate}),
    ], log_function=_log_request)


def _log_request(handler: Any) -> None:
    # Tornado logs every 404 and 500 as a warning or error; the error page is expected here,
    # and the build error has been printed already.
    request = handler.request
    log.debug("%d %s %s", handler.get_status(), request.method, request.uri)


# --- the command -------------------------------------------------------------------------------

def bind(host: str, port: int) -> list[socket.socket]:
    """Listening sockets on ``host:port`` (port 0: a free one); ServeError names a busy port."""
    from tornado.netutil import bind_sockets

    try:
        return bind_sockets(port, address=host)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise ServeError(
                f"port {port} on {host} is already in use (another 'sitegen serve'?); stop that "
                "server or choose another port with --port (--port 0 picks a free one)"
            ) from None
        raise ServeError(f"cannot listen on {host}:{port}: {error.strerror or error}") from None


def serve(
    load_config: Callable[[], Config],
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    output: Path | None = None,
    open_browser: bool = False,
    progress: ProgressFactory | None = None,
) -> None:
    """Build, then serve the site with live reload until Ctrl-C (or SIGTERM).

    ``load_config`` is called again before every rebuild, because sitegen.toml is
    watched too. Raises ``ConfigError`` when the settings are unreadable at start,
    ``ServeError`` when the port cannot be used. Build errors do not stop serving.
    """
    preview = Preview(load_config, output=output)
    sockets = bind(host, port)
    try:
        seen = preview.snapshot()  # before the build: a save during it triggers a rebuild
        report = preview.rebuild(progress)
        preview.finish_search()
        if report is not None:
            log.info("Built %d articles in %.2f s (%d annotated, %d from cache)",
                     report.articles, report.seconds, report.annotated, report.cached)
        shown_host = f"[{host}]" if ":" in host else host
        real_port = sockets[0].getsockname()[1]
        url = f"http://{shown_host}:{real_port}{preview.config.base_path}"
        asyncio.run(_serve_forever(preview, sockets, seen, url, open_browser))
    except KeyboardInterrupt:
        pass  # Ctrl-C is how one stops serving: not an error
    finally:
        for sock in sockets:
            sock.close()
    log.info("Stopped.")


async def _serve_forever(preview: Preview, sockets: list[socket.socket],
                         seen: dict[Path, tuple[int, int]], url: str, open_browser: bool) -> None:
    from tornado.httpserver import HTTPServer
    from tornado.ioloop import IOLoop

    gate = Gate(IOLoop.current())
    server = HTTPServer(_application(preview, gate))
    server.add_sockets(sockets)
    stop = asyncio.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        # Also for SIGINT: a shell starts background jobs with SIGINT ignored, and Python
        # then never raises KeyboardInterrupt. Off the main thread, signals cannot be caught.
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            asyncio.get_running_loop().add_signal_handler(signum, stop.set)
    rebuilder = Rebuilder(preview, gate, IOLoop.current(), seen)
    rebuilder.start()
    print(f"Serving on {url}", flush=True)
    log.info("Watching %s; press Ctrl-C to stop", _watched(preview.config))
    if open_browser:
        threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()
    try:
        await stop.wait()
    finally:
        rebuilder.stopping.set()
        server.stop()
        # A rebuild in progress finishes (or discards its staging folder) before we exit.
        rebuilder.join(STOP_TIMEOUT)


def _watched(config: Config) -> str:
    """The site's own input folders and settings file, for the start-up line."""
    folders = [f"{shown_path(f, config.root)}/" if f.is_dir() else ""
               for f in dict.fromkeys((config.content, config.templates, config.static))]
    shown = [*filter(None, folders), shown_path(settings_file(config), config.root)]
    return ", ".join(shown) + " and the default theme"

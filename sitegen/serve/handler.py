"""HTTP: the preview folder under the site's base path, with the live-reload script added.

Every HTML response gets the script (site pages, the site's 404 page, and the
server's own not-found and error pages); other files are sent as they are.
Imported only once serving starts: this is where Tornado and livereload load.
"""

from __future__ import annotations

import logging
import mimetypes
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote

from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler
from tornado import web

from sitegen.serve.gate import Gate
from sitegen.serve.pages import error_page, message_page, with_reload_script
from sitegen.serve.preview import Preview

log = logging.getLogger(__name__)

HTML = "text/html; charset=utf-8"


def application(preview: Preview, gate: Gate) -> Any:
    """The Tornado application: livereload's socket and script, then the site."""
    # livereload's websocket handler keeps its settings on the class; reload_waiters()
    # logs watcher.filepath, and sitegen does its own watching.
    LiveReloadHandler.watcher = type("NoWatcher", (), {"filepath": None})()
    LiveReloadHandler.live_css = False
    return web.Application([
        (r"/livereload", LiveReloadHandler),
        (r"/livereload\.js", LiveReloadJSHandler),
        (r"/.*", SiteHandler, {"preview": preview, "gate": gate}),
    ], log_function=_log_request)


def reload_browsers() -> None:
    """Tell every connected page to reload (on the event loop)."""
    LiveReloadHandler.reload_waiters(path="*")  # "*": reload the whole page, whatever changed


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
                self._send(404, message_page("Not found", f"This site is served under {base}"),
                           HTML, include_body)
            return
        relative = path[len(base):]
        if self.preview.error is not None and _is_page(relative):
            self._send(500, error_page(self.preview.error), HTML, include_body)
            return
        root = self.preview.config.output
        target = _inside(root, relative)
        if target is not None and _is_folder(target):
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
            self._send(200, data, content_type(target.name), include_body)
            return
        not_found = root / "404.html"
        page = not_found.read_bytes() if not_found.is_file() else message_page(
            "Not found", f"No page at {path}")
        self._send(404, page, HTML, include_body)

    def _send(self, status: int, data: bytes, kind: str, include_body: bool) -> None:
        if kind.startswith("text/html"):
            data = with_reload_script(data)
        self.set_status(status)
        self.set_header("Content-Type", kind)
        self.set_header("Content-Length", str(len(data)))  # of the page with the script
        if include_body:
            self.write(data)
        self.finish()


def _is_folder(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # a path too long for the system, say: nothing is there
        return False


def _is_page(relative: str) -> bool:
    return relative == "" or relative.endswith(("/", ".html"))


def _inside(root: Path, relative: str) -> Path | None:
    """``root/relative``, or None when the path would leave ``root``."""
    parts = PurePosixPath(relative).parts
    if any(part in ("..", "/") or "\\" in part or "\0" in part for part in parts):
        return None
    # No file has a longer name (NAME_MAX): the system would answer OSError, a 500 with a
    # traceback, where there is only nothing to find.
    if any(len(part.encode("utf-8", "surrogateescape")) > 255 for part in parts):
        return None
    return root.joinpath(*parts)


def content_type(name: str) -> str:
    """The Content-Type of a file called ``name``; text is UTF-8, as sitegen writes it."""
    kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
    textual = kind.startswith("text/") or kind in ("application/json", "application/javascript",
                                                   "application/xml", "image/svg+xml")
    return f"{kind}; charset=utf-8" if textual else kind


def _log_request(handler: Any) -> None:
    # Tornado logs every 404 and 500 as a warning or error; the error page is expected here,
    # and the build error has been printed already.
    request = handler.request
    log.debug("%d %s %s", handler.get_status(), request.method, request.uri)

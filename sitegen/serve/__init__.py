"""Live preview: build the site, serve it with livereload, rebuild when an input changes.

``sitegen serve`` makes an ordinary build into a preview folder
(``.sitegen/preview/`` unless ``--output`` is given), so ``build/`` is never
touched, and adds the live-reload script to each HTML page as it serves it:
no file on disk contains the script, and nothing outside this package knows
of it. One worker thread polls the inputs (``sitegen.inputs``), waits until a
burst of saves has settled, rebuilds (the annotation cache and the page
fingerprints make that incremental), and tells the browsers to reload.

Three properties, as in MkDocs' server: one rebuild for a burst of saves; never
a half-built site (the build stages the changed files and moves them in only
when every page is rendered, and page requests wait while a rebuild is
pending); build errors are shown, in the terminal and as an error page, and
the next good save recovers.

- ``preview``: the preview build and its last error
- ``watch``: the rebuild thread
- ``gate``: holds requests while a rebuild is pending
- ``handler``: HTTP, adding the script to HTML responses
- ``pages``: the script and the server's own pages

Tornado and livereload are imported only once serving starts.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import logging
import signal
import socket
import threading
import webbrowser
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from sitegen.config import Config
from sitegen.errors import SitegenError
from sitegen.inputs import settings_file, shown_path
from sitegen.serve.gate import Gate
from sitegen.serve.preview import Preview
from sitegen.serve.watch import Rebuilder, Snapshot

if TYPE_CHECKING:
    from sitegen.build import ProgressFactory

log = logging.getLogger(__name__)

STOP_TIMEOUT = 10.0  # on Ctrl-C, how long an unfinished rebuild may take to clean up


class ServeError(SitegenError):
    """The preview server cannot start (for example, the port is in use)."""


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


async def _serve_forever(preview: Preview, sockets: list[socket.socket], seen: Snapshot, url: str,
                         open_browser: bool) -> None:
    from tornado.httpserver import HTTPServer
    from tornado.ioloop import IOLoop

    from sitegen.serve.handler import application, reload_browsers

    loop = IOLoop.current()
    gate = Gate(loop)
    server = HTTPServer(application(preview, gate))
    server.add_sockets(sockets)
    stop = asyncio.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        # Also for SIGINT: a shell starts background jobs with SIGINT ignored, and Python
        # then never raises KeyboardInterrupt. Off the main thread, signals cannot be caught.
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            asyncio.get_running_loop().add_signal_handler(signum, stop.set)
    rebuilder = Rebuilder(preview, gate, seen, lambda: loop.add_callback(reload_browsers))
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
        # A rebuild in progress finishes (or discards its staged files) before we exit.
        rebuilder.join(STOP_TIMEOUT)


def _watched(config: Config) -> str:
    """The site's own input folders and settings file, for the start-up line."""
    folders = [f"{shown_path(f, config.root)}/" if f.is_dir() else ""
               for f in dict.fromkeys((config.content, config.templates, config.static))]
    shown = [*filter(None, folders), shown_path(settings_file(config), config.root)]
    return ", ".join(shown) + " and the default theme"


__all__ = ["ServeError", "bind", "serve"]

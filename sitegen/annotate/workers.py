"""Annotation worker processes and Ctrl-C."""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def quiet_workers_on_interrupt() -> Iterator[None]:
    """Ctrl-C ends spaCy's annotation worker processes without a traceback from each.

    Ctrl-C sends SIGINT to every process of the terminal's foreground group, the forked
    workers too, which inherit this handler: in a worker it exits quietly (code 0, so spaCy
    warns of nothing); the main process raises ``KeyboardInterrupt`` as usual, and spaCy's
    clean-up joins the workers. Handlers can only be set from the main thread (``sitegen
    serve`` may build from another one), and a handler someone else set is left alone.
    """
    main_pid = os.getpid()
    if (threading.current_thread() is not threading.main_thread()
            or signal.getsignal(signal.SIGINT) is not signal.default_int_handler):
        yield
        return

    def on_interrupt(signum: int, frame: object) -> None:
        if os.getpid() != main_pid:
            raise SystemExit(0)
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, on_interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)

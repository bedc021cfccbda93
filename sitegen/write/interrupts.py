"""Ctrl-C and SIGTERM while the output changes: held off until it is whole again."""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

HELD_OFF = (signal.SIGINT, signal.SIGTERM)


@contextmanager
def interrupts_deferred() -> Iterator[Callable[[], int | None]]:
    """Hold Ctrl-C (SIGINT) and SIGTERM off for the block; yields what tells, afterwards, the
    first signal that came (None when none did).

    Nothing is raised for it: the caller says what happened, since by then the new site is
    in place. From a thread other than the main one signals cannot be caught, and nothing
    is held off (``sitegen serve`` builds there; its Ctrl-C stops the server, not a build).
    """
    received: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield lambda: None
        return
    previous = {signum: signal.signal(signum, lambda signum, frame: received.append(signum))
                for signum in HELD_OFF}
    try:
        yield lambda: received[0] if received else None
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)

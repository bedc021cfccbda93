"""Ctrl-C and SIGTERM while the output changes: held off until it is whole again.

A build holds them off from the moment it starts putting the new site in place. The
command line keeps them held off after that, until it has printed what happened: a
Ctrl-C that came after the site was put in place, but before the summary, must not
end the program saying "the output folder is unchanged" (it was changed), nor cut
the summary short. Holding means a Python handler that only notes the signal, not a
blocked signal mask, since the kernel delivers a process's signal to any thread that
has it unblocked (spaCy's and Pagefind's helper threads among them).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

HELD_OFF = (signal.SIGINT, signal.SIGTERM)


class _Hold:
    """The one hold of this process: the handlers it replaced and the signals it noted."""

    def __init__(self) -> None:
        self.previous: dict[int, Any] | None = None  # None: not holding
        self.received: list[int] = []
        self.keepers = 0  # enclosing ``interrupts_kept`` blocks

    def note(self, signum: int, frame: object) -> None:
        self.received.append(signum)

    def first(self) -> int | None:
        return self.received[0] if self.received else None

    def release(self) -> None:
        for signum, handler in (self.previous or {}).items():
            signal.signal(signum, handler)
        self.previous = None


_hold = _Hold()


def _in_main_thread() -> bool:
    # Only the main thread can set signal handlers; ``sitegen serve`` builds in another one,
    # where Ctrl-C stops the server, not a build: nothing is held off there.
    return threading.current_thread() is threading.main_thread()


@contextmanager
def interrupts_deferred() -> Iterator[Callable[[], int | None]]:
    """Hold Ctrl-C (SIGINT) and SIGTERM off for the block; yields what tells, afterwards, the
    first signal that came (None when none did).

    Nothing is raised for it: the caller says what happened, since by then the new site is
    in place. Inside an ``interrupts_kept`` block the hold lasts until that block ends.
    """
    if not _in_main_thread():
        yield lambda: None
        return
    started = _hold.previous is None
    if started:
        _hold.received.clear()
        _hold.previous = {signum: signal.signal(signum, _hold.note) for signum in HELD_OFF}
    try:
        yield _hold.first
    finally:
        if started and not _hold.keepers:
            _hold.release()


@contextmanager
def interrupts_kept() -> Iterator[Callable[[], int | None]]:
    """Once an ``interrupts_deferred`` block in this one has held signals off, keep them held
    to the end of this block; yields what tells the first signal that came while held.

    Before that, a Ctrl-C interrupts as usual (``KeyboardInterrupt``): nothing was changed yet.
    """
    if not _in_main_thread():
        yield lambda: None
        return
    _hold.keepers += 1
    _hold.received.clear()
    try:
        yield _hold.first
    finally:
        _hold.keepers -= 1
        if not _hold.keepers and _hold.previous is not None:
            _hold.release()

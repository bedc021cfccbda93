"""Page requests wait while a rebuild is pending, so no one sees a half-built site."""

from __future__ import annotations

import asyncio
import contextlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tornado.ioloop import IOLoop

GATE_TIMEOUT = 60.0  # a request waits at most this long for a pending rebuild


class Gate:
    """Holds page requests while a rebuild is pending.

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

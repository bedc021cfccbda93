"""Keep Python's cycle collector off the objects a build holds until it ends."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def long_lived() -> Iterator[Callable[[], None]]:
    """Set aside everything alive now from the cycle collector until the block ends.

    Building the archive model and its pages allocates millions of objects, and every
    full collection walks everything alive: the annotations, and in the live preview the
    loaded spaCy model too (about a third of a rebuild there, measured: save → shown 1.42
    → 0.99 s). None of it holds reference cycles the build makes garbage of, so
    ``gc.freeze()`` sets it aside; ``gc.unfreeze()`` hands it all back at the end. The
    block receives ``set_aside``: call it once more long-lived objects exist (the archive
    model, once built).
    """
    gc.freeze()
    try:
        yield gc.freeze
    finally:
        gc.unfreeze()


@contextmanager
def collection_paused() -> Iterator[None]:
    """Run the block without automatic cycle collections.

    For blocks that build many long-lived objects and almost no cyclic garbage: each full
    collection walks everything built so far, and there are more of them as the heap grows.
    Measured at 10,000 articles: decoding the cached annotations 0.85 → 0.43 ms an article,
    the archive model 34.5 → 26.0 CPU s, with fewer than 500 cyclic objects left for the
    next collection to take.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()

"""One build of an output folder at a time, and the leftovers of builds that were killed.

The lock is a POSIX record lock (``fcntl.lockf``) on a file in the cache folder, named
like the output's manifest. The kernel drops it when its process ends however it ends,
so a lock left by a killed build is simply taken: there is nothing stale to detect. A
record lock, unlike ``flock`` (which the ``filelock`` package uses), is not inherited by
forked processes, so spaCy's annotation workers, orphaned by a killed build, cannot hold
it. The file holds the pid of the build that has it, for the message of the one waiting.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from sitegen.errors import OutputError
from sitegen.write.manifest import manifest_path

log = logging.getLogger("sitegen")


@contextmanager
def build_lock(cache: Path, output: Path, *, wait: bool = True) -> Iterator[None]:
    """Hold the lock of ``output`` for the block: wait for another build that has it (saying
    so), or with ``wait=False`` raise ``OutputError``. Then clean that output's leftovers."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not a POSIX system: no lock
        yield
        return
    path = manifest_path(cache, output).with_suffix(".lock")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as error:
        raise OutputError(f"cannot make the build lock {path}: {error.strerror}; check the "
                          "permissions of the cache folder or set 'cache' in sitegen.toml") from None
    try:
        try:
            fcntl.lockf(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            holder = os.pread(descriptor, 32, 0).decode(errors="replace").strip() or "unknown"
            if not wait:
                raise OutputError(f"another build of this site is running (pid {holder}) into "
                                  f"{output}; wait for it to end, or build without --no-wait "
                                  "to wait for it") from None
            log.warning("another build of this site is running (pid %s); waiting…", holder)
            fcntl.lockf(descriptor, fcntl.LOCK_EX)
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, f"{os.getpid()}\n".encode(), 0)
        clean_leftovers(output, cache)
        yield
    finally:
        os.close(descriptor)  # releases the lock


def leftover_folders(output: Path) -> list[Path]:
    """The staging and search-indexing folders builds of ``output`` make beside it."""
    prefixes = (f".{output.name}.staging-", f".{output.name}.pagefind-")
    try:
        return sorted(entry for entry in output.parent.iterdir()
                      if entry.name.startswith(prefixes) and entry.is_dir())
    except OSError:
        return []


def clean_leftovers(output: Path, cache: Path) -> None:
    """Remove what builds of ``output`` killed before they could clean up left beside it, and
    their half-written manifests (only called with the lock held: no running build owns them)."""
    for folder in leftover_folders(output):
        with suppress(OSError):
            shutil.rmtree(folder)
    manifest = manifest_path(cache, output)
    for temporary in manifest.parent.glob(f"{manifest.stem}.tmp-*"):
        with suppress(OSError):
            temporary.unlink()

"""Stage the files that changed, then move them into the output folder at once.

Nothing in the output folder is touched until every page has been rendered: a
failed build leaves the previous output as it was. Then each changed file is
moved into place with an atomic rename, files no longer produced are removed,
and Ctrl-C waits until that short step is done. Unchanged files are not written
at all, so their modification times stay and a browser or a sync tool sees only real changes.

Why not build a whole new folder and swap it in: on this kind of disk, creating
and deleting the thousands of folders of a 400-article archive costs seconds
(deleting the previous tree took 9 s), far more than the build itself.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from sitegen.errors import OutputError
from sitegen.inputs import walk

MARKER = ".sitegen-build"
INCOMPLETE = "incomplete"


def check_output_folder(output: Path, protected: list[Path]) -> None:
    """Refuse an output folder whose replacement would destroy something else."""
    output = output.resolve()
    for folder in protected:
        folder = folder.resolve()
        if output == folder or output in folder.parents:
            raise OutputError(
                f"output folder {output} contains {folder}; building would delete it. "
                "Choose another --output (the default is build/)"
            )
    if output.exists() and not output.is_dir():
        raise OutputError(f"output path {output} is a file, not a folder; remove it or "
                          "choose another --output")
    file = next((p for p in output.parents if p.exists() and not p.is_dir()), None)
    if file is not None:  # mkdir would only say "File exists" or "Not a directory"
        raise OutputError(f"output folder {output} cannot be made: {file} is a file, not a "
                          "folder; choose another --output")
    try:
        foreign = output.is_dir() and any(output.iterdir()) and not (output / MARKER).exists()
    except OSError as error:
        raise OutputError(f"cannot read the output folder {output}: {error.strerror}; check its "
                          "permissions or choose another --output") from None
    if foreign:
        raise OutputError(
            f"output folder {output} is not empty and was not made by sitegen; "
            "empty it or choose another --output"
        )


class StagedOutput:
    """Changed files wait in a staging folder beside the output until ``commit()``."""

    def __init__(self, output: Path, previous_files: set[str] | None = None):
        """``previous_files``: every file the previous build left, when its manifest says so
        (then they are not looked up one by one, nor the tree walked to find leftovers)."""
        self.output = output.resolve()
        self.written = 0
        self.unchanged = 0
        self.build_id = secrets.token_hex(8)
        self.previous_id = read_build_id(self.output)
        self.previous_files = previous_files
        self._produced: set[str] = set()
        self._changed: dict[str, None] = {}  # an ordered set: moved in in the order staged
        try:
            self.output.parent.mkdir(parents=True, exist_ok=True)
            self.staging = _new_folder(self.output.parent, f".{self.output.name}.staging-")
        except OSError as error:
            raise OutputError(
                f"cannot write next to the output folder {self.output}: {error.strerror}; "
                "check its permissions or choose another --output"
            ) from None

    def _claim(self, path: str) -> None:
        if path in self._produced:
            raise OutputError(f"two pages would both be written to {path}; "
                              "give one of the articles another slug")
        if path.startswith("/") or ".." in Path(path).parts or path == MARKER:
            raise OutputError(f"refusing to write outside the output folder: {path}")
        self._produced.add(path)

    def keep(self, path: str) -> bool:
        """Keep the previous build's file at ``path`` as it is, if there is one."""
        if self.previous_id is None:
            return False
        if self.previous_files is not None:
            if path not in self.previous_files:
                return False
        elif not os.path.isfile(os.path.join(self.output, path)):
            return False
        self._claim(path)
        self.unchanged += 1
        return True

    @property
    def produced(self) -> set[str]:
        """Every file this build produced (written or kept)."""
        return set(self._produced)

    @property
    def changed(self) -> set[str]:
        """The files whose bytes this build changed (staged until ``commit()``)."""
        return set(self._changed)

    def current(self, path: str) -> Path:
        """Where the file this build has for ``path`` is now: staged, or kept in the output."""
        return self.staging / path if path in self._changed else self.output / path

    def keep_tree(self, prefix: str) -> None:
        """Keep every file the previous build has under ``prefix``."""
        for folder, _, files in os.walk(self.output / prefix):
            for name in files:
                self._produced.add((Path(folder) / name).relative_to(self.output).as_posix())

    def write(self, path: str, data: str | bytes) -> None:
        """Stage one output file, unless the previous build has the same bytes there."""
        self._claim(path)
        content = data.encode("utf-8") if isinstance(data, str) else data
        if _same_bytes(self.output / path, content):
            self.unchanged += 1
            return
        target = self.staging / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        self._changed[path] = None
        self.written += 1

    def copy_tree(self, source: Path, prefix: str) -> None:
        """Stage every input file of ``source`` under ``prefix`` (hidden files and editor
        leftovers are not inputs: ``sitegen.inputs``)."""
        if not source.is_dir():
            return
        for file in walk(source):
            path = f"{prefix}/{file.relative_to(source).as_posix()}"
            if path in self._produced:  # a site's own file overrides the theme's
                self._produced.discard(path)
                if path in self._changed:
                    del self._changed[path]
                    self.written -= 1
            self.write(path, file.read_bytes())

    def commit(self) -> None:
        """Move the changed files into the output folder and remove the ones not produced."""
        with _interrupts_deferred():
            if self._first_build():
                # Nothing to keep: the staged folder becomes the output with one rename.
                _write_marker(self.staging, self.build_id)
                with suppress(FileNotFoundError):
                    self.output.rmdir()  # an empty folder made beforehand
                os.rename(self.staging, self.output)
                return
            self.output.mkdir(parents=True, exist_ok=True)
            _write_marker(self.output, INCOMPLETE)
            for path in self._changed:
                target = self.output / path
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(self.staging / path, target)
            if self.previous_files is not None:
                for path in self.previous_files - self._produced:
                    _remove_file(self.output, path)
            else:
                _remove_unproduced(self.output, self._produced)
            _write_marker(self.output, self.build_id)
        shutil.rmtree(self.staging, ignore_errors=True)

    def _first_build(self) -> bool:
        return self.previous_id is None and (
            not self.output.exists() or (self.output.is_dir() and not any(self.output.iterdir()))
        )

    def discard(self) -> None:
        """Throw the staged files away; the output folder is untouched."""
        shutil.rmtree(self.staging, ignore_errors=True)


def read_build_id(output: Path) -> str | None:
    """The id of the complete sitegen build in ``output`` (None if none, or unfinished)."""
    try:
        value = (output / MARKER).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return value if value and value != INCOMPLETE and " " not in value else None


def _write_marker(output: Path, value: str) -> None:
    (output / MARKER).write_text(value + "\n", encoding="utf-8")


def _remove_file(output: Path, path: str) -> None:
    """Remove one file, then its folders as far up as they are left empty."""
    with suppress(FileNotFoundError):
        (output / path).unlink()
    folder = (output / path).parent
    while folder != output:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


def _remove_unproduced(output: Path, produced: set[str]) -> None:
    for folder, folders, files in os.walk(output, topdown=False):
        base = Path(folder)
        for name in files:
            path = (base / name).relative_to(output).as_posix()
            if path != MARKER and path not in produced:
                (base / name).unlink()
        for name in folders:
            with suppress(OSError):
                (base / name).rmdir()  # only succeeds when empty


@contextmanager
def _interrupts_deferred() -> Iterator[None]:
    """Ctrl-C during the short commit waits for it to finish, so the output stays whole."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: received.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if received:
        raise KeyboardInterrupt


def _new_folder(parent: Path, prefix: str) -> Path:
    """A new folder with a unique name, made with the user's umask.

    Not ``tempfile.mkdtemp``: its folder is private (0700) and becomes the site's top
    folder, which a web server running as another user then cannot read.
    """
    while True:
        folder = parent / f"{prefix}{secrets.token_hex(4)}"
        try:
            folder.mkdir()
            return folder
        except FileExistsError:
            continue


def sync_folder(source: Path, target: Path) -> None:
    """Make ``target`` hold exactly ``source``'s files, rewriting only those that differ."""
    wanted: set[str] = set()
    for folder, _, files in os.walk(source):
        for name in files:
            relative = (Path(folder) / name).relative_to(source)
            wanted.add(relative.as_posix())
            destination = target / relative
            content = (Path(folder) / name).read_bytes()
            if not _same_bytes(destination, content):
                destination.parent.mkdir(parents=True, exist_ok=True)
                os.replace(Path(folder) / name, destination)
    if target.is_dir():
        _remove_unproduced(target, wanted)


def _same_bytes(path: Path, content: bytes) -> bool:
    try:
        return path.stat().st_size == len(content) and path.read_bytes() == content
    except OSError:
        return False

"""Stage the files that changed, then move them into the output folder at once.

Nothing in the output folder is touched until every page has been rendered: a
failed build leaves the previous output as it was. Then each changed file is
moved into place with an atomic rename, files no longer produced are removed,
and Ctrl-C waits until that short step is done. Unchanged files are not written
at all, so their modification times stay and a browser or a sync tool sees only real changes.

Only files sitegen's record says it wrote are ever removed. ``.git``, ``CNAME``,
``.nojekyll`` and the ``keep_files`` patterns are never touched; any other file the
build does not make is left alone when the record shows sitegen did not write it, and
when there is no record (``.sitegen/`` removed, another ``cache``) the build refuses,
naming it, rather than guess (git and rsync keep what they do not know; Hugo cleans
the destination only when asked).

Why not build a whole new folder and swap it in: on this kind of disk, creating
and deleting the thousands of folders of a 400-article archive costs seconds
(deleting the previous tree took 9 s), far more than the build itself.
"""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Collection, Iterator
from contextlib import suppress
from fnmatch import fnmatchcase
from pathlib import Path

from sitegen.errors import OutputError
from sitegen.inputs import walk

MARKER = ".sitegen-build"
INCOMPLETE = "incomplete"
# What publishing keeps in an output folder: a repository (a gh-pages worktree), the custom
# domain, the file that turns Jekyll off. Never removed, never counted as foreign.
PROTECTED = (".git", "CNAME", ".nojekyll")


def is_protected(path: str, keep_files: Collection[str] = ()) -> bool:
    """Whether an output path is one no build removes: ``PROTECTED`` or a ``keep_files`` match.

    A pattern matches the path itself, a folder holding it, or as a glob (``*.pdf``,
    ``downloads/*``), as Jekyll's ``keep_files`` does with its folders.
    """
    for pattern in (*PROTECTED, *keep_files):
        pattern = pattern.strip("/")
        if path == pattern or path.startswith(pattern + "/") or fnmatchcase(path, pattern):
            return True
    return False


def check_output_folder(output: Path, protected: list[Path], keep_files: Collection[str] = ()) -> None:
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
        foreign = (output.is_dir() and not (output / MARKER).exists()
                   and any(not is_protected(entry.name, keep_files) for entry in output.iterdir()))
    except OSError as error:
        raise OutputError(f"cannot read the output folder {output}: {error.strerror}; check its "
                          "permissions or choose another --output") from None
    if foreign:
        raise OutputError(
            f"output folder {output} is not empty and was not made by sitegen; "
            "empty it or choose another --output"
        )


def check_generated_folders(output: Path, cache: Path, inputs: dict[str, Path]) -> None:
    """Refuse an output or cache folder inside an input folder (``inputs``: what each is called).

    Inside the content folder, every build after the first would read the last one's pages
    as articles; inside ``static/`` the site would copy itself and grow at every build.
    """
    for kind, folder, option in (("output", output, "--output"), ("cache", cache, "'cache' in sitegen.toml")):
        generated = folder.resolve()
        for name, inside in inputs.items():
            inside = inside.resolve()
            if generated.is_relative_to(inside):
                raise OutputError(f"the {kind} folder {generated} is inside the {name} {inside}, so each "
                                  f"build would read the last one's files as its input; choose one outside "
                                  f"it with {option}")


class StagedOutput:
    """Changed files wait in a staging folder beside the output until ``commit()``."""

    def __init__(self, output: Path, previous_files: Collection[str] | None = None,
                 intact: Collection[str] = (), keep_files: Collection[str] = ()):
        """``previous_files``: every file sitegen's record says it put in the output (None: no
        record); ``intact``: those still as the record has them, which ``keep`` may keep;
        ``keep_files``: patterns of files no build removes (``is_protected``)."""
        self.output = output.resolve()
        self.written = 0
        self.unchanged = 0
        self.build_id = secrets.token_hex(8)
        self.previous_id = read_build_id(self.output)
        self.previous_files = set(previous_files) if previous_files is not None else None
        self.intact = frozenset(intact)
        self.keep_files = tuple(keep_files)
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
        """Keep the previous build's file at ``path`` as it is, if it is there as recorded."""
        if path not in self.intact:
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

    def copy_tree(self, source: Path, prefix: str) -> list[Path]:
        """Stage every input file of ``source`` under ``prefix`` (hidden files and editor
        leftovers are not inputs: ``sitegen.inputs``); returns the symbolic links left out."""
        skipped: list[Path] = []
        if not source.is_dir():
            return skipped
        for file in walk(source, skipped=skipped):
            path = f"{prefix}/{file.relative_to(source).as_posix()}"
            if path in self._produced:  # a site's own file overrides the theme's
                self._produced.discard(path)
                if path in self._changed:
                    del self._changed[path]
                    self.written -= 1
            self.write(path, file.read_bytes())
        return skipped

    def commit(self) -> None:
        """Move the changed files into the output folder and remove the ones not produced.

        Raises ``OutputError``, with nothing moved, when the output holds files this build
        does not make and there is no record of sitegen writing them. Ctrl-C is not held
        off here: the build defers it around the commit and what follows it.
        """
        if self._first_build():
            # Nothing to keep: the staged folder becomes the output with one rename.
            _write_marker(self.staging, self.build_id)
            with suppress(FileNotFoundError):
                self.output.rmdir()  # an empty folder made beforehand
            os.rename(self.staging, self.output)
            return
        removed = self._removals()
        self.output.mkdir(parents=True, exist_ok=True)
        _write_marker(self.output, INCOMPLETE)
        for path in self._changed:
            target = self.output / path
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(self.staging / path, target)
        for path in removed:
            _remove_file(self.output, path)
        _write_marker(self.output, self.build_id)
        shutil.rmtree(self.staging, ignore_errors=True)

    def _removals(self) -> list[str]:
        """The files the commit removes: those sitegen's record has and this build does not make.

        Without a record, a file this build does not make may be anyone's: refuse.
        """
        if self.previous_files is not None:
            return sorted(path for path in self.previous_files - self._produced
                          if not is_protected(path, self.keep_files))
        unknown = [path for path in _files_in(self.output) if path not in self._produced
                   and path != MARKER and not is_protected(path, self.keep_files)]
        if unknown:
            more = f" and {len(unknown) - 1} other file(s)" if len(unknown) > 1 else ""
            raise OutputError(
                f"{self.output / unknown[0]}{more} in the output folder are not made by this build, "
                "and sitegen has no record of writing them (its record in the cache folder is "
                "gone), so it will not delete them; nothing was changed. Move them out, list "
                "them in 'keep_files' in sitegen.toml, or delete them, then build again")
        return []

    def _first_build(self) -> bool:
        return self.previous_id is None and (
            not self.output.exists() or (self.output.is_dir() and not any(self.output.iterdir()))
        )

    def discard(self) -> None:
        """Throw the staged files away; the output folder is untouched."""
        shutil.rmtree(self.staging, ignore_errors=True)


def read_build_id(output: Path) -> str | None:
    """The id of the complete sitegen build in ``output`` (None if none, or unfinished)."""
    value = read_marker(output)
    return value if value != INCOMPLETE else None


def read_marker(output: Path) -> str | None:
    """The output's marker: a build id, ``INCOMPLETE`` during a commit, or None (no marker)."""
    try:
        value = (output / MARKER).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return value if value and " " not in value else None


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


def _files_in(output: Path) -> Iterator[str]:
    """Every file under ``output`` as an output path, a ``.git`` folder's aside."""
    for folder, folders, files in os.walk(output):
        folders[:] = [name for name in folders if name not in PROTECTED]
        for name in files:
            yield (Path(folder) / name).relative_to(output).as_posix()


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

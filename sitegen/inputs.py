"""The inputs of a build: every file it reads, found by one rule.

A build reads the articles, the site's templates and static files with the
default theme's behind them, and the settings file. What ``sitegen build``
hashes to stop early, what ``sitegen serve`` polls for changes and what
``sitegen deploy`` checks for staleness are three views of this one list, so
they cannot disagree on what counts.

One skip rule: hidden files and folders, editor leftovers (``a.txt~``,
``.a.txt.swp``, ``#a.txt#``) and the output and cache folders are not inputs.
The reader finds articles with the same rule, so a backup an editor leaves in
the content folder is neither an article nor a change.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Collection, Iterable, Iterator
from pathlib import Path

from sitegen.config import CONFIG_NAME, THEME_DIR, Config

_EDITOR_PREFIXES = (".", "#")  # hidden files; Emacs' auto-saves (#a.txt#)
_EDITOR_SUFFIXES = ("~", ".swp", ".swx", ".tmp")  # backups, Vim swap files, atomic-save temps


def is_skipped(name: str) -> bool:
    """Whether a file or folder called ``name`` is hidden or an editor's leftover."""
    return name.startswith(_EDITOR_PREFIXES) or name.endswith(_EDITOR_SUFFIXES)


def walk(root: Path, skip: Collection[Path] = (), skipped: list[Path] | None = None) -> Iterator[Path]:
    """Every input file under the folder ``root``, or ``root`` itself when it is a file.

    A file named as ``root`` is always listed (``--config .site.toml`` is a choice, not
    a leftover). Nothing under a folder in ``skip`` (absolute paths) is listed. Files
    come in a stable order, folder by folder.

    Symbolic links are not followed out of ``root``: a link to a file outside it, or to a
    folder, is not an input (Jekyll's safe mode; otherwise a link to ``/etc/passwd`` in
    ``static/`` is published). A link to a file inside ``root`` that is listed itself is
    left out, so the file counts once. The links left out are added to ``skipped``.
    """
    if root.is_file():
        yield root
        return
    real_root = root.resolve()
    linked: set[Path] = set()  # the targets of the links listed, each once
    for folder, folders, files in os.walk(root):
        if skipped is not None:
            skipped += [Path(folder, name) for name in sorted(folders) if not is_skipped(name)
                        and os.path.islink(Path(folder, name))]
        # Pruning in place stops os.walk from descending into skipped folders.
        folders[:] = sorted(name for name in folders
                            if not is_skipped(name) and Path(folder, name) not in skip)
        for name in sorted(files):
            path = Path(folder, name)
            if is_skipped(name):
                continue
            if os.path.islink(path) and not _link_counts(path, real_root, skip, linked):
                if skipped is not None:
                    skipped.append(path)
                continue
            yield path


def _link_counts(link: Path, real_root: Path, skip: Collection[Path], linked: set[Path]) -> bool:
    """Whether a link is listed: its target is a file inside the root that is not listed
    itself (under a hidden folder, say), and no other link to it was listed."""
    target = link.resolve()
    if not target.is_file() or not target.is_relative_to(real_root) or target in linked:
        return False
    parts = target.relative_to(real_root).parts
    listed_itself = not any(is_skipped(part) for part in parts) and not any(
        parent in skip for parent in target.parents)
    if listed_itself:
        return False
    linked.add(target)
    return True


def skipped_link(link: Path, root: Path, folder: str) -> str:
    """Why ``walk`` left the link out of ``root`` (called the ``folder``), for a warning."""
    target = link.resolve()
    if target.is_dir():
        return f"a symbolic link to a folder ({target}) is not followed; copy the folder into the {folder}"
    if target.is_file() and target.is_relative_to(root.resolve()):
        return (f"a symbolic link to {target.relative_to(root.resolve()).as_posix()}, which is in the "
                f"{folder} itself: left out, so the file counts once")
    return (f"a symbolic link to {target}, outside the {folder}: not published (links are not "
            f"followed out of the {folder}); copy the file in instead")


def settings_file(config: Config) -> Path:
    """The settings file the build read, or the one a new ``sitegen.toml`` would be."""
    return config.source or config.root / CONFIG_NAME


def input_folders(config: Config) -> dict[str, tuple[Path, ...]]:
    """Where each kind of input is found: the site's folder first, the default theme's behind."""
    return {
        "content": (config.content,),
        "templates": tuple(dict.fromkeys((config.templates, THEME_DIR / "templates"))),
        "static": tuple(dict.fromkeys((config.static, THEME_DIR / "static"))),
        "settings": (settings_file(config),),
    }


def generated_folders(config: Config) -> frozenset[Path]:
    """The folders sitegen writes into, which are never inputs even inside an input folder."""
    return frozenset((config.output.resolve(), config.cache.resolve()))


def input_files(config: Config) -> Iterator[Path]:
    """Every file a build of ``config`` reads."""
    skip = generated_folders(config)
    seen: set[Path] = set()
    for roots in input_folders(config).values():
        for root in roots:
            for path in walk(root, skip):
                if path not in seen:  # a settings file inside the content folder, say
                    seen.add(path)
                    yield path


# --- the three views ----------------------------------------------------------------------------

def stat_snapshot(config: Config) -> dict[Path, tuple[int, int]]:
    """Modification time and size of every input: what the live preview polls."""
    found = {}
    for path in input_files(config):
        try:
            status = path.stat()
        except OSError:  # removed between listing and stat: the next poll sees it gone
            continue
        found[path] = (status.st_mtime_ns, status.st_size)
    return found


def files_newer_than(config: Config, mtime_ns: int) -> list[Path]:
    """The inputs modified after ``mtime_ns``, newest first: what makes a build stale."""
    snapshot = stat_snapshot(config)
    newer = [path for path, (mtime, _) in snapshot.items() if mtime > mtime_ns]
    return sorted(newer, key=lambda path: snapshot[path][0], reverse=True)


def content_digest(config: Config, *, unread_over: int | None = None,
                   also: Iterable[str] = ()) -> str:
    """One digest of the settings and the bytes of every input: equal digests, equal builds.

    An article over ``unread_over`` bytes counts by its size and modification time: the
    reader refuses it unread, and it is not read here either. ``also`` is what else
    the result depends on (sitegen's code, the spaCy model's version).
    """
    digest = hashlib.sha256()
    skip = generated_folders(config)
    parts = [repr(config), *also]
    for kind, roots in input_folders(config).items():
        limit = unread_over if kind == "content" else None
        parts += [kind, digest_files(roots, max_bytes=limit, skip=skip)]
    for part in parts:
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def templates_digest(config: Config) -> str:
    """One digest of the template files, the site's and the theme's: what every page depends on."""
    return digest_files(input_folders(config)["templates"], skip=generated_folders(config))


def digest_files(roots: Iterable[Path], max_bytes: int | None = None,
                 skip: Collection[Path] = ()) -> str:
    """One digest of the names and bytes of every input file under ``roots`` (folders or files).

    A file over ``max_bytes`` counts by its size and modification time instead.
    """
    digest = hashlib.sha256()
    for root in roots:
        for file in walk(root, skip):
            name = file.name if file == root else file.relative_to(root).as_posix()
            digest.update(name.encode())
            digest.update(b"\0")
            status = file.stat()
            if max_bytes is not None and status.st_size > max_bytes:
                digest.update(f"{status.st_size}:{status.st_mtime_ns}".encode())
            else:
                digest.update(file.read_bytes())
    return digest.hexdigest()


def shown_path(path: Path, root: Path) -> str:
    """``path`` relative to the site's folder when it is inside it, for messages."""
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)

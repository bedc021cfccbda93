"""The annotation cache: SQLite, keyed by everything that changes the result.

A key is the hash of the article text, the model's name and version and the
annotator's own version (a hash of its source), so a change to any of them
re-annotates. Each batch commits in one transaction, so an interrupted build
leaves a consistent cache; a corrupt file is reported, set aside and rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import time
from functools import cache
from pathlib import Path

from sitegen.errors import SitegenError
from sitegen.heap import collection_paused
from sitegen.models import Annotations
from sitegen.serialize import annotations_from_dict, annotations_to_dict

log = logging.getLogger(__name__)
CACHE_FILE = "cache.sqlite"
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS annotations "
    "(key TEXT PRIMARY KEY, annotator TEXT NOT NULL, data TEXT NOT NULL)"
)


class CacheError(SitegenError):
    """The annotation cache cannot be opened or written."""


# Modules of the annotate stage that only run it (where, in which processes, the cache
# itself) and never change a record: editing them keeps the cache.
_NOT_SHAPING_RECORDS = frozenset({"cache.py", "cluster.py", "workers.py"})


@cache
def annotator_version() -> str:
    """A hash of the annotator's source: editing it invalidates every cached entry."""
    return source_version(Path(__file__).parent)


def source_version(folder: Path) -> str:
    """A hash of the modules of ``folder`` that shape a record (names and contents)."""
    digest = hashlib.sha256()
    for path in sorted(folder.glob("*.py")):
        if path.name not in _NOT_SHAPING_RECORDS:
            digest.update(path.name.encode("utf-8") + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def cache_key(text: str, model: str) -> str:
    """The cache key of one article text under one model (``name@version``)."""
    digest = hashlib.sha256()
    for part in (annotator_version(), model, text):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


class AnnotationCache:
    """Get and put annotations by key; never raises for a bad entry, only misses."""

    def __init__(self, folder: Path):
        self.path = folder / CACHE_FILE
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self._connection = self._open()
        except (OSError, sqlite3.OperationalError) as error:
            raise CacheError(
                f"cannot use the annotation cache {self.path}: {error}; check the folder's "
                "permissions or set 'cache' in sitegen.toml to a writable folder"
            ) from None

    def _open(self) -> sqlite3.Connection:
        try:
            connection = sqlite3.connect(self.path)
            connection.execute("PRAGMA journal_mode=WAL")
            columns = [row[1] for row in connection.execute("PRAGMA table_info(annotations)")]
            if columns and "annotator" not in columns:  # a cache from an older sitegen
                connection.execute("DROP TABLE annotations")
            connection.execute(_SCHEMA)
            # Entries of another annotator version can never be used again.
            with connection:
                connection.execute("DELETE FROM annotations WHERE annotator != ?",
                                   (annotator_version(),))
            return connection
        except sqlite3.OperationalError:
            raise  # locked, read-only or unreachable: not corrupt, so never set aside
        except sqlite3.DatabaseError as error:
            aside = self.path.with_name(f"{self.path.name}.corrupt-{int(time.time())}")
            log.warning("annotation cache %s is corrupt (%s); moved it to %s and starting "
                        "a new one", self.path, error, aside.name)
            for suffix in ("", "-wal", "-shm"):
                part = Path(f"{self.path}{suffix}")
                if part.exists():
                    part.rename(Path(f"{aside}{suffix}"))
            connection = sqlite3.connect(self.path)
            connection.execute(_SCHEMA)
            return connection

    def get_many(self, keys: list[str]) -> dict[str, Annotations]:
        """The cached annotations among ``keys``; bad entries count as misses."""
        found: dict[str, Annotations] = {}
        unique = list(dict.fromkeys(keys))
        with collection_paused():  # records are plain data: no cycles to find
            for offset in range(0, len(unique), 500):
                chunk = unique[offset : offset + 500]
                marks = ",".join("?" * len(chunk))
                rows = self._connection.execute(
                    f"SELECT key, data FROM annotations WHERE key IN ({marks})", chunk
                ).fetchall()
                for key, data in rows:
                    try:
                        found[key] = annotations_from_dict(json.loads(data))
                    except (ValueError, KeyError, TypeError):
                        log.debug("ignoring a bad cache entry %s", key)
        return found

    def put_many(self, entries: list[tuple[str, Annotations]]) -> None:
        """Store entries in one transaction."""
        try:
            self._put(entries)
        except sqlite3.OperationalError as error:
            raise CacheError(f"cannot write the annotation cache {self.path}: {error}; check its "
                             "permissions or set 'cache' in sitegen.toml to a writable folder") from None

    def _put(self, entries: list[tuple[str, Annotations]]) -> None:
        with self._connection:
            self._connection.executemany(
                "INSERT OR REPLACE INTO annotations (key, annotator, data) VALUES (?, ?, ?)",
                [(key, annotator_version(), json.dumps(annotations_to_dict(a), separators=(",", ":")))
                 for key, a in entries],
            )

    def close(self) -> None:
        """Close the database."""
        self._connection.close()

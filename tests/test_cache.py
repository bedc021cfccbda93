"""The annotation cache: a rebuild runs no spaCy; a corrupt cache is set aside."""

from __future__ import annotations

import contextlib
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SAMPLE, write_files

from sitegen.annotate.cache import AnnotationCache, CacheError, annotator_version, cache_key, source_version
from sitegen.annotate.nlp import model_identity
from sitegen.cli import main
from sitegen.config import Config
from sitegen.models import Annotations, Phrase
from sitegen.read import read_content

BUILD_AND_REPORT = (
    "import sys; from sitegen.cli import main; code = main(['build', '-q']); "
    "print('spacy' in sys.modules); raise SystemExit(code)"
)


def _build_in_subprocess(site: Path) -> bool:
    """Build in a fresh interpreter; True if spaCy was imported."""
    result = subprocess.run([sys.executable, "-c", BUILD_AND_REPORT], cwd=site,
                            capture_output=True, text=True, check=True)
    return result.stdout.strip().splitlines()[-1] == "True"


def test_second_build_loads_no_spacy(site: Path) -> None:
    write_files(site / "seeds", {SAMPLE.name: SAMPLE.read_text(encoding="utf-8")})
    assert _build_in_subprocess(site) is True
    assert _build_in_subprocess(site) is False
    write_files(site / "seeds", {"new.txt": "New\n\nA new article about Gordon Brown."})
    assert _build_in_subprocess(site) is True


def _rows(folder: Path) -> list[tuple[str, str]]:
    """Every (key, annotator) row of the cache table in ``folder``."""
    with contextlib.closing(sqlite3.connect(folder / "cache.sqlite")) as connection:
        return connection.execute("SELECT key, annotator FROM annotations ORDER BY key").fetchall()


def _keys_of_articles(site: Path) -> list[str]:
    """The cache key of each article under ``site``/seeds, as a build computes it."""
    model = model_identity(Config(site).model)
    return [cache_key(article.text, model) for article in read_content(site / "seeds").articles]


CORRUPT = b"this is not a database" * 100


def test_corrupt_cache_is_set_aside_and_rebuilt(site: Path, capsys) -> None:
    write_files(site / "seeds", {"a.txt": "A\n\nTony Blair said it was fine."})
    (site / ".sitegen").mkdir()
    (site / ".sitegen" / "cache.sqlite").write_bytes(CORRUPT)
    assert main(["build"]) == 0  # not quiet, so the warning reaches stderr
    (aside,) = (site / ".sitegen").glob("cache.sqlite.*")
    assert re.fullmatch(r"cache\.sqlite\.corrupt-\d+", aside.name)
    assert aside.read_bytes() == CORRUPT  # set aside as it was, not deleted
    err = capsys.readouterr().err
    assert "cache.sqlite is corrupt" in err and f"moved it to {aside.name}" in err
    assert "1 annotated, 0 from cache" in err
    assert (site / "build" / "articles" / "a" / "index.html").is_file()
    # The new cache is a real one that holds the annotations the build made.
    (key,) = _keys_of_articles(site)
    assert _rows(site / ".sitegen") == [(key, annotator_version())]
    cache = AnnotationCache(site / ".sitegen")
    try:
        assert list(cache.get_many([key])) == [key]
    finally:
        cache.close()
    # A build that cannot skip the work (a setting changed) takes them from there, with no warning.
    assert main(["build", "--page-size", "5"]) == 0
    err = capsys.readouterr().err
    assert "0 annotated, 1 from cache" in err and "is corrupt" not in err
    assert list((site / ".sitegen").glob("cache.sqlite.*")) == [aside]


def test_entries_of_other_annotator_versions_are_dropped(tmp_path: Path) -> None:
    old = cache_key("Old text.", "model@1")
    current = cache_key("Current text.", "model@1")
    cache = AnnotationCache(tmp_path)
    cache.put_many([(old, Annotations()), (current, Annotations(noun_phrases=(Phrase(0, 8, "a phrase"),)))])
    cache.close()
    with contextlib.closing(sqlite3.connect(tmp_path / "cache.sqlite")) as connection, connection:
        connection.execute("UPDATE annotations SET annotator = 'old' WHERE key = ?", (old,))
    assert sorted(_rows(tmp_path)) == sorted([(old, "old"), (current, annotator_version())])
    cache = AnnotationCache(tmp_path)  # opening the cache drops the other version's entries
    try:
        assert _rows(tmp_path) == [(current, annotator_version())]
        found = cache.get_many([old, current])
    finally:
        cache.close()
    assert list(found) == [current]
    assert found[current].noun_phrases == (Phrase(0, 8, "a phrase"),)


def test_key_depends_on_text_and_model() -> None:
    assert cache_key("a", "m@1") != cache_key("b", "m@1")
    assert cache_key("a", "m@1") != cache_key("a", "m@2")
    assert cache_key("a", "m@1") == cache_key("a", "m@1")


def test_unusable_cache_folder_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a folder")
    with pytest.raises(CacheError, match=r"cannot use the annotation cache .*check the folder"):
        AnnotationCache(tmp_path / "file" / "cache")


def test_the_annotator_version_follows_the_modules_that_shape_records_only(tmp_path: Path) -> None:
    (tmp_path / "quotes.py").write_text("RULE = 1\n", encoding="utf-8")
    (tmp_path / "cluster.py").write_text("BATCH = 32\n", encoding="utf-8")
    before = source_version(tmp_path)
    (tmp_path / "cluster.py").write_text("BATCH = 64\n", encoding="utf-8")  # where it runs: same records
    assert source_version(tmp_path) == before
    (tmp_path / "quotes.py").write_text("RULE = 2\n", encoding="utf-8")
    assert source_version(tmp_path) != before

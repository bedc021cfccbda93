"""The annotation cache: a rebuild runs no spaCy; a corrupt cache is set aside."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SAMPLE, write_files

from sitegen.annotate.cache import AnnotationCache, CacheError, annotator_version, cache_key
from sitegen.cli import main
from sitegen.models import Annotations

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


def test_corrupt_cache_is_set_aside_and_rebuilt(site: Path, capsys) -> None:
    write_files(site / "seeds", {"a.txt": "A\n\nTony Blair said it was fine."})
    (site / ".sitegen").mkdir()
    (site / ".sitegen" / "cache.sqlite").write_bytes(b"this is not a database" * 100)
    assert main_build_ok()
    assert "is corrupt" in capsys.readouterr().err
    assert list((site / ".sitegen").glob("cache.sqlite.corrupt-*"))
    cache = AnnotationCache(site / ".sitegen")
    assert cache.get_many([]) == {}
    cache.close()


def main_build_ok() -> bool:
    """A build that is not quiet, so warnings reach stderr."""
    return main(["build"]) == 0


def test_entries_of_other_annotator_versions_are_dropped(tmp_path: Path) -> None:
    cache = AnnotationCache(tmp_path)
    key = cache_key("Some text.", "model@1")
    cache.put_many([(key, Annotations())])
    cache.close()
    with sqlite3.connect(tmp_path / "cache.sqlite") as connection:
        connection.execute("UPDATE annotations SET annotator = 'old'")
    cache = AnnotationCache(tmp_path)
    assert cache.get_many([key]) == {}
    cache.close()
    assert annotator_version() != "old"


def test_key_depends_on_text_and_model() -> None:
    assert cache_key("a", "m@1") != cache_key("b", "m@1")
    assert cache_key("a", "m@1") != cache_key("a", "m@2")
    assert cache_key("a", "m@1") == cache_key("a", "m@1")


def test_unusable_cache_folder_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a folder")
    with pytest.raises(CacheError, match=r"cannot use the annotation cache .*check the folder"):
        AnnotationCache(tmp_path / "file" / "cache")

"""The write stage on real files in tmp_path: staged output, the manifest ledger, search parts.

No spaCy and no Pagefind: pages are fake objects, search indexing is deferred.
"""

from __future__ import annotations

import os
import random
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pytest

from sitegen.errors import OutputError
from sitegen.write import search as search_module
from sitegen.write.incremental import Ledger
from sitegen.write.output import MARKER, StagedOutput, read_build_id
from sitegen.write.search import SearchIndexer, bundle_name, part_digest, search_parts

OLD = 1_000_000_000  # a modification time long ago, set by hand to see whether a file is rewritten


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (the marker aside) with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != MARKER}


def staged(output: Path, files: dict[str, str], previous_files: set[str] | None = None) -> StagedOutput:
    """One build writing ``files``, committed."""
    out = StagedOutput(output, previous_files=previous_files)
    for path, text in files.items():
        out.write(path, text)
    out.commit()
    return out


def make_old(path: Path) -> None:
    os.utime(path, (OLD, OLD))


# --- StagedOutput ---------------------------------------------------------------------------------

def test_a_first_build_renames_the_staging_folder_into_place(tmp_path: Path) -> None:
    output = tmp_path / "build"
    out = StagedOutput(output)
    out.write("index.html", "home")
    out.write("articles/a/index.html", "a")
    staging_inode = out.staging.stat().st_ino
    assert not output.exists()  # nothing in place before the commit
    out.commit()
    assert not out.staging.exists()
    assert output.stat().st_ino == staging_inode
    assert files_of(output) == {"articles/a/index.html": b"a", "index.html": b"home"}
    assert read_build_id(output) == out.build_id
    assert [p.name for p in tmp_path.iterdir()] == ["build"]


def test_a_first_build_into_an_empty_folder_made_beforehand(tmp_path: Path) -> None:
    (tmp_path / "build").mkdir()
    out = staged(tmp_path / "build", {"index.html": "home"})
    assert files_of(tmp_path / "build") == {"index.html": b"home"}
    assert read_build_id(tmp_path / "build") == out.build_id


def test_writing_equal_bytes_leaves_the_file_untouched(tmp_path: Path) -> None:
    output = tmp_path / "build"
    staged(output, {"index.html": "home", "about.html": "about"})
    make_old(output / "index.html")
    out = StagedOutput(output)
    out.write("index.html", "".join(["ho", "me"]))
    out.write("about.html", b"about")
    assert (out.written, out.unchanged, out.changed) == (0, 2, set())
    assert out.produced == {"index.html", "about.html"}
    assert not (out.staging / "index.html").exists()
    out.commit()
    assert (output / "index.html").stat().st_mtime == OLD
    assert read_build_id(output) == out.build_id


def test_changed_files_wait_in_staging_until_commit_moves_them_in(tmp_path: Path) -> None:
    output = tmp_path / "build"
    staged(output, {"index.html": "home", "about.html": "about"})
    make_old(output / "about.html")
    out = StagedOutput(output)
    out.write("index.html", "new home")
    out.write("about.html", "about")
    out.write("new/page.html", "new")
    assert (out.written, out.unchanged) == (2, 1)
    assert out.changed == {"index.html", "new/page.html"}
    assert out.current("index.html") == out.staging / "index.html"
    assert out.current("about.html") == output / "about.html"
    assert (output / "index.html").read_text() == "home" and not (output / "new").exists()
    out.commit()
    assert files_of(output) == {"about.html": b"about", "index.html": b"new home", "new/page.html": b"new"}
    assert (output / "about.html").stat().st_mtime == OLD
    assert not out.staging.exists()


def test_commit_removes_the_files_no_longer_produced_and_their_empty_folders(tmp_path: Path) -> None:
    output = tmp_path / "build"
    first = staged(output, {"index.html": "home", "people/a/index.html": "a", "people/b/index.html": "b",
                            "people/index.html": "people"})
    out = StagedOutput(output, previous_files=first.produced)
    out.write("index.html", "home")
    out.write("people/index.html", "people")
    out.commit()
    assert files_of(output) == {"index.html": b"home", "people/index.html": b"people"}
    assert not (output / "people" / "a").exists()
    assert (output / MARKER).is_file()


def test_without_a_record_a_file_not_produced_is_refused_and_nothing_moves(tmp_path: Path) -> None:
    output = tmp_path / "build"
    staged(output, {"index.html": "home", "old.html": "old", "CNAME": "news.example.org\n"})
    (output / ".git").mkdir()
    (output / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n")
    before = files_of(output)
    out = StagedOutput(output)  # no record: old.html may be anyone's
    out.write("index.html", "new home")
    with pytest.raises(OutputError, match=r"build/old\.html in the output folder are not made by this"):
        out.commit()
    out.discard()
    assert files_of(output) == before
    kept = StagedOutput(output, keep_files=["*.html"])
    kept.write("index.html", "new home")
    kept.commit()
    assert files_of(output) == {**before, "index.html": b"new home"}


def test_with_the_previous_files_listed_only_those_are_removed(tmp_path: Path) -> None:
    output = tmp_path / "build"
    first = staged(output, {"index.html": "home", "old.html": "old"})
    (output / "unlisted.txt").write_text("not made by the last build")
    staged(output, {"index.html": "home"}, previous_files=first.produced)
    assert files_of(output) == {"index.html": b"home", "unlisted.txt": b"not made by the last build"}


def test_two_writes_to_one_path_raise(tmp_path: Path) -> None:
    out = StagedOutput(tmp_path / "build")
    out.write("articles/a/index.html", "one")
    with pytest.raises(OutputError, match=r"two pages would both be written to articles/a/index\.html"):
        out.write("articles/a/index.html", "two")
    out.discard()


def test_keeping_a_path_already_written_raises(tmp_path: Path) -> None:
    output = tmp_path / "build"
    staged(output, {"index.html": "home"})
    out = StagedOutput(output, previous_files={"index.html"}, intact={"index.html"})
    out.write("index.html", "home")
    with pytest.raises(OutputError, match="two pages"):
        out.keep("index.html")
    out.discard()


@pytest.mark.parametrize("path", ["../escape.html", "/etc/passwd", "a/../../escape.html", MARKER])
def test_paths_outside_the_output_folder_are_refused(tmp_path: Path, path: str) -> None:
    out = StagedOutput(tmp_path / "build")
    with pytest.raises(OutputError, match="refusing to write outside the output folder"):
        out.write(path, "x")
    out.discard()
    assert not (tmp_path / "escape.html").exists()


def test_discard_leaves_the_output_as_it_was(tmp_path: Path) -> None:
    output = tmp_path / "build"
    first = staged(output, {"index.html": "home", "old.html": "old"})
    before = files_of(output)
    out = StagedOutput(output, previous_files=first.produced)
    out.write("index.html", "changed")
    out.write("new.html", "new")
    out.discard()
    assert files_of(output) == before
    assert read_build_id(output) == first.build_id
    assert not out.staging.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build"]


def test_keep_needs_a_previous_build_and_its_file(tmp_path: Path) -> None:
    output = tmp_path / "build"
    nothing = StagedOutput(output)
    assert nothing.keep("index.html") is False  # no previous build
    nothing.discard()
    first = staged(output, {"index.html": "home", "other.html": "other"})
    out = StagedOutput(output, previous_files={"index.html", "other.html"}, intact={"index.html"})
    assert out.keep("index.html") is True
    assert out.keep("other.html") is False  # there, but not as recorded: rendered again
    assert (out.unchanged, out.produced) == (1, {"index.html"})
    out.discard()
    assert first.build_id == read_build_id(output)


def test_kept_trees_survive_the_commit(tmp_path: Path) -> None:
    output = tmp_path / "build"
    staged(output, {"index.html": "home"})
    (output / "pagefind").mkdir()
    (output / "pagefind" / "pagefind.js").write_text("js")
    out = StagedOutput(output)
    out.write("index.html", "home")
    out.keep_tree("pagefind")
    out.commit()
    assert files_of(output) == {"index.html": b"home", "pagefind/pagefind.js": b"js"}


def test_a_sites_own_static_file_overrides_the_themes(tmp_path: Path) -> None:
    theme, own = tmp_path / "theme", tmp_path / "own"
    for folder, css in ((theme, "theme"), (own, "own")):
        folder.mkdir()
        (folder / "site.css").write_text(css)
    (own / "site.css~").write_text("an editor's backup")
    out = StagedOutput(tmp_path / "build")
    out.copy_tree(theme, "static")
    out.copy_tree(own, "static")
    assert out.written == 1
    out.commit()
    assert files_of(tmp_path / "build") == {"static/site.css": b"own"}


# --- Ledger: the manifest and the keep-or-render decisions ----------------------------------------

@dataclass
class FakePage:
    """A planned page: path, fingerprint, and text that counts how often it was rendered."""

    path: str
    fingerprint: str
    body: str = ""
    calls: int = 0

    def text(self) -> str:
        self.calls += 1
        return self.body or f"<p>{self.path} {self.fingerprint}</p>"


def pages(*specs: tuple[str, str]) -> list[FakePage]:
    return [FakePage(path, fingerprint) for path, fingerprint in specs]


def run_build(root: Path, planned: Iterable[FakePage], inputs: str = "inputs",
              search: dict[str, str] | None = None) -> tuple[Ledger, StagedOutput]:
    """One build as ``sitegen.build`` runs it: ledger, staged output, place, commit, finish."""
    ledger = Ledger(root / "cache", root / "build")
    output = StagedOutput(root / "build", previous_files=ledger.previous_files, intact=ledger.intact)
    ledger.begin(output.build_id, inputs)
    for page in planned:
        ledger.place(page, output)
    ledger.committing(output)
    output.commit()
    ledger.finish(files=sorted(output.produced), bundles=(), search=search or {}, articles=2)
    return ledger, output


def test_a_first_build_renders_every_page(tmp_path: Path) -> None:
    planned = pages(("index.html", "1"), ("articles/a/index.html", "2"))
    ledger, output = run_build(tmp_path, planned)
    assert [p.calls for p in planned] == [1, 1]
    assert (ledger.rendered, ledger.pages, output.written) == (2, 2, 2)


def test_a_page_with_the_last_builds_fingerprint_is_kept_unrendered(tmp_path: Path) -> None:
    run_build(tmp_path, pages(("index.html", "1"), ("articles/a/index.html", "2")))
    mtime = (tmp_path / "build" / "index.html").stat().st_mtime_ns
    planned = pages(("index.html", "1"), ("articles/a/index.html", "changed"))
    ledger, output = run_build(tmp_path, planned, inputs="other inputs")
    assert [p.calls for p in planned] == [0, 1]
    assert (ledger.rendered, output.unchanged, output.written) == (1, 1, 1)
    assert (tmp_path / "build" / "index.html").stat().st_mtime_ns == mtime
    assert (tmp_path / "build" / "articles/a/index.html").read_text() == (
        "<p>articles/a/index.html changed</p>")


def test_a_page_is_rendered_when_its_file_is_gone_though_its_fingerprint_is_unchanged(
        tmp_path: Path) -> None:
    run_build(tmp_path, pages(("index.html", "1"), ("gone.html", "2"), ("damaged.html", "3")))
    (tmp_path / "build" / "gone.html").unlink()
    (tmp_path / "build" / "damaged.html").write_text("garbage")
    assert Ledger(tmp_path / "cache", tmp_path / "build").is_current("inputs") is False
    planned = pages(("index.html", "1"), ("gone.html", "2"), ("damaged.html", "3"))
    run_build(tmp_path, planned)
    assert [p.calls for p in planned] == [0, 1, 1]
    assert (tmp_path / "build" / "gone.html").is_file()
    assert (tmp_path / "build" / "damaged.html").read_text() == "<p>damaged.html 3</p>"
    assert Ledger(tmp_path / "cache", tmp_path / "build").is_current("inputs") is True


def test_a_page_new_in_this_build_is_rendered(tmp_path: Path) -> None:
    run_build(tmp_path, pages(("index.html", "1")))
    planned = pages(("index.html", "1"), ("new.html", "1"))
    ledger, _ = run_build(tmp_path, planned)
    assert [p.calls for p in planned] == [0, 1]
    assert ledger.pages == 2


def test_finish_saves_what_a_new_ledger_reads_back(tmp_path: Path) -> None:
    _, output = run_build(tmp_path, pages(("index.html", "1"), ("a.html", "2")), inputs="in-1",
                          search={"pagefind": "abc"})
    again = Ledger(tmp_path / "cache", tmp_path / "build")
    assert again.previous.build_id == output.build_id
    assert again.previous.pages == {"index.html": "1", "a.html": "2"}
    assert again.previous_files == {"index.html", "a.html"}
    assert again.previous_search == {"pagefind": "abc"}
    assert (again.previous.articles, again.pages) == (2, 2)


def test_is_current_only_with_equal_inputs(tmp_path: Path) -> None:
    run_build(tmp_path, pages(("index.html", "1")), inputs="in-1", search={"pagefind": "abc"})
    marker = tmp_path / "build" / MARKER
    make_old(marker)
    ledger = Ledger(tmp_path / "cache", tmp_path / "build")
    assert ledger.is_current("in-2") is False
    assert marker.stat().st_mtime == OLD
    assert ledger.is_current("in-1") is True
    assert marker.stat().st_mtime > OLD  # renewed: deploy reads it as "last known current"


def test_is_current_is_false_while_a_search_part_is_pending(tmp_path: Path) -> None:
    run_build(tmp_path, pages(("index.html", "1")), inputs="in-1", search={"pagefind": "", "pagefind-1": "d"})
    ledger = Ledger(tmp_path / "cache", tmp_path / "build")
    assert ledger.previous.search_pending
    assert ledger.is_current("in-1") is False
    ledger.save_search({"pagefind": "c", "pagefind-1": "d"})
    assert Ledger(tmp_path / "cache", tmp_path / "build").is_current("in-1") is True


@pytest.mark.parametrize("marker", ["0123456789abcdef", "incomplete", None])
def test_a_manifest_of_another_build_is_not_trusted(tmp_path: Path, marker: str | None) -> None:
    run_build(tmp_path, pages(("index.html", "1")), inputs="in-1")
    if marker is None:
        (tmp_path / "build" / MARKER).unlink()
    else:
        (tmp_path / "build" / MARKER).write_text(marker + "\n")
    ledger = Ledger(tmp_path / "cache", tmp_path / "build")
    assert ledger.is_current("in-1") is False
    assert ledger.previous.pages == {} and ledger.previous_files is None
    output = StagedOutput(tmp_path / "build", previous_files=ledger.previous_files)
    ledger.begin(output.build_id, "in-1")
    page = FakePage("index.html", "1")
    ledger.place(page, output)
    assert page.calls == 1
    output.discard()


def test_a_corrupt_manifest_is_not_trusted(tmp_path: Path) -> None:
    run_build(tmp_path, pages(("index.html", "1")), inputs="in-1")
    (manifest,) = (tmp_path / "cache").iterdir()
    manifest.write_text("{not json")
    assert Ledger(tmp_path / "cache", tmp_path / "build").is_current("in-1") is False


# --- search parts ---------------------------------------------------------------------------------

def article_paths(count: int, prefix: str = "a") -> list[str]:
    return [f"articles/{prefix}{n}/index.html" for n in range(count)]


def test_search_parts_hold_only_article_pages() -> None:
    parts = search_parts([*article_paths(3), "index.html", "people/x/index.html", "articles/a0.json"], 10)
    assert parts == {"pagefind": sorted(article_paths(3))}
    assert search_parts(["index.html"], 10) == {}


def test_search_parts_are_about_part_size_and_cover_every_article_once() -> None:
    paths = article_paths(1000)
    parts = search_parts(paths, 100)
    assert list(parts) == [bundle_name(n) for n in range(10)]
    assert sorted(p for part in parts.values() for p in part) == sorted(paths)
    assert all(50 <= len(part) <= 150 for part in parts.values()), [len(p) for p in parts.values()]


def test_an_article_stays_in_its_part_while_the_number_of_parts_is_the_same() -> None:
    paths = article_paths(45)
    parts = search_parts(paths, 10)
    shuffled = random.Random(1).sample(paths, len(paths))
    assert search_parts(shuffled, 10) == parts
    grown = search_parts([*paths, *article_paths(5, prefix="new")], 10)
    assert len(grown) == len(parts) == 5
    where = {path: bundle for bundle, part in parts.items() for path in part}
    where_grown = {path: bundle for bundle, part in grown.items() for path in part}
    assert all(where_grown[path] == where[path] for path in paths)


def test_empty_parts_are_dropped_and_the_first_is_always_pagefind() -> None:
    dropped = 0
    for count in range(1, 30):
        parts = search_parts(article_paths(count), 1)
        assert list(parts) == [bundle_name(n) for n in range(len(parts))]
        assert next(iter(parts)) == "pagefind"
        assert all(parts.values())
        dropped += count - len(parts)
    assert dropped > 0  # the hash left some parts empty, and they were dropped


def _bundles_indexed(output: Path, parts: dict[str, list[str]]) -> dict[str, str]:
    """A previous build's index of ``parts``: each bundle's folder and its digest."""
    for bundle in parts:
        (output / bundle).mkdir(parents=True)
        (output / bundle / "pagefind-entry.json").write_text("{}")
    return {bundle: part_digest(paths) for bundle, paths in parts.items()}


def _indexer(output: Path, previous: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> SearchIndexer:
    def no_pagefind(folder: Path) -> None:
        raise AssertionError("Pagefind ran although indexing was deferred")

    monkeypatch.setattr(search_module, "_run_pagefind", no_pagefind)
    return SearchIndexer(output, enabled=True, part_size=10, jobs=1, previous=previous, defer=True)


def test_a_first_build_leaves_every_search_part_pending(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    indexer = _indexer(tmp_path / "build", {}, monkeypatch)
    bundles = indexer.plan(article_paths(30))
    assert bundles == tuple(search_parts(article_paths(30), 10))
    indexer.articles_done(set(), lambda page: tmp_path / page)
    assert indexer.stale == list(bundles)
    assert indexer.state() == {bundle: "" for bundle in bundles}


def test_only_the_parts_whose_pages_changed_are_stale(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    output = tmp_path / "build"
    paths = article_paths(30)
    parts = search_parts(paths, 10)
    previous = _bundles_indexed(output, parts)
    first, *rest = parts
    indexer = _indexer(output, previous, monkeypatch)
    indexer.plan(paths)
    indexer.articles_done({parts[first][0], "index.html"}, lambda page: output / page)
    assert indexer.stale == [first]
    assert indexer.state() == {first: "", **{bundle: previous[bundle] for bundle in rest}}


def test_a_part_without_its_index_files_or_with_other_pages_is_stale(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    output = tmp_path / "build"
    paths = article_paths(25)
    parts = search_parts(paths, 10)
    previous = _bundles_indexed(output, parts)
    missing, *_ = parts
    (output / missing / "pagefind-entry.json").unlink()
    grown = [*paths, "articles/extra/index.html"]
    assert len(search_parts(grown, 10)) == len(parts)
    gained = next(b for b, part in search_parts(grown, 10).items() if "articles/extra/index.html" in part)
    indexer = _indexer(output, previous, monkeypatch)
    indexer.plan(grown)
    indexer.articles_done(set(), lambda page: output / page)
    assert sorted(indexer.stale) == sorted({missing, gained})
    assert {b for b, digest in indexer.state().items() if digest == ""} == {missing, gained}


def test_with_nothing_stale_no_pagefind_runs_and_nothing_is_pending(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    output = tmp_path / "build"
    paths = article_paths(30)
    previous = _bundles_indexed(output, search_parts(paths, 10))
    indexer = _indexer(output, previous, monkeypatch)
    indexer.defer = False
    indexer.plan(paths)
    indexer.articles_done(set(), lambda page: output / page)
    assert indexer.stale == []
    indexer.wait()
    assert indexer.install() == 0
    assert indexer.state() == previous


def test_search_disabled_plans_no_parts(tmp_path: Path) -> None:
    indexer = SearchIndexer(tmp_path / "build", enabled=False, part_size=10, jobs=1, previous={})
    assert indexer.plan(article_paths(3)) == ()
    indexer.articles_done(set(), lambda page: tmp_path / page)
    assert indexer.state() == {}

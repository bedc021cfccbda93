"""Hostile and broken input: a clear one-line error naming the file, nothing lost, build/ intact.

Messages already pinned at the read stage (tests/test_read.py) are checked here once more only
as the user sees them: one ``path[:line]: message`` line per bad file on stderr, no traceback.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import SAMPLE, block_texts, broken_links, build, parse_page, write_files

import sitegen.build
import sitegen.read
import sitegen.write.output
import sitegen.write.search
from sitegen.cli import main
from sitegen.read import MAX_TEXT_LENGTH

GOOD = {"good.txt": "Good news\n\nThe mayor opened the new bridge on Monday."}


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every file under ``folder`` with its bytes and every folder (None): what a build changed."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() if p.is_file() else None
            for p in folder.rglob("*")}


def leftovers(site: Path) -> list[str]:
    """Staging, swap or search-indexing folders a build left beside the output folder.

    ``StagedOutput`` stages in ``.build.staging-*`` next to build/, and Pagefind works in
    ``.pagefind-*`` there; both exist only once the write stage has begun.
    """
    return [p.name for p in site.iterdir()
            if p.name.startswith((".build.staging-", ".build.old-", ".pagefind-"))]


def error_lines(stderr: str) -> list[str]:
    """The stderr lines, asserting there is no traceback among them."""
    assert "Traceback" not in stderr, stderr
    return [line for line in stderr.splitlines() if line.strip()]


# --- Encodings and line ends --------------------------------------------------------------


def test_bom_crlf_and_cr_line_ends_build_like_plain_lf(site: Path) -> None:
    write_files(site / "seeds", {
        "crlf.txt": "\ufeffCRLF title\r\n\r\nFirst line\r\nwrapped.\r\n\r\nSecond.\r\n".encode(),
        "cr.txt": b"Old Mac title\r\rOnly paragraph.\r",
        "front.md": ("\ufeff---\r\ntitle: Front matter with CRLF\r\ndate: 2005-02-14\r\n---\r\n"
                     "Body *one*.\r\n\r\n- item\r\n").encode(),
    })
    assert build() == 0
    output = site / "build" / "articles"
    crlf = parse_page(output / "crlf-title" / "index.html")
    assert crlf.text_of("article-title") == "CRLF title"
    assert block_texts(output / "crlf-title" / "index.html") == ["First line wrapped.", "Second."]
    assert parse_page(output / "old-mac-title" / "index.html").text_of("body-text").strip() == (
        "Only paragraph.")
    front = output / "front" / "index.html"
    assert 'datetime="2005-02-14"' in front.read_text(encoding="utf-8")
    for page in (site / "build").rglob("*.html"):
        assert "\r" not in page.read_text(encoding="utf-8") and "\ufeff" not in page.read_text()


# --- Bad files: one line each, naming the file and line -----------------------------------

BAD_FILES: dict[str, tuple[str | bytes, str]] = {
    # name: (content, the start of its error line on stderr)
    "latin1.txt": ("Title\n\nCafé au lait".encode("latin-1"), "seeds/latin1.txt:3: not UTF-8"),
    "utf16.txt": ("Title\n\nBody.".encode("utf-16"), "seeds/utf16.txt:1: UTF-16 text, not UTF-8"),
    "noise.txt": (bytes(range(128, 256)) * 40, "seeds/noise.txt:1: not UTF-8"),
    "nul.txt": (b"Title\n\n\x00\x01\x02\x03 binary", "seeds/nul.txt: binary file"),
    "notes.rst": ("Title\n=====\n\nBody.", "seeds/notes.rst: reStructuredText is not read"),
    "empty.txt": ("", "seeds/empty.txt:1: empty file"),
    "blank.md": ("  \n\n\t\n", "seeds/blank.md:1: empty file"),
    "title-only.txt": ("Just a title\n", "seeds/title-only.txt:1: the article has a title but no body"),
    # (With front matter, such a post is published with its title only, as Jekyll does.)
    "title-only.md": ("# Just a title\n", "seeds/title-only.md:1: the article has a title"),
    "list.md": ("---\n- a\n- b\n---\nBody", "seeds/list.md:2: front matter must be a mapping"),
    "scalar.md": ("---\njust words\n---\nBody", "seeds/scalar.md:2: front matter must be a mapping"),
    "unclosed.md": ("---\ntitle: T\nBody", "seeds/unclosed.md:1: front matter opened with '---'"),
    "yaml.md": ("---\ntitle: [unclosed\n---\nBody", "seeds/yaml.md:2: front matter is not valid YAML"),
    "not-a-date.md": ("---\ntitle: T\ndate: yesterday\n---\nBody",
                      "seeds/not-a-date.md:3: 'date' must be a date like 2020-03-27"),
    "impossible-date.md": ("---\ntitle: T\nauthor: A\ndate: 2020-13-45\n---\nBody",
                           "seeds/impossible-date.md:4: '2020-13-45' is not a real date"),
    "2021-02-30-impossible-name.txt": ("T\n\nBody.",
                                       "seeds/2021-02-30-impossible-name.txt: the file name starts"),
    "escape.md": ("---\ntitle: T\nslug: ../../etc/passwd\n---\nBody",
                  "seeds/escape.md:2: slug '../../etc/passwd' is not allowed"),
    "escape2.md": ("---\ntitle: T\nslug: ..\n---\nBody", "seeds/escape2.md:2: slug '..' is not allowed"),
}


def test_every_bad_file_gets_one_line_and_build_is_untouched(site: Path, capsys, monkeypatch) -> None:
    write_files(site / "seeds", GOOD)
    assert build() == 0
    before = snapshot(site / "build")
    write_files(site / "seeds", {name: content for name, (content, _) in BAD_FILES.items()})
    capsys.readouterr()
    assert build() == 1
    lines = error_lines(capsys.readouterr().err)
    for name, (_, expected) in BAD_FILES.items():
        naming = [line for line in lines if line.startswith(f"seeds/{name}:")]
        assert len(naming) == 1, (name, lines)
        assert naming[0].startswith(expected), (naming[0], expected)
    assert len(lines) == len(BAD_FILES) + 1  # and the summary
    assert f"build failed: {len(BAD_FILES)} file(s) need fixing" in lines[-1]
    assert snapshot(site / "build") == before
    assert leftovers(site) == []
    # The bad files fail before anything is staged. Now a failure after the new article's pages
    # are staged and Pagefind has started on them: the topics overview's template raises.
    for name in BAD_FILES:
        (site / "seeds" / name).unlink()
    write_files(site, {"seeds/more.txt": "More\n\nAnother story, said Maria Lopez.",
                       "templates/topics.html": '{% extends "base.html" %}\n{% block main %}\n'
                                                "{{ topic_groups | length // 0 }}\n{% endblock %}\n"})
    staged = _staged_writes(monkeypatch)
    assert build() == 1
    (line,) = error_lines(capsys.readouterr().err)
    assert line.startswith("error: templates/topics.html:3: ZeroDivisionError")
    assert "articles/more/index.html" in [path for _, path in staged]
    (staging,) = {folder for folder, _ in staged}
    assert staging.parent == site.resolve() and staging.name.startswith(".build.staging-")
    assert snapshot(site / "build") == before
    assert leftovers(site) == []


def _staged_writes(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Path, str]]:
    """From now on, the (staging folder, path) of each file the build writes."""
    staged: list[tuple[Path, str]] = []
    write = sitegen.write.output.StagedOutput.write

    def note_write(self: sitegen.write.output.StagedOutput, path: str, data: str | bytes) -> None:
        staged.append((self.staging, path))
        write(self, path, data)

    monkeypatch.setattr(sitegen.write.output.StagedOutput, "write", note_write)
    return staged


def test_keep_going_builds_the_rest_and_still_names_every_bad_file(site: Path, capsys) -> None:
    write_files(site / "seeds", {**GOOD, **{name: c for name, (c, _) in BAD_FILES.items()}})
    assert build("--keep-going") == 1
    lines = error_lines(capsys.readouterr().err)
    assert sum(line.startswith("seeds/") for line in lines) == len(BAD_FILES)
    assert [p.parent.name for p in (site / "build" / "articles").glob("*/index.html")] == ["good-news"]


# --- Size --------------------------------------------------------------------------------


def _long_text(characters: int) -> str:
    sentence = "The minister said the budget for Cardiff would grow by 3% next year. "
    paragraph = sentence * 10
    return "\n\n".join([paragraph] * (characters // len(paragraph) + 1))


def test_a_5_mb_article_is_refused_at_once_and_the_rest_builds(site: Path, capsys,
                                                              monkeypatch) -> None:
    body = _long_text(5_000_000)
    write_files(site / "seeds", {**GOOD, "huge.txt": "Huge\n\n" + body,
                                 "huge.md": "---\ntitle: Huge too\n---\n" + body})
    annotate = sitegen.build.annotate_articles
    annotated: list[str] = []

    def noting(articles, **options):  # type: ignore[no-untyped-def]
        annotated.extend(article.source for article in articles)
        return annotate(articles, **options)

    monkeypatch.setattr(sitegen.build, "annotate_articles", noting)
    assert build() == 1
    lines = error_lines(capsys.readouterr().err)
    for name in ("huge.txt", "huge.md"):
        (line,) = [line for line in lines if line.startswith(f"seeds/{name}:")]
        assert "too long to annotate" in line and f"at most {MAX_TEXT_LENGTH:,}" in line
    assert annotated == []  # refused while reading, before anything was annotated
    assert build("--keep-going") == 1
    assert annotated == ["good.txt"]  # the huge ones never reach spaCy
    assert (site / "build" / "articles" / "good-news" / "index.html").is_file()


def test_a_file_far_too_big_is_not_even_read(site: Path, capsys, monkeypatch) -> None:
    write_files(site / "seeds", {"giant.txt": b"Giant\n\n" + b"word " * 1_700_000})
    read_bytes = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes",
                        lambda self: pytest.fail("read") if self.name == "giant.txt" else read_bytes(self))
    assert build() == 1
    (line, _) = error_lines(capsys.readouterr().err)
    assert line.startswith("seeds/giant.txt: the file is too big for an article (8,500,007 bytes)")


# Seconds. The linear work (spaCy over ~0.5 MB of text) takes about 25 s; quadratic steps in
# the annotator (sentence boundaries, figures) once made it take over an hour.
PARAGRAPHS_BUDGET = 120


def test_20000_short_paragraphs_all_arrive_in_order(site: Path) -> None:
    paragraphs = [f"Line {number} of the list." for number in range(20_000)]
    write_files(site / "seeds", {"many.txt": "Many paragraphs\n\n" + "\n\n".join(paragraphs)})
    try:  # in a subprocess, so a build that takes minutes is stopped and reported, not waited for
        result = subprocess.run([sys.executable, "-m", "sitegen", "build", "-q"], cwd=site,
                                capture_output=True, text=True, timeout=PARAGRAPHS_BUDGET)
    except subprocess.TimeoutExpired:
        pytest.fail(f"building 20,000 short paragraphs took over {PARAGRAPHS_BUDGET} s")
    assert result.returncode == 0, result.stderr
    page = site / "build" / "articles" / "many-paragraphs" / "index.html"
    assert block_texts(page) == paragraphs


# --- Markup and template syntax are text ------------------------------------------------------

NASTY = "<script>alert('x')</script> {{ 1234*5 }} {% include 'base.html' %} &amp; {# c #}"


def test_markup_and_template_syntax_in_front_matter_and_text_stay_text(site: Path, capsys) -> None:
    front = (f'---\ntitle: "T {NASTY}"\nauthor: "A {NASTY}"\nsummary: "S {NASTY}"\n'
             f'topics: ["{NASTY}", "<b>bold</b>"]\ndate: 2020-01-01\n---\n')
    write_files(site / "seeds", {
        "a.md": front + f"Body {NASTY}\n\n<script>alert(2)</script>\n\n`{NASTY}`\n",
        "b.md": "---\ntitle: Second\ntopics: [\"<b>bold</b>\"]\n---\nAnother body.\n",
    })
    assert main(["build"]) == 0  # not quiet: warnings are shown
    output = site / "build"
    pages = [p for p in output.rglob("*") if p.suffix in (".html", ".xml")]
    assert len(pages) > 4
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "<script>alert" not in text and "<b>bold</b>" not in text, page
        assert "6170" not in text, f"{page}: a template expression in the content was evaluated"
    parsed = [parse_page(p) for p in output.glob("articles/*/index.html")]
    (parser,) = [p for p in parsed if p.text_of("article-title") != "Second"]
    assert parser.text_of("article-title") == f"T {NASTY}"
    body = parser.text_of("body-text")
    # In Markdown, raw HTML is sanitised (no script, ever) and template tags Jekyll or Hugo would
    # have run are left out with a warning; in a code span everything is text, as written.
    assert "Body & {# c #}" in " ".join(body.split()) and "alert(2)" not in body
    assert NASTY in body
    warnings = capsys.readouterr().err
    assert "seeds/a.md:8: the template value '{{ 1234*5 }}' is not supported" in warnings
    assert "seeds/a.md:8: the template tag '{% include 'base.html' %}' is not supported" in warnings
    home = (output / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;" in home


# --- Slugs --------------------------------------------------------------------------------


def test_two_articles_claiming_one_slug_are_both_named(site: Path, capsys) -> None:
    write_files(site / "seeds", {
        "a.md": "---\ntitle: First\nslug: budget\n---\nOne.",
        "b/c.md": "---\ntitle: Second\nslug: Budget\n---\nTwo.",
    })
    assert build() == 1
    (line, _) = error_lines(capsys.readouterr().err)
    assert line == ("seeds/b/c.md:2: slug 'budget' is already used by a.md; "
                    "give one of them another slug")
    assert build("--keep-going") == 1
    assert [p.parent.name for p in (site / "build" / "articles").glob("*/index.html")] == ["budget"]


# --- Files that change under the build ------------------------------------------------------


def test_a_file_deleted_between_listing_and_reading_is_named(site: Path, monkeypatch, capsys) -> None:
    write_files(site / "seeds", {**GOOD, "gone.txt": "Gone\n\nSoon."})
    assert build() == 0
    before = snapshot(site / "build")
    write_files(site / "seeds", {"new.txt": "New\n\nA change, so the build reads the folder."})
    read_one = sitegen.read._read_one

    def delete_then_read(source, zone):  # type: ignore[no-untyped-def]
        if source.path.name == "gone.txt":
            source.path.unlink()  # listed a moment ago, gone by the time it is read
        return read_one(source, zone)

    monkeypatch.setattr(sitegen.read, "_read_one", delete_then_read)
    capsys.readouterr()
    assert build() == 1
    (line, _) = error_lines(capsys.readouterr().err)
    assert line == "seeds/gone.txt: cannot read: No such file or directory"
    assert snapshot(site / "build") == before


def test_files_changed_or_deleted_while_annotating(site: Path, monkeypatch) -> None:
    write_files(site / "seeds", {**GOOD, "edit.txt": "Edited\n\nThe old words.",
                                 "drop.txt": "Dropped\n\nStill here when read."})
    annotate = sitegen.build.annotate_articles

    def annotate_while_editing(*args, **kwargs):
        (site / "seeds" / "edit.txt").write_text("Edited\n\nThe new words.", encoding="utf-8")
        (site / "seeds" / "drop.txt").unlink()
        return annotate(*args, **kwargs)

    monkeypatch.setattr(sitegen.build, "annotate_articles", annotate_while_editing)
    assert build() == 0  # the build shows the files as they were read: one consistent archive
    articles = site / "build" / "articles"
    assert "The old words." in (articles / "edited" / "index.html").read_text()
    assert (articles / "dropped" / "index.html").is_file()
    monkeypatch.setattr(sitegen.build, "annotate_articles", annotate)
    assert build() == 0  # and the next build catches up
    assert "The new words." in (articles / "edited" / "index.html").read_text()
    assert not (articles / "dropped").exists()


# --- Ctrl-C ---------------------------------------------------------------------------------


def _cache_rows(site: Path) -> int:
    try:
        connection = sqlite3.connect(f"file:{site / '.sitegen' / 'cache.sqlite'}?mode=ro", uri=True)
        try:
            return connection.execute("SELECT count(*) FROM annotations").fetchone()[0]
        finally:
            connection.close()
    except sqlite3.Error:  # not created yet, or mid-write
        return 0


def test_ctrl_c_while_annotating_keeps_build_and_cache_sound(site: Path) -> None:
    """SIGINT to the whole process group, as Ctrl-C in a terminal sends it, spaCy's workers too."""
    story = SAMPLE.read_text(encoding="utf-8").split("\n", 2)[2]
    write_files(site / "seeds", {"first.txt": f"First story\n\n{story}"})
    assert build() == 0
    before = snapshot(site / "build")
    shutil.rmtree(site / ".sitegen")  # count only this build's cache entries
    # 48 articles (150,000 characters): two annotation processes (one per 50,000 characters).
    write_files(site / "seeds", {f"s{n:02d}.txt": f"Story {n}\n\n{story}\n\nThis is story {n}."
                                 for n in range(48)})
    rows = 0
    process = subprocess.Popen([sys.executable, "-m", "sitegen", "build", "--jobs", "2"], cwd=site,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    deadline = time.monotonic() + 120
    while _cache_rows(site) == rows and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)  # until the first batch is cached: the middle of the annotation
    assert process.poll() is None, "the build ended before it could be interrupted"
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130
    assert error_lines(stderr) == [line for line in error_lines(stderr) if "interrupted" in line]
    assert len(error_lines(stderr)) == 1, stderr
    assert snapshot(site / "build") == before
    assert leftovers(site) == []
    connection = sqlite3.connect(site / ".sitegen" / "cache.sqlite")
    assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    connection.close()
    done = _cache_rows(site) - rows
    assert 0 < done < 48
    # The next build uses what was finished and annotates the rest, exactly as a fresh one would.
    result = subprocess.run([sys.executable, "-m", "sitegen", "build", "--jobs", "2"], cwd=site,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert f"{49 - done} annotated, {done} from cache" in result.stderr
    pages = sorted(p.parent.name for p in (site / "build" / "articles").glob("*/index.html"))
    assert len(pages) == 49
    write_files(site, {"fresh.toml": 'cache = ".fresh-cache"\noutput = "fresh"\n'})
    fresh = subprocess.run([sys.executable, "-m", "sitegen", "build", "--config", "fresh.toml"],
                           cwd=site, capture_output=True, text=True, timeout=300)
    assert fresh.returncode == 0, fresh.stderr
    assert snapshot(site / "build" / "data" / "articles") == snapshot(site / "fresh" / "data" / "articles")


def _interrupt_a_rebuild_while_writing(site: Path, monkeypatch, capsys,
                                       stop_before: Callable[[str], bool]) -> None:
    """Build, add an article, rebuild with Ctrl-C before the write ``stop_before`` names.

    Checks what every interrupted build must leave: one line, the previous site as it
    was, nothing beside it; then a good build that has the new article.
    """
    write_files(site / "seeds", GOOD)
    assert build() == 0
    before = snapshot(site / "build")
    write_files(site / "seeds", {"more.txt": "More\n\nAnother story, said Maria Lopez."})
    write = sitegen.write.output.StagedOutput.write

    def write_then_interrupt(self, path: str, data: str | bytes) -> None:
        if stop_before(path):
            raise KeyboardInterrupt
        write(self, path, data)

    monkeypatch.setattr(sitegen.write.output.StagedOutput, "write", write_then_interrupt)
    capsys.readouterr()
    assert build() == 130
    (line,) = error_lines(capsys.readouterr().err)
    assert line.startswith("interrupted; the output folder is unchanged")
    assert snapshot(site / "build") == before
    assert leftovers(site) == []
    monkeypatch.setattr(sitegen.write.output.StagedOutput, "write", write)
    assert build() == 0
    assert (site / "build" / "articles" / "more" / "index.html").is_file()


def test_ctrl_c_while_writing_leaves_build_intact(site: Path, monkeypatch, capsys) -> None:
    calls: list[str] = []

    def third_write(path: str) -> bool:
        calls.append(path)
        return len(calls) == 3

    _interrupt_a_rebuild_while_writing(site, monkeypatch, capsys, third_write)


def test_ctrl_c_while_search_indexes_in_the_background_leaves_build_intact(
        site: Path, monkeypatch, capsys) -> None:
    started = sitegen.write.search._PagefindRuns.start
    indexing: list[object] = []

    def start_and_note(self, parts, locate) -> None:
        indexing.append(parts)
        started(self, parts, locate)

    monkeypatch.setattr(sitegen.write.search._PagefindRuns, "start", start_and_note)
    # Pagefind is running once the article pages are written: stop at the next page.
    _interrupt_a_rebuild_while_writing(site, monkeypatch, capsys,
                                       lambda path: bool(indexing) and not path.startswith("articles/"))
    assert indexing[0]  # the interrupted build had started indexing a part
    assert (site / "build" / "pagefind" / "pagefind-entry.json").is_file()


def test_a_search_index_that_fails_leaves_the_previous_build_whole(site: Path, monkeypatch,
                                                                   capsys) -> None:
    # Pagefind ran in the background and failed only after the new pages had been moved into
    # build/: the build exited 1 with build/ changed. Now it waits for Pagefind first.
    write_files(site / "seeds", GOOD)
    assert build() == 0
    before = snapshot(site / "build")
    write_files(site / "seeds", {"more.txt": "More\n\nAnother story, said Maria Lopez."})
    run_pagefind = sitegen.write.search._run_pagefind

    def pagefind_on_nothing(folder: Path) -> None:
        empty = folder / "empty"
        empty.mkdir()
        run_pagefind(empty)  # the real Pagefind, refusing a folder with no pages in it

    monkeypatch.setattr(sitegen.write.search, "_run_pagefind", pagefind_on_nothing)
    capsys.readouterr()
    assert build() == 1
    (line, *_) = error_lines(capsys.readouterr().err)
    assert line.startswith("error: search indexing (pagefind) failed")
    assert snapshot(site / "build") == before
    assert leftovers(site) == []
    monkeypatch.setattr(sitegen.write.search, "_run_pagefind", run_pagefind)
    assert build() == 0
    assert (site / "build" / "articles" / "more" / "index.html").is_file()


def test_ctrl_c_while_the_new_site_is_put_in_place_finishes_it_then_exits_130(
        site: Path, monkeypatch, capsys) -> None:
    """A real SIGINT between two moves of the commit: every file moves in, then the build stops."""
    write_files(site / "seeds", {**GOOD, "gone.txt": "Gone\n\nSoon removed."})
    assert build() == 0
    (site / "seeds" / "gone.txt").unlink()
    write_files(site / "seeds", {"more.txt": "More\n\nAnother story."})
    output = (site / "build").resolve()
    staged_output = sitegen.write.output.StagedOutput
    commit, replace = staged_output.commit, os.replace
    committing: list[sitegen.write.output.StagedOutput] = []  # the build's output, once it commits
    staged: dict[str, bytes] = {}  # the files it changed, with their bytes
    moves: list[str] = []  # the files moved into build/ during the commit, in order

    def commit_noting(self: sitegen.write.output.StagedOutput) -> None:
        committing.append(self)
        staged.update({path: (self.staging / path).read_bytes() for path in self.changed})
        commit(self)

    def replace_interrupting(source, target) -> None:
        if committing and Path(target).is_relative_to(output):
            moves.append(Path(target).relative_to(output).as_posix())
            if len(moves) == 2:
                os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C after the first move, before the second
        replace(source, target)

    monkeypatch.setattr(staged_output, "commit", commit_noting)
    monkeypatch.setattr(sitegen.write.output.os, "replace", replace_interrupting)
    capsys.readouterr()
    code = build()
    monkeypatch.setattr(sitegen.write.output.os, "replace", replace)
    monkeypatch.setattr(staged_output, "commit", commit)
    assert code == 130
    (line,) = error_lines(capsys.readouterr().err)
    assert line.startswith("interrupted")
    assert len(staged) > 2 and sorted(moves) == sorted(staged)  # moves went on after the Ctrl-C
    assert "articles/more/index.html" in staged
    (new,) = committing
    marker = sitegen.write.output.MARKER
    assert (output / marker).read_text() == f"{new.build_id}\n"
    after = snapshot(site / "build")
    assert {path for path, data in after.items() if data is not None} == new.produced | {marker}
    assert "articles/gone/index.html" not in after
    assert {path: after[path] for path in staged} == staged
    assert leftovers(site) == []
    # The same pages as a build that was not interrupted (the search index is made after the commit).
    assert build("--output", "fresh") == 0

    def pages(folder: Path) -> dict[str, bytes | None]:
        return {path: data for path, data in snapshot(folder).items()
                if not sitegen.write.search.in_bundle(path) and path != marker}

    assert pages(site / "build") == pages(site / "fresh")
    assert build() == 0 and (site / "build" / "articles" / "more" / "index.html").is_file()
    assert broken_links(site / "build") == []


# --- Output folder --------------------------------------------------------------------------


def test_output_under_a_regular_file_is_one_line(site: Path, capsys) -> None:
    write_files(site, {"seeds/good.txt": GOOD["good.txt"], "notes.txt": "not a folder"})
    assert build("--output", "notes.txt/site") == 1
    (line,) = error_lines(capsys.readouterr().err)
    assert line == (f"error: output folder {site}/notes.txt/site cannot be made: {site}/notes.txt "
                    "is a file, not a folder; choose another --output")
    assert (site / "notes.txt").read_text() == "not a folder"


def test_the_built_site_is_readable_by_a_web_server(site: Path) -> None:
    """The output folder follows the umask, not tempfile's private 0700."""
    write_files(site / "seeds", GOOD)
    old = os.umask(0o022)
    try:
        assert build() == 0
    finally:
        os.umask(old)
    assert (site / "build").stat().st_mode & 0o777 == 0o755


def _as_other_user() -> list[str]:
    """A command prefix that runs a process as 'nobody' when we are root, where chmod stops nothing."""
    if os.geteuid() != 0:
        return []
    prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    probe = subprocess.run([*prefix, sys.executable, "-c", "import sitegen"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip(f"cannot run Python as nobody here: {probe.stderr.decode()[-200:]}")
    return prefix


@pytest.fixture
def shared_site(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Like ``site``, but in a folder another user can reach (pytest's tmp_path is private)."""
    folder = Path(tempfile.mkdtemp(prefix="sitegen-hostile-"))
    folder.chmod(0o755)
    (folder / "seeds").mkdir()
    monkeypatch.chdir(folder)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_unwritable_output_folder_is_one_line_and_nothing_changes(shared_site: Path) -> None:
    site = shared_site
    write_files(site / "seeds", GOOD)
    assert build("--output", "out/build") == 0
    prefix = _as_other_user()
    before = snapshot(site / "out")
    write_files(site / "seeds", {"new.txt": "New\n\nA new article, so the build must write."})
    if prefix:  # the other user must own the cache, but not the output folder's parent
        for path in [site / ".sitegen", *(site / ".sitegen").iterdir()]:
            os.chown(path, 65534, 65534)
    (site / "out").chmod(0o555)
    try:
        result = subprocess.run([*prefix, sys.executable, "-m", "sitegen", "build", "--output",
                                 "out/build"], cwd=site, capture_output=True, text=True, timeout=120)
    finally:
        (site / "out").chmod(0o755)
    assert result.returncode == 1
    (line,) = error_lines(result.stderr)
    assert line == (f"error: cannot write next to the output folder {site}/out/build: Permission "
                    "denied; check its permissions or choose another --output")
    assert snapshot(site / "out") == before


# --- Templates ------------------------------------------------------------------------------


def test_runtime_error_in_a_template_names_file_and_line(site: Path, capsys) -> None:
    write_files(site, {"seeds/good.txt": GOOD["good.txt"],
                       "templates/article.html": '{% extends "base.html" %}\n{% block main %}\n\n'
                                                 "{{ article.no_such_field }}\n{% endblock %}\n"})
    assert build() == 1
    (line,) = error_lines(capsys.readouterr().err)
    assert line.startswith("error: templates/article.html:4: UndefinedError")
    assert not (site / "build").exists() and leftovers(site) == []


def test_a_missing_base_template_is_named(site: Path, capsys) -> None:
    write_files(site, {"seeds/good.txt": GOOD["good.txt"],
                       "templates/article.html": '{% extends "no-such-base.html" %}\n'})
    assert build() == 1
    (line,) = error_lines(capsys.readouterr().err)
    assert line.startswith("error: templates/article.html:1: template 'no-such-base.html' not found")


def test_a_missing_included_template_names_the_including_file_and_line(site: Path, capsys) -> None:
    write_files(site, {"seeds/good.txt": GOOD["good.txt"],
                       "templates/article.html": '{% extends "base.html" %}\n{% block main %}\n'
                                                 '{% include "partials/gone.html" %}\n{% endblock %}\n'})
    assert build() == 1
    (line,) = error_lines(capsys.readouterr().err)
    assert "templates/article.html:3:" in line and "partials/gone.html" in line


def test_a_template_that_is_not_utf8_is_one_line(site: Path, capsys) -> None:
    write_files(site, {"seeds/good.txt": GOOD["good.txt"],
                       "templates/article.html": b"\xff\xfe{{ article.title }}"})
    assert build() == 1
    (line,) = error_lines(capsys.readouterr().err)
    assert "templates/article.html" in line and "UTF-8" in line

"""Issue 13, nothing lost and nothing half-done: files sitegen did not write, a damaged output,
builds running at once, the leftovers of killed builds, and Ctrl-C at the very end.

Builds run as real ``sitegen`` processes where processes matter (locks, signals), with the
real Pagefind wherever a search index is made.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import SAMPLE, build, write_files
from test_hostile import error_lines, search_index_faults, snapshot

GOOD = {"good.txt": "Good news\n\nThe mayor opened the new bridge on Monday.",
        "more.txt": "More news\n\nThe council met on Tuesday, said Maria Lopez."}
USER_FILES = {".git/HEAD": "ref: refs/heads/gh-pages\n", ".git/config": "[core]\n",
              "CNAME": "news.example.org\n", "downloads/report.pdf": b"%PDF-1.4 the report"}


def sitegen(site: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """``sitegen build`` as its own process, in ``site``."""
    return subprocess.run([sys.executable, "-m", "sitegen", "build", *args], cwd=site,
                          capture_output=True, text=True, timeout=timeout)


def user_files(output: Path) -> dict[str, bytes]:
    return {name: (output / name).read_bytes() for name in USER_FILES if (output / name).is_file()}


def expected_user_files() -> dict[str, bytes]:
    return {name: data.encode() if isinstance(data, str) else data for name, data in USER_FILES.items()}


# --- Files sitegen did not write -----------------------------------------------------------


def test_a_moved_project_keeps_its_record_and_the_files_sitegen_did_not_write(
        site: Path, monkeypatch) -> None:
    write_files(site / "seeds", {**GOOD, "gone.txt": "Gone\n\nSoon removed."})
    assert build() == 0
    write_files(site / "build", USER_FILES)
    moved = site.parent / f"{site.name}-moved"
    site.rename(moved)
    monkeypatch.chdir(moved)
    (moved / "seeds" / "gone.txt").unlink()
    assert build() == 0
    assert user_files(moved / "build") == expected_user_files()
    assert not (moved / "build" / "articles" / "gone").exists()  # sitegen's own: removed


@pytest.mark.parametrize("lost", ["cache folder removed", "another cache"])
def test_without_its_record_a_build_refuses_to_delete_what_it_does_not_make(
        site: Path, capsys, lost: str) -> None:
    write_files(site / "seeds", GOOD)
    assert build() == 0
    write_files(site / "build", USER_FILES)
    before = snapshot(site / "build")
    if lost == "cache folder removed":
        shutil.rmtree(site / ".sitegen")
    else:
        write_files(site, {"sitegen.toml": 'cache = ".other-cache"\n'})
    capsys.readouterr()
    assert build() == 1
    (line,) = error_lines(capsys.readouterr().err)
    assert line == (f"error: {site}/build/downloads/report.pdf in the output folder are not made by "
                    "this build, and sitegen has no record of writing them (its record in the cache "
                    "folder is gone), so it will not delete them; nothing was changed. Move them out, "
                    "list them in 'keep_files' in sitegen.toml, or delete them, then build again")
    assert snapshot(site / "build") == before
    settings = (site / "sitegen.toml").read_text() if (site / "sitegen.toml").exists() else ""
    write_files(site, {"sitegen.toml": settings + 'keep_files = ["downloads"]\n'})
    write_files(site / "seeds", {"new.txt": "New\n\nA new story."})
    assert build() == 0
    assert user_files(site / "build") == expected_user_files()
    assert (site / "build" / "articles" / "new" / "index.html").is_file()


_KILL_MID_COMMIT = """
import os, sys
import sitegen.write.output as output
from sitegen.cli import main
replace, moves = os.replace, []
def replace_then_die(source, target):
    if output.INCOMPLETE == open(os.path.join("build", output.MARKER)).read().strip():
        moves.append(target)
        if len(moves) == 3:
            os.kill(os.getpid(), 9)  # killed half-way through putting the new site in place
    replace(source, target)
output.os.replace = replace_then_die
main(["build", "-q"])
"""


def test_a_build_killed_half_way_through_its_commit_leaves_the_next_one_a_record(site: Path) -> None:
    write_files(site / "seeds", {**GOOD, "gone.txt": "Gone\n\nSoon removed."})
    assert build() == 0
    write_files(site / "build", USER_FILES)
    (site / "seeds" / "gone.txt").unlink()
    write_files(site / "seeds", {f"new{n}.txt": f"New {n}\n\nStory {n}." for n in range(4)})
    killed = subprocess.run([sys.executable, "-c", _KILL_MID_COMMIT], cwd=site, capture_output=True,
                            text=True, timeout=300)
    assert killed.returncode == -9, killed.stderr
    assert (site / "build" / ".sitegen-build").read_text().strip() == "incomplete"
    result = sitegen(site)
    assert result.returncode == 0, result.stderr
    assert user_files(site / "build") == expected_user_files()
    assert not (site / "build" / "articles" / "gone").exists()
    assert sorted(p.name for p in (site / "build" / "articles").iterdir()) == [
        "good-news", "more-news", "new-0", "new-1", "new-2", "new-3"]
    assert search_index_faults(site / "build") == []


# --- A damaged output is repaired ----------------------------------------------------------


def test_a_page_deleted_by_hand_is_rendered_again_with_its_search_index(site: Path) -> None:
    write_files(site / "seeds", GOOD)
    assert build() == 0
    page = site / "build" / "articles" / "good-news" / "index.html"
    whole = page.read_bytes()
    page.unlink()
    write_files(site / "seeds", {"more.txt": GOOD["more.txt"] + "\n\nAn edit."})
    assert build() == 0  # was: FileNotFoundError in write/search.py, on every build
    assert page.read_bytes() == whole
    assert search_index_faults(site / "build") == []


@pytest.mark.parametrize("search", [True, False], ids=["search", "no search"])
def test_with_nothing_changed_a_missing_or_garbage_page_is_repaired(site: Path, search: bool) -> None:
    write_files(site, {"sitegen.toml": f"search = {str(search).lower()}\n"})
    write_files(site / "seeds", GOOD)
    assert build() == 0
    whole = snapshot(site / "build")
    (site / "build" / "articles" / "good-news" / "index.html").unlink()
    (site / "build" / "articles" / "more-news" / "index.html").write_text("garbage")
    (site / "build" / "index.html").write_bytes(whole["index.html"][:-1] + b"!")  # same size
    result = sitegen(site)
    assert result.returncode == 0, result.stderr
    assert "(3 rendered)" in result.stderr  # not "nothing changed"
    after = snapshot(site / "build")
    assert after.pop(".sitegen-build") != whole.pop(".sitegen-build")  # a new build
    assert after == whole


def test_a_damaged_search_index_is_made_again(site: Path) -> None:
    write_files(site / "seeds", GOOD)
    assert build() == 0
    bundle = site / "build" / "pagefind"
    (meta,) = bundle.glob("pagefind.*.pf_meta")
    meta.unlink()
    next(bundle.glob("fragment/*")).write_bytes(b"garbage")
    assert build() == 0
    assert search_index_faults(site / "build") == []
    assert build() == 0  # and it stays whole


# --- Builds at once --------------------------------------------------------------------------


def _start(site: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "sitegen", "build", *args], cwd=site,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


def test_four_builds_at_once_take_turns_and_leave_a_whole_site(site: Path) -> None:
    write_files(site / "seeds", {**GOOD, **{f"s{n}.txt": f"Story {n}\n\nThe story of {n}."
                                            for n in range(30)}})
    assert build() == 0
    shutil.rmtree(site / "build")  # warm cache, no output yet
    builds = [_start(site) for _ in range(4)]
    results = [(process.wait(timeout=300), process.communicate()[1]) for process in builds]
    assert [code for code, _ in results] == [0, 0, 0, 0], results
    waited = [stderr for _, stderr in results if "another build of this site is running (pid " in stderr]
    assert waited and all("waiting…" in stderr for stderr in waited)
    assert search_index_faults(site / "build") == []
    assert [p for p in site.iterdir() if p.name.startswith(".build.")] == []
    again = sitegen(site)
    assert again.returncode == 0 and "(0 rendered)" in again.stderr, again.stderr


def _holder(site: Path) -> int | None:
    """The pid written in the build lock, once a build holds it."""
    for lock in (site / ".sitegen").glob("*.lock"):
        text = lock.read_text().strip()
        if text:
            return int(text)
    return None


def test_no_wait_fails_clearly_and_a_killed_builds_lock_and_leftovers_are_taken_over(
        site: Path) -> None:
    story = SAMPLE.read_text(encoding="utf-8").split("\n", 2)[2]
    write_files(site / "seeds", {f"s{n:02d}.txt": f"Story {n}\n\n{story}" for n in range(24)})
    first = _start(site)  # a cold cache: it annotates for seconds
    deadline = time.monotonic() + 120
    while _holder(site) != first.pid and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert first.poll() is None, first.communicate()
    second = sitegen(site, "--no-wait")
    assert second.returncode == 1
    assert error_lines(second.stderr) == [
        f"error: another build of this site is running (pid {first.pid}) into {site}/build; wait "
        "for it to end, or build without --no-wait to wait for it"]
    os.killpg(first.pid, signal.SIGKILL)
    first.wait()
    # What killed builds leave beside the output, mid-write and mid-index.
    for leftover in (".build.staging-0123abcd", ".build.pagefind-x1y2z3"):
        write_files(site / leftover, {"articles/a/index.html": "half"})
    write_files(site, {".build.mine/notes.txt": "not a leftover"})
    started = time.monotonic()
    third = sitegen(site, "--no-wait")
    assert third.returncode == 0, third.stderr
    assert "another build" not in third.stderr
    assert time.monotonic() - started < 240
    assert sorted(p.name for p in site.iterdir() if p.name.startswith(".build.")) == [".build.mine"]


# --- Signals ---------------------------------------------------------------------------------


def test_sigterm_is_handled_like_ctrl_c(site: Path) -> None:
    write_files(site / "seeds", GOOD)
    assert build() == 0
    before = snapshot(site / "build")
    story = SAMPLE.read_text(encoding="utf-8").split("\n", 2)[2]
    write_files(site / "seeds", {f"s{n:02d}.txt": f"Story {n}\n\n{story}" for n in range(24)})
    process = _start(site)
    deadline = time.monotonic() + 120
    while _holder(site) != process.pid and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(0.5)  # into the annotation
    assert process.poll() is None
    process.terminate()  # SIGTERM to sitegen alone, as a service manager or `timeout` sends it
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 143
    assert error_lines(stderr) == ["interrupted; the output folder is unchanged, and the cache keeps "
                                   "the annotations finished so far"]
    assert snapshot(site / "build") == before
    assert [p for p in site.iterdir() if p.name.startswith(".build.")] == []


_CTRL_C_AFTER_THE_COMMIT = """
import os, signal, sys
import sitegen.cli as cli
info = cli.log.info
def interrupted_first(message, *args):
    if message.startswith("Built"):  # the build is done, its summary not printed yet
        os.kill(os.getpid(), signal.SIG{name})
    info(message, *args)
cli.log.info = interrupted_first
sys.argv = ["sitegen", "build"]
cli.run() if hasattr(cli, "run") else sys.exit(cli.main())
"""


@pytest.mark.parametrize(("name", "code"), [("INT", 130), ("TERM", 143)])
def test_a_signal_after_the_commit_says_the_site_is_complete(site: Path, name: str, code: int) -> None:
    """Was: exit 130 saying "the output folder is unchanged" though build/ had been updated, or
    the normal summary and then exit 130 with no word why."""
    write_files(site / "seeds", GOOD)
    assert build() == 0
    write_files(site / "seeds", {"new.txt": "New\n\nA new story."})
    result = subprocess.run([sys.executable, "-c", _CTRL_C_AFTER_THE_COMMIT.replace("{name}", name)],
                            cwd=site, capture_output=True, text=True, timeout=300)
    assert result.returncode == code, result.stderr
    summary, last = error_lines(result.stderr)
    assert summary.startswith("Built 3 articles")
    assert last == (f"interrupted once the new site was being put in place, so the build finished "
                    f"first: {site}/build is complete and up to date")
    assert (site / "build" / "articles" / "new" / "index.html").is_file()
    assert search_index_faults(site / "build") == []

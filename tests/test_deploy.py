"""`sitegen deploy` against a real local bare repository standing in for GitHub."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest
from conftest import write_files

from sitegen.cli import main
from sitegen.config import THEME_DIR


def git(*args: str, cwd: Path | None = None) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return result.stdout.rstrip()


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A site repository on branch main, pushed to a bare 'origin' in tmp_path; the cwd."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)  # no user settings (hooks, signing)
    git("init", "-q", "--bare", str(tmp_path / "origin.git"))
    work = tmp_path / "site"
    work.mkdir()
    monkeypatch.chdir(work)
    git("init", "-q", "-b", "main")
    git("config", "user.name", "Editor")
    git("config", "user.email", "editor@example.org")
    write_files(work, {
        ".gitignore": "build/\n.sitegen/\n",
        "seeds/first.txt": "First story\n\nAlice Smith said the harbour was calm.",
        "seeds/second.txt": "Second story\n\nBob Jones visited Paris on Monday.",
    })
    git("add", ".")
    git("commit", "-q", "-m", "Articles")
    git("remote", "add", "origin", str(tmp_path / "origin.git"))
    git("push", "-q", "origin", "main")
    return work


def built_files(output: Path) -> set[str]:
    return {p.relative_to(output).as_posix() for p in output.rglob("*") if p.is_file()}


def branch_files(repository: Path, branch: str) -> set[str]:
    return set(git("ls-tree", "-r", "--name-only", branch, cwd=repository).splitlines())


def test_deploy_publishes_exactly_the_build_and_keeps_history(repo: Path) -> None:
    origin = repo.parent / "origin.git"
    head = git("rev-parse", "HEAD")
    assert main(["build", "-q"]) == 0
    assert main(["deploy", "-q", "--message", "First publication"]) == 0
    assert branch_files(origin, "gh-pages") == built_files(repo / "build")
    assert {".nojekyll", "index.html", "articles/first-story/index.html"} <= built_files(repo / "build")
    assert git("log", "-1", "--format=%s", "gh-pages", cwd=origin) == "First publication"

    write_files(repo, {"seeds/second.txt": "Second story\n\nBob Jones came home from Paris."})
    (repo / "seeds" / "first.txt").unlink()
    assert main(["build", "-q"]) == 0
    assert main(["deploy", "-q"]) == 0
    assert branch_files(origin, "gh-pages") == built_files(repo / "build")
    assert "articles/first-story/index.html" not in branch_files(origin, "gh-pages")
    page = git("show", "gh-pages:articles/second-story/index.html", cwd=origin)
    assert "came home from Paris" in page
    assert git("rev-list", "--count", "gh-pages", cwd=origin) == "2"
    assert git("log", "-1", "--format=%s", "gh-pages", cwd=origin).startswith("Publish the site built")

    # The working branch, its remote copy, and the working tree are untouched.
    assert git("rev-parse", "HEAD") == head
    assert git("symbolic-ref", "--short", "HEAD") == "main"
    assert git("rev-parse", "main", cwd=origin) == head
    assert set(git("status", "--porcelain").splitlines()) == {" D seeds/first.txt", " M seeds/second.txt"}


def test_no_push_commits_the_local_branch_only(repo: Path) -> None:
    assert main(["build", "-q"]) == 0
    assert main(["deploy", "-q", "--no-push", "--branch", "pages"]) == 0
    assert branch_files(repo, "pages") == built_files(repo / "build")
    remote_branches = git("branch", "--list", cwd=repo.parent / "origin.git")
    assert "pages" not in remote_branches and "main" in remote_branches


def test_missing_or_stale_build_is_refused(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["deploy"]) == 1
    assert "does not exist" in capsys.readouterr().err
    assert main(["build", "-q"]) == 0
    marker_time = (repo / "build" / ".sitegen-build").stat().st_mtime
    later = (marker_time + 10, marker_time + 10)
    for name in ("seeds/first.txt", "templates/page.html", "static/extra.css", "sitegen.toml"):
        path = repo / name
        original = path.exists()
        if not original:
            write_files(repo, {name: 'title = "Archive"\n' if name.endswith(".toml") else "x"})
        os.utime(path, later)
        assert main(["deploy"]) == 1
        message = capsys.readouterr().err
        assert f"older than {name}" in message and "sitegen build" in message, message
        if original:
            os.utime(path, (marker_time - 10, marker_time - 10))
        else:
            path.unlink()
    assert main(["deploy", "-q"]) == 0
    assert "gh-pages" in git("branch", "--list", cwd=repo.parent / "origin.git")


def test_a_newer_theme_file_makes_the_build_stale(repo: Path, capsys) -> None:
    """The default theme is an input too: deploy checks the files serve watches."""
    assert main(["build", "-q"]) == 0
    theme = [p for folder in ("templates", "static") for p in (THEME_DIR / folder).rglob("*")
             if p.is_file()]
    newest = max(p.stat().st_mtime for p in theme)
    # Make the site's own files older than the theme, and the build older than its newest file.
    for path in [*(repo / "seeds").rglob("*"), repo / "build" / ".sitegen-build"]:
        os.utime(path, (newest - 100, newest - 100))
    assert main(["deploy"]) == 1
    message = capsys.readouterr().err
    assert f"older than {THEME_DIR}" in message and "sitegen build" in message, message
    assert git("branch", "--list", "gh-pages") == ""


def test_only_inputs_make_the_build_stale(repo: Path, capsys) -> None:
    assert main(["build", "-q"]) == 0
    later = time.time() + 10
    # An editor's leftovers and the annotation cache are not inputs.
    write_files(repo, {"seeds/first.txt~": "old", "seeds/.first.txt.swp": "swap"})
    for path in [repo / "seeds" / "first.txt~", repo / "seeds" / ".first.txt.swp",
                 *(repo / ".sitegen").iterdir()]:
        os.utime(path, (later, later))
    assert main(["deploy", "-q", "--no-push"]) == 0, capsys.readouterr().err
    # A settings file named with --config is an input like sitegen.toml.
    write_files(repo, {"archive.toml": 'title = "Archive"\n'})
    assert main(["build", "-q", "--config", "archive.toml"]) == 0
    os.utime(repo / "archive.toml", (later, later))
    assert main(["deploy", "--no-push", "--config", "archive.toml"]) == 1
    assert "older than archive.toml" in capsys.readouterr().err


def test_missing_remote_is_refused(repo: Path, capsys) -> None:
    assert main(["build", "-q"]) == 0
    assert main(["deploy", "--remote", "upstream"]) == 1
    assert "no git remote 'upstream'" in capsys.readouterr().err
    assert git("branch", "--list", "gh-pages") == ""


def test_outside_a_git_repository_is_refused(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    write_files(tmp_path, {"seeds/a.txt": "A story\n\nBody."})
    assert main(["build", "-q"]) == 0
    assert main(["deploy"]) == 1
    assert "not in a git repository" in capsys.readouterr().err

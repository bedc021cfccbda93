"""Issue 13, paths that must be refused: an output or cache folder inside an input folder,
and symbolic links out of the project's folders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import build, write_files
from test_hostile import error_lines

from sitegen.cli import main

GOOD = {"good.txt": "Good news\n\nThe mayor opened the new bridge on Monday."}


def _refusal(kind: str, folder: Path, name: str, inside: Path, option: str) -> str:
    return (f"error: the {kind} folder {folder} is inside the {name} {inside}, so each build would "
            f"read the last one's files as its input; choose one outside it with {option}")


def test_an_output_folder_inside_the_content_folder_is_refused_at_once(site: Path, capsys) -> None:
    """Was: the first build worked, every later one failed with a line per page it had made."""
    write_files(site / "seeds", GOOD)
    assert build("--output", "seeds/site") == 1
    (line,) = error_lines(capsys.readouterr().err)
    assert line == _refusal("output", site / "seeds" / "site", "content folder", site / "seeds",
                            "--output")
    assert not (site / "seeds" / "site").exists()


def test_building_from_inside_the_content_folder_is_refused(site: Path, capsys, monkeypatch) -> None:
    write_files(site / "posts", GOOD)
    monkeypatch.chdir(site / "posts")
    assert build("--source", ".") == 1  # the default output, build/, is then inside it
    (line,) = error_lines(capsys.readouterr().err)
    assert line == _refusal("output", site / "posts" / "build", "content folder", site / "posts",
                            "--output")


def test_a_cache_folder_inside_the_content_folder_is_refused(site: Path, capsys) -> None:
    write_files(site, {"sitegen.toml": 'cache = "seeds/cache"\n', "seeds/good.txt": GOOD["good.txt"]})
    assert build() == 1
    (line,) = error_lines(capsys.readouterr().err)
    assert line == _refusal("cache", site / "seeds" / "cache", "content folder", site / "seeds",
                            "'cache' in sitegen.toml")


def test_an_output_folder_inside_static_is_refused(site: Path, capsys) -> None:
    """Was: the site copied itself into itself and grew at every build."""
    write_files(site, {"static/site.css": "body {}", **{f"seeds/{k}": v for k, v in GOOD.items()}})
    assert build("--output", "static/site") == 1
    (line,) = error_lines(capsys.readouterr().err)
    assert line == _refusal("output", site / "static" / "site", "static folder", site / "static",
                            "--output")


# --- Symbolic links ---------------------------------------------------------------------------


@pytest.fixture
def linked_site(site: Path) -> Path:
    write_files(site, {"seeds/good.txt": GOOD["good.txt"], "static/site.css": "body {}",
                       "outside/secret.txt": "Secret\n\nNot for the archive.",
                       "outside/folder/other.txt": "Other\n\nNot for it either."})
    os.symlink(site / "outside" / "secret.txt", site / "seeds" / "secret.txt")
    os.symlink("good.txt", site / "seeds" / "again.txt")
    os.symlink(site / "outside" / "folder", site / "seeds" / "folder")
    os.symlink("/etc/passwd", site / "static" / "passwd")
    return site


def test_links_out_of_the_project_folders_are_not_followed_and_said(linked_site: Path, capsys) -> None:
    site = linked_site
    assert main(["build"]) == 0  # not -q: warnings shown
    stderr = capsys.readouterr().err
    assert sorted(p.name for p in (site / "build" / "articles").iterdir()) == ["good-news"]
    assert not (site / "build" / "static" / "passwd").exists()
    lines = error_lines(stderr)
    assert (f"seeds/secret.txt: a symbolic link to {site}/outside/secret.txt, outside the content "
            "folder: not published (links are not followed out of the content folder); copy the "
            "file in instead") in lines
    assert ("seeds/again.txt: a symbolic link to good.txt, which is in the content folder itself: "
            "left out, so the file counts once") in lines
    assert (f"seeds/folder: a symbolic link to a folder ({site}/outside/folder) is not followed; "
            "copy the folder into the content folder") in lines
    assert ("static/passwd: a symbolic link to /etc/passwd, outside the static folder: not published "
            "(links are not followed out of the static folder); copy the file in instead") in lines
    first_line = Path("/etc/passwd").read_bytes().splitlines()[0]
    assert not any(first_line in p.read_bytes() for p in (site / "build").rglob("*") if p.is_file())


def test_a_link_inside_the_folder_to_a_file_not_listed_counts_once(site: Path) -> None:
    write_files(site, {"seeds/good.txt": GOOD["good.txt"],
                       "seeds/.drafts/hidden.txt": "Hidden\n\nShown through its links."})
    os.symlink(".drafts/hidden.txt", site / "seeds" / "shown.txt")
    os.symlink(".drafts/hidden.txt", site / "seeds" / "twice.txt")
    assert build() == 0
    assert sorted(p.name for p in (site / "build" / "articles").iterdir()) == ["good-news", "hidden"]


def test_a_template_linked_from_outside_the_templates_folder_is_refused(site: Path, capsys) -> None:
    write_files(site, {"seeds/good.txt": GOOD["good.txt"],
                       "outside/article.html": '{% extends "base.html" %}{% block main %}'
                                               "{{ article.title }}{% endblock %}"})
    (site / "templates").mkdir()
    os.symlink(site / "outside" / "article.html", site / "templates" / "article.html")
    assert build() == 1
    assert error_lines(capsys.readouterr().err) == [
        f"error: templates/article.html: a symbolic link to {site}/outside/article.html, outside the "
        "templates folder: not followed; copy the template in instead"]

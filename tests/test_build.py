"""End-to-end builds of small sites written in tmp_path."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SAMPLE, broken_links, build, parse_page, write_files

from sitegen.cli import main
from sitegen.write.output import StagedOutput


def article_pages(output: Path) -> list[Path]:
    return sorted(output.glob("articles/*/index.html"))


def test_sample_builds_with_title_and_every_paragraph(site: Path) -> None:
    (site / "seeds" / SAMPLE.name).write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    assert build() == 0
    (page,) = article_pages(site / "build")
    parser = parse_page(page)
    body = parser.text_of("body-text")
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    assert parser.text_of("article-title") == lines[0]
    for paragraph in filter(None, lines[2:]):
        assert paragraph in body
    assert (site / "build" / "index.html").is_file()
    assert (site / "build" / "404.html").is_file()
    assert (site / "build" / ".nojekyll").is_file()
    assert broken_links(site / "build") == []


def _dated_site(site: Path, count: int) -> None:
    write_files(site / "seeds", {
        f"2020-01-{day:02d}-day-{day}.txt": f"Story of day {day}\n\nSomething happened on day {day}."
        for day in range(1, count + 1)
    })


def test_home_page_lists_newest_first_and_paginates(site: Path) -> None:
    _dated_site(site, 7)
    assert build("--page-size", "3") == 0
    output = site / "build"
    first = parse_page(output / "index.html")
    titles = [el[1].get("href") for el in first.elements if el[0] == "a" and
              (el[1].get("href") or "").startswith("articles/")]
    assert titles == ["articles/story-of-day-7/index.html", "articles/story-of-day-6/index.html",
                      "articles/story-of-day-5/index.html"]
    assert (output / "page" / "2" / "index.html").is_file()
    assert (output / "page" / "3" / "index.html").is_file()
    assert not (output / "page" / "4").exists()
    last = parse_page(output / "page" / "3" / "index.html")
    assert "../2/index.html" in last.links
    assert broken_links(output) == []


def test_articles_link_to_their_neighbours(site: Path) -> None:
    _dated_site(site, 3)
    assert build() == 0
    middle = parse_page(site / "build" / "articles" / "story-of-day-2" / "index.html")
    assert "../story-of-day-3/index.html" in middle.links
    assert "../story-of-day-1/index.html" in middle.links


def test_html_in_text_is_escaped(site: Path) -> None:
    write_files(site / "seeds", {
        "a.txt": "<script>alert('t')</script> {{ 7*7 }}\n\nBody <b>bold</b> {% if x %} & <img src=x>",
    })
    assert build() == 0
    html = next((site / "build" / "articles").glob("*/index.html")).read_text()
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    assert "<b>bold</b>" not in html and "&lt;b&gt;bold&lt;/b&gt;" in html
    assert "{{ 7*7 }}" in html and "49" not in html and "{% if x %}" in html


def _tree(folder: Path) -> dict[str, bytes | None]:
    """Every file under ``folder`` with its bytes, and every folder (None)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() if p.is_file() else None
            for p in folder.rglob("*")}


def _beside_build(site: Path) -> list[str]:
    """What a build left next to build/: its staging folder is ``.build.staging-*`` there."""
    return [p.name for p in site.iterdir() if p.name.startswith(".build.")]


def test_bad_input_fails_and_leaves_build_untouched(site: Path, capsys, monkeypatch) -> None:
    write_files(site / "seeds", {"good.txt": "Good\n\nBody."})
    assert build() == 0
    before = _tree(site / "build")
    write_files(site / "seeds", {"bad.txt": b"Title\n\n\xff\xfe bad", "empty.txt": ""})
    assert build() == 1
    errors = capsys.readouterr().err.splitlines()
    assert any(m.startswith("seeds/bad.txt:3: not UTF-8") for m in errors)
    assert any(m.startswith("seeds/empty.txt:1: empty file") for m in errors)
    assert _tree(site / "build") == before
    assert _beside_build(site) == []
    # Now a failure once pages are staged: a new article is, then the 404 page's template fails.
    for name in ("bad.txt", "empty.txt"):
        (site / "seeds" / name).unlink()
    write_files(site, {"seeds/more.txt": "More\n\nAnother story.",
                       "templates/404.html": '{% extends "base.html" %}\n{% block main %}\n'
                                             "{{ no_such_thing.title }}\n{% endblock %}\n"})
    staged: list[tuple[Path, str]] = []  # (staging folder, path) of each write
    write = StagedOutput.write

    def note_write(self: StagedOutput, path: str, data: str | bytes) -> None:
        staged.append((self.staging, path))
        write(self, path, data)

    monkeypatch.setattr(StagedOutput, "write", note_write)
    assert build() == 1
    assert "templates/404.html:3: UndefinedError" in capsys.readouterr().err
    assert "articles/more/index.html" in [path for _, path in staged]
    staging = staged[0][0]
    assert staging.parent == site.resolve() and staging.name.startswith(".build.staging-")
    assert _tree(site / "build") == before
    assert _beside_build(site) == []


def test_keep_going_builds_the_good_articles_and_exits_1(site: Path) -> None:
    write_files(site / "seeds", {"good.txt": "Good\n\nBody.", "empty.txt": ""})
    assert build("--keep-going") == 1
    assert [p.parent.name for p in article_pages(site / "build")] == ["good"]


def test_output_folder_not_made_by_sitegen_is_refused(site: Path) -> None:
    write_files(site, {"seeds/a.txt": "A\n\nBody.", "precious/notes.txt": "keep me"})
    assert build("--output", "precious") == 1
    assert (site / "precious" / "notes.txt").read_text() == "keep me"
    assert build("--output", ".") == 1
    assert (site / "seeds" / "a.txt").exists()


def test_editor_leftovers_in_the_content_folder_are_not_articles(site: Path, capsys) -> None:
    # What editors leave beside a saved file: a backup, a Vim swap file, an Emacs auto-save.
    write_files(site / "seeds", {
        "a.txt": "A story\n\nAlice Smith said the harbour was calm.",
        "a.txt~": "An older story\n\nThe backup.",
        ".a.txt.swp": b"b0VIM 9.0\x00",
        "#a.txt#": "An unsaved story\n\nThe auto-save.",
        "politics/b.md~": "---\ntitle: Old\n---\nBody",
    })
    assert build() == 0, capsys.readouterr().err
    assert [p.parent.name for p in article_pages(site / "build")] == ["a-story"]


def test_an_output_folder_inside_the_content_folder_is_not_read(site: Path, capsys) -> None:
    write_files(site / "seeds", {"a.txt": "A story\n\nBody."})
    assert build("--output", "seeds/site") == 0
    write_files(site / "seeds", {"b.txt": "B story\n\nBody."})
    assert build("--output", "seeds/site") == 0, capsys.readouterr().err
    assert [p.parent.name for p in article_pages(site / "seeds" / "site")] == ["a-story", "b-story"]


def test_config_file_sets_title_and_page_size(site: Path) -> None:
    _dated_site(site, 3)
    write_files(site, {"sitegen.toml": 'title = "Daily Record"\npage_size = 2\n'})
    assert build() == 0
    home = (site / "build" / "index.html").read_text()
    assert "<title>Daily Record</title>" in home
    assert (site / "build" / "page" / "2" / "index.html").exists()


def test_broken_config_names_file_and_line(site: Path, capsys) -> None:
    write_files(site, {"sitegen.toml": 'title = "x"\npage_size = "many"\nwhat = 1\n'})
    assert build() == 1
    message = capsys.readouterr().err
    assert "'page_size' must be a whole number" in message and "unknown setting 'what'" in message
    write_files(site, {"sitegen.toml": 'title = "x\n'})
    assert build() == 1
    assert "sitegen.toml:1: not valid TOML" in capsys.readouterr().err


def test_broken_template_names_file_and_line(site: Path, capsys) -> None:
    write_files(site, {"seeds/a.txt": "A\n\nBody.",
                       "templates/article.html": '{% extends "base.html" %}\n{% block main %}\n'
                                                 "{{ article.title \n{% endblock %}\n"})
    assert build() == 1
    message = capsys.readouterr().err
    assert "templates/article.html:4: expected token" in message


def test_usage_errors_exit_2(site: Path) -> None:
    assert main(["build", "--no-such-flag"]) == 2
    assert main([]) == 2


@pytest.mark.parametrize("command", ["build", "serve"])
def test_bad_option_values_get_the_settings_file_message_and_exit_2(site: Path, capsys,
                                                                     command: str) -> None:
    # `serve --page-size 0` once reached range() inside the preview build: a traceback.
    port = ["--port", "0"] if command == "serve" else []
    assert main([command, "--page-size", "0", "--jobs", "-1", *port]) == 2
    errors = capsys.readouterr().err
    assert "--page-size must be a whole number of at least 1, not 0" in errors
    assert "--jobs must be a whole number of at least 1, not -1" in errors
    assert "Traceback" not in errors and not (site / "build").exists()
    write_files(site, {"sitegen.toml": "page_size = 0\n"})
    assert main([command, *port]) == 1
    assert "'page_size' must be a whole number of at least 1, not 0" in capsys.readouterr().err


def test_help_documents_every_option() -> None:
    result = subprocess.run([sys.executable, "-m", "sitegen", "build", "--help"],
                            capture_output=True, text=True, check=True)
    for option in ("--source", "--output", "--config", "--keep-going", "--quiet", "--verbose",
                   "--base-url", "--jobs", "--model", "--page-size"):
        assert option in result.stdout


def test_sections_table_titles_section_folders_and_topics_false_bans_one(site: Path) -> None:
    write_files(site, {
        "seeds/nyt/a.txt": "Rain in Paris\n\nParis was wet. Paris was grey.",
        "seeds/nyt/b.txt": "Sun in Paris\n\nParis was hot. Paris was bright.",
        "seeds/usa-today/c.txt": "Snow in Paris\n\nParis was white. Paris was cold.",
        "sitegen.toml": '[sections]\nnyt = "The New York Times"\n\n[topics]\n"Paris" = false\n',
    })
    assert build() == 0
    import json

    topics = {t["name"]: t["kind"] for t in json.loads((site / "build/data/topics.json").read_text())}
    assert topics == {"The New York Times": "section", "USA Today": "section"}
    home = (site / "build" / "index.html").read_text()
    assert ">The New York Times</a>" in home and "Nyt" not in home


def test_a_bad_sections_table_or_topic_value_is_reported(site: Path, capsys) -> None:
    write_files(site, {"sitegen.toml": '[sections]\nnyt = 3\n\n[topics]\n"CNN" = true\n'})
    assert build() == 1
    message = capsys.readouterr().err
    assert "'sections' must be a table of section folders" in message
    assert "topic 'CNN' must list its synonyms, or be false" in message

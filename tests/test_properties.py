"""Property tests: annotations add markup but never change, add or drop a character.

Any plain-text article (any Unicode: quotes, <, &, braces, emoji, right-to-left text) is built
for real, spaCy included, and the article page must parse as balanced HTML whose title and
body text are exactly the article's.
"""

from __future__ import annotations

import contextlib
import tempfile
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from conftest import block_texts, build, parse_page, write_files
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

# Everything but NUL (it makes a file binary), CR and LF (they end lines) and surrogates (not
# encodable): the plain format's own syntax is only lines and blank lines. Other control
# characters are in (issue 13: a BEL made feed.xml not well-formed); sitegen drops them, and
# vertical tab and form feed are white space (``shown``).
CHARACTERS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\0\r\n")
_DROPPED = {code: None for code in (*range(0x01, 0x09), *range(0x0E, 0x20), *range(0x7F, 0xA0),
                                    0xFFFE, 0xFFFF)} | {0x0B: " ", 0x0C: " "}


def shown(text: str) -> str:
    """The text as a page shows it: control characters dropped, VT and FF as spaces."""
    return text.translate(_DROPPED)

# Snippets the annotator reacts to, so highlights land among the odd characters.
SNIPPETS = st.sampled_from([
    "“We will not back down,” said Prime Minister Tony Blair.",
    '"It is {{ over }}," Angela Merkel told reporters in Berlin.',
    "Apple & Google paid $3.5 million <to> the European Commission.",
    "Unemployment fell 2.5% in Cardiff, the Office for National Statistics said.",
    "‘Yes’, she said — {% not a tag %} — and left for Zürich.",
    "John Smith of Acme Corp. met Jane Doe.",
])

LINE = st.text(CHARACTERS, min_size=1, max_size=60).filter(lambda line: bool(shown(line).strip()))
PIECE = st.one_of(LINE, SNIPPETS)
# A paragraph: hard-wrapped lines, each some random text and/or a snippet.
PARAGRAPH = st.lists(st.builds(lambda a, b: f"{a} {b}", PIECE, PIECE) | PIECE, min_size=1, max_size=3)
TITLE = st.one_of(LINE, SNIPPETS).filter(lambda title: not shown(title).startswith("\ufeff"))


def _article(title: str, paragraphs: list[list[str]]) -> tuple[str, list[str]]:
    """The file's text and the paragraphs its page must show (wrapped lines joined by a space)."""
    text = title + "\n\n" + "\n\n".join("\n".join(lines) for lines in paragraphs) + "\n"
    expected = [" ".join(shown(line).strip() for line in lines) for lines in paragraphs]
    return text, expected


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=TITLE, paragraphs=st.lists(PARAGRAPH, min_size=1, max_size=5))
def test_article_page_text_is_exactly_the_article_text(title: str, paragraphs: list[list[str]]) -> None:
    text, expected = _article(title, paragraphs)
    # Hypothesis runs many examples per test, so each gets its own site (not the tmp_path fixture).
    with tempfile.TemporaryDirectory() as folder, contextlib.chdir(folder):
        site = Path(folder)
        write_files(site, {"seeds/article.txt": text, "sitegen.toml": "search = false\n"})
        assert build("--jobs", "1") == 0
        (page,) = (site / "build" / "articles").glob("*/index.html")
        parser = parse_page(page)  # balanced tags, or it fails
        assert parser.text_of("article-title") == shown(title).strip()
        assert block_texts(page) == expected
        for feed in (site / "build").rglob("*.xml"):
            ElementTree.parse(feed)  # well-formed XML, whatever the characters
        # Nothing but the paragraphs: the body's text is theirs and whitespace between them.
        assert "".join(parser.text_of("body-text").split()) == "".join("".join(expected).split())

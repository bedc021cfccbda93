"""The archive's plain format: title, blank line, paragraphs separated by blank lines."""

from __future__ import annotations

from sitegen.read.captions import is_caption
from sitegen.read.layout import LayoutBuilder
from sitegen.read.source import ParsedArticle, ReadProblem


def parse_plain(text: str) -> ParsedArticle:
    """Parse a ``.txt`` article; hard-wrapped lines inside a paragraph are joined."""
    lines = text.split("\n")
    title = lines[0].strip()
    if not title:
        raise ReadProblem("no title: the first line must be the article's title", 1)
    if len(lines) > 1 and lines[1].strip():
        raise ReadProblem(
            "expected a blank line after the title (title on line 1, then a blank line, "
            "then paragraphs separated by blank lines)",
            2,
        )
    paragraphs = _paragraphs(lines[1:])
    if not paragraphs:
        raise ReadProblem("the article has a title but no body: add paragraphs after line 2", 1)
    builder = LayoutBuilder()
    for paragraph in paragraphs:
        builder.start_block()
        if is_caption(paragraph):
            builder.html('<figure class="caption"><figcaption>')
            builder.text(paragraph)
            builder.html("</figcaption></figure>\n")
        else:
            builder.html("<p>")
            builder.text(paragraph)
            builder.html("</p>\n")
    body, layout, starts = builder.build()
    return ParsedArticle(title=title, text=body, layout=layout, paragraph_starts=starts)


def _paragraphs(lines: list[str]) -> list[str]:
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        stripped = line.strip()
        if stripped:
            current.append(stripped)
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs

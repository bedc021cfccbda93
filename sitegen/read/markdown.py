"""Markdown articles as Jekyll, Hugo, Zola and Pelican users write them.

Front matter in any of their forms (``frontmatter``), template tags expanded or left
out (``liquid``), then markdown-it-py: CommonMark with tables, strikethrough,
footnotes, definition lists, task lists, heading ids (kramdown's ``{#id}`` or made
from the heading) and raw HTML, which is sanitised before it reaches the page (``html``).
"""

from __future__ import annotations

import re
from datetime import UTC, tzinfo
from html import escape
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from sitegen.read.frontmatter import split_front_matter
from sitegen.read.html import sanitize, write_html
from sitegen.read.layout import LayoutBuilder
from sitegen.read.liquid import expand
from sitegen.read.meta import FieldProblem, read_fields
from sitegen.read.source import ParsedArticle, ReadProblem

_MARKDOWN = (MarkdownIt("commonmark", {"html": True, "typographer": False})
             .enable(["table", "strikethrough"])
             .use(footnote_plugin).use(deflist_plugin).use(tasklists_plugin))
_HEADING_ATTRIBUTES = re.compile(r"\s*\{:?\s*((?:[#.][\w-]+\s*|[\w-]+=\S+\s*)+)\}\s*$")
_BLOCK_ATTRIBUTES = re.compile(r"^\s*\{:[^}]*\}\s*$")  # kramdown's "{: .class}" on its own line
_TRAILING_BLOCK_ATTRIBUTES = re.compile(r"\n\s*\{:[^}\n]*\}\s*$")


def parse_markdown(text: str, zone: tzinfo = UTC) -> ParsedArticle:
    """Parse a Markdown article: front matter (any form), then its body."""
    front = split_front_matter(text)
    try:
        fields = read_fields(front.meta, zone)
    except FieldProblem as problem:
        raise ReadProblem(problem.message, front.line_of(problem.key)) from None
    warnings: list[tuple[int, str]] = []

    def warn(offset: int, message: str) -> None:
        warnings.append((front.body_line + front.body.count("\n", 0, offset), message))

    body = expand(front.body, front.meta, warn)
    env: dict[str, Any] = {}
    tokens = _MARKDOWN.parse(body, env)
    title = fields.title or _take_leading_heading(tokens)
    if not title:
        raise ReadProblem("no title: add 'title:' to the front matter or start with '# Title'", 1)
    _prepare(tokens)
    builder = LayoutBuilder()
    write_html(sanitize(_MARKDOWN.renderer.render(tokens, _MARKDOWN.options, env)), builder)
    plain, layout, starts = builder.build()
    if not plain.strip() and not any(layout.html):
        if front.kind is None:
            raise ReadProblem("the article has a title but no body", front.body_line)
        # Jekyll and Hugo publish a post that has only its front matter: so does sitegen.
        warnings.append((front.body_line, "the article has a title but no body; it is published "
                                          "with its title only"))
    return ParsedArticle(
        title=title, text=plain, layout=layout, paragraph_starts=starts, date=fields.date,
        published=fields.published, updated=fields.updated, authors=fields.authors,
        summary=fields.summary, topics=fields.topics, slug=fields.slug, draft=fields.draft,
        image=fields.image, old_urls=fields.old_urls, meta=dict(front.meta),
        front_matter=front.kind, warnings=tuple(warnings),
    )


def _take_leading_heading(tokens: list[Token]) -> str | None:
    """Use a leading ``# Heading`` as the title and drop it from the body."""
    if len(tokens) >= 3 and tokens[0].type == "heading_open" and tokens[0].tag == "h1":
        title = _HEADING_ATTRIBUTES.sub("", tokens[1].content).strip()
        del tokens[:3]
        return title
    return None


def _prepare(tokens: list[Token]) -> None:
    """Heading ids, kramdown's attribute lines dropped, captioned images made figures."""
    taken: set[str] = set()
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "heading_open":
            _heading_id(token, tokens[index + 1], taken)
        elif token.type == "inline" and _BLOCK_ATTRIBUTES.match(token.content):
            if index and tokens[index - 1].type == "paragraph_open":
                del tokens[index - 1 : index + 2]
                index -= 1
                continue
        elif token.type == "inline":
            _drop_trailing_attributes(token)
        if _is_captioned_image(tokens, index):
            tokens[index : index + 3] = [_figure(tokens[index + 1].children[0])]  # type: ignore[index]
        index += 1


def _heading_id(opening: Token, inline: Token, taken: set[str]) -> None:
    """``## Title {#id}`` keeps its id (kramdown, Hugo); other headings get one from their text."""
    wanted = None
    match = _HEADING_ATTRIBUTES.search(inline.content)
    if match:
        inline.content = inline.content[: match.start()]
        last = (inline.children or [None])[-1]
        if last is not None and last.type == "text":
            last.content = _HEADING_ATTRIBUTES.sub("", last.content)
        wanted = next((part[1:] for part in match[1].split() if part.startswith("#")), None)
    if wanted is None:
        text = "".join(child.content for child in inline.children or [] if child.type in
                       ("text", "code_inline"))
        wanted = re.sub(r"[^\w\- ]", "", text.casefold()).strip().replace(" ", "-") or "section"
    unique, number = wanted, 1
    while unique in taken:
        unique, number = f"{wanted}-{number}", number + 1
    taken.add(unique)
    opening.attrSet("id", unique)


def _drop_trailing_attributes(token: Token) -> None:
    """A kramdown ``{: .class}`` line at the end of a paragraph is markup, not text."""
    if not _TRAILING_BLOCK_ATTRIBUTES.search(token.content):
        return
    token.content = _TRAILING_BLOCK_ATTRIBUTES.sub("", token.content)
    children = token.children or []
    while children and (children[-1].type == "softbreak"
                        or (children[-1].type == "text" and _BLOCK_ATTRIBUTES.match(children[-1].content))):
        children.pop()
    while children and children[-1].type == "softbreak":
        children.pop()


def _is_captioned_image(tokens: list[Token], index: int) -> bool:
    """A paragraph holding only an image with a title becomes a <figure>."""
    if tokens[index].type != "paragraph_open" or index + 2 >= len(tokens):
        return False
    children = tokens[index + 1].children or []
    return len(children) == 1 and children[0].type == "image" and bool(children[0].attrGet("title"))


def _figure(image: Token) -> Token:
    alt = "".join(child.content for child in image.children or [])
    html = (f'<figure><img src="{escape(str(image.attrGet("src") or ""))}" alt="{escape(alt)}" '
            f'title="{escape(str(image.attrGet("title")))}">'
            f"<figcaption>{escape(str(image.attrGet('title')))}</figcaption></figure>\n")
    token = Token("html_block", "", 0)
    token.content = html
    return token

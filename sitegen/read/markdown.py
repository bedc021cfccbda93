"""Markdown articles with YAML front matter, rendered by markdown-it-py (CommonMark + tables)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from sitegen.read.layout import LayoutBuilder
from sitegen.read.source import ParsedArticle, ReadProblem

# Raw HTML in articles is shown as text: an archive must never run a pasted <script>.
_MARKDOWN = MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table")
_FIELDS = {"title", "date", "author", "topics", "summary", "slug", "draft", "tags"}


class _FrontMatterLoader(yaml.SafeLoader):
    """YAML's safe loader, but an impossible date is a YAML error with its line, not a crash.

    PyYAML's timestamp constructor raises a bare ``ValueError`` for ``2020-13-45``.
    """


def _timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> date | datetime:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError as error:
        raise ReadProblem(f"'{node.value}' is not a real date ({error}); use a date like 2020-03-27",
                          node.start_mark.line + 2) from None  # +2: 1-based, after the '---' line


_FrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def parse_markdown(text: str) -> ParsedArticle:
    """Parse a ``.md`` article: optional front matter, then a CommonMark body."""
    meta, body, body_line = _split_front_matter(text)
    try:
        fields = _fields(meta)
    except _FieldProblem as problem:
        raise ReadProblem(problem.message, _line_of_key(text.split("\n"), problem.key)) from None
    tokens = _MARKDOWN.parse(body)
    title = fields.pop("title")
    if title is None:
        title = _take_leading_heading(tokens)
    if not title:
        raise ReadProblem("no title: add 'title:' to the front matter or start with '# Title'", 1)
    builder = LayoutBuilder()
    _BodyWriter(builder).write(tokens)
    plain, layout, starts = builder.build()
    if not plain.strip() and not any(layout.html):
        raise ReadProblem("the article has a title but no body", body_line)
    return ParsedArticle(title=title, text=plain, layout=layout, paragraph_starts=starts,
                         **fields)


class _FieldProblem(Exception):
    def __init__(self, key: str, message: str):
        super().__init__(message)
        self.key = key
        self.message = message


def _fields(meta: dict[str, Any]) -> dict[str, Any]:
    return {
        "title": _text_field(meta, "title"),
        "date": _date_field(meta),
        "author": _text_field(meta, "author"),
        "summary": _text_field(meta, "summary"),
        "topics": _topics_field(meta.get("topics", meta.get("tags", ()))),
        "slug": _text_field(meta, "slug"),
        "draft": _bool_field(meta, "draft"),
    }


def _split_front_matter(text: str) -> tuple[dict[str, Any], str, int]:
    """Return the front matter mapping, the body and the body's first line number."""
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return {}, text, 1
    closing = next((i for i, line in enumerate(lines[1:], start=1) if line.strip() in ("---", "...")), None)
    if closing is None:
        raise ReadProblem("front matter opened with '---' on line 1 is never closed with '---'", 1)
    try:
        meta = yaml.load("\n".join(lines[1:closing]), Loader=_FrontMatterLoader)  # a SafeLoader
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise ReadProblem(f"front matter is not valid YAML: {problem}", line) from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise ReadProblem(
            "front matter must be a mapping of 'key: value' lines (title, date, author, …)", 2
        )
    _check_fields(meta, lines)
    return meta, "\n".join(lines[closing + 1 :]), closing + 2


def _check_fields(meta: dict[Any, Any], lines: list[str]) -> None:
    for key in meta:
        if key not in _FIELDS:
            known = ", ".join(sorted(_FIELDS - {"tags"}))
            raise ReadProblem(f"unknown front matter field '{key}' (known: {known})",
                              _line_of_key(lines, key))


def _line_of_key(lines: list[str], key: Any) -> int:
    """The 1-based line of ``key:`` in the front matter (line 2 when it cannot be found)."""
    for number, line in enumerate(lines, start=1):
        if line.startswith(f"{key}:"):
            return number
        if number > 1 and line.strip() == "---":
            break
    return 2


def _text_field(meta: dict[str, Any], key: str) -> str | None:
    value = meta.get(key)
    if value is None:
        return None
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value).strip() or None
    raise _FieldProblem(key, f"'{key}' must be text, not {type(value).__name__}")


def _bool_field(meta: dict[str, Any], key: str) -> bool:
    value = meta.get(key, False)
    if not isinstance(value, bool):
        raise _FieldProblem(key, f"'{key}' must be true or false, not {value!r}")
    return value


def _topics_field(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [part for part in value.split(",")]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise _FieldProblem("topics", "'topics' must be a list of names, e.g. topics: [economy, trade]")
    return tuple(v.strip() for v in value if v.strip())


def _date_field(meta: dict[str, Any]) -> date | None:
    value = meta.get("date")
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.strip()).date()
        except ValueError:
            pass
    raise _FieldProblem("date", f"'date' must be a date like 2020-03-27, not {value!r}")


def _take_leading_heading(tokens: list[Token]) -> str | None:
    """Use a leading ``# Heading`` as the title and drop it from the body."""
    if len(tokens) >= 3 and tokens[0].type == "heading_open" and tokens[0].tag == "h1":
        title = tokens[1].content.strip()
        del tokens[:3]
        return title
    return None


class _BodyWriter:
    """Walks markdown-it tokens, sending tags to the layout and text to its slots."""

    def __init__(self, builder: LayoutBuilder):
        self.builder = builder
        self.renderer = _MARKDOWN.renderer
        self.options = _MARKDOWN.options

    def write(self, tokens: list[Token]) -> None:
        index = 0
        while index < len(tokens):
            token = tokens[index]
            if _is_captioned_image(tokens, index):
                self._figure(tokens[index + 1].children[0])  # type: ignore[index]
                index += 3
                continue
            if token.type == "inline":
                self.builder.start_block()
                self._inline(token.children or [])
            elif token.type in self.renderer.rules and token.type not in ("text",):
                self.builder.html(self.renderer.rules[token.type](tokens, index, self.options, {}))
            else:
                self.builder.html(self.renderer.renderToken(tokens, index, self.options, {}))
            index += 1

    def _figure(self, image: Token) -> None:
        self.builder.html("<figure>")
        self.builder.html(self.renderer.rules["image"]([image], 0, self.options, {}))
        self.builder.html("<figcaption>")
        self.builder.start_block()
        self.builder.text(str(image.attrGet("title") or ""))
        self.builder.html("</figcaption></figure>\n")

    def _inline(self, children: list[Token]) -> None:
        link_depth = 0
        for index, child in enumerate(children):
            kind = child.type
            if kind == "text":
                self.builder.text(child.content, in_link=link_depth > 0)
            elif kind == "code_inline":
                self.builder.html("<code>")
                self.builder.text(child.content, in_link=link_depth > 0, in_code=True)
                self.builder.html("</code>")
            elif kind == "softbreak":
                self.builder.text(" ", in_link=link_depth > 0)
            elif kind == "hardbreak":
                self.builder.html("<br>")
                self.builder.text("\n", in_link=link_depth > 0)
            elif kind == "image":
                self.builder.html(self.renderer.rules["image"](children, index, self.options, {}))
            else:
                link_depth += {"link_open": 1, "link_close": -1}.get(kind, 0)
                self.builder.html(self.renderer.renderToken(children, index, self.options, {}))


def _is_captioned_image(tokens: list[Token], index: int) -> bool:
    """A paragraph holding only an image with a title becomes a <figure>."""
    if tokens[index].type != "paragraph_open" or index + 2 >= len(tokens):
        return False
    children = tokens[index + 1].children or []
    return (
        len(children) == 1
        and children[0].type == "image"
        and bool(children[0].attrGet("title"))
    )

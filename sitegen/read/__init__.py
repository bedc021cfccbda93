"""Stage 1, read: turn the content folder into ``Article`` records.

Every file is read; every problem is collected (``path:line: message``) so one
run reports all bad files, not just the first.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sitegen.errors import Problem
from sitegen.inputs import walk
from sitegen.models import Article
from sitegen.read.markdown import parse_markdown
from sitegen.read.plaintext import parse_plain
from sitegen.read.slugs import is_unsafe, make_slug, unique_slugs
from sitegen.read.source import ParsedArticle, ReadProblem, decode

PARSERS = {".txt": parse_plain, ".md": parse_markdown, ".markdown": parse_markdown}
_DATED_NAME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-(.+)$")
# spaCy's default ``nlp.max_length``: the annotator refuses (with a traceback) any longer text, and
# needs about a minute for one this long, so a longer article is a clear error, found before
# annotating. A file of over eight bytes a character cannot hold a shorter one and is not even read.
MAX_TEXT_LENGTH = 1_000_000
MAX_FILE_BYTES = 8 * MAX_TEXT_LENGTH


@dataclass(frozen=True)
class ReadResult:
    """The articles that were read, and a problem for each file that could not be."""

    articles: tuple[Article, ...]
    problems: tuple[Problem, ...]


def find_sources(folder: Path, skip: Collection[Path] = ()) -> list[Path]:
    """Every input file under ``folder``, in a stable order.

    The rule of ``sitegen.inputs``: hidden files, editor leftovers and the folders in
    ``skip`` are not articles, just as they are not changes to the live preview.
    """
    return sorted(walk(folder, skip))


def read_content(folder: Path, *, include_drafts: bool = False,
                 skip: Collection[Path] = ()) -> ReadResult:
    """Read every article under ``folder``; slugs are unique across the whole archive.

    Nothing under the folders in ``skip`` (the output and cache folders) is read.
    """
    if not folder.is_dir():
        problem = Problem(folder, None, "content folder not found; pass --source DIR or set "
                                        "'content' in sitegen.toml")
        return ReadResult((), (problem,))
    parsed: list[tuple[str, ParsedArticle, str | None, date | None]] = []
    problems: list[Problem] = []
    for path in find_sources(folder, skip):
        relative = path.relative_to(folder).as_posix()
        if (read := _read_or_report(path, problems)) is None:
            continue
        article, name_date = read
        if article.draft and not include_drafts:
            continue
        section = path.parent.relative_to(folder).parts[0] if path.parent != folder else None
        parsed.append((relative, article, section, name_date))
    articles, slug_problems = _with_slugs(parsed, folder)
    return ReadResult(tuple(articles), tuple(problems + slug_problems))


def _shown(path: Path) -> str:
    """Paths in messages are relative to the working folder when they can be."""
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)


def _read_or_report(path: Path, problems: list[Problem]) -> tuple[ParsedArticle, date | None] | None:
    """Read one file, or add its problem to ``problems`` and return None."""
    try:
        return _read_one(path)
    except ReadProblem as problem:
        problems.append(Problem(_shown(path), problem.line, problem.message))
    except OSError as error:
        problems.append(Problem(_shown(path), None, f"cannot read: {error.strerror}"))
    return None


def _read_one(path: Path) -> tuple[ParsedArticle, date | None]:
    parser = PARSERS.get(path.suffix.lower())
    if parser is None:
        raise ReadProblem(
            f"not an article ({path.suffix or 'no extension'}): sitegen reads .txt and .md "
            "files; move other files out of the content folder (assets go in static/)"
        )
    name_date = _date_from_name(path.stem)
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ReadProblem(f"the file is too big for an article ({size:,} bytes); split it into "
                          f"articles of at most {MAX_TEXT_LENGTH:,} characters")
    article = parser(decode(path.read_bytes()))
    if len(article.text) > MAX_TEXT_LENGTH:
        raise ReadProblem(f"the article is too long to annotate ({len(article.text):,} characters "
                          f"of text; at most {MAX_TEXT_LENGTH:,}): split it into several articles")
    return article, name_date


def _date_from_name(stem: str) -> date | None:
    match = _DATED_NAME.match(stem)
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise ReadProblem(
            f"the file name starts with an impossible date '{stem[:10]}'; use YYYY-MM-DD"
        ) from None


def _with_slugs(
    parsed: list[tuple[str, ParsedArticle, str | None, date | None]], folder: Path
) -> tuple[list[Article], list[Problem]]:
    """Give every article a unique slug; a bad or clashing hand-written slug is a problem."""
    problems: list[Problem] = []
    claimed: dict[str, str] = {}
    kept: list[tuple[str, ParsedArticle, str | None, date | None, str]] = []
    for entry in parsed:
        relative, article = entry[0], entry[1]
        if article.slug is None:
            stem = _DATED_NAME.sub(r"\4", Path(relative).stem)
            kept.append((*entry, make_slug(article.title) or make_slug(stem) or "article"))
            continue
        slug = make_slug(article.slug)
        if is_unsafe(article.slug) or not slug:
            problems.append(Problem(_shown(folder / relative), 2,
                                    f"slug '{article.slug}' is not allowed: use letters, "
                                    "digits and hyphens, without '/' or '..'"))
        elif slug in claimed:
            problems.append(Problem(_shown(folder / relative), 2,
                                    f"slug '{slug}' is already used by {claimed[slug]}; "
                                    "give one of them another slug"))
        else:
            claimed[slug] = relative
            kept.append((*entry, slug))
    # Hand-written slugs are claimed first, so a title can never take one away.
    order = sorted(range(len(kept)), key=lambda i: (kept[i][1].slug is None, kept[i][0]))
    assigned = dict(zip(order, unique_slugs([kept[i][4] for i in order]), strict=True))
    articles = [
        Article(
            source=relative,
            slug=assigned[index],
            title=article.title,
            text=article.text,
            layout=article.layout,  # type: ignore[arg-type]
            date=article.date or name_date,
            author=article.author,
            summary=article.summary,
            section=section,
            topics=article.topics,
            draft=article.draft,
            paragraph_starts=article.paragraph_starts,
        )
        for index, (relative, article, section, name_date, _) in enumerate(kept)
    ]
    return articles, problems


def read_paths(paths: list[Path]) -> tuple[list[Article], list[Problem]]:
    """Read the given files and folders (for `sitegen annotate`); slugs are unique among them."""
    parsed: list[tuple[str, ParsedArticle, str | None, date | None]] = []
    problems: list[Problem] = []
    files = [f for p in paths for f in (find_sources(p) if p.is_dir() else [p])]
    for path in files:
        if (read := _read_or_report(path, problems)) is not None:
            parsed.append((_shown(path), read[0], None, read[1]))
    articles, slug_problems = _with_slugs(parsed, Path.cwd())
    return articles, problems + slug_problems

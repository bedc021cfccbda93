"""Stage 1, read: turn the content folder into ``Article`` records.

Every file is read; every problem is collected (``path:line: message``) so one
run reports all bad files, not just the first. ``folders`` says what each file
is, ``markdown`` and ``plaintext`` read the two formats, ``oldurls`` finds the
addresses an article had before and ``links`` resolves the links between files
once every article has its slug.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path, PurePosixPath

from sitegen.errors import Problem
from sitegen.models import Article
from sitegen.read.folders import UNREAD, ContentFile, Source, survey
from sitegen.read.links import LinkIndex, is_local, resolve_layout
from sitegen.read.markdown import parse_markdown
from sitegen.read.oldurls import SiteRules, default_urls, site_rules
from sitegen.read.plaintext import parse_plain
from sitegen.read.slugs import is_unsafe, make_slug, unique_slugs
from sitegen.read.source import ParsedArticle, ReadProblem, decode

_DATED_NAME = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})[-_](.+)$")
# spaCy's default ``nlp.max_length``: the annotator refuses (with a traceback) any longer text, and
# needs about a minute for one this long, so a longer article is a clear error, found before
# annotating. A file of over eight bytes a character cannot hold a shorter one and is not even read.
MAX_TEXT_LENGTH = 1_000_000
MAX_FILE_BYTES = 8 * MAX_TEXT_LENGTH


@dataclass(frozen=True)
class PublishedFile:
    """A file of the content folder published as it is, and the reference links use for it."""

    path: Path
    reference: str


@dataclass(frozen=True)
class ReadResult:
    """The articles that were read, a problem for each file that could not be, warnings for
    what was left out of a page, and the other files to publish."""

    articles: tuple[Article, ...]
    problems: tuple[Problem, ...]
    warnings: tuple[Problem, ...] = ()
    files: tuple[PublishedFile, ...] = ()


@dataclass(frozen=True)
class _Read:
    source: Source
    article: ParsedArticle
    name_date: date | None
    modified: datetime


def read_content(folder: Path, *, include_drafts: bool = False, skip: Collection[Path] = (),
                 zone: tzinfo = UTC) -> ReadResult:
    """Read every article under ``folder``; slugs are unique across the whole archive.

    Nothing under the folders in ``skip`` (the output and cache folders) is read. Times
    written without an offset are in ``zone``.
    """
    if not folder.is_dir():
        problem = Problem(folder, None, "content folder not found; pass --source DIR or set "
                                        "'content' in sitegen.toml")
        return ReadResult((), (problem,))
    sources, files = survey(folder, skip)
    read: list[_Read] = []
    problems: list[Problem] = []
    warnings: list[Problem] = []
    for source in sources:
        if (one := _read_or_report(source, problems, zone)) is None:
            continue
        warnings += [Problem(_shown(source.path), line, message) for line, message in one.article.warnings]
        if (one.article.draft or source.draft) and not include_drafts:
            continue
        read.append(one)
    articles, slug_problems = _with_slugs(read, folder)
    articles = _with_old_urls(articles, read, site_rules(folder))
    articles, published, link_warnings = _linked(articles, read, files, folder)
    return ReadResult(tuple(articles), tuple(problems + slug_problems),
                      tuple(warnings + link_warnings), tuple(published))


def _shown(path: Path) -> str:
    """Paths in messages are relative to the working folder when they can be."""
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)


def _read_or_report(source: Source, problems: list[Problem], zone: tzinfo) -> _Read | None:
    """Read one file, or add its problem to ``problems`` and return None."""
    try:
        return _read_one(source, zone)
    except ReadProblem as problem:
        problems.append(Problem(_shown(source.path), problem.line, problem.message))
    except OSError as error:
        problems.append(Problem(_shown(source.path), None, f"cannot read: {error.strerror}"))
    return None


def _read_one(source: Source, zone: tzinfo) -> _Read:
    path = source.path
    if path.suffix.lower() in UNREAD:
        raise ReadProblem(UNREAD[path.suffix.lower()])
    name = PurePosixPath(source.bundle).name if source.bundle else path.stem
    name_date = _date_from_name(name)
    status = path.stat()
    if status.st_size > MAX_FILE_BYTES:
        raise ReadProblem(f"the file is too big for an article ({status.st_size:,} bytes); split it "
                          f"into articles of at most {MAX_TEXT_LENGTH:,} characters")
    text = decode(path.read_bytes())
    article = parse_markdown(text, zone) if source.markdown else parse_plain(text)
    if len(article.text) > MAX_TEXT_LENGTH:
        raise ReadProblem(f"the article is too long to annotate ({len(article.text):,} characters "
                          f"of text; at most {MAX_TEXT_LENGTH:,}): split it into several articles")
    return _Read(source, article, name_date, datetime.fromtimestamp(status.st_mtime, UTC))


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


def _wanted_slug(one: _Read) -> str:
    """A slug from the file name, as Jekyll and Hugo make it (a bundle: its folder's name);
    from the title for plain text and for Pelican, whose default that is."""
    article, source = one.article, one.source
    if not source.markdown or article.front_matter == "pelican" or "Title" in article.meta:
        return make_slug(article.title) or make_slug(source.path.stem) or "article"
    name = PurePosixPath(source.bundle).name if source.bundle else source.path.stem
    return make_slug(_DATED_NAME.sub(r"\4", name)) or make_slug(article.title) or "article"


def _with_slugs(read: list[_Read], folder: Path) -> tuple[list[Article], list[Problem]]:
    """Give every article a unique slug; a bad or clashing hand-written slug is a problem."""
    problems: list[Problem] = []
    claimed: dict[str, str] = {}
    kept: list[tuple[_Read, str]] = []
    for one in read:
        relative, wanted = one.source.relative, one.article.slug
        if wanted is None:
            kept.append((one, _wanted_slug(one)))
            continue
        slug = make_slug(wanted)
        if is_unsafe(wanted) or not slug:
            problems.append(Problem(_shown(folder / relative), 2,
                                    f"slug '{wanted}' is not allowed: use letters, "
                                    "digits and hyphens, without '/' or '..'"))
        elif slug in claimed:
            problems.append(Problem(_shown(folder / relative), 2,
                                    f"slug '{slug}' is already used by {claimed[slug]}; "
                                    "give one of them another slug"))
        else:
            claimed[slug] = relative
            kept.append((one, slug))
    # Hand-written slugs are claimed first, so a title can never take one away.
    order = sorted(range(len(kept)), key=lambda i: (kept[i][0].article.slug is None,
                                                    kept[i][0].source.relative))
    assigned = dict(zip(order, unique_slugs([kept[i][1] for i in order]), strict=True))
    return [_article(one, assigned[index]) for index, (one, _) in enumerate(kept)], problems


def _article(one: _Read, slug: str) -> Article:
    parsed, source = one.article, one.source
    day = parsed.date or one.name_date
    return Article(
        source=source.relative, slug=slug, title=parsed.title, text=parsed.text,
        layout=parsed.layout,  # type: ignore[arg-type]
        date=day, author=_joined(parsed.authors), summary=parsed.summary, section=source.section,
        topics=parsed.topics, draft=parsed.draft or source.draft,
        paragraph_starts=parsed.paragraph_starts, published=parsed.published,
        updated=parsed.updated or (one.modified if day is None else None),
        authors=parsed.authors, image=parsed.image, old_urls=parsed.old_urls, meta=parsed.meta,
    )


def _joined(names: tuple[str, ...]) -> str | None:
    if len(names) <= 1:
        return names[0] if names else None
    return ", ".join(names[:-1]) + " and " + names[-1]


def _with_old_urls(articles: list[Article], read: list[_Read], rules: SiteRules) -> list[Article]:
    """Each article's old addresses: those it names, then its old generator's default."""
    by_source = {one.source.relative: one for one in read}
    result = []
    for article in articles:
        one = by_source[article.source]
        if not one.source.markdown:
            result.append(article)
            continue
        named = tuple("/" + url.lstrip("/") for url in article.old_urls)
        pelican = one.article.front_matter == "pelican" or "Title" in one.article.meta
        categories = tuple(t for t in _categories(one.article.meta))
        defaults = default_urls(rules, article.source, post=one.source.post, pelican=pelican,
                                bundle=one.source.bundle, slug=article.slug, day=article.date,
                                categories=categories)
        result.append(replace(article, old_urls=tuple(dict.fromkeys(named + defaults))))
    return result


def _categories(meta: dict[str, object]) -> list[str]:
    for key, value in meta.items():
        if str(key).casefold() in ("categories", "category"):
            if isinstance(value, str):
                return value.split(",") if "," in value else value.split()
            if isinstance(value, list):
                return [str(v) for v in value]
    return []


def _linked(articles: list[Article], read: list[_Read], files: list[ContentFile],
            folder: Path) -> tuple[list[Article], list[PublishedFile], list[Problem]]:
    """Resolve every link between the content folder's files; publish the non-article files."""
    index = LinkIndex()
    slug_of = {article.source: article.slug for article in articles}
    bundle_of = {one.source.relative: one.source.bundle for one in read}
    bundles = {one.source.bundle: slug_of[one.source.relative] for one in read
               if one.source.bundle and one.source.relative in slug_of}
    for article in articles:
        index.add_article(article.source, article.slug, bundle_of.get(article.source),
                          article.old_urls)
    published = []
    for file in files:
        if file.bundle is not None and file.bundle not in bundles:
            continue  # the bundle's article is a draft or could not be read
        reference = (f"sitegen:article/{bundles[file.bundle]}/"
                     f"{PurePosixPath(file.relative).relative_to(file.bundle)}"
                     if file.bundle is not None else f"sitegen:file/{file.relative}")
        index.add_file(file.relative, reference)
        published.append(PublishedFile(file.path, reference))
    warnings: list[Problem] = []
    linked = []
    for article in articles:
        layout, missing = resolve_layout(article.layout, article.source, index)
        image = article.image and index.resolve(article.image, article.source)
        if article.image and image is None and is_local(article.image):
            missing.append(article.image)
        image = image or article.image
        warnings += [Problem(_shown(folder / article.source), None,
                             f"the link '{url}' names no article or file in the content folder; "
                             "it is kept as written") for url in dict.fromkeys(missing)]
        linked.append(replace(article, layout=layout, image=image))
    return linked, published, warnings


def read_paths(paths: list[Path]) -> tuple[list[Article], list[Problem]]:
    """Read the given files and folders (for `sitegen annotate`); slugs are unique among them."""
    read: list[_Read] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            sources = survey(path)[0]
            sources = [replace(s, relative=_shown(s.path)) for s in sources]
        else:
            sources = [Source(path, _shown(path), None)]
        for source in sources:
            if (one := _read_or_report(replace(source, section=None), problems, UTC)) is not None:
                read.append(one)
    articles, slug_problems = _with_slugs(read, Path.cwd())
    return articles, problems + slug_problems

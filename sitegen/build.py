"""Run the stages in order: read → annotate → archive model → render → write."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from sitegen.annotate import annotate_articles
from sitegen.archive import Site, build_site
from sitegen.archive.export import people_records, topic_records
from sitegen.config import THEME_DIR, Config
from sitegen.errors import ContentError, Problem
from sitegen.models import AnnotatedArticle
from sitegen.read import read_content
from sitegen.render import render_site
from sitegen.serialize import article_record
from sitegen.write import StagedOutput, check_output_folder
from sitegen.write.search import index_search

log = logging.getLogger(__name__)

ProgressFactory = Callable[[int, str], Callable[[int], None]]


@dataclass(frozen=True)
class BuildReport:
    """What one build did, for the summary line and for tests."""

    articles: int
    pages: int
    written: int
    unchanged: int
    annotated: int
    cached: int
    seconds: float
    problems: tuple[Problem, ...] = field(default=())


def build(
    config: Config,
    *,
    keep_going: bool = False,
    progress: ProgressFactory | None = None,
    live_reload_script: str | None = None,
) -> BuildReport:
    """Build the site described by ``config`` into its output folder.

    Bad articles raise ``ContentError`` listing every one, and the output is left
    untouched, unless ``keep_going`` builds the good ones (the problems are
    then in the report).
    """
    started = time.perf_counter()
    check_output_folder(config.output, [config.content, config.templates, config.static,
                                        config.root])
    result = read_content(config.content, include_drafts=config.drafts)
    if result.problems and not keep_going:
        raise ContentError(list(result.problems))
    articles = list(result.articles)
    on_progress = progress(len(articles), "Annotating") if progress and articles else None
    annotations, annotate_report = annotate_articles(
        articles, model=config.model, cache_folder=config.cache, jobs=config.jobs,
        progress=on_progress,
    )
    items = [AnnotatedArticle(a, n) for a, n in zip(articles, annotations, strict=True)]
    site = build_site(items, page_size=config.page_size, aliases=config.aliases,
                      ignore=config.ignore, named_topics=config.topics,
                      min_articles=config.min_articles)
    output = StagedOutput(config.output)
    try:
        pages = _write_site(output, site, config, live_reload_script)
        output.commit()
    except BaseException:
        output.discard()
        raise
    seconds = time.perf_counter() - started
    return BuildReport(
        articles=len(articles),
        pages=pages,
        written=output.written,
        unchanged=output.unchanged,
        annotated=annotate_report.annotated,
        cached=annotate_report.cached,
        seconds=seconds,
        problems=result.problems,
    )


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1)


def _write_site(output: StagedOutput, site: Site, config: Config,
                live_reload_script: str | None) -> int:
    pages = 0
    for page in render_site(site, config, live_reload_script=live_reload_script):
        output.write(page.path, page.text)
        pages += 1
    for page in site.articles:
        record = article_record(page.item.article, page.item.annotations)
        output.write(f"data/articles/{page.item.article.slug}.json", _json(record))
    output.write("data/people.json", _json(people_records(site)))
    output.write("data/topics.json", _json(topic_records(site)))
    theme_static = THEME_DIR / "static"
    output.copy_tree(theme_static, "static")
    if config.static.resolve() != theme_static.resolve():
        output.copy_tree(config.static, "static")
    if config.search:
        unchanged = output.pages_changed == 0
        index_search(output.staging, output.previous if unchanged else None)
    output.write(".nojekyll", "")
    if config.cname:
        output.write("CNAME", config.cname.strip() + "\n")
    return pages


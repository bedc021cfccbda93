"""The figures table: every figure of the archive with its sentence, article and date."""

from __future__ import annotations

from sitegen.anchors import figure_anchor
from sitegen.archive.context import in_context
from sitegen.archive.indexes import order_of, page_links
from sitegen.archive.model import ArticlePage, FigureEntry, FigurePage
from sitegen.archive.urls import listing_path

FIGURES_PAGE_SIZE = 250  # rows of the table on one page
FIGURES_FOLDER = "figures"


def figure_entries(pages: tuple[ArticlePage, ...]) -> list[FigureEntry]:
    """Every figure, in the archive's order of articles and then in the order of the text."""
    return [
        FigureEntry(figure, page, figure_anchor(number),
                    in_context(page.article.text, figure.start, figure.end, limit=160))
        for page in pages
        for number, figure in enumerate(page.annotations.figures, start=1)
    ]


def figure_pages(pages: tuple[ArticlePage, ...], size: int) -> tuple[FigurePage, ...]:
    """The figures table in pages of ``size`` rows; none when the archive has no figure."""
    entries = figure_entries(pages)
    chunks = [tuple(entries[i : i + size]) for i in range(0, len(entries), size)]
    count = len(chunks)
    order = order_of(pages)
    return tuple(
        FigurePage(path=listing_path(FIGURES_FOLDER, number), number=number, count=count,
                   figures=chunk, total=len(entries),
                   pages=page_links(FIGURES_FOLDER, number, count) if count > 1 else (),
                   order=order, offset=(number - 1) * size)
        for number, chunk in enumerate(chunks, start=1)
    )

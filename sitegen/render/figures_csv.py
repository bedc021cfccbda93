"""The figures table as CSV: every figure of the archive, one row each, for spreadsheets."""

from __future__ import annotations

import csv
import io

from sitegen.archive import FigurePage

FIGURES_CSV = "figures/figures.csv"
COLUMNS = ("figure", "value", "kind", "counts", "sentence", "article", "url", "date")


def figures_csv(pages: tuple[FigurePage, ...]) -> str:
    """Every figure on the table's ``pages``, in the table's order, as CSV text with a header.

    ``url`` is the figure's place in its article, relative to the site's root; ``value`` is
    the number the figure stands for, empty when it has none ("a few").
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for page in pages:
        for entry in page.figures:
            figure, article, context = entry.figure, entry.page.article, entry.context
            sentence = (context.before + context.text + context.after).strip()
            writer.writerow((
                figure.text, "" if figure.value is None else _number(figure.value), figure.label,
                figure.counts or "", sentence, article.title,
                entry.page.path.removesuffix("index.html") + "#" + entry.anchor,
                article.date.isoformat() if article.date else "",
            ))
    return out.getvalue()


def _number(value: float) -> str:
    """1250000.0 → '1250000', 3.24 → '3.24': no float noise in a spreadsheet."""
    return str(int(value)) if float(value).is_integer() else repr(value)

"""Timelines: how many articles (and quotes) fall in each month or year of the archive.

Every timeline of one archive runs over the archive's whole span, so that two people's
timelines (or a sparkline beside another) compare at a glance: by month when the archive
spans at most two years, else by year. Periods with nothing in them are kept, as zeros.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sitegen.archive.model import Period, Timeline

MONTHLY_UP_TO = 24  # months; a longer archive is counted by year


@dataclass(frozen=True, slots=True)
class Span:
    """The periods of an archive: from its oldest article's to its newest's."""

    unit: str  # "month" or "year"
    starts: tuple[date, ...]

    def period_of(self, day: date) -> date:
        """The first day of the period ``day`` falls in."""
        return date(day.year, day.month, 1) if self.unit == "month" else date(day.year, 1, 1)


def archive_span(dates: Iterable[date | None]) -> Span | None:
    """The span of the dated articles (None when no article has a date)."""
    known = [d for d in dates if d is not None]
    if not known:
        return None
    first, last = min(known), max(known)
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    if months <= MONTHLY_UP_TO:
        starts = tuple(date(first.year + (first.month - 1 + i) // 12, (first.month - 1 + i) % 12 + 1, 1)
                       for i in range(months))
        return Span("month", starts)
    return Span("year", tuple(date(year, 1, 1) for year in range(first.year, last.year + 1)))


def timeline(span: Span | None, articles: Iterable[date | None],
             quotes: Iterable[date | None] = ()) -> Timeline | None:
    """Articles and quotes per period of ``span``, given their dates (undated ones are left
    out); None when nothing is dated."""
    if span is None:
        return None
    counted = Counter(span.period_of(d) for d in articles if d is not None)
    if not counted:
        return None
    said = Counter(span.period_of(d) for d in quotes if d is not None)
    return Timeline(span.unit, tuple(Period(start, counted[start], said[start]) for start in span.starts))

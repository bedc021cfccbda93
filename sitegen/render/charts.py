"""Charts drawn as inline SVG at build time: timelines, sparklines and bars. No JavaScript.

The SVG is written from numbers and escaped labels only. A timeline is as wide as its
column and a fixed height: its x positions are percentages and its text is never scaled,
so the labels stay readable on a phone. Colours come from the theme's CSS variables
(``--chart-articles``, ``--chart-quotes``), so the charts follow light and dark mode.
A chart says what it shows in its ``<title>``; the templates add a text summary and a
table of the same numbers for screen readers.
"""

from __future__ import annotations

import math
from html import escape

from markupsafe import Markup

from sitegen.archive import Period, Timeline

HEIGHT = 150  # px, the whole timeline
TOP, BOTTOM = 16, 34  # px above the bars (the scale's label) and below them (the periods)
MAX_LABELS = 12  # period labels shown at most; the others are shown on wide screens only


def period_label(period: Period, unit: str, short: bool = False) -> str:
    """'March 2016' (short: 'Mar 2016'), or '2016' in a yearly timeline."""
    if unit == "year":
        return str(period.start.year)
    return period.start.strftime("%b %Y" if short else "%B %Y")


def _nice_ceiling(value: int) -> int:
    """The smallest of 1, 2, 4, 6, 8, 10, 20, 40… that is at least ``value`` (at least 1):
    even, so that the half-way line is a whole number, and close enough that the tallest
    bar fills most of the chart (65 → 80, not 100)."""
    if value <= 2:
        return max(value, 1)
    power = 10 ** math.floor(math.log10(value))
    return next(step * power for step in (1, 2, 4, 6, 8, 10) if step * power >= value)


def _percent(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".") + "%"


def timeline_svg(timeline: Timeline, title: str) -> Markup:
    """Bars of the articles (and quotes, beside them) in each period of ``timeline``."""
    periods = timeline.periods
    with_quotes = timeline.quotes > 0
    top = _nice_ceiling(max(max(p.articles, p.quotes) for p in periods))
    plot = HEIGHT - TOP - BOTTOM
    slot = 100 / len(periods)
    parts = [f'<svg class="chart timeline-svg" width="100%" height="{HEIGHT}" role="img" '
             f'aria-label="{escape(title)}"><title>{escape(title)}</title>']
    for value in (top, top // 2) if top > 1 else (top,):
        y = TOP + plot - plot * value / top
        parts.append(f'<line class="grid" x1="0" x2="100%" y1="{y:.1f}" y2="{y:.1f}"/>'
                     f'<text class="scale" x="0" y="{y - 4:.1f}">{value}</text>')
    parts.append(f'<line class="axis" x1="0" x2="100%" y1="{TOP + plot}" y2="{TOP + plot}"/>')
    step = math.ceil(len(periods) / MAX_LABELS)
    for index, period in enumerate(periods):
        parts.append(_period_bars(period, timeline.unit, index, slot, top, with_quotes))
        parts.append(_period_label(periods, timeline.unit, index, slot, step))
    parts.append("</svg>")
    return Markup("".join(parts))


def _period_bars(period: Period, unit: str, index: int, slot: float, top: int, with_quotes: bool) -> str:
    plot = HEIGHT - TOP - BOTTOM
    tip = f"{period_label(period, unit)}: {_count(period.articles, 'article')}"
    if with_quotes:
        tip += f", {_count(period.quotes, 'quote')}"
    bars = [(period.articles, "articles", 0.14, 0.44 if with_quotes else 0.72)]
    if with_quotes:
        bars.append((period.quotes, "quotes", 0.6, 0.26))
    out = [f"<g><title>{escape(tip)}</title>"]
    # A transparent slot the height of the plot carries the tooltip for short bars too.
    out.append(f'<rect class="hit" x="{_percent(index * slot)}" y="{TOP}" width="{_percent(slot)}" '
               f'height="{plot}"/>')
    for value, css, offset, width in bars:
        if value:
            height = max(plot * value / top, 1.5)
            out.append(f'<rect class="bar {css}" x="{_percent((index + offset) * slot)}" '
                       f'y="{TOP + plot - height:.1f}" width="{_percent(width * slot)}" '
                       f'height="{height:.1f}"/>')
    out.append("</g>")
    return "".join(out)


def _period_label(periods: tuple[Period, ...], unit: str, index: int, slot: float, step: int) -> str:
    """The label under a period: every ``step``-th period and each January; half of them
    (``minor``) are hidden on narrow screens."""
    period = periods[index]
    new_year = unit == "month" and (index == 0 or period.start.month == 1)
    if index % step and not new_year:
        return ""
    minor = len(periods) > 6 and (index // step) % 2 == 1 and not new_year
    x = _percent((index + 0.5) * slot)
    text = period.start.strftime("%b") if unit == "month" else str(period.start.year)
    year = f'<tspan x="{x}" dy="1.2em">{period.start.year}</tspan>' if new_year else ""
    return (f'<text class="period{" minor" if minor else ""}" x="{x}" y="{HEIGHT - BOTTOM + 14}" '
            f'text-anchor="middle">{text}{year}</text>')


def _count(value: int, noun: str) -> str:
    return f"{value} {noun}{'' if value == 1 else 's'}"


def sparkline_svg(timeline: Timeline, title: str, width: int = 96, height: int = 22) -> Markup:
    """A small bar sparkline of the articles per period, scaled to its busiest period."""
    periods = timeline.periods
    top = max(p.articles for p in periods) or 1
    slot = width / len(periods)
    bars = []
    for index, period in enumerate(periods):
        tall = max(height * period.articles / top, 1)
        css = "bar" if period.articles else "bar empty"
        bars.append(f'<rect class="{css}" x="{index * slot + slot * 0.1:.2f}" y="{height - tall:.2f}" '
                    f'width="{slot * 0.8:.2f}" height="{tall:.2f}"/>')
    return Markup(f'<svg class="chart sparkline" width="{width}" height="{height}" '
                  f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">'
                  f"<title>{escape(title)}</title>{''.join(bars)}</svg>")


def bar_svg(value: int, most: int, width: int = 100, height: int = 8) -> Markup:
    """One horizontal bar, ``value`` of ``most`` long; decorative (the number is beside it)."""
    length = width * value / most if most else 0
    return Markup(f'<svg class="chart bar-svg" width="{width}" height="{height}" '
                  f'viewBox="0 0 {width} {height}" preserveAspectRatio="none" '
                  'aria-hidden="true" focusable="false">'
                  f'<rect class="track" width="{width}" height="{height}" rx="2"/>'
                  f'<rect class="bar" width="{max(length, 2):.1f}" height="{height}" rx="2"/></svg>')

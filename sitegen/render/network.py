"""A person's network as inline SVG: them in the middle, the people most often named with
them around, and lines between those named together in their articles. No script."""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

from markupsafe import Markup

from sitegen.archive import Link, Tie
from sitegen.archive.urls import relative_url

WIDTH, HEIGHT = 360, 224  # the viewBox; the drawing scales to its column
RADIUS = 80  # of the ring of people around the middle
LABEL = 18  # characters of a name shown at most (the link's title holds all of it)
MAX_TIES = 15  # the strongest ties drawn; more is a tangle


def _place(index: int, count: int) -> tuple[float, float, float, float]:
    """The point of person ``index`` of ``count`` on the ring, and the direction out (cos, sin)."""
    angle = -math.pi / 2 + 2 * math.pi * index / count
    cos, sin = math.cos(angle), math.sin(angle)
    return WIDTH / 2 + RADIUS * cos, HEIGHT / 2 + RADIUS * sin, cos, sin


def _label(name: str, x: float, y: float, cos: float, sin: float) -> str:
    anchor = "start" if cos > 0.3 else "end" if cos < -0.3 else "middle"
    lx, ly = x + 9 * cos, y + 9 * sin + (10 if sin > 0.6 else -2 if sin < -0.6 else 4)
    text = name if len(name) <= LABEL else name[: LABEL - 1].rstrip() + "…"
    return f'<text x="{lx:.1f}" y="{ly:.1f}" text-anchor="{anchor}">{escape(text)}</text>'


def network_svg(name: str, people: Sequence[Link], ties: Sequence[Tie], page_path: str) -> Markup:
    """The network of ``name``: spokes to ``people`` (thicker: more articles together) and
    ``ties`` between them; each person is a link to their page (relative to ``page_path``)."""
    if not people:
        return Markup("")
    most = max(p.count for p in people)
    strongest = max((t.count for t in ties), default=1)
    places = [_place(i, len(people)) for i in range(len(people))]
    cx, cy = WIDTH / 2, HEIGHT / 2
    title = f"{name} and the {len(people)} people most often named in the same articles"
    parts = [f'<svg class="chart network" viewBox="0 0 {WIDTH} {HEIGHT}" role="group" '
             f'aria-label="{escape(title)}"><title>{escape(title)}</title>']
    for tie in ties[:MAX_TIES]:
        (x1, y1, _, _), (x2, y2, _, _) = places[tie.a], places[tie.b]
        parts.append(f'<line class="tie" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
                     f'stroke-width="{0.6 + 2.4 * tie.count / strongest:.2f}"/>')
    for person, (x, y, _, _) in zip(people, places, strict=True):
        parts.append(f'<line class="spoke" x1="{cx}" y1="{cy}" x2="{x:.1f}" y2="{y:.1f}" '
                     f'stroke-width="{1 + 4 * person.count / most:.2f}"/>')
    parts.append(f'<circle class="centre" cx="{cx}" cy="{cy}" r="9"/>')
    for person, (x, y, cos, sin) in zip(people, places, strict=True):
        together = f"{person.name}: {person.count} article{'' if person.count == 1 else 's'} with {name}"
        link = escape(relative_url(page_path, person.path))
        parts.append(f'<a href="{link}"><title>{escape(together)}</title>'
                     f'<circle class="node" cx="{x:.1f}" cy="{y:.1f}" r="{3 + 4 * person.count / most:.1f}"/>'
                     f"{_label(person.name, x, y, cos, sin)}</a>")
    parts.append("</svg>")
    return Markup("".join(parts))

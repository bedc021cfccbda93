"""Who appears with whom: the ties between the people a person is most often mentioned with.

A person's page lists the people most often named in the same articles (``PersonPage.people``);
a tie joins two of them when both are named in one of the person's articles, and counts those
articles. With the spokes (person to each of them, ``Link.count``) this is a small network.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import combinations

from sitegen.archive.entities import ArchiveEntity
from sitegen.archive.model import Tie


def ties(articles: Iterable[int], keys: Sequence[str],
         people_of: list[list[ArchiveEntity]]) -> tuple[Tie, ...]:
    """The ties between the people ``keys`` (indices into it) over ``articles``: how many of
    those articles name both, most first; none for a pair never named together."""
    position = {key: index for index, key in enumerate(keys)}
    counted: Counter[tuple[int, int]] = Counter()
    for article in articles:
        present = sorted({position[p.key] for p in people_of[article] if p.key in position})
        counted.update(combinations(present, 2))
    ranked = sorted(counted.items(), key=lambda kv: (-kv[1], kv[0]))
    return tuple(Tie(a, b, count) for (a, b), count in ranked)

"""Articles related to an article: the ones sharing the most people and topics."""

from __future__ import annotations

import math
from collections import Counter

RELATED_COUNT = 5
# A person or topic in more articles than this links too much to say "related".
MAX_GROUP = 200


def related_articles(groups: list[list[int]], total: int, weights: list[float]) -> list[list[int]]:
    """For each article, up to RELATED_COUNT others, best first.

    ``groups`` are lists of article indexes that share a person or topic; rarer
    groups count more (an inverse-frequency weight), times the group's ``weight``.
    """
    scores: list[Counter[int]] = [Counter() for _ in range(total)]
    for group, weight in zip(groups, weights, strict=True):
        if len(group) < 2 or len(group) > MAX_GROUP:
            continue
        value = weight / math.log(1 + len(group))
        for article in group:
            counter = scores[article]
            for other in group:
                if other != article:
                    counter[other] += value
    return [
        [other for other, _ in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:RELATED_COUNT]]
        for counter in scores
    ]

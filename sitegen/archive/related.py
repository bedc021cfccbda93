"""Articles related to an article: the ones sharing the most people and topics."""

from __future__ import annotations

import heapq
import math

RELATED_COUNT = 5
# A person or topic in more articles than this links too much to say "related".
MAX_GROUP = 200


def related_articles(groups: list[list[int]], total: int, weights: list[float]) -> list[list[int]]:
    """For each article, up to RELATED_COUNT others, best first.

    ``groups`` are lists of article indexes that share a person or topic; rarer
    groups count more (an inverse-frequency weight), times the group's ``weight``.
    """
    # Plain dicts, each article's own score dropped at the end, and the best few picked
    # without sorting all: the same sums in the same order as a Counter would make, faster
    # (this double loop is the archive stage's largest; 10,000 articles).
    scores: list[dict[int, float]] = [{} for _ in range(total)]
    for group, weight in zip(groups, weights, strict=True):
        if len(group) < 2 or len(group) > MAX_GROUP:
            continue
        value = weight / math.log(1 + len(group))
        for article in group:
            counter = scores[article]
            get = counter.get
            for other in group:
                counter[other] = get(other, 0.0) + value
    best = []
    for article, counter in enumerate(scores):
        counter.pop(article, None)
        best.append([other for other, _ in heapq.nsmallest(RELATED_COUNT, counter.items(),
                                                            key=lambda kv: (-kv[1], kv[0]))])
    return best

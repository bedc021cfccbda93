"""Topics of the archive: hand-made ones, sections, recurring entities and key subjects.

Subjects are found automatically so an archive with no hand tagging still gets
useful topics: each article's key noun phrases are ranked by TF-IDF across the
whole archive, and a phrase that ranks high in enough articles becomes a topic.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sitegen.archive.entities import EntityIndex
from sitegen.keys import slug, unique_key
from sitegen.labels import topic_kind_of_group
from sitegen.models import AnnotatedArticle

KINDS = ("subject", "organisation", "place", "event", "section")
KIND_TITLES = {"subject": "Subjects", "organisation": "Organisations", "place": "Places",
               "event": "Events", "section": "Sections"}
TOP_PHRASES = 6  # an article's subjects: its best-ranked noun phrases
COMMON_SHARE = 0.3  # a phrase in more of the archive than this says nothing about an article


@dataclass
class Topic:
    """A topic and the articles (indexes into the archive's list) it covers."""

    key: str
    name: str
    kind: str
    articles: set[int] = field(default_factory=set)
    synonyms: tuple[str, ...] = ()
    hand_made: bool = False
    entity: tuple[str, str] | None = None  # (group, key) when the topic is an entity


def find_topics(
    items: list[AnnotatedArticle],
    entities: EntityIndex,
    named: dict[str, tuple[str, ...]],
    min_articles: int,
) -> list[Topic]:
    """Every topic that gets a page, keyed uniquely, hand-made ones first."""
    topics: dict[tuple[str, str], Topic] = {}

    def add(kind: str, name: str, index: int, **extra: object) -> None:
        topic = topics.setdefault((kind, name.casefold()), Topic("", name, kind, **extra))  # type: ignore[arg-type]
        topic.articles.add(index)

    synonym_of = _synonym_table(named)
    for name, synonyms in named.items():
        topics[("subject", name.casefold())] = Topic("", name, "subject", synonyms=synonyms,
                                                    hand_made=True)
    matchers = _named_matchers(named)
    for index, item in enumerate(items):
        article = item.article
        for tag in article.topics:
            add("subject", synonym_of.get(tag.casefold(), tag), index, hand_made=True)
        if article.section:
            add("section", article.section.replace("-", " ").replace("_", " ").title(), index,
                hand_made=True)
        lowered = article.text.casefold()
        for name, pattern in matchers.items():
            if pattern.search(lowered):
                add("subject", name, index, hand_made=True)
    for (group, key), entity in entities.entities.items():
        kind = topic_kind_of_group(group)
        if kind:
            topic = Topic("", entity.name, kind, set(entity.articles), entity=(group, key))
            topics.setdefault((kind, entity.name.casefold()), topic)
    for phrase, articles in _subjects(items).items():
        name = synonym_of.get(phrase, phrase)
        topic = topics.setdefault(("subject", name.casefold()), Topic("", name, "subject"))
        topic.articles.update(articles)
    single = len(items) == 1
    kept = [t for t in topics.values()
            if t.articles and (t.hand_made or single or len(t.articles) >= min_articles)]
    return _with_keys(kept)


def _synonym_table(named: dict[str, tuple[str, ...]]) -> dict[str, str]:
    table = {}
    for name, synonyms in named.items():
        for synonym in (name, *synonyms):
            table[synonym.casefold()] = name
    return table


def _named_matchers(named: dict[str, tuple[str, ...]]) -> dict[str, re.Pattern[str]]:
    return {
        name: re.compile(r"\b(?:" + "|".join(re.escape(s.casefold()) for s in (name, *synonyms))
                         + r")\b")
        for name, synonyms in named.items()
    }


def _subjects(items: list[AnnotatedArticle]) -> dict[str, set[int]]:
    """Noun phrases that rank among an article's best by TF-IDF, with those articles."""
    counts = [Counter(p.text for p in item.annotations.noun_phrases) for item in items]
    total = len(items)
    document_frequency: Counter[str] = Counter()
    for phrases in counts:
        document_frequency.update(phrases.keys())
    subjects: dict[str, set[int]] = defaultdict(set)
    for index, phrases in enumerate(counts):
        scored = []
        for phrase, count in phrases.items():
            share = document_frequency[phrase] / total
            if total >= 10 and share > COMMON_SHARE:
                continue
            idf = math.log((total + 1) / (document_frequency[phrase] + 1)) + 1
            scored.append(((1 + math.log(count)) * idf * (1.2 if " " in phrase else 1), phrase))
        for _, phrase in sorted(scored, reverse=True)[:TOP_PHRASES]:
            subjects[phrase].add(index)
    return subjects


def _with_keys(topics: list[Topic]) -> list[Topic]:
    """Unique slugs; hand-made and larger topics claim a plain slug first."""
    order = sorted(topics, key=lambda t: (not t.hand_made, KINDS.index(t.kind), -len(t.articles),
                                          t.name.casefold()))
    taken: set[str] = set()
    for topic in order:
        topic.key = unique_key(slug(topic.name, "topic"), taken)
    return order

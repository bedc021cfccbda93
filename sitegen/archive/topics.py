"""Topics of the archive: hand-made ones, sections, organisations, places, events and subjects.

Topics are found automatically so an archive with no hand tagging still gets useful ones:

* **sections**: one per content folder, titled by ``[sections]`` or by the folder's words
  with acronyms kept (``nyt/`` → "NYT");
* **organisations, places and events** (``topic_entities``): the archive's entities, one
  topic per thing whatever it is called, of the kind most mentions say, with the articles
  that are about it;
* **subjects** (``topic_subjects``): key phrases central to several articles, generic news
  vocabulary left out by two measured tests.

An automatic topic needs ``minimum_stories`` distinct stories, a number that grows with the
archive, so the topics index stays a way in rather than a list of every name. ``[topics]``
names topics by hand (with synonyms that join what the archive calls them) and bans others.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from sitegen.archive.entities import EntityIndex
from sitegen.archive.topic_entities import Thing, entity_things, lead_end
from sitegen.archive.topic_names import (
    abbreviates,
    defined_abbreviations,
    name_key,
    phrase_key,
    section_title,
)
from sitegen.archive.topic_subjects import (
    Similarity,
    Subject,
    kept_subjects,
    stories,
    subject_candidates,
)
from sitegen.keys import slug, unique_key
from sitegen.models import AnnotatedArticle

KINDS = ("subject", "organisation", "place", "event", "section")
KIND_TITLES = {"subject": "Subjects", "organisation": "Organisations", "place": "Places",
               "event": "Events", "section": "Sections"}
GROWTH = 7.0  # an automatic topic needs √(articles) / GROWTH distinct stories (3 at 400)


@dataclass
class Topic:
    """A topic and the articles (indexes into the archive's list) it covers."""

    key: str
    name: str
    kind: str
    articles: set[int] = field(default_factory=set)
    synonyms: tuple[str, ...] = ()
    hand_made: bool = False
    entities: tuple[tuple[str, str], ...] = ()  # the (group, key) of each entity it is


def minimum_stories(articles: int, min_articles: int) -> int:
    """How many distinct stories an automatic topic needs: ``min_articles``, or more in a
    large archive (√articles / GROWTH: 3 at 400 articles, 5 at 1,240, 14 at 10,000)."""
    return max(min_articles, round(math.sqrt(articles) / GROWTH))


def find_topics(
    items: list[AnnotatedArticle],
    entities: EntityIndex,
    named: dict[str, tuple[str, ...]],
    min_articles: int,
    sections: Mapping[str, str] | None = None,
    banned: frozenset[str] = frozenset(),
) -> list[Topic]:
    """Every topic that gets a page, keyed uniquely, hand-made ones first."""
    topics = _hand_made(items, named, sections or {})
    by_key = {name_key(synonym): topic for topic in topics.values() if topic.hand_made
              for synonym in (topic.name, *topic.synonyms)}
    by_key.update({name_key(t.name): t for t in topics.values() if t.kind == "section"})
    banned_keys = {name_key(name) for name in banned}
    single = len(items) == 1
    minimum = 1 if single else minimum_stories(len(items), min_articles)
    story = stories(items)
    joined = defined_abbreviations(item.article.text for item in items)
    candidates = subject_candidates(items, [lead_end(item) for item in items])
    things = entity_things(items, entities, joined, {k: len(s.used) for k, s in candidates.items()})
    _publishers(topics, things, by_key, sections or {})
    for thing in things:
        _add_thing(thing, topics, by_key, banned_keys, _enough(thing.about, story, minimum))
    similarity = Similarity(_article_terms(items, entities, things))
    for subject in kept_subjects(candidates, similarity, story, minimum):
        _add_subject(subject, topics, by_key, banned_keys)
    kept = [t for t in topics.values() if t.articles and name_key(t.name) not in banned_keys]
    return _with_keys(kept)


def _enough(articles: set[int], story: Sequence[int], minimum: int) -> bool:
    return len({story[i] for i in articles}) >= minimum


def _hand_made(items: list[AnnotatedArticle], named: dict[str, tuple[str, ...]],
               sections: Mapping[str, str]) -> dict[tuple[str, str], Topic]:
    """The topics of ``[topics]``, of front matter and of section folders."""
    topics = {("subject", name.casefold()): Topic("", name, "subject", synonyms=synonyms, hand_made=True)
              for name, synonyms in named.items()}
    synonym_of = {s.casefold(): name for name, synonyms in named.items() for s in (name, *synonyms)}
    matchers = _named_matchers(named)
    texts: dict[str, list[str]] = {}
    for index, item in enumerate(items):
        article = item.article
        for tag in article.topics:
            name = synonym_of.get(tag.casefold(), tag)
            topics.setdefault(("subject", name.casefold()), Topic("", name, "subject", hand_made=True))
            topics[("subject", name.casefold())].articles.add(index)
        if article.section:
            texts.setdefault(article.section, []).append(article.text)
        lowered = article.text.casefold()
        for name, pattern in matchers.items():
            if pattern.search(lowered):
                topics[("subject", name.casefold())].articles.add(index)
    for folder, folder_texts in texts.items():
        title = section_title(folder, folder_texts, dict(sections))
        topic = Topic("", title, "section", hand_made=True)
        topic.articles = {i for i, item in enumerate(items) if item.article.section == folder}
        topics[("section", folder)] = topic
    return topics


def _publishers(topics: dict[tuple[str, str], Topic], things: list[Thing], by_key: dict[str, Topic],
                sections: Mapping[str, str]) -> None:
    """A section folder named for its publisher ("wash-post", "nyt") is that publisher: the
    section takes the name the articles give it, and the publisher has no other topic."""
    for (kind, folder), topic in topics.items():
        if kind != "section":
            continue
        found = [t for t in things if any(abbreviates(folder, n) for n in t.names)]
        if found:
            publisher = max(found, key=lambda t: (len(t.named), t.key))
            by_key[publisher.key] = topic
            if folder not in sections and name_key(folder) != publisher.key:
                topic.name = publisher.name


def _named_matchers(named: dict[str, tuple[str, ...]]) -> dict[str, re.Pattern[str]]:
    return {
        name: re.compile(r"\b(?:" + "|".join(re.escape(s.casefold()) for s in (name, *synonyms))
                         + r")\b")
        for name, synonyms in named.items()
    }


def _add_thing(thing: Thing, topics: dict[tuple[str, str], Topic], by_key: dict[str, Topic],
               banned: set[str], enough: bool) -> None:
    """A thing joins the hand-made topic of its name, or becomes a topic when enough is about it."""
    if thing.key in banned:
        return
    topic = by_key.get(thing.key)
    if topic is not None:
        if topic.kind != "section":
            topic.articles |= thing.about
            topic.entities += tuple(sorted(thing.identities))
        return
    if enough:
        topic = Topic("", thing.name, thing.kind, set(thing.about), entities=tuple(sorted(thing.identities)))
        topics[(topic.kind, thing.key)] = topic
        by_key[thing.key] = topic


def _add_subject(subject: Subject, topics: dict[tuple[str, str], Topic], by_key: dict[str, Topic],
                 banned: set[str]) -> None:
    key = name_key(subject.name)
    if key in banned or subject.key in banned:
        return
    topic = by_key.get(key) or by_key.get(subject.key)
    if topic is None:
        topic = topics.setdefault(("subject", subject.key), Topic("", subject.name, "subject"))
        by_key[subject.key] = topic
    if topic.kind != "section":
        topic.articles |= subject.central


def _article_terms(items: list[AnnotatedArticle], entities: EntityIndex,
                   things: list[Thing]) -> list[Counter[str]]:
    """What each article is made of, for the similarity of articles: its phrases and things."""
    thing_of = {identity: thing.key for thing in things for identity in thing.identities}
    terms = []
    for index, item in enumerate(items):
        counts: Counter[str] = Counter("p:" + phrase_key(p.text) for p in item.annotations.noun_phrases)
        local = entities.local[index]
        for mention in item.annotations.mentions:
            identity = local.get(mention.key)
            key = thing_of.get(identity) if identity else None
            if key is not None:
                counts["e:" + key] += 1
            elif identity is not None:
                counts["n:" + identity[1]] += 1
        terms.append(counts)
    return terms


def _with_keys(topics: list[Topic]) -> list[Topic]:
    """Unique slugs; hand-made and larger topics claim a plain slug first."""
    order = sorted(topics, key=lambda t: (not t.hand_made, KINDS.index(t.kind), -len(t.articles),
                                          t.name.casefold()))
    taken: set[str] = set()
    for topic in order:
        topic.key = unique_key(slug(topic.name, "topic"), taken)
    return order

"""One entity per person (or organisation, place…) across the whole archive.

Each article names its entities by its own fullest form ("Xi Jinping"); here
the forms of all articles are merged: the same full name is one entity, a
one-word name joins the one full name it belongs to when the archive leaves no
doubt ("Blair" → "Tony Blair" when no other Blair is prominent), a name whose
articles describe different people is split into them (``person_split``), and the
``[aliases]`` and ``ignore`` settings merge, rename or drop entities by hand.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sitegen.archive.person_split import split_people
from sitegen.archive.personhood import Description, Identity, Seen, decide_people, describe
from sitegen.keys import slug, unique_key
from sitegen.labels import group_of
from sitegen.models import AnnotatedArticle

Target = tuple[str, str, int]  # (group, name, n): the n-th person of one name (0 unless split)


@dataclass
class ArchiveEntity:
    """A canonical entity of the archive, with every name it was given."""

    key: str
    name: str
    label: str
    forms: Counter[str] = field(default_factory=Counter)  # name form -> articles using it
    articles: list[int] = field(default_factory=list)  # indexes into the archive's article list
    mentions: int = 0
    placed: bool = True  # False: a name that cannot say who it is ("Sheila" alone): no page
    description: Description | None = None  # a person's: who they are, and where it was said

    @property
    def aliases(self) -> tuple[str, ...]:
        """Other names seen, most used first."""
        return tuple(f for f, _ in self.forms.most_common() if f != self.name)


@dataclass(frozen=True)
class EntityIndex:
    """The archive's entities and how each article's local keys map onto them."""

    entities: dict[tuple[str, str], ArchiveEntity]  # (group, key) -> entity
    local: list[dict[str, tuple[str, str]]]  # per article: local key -> (group, key)

    def resolve(self, article: int, local_key: str) -> ArchiveEntity | None:
        """The archive entity an article's local key stands for (None if ignored)."""
        target = self.local[article].get(local_key)
        return self.entities.get(target) if target else None

    def of_group(self, group: str) -> list[ArchiveEntity]:
        """Every entity of one group."""
        return [e for (g, _), e in self.entities.items() if g == group]


def build_entity_index(
    items: list[AnnotatedArticle],
    aliases: dict[str, str] | None = None,
    ignore: frozenset[str] = frozenset(),
    not_people: frozenset[str] = frozenset(),
    different_people: tuple[frozenset[str], ...] = (),
) -> EntityIndex:
    """Merge the entities of every article into archive-wide ones."""
    by_alias = {k.casefold(): v for k, v in (aliases or {}).items()}
    seen, local_names, by_article = _gather(items, by_alias, ignore)
    people = decide_people(seen, local_names, not_people, different_people)
    canonical_of = {identity: people.merged.get(identity, identity) for identity in seen}
    parts = split_people(by_article, local_names, canonical_of)
    entities: dict[Target, ArchiveEntity] = {}
    records: dict[Target, list[Seen]] = defaultdict(list)
    labels: dict[Target, Counter[str]] = defaultdict(Counter)
    target_of: dict[tuple[Identity, int], Target] = {}
    voted: set[tuple[Identity, Target]] = set()
    for identity in sorted(seen, key=lambda i: (-len(seen[i].articles), i)):
        canonical = canonical_of[identity]
        for article in sorted(seen[identity].articles):
            target = (*canonical, parts.get((identity, article), 0))
            record = by_article[(identity, article)]
            entity = entities.get(target)
            if entity is None:
                entity = entities[target] = ArchiveEntity(key="", name=canonical[1], label="")
            entity.forms.update(record.forms)
            entity.articles.append(article)
            entity.mentions += record.mentions
            entity.placed = canonical not in people.unplaced
            records[target].append(record)
            if identity not in people.labels:
                labels[target].update(record.labels)
            elif (identity, target) not in voted:  # the whole name's vote, once per person
                voted.add((identity, target))
                labels[target].update(people.labels[identity])
            target_of[(identity, article)] = target
    split = {canonical_of[identity] for (identity, _), number in parts.items() if number}
    for target, entity in entities.items():  # each person of a split name says who they are
        canonical = target[:2]
        entity.description = describe(records[target]) if canonical in split \
            else people.descriptions.get(canonical)
    keyed = _assign_keys(entities, labels)
    local = [{k: keyed[target_of[(i, index)]] for k, i in names.items()}
             for index, names in enumerate(local_names)]
    return EntityIndex(entities={keyed[c]: e for c, e in entities.items()}, local=local)


def _gather(items: list[AnnotatedArticle], by_alias: dict[str, str], ignore: frozenset[str],
            ) -> tuple[dict[Identity, Seen], list[dict[str, Identity]], dict[tuple[Identity, int], Seen]]:
    """What the articles say of each (group, name), each article's keys onto them, and what
    each article says of each (group, name) alone."""
    seen: dict[Identity, Seen] = defaultdict(Seen)
    by_article: dict[tuple[Identity, int], Seen] = defaultdict(Seen)
    local_names: list[dict[str, Identity]] = []
    for index, item in enumerate(items):
        names: dict[str, Identity] = {}
        for info in item.annotations.entities:
            forms = (info.name, *info.aliases)
            if any(form.casefold() in ignore for form in forms):
                continue
            identity = (group_of(info.label), _renamed(info.name, info.aliases, by_alias))
            names[info.key] = identity
            seen[identity].add(index, info)
            by_article[(identity, index)].add(index, info)
        local_names.append(names)
    return dict(seen), local_names, dict(by_article)


def _renamed(name: str, aliases: tuple[str, ...], by_alias: dict[str, str]) -> str:
    for form in (name, *aliases):
        target = by_alias.get(form.casefold())
        if target:
            return target
    return name


def _assign_keys(entities: dict[Target, ArchiveEntity], labels: dict[Target, Counter[str]],
                 ) -> dict[Target, tuple[str, str]]:
    """Keys are slugs, unique within a group; a clash gets -2, -3 (never merged by slug)."""
    taken: dict[str, set[str]] = defaultdict(set)  # group -> keys given
    keyed: dict[Target, tuple[str, str]] = {}
    for target in sorted(entities, key=lambda t: (-len(entities[t].articles), t)):
        group, name, _ = target
        entity = entities[target]
        entity.articles = sorted(set(entity.articles))
        entity.label = labels[target].most_common(1)[0][0]
        key = unique_key(slug(name, "unnamed"), taken[group])
        entity.key = key
        keyed[target] = (group, key)
    return keyed

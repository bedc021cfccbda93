"""One entity per person (or organisation, place…) across the whole archive.

Each article names its entities by its own fullest form ("Xi Jinping"); here
the forms of all articles are merged: the same full name is one entity, a
one-word name joins the one full name it belongs to when the archive leaves no
doubt ("Blair" → "Tony Blair" when no other Blair is prominent), and the
``[aliases]`` and ``ignore`` settings merge, rename or drop entities by hand.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sitegen.archive.person_names import resolve_person_names
from sitegen.keys import slug, unique_key
from sitegen.labels import PERSON, group_of
from sitegen.models import AnnotatedArticle


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
) -> EntityIndex:
    """Merge the entities of every article into archive-wide ones."""
    by_alias = {k.casefold(): v for k, v in (aliases or {}).items()}
    # name forms per (group, canonical name): which articles use each
    articles_of: dict[tuple[str, str], set[int]] = defaultdict(set)
    forms_of: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    mentions_of: Counter[tuple[str, str]] = Counter()
    label_of: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    local_names: list[dict[str, tuple[str, str]]] = []
    for index, item in enumerate(items):
        names: dict[str, tuple[str, str]] = {}
        for info in item.annotations.entities:
            forms = (info.name, *info.aliases)
            if any(form.casefold() in ignore for form in forms):
                continue
            name = _renamed(info.name, info.aliases, by_alias)
            group = group_of(info.label)
            identity = (group, name)
            names[info.key] = identity
            articles_of[identity].add(index)
            mentions_of[identity] += info.mentions
            label_of[identity][info.label] += info.mentions
            for form in forms:
                forms_of[identity][form] += 1
        local_names.append(names)
    merged, unplaced = _merged_people(articles_of, local_names)
    entities: dict[tuple[str, str], ArchiveEntity] = {}
    target_of: dict[tuple[str, str], tuple[str, str]] = {}
    for identity in sorted(articles_of, key=lambda i: (-len(articles_of[i]), i)):
        group, name = merged.get(identity, identity)
        canonical = (group, name)
        entity = entities.get(canonical)
        if entity is None:
            entity = ArchiveEntity(key="", name=name, label="")
            entities[canonical] = entity
        entity.forms.update(forms_of[identity])
        entity.articles.extend(articles_of[identity])
        entity.mentions += mentions_of[identity]
        entity.placed = canonical not in unplaced
        target_of[identity] = canonical
    keyed = _assign_keys(entities, label_of, target_of)
    local = [{k: keyed[target_of[i]] for k, i in names.items()} for names in local_names]
    return EntityIndex(entities={keyed[c]: e for c, e in entities.items()}, local=local)


def _renamed(name: str, aliases: tuple[str, ...], by_alias: dict[str, str]) -> str:
    for form in (name, *aliases):
        target = by_alias.get(form.casefold())
        if target:
            return target
    return name


def _merged_people(
    articles_of: dict[tuple[str, str], set[int]], local_names: list[dict[str, tuple[str, str]]],
) -> tuple[dict[tuple[str, str], tuple[str, str]], set[tuple[str, str]]]:
    """The people whose names are forms of another's, and those who cannot be placed
    (``person_names``), as identities."""
    people = {name: articles for (group, name), articles in articles_of.items() if group == PERSON}
    named_in = [{name for group, name in names.values() if group == PERSON} for names in local_names]

    def neighbours(name: str) -> set[str]:
        return set().union(*(named_in[index] for index in people[name])) - {name}

    names = resolve_person_names(people, neighbours)
    merged = dict(names.merged)
    for name in list(merged):  # a misspelling of a form that is itself a form of another
        while merged[name] in merged and merged[merged[name]] != name:
            merged[name] = merged[merged[name]]
    return ({(PERSON, name): (PERSON, target) for name, target in merged.items()},
            {(PERSON, name) for name in names.unplaced})


def _assign_keys(
    entities: dict[tuple[str, str], ArchiveEntity],
    label_of: dict[tuple[str, str], Counter[str]],
    target_of: dict[tuple[str, str], tuple[str, str]],
) -> dict[tuple[str, str], tuple[str, str]]:
    """Keys are slugs, unique within a group; a clash gets -2, -3 (never merged by slug)."""
    labels: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for identity, canonical in target_of.items():
        labels[canonical].update(label_of[identity])
    taken: dict[str, set[str]] = defaultdict(set)  # group -> keys given
    keyed: dict[tuple[str, str], tuple[str, str]] = {}
    for canonical in sorted(entities, key=lambda c: (-len(entities[c].articles), c)):
        group, name = canonical
        entity = entities[canonical]
        entity.articles = sorted(set(entity.articles))
        entity.label = labels[canonical].most_common(1)[0][0]
        key = unique_key(slug(name, "unnamed"), taken[group])
        entity.key = key
        keyed[canonical] = (group, key)
    return keyed

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

from sitegen.archive.personhood import Description, Seen, decide_people
from sitegen.keys import slug, unique_key
from sitegen.labels import group_of
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
    seen, local_names = _gather(items, {k.casefold(): v for k, v in (aliases or {}).items()}, ignore)
    people = decide_people(seen, local_names, not_people, different_people)
    entities: dict[tuple[str, str], ArchiveEntity] = {}
    target_of: dict[tuple[str, str], tuple[str, str]] = {}
    for identity in sorted(seen, key=lambda i: (-len(seen[i].articles), i)):
        canonical = people.merged.get(identity, identity)
        entity = entities.get(canonical)
        if entity is None:
            entity = entities[canonical] = ArchiveEntity(key="", name=canonical[1], label="")
        entity.forms.update(seen[identity].forms)
        entity.articles.extend(seen[identity].articles)
        entity.mentions += seen[identity].mentions
        entity.placed = canonical not in people.unplaced
        target_of[identity] = canonical
    for canonical, description in people.descriptions.items():
        entities[canonical].description = description
    label_of = {identity: people.labels.get(identity, seen[identity].labels) for identity in seen}
    keyed = _assign_keys(entities, label_of, target_of)
    local = [{k: keyed[target_of[i]] for k, i in names.items()} for names in local_names]
    return EntityIndex(entities={keyed[c]: e for c, e in entities.items()}, local=local)


def _gather(items: list[AnnotatedArticle], by_alias: dict[str, str], ignore: frozenset[str],
            ) -> tuple[dict[tuple[str, str], Seen], list[dict[str, tuple[str, str]]]]:
    """What the articles say of each (group, name), and each article's keys onto them."""
    seen: dict[tuple[str, str], Seen] = defaultdict(Seen)
    local_names: list[dict[str, tuple[str, str]]] = []
    for index, item in enumerate(items):
        names: dict[str, tuple[str, str]] = {}
        for info in item.annotations.entities:
            forms = (info.name, *info.aliases)
            if any(form.casefold() in ignore for form in forms):
                continue
            identity = (group_of(info.label), _renamed(info.name, info.aliases, by_alias))
            names[info.key] = identity
            seen[identity].add(index, info)
        local_names.append(names)
    return dict(seen), local_names


def _renamed(name: str, aliases: tuple[str, ...], by_alias: dict[str, str]) -> str:
    for form in (name, *aliases):
        target = by_alias.get(form.casefold())
        if target:
            return target
    return name


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

"""What each article's own entity keys stand for in the archive.

The annotate stage names an article's entities by keys of that article alone
("blair" in one article, "tony-blair" in another). Annotations stay as annotate
made them; the archive model holds, for every article, the map from those local
keys to the archive's entities (``EntityRef``), and pages and the JSON export
read names, labels and links through it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sitegen.archive.entities import EntityIndex
from sitegen.labels import group_of

EntityRefs = Mapping[str, "EntityRef"]  # an article's local entity key -> its archive entity


@dataclass(frozen=True, slots=True)
class EntityRef:
    """An archive entity as an article refers to it: its archive key, name, label and page."""

    key: str
    name: str
    label: str
    path: str | None = None  # its person or topic page, when it has one

    @property
    def identity(self) -> tuple[str, str]:
        """(merge group, key): archive keys are unique within a group only."""
        return group_of(self.label), self.key


def entity_refs(
    index: EntityIndex, article: int, local_keys: list[str], pages: dict[tuple[str, str], str]
) -> dict[str, EntityRef]:
    """The refs of one article's local keys; keys of ignored entities are left out.

    ``pages`` gives the output path of an entity's page by (group, archive key).
    """
    refs: dict[str, EntityRef] = {}
    for local in local_keys:
        entity = index.resolve(article, local)
        if entity is not None:
            refs[local] = EntityRef(entity.key, entity.name, entity.label,
                                    pages.get((group_of(entity.label), entity.key)))
    return refs

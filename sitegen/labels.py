"""The entity label table: what each spaCy label means for merging, highlighting and topics.

One row per label, read by the archive (which labels merge into one entity across
articles, and which make topics) and by the renderer (how a mention is styled and
under which heading the side panel lists it).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

PERSON = "PERSON"


@dataclass(frozen=True)
class LabelKind:
    """What one entity label stands for."""

    group: str  # entities merge across the archive within a group ("PLACE" holds GPE, LOC, FAC)
    style: str  # highlight and side-panel kind: person, org, place or other
    topic: str | None = None  # the kind of topic its entities make, if any


_OTHER = "other"
LABELS: dict[str, LabelKind] = {
    PERSON: LabelKind(PERSON, "person"),
    "ORG": LabelKind("ORG", "org", "organisation"),
    "GPE": LabelKind("PLACE", "place", "place"),
    "LOC": LabelKind("PLACE", "place", "place"),
    "FAC": LabelKind("PLACE", "place", "place"),
    "EVENT": LabelKind("EVENT", _OTHER, "event"),
}
# The highlight kinds of entities, in the order the legend and the side panel show them.
STYLES = (("person", "People"), ("org", "Organisations"), ("place", "Places"), (_OTHER, "Other names"))


# What a reader is told a highlight is, on hover and focus ("Robin Butler · person").
KIND_NAMES = {
    PERSON: "person", "ORG": "organisation", "GPE": "place", "LOC": "place", "FAC": "place",
    "EVENT": "event", "NORP": "nationality or group", "WORK_OF_ART": "title of a work",
    "LAW": "law", "PRODUCT": "product", "LANGUAGE": "language",
    "MONEY": "money", "PERCENT": "percentage", "QUANTITY": "quantity", "CARDINAL": "count",
}


def kind_name(label: str) -> str:
    """The reader's word for a label ("GPE" → "place"; unknown labels are a "name")."""
    return KIND_NAMES.get(label, "name")


@cache
def kind_of(label: str) -> LabelKind:
    """The row of ``label``; a label without one (NORP, LAW, WORK_OF_ART…) is its own group."""
    return LABELS.get(label) or LabelKind(label, _OTHER)


def group_of(label: str) -> str:
    """The merge group of a label ("GPE" → "PLACE")."""
    return kind_of(label).group


def style_of(label: str) -> str:
    """The highlight kind of a label ("PERSON" → "person", "NORP" → "other")."""
    return kind_of(label).style


def topic_kind_of_group(group: str) -> str | None:
    """The kind of topic the entities of a merge group make (None: they make no topics)."""
    return next((kind.topic for kind in LABELS.values() if kind.group == group), None)

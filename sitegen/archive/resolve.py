"""Rewrite an article's annotations with the archive's entity keys and names."""

from __future__ import annotations

from dataclasses import replace

from sitegen.archive.entities import EntityIndex
from sitegen.models import Annotations, Entity


def resolve_annotations(index: int, annotations: Annotations, entities: EntityIndex) -> Annotations:
    """Entity keys become archive keys; ignored entities disappear; speakers get canonical names."""
    found = []
    for mention in annotations.mentions:
        resolved = entities.resolve(index, mention.key)
        if resolved is not None:
            found.append(replace(mention, key=resolved.key))
    canonical: dict[str, Entity] = {}
    for info in annotations.entities:
        resolved = entities.resolve(index, info.key)
        if resolved is None:
            continue
        previous = canonical.get(resolved.key)
        aliases = set(info.aliases) | {info.name} | (set(previous.aliases) if previous else set())
        canonical[resolved.key] = Entity(
            key=resolved.key,
            name=resolved.name,
            label=resolved.label,
            aliases=tuple(sorted(a for a in aliases if a != resolved.name)),
            mentions=info.mentions + (previous.mentions if previous else 0),
        )
    quotes = []
    for quote in annotations.quotes:
        speaker = entities.resolve(index, quote.speaker_key) if quote.speaker_key else None
        if speaker is None:
            quotes.append(replace(quote, speaker=None, speaker_key=None))
        else:
            quotes.append(replace(quote, speaker=speaker.name, speaker_key=speaker.key))
    return replace(annotations, mentions=tuple(found), entities=tuple(canonical.values()),
                   quotes=tuple(quotes))

"""Turn a parsed spaCy Doc into plain annotation records (character offsets).

The Doc is a whole article (the pieces of a long one already joined): the
detectors read it, and this module only turns what they found into records.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sitegen.annotate.figures import match_figures
from sitegen.annotate.mentions import article_mentions, is_titled
from sitegen.annotate.names import PERSON, Clusters, cluster_mentions
from sitegen.annotate.nlp import doc_text
from sitegen.annotate.people import PersonReading, read_people
from sitegen.annotate.phrases import noun_phrases
from sitegen.annotate.quotes import DIRECT, PARTIAL, match_quotes
from sitegen.annotate.speakers import resolve_quotes
from sitegen.models import Annotations, Entity, Figure, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc


def annotate_doc(doc: Doc) -> Annotations:
    """Everything sitegen reads from one article's Doc, as plain records."""
    text = doc_text(doc)
    quotes = match_quotes(doc)
    mentions = article_mentions(doc, quotes)
    clusters = cluster_mentions(mentions)
    records = tuple(
        Mention(m.start, m.end, text[m.start : m.end], m.label, clusters.key(clusters.of(m)))
        for m in mentions
    )
    resolved = resolve_quotes(doc, mentions, clusters, quotes)
    by_key = {clusters.key(cluster): cluster for cluster in clusters.distinct()}
    titled = [m for m in mentions if m.label == PERSON and is_titled(text, m)]
    readings = read_people(doc, mentions, clusters, titled,
                           [by_key[q.speaker_key] for q in resolved if q.speaker_key in by_key])
    return Annotations(
        mentions=records,
        entities=_entities(clusters, readings),
        quotes=tuple(q for q in resolved if q.kind == DIRECT),
        partial_quotes=tuple(q for q in resolved if q.kind == PARTIAL),
        figures=tuple(
            Figure(f.start, f.end, f.text, f.value, f.counts, f.label)
            for f in match_figures(doc)
        ),
        noun_phrases=noun_phrases(doc),
    )


def _entities(clusters: Clusters, readings: dict[int, PersonReading]) -> tuple[Entity, ...]:
    """One record per entity: people first, then by mentions and name."""
    entities = []
    for cluster in clusters.ranked():
        reading = readings.get(id(cluster), PersonReading())
        entities.append(Entity(
            key=clusters.key(cluster), name=cluster.name, label=cluster.label,
            aliases=tuple(sorted(f for f in cluster.forms if f != cluster.name)),
            mentions=cluster.mentions,
            descriptions=tuple(d for d, _ in reading.descriptions.most_common()),
            vouched=reading.vouched, doubted=tuple(sorted(reading.doubted.items())),
        ))
    return tuple(entities)

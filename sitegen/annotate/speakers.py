"""Who said it: each quote's attributing mention and the person it stands for.

A quote with a cue ("she said", "according to Mr Smith") is attributed by the
cue's subject; who that subject is, the coreference step in :mod:`coref` says.
A quote without one that opens a sentence speaks on for whoever holds the floor:
the speaker of the quote before it, or the person the narration was just about
("Trump said that … . “We will win.”"), and it is attributed by the mention that
named them. A quote that stands alone and is attributed in the next sentence
("“We will win.” Smith said so twice.") takes that sentence's subject.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sitegen.annotate.coref import Discourse, Span
from sitegen.annotate.names import Cluster, Clusters, NameSpan
from sitegen.annotate.nlp import doc_text
from sitegen.annotate.quotes import DIRECT, QuoteMatch, opens_sentence, quoted_stretches
from sitegen.annotate.subjects import UNATTRIBUTED, SubjectRef, sentence_subjects
from sitegen.models import Quote

if TYPE_CHECKING:
    from spacy.tokens import Doc

Said = tuple[Cluster | None, Span | None]  # the person, and the mention that attributes the quote


def resolve_quotes(
    doc: Doc, mentions: list[NameSpan], clusters: Clusters, quotes: list[QuoteMatch]
) -> list[Quote]:
    """Quote records with speakers, read in text order while following the discourse focus."""
    text = doc_text(doc)
    quoted = quoted_stretches(doc)
    subjects = sentence_subjects(doc, quoted)
    discourse = Discourse(text, mentions, clusters, quoted)
    discourse.learn(doc, subjects)
    events: list[tuple[int, int, SubjectRef | QuoteMatch]] = [(ref.head, 0, ref) for ref in subjects]
    events += [(quote.start, 1, quote) for quote in quotes]
    events.sort(key=lambda event: (event[0], event[1]))
    said: dict[int, Said] = {}
    for _, _, event in events:
        if isinstance(event, SubjectRef):
            discourse.subject(event)
        else:
            said[id(event)] = _speaker(discourse, event)
    records = []
    for quote in quotes:
        person, span = said[id(quote)]
        records.append(
            Quote(
                quote.start,
                quote.end,
                text[quote.start : quote.end],
                speaker=person.name if person else None,
                speaker_key=clusters.key(person) if person else None,
                speaker_span=span,
                cue=quote.attribution.cue,
                kind=quote.kind,
            )
        )
    return records


def _speaker(discourse: Discourse, quote: QuoteMatch) -> Said:
    """The person who said ``quote`` and the mention attributing it; the speaker becomes the focus."""
    attribution = quote.attribution
    if attribution.kind == UNATTRIBUTED:
        # A bare quote opening a sentence speaks on for the person being discussed; one
        # quoted inside a sentence about something else ("…were intended to "…"") does not.
        if quote.kind != DIRECT or not opens_sentence(discourse.text, quote.start):
            return None, None
        focus = discourse.focus
        return (focus if isinstance(focus, Cluster) else None), discourse.focus_span
    if attribution.speaker_start is None or attribution.speaker_end is None:
        if quote.kind == DIRECT:
            discourse.spoke(None, None, attribution.kind)
        return None, None
    span = (attribution.speaker_start, attribution.speaker_end)
    person = discourse.refer(attribution.kind, span[0], span[1], attribution.head)
    if quote.kind == DIRECT:  # a partial quote is part of a sentence, whose subject moved the focus
        discourse.spoke(person, span, attribution.kind)
    return person, span

"""Turn a parsed spaCy Doc into plain annotation records (character offsets)."""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from sitegen.annotate.figures import match_figures
from sitegen.annotate.names import PERSON, Cluster, Mention, clean_name, cluster_mentions, name_key
from sitegen.annotate.quotes import QuoteMatch, match_quotes
from sitegen.models import Annotations, Entity, EntityInfo, Figure, Quote

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

ENTITY_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "LAW", "WORK_OF_ART", "PRODUCT"}
)
_HONORIFIC_BEFORE = re.compile(
    r"(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady|President|Minister|Secretary|Senator|Chancellor|"
    r"Prof|Professor|Judge|Governor|Mayor|King|Queen|Prince|Princess|Pope|Coach|Captain)\.?\s+$"
)
_STOP_PHRASE_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "his",
        "her",
        "its",
        "their",
        "our",
        "my",
        "your",
        "some",
        "any",
        "many",
        "much",
        "more",
        "most",
        "other",
        "such",
        "no",
        "every",
        "each",
        "all",
        "both",
        "which",
        "what",
        "who",
        "whom",
        "whose",
        "it",
        "he",
        "she",
        "they",
        "we",
        "i",
        "you",
        "us",
        "them",
        "him",
        "me",
        "one",
        "ones",
        "lot",
        "lots",
        "part",
        "way",
        "thing",
        "things",
        "people",
        "time",
        "times",
        "year",
        "years",
        "day",
        "days",
    ]
)


def annotate_doc(doc: Doc) -> Annotations:
    """Everything sitegen reads from one article's Doc, as plain records."""
    mentions = _mentions(doc)
    quotes = match_quotes(doc)
    mentions = _drop_doubtful_people(doc.text, mentions, quotes)
    clusters = cluster_mentions(mentions)
    entities = tuple(
        Entity(
            m.start,
            m.end,
            doc.text[m.start : m.end],
            m.label,
            name_key(clusters[f"{m.label}\t{m.name}"].name),
        )
        for m in mentions
    )
    return Annotations(
        entities=entities,
        canonical=_canonical(clusters),
        quotes=tuple(_resolve(doc.text, q, mentions, clusters, quotes) for q in quotes),
        figures=tuple(
            Figure(f.start, f.end, f.text, f.value, f.counts, f.label)
            for f in match_figures(list(doc.ents))
        ),
        noun_phrases=_noun_phrases(doc),
    )


def _mentions(doc: Doc) -> list[Mention]:
    raw: list[Mention] = []
    for entity in doc.ents:
        if entity.label_ not in ENTITY_LABELS:
            continue
        label = entity.label_
        name = clean_name(entity.text, label)
        if label == PERSON and name.replace(".", "").isupper() and len(name) > 1:
            label, name = "ORG", clean_name(entity.text, "ORG")  # "SCMP", "CCTV": acronyms
        if not name or not any(ch.isalpha() for ch in name):
            continue
        if label == PERSON and (any(ch.isdigit() for ch in name) or name.islower()):
            continue
        start, end = _trimmed_span(doc.text, entity, name)
        raw.append(Mention(start, end, name, label))
    people = {m.name for m in raw if m.label == PERSON}
    # "Trump" tagged ORG in one sentence is still the person named Trump elsewhere.
    return [
        Mention(m.start, m.end, m.name, PERSON) if m.label != PERSON and m.name in people else m
        for m in raw
    ]


def _trimmed_span(text: str, entity: Span, name: str) -> tuple[int, int]:
    """The mention's offsets narrowed to the cleaned name, when it occurs inside the span."""
    offset = text.find(name, entity.start_char, entity.end_char)
    if offset == -1:
        return entity.start_char, entity.end_char
    return offset, offset + len(name)


def _drop_doubtful_people(
    text: str, mentions: list[Mention], quotes: list[QuoteMatch]
) -> list[Mention]:
    """A lone one-word "person" ("Twitter", "COVID") needs support to count as one."""
    counts = Counter(m.name for m in mentions if m.label == PERSON)
    full_words = {
        word for m in mentions if m.label == PERSON and " " in m.name for word in m.name.split()
    }
    speakers = {(q.attribution.speaker_start, q.attribution.speaker_end) for q in quotes}
    kept = []
    for mention in mentions:
        if (
            mention.label == PERSON
            and " " not in mention.name
            and not (
                mention.name in full_words
                or counts[mention.name] >= 2
                or _HONORIFIC_BEFORE.search(text[max(0, mention.start - 14) : mention.start])
                or any(s is not None and s <= mention.start < (e or 0) for s, e in speakers)
            )
        ):
            continue
        kept.append(mention)
    return kept


def _canonical(clusters: dict[str, Cluster]) -> tuple[EntityInfo, ...]:
    seen: dict[int, Cluster] = {id(c): c for c in clusters.values()}
    infos = []
    for cluster in seen.values():
        name = cluster.name
        infos.append(
            EntityInfo(
                key=name_key(name),
                name=name,
                label=cluster.label,
                aliases=tuple(sorted(f for f in cluster.forms if f != name)),
                mentions=sum(cluster.forms.values()),
            )
        )
    return tuple(sorted(infos, key=lambda i: (i.label != PERSON, -i.mentions, i.name)))


def _resolve(
    text: str,
    quote: QuoteMatch,
    mentions: list[Mention],
    clusters: dict[str, Cluster],
    quotes: list[QuoteMatch],
) -> Quote:
    attribution = quote.attribution
    body = text[quote.start : quote.end]
    if attribution.speaker_start is None or attribution.speaker_end is None:
        return Quote(quote.start, quote.end, body, cue=attribution.cue)
    span = (attribution.speaker_start, attribution.speaker_end)
    if attribution.pronoun:
        named = _last_person_before(attribution.speaker_start, mentions, quotes)
    else:
        named = _mention_in(span, mentions)
    if named is None:
        return Quote(quote.start, quote.end, body, cue=attribution.cue, speaker_span=span)
    cluster = clusters[f"{named.label}\t{named.name}"]
    return Quote(
        quote.start,
        quote.end,
        body,
        speaker=cluster.name,
        speaker_key=name_key(cluster.name),
        speaker_span=span,
        cue=attribution.cue,
    )


def _mention_in(span: tuple[int, int], mentions: list[Mention]) -> Mention | None:
    for mention in mentions:
        if mention.label in (PERSON, "ORG") and mention.start < span[1] and span[0] < mention.end:
            return mention
    return None


def _last_person_before(
    offset: int, mentions: list[Mention], quotes: list[QuoteMatch]
) -> Mention | None:
    """The person named last before ``offset``, outside quotes (who "he" or "she" is)."""
    best = None
    for mention in mentions:
        if mention.start >= offset:
            break
        inside_quote = any(q.start <= mention.start < q.end for q in quotes)
        if mention.label == PERSON and not inside_quote:
            best = mention
    return best


_PHRASE_HEADS = frozenset(
    {"nsubj", "nsubjpass", "dobj", "pobj", "attr", "appos", "conj", "dative", "ROOT", "npadvmod"}
)


def _noun_phrases(doc: Doc) -> tuple[str, ...]:
    """Key noun phrases (modifiers + noun), lower-cased with a naive singular, for topics.

    Built from tags and dependencies, since spaCy's noun_chunks needs the coarse
    POS of the attribute ruler, which sitegen leaves out for speed.
    """
    phrases: list[str] = []
    for token in doc:
        if not token.tag_.startswith("NN") or token.tag_.startswith("NNP"):
            continue
        if token.dep_ not in _PHRASE_HEADS or token.ent_type_ or token.lower_ in _STOP_PHRASE_WORDS:
            continue
        modifiers = [
            c
            for c in token.lefts
            if c.dep_ in ("compound", "amod")
            and c.tag_ in ("NN", "NNS", "JJ")
            and not c.ent_type_
            and c.lower_ not in _STOP_PHRASE_WORDS
        ]
        words = [m.lower_ for m in modifiers[-2:]] + [_singular(token)]
        phrase = " ".join(words)
        if len(phrase) >= 4 and phrase.replace(" ", "").isalpha():
            phrases.append(phrase)
    return tuple(phrases)


def _singular(token: Token) -> str:
    word = token.lower_
    if token.tag_ == "NNS" and word.endswith("s") and not word.endswith("ss"):
        return word[:-3] + "y" if word.endswith("ies") else word[:-1]
    return word

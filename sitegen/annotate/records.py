"""Turn a parsed spaCy Doc into plain annotation records (character offsets)."""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from sitegen.annotate.figures import match_figures
from sitegen.annotate.lexicon import HONORIFICS, OFFICE_TITLES, alternation, is_person_word
from sitegen.annotate.names import (
    PERSON,
    Clusters,
    NameSpan,
    clean_name,
    cluster_mentions,
    is_person_name,
    name_key,
)
from sitegen.annotate.nlp import doc_text
from sitegen.annotate.phrases import noun_phrases
from sitegen.annotate.quotes import (
    NAME,
    QuoteMatch,
    is_person_noun,
    match_quotes,
    quoted_stretches,
)
from sitegen.annotate.speakers import resolve_quotes
from sitegen.models import Annotations, Entity, Figure, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

ENTITY_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "LAW", "WORK_OF_ART", "PRODUCT"}
)
# A title just before a name vouches that it is a person's ("Mr Cable", "President Xi").
_HONORIFIC_BEFORE = re.compile(r"(?:" + alternation(HONORIFICS + OFFICE_TITLES) + r")\.?\s+$")


def annotate_doc(doc: Doc) -> Annotations:
    """Everything sitegen reads from one article's Doc, as plain records."""
    mentions = _mentions(doc)
    quotes = match_quotes(doc)
    mentions = _named_speakers(doc, mentions, quotes)
    mentions = _drop_quoted_terms(doc, mentions, quotes)
    mentions = _drop_doubtful_people(doc_text(doc), mentions, quotes)
    clusters = cluster_mentions(mentions)
    records = tuple(
        Mention(
            m.start,
            m.end,
            doc_text(doc)[m.start : m.end],
            m.label,
            name_key(clusters.of(m).name),
        )
        for m in mentions
    )
    return Annotations(
        mentions=records,
        entities=_entities(clusters),
        quotes=tuple(resolve_quotes(doc, mentions, clusters, quotes)),
        figures=tuple(
            Figure(f.start, f.end, f.text, f.value, f.counts, f.label)
            for f in match_figures(doc)
        ),
        noun_phrases=noun_phrases(doc),
    )


_PERSONAL_TITLE = re.compile(
    r"\b(?:" + alternation(HONORIFICS) + r")\.? ((?:[A-Z][\w'’-]*[\w])(?: (?:[A-Z][\w'’-]*[\w]))*)"
)
_NAME_ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "PRODUCT", "WORK_OF_ART", "LOC", "FAC"})


def _mentions(doc: Doc) -> list[NameSpan]:
    """Entity mentions with cleaned names, and person labels corrected from the context.

    The small model often tags a titled name ("Ms Lomax") or a named speaker
    with an apposition ("Jean-Philippe Cotis, the OECD's chief economist") as an
    organisation, and a company that "said it would…" as a person.
    """
    raw: list[NameSpan] = []
    for entity in doc.ents:
        if entity.label_ not in ENTITY_LABELS:
            continue
        label = entity.label_
        if label != PERSON and _described_as_person(entity):
            label = PERSON
        name = clean_name(entity.text, label)
        if label == PERSON and name.replace(".", "").isupper() and len(name) > 1:
            label, name = "ORG", clean_name(entity.text, "ORG")  # "SCMP", "CCTV": acronyms
        if not name or not any(ch.isalpha() for ch in name):
            continue
        if label != PERSON and is_person_word(name.lower()) and _after_the(doc_text(doc), entity):
            continue  # "the Cardinal", tagged an organisation: a title standing for a person
        if label == PERSON and (any(ch.isdigit() for ch in name) or name.islower()):
            continue
        if label == PERSON and (entity.text.lower().startswith("the ") or not is_person_name(name)):
            label, name = "ORG", clean_name(entity.text, "ORG")  # "the Lib Dems", "Dana Centre"
        start, end = _trimmed_span(doc_text(doc), entity, name)
        raw.append(NameSpan(start, end, name, label))
    raw = _titled_names(doc_text(doc), raw)
    raw = _organisations_called_it(doc, raw)
    return _vote_people(doc_text(doc), raw)


def _after_the(text: str, entity: Span) -> bool:
    """Whether the entity is "the X" (with "the" inside the entity or just before it)."""
    before = text[max(0, entity.start_char - 4) : entity.start_char]
    return entity.text.lower().startswith("the ") or before.lower() == "the "


def _vote_people(text: str, raw: list[NameSpan]) -> list[NameSpan]:
    """One label per name: the model tags the same name differently from sentence to sentence.

    A full name tagged a person once is a person everywhere ("Trump" tagged ORG once
    is still Donald Trump). A one-word name is a person when it is part of a full
    person name, has a personal title, or is tagged a person more often than not
    ("Balco", tagged once of each, stays an organisation). "Vincent Cable" tagged
    ORG is the person called "Mr Cable" elsewhere.
    """
    person_votes: Counter[str] = Counter()
    other_votes: Counter[str] = Counter()
    for m in raw:
        if m.label == PERSON:
            person_votes[m.name] += 1
        elif m.label in _NAME_ENTITY_LABELS:
            other_votes[m.name] += 1
    full_words = {w for m in raw if m.label == PERSON and " " in m.name for w in m.name.split()}
    titled = {
        m.name for m in raw
        if m.label == PERSON and _HONORIFIC_BEFORE.search(text[max(0, m.start - 14) : m.start])
    }
    surnames = {m.name for m in raw if m.label == PERSON and " " not in m.name}

    def is_person(name: str) -> bool:
        if " " in name:
            return person_votes[name] > 0 or (name.split()[-1] in surnames and name.istitle())
        return (
            name in full_words or name in titled or person_votes[name] > other_votes[name]
        ) and person_votes[name] > 0

    result = []
    for m in raw:
        if m.label not in _NAME_ENTITY_LABELS or m.label == "NORP":
            result.append(m)
        elif is_person(m.name):
            result.append(NameSpan(m.start, m.end, m.name, PERSON))
        elif m.label == PERSON:
            result.append(NameSpan(m.start, m.end, m.name, "ORG"))
        else:
            result.append(m)
    return result


def _drop_quoted_terms(doc: Doc, mentions: list[NameSpan], quotes: list[QuoteMatch]) -> list[NameSpan]:
    """A "person" inside a quoted term or title is a nickname or a title: "Betty", 'Mr Nasty'."""
    speech = [(q.start, q.end) for q in quotes]
    terms = [(s, e) for s, e in quoted_stretches(doc) if (s, e) not in speech]
    return [
        m for m in mentions
        if not (m.label == PERSON and any(s < m.start and m.end < e for s, e in terms))
    ]


_FULL_NAME = re.compile(r"^[A-Z][\w'’-]*[a-z](?: [A-Z][\w'’-]*[a-z]){1,3}$")
_SURNAME = re.compile(r"^[A-Z][\w'’-]*[a-z]$")


def _named_speakers(doc: Doc, mentions: list[NameSpan], quotes: list[QuoteMatch]) -> list[NameSpan]:
    """A name the model missed is still a person when it is a quote's speaker: a full
    name ("However, Linford Christie countered: …"), or a surname whose full name
    the article gave before ("Yiannis Papadoyiannakis, who … said Papadoyiannakis")."""
    text = doc_text(doc)
    added: list[NameSpan] = []
    for quote in quotes:
        attribution = quote.attribution
        if attribution.kind != NAME or attribution.speaker_start is None or attribution.speaker_end is None:
            continue
        start, end = attribution.speaker_start, attribution.speaker_end
        if any(m.start < end and start < m.end for m in mentions + added):
            continue
        name = clean_name(text[start:end], PERSON)
        if _FULL_NAME.match(name):
            offset = text.find(name, start, end)
            added.append(NameSpan(offset, offset + len(name), name, PERSON))
        elif _SURNAME.match(name):
            full = _earlier_full_name(doc, name, start, mentions + added)
            if full is not None:
                offset = text.find(name, start, end)
                mentions = [m for m in mentions if (m.start, m.end) != (full.start, full.end)]
                added += [full, NameSpan(offset, offset + len(name), name, PERSON)]
    return sorted(mentions + added, key=lambda m: m.start) if added else mentions


def _earlier_full_name(doc: Doc, surname: str, before: int, mentions: list[NameSpan]) -> NameSpan | None:
    """The first "Given Surname" of proper nouns before ``before``, as a person: untagged,
    or tagged as something else by the model ("Vassilis Karagounakis" as an organisation)."""
    text = doc_text(doc)
    pattern = re.compile(r"\b(?:[A-Z][\w'’-]*[a-z] ){1,2}" + re.escape(surname) + r"\b")
    for match in pattern.finditer(text, 0, before):
        start, end = match.span()
        span = doc.char_span(start, end)
        if span is None or any(token.tag_ not in ("NNP", "NNPS") for token in span):
            continue
        overlapping = [m for m in mentions if m.start < end and start < m.end]
        if any(m.label == PERSON or (m.start, m.end) != (start, end) for m in overlapping):
            continue
        return NameSpan(start, end, clean_name(match.group(0), PERSON), PERSON)
    return None


def _described_as_person(entity: Span) -> bool:
    """A name with a person noun in apposition or as its title ("Cotis, the chief economist").

    The apposition must be next to the name, a comma between: the parser also hangs
    far-off titles in a list ("the actor, whose films include … The Phantom Menace").
    """
    root = entity.root
    doc = root.doc
    if (
        root.dep_ == "appos"
        and _is_common_person_noun(root.head)
        and root.head.i == entity.start - 2
        and doc[entity.start - 1].text == ","
    ):
        return True
    for child in root.children:
        if (
            child.dep_ == "appos"
            and _is_common_person_noun(child)
            and entity.end < len(doc)
            and doc[entity.end].text == ","
            and child.left_edge.i == entity.end + 1
        ):
            return True
    before = entity.start - 1
    return before >= 0 and doc[before].dep_ == "compound" and _is_common_person_noun(doc[before]) \
        and doc[before].head.i == root.i and doc[before].tag_ == "NN"


def _is_common_person_noun(token: Token) -> bool:
    # Only a common noun describes the name it stands beside; a proper noun there is a name.
    return token.tag_ in ("NN", "NNS") and is_person_noun(token)


def _titled_names(text: str, mentions: list[NameSpan]) -> list[NameSpan]:
    """"Ms Lomax", "Dr Vancheshwar": a personal title makes the name after it a person."""
    kept = list(mentions)
    for match in _PERSONAL_TITLE.finditer(text):
        name = clean_name(match.group(1), PERSON)
        if not name:
            continue
        start = text.find(name, match.start(1))
        end = start + len(name)
        overlapping = [m for m in kept if m.start < end and start < m.end]
        if any(m.label == PERSON for m in overlapping):
            continue
        kept = [m for m in kept if m not in overlapping]
        kept.append(NameSpan(start, end, name, PERSON))
    return sorted(kept, key=lambda m: m.start)


def _organisations_called_it(doc: Doc, mentions: list[NameSpan]) -> list[NameSpan]:
    """A one-word "person" that the text calls "it" ("Yukos said it would…") is an organisation."""
    votes: Counter[str] = Counter()
    for mention in mentions:
        if mention.label != PERSON or " " in mention.name:
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        if root.dep_ == "compound" and is_person_noun(root.head):
            votes[mention.name] += 1  # "Yukos boss"
        elif root.dep_ == "nsubj":
            for clause in root.head.children:
                subjects = [c.lower_ for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
                if clause.dep_ == "ccomp" and subjects:
                    votes[mention.name] += {"it": 1, "he": -1, "she": -1}.get(subjects[0], 0)
    titled = {m.name for m in mentions if m.label == PERSON and _HONORIFIC_BEFORE.search(
        doc_text(doc)[max(0, m.start - 14) : m.start])}
    return [
        NameSpan(m.start, m.end, m.name, "ORG") if votes[m.name] > 0 and m.name not in titled else m
        for m in mentions
    ]


def _trimmed_span(text: str, entity: Span, name: str) -> tuple[int, int]:
    """The mention's offsets narrowed to the cleaned name, when it occurs inside the span."""
    offset = text.find(name, entity.start_char, entity.end_char)
    if offset == -1:
        return entity.start_char, entity.end_char
    return offset, offset + len(name)


def _drop_doubtful_people(
    text: str, mentions: list[NameSpan], quotes: list[QuoteMatch]
) -> list[NameSpan]:
    """A lone one-word "person" ("Twitter", "COVID") needs support to count as one."""
    counts = Counter(m.name for m in mentions if m.label == PERSON)
    full_words = {
        word for m in mentions if m.label == PERSON and " " in m.name for word in m.name.split()
    }
    speakers = {
        (q.attribution.speaker_start, q.attribution.speaker_end) for q in quotes if q.attribution.kind == NAME
    }
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


def _entities(clusters: Clusters) -> tuple[Entity, ...]:
    infos = []
    for cluster in clusters.distinct():
        name = cluster.name
        infos.append(
            Entity(
                key=name_key(name),
                name=name,
                label=cluster.label,
                aliases=tuple(sorted(f for f in cluster.forms if f != name)),
                mentions=sum(cluster.forms.values()),
            )
        )
    return tuple(sorted(infos, key=lambda i: (i.label != PERSON, -i.mentions, i.name)))

"""Turn a parsed spaCy Doc into plain annotation records (character offsets)."""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from sitegen.annotate.figures import match_figures
from sitegen.annotate.names import (
    PERSON,
    Cluster,
    Mention,
    clean_name,
    cluster_mentions,
    is_person_name,
    name_key,
)
from sitegen.annotate.nlp import doc_text
from sitegen.annotate.quotes import (
    DESCRIPTION,
    INDEFINITE,
    NAME,
    NOBODY,
    PERSON_NOUNS,
    PRONOUN,
    UNATTRIBUTED,
    QuoteMatch,
    SubjectRef,
    match_quotes,
    opens_sentence,
    quoted_stretches,
    sentence_subjects,
)
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
    mentions = _named_speakers(doc_text(doc), mentions, quotes)
    mentions = _drop_quoted_terms(doc, mentions, quotes)
    mentions = _drop_doubtful_people(doc_text(doc), mentions, quotes)
    clusters = cluster_mentions(mentions)
    entities = tuple(
        Entity(
            m.start,
            m.end,
            doc_text(doc)[m.start : m.end],
            m.label,
            name_key(clusters[f"{m.label}\t{m.name}"].name),
        )
        for m in mentions
    )
    return Annotations(
        entities=entities,
        canonical=_canonical(clusters),
        quotes=tuple(_resolve_quotes(doc, mentions, clusters, quotes)),
        figures=tuple(
            Figure(f.start, f.end, f.text, f.value, f.counts, f.label)
            for f in match_figures(doc)
        ),
        noun_phrases=_noun_phrases(doc),
    )


_PERSONAL_TITLE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady|Prof|Professor)\.? "
    r"((?:[A-Z][\w'’-]*[\w])(?: (?:[A-Z][\w'’-]*[\w]))*)"
)
_NAME_ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "PRODUCT", "WORK_OF_ART", "LOC", "FAC"})


def _mentions(doc: Doc) -> list[Mention]:
    """Entity mentions with cleaned names, and person labels corrected from the context.

    The small model often tags a titled name ("Ms Lomax") or a named speaker
    with an apposition ("Jean-Philippe Cotis, the OECD's chief economist") as an
    organisation, and a company that "said it would…" as a person.
    """
    raw: list[Mention] = []
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
        if label == PERSON and (any(ch.isdigit() for ch in name) or name.islower()):
            continue
        if label == PERSON and (entity.text.lower().startswith("the ") or not is_person_name(name)):
            label, name = "ORG", clean_name(entity.text, "ORG")  # "the Lib Dems", "Dana Centre"
        start, end = _trimmed_span(doc_text(doc), entity, name)
        raw.append(Mention(start, end, name, label))
    raw = _titled_names(doc_text(doc), raw)
    raw = _organisations_called_it(doc, raw)
    return _vote_people(doc_text(doc), raw)


def _vote_people(text: str, raw: list[Mention]) -> list[Mention]:
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
            result.append(Mention(m.start, m.end, m.name, PERSON))
        elif m.label == PERSON:
            result.append(Mention(m.start, m.end, m.name, "ORG"))
        else:
            result.append(m)
    return result


def _drop_quoted_terms(doc: Doc, mentions: list[Mention], quotes: list[QuoteMatch]) -> list[Mention]:
    """A "person" inside a quoted term or title is a nickname or a title: "Betty", 'Mr Nasty'."""
    speech = [(q.start, q.end) for q in quotes]
    terms = [(s, e) for s, e in quoted_stretches(doc) if (s, e) not in speech]
    return [
        m for m in mentions
        if not (m.label == PERSON and any(s < m.start and m.end < e for s, e in terms))
    ]


_FULL_NAME = re.compile(r"^[A-Z][\w'’-]*[a-z](?: [A-Z][\w'’-]*[a-z]){1,3}$")


def _named_speakers(text: str, mentions: list[Mention], quotes: list[QuoteMatch]) -> list[Mention]:
    """A full name the model missed is still a person when it is a quote's speaker
    ("However, Linford Christie countered: …")."""
    added = []
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
            added.append(Mention(offset, offset + len(name), name, PERSON))
    return sorted(mentions + added, key=lambda m: m.start) if added else mentions


def _described_as_person(entity: Span) -> bool:
    """A name with a person noun in apposition or as its title ("Cotis, the chief economist").

    The apposition must be next to the name, a comma between: the parser also hangs
    far-off titles in a list ("the actor, whose films include … The Phantom Menace").
    """
    root = entity.root
    doc = root.doc
    if (
        root.dep_ == "appos"
        and _is_person_noun(root.head)
        and root.head.i == entity.start - 2
        and doc[entity.start - 1].text == ","
    ):
        return True
    for child in root.children:
        if (
            child.dep_ == "appos"
            and _is_person_noun(child)
            and entity.end < len(doc)
            and doc[entity.end].text == ","
            and child.left_edge.i == entity.end + 1
        ):
            return True
    before = entity.start - 1
    return before >= 0 and doc[before].dep_ == "compound" and _is_person_noun(doc[before]) \
        and doc[before].head.i == root.i and doc[before].tag_ == "NN"


def _is_person_noun(token: Token) -> bool:
    return token.tag_ in ("NN", "NNS") and token.lower_ in PERSON_NOUNS


def _titled_names(text: str, mentions: list[Mention]) -> list[Mention]:
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
        kept.append(Mention(start, end, name, PERSON))
    return sorted(kept, key=lambda m: m.start)


def _organisations_called_it(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """A one-word "person" that the text calls "it" ("Yukos said it would…") is an organisation."""
    votes: Counter[str] = Counter()
    for mention in mentions:
        if mention.label != PERSON or " " in mention.name:
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        if root.dep_ == "compound" and root.head.lower_ in PERSON_NOUNS:
            votes[mention.name] += 1  # "Yukos boss"
        elif root.dep_ == "nsubj":
            for clause in root.head.children:
                subjects = [c.lower_ for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
                if clause.dep_ == "ccomp" and subjects:
                    votes[mention.name] += {"it": 1, "he": -1, "she": -1}.get(subjects[0], 0)
    titled = {m.name for m in mentions if m.label == PERSON and _HONORIFIC_BEFORE.search(
        doc_text(doc)[max(0, m.start - 14) : m.start])}
    return [
        Mention(m.start, m.end, m.name, "ORG") if votes[m.name] > 0 and m.name not in titled else m
        for m in mentions
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


_MALE_TITLE = re.compile(r"(?:^|\s)(?:Mr|Sir|Lord|King|Prince|Baron|Father)\.?\s+$")
_FEMALE_TITLE = re.compile(r"(?:^|\s)(?:Mrs|Ms|Miss|Lady|Dame|Queen|Princess|Baroness)\.?\s+$")
_PRONOUN_GENDER = {"he": "m", "she": "f"}
_DESCRIPTION_STOP = frozenset(
    {"the", "this", "that", "a", "an", "of", "'s", "his", "her", "its", "former", "ex"}
)
ANONYMOUS = "anonymous"  # the text is about an unnamed person ("a spokesman said")

Focus = Cluster | str | None


class _Discourse:
    """Follows who the text is talking about, to resolve pronouns, descriptions and bare quotes.

    The focus is the person last named as a sentence's main subject or as a
    quote's speaker; "he"/"she" resolve to it when its gender (from titles such
    as Mr or Ms) does not rule it out, otherwise to the last compatible person
    named before. An unnamed speaker ("a spokeswoman said") makes the focus
    anonymous, so quotes that follow stay unattributed.
    """

    def __init__(
        self, text: str, mentions: list[Mention], clusters: dict[str, Cluster], quoted: list[tuple[int, int]]
    ) -> None:
        self.text = text
        self.mentions = mentions
        self.clusters = clusters
        self.quoted = quoted
        self.gender: dict[int, str] = {}
        for mention in mentions:
            if mention.label != PERSON:
                continue
            before = text[max(0, mention.start - 12) : mention.start]
            gender = "m" if _MALE_TITLE.search(before) else "f" if _FEMALE_TITLE.search(before) else None
            if gender:
                self.gender.setdefault(id(self.cluster(mention)), gender)
        self.focus: Focus = None
        self.roles: list[tuple[Cluster, set[str]]] = []

    def learn_roles(self, doc: Doc) -> None:
        """The role words each person is introduced with: "Tory leader Michael Howard",
        "Jean-Philippe Cotis, the OECD's chief economist"."""
        for mention in self.mentions:
            if mention.label != PERSON:
                continue
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            words: set[str] = set()
            index = span.start - 1
            while index >= 0 and doc[index].dep_ in ("compound", "amod", "nmod", "punct") \
                    and index < doc[index].head.i < span.end and doc[index].text not in ",.":
                words.add(doc[index].lower_)
                index -= 1
            for child in span.root.children:
                if child.dep_ == "appos" and child.i >= span.end:
                    words |= {t.lower_ for t in child.subtree if t.i <= child.i}
            words = {w for w in words if w.isalpha() or "-" in w} - _DESCRIPTION_STOP
            if words:
                self.roles.append((self.cluster(mention), words))

    def cluster(self, mention: Mention) -> Cluster:
        return self.clusters[f"{mention.label}\t{mention.name}"]

    def _quoted(self, offset: int) -> bool:
        return any(start <= offset < end for start, end in self.quoted)

    def refer(self, kind: str, start: int, end: int, head: int | None) -> Cluster | None:
        """The person that a subject of this kind at this place refers to, if any."""
        if kind == NAME:
            return self.named(start, end, head if head is not None else start)
        if kind == PRONOUN:
            return self.pronoun(self.text[start:end].lower(), start)
        if kind == DESCRIPTION:
            return self.described(start, end)
        return None

    def described(self, start: int, end: int) -> Cluster | None:
        """"The Tory leader" is the person introduced as "Tory leader Michael Howard" before;
        otherwise a definite description refers to the person being discussed."""
        phrase = self.text[start:end].lower()
        words = set(re.findall(r"[a-z][\w'-]*", phrase)) - _DESCRIPTION_STOP
        if words:
            matches = [c for c, roles in self.roles if words <= roles and c is not None]
            named_before = {id(c): c for c in matches}
            if len(named_before) == 1:
                return next(iter(named_before.values()))
        if re.search(r"['’]s\b|\b(?:his|her|their)\b", phrase):
            return None  # "Tony Blair's official spokesman": someone else, unnamed
        return self.focus if isinstance(self.focus, Cluster) else None

    def named(self, start: int, end: int, head: int) -> Cluster | None:
        covering = [m for m in self.mentions if m.start <= head < m.end] or [
            m for m in self.mentions if m.start < end and start < m.end
        ]
        for mention in covering:
            if mention.label == PERSON:
                return self.cluster(mention)
        word = re.match(r"[\w'’-]+", self.text[head:end])
        return self.by_name(word.group(0)) if word else None

    def by_name(self, word: str) -> Cluster | None:
        """The person whose first or last name is ``word`` ("White" → "Kelli White")."""
        candidates: dict[int, Cluster] = {}
        for cluster in self.clusters.values():
            if cluster.label != PERSON:
                continue
            words = cluster.name.split()
            if word in (words[0], words[-1]):
                candidates[id(cluster)] = cluster
        if len(candidates) == 1:
            return next(iter(candidates.values()))
        return None

    def pronoun(self, pronoun: str, offset: int) -> Cluster | None:
        wanted = _PRONOUN_GENDER.get(pronoun)
        focus = self.focus
        if focus == ANONYMOUS:
            return None
        if isinstance(focus, Cluster) and self.gender.get(id(focus), wanted) == wanted:
            return focus
        best = None
        for mention in self.mentions:
            if mention.start >= offset:
                break
            if mention.label != PERSON or self._quoted(mention.start):
                continue
            cluster = self.cluster(mention)
            if self.gender.get(id(cluster), wanted) == wanted:
                best = cluster
        return best

    def subject(self, ref: SubjectRef) -> None:
        """A sentence's main subject moves the focus to the person it names."""
        person = self.refer(ref.kind, ref.start, ref.end, ref.head)
        if person is not None:
            self.focus = person
        elif ref.kind in (INDEFINITE, DESCRIPTION):
            self.focus = ANONYMOUS

    def speaker(self, quote: QuoteMatch) -> Cluster | None:
        """The speaker of a quote; it becomes the focus."""
        attribution = quote.attribution
        if attribution.kind == UNATTRIBUTED:
            # A bare quote opening a sentence speaks on for the person being discussed; one
            # quoted inside a sentence about something else ("…were intended to "…"") does not.
            opening = opens_sentence(self.text, quote.start)
            person = self.focus if opening and isinstance(self.focus, Cluster) else None
        elif attribution.speaker_start is None or attribution.speaker_end is None:
            person = None
        else:
            person = self.refer(
                attribution.kind, attribution.speaker_start, attribution.speaker_end, attribution.head
            )
        if person is not None:
            self.focus = person
        elif attribution.kind in (INDEFINITE, NOBODY, NAME):
            self.focus = ANONYMOUS  # an organisation or an unnamed person spoke
        return person


def _resolve_quotes(
    doc: Doc, mentions: list[Mention], clusters: dict[str, Cluster], quotes: list[QuoteMatch]
) -> list[Quote]:
    """Quote records with speakers, read in text order while following the discourse focus."""
    quoted = quoted_stretches(doc)
    discourse = _Discourse(doc_text(doc), mentions, clusters, quoted)
    discourse.learn_roles(doc)
    events: list[tuple[int, int, SubjectRef | QuoteMatch]] = [
        (ref.head, 0, ref) for ref in sentence_subjects(doc, quoted)
    ]
    events += [(quote.start, 1, quote) for quote in quotes]
    events.sort(key=lambda event: (event[0], event[1]))
    speakers: dict[int, Cluster | None] = {}
    for _, _, event in events:
        if isinstance(event, SubjectRef):
            discourse.subject(event)
        else:
            speakers[id(event)] = discourse.speaker(event)
    records = []
    for quote in quotes:
        attribution = quote.attribution
        body = doc_text(doc)[quote.start : quote.end]
        span = (
            (attribution.speaker_start, attribution.speaker_end)
            if attribution.speaker_start is not None and attribution.speaker_end is not None
            else None
        )
        person = speakers[id(quote)]
        records.append(
            Quote(
                quote.start,
                quote.end,
                body,
                speaker=person.name if person else None,
                speaker_key=name_key(person.name) if person else None,
                speaker_span=span,
                cue=attribution.cue,
            )
        )
    return records


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


_IRREGULAR_PLURALS = {"women": "woman", "men": "man", "children": "child", "people": "people",
                      "feet": "foot", "teeth": "tooth", "mice": "mouse", "data": "data",
                      "series": "series", "species": "species"}


def _singular(token: Token) -> str:
    """A naive singular, good enough to count "drug" and "drugs" as one subject."""
    word = token.lower_
    if token.tag_ != "NNS":
        return word
    if word in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[word]
    if word.endswith(("ss", "us", "is", "ics", "news")) or not word.endswith("s"):
        return word  # "business", "virus", "politics", "news"
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes", "zes", "ruses", "nuses", "tuses", "buses", "puses")):
        return word[:-2]  # "classes", "taxes", "matches", "viruses", "bonuses"
    return word[:-1]  # "cases", "houses", "drugs"

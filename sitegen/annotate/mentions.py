"""Entity mentions of one article: spaCy's entities, then named passes that fix them.

The small model tags the same name differently from sentence to sentence, tags a
titled name ("Ms Lomax") or a company that "said it would…" with the wrong label,
and misses names a quote's attribution gives. :func:`article_mentions` takes the
entities with cleaned names (:func:`entity_mentions`), then runs ``PASSES`` in
order; each pass is a function ``(article, mentions) -> mentions`` whose
docstring says what it fixes. The passes read the whole article (votes count
every mention, speakers come from quotes across paragraphs), so they run on the
joined Doc, never on the pieces of a long one.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitegen.annotate.fragments import TITLE_LABELS, leads_like_a_name, lower_case_words, trim_to_known_names
from sitegen.annotate.lexicon import HONORIFICS, OFFICE_TITLES, PRONOUN_GENDER, alternation, is_person_word
from sitegen.annotate.names import PERSON, NameSpan, clean_name, is_person_name, reads_as_headline
from sitegen.annotate.nlp import doc_text
from sitegen.annotate.quotes import QuoteMatch, quoted_stretches
from sitegen.annotate.royal_names import join_royal_given_names
from sitegen.annotate.subjects import NAME, is_person_noun
from sitegen.keys import NAME_TITLES

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

ENTITY_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "LAW", "WORK_OF_ART", "PRODUCT"}
)
# The labels a name can wrongly get instead of PERSON (and the reverse): the ones voted on.
_NAME_ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "PRODUCT", "WORK_OF_ART", "LOC", "FAC"})
# A title just before a name vouches that it is a person's ("Mr Cable", "President Xi").
_TITLE_BEFORE = re.compile(r"(?:" + alternation(HONORIFICS + OFFICE_TITLES) + r")\.?\s+$")
_TITLE_WINDOW = 14  # characters before a mention searched for its title
_HONORIFIC_AND_NAME = re.compile(
    r"\b(?:" + alternation(HONORIFICS) + r")\.? ((?:[A-Z][\w'’-]*[\w])(?: (?:[A-Z][\w'’-]*[\w]))*)"
)
# "Lord Armstrong": a peerage title before a surname is part of the name (``keys.NAME_TITLES``).
_PEER_BEFORE = re.compile(r"\b(" + alternation(t.title() for t in NAME_TITLES) + r") $")
_FULL_NAME = re.compile(r"^[A-Z][\w'’-]*[a-z](?: [A-Z][\w'’-]*[a-z]){1,3}$")
_SURNAME = re.compile(r"^[A-Z][\w'’-]*[a-z]$")


@dataclass(frozen=True)
class ArticleContext:
    """What the passes read besides the mentions: the joined Doc, its text, its quotes."""

    doc: Doc
    text: str
    quotes: list[QuoteMatch]


Pass = Callable[[ArticleContext, list[NameSpan]], list[NameSpan]]


def is_titled(text: str, mention: NameSpan) -> bool:
    """Whether an honorific or an office title stands just before the mention."""
    return bool(_TITLE_BEFORE.search(text[max(0, mention.start - _TITLE_WINDOW) : mention.start]))


def _words_of_full_names(mentions: list[NameSpan]) -> set[str]:
    """Every word of the people's names of more than one word ("Tony", "Blair")."""
    return {word for m in mentions if m.label == PERSON and " " in m.name for word in m.name.split()}


# --- spaCy's entities -----------------------------------------------------------------------


def entity_mentions(article: ArticleContext) -> list[NameSpan]:
    """spaCy's entities as mentions with cleaned names, each relabelled from its own context."""
    found = (_entity_mention(article.doc, entity) for entity in article.doc.ents)
    return [mention for mention in found if mention is not None]


def _entity_mention(doc: Doc, entity: Span) -> NameSpan | None:
    """One entity as a mention, or None when it names nobody and nothing.

    A name with a person noun beside it ("Cotis, the chief economist") is a
    person; an acronym, a party, an award or "the X" is not.
    """
    if entity.label_ not in ENTITY_LABELS:
        return None
    text = doc_text(doc)
    label = entity.label_
    if label == PERSON:
        entity = _without_leading_words(entity)
        if entity is None:
            return None
    if label != PERSON and _described_as_person(entity):
        label = PERSON
    name = clean_name(entity.text, label)
    if label == PERSON and name.replace(".", "").isupper() and len(name) > 1:
        label, name = "ORG", clean_name(entity.text, "ORG")  # "SCMP", "CCTV": acronyms
    if not name or not any(ch.isalpha() for ch in name):
        return None
    if label != PERSON and is_person_word(name.lower()) and _after_the(text, entity):
        return None  # "the Cardinal", tagged an organisation: a title standing for a person
    if label == PERSON and (any(ch.isdigit() for ch in name) or name.islower() or reads_as_headline(name)):
        return None
    if label == PERSON and (entity.text.lower().startswith("the ") or not is_person_name(name)):
        label, name = "ORG", clean_name(entity.text, "ORG")  # "the Lib Dems", "Dana Centre"
    start, end = _trimmed_span(text, entity, name)
    if label == PERSON:
        name, start = _with_peerage(text, name, start)
    return NameSpan(start, end, name, label)


def _with_peerage(text: str, name: str, start: int) -> tuple[str, int]:
    """"Lord" before a one-word name belongs to it: ("Lord Armstrong", where "Lord" starts)."""
    if " " in name:
        return name, start
    peer = _PEER_BEFORE.search(text, max(0, start - 12), start)
    return (f"{peer.group(1)} {name}", peer.start(1)) if peer else (name, start)


# Words a name does not start with: "Entering Westminster", "Crooked Hillary Clinton".
_NOT_NAME_START_TAGS = frozenset({"VBG", "VBN", "VBD", "JJ", "JJR", "JJS", "RB", "DT"})


def _without_leading_words(entity: Span) -> Span | None:
    """A person's span without the verb or adjective spaCy took in before the name, or None
    when nothing of a name is left."""
    start = entity.start
    while start < entity.end and entity.doc[start].tag_ in _NOT_NAME_START_TAGS:
        start += 1
    if start == entity.start:
        return entity
    return entity.doc[start : entity.end] if start < entity.end else None


def _after_the(text: str, entity: Span) -> bool:
    """Whether the entity is "the X" (with "the" inside the entity or just before it)."""
    before = text[max(0, entity.start_char - 4) : entity.start_char]
    return entity.text.lower().startswith("the ") or before.lower() == "the "


def _trimmed_span(text: str, entity: Span, name: str) -> tuple[int, int]:
    """The mention's offsets narrowed to the cleaned name, when it occurs inside the span."""
    offset = text.find(name, entity.start_char, entity.end_char)
    if offset == -1:
        return entity.start_char, entity.end_char
    return offset, offset + len(name)


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


# --- the passes, in the order PASSES runs them ----------------------------------------------


def titled_names(article: ArticleContext, mentions: list[NameSpan]) -> list[NameSpan]:
    """"Ms Lomax", "Dr Vancheshwar": an honorific makes the name after it a person,
    whatever the model tagged it (or if it tagged nothing)."""
    text = article.text
    kept = list(mentions)
    for match in _HONORIFIC_AND_NAME.finditer(text):
        name = clean_name(match.group(1), PERSON)
        if not name:
            continue
        start = text.find(name, match.start(1))
        end = start + len(name)
        name, start = _with_peerage(text, name, start)
        overlapping = [m for m in kept if m.start < end and start < m.end]
        if any(m.label == PERSON for m in overlapping):
            continue
        kept = [m for m in kept if m not in overlapping]
        kept.append(NameSpan(start, end, name, PERSON))
    return sorted(kept, key=lambda m: m.start)


def organisations_called_it(article: ArticleContext, mentions: list[NameSpan]) -> list[NameSpan]:
    """A one-word "person" that the text calls "it" ("Yukos said it would…") or that has a
    boss ("Yukos boss") is an organisation, unless a title vouches for it."""
    votes: Counter[str] = Counter()
    for mention in mentions:
        if mention.label != PERSON or " " in mention.name:
            continue
        span = article.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        if root.dep_ == "compound" and is_person_noun(root.head):
            votes[mention.name] += 1  # "Yukos boss"
        elif root.dep_ == "nsubj":
            for clause in root.head.children:
                subjects = [c.lower_ for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
                if clause.dep_ == "ccomp" and subjects:
                    votes[mention.name] += _pronoun_vote(subjects[0])
    titled = {m.name for m in mentions if m.label == PERSON and is_titled(article.text, m)}
    return [
        NameSpan(m.start, m.end, m.name, "ORG") if votes[m.name] > 0 and m.name not in titled else m
        for m in mentions
    ]


def _pronoun_vote(subject: str) -> int:
    """+1 for an organisation when a name's own clause goes on with "it", -1 with "he"/"she"."""
    if subject == "it":
        return 1
    return -1 if subject in PRONOUN_GENDER else 0


def vote_people(article: ArticleContext, mentions: list[NameSpan]) -> list[NameSpan]:
    """One label per name: the model tags the same name differently from sentence to sentence.

    A full name tagged a person once is a person everywhere ("Trump" tagged ORG once
    is still Donald Trump). A one-word name is a person when it is part of a full
    person name, has a personal title, or is tagged a person more often than not
    ("Balco", tagged once of each, stays an organisation). "Vincent Cable" tagged
    ORG is the person called "Mr Cable" elsewhere.
    """
    person_votes: Counter[str] = Counter()
    other_votes: Counter[str] = Counter()
    for m in mentions:
        if m.label == PERSON:
            person_votes[m.name] += 1
        elif m.label in _NAME_ENTITY_LABELS:
            other_votes[m.name] += 1
    full_words = _words_of_full_names(mentions)
    titled = {m.name for m in mentions if m.label == PERSON and is_titled(article.text, m)}
    surnames = {m.name for m in mentions if m.label == PERSON and " " not in m.name}
    titles = {m.name for m in mentions if m.label in TITLE_LABELS}
    lower_words = lower_case_words(article.text)

    def is_person(name: str) -> bool:
        if " " in name:
            return person_votes[name] > 0 or (name.split()[-1] in surnames and name.istitle()
                                              and is_person_name(name)  # not "Team Clinton"
                                              and leads_like_a_name(name, full_words, lower_words,
                                                                    strict=name in titles))
        return (
            name in full_words or name in titled or person_votes[name] > other_votes[name]
        ) and person_votes[name] > 0

    result = []
    for m in mentions:
        if m.label not in _NAME_ENTITY_LABELS or m.label == "NORP":
            result.append(m)
        elif is_person(m.name):
            result.append(NameSpan(m.start, m.end, m.name, PERSON))
        elif m.label == PERSON:
            result.append(NameSpan(m.start, m.end, m.name, "ORG"))
        else:
            result.append(m)
    return result


def named_speakers(article: ArticleContext, mentions: list[NameSpan]) -> list[NameSpan]:
    """A name the model missed is still a person when it is a quote's speaker: a full
    name ("However, Linford Christie countered: …"), or a surname whose full name
    the article gave before ("Yiannis Papadoyiannakis, who … said Papadoyiannakis")."""
    text = article.text
    added: list[NameSpan] = []
    for quote in article.quotes:
        attribution = quote.attribution
        if attribution.kind != NAME or attribution.speaker_start is None or attribution.speaker_end is None:
            continue
        start, end = attribution.speaker_start, attribution.speaker_end
        if any(m.start < end and start < m.end for m in mentions + added):
            continue
        name = clean_name(text[start:end], PERSON)
        if not is_person_name(name):
            continue  # "Right Wing Watch said": an organisation speaks too
        if _FULL_NAME.match(name):
            offset = text.find(name, start, end)
            added.append(NameSpan(offset, offset + len(name), name, PERSON))
        elif _SURNAME.match(name):
            full = _earlier_full_name(article.doc, name, start, mentions + added)
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


def drop_quoted_terms(article: ArticleContext, mentions: list[NameSpan]) -> list[NameSpan]:
    """A "person" inside a quoted term or title is a nickname or a title: "Betty", 'Mr Nasty'."""
    speech = [(q.start, q.end) for q in article.quotes]
    terms = [(s, e) for s, e in quoted_stretches(article.doc) if (s, e) not in speech]
    return [
        m for m in mentions
        if not (m.label == PERSON and any(s < m.start and m.end < e for s, e in terms))
    ]


def drop_doubtful_people(article: ArticleContext, mentions: list[NameSpan]) -> list[NameSpan]:
    """A lone one-word "person" ("Twitter", "COVID") needs support to count as one: a full
    name it is part of, a second mention, a title before it, or a quote it speaks."""
    counts = Counter(m.name for m in mentions if m.label == PERSON)
    full_words = _words_of_full_names(mentions)
    speakers = {
        (q.attribution.speaker_start, q.attribution.speaker_end)
        for q in article.quotes
        if q.attribution.kind == NAME
    }
    kept = []
    for mention in mentions:
        if (
            mention.label == PERSON
            and " " not in mention.name
            and not (
                mention.name in full_words
                or counts[mention.name] >= 2
                or is_titled(article.text, mention)
                or any(s is not None and s <= mention.start < (e or 0) for s, e in speakers)
            )
        ):
            continue
        kept.append(mention)
    return kept


# Each pass reads the mentions the one before it left: labels are voted on after every
# titled name is in, and the speakers are added before doubtful one-word people are dropped.
PASSES: tuple[Pass, ...] = (
    titled_names,
    organisations_called_it,
    vote_people,
    named_speakers,
    trim_to_known_names,
    join_royal_given_names,
    drop_quoted_terms,
    drop_doubtful_people,
)


def article_mentions(doc: Doc, quotes: list[QuoteMatch]) -> list[NameSpan]:
    """The mentions of one whole article, in text order: its entities after every pass."""
    article = ArticleContext(doc, doc_text(doc), quotes)
    mentions = entity_mentions(article)
    for fix in PASSES:
        mentions = fix(article, mentions)
    return mentions

"""What one article says of each person it names: who they are, and whether they are a person.

Two readings of every person mention's surroundings, gathered per entity:

* **descriptions**: the role a person is introduced with, as written: an apposition
  ("Jean-Philippe Cotis, the OECD's chief economist"), a title before the name ("Chelsea
  manager Jose Mourinho", "Prime Minister Tony Blair"), or a description the name is in
  apposition to ("the prime minister, Tony Blair");
* **evidence**: mentions that vouch for a person (a title before the name, a person noun
  beside it, a quote the person speaks) and mentions that read as a thing, with the label
  the thing would have (a plural proper noun, "the film Dirty Dancing", "Robey Warshaw, a
  firm", a name that modifies a thing: "the Trump Turnberry golf course").

The archive weighs the evidence of every article before it calls a name a person, and
picks the description used most.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sitegen.annotate.lexicon import (
    DEFINITE_DETERMINERS,
    HONORIFICS,
    THING_NOUNS,
    WORK_ROLES,
    is_person_word,
)
from sitegen.annotate.names import PERSON, Cluster, Clusters, NameSpan
from sitegen.annotate.subjects import is_person_noun
from sitegen.keys import ROYAL_TITLES

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

MAX_DESCRIPTION_WORDS = 14
# Evidence is counted in points: a mention that says it plainly is worth CLEAR, a hint HINT
# ("the X", listed with an organisation, "in X": each a person can also take).
CLEAR, HINT = 2, 1
THING_LABELS = frozenset({"ORG", "GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"})
_PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "inside", "outside"})
_TRADE_WORDS = frozenset({"market", "industry", "sector"})
_COMMON_NOUNS = ("NN", "NNS")
# Titles that say nothing on their own and are left off the end ("NAO head Sir", "surrogate Rep.").
_NOT_DESCRIPTIONS = frozenset(h.lower() for h in HONORIFICS) | {"rep", "sen", "gov", "gen", "capt", "rev"}
# A royal title ends a role without being one ("Foreign Minister Prince"); alone it is the role.
_ROYAL_TITLES = ROYAL_TITLES | {"sheikh", "emir"}
_ENDS_DESCRIPTION = frozenset({",", ";", ":", "(", ")", "who", "which", "that", "whose", "—", "–"})
_MODIFIES_NAME = frozenset({"compound", "amod", "nmod", "poss", "case", "nummod", "quantmod"})


@dataclass
class PersonReading:
    """What an article's mentions say of one of its people."""

    vouched: int = 0  # points: CLEAR for each mention that plainly says "a person"
    doubted: Counter[str] = field(default_factory=Counter)  # label it reads as -> points
    descriptions: Counter[str] = field(default_factory=Counter)


def read_people(doc: Doc, mentions: Iterable[NameSpan], clusters: Clusters,
                titled: Iterable[NameSpan], speakers: Iterable[Cluster]) -> dict[int, PersonReading]:
    """The reading of each person cluster (by ``id``): ``titled`` are the mentions with a title
    before them, ``speakers`` the clusters each quote was attributed to, one per quote."""
    readings: dict[int, PersonReading] = defaultdict(PersonReading)
    for mention in titled:
        readings[id(clusters.of(mention))].vouched += CLEAR
    for speaker in speakers:
        readings[id(speaker)].vouched += CLEAR
    spans = [(mention, doc.char_span(mention.start, mention.end, alignment_mode="expand"))
             for mention in mentions]
    label_at = {token.i: mention.label for mention, span in spans if span is not None for token in span}
    for mention, span in spans:
        if mention.label != PERSON or span is None:
            continue
        reading = readings[id(clusters.of(mention))]
        thing = _reads_as_thing(span, label_at)
        if thing is not None:
            label, points = thing
            reading.doubted[label] += points
            continue  # "market leader Best Buy" is no person's description
        if _listed_with_person(span, label_at):
            reading.vouched += HINT  # "Damien Hirst and Tracey Emin", "Glen Doherty and Tyrone Woods"
        descriptions = _descriptions(span)
        for description in descriptions:
            reading.descriptions[description] += 1
            reading.vouched += CLEAR
        if not descriptions and _which_follows(span):
            # "Boogeyman, which cost just $7m": a thing (but "a novel by journalist S Hussain
            # Zaidi, which…" is about the novel, and "…said Obama, which…" about the saying).
            reading.doubted["MISC"] += HINT
    return readings


def _reads_as_thing(span: Span, label_at: dict[int, str]) -> tuple[str, int] | None:
    """The label a person mention reads as instead and how plainly (points), or None."""
    clear = _clearly_a_thing(span)
    if clear is not None:
        return clear, CLEAR
    doc, root = span.doc, span.root
    before = doc[span.start - 1] if span.start else None
    if before is not None and before.lower_ in DEFINITE_DETERMINERS and _inside(before.head, span):
        return "ORG", HINT  # "the Best Buy": a person seldom takes an article
    if root.dep_ == "compound" and root.head.tag_ == "NNS" and root.head.i >= span.end:
        return "ORG", HINT  # "Girl Scout cookies", "the Sandy Hook families"
    partner = _coordinated_label(span, label_at)
    if partner is not None:
        return partner, HINT  # "the Alzheimer's Society, Age Concern and Mencap"
    if root.dep_ == "pobj" and root.head.lower_ in _PLACE_PREPOSITIONS:
        return "GPE", HINT  # "killed at Auschwitz", "in Monte Carlo" (but "in Ray", the film)
    return None


def _which_follows(span: Span) -> bool:
    """Whether a relative clause of a thing follows the mention: ", which"."""
    doc = span.doc
    return span.end + 1 < len(doc) and doc[span.end].text == "," and doc[span.end + 1].lower_ == "which"


def _clearly_a_thing(span: Span) -> str | None:
    doc, root = span.doc, span.root
    if doc[span.end - 1].tag_ == "NNPS":
        return "ORG"  # "Creative Zens", "Generation Xers": a plural is no one person
    if span.start and (doc[span.start - 1].like_num or doc[span.start - 1].tag_ == "CD"):
        return "MISC"  # "5.45m Euros": an amount of something
    # "the film Dirty Dancing", "Robey Warshaw, a firm", "the Trump Turnberry golf course" (but
    # not "Spielberg's film": the possessor of a thing is still a person).
    heads = [root.head] if root.dep_ == "compound" and root.head.i >= span.end else []
    if heads and _names_a_maker(heads[0]):
        return "WORK_OF_ART"  # "James Bond star Pierce Brosnan": the work, then the person
    for token in (*_neighbours(span), *heads):
        thing = THING_NOUNS.get(token.lower_) if token.tag_ in _COMMON_NOUNS else None
        if thing:
            return thing
    listed = any(child.dep_ == "conj" for child in root.children)  # "newscasters Tom Brokaw, …"
    for token in _neighbours(span):
        plural_of_things = token.tag_ == "NNS" and not listed \
            and not is_person_word(token.lower_.removesuffix("s"))
        if plural_of_things or (token.lower_ == "leader" and token.i > 0
                                and token.doc[token.i - 1].lower_ in _TRADE_WORDS):
            return "ORG"  # "external auditors Arthur Andersen", "market leader Best Buy"
    return None


def _names_a_maker(noun: Token) -> bool:
    """Whether ``noun`` is a work's role ("star", "author") set before another person's name
    (the next word: the parser may hang the name elsewhere in a list of names)."""
    following = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
    return noun.tag_ == "NN" and noun.lower_ in WORK_ROLES and following is not None \
        and following.tag_ == "NNP"


def _coordinated_label(span: Span, label_at: dict[int, str]) -> str | None:
    """The label of another kind of entity the mention is listed with, if any (as the mention
    passes labelled it, not the model: "Douglas Hodge and Stanley Townsend" are two people)."""
    for label in _partner_labels(span, label_at):
        if label in THING_LABELS:
            return label
    return None


def _listed_with_person(span: Span, label_at: dict[int, str]) -> bool:
    """Whether the mention is listed with a person's name (asked when it reads as no thing, so
    no thing is in the list: ``_coordinated_label`` found none)."""
    return PERSON in _partner_labels(span, label_at)


def _partner_labels(span: Span, label_at: dict[int, str]) -> list[str]:
    """The labels of the names the mention is coordinated with ("X and Y", "X, Y or Z")."""
    root = span.root
    partners = [child for child in root.children if child.dep_ == "conj"]
    if root.dep_ == "conj":
        partners.append(root.head)
    return [label for label in (label_at.get(partner.i) for partner in partners) if label]


def _neighbours(span: Span) -> list[Token]:
    """The nouns in apposition to a mention, or compounded with it from the left."""
    doc, root = span.doc, span.root
    found = [child for child in root.children if child.dep_ == "appos"]
    if root.dep_ == "appos":
        found.append(root.head)
    index = span.start - 1
    while index >= 0 and doc[index].dep_ in ("compound", "amod") and _inside(doc[index].head, span):
        found.append(doc[index])
        index -= 1
    return found


def _inside(token: Token, span: Span) -> bool:
    return span.start <= token.i < span.end


def _descriptions(span: Span) -> list[str]:
    """The roles a person mention is introduced with, as written in the text."""
    doc, root = span.doc, span.root
    found = []
    for child in root.children:  # "Jean-Philippe Cotis, the OECD's chief economist"
        if child.dep_ == "appos" and child.i >= span.end and child.tag_ in _COMMON_NOUNS \
                and is_person_noun(child) and not _verb_after(child):
            found.append(_phrase(doc, child.left_edge.i, child.right_edge.i + 1))
    if root.dep_ == "appos" and root.head.i < span.start and root.head.tag_ in _COMMON_NOUNS \
            and is_person_noun(root.head):  # "the prime minister, Tony Blair"
        # "The director of public prosecutions, Ken Macdonald": up to the comma before the name.
        found.append(_phrase(doc, root.head.left_edge.i, min(root.head.right_edge.i + 1, span.start)))
    start = span.start
    while start > 0 and (doc[start - 1].dep_ in _MODIFIES_NAME or _is_hyphen(doc[start - 1])) \
            and doc[start - 1].head.i in range(start - 1, span.end) and doc[start - 1].text not in ",.":
        start -= 1  # "the 2000 Olympic 200m champion", "co-star"
    start = _with_body_before(doc, start)
    if start < span.start and any(is_person_noun(token) for token in doc[start : span.start]):
        found.append(_phrase(doc, start, span.start))  # "Chelsea manager Jose Mourinho"
    return [phrase for phrase in found if phrase and phrase.lower() not in _NOT_DESCRIPTIONS]


def _verb_after(token: Token) -> bool:
    """Whether a verb follows the phrase a noun heads: "…and Mika Brzezinski, the Democratic
    presidential candidate stated" is the subject of the next clause, no apposition."""
    after = token.right_edge.i + 1
    return after < len(token.doc) and token.doc[after].tag_.startswith("VB")


def _with_body_before(doc: Doc, start: int) -> int:
    """Where a description before a name starts when the parser cut the name of a body at its
    "of" or "for": "Centers for Disease Control Director", "Bank of England governor"."""
    at = start
    while at > 0 and _in_a_name(doc[at - 1]):
        at -= 1
    if at > 1 and doc[at - 1].lower_ in ("of", "for") and _in_a_name(doc[at - 2]):
        at -= 1
        while at > 0 and _in_a_name(doc[at - 1]):
            at -= 1
        return at
    return start


def _in_a_name(token: Token) -> bool:
    return token.tag_.startswith("NN") and token.text[:1].isupper()


def _phrase(doc: Doc, start: int, end: int) -> str:
    """The words from ``start``, up to a comma, a dash or a relative clause, at most ten,
    without a title left at the end ("NAO head Sir")."""
    words: list[Token] = []
    for token in doc[start:end]:
        spaced_dash = token.text == "-" and not _is_hyphen(token)
        if token.lower_ in _ENDS_DESCRIPTION or spaced_dash or token.is_space \
                or sum(not w.is_punct for w in words) == MAX_DESCRIPTION_WORDS:
            break
        words.append(token)
    while words and (words[-1].text.rstrip(".").lower() in _NOT_DESCRIPTIONS
                     or (len(words) > 1 and words[-1].lower_ in _ROYAL_TITLES)):
        words.pop()  # "Foreign Minister Prince (Saud al-Faisal)": the title is the name's
    while words and (words[0].is_punct or words[0].text.endswith(".")):
        words.pop(0)  # "m. Chief executive": the end of an amount before it
    return "".join(token.text_with_ws for token in words).strip()


def _is_hyphen(token: Token) -> bool:
    """A "-" inside a word ("co-star", "200m-runner"), not a dash between words."""
    before = token.doc[token.i - 1] if token.i > 0 else None
    return token.text == "-" and not token.whitespace_ and before is not None and not before.whitespace_

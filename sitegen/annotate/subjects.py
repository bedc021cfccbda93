"""Who a clause is about: the subject of a verb or a sentence, and what kind it is.

:func:`classify_subject` says whether a subject is a name, a pronoun, a definite
description of a person ("the judge", "the 30-year-old"), an unnamed person ("a
spokesman") or nobody in particular (an organisation, a report, "they").
:func:`sentence_subjects` gives the main subject of every sentence outside
quotes, so that the speakers stage can follow who the text is talking about.
Nothing here guesses a name: a subject that is not a person stays unresolved.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitegen.annotate.lexicon import (
    DEFINITE_DETERMINERS,
    INDEFINITE_DETERMINERS,
    LISTENER_VERBS,
    PRONOUN_GENDER,
    is_person_word,
)
from sitegen.annotate.nlp import entity_span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_INVERTIBLE = frozenset({"VBD", "VBZ", "VBP", "VBN"})
_PLACEHOLDERS = frozenset({"it", "this", "that", "which", "there"})  # subjects that say nothing
# How a verb without a subject of its own hangs on the verb whose subject it shares.
_SHARES_SUBJECT = frozenset({"conj", "xcomp", "advcl", "relcl", "pcomp", "acl"})
_CLIMBS = _SHARES_SUBJECT | {"ccomp"}
_THROUGH = frozenset({"prep", "pobj", "dobj", "pcomp", "acl", "acomp", "xcomp", "advcl", "attr"})

# The kinds of subject, and of the speaker a quote is attributed to.
NAME = "name"  # a proper name ("Mr Smith", "Xi")
PRONOUN = "pronoun"  # "he" / "she"
DESCRIPTION = "description"  # a definite description of a person ("the judge")
INDEFINITE = "indefinite"  # an unnamed person ("a spokesman", "another MP")
NOBODY = "nobody"  # not one person: an organisation, a report, "they", "I"
UNATTRIBUTED = "unattributed"  # no speech verb found at all


@dataclass(frozen=True)
class SubjectRef:
    """The main subject of a sentence outside quotes (who the sentence is about)."""

    start: int
    end: int
    kind: str
    head: int


def verb_subject(verb: Token, inverted: bool = True) -> Token | None:
    """The active subject of a verb, or the name after it ("said Mr Smith").

    A verb without a subject of its own takes its clause's: "…and said", "adding,",
    "began by saying", "released a statement saying" are said by the subject of the
    verb they hang on (past a placeholder: "said it was too early but added"). Only a
    finite verb or a participle has its subject after it ("said Mr Smith", "Continued
    Stone:"), and never one that takes a listener ("telling reporters").
    """
    if any(child.dep_ == "nsubjpass" for child in verb.children):
        return None  # a passive verb's subject is the listener ("she was told: …")
    own = _own_subject(verb, inverted)
    if own is not None:
        return own
    head = _governing_verb(verb)
    while head is not None:
        subject = _own_subject(head, inverted=False)
        if subject is not None and subject.lower_ not in _PLACEHOLDERS:
            return subject
        head = _governing_verb(head, climbing=subject is not None)
    return None


def _own_subject(verb: Token, inverted: bool) -> Token | None:
    for child in verb.children:
        if child.dep_ == "nsubj":
            return child
    if not inverted or verb.tag_ not in _INVERTIBLE or verb.lower_ in LISTENER_VERBS:
        return None
    # "said Mr Smith" / "said the report": the parser hangs the subject after the verb.
    for child in verb.rights:
        if child.ent_type_ in ("DATE", "TIME"):
            continue  # "said Wednesday"
        if child.tag_ in ("NNP", "NNPS", "NN", "NNS", "PRP") and child.dep_ in (
            "nsubj", "dobj", "attr", "npadvmod", "appos", "oprd", "dative", "ccomp", "xcomp",
        ):
            return child
        if child.tag_ in ("NNP", "NNPS") or child.ent_type_ == "PERSON":
            return child
    return None


def _governing_verb(verb: Token, climbing: bool = False) -> Token | None:
    """The verb whose subject a subjectless verb shares, through prepositions, nouns and
    adjectives ("seemed ready to riff on it, telling"); past a placeholder subject, also
    the verb whose complement the clause is ("said it was too early")."""
    if verb.dep_ not in (_CLIMBS if climbing else _SHARES_SUBJECT) or verb.head.i == verb.i:
        return None
    head = verb.head
    for _ in range(4):
        if head.tag_.startswith("VB") or head.tag_ == "MD":
            return head
        if head.head.i == head.i or head.dep_ not in _THROUGH:
            return None
        head = head.head
    return None


def classify_subject(token: Token) -> tuple[str, Token]:
    """What kind of subject ``token`` heads, and the token that names it."""
    lower = token.lower_
    if lower in PRONOUN_GENDER:
        return PRONOUN, token
    if token.tag_ in ("PRP", "PRP$", "WP", "DT", "EX"):
        return NOBODY, token
    # "the play's organiser in Uganda, Sarah Mukasa, told": the name in apposition.
    if token.tag_.startswith("NN") and not token.tag_.startswith("NNP"):
        for child in token.children:
            if child.dep_ == "appos" and (child.tag_ in ("NNP", "NNPS") or child.ent_type_ == "PERSON"):
                return NAME, child
        if is_person_noun(token):
            # "A spokesman for DLF Builders, Dr Vancheshwar, told": the parse hangs the name
            # on the nearest noun; a name set off by commas inside the phrase is the person.
            for word in token.subtree:
                if word.dep_ == "appos" and word.tag_ == "NNP" and word.i > token.i \
                        and word.doc[word.left_edge.i - 1].text == ",":
                    return NAME, word
    determiners = _determiners(token)
    if determiners & INDEFINITE_DETERMINERS:
        return (INDEFINITE if is_person_noun(token) else NOBODY), token
    if token.ent_type_ == "NORP" and determiners & DEFINITE_DETERMINERS:
        return DESCRIPTION, token  # "the American"
    if token.tag_ == "NNP" and is_person_noun(token) and determiners & DEFINITE_DETERMINERS \
            and not any(c.dep_ == "compound" for c in token.lefts):
        return DESCRIPTION, token  # "the Cardinal": a title, not a name
    if token.tag_ in ("NNP", "NNPS") or token.ent_type_ == "PERSON" or _untagged_name(token):
        return NAME, token  # whether the name is a person's is decided with all its mentions
    if token.tag_ == "NNS":
        return NOBODY, token
    if is_person_noun(token):
        definite = determiners & DEFINITE_DETERMINERS or any(
            c.dep_ == "poss" or (c.dep_ == "compound" and c.tag_.startswith("NNP")) for c in token.lefts
        )
        return (DESCRIPTION if definite else INDEFINITE), token
    return NOBODY, token


def _untagged_name(token: Token) -> bool:
    """"But Davies stressed": a capitalised plural noun mid-sentence, no determiner, is a name."""
    return token.tag_ == "NNS" and token.text[:1].isupper() and not token.is_sent_start \
        and not _determiners(token)


def _determiners(token: Token) -> set[str]:
    """The determiners of a noun: its own, or the one opening its phrase when the parse
    missed it ("the 30-year-old told": "old" is left without a determiner)."""
    found = {c.lower_ for c in token.lefts if c.dep_ in ("det", "predet")}
    if found:
        return found
    if token.left_edge.tag_ == "DT" and token.left_edge.i < token.i:
        return {token.left_edge.lower_}  # "the world 200m and 400m record holder"
    index = token.i - 1
    while index >= 0 and token.doc[index].tag_ in ("CD", "HYPH", "NN", "NNP", "JJ", "JJS", "VBN"):
        index -= 1
    if index >= 0 and index < token.i - 1 and token.doc[index].tag_ == "DT":
        return {token.doc[index].lower_}
    return set()


def is_person_noun(token: Token) -> bool:
    """Whether a word names a person by role: "judge", "co-founder", or the "old" of
    "the 30-year-old". The word rule only: a caller that needs a common noun checks the tag."""
    if token.lower_ == "old" and token.i >= 2 and token.doc[token.i - 2].lower_ == "year":
        return True  # "the 30-year-old"
    return is_person_word(token.lower_)


def subject_span(head: Token, kind: str) -> tuple[int, int]:
    """The character span of the words naming a subject of this kind headed by ``head``."""
    start, end = _token_extent(head, kind)
    doc = head.doc
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


def _token_extent(token: Token, kind: str) -> tuple[int, int]:
    """The words naming the subject: its entity, or the noun with its left modifiers."""
    if kind == NAME and (entity := entity_span(token)) is not None:
        return entity.start, entity.end
    if kind in (PRONOUN,):
        return token.i, token.i + 1
    left = token.i
    for child in token.lefts:
        if child.dep_ in ("compound", "amod", "det", "poss", "nummod", "nmod", "punct") and child.i < left:
            left = child.left_edge.i if kind != NAME else child.i
    while left < token.i and token.doc[left].is_punct:
        left += 1
    return left, token.i + 1


def sentence_subjects(doc: Doc, quoted: list[tuple[int, int]]) -> list[SubjectRef]:
    """The main subject of each sentence, where it lies outside every quoted stretch, and of
    each clause joined to its main one ("…, but Ms Milanesi said it was difficult")."""
    found: list[SubjectRef] = []
    ordered = sorted(quoted)
    starts = [start for start, _ in ordered]

    def inside(offset: int) -> bool:
        # Quoted stretches do not overlap: only the last one starting at or before offset can hold it.
        position = bisect_right(starts, offset) - 1
        return position >= 0 and offset < ordered[position][1]

    for sentence in doc.sents:
        root = sentence.root
        if inside(root.idx):
            continue
        for verb in (root, *(c for c in root.children if c.dep_ == "conj" and c.tag_.startswith("VB"))):
            ref = _clause_subject(verb, inside)
            if ref is not None:
                found.append(ref)
    return found


def _clause_subject(verb: Token, inside: Callable[[int], bool]) -> SubjectRef | None:
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and not inside(c.idx)]
    if not subjects:
        return None
    # "ex-Tory education secretary Gillian Shepherd" can come out with two subjects.
    classified = [classify_subject(subject) for subject in subjects]
    kind, head = next(((k, h) for k, h in classified if k in (NAME, PRONOUN)), classified[0])
    start, end = subject_span(head, kind)
    return SubjectRef(start, end, kind, head.idx)

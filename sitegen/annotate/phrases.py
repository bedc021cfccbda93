"""Key noun phrases of an article, the raw material of subject topics."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sitegen.annotate.lexicon import (
    IRREGULAR_PLURALS,
    PHRASE_STOP_WORDS,
    PHRASE_VAGUE_MODIFIERS,
    is_person_word,
)
from sitegen.models import Phrase

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_PHRASE_HEADS = frozenset(
    {"nsubj", "nsubjpass", "dobj", "pobj", "attr", "appos", "conj", "dative", "ROOT", "npadvmod"}
)
_MODIFIER_TAGS = ("NN", "NNS", "JJ")


def noun_phrases(doc: Doc) -> tuple[Phrase, ...]:
    """Key noun phrases (up to two modifiers + noun) in text order, each with its span and its
    form for topics: lower case, the noun made singular ("drugs tests" → "drugs test").

    Built from tags and dependencies, since spaCy's noun_chunks needs the coarse
    POS of the attribute ruler, which sitegen leaves out for speed. Names are not
    phrases (entities make their own topics), nor roles ("the finance minister": people
    are in the people index), and vague adjectives are no part of one ("a new rule" is a rule).
    """
    phrases: list[Phrase] = []
    for token in doc:
        if not token.tag_.startswith("NN") or token.tag_.startswith("NNP"):
            continue
        if token.dep_ not in _PHRASE_HEADS or token.ent_type_ or token.lower_ in PHRASE_STOP_WORDS:
            continue
        if _capitalised(token):
            continue  # a name the tagger took for a noun ("Sanders", "Trump")
        head = _singular(token)
        if is_person_word(head):
            continue  # a role names people ("finance minister", "actors"), who are no subject
        modifiers = [m for m in _modifiers(token) if m.i < token.i][-2:]
        words = [m.lower_ for m in modifiers] + [head]
        form = " ".join(words)
        if len(form) >= 4 and form.replace(" ", "").isalpha():
            first = modifiers[0] if modifiers else token
            phrases.append(Phrase(first.idx, token.idx + len(token.text), form))
    return tuple(phrases)


def _modifiers(token: Token) -> list[Token]:
    """The compound nouns and adjectives before ``token`` that say what kind of thing it is."""
    return [
        c
        for c in token.lefts
        if c.dep_ in ("compound", "amod")
        and c.tag_ in _MODIFIER_TAGS
        and not c.ent_type_
        and c.lower_ not in PHRASE_STOP_WORDS
        and c.lower_ not in PHRASE_VAGUE_MODIFIERS
        and not _capitalised(c)
    ]


def _capitalised(token: Token) -> bool:
    """A capital inside a sentence: a name, not a common noun."""
    return token.text[:1].isupper() and not token.is_sent_start and token.i > 0


def _singular(token: Token) -> str:
    """A naive singular, good enough to count "drug" and "drugs" as one subject."""
    word = token.lower_
    if token.tag_ != "NNS":
        return word
    if word in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[word]
    if word.endswith(("ss", "us", "is", "ics", "news")) or not word.endswith("s"):
        return word  # "business", "virus", "politics", "news"
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes", "zes", "ruses", "nuses", "tuses", "buses", "puses")):
        return word[:-2]  # "classes", "taxes", "matches", "viruses", "bonuses"
    return word[:-1]  # "cases", "houses", "drugs"

"""Key noun phrases of an article, the raw material of subject topics."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sitegen.annotate.lexicon import IRREGULAR_PLURALS, PHRASE_STOP_WORDS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_PHRASE_HEADS = frozenset(
    {"nsubj", "nsubjpass", "dobj", "pobj", "attr", "appos", "conj", "dative", "ROOT", "npadvmod"}
)


def noun_phrases(doc: Doc) -> tuple[str, ...]:
    """Key noun phrases (modifiers + noun), lower-cased with a naive singular, for topics.

    Built from tags and dependencies, since spaCy's noun_chunks needs the coarse
    POS of the attribute ruler, which sitegen leaves out for speed.
    """
    phrases: list[str] = []
    for token in doc:
        if not token.tag_.startswith("NN") or token.tag_.startswith("NNP"):
            continue
        if token.dep_ not in _PHRASE_HEADS or token.ent_type_ or token.lower_ in PHRASE_STOP_WORDS:
            continue
        modifiers = [
            c
            for c in token.lefts
            if c.dep_ in ("compound", "amod")
            and c.tag_ in ("NN", "NNS", "JJ")
            and not c.ent_type_
            and c.lower_ not in PHRASE_STOP_WORDS
        ]
        words = [m.lower_ for m in modifiers[-2:]] + [_singular(token)]
        phrase = " ".join(words)
        if len(phrase) >= 4 and phrase.replace(" ", "").isalpha():
            phrases.append(phrase)
    return tuple(phrases)


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

"""Key noun phrases of an article, the raw material of subject topics."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

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

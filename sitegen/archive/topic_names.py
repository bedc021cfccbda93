"""One topic per thing: the key two names of one thing share, and section titles.

A name key ignores case, accents, dots in abbreviations, "the", a final plural "s", British or
American spelling and the word that only says what sort of body a name is ("Labour Party" is
Labour); the built-in table joins the common variants (US, USA, United States, America), and
abbreviations an archive defines in its text ("European Union (EU)") join their long form.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from sitegen.archive.topic_words import (
    ACRONYMS,
    ISE_ENDINGS,
    ORGANISATION_SUFFIXES,
    SPELLINGS,
    VARIANTS,
)

_DOTTED = re.compile(r"\b(?:[A-Za-z]\.){2,}")  # U.S., U.N., D.C.
_NOT_WORD = re.compile(r"[^\w\s+#]+")  # "C++" and "C#" stay apart
_DEFINED = re.compile(  # "European Union (EU)", "the National Audit Office (NAO)"
    r"((?:[A-Z][\w'-]*|of|the|and|for|&)(?:\s+(?:[A-Z][\w'-]*|of|the|and|for|&))*)\s+\(([A-Z]{2,6})\)"
)
_BRACKETED_ABBREVIATION = re.compile(r"\s\([A-Z]{2,6}\)")  # what every _DEFINED match ends with
_DEFINED_AFTER = re.compile(  # "NAO (National Audit Office)"
    r"\b([A-Z]{2,6})\s+\(((?:[A-Z][\w'-]*)(?:\s+(?:[A-Z][\w'-]*|of|the|and|for|&))+)\)"
)
_MINOR = frozenset({"of", "the", "and", "for", "&"})


@lru_cache(maxsize=65536)
def word_key(word: str) -> str:
    """One word's key: American spelling, a plural "s" dropped ("programmes" → "program")."""
    word = SPELLINGS.get(word, word)
    for british, american in ISE_ENDINGS:
        if word.endswith(british) and len(word) > len(british) + 2:
            word = word[: -len(british)] + american
            break
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-3] + "y" if word.endswith("ies") and len(word) > 4 else word[:-1]
    return word


@lru_cache(maxsize=65536)
def phrase_key(text: str) -> str:
    """A phrase's key: each word in American spelling and singular ("drugs tests" → "drug test")."""
    return " ".join(word_key(w) for w in text.split())


_VARIANT_KEYS = {phrase_key(k): phrase_key(v) for k, v in VARIANTS.items()}


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """The key that every name of one thing shares.

    >>> name_key("the U.S."), name_key("United States"), name_key("Labour Party")
    ('us', 'us', 'labor')
    >>> name_key("Lib Dems"), name_key("Olympic Games"), name_key("programme")
    ('liberal democrat', 'olympic', 'program')
    """
    text = _DOTTED.sub(lambda m: m.group(0).replace(".", ""), name)
    text = unicodedata.normalize("NFKD", text.replace("&", " and "))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    words = _NOT_WORD.sub(" ", text.replace("'s ", " ")).split()
    if words[:1] == ["the"] and len(words) > 1:
        words = words[1:]
    while len(words) > 1 and words[-1] in ORGANISATION_SUFFIXES:
        words = words[:-1]
    if len(words) > 2 and words[-1] in ("championship", "championships"):
        words = words[:-1]  # "European Indoor Championships" are the European Indoors
    key = " ".join(word_key(w) for w in words)
    return _VARIANT_KEYS.get(key, key)


def is_clean_name(name: str) -> bool:
    """Whether a name can title a topic: it starts with a capital or digit and is no fragment
    ("Oscars - the", "non-Latino", "Everton and Arsenal" are not)."""
    words = name.split()
    if not words or not (words[0][0].isupper() or words[0][0].isdigit()):
        return False
    if words[-1].casefold() in _MINOR or any(w in ("-", "–", "—") for w in words):
        return False
    return not (len(words) == 3 and words[1] in ("and", "&") and words[2][:1].isupper())


def defined_abbreviations(texts: Iterable[str]) -> dict[str, str]:
    """Abbreviations the archive defines, as name keys: "European Union (EU)" → {"eu": "eu"}…

    The long form's capitals must spell the abbreviation (minor words aside); each
    abbreviation takes the long form most articles give it.
    """
    votes: dict[str, Counter[str]] = {}
    for text in texts:
        seen: set[tuple[str, str]] = set()
        if "(" not in text:  # both forms need a bracket; most articles have none
            continue
        if _BRACKETED_ABBREVIATION.search(text):
            for long, short in _DEFINED.findall(text):
                seen.add((short, _spelt_by(long, short)))
        for short, long in _DEFINED_AFTER.findall(text):
            seen.add((short, _spelt_by(long, short)))
        for short, long in seen:
            if long:
                votes.setdefault(name_key(short), Counter())[name_key(long)] += 1
    return {short: counts.most_common(1)[0][0] for short, counts in votes.items()
            if counts.most_common(1)[0][0] != short}


def _spelt_by(long: str, short: str) -> str:
    """The end of ``long`` whose initials spell ``short`` ("Labour said the European Union" →
    "European Union" for EU), or ""."""
    words = long.split()
    for start in range(len(words)):
        if words[start] in _MINOR:
            continue
        initials = "".join(w[0] for w in words[start:] if w not in _MINOR).upper()
        if initials == short.upper() or (len(short) > 2 and initials == short[:-1].upper()):
            return " ".join(words[start:])
    return ""


def abbreviates(folder: str, name: str) -> bool:
    """Whether a folder's name is short for ``name``: its initials ("nyt", New York Times) or
    the start of each of its words ("wash-post", Washington Post).

    >>> abbreviates("nyt", "The New York Times"), abbreviates("wash-post", "Washington Post")
    (True, True)
    >>> abbreviates("sport", "Sporting Lisbon"), abbreviates("politico", "Politico")
    (False, True)
    """
    short = folder.replace("_", " ").replace("-", " ").casefold().split()
    words = [w for w in name.casefold().replace("-", " ").split() if w not in _MINOR]
    if len(short) == 1 and len(words) > 1:
        return short[0] == "".join(w[0] for w in words)
    return len(short) == len(words) and all(
        w == f or (len(f) >= 3 and len(short) > 1 and w.startswith(f))
        for f, w in zip(short, words, strict=True))


def section_title(folder: str, texts: Iterable[str] = (), titles: dict[str, str] | None = None) -> str:
    """The title of a section folder: from the ``[sections]`` table, else its words with
    acronyms kept ("nyt" → "NYT", "usa-today" → "USA Today").

    A word is an acronym when it has no vowel, is a common one (``ACRONYMS``), or the
    section's articles write it in capitals more often than not.

    >>> section_title("nyt"), section_title("huff-post"), section_title("usa-today")
    ('NYT', 'Huff Post', 'USA Today')
    """
    if titles and folder in titles:
        return titles[folder]
    words = folder.replace("_", " ").replace("-", " ").split()
    capitals = _capitalised(words, texts)
    return " ".join(w.upper() if w in capitals else w.capitalize() for w in words)


def _capitalised(words: list[str], texts: Iterable[str]) -> set[str]:
    found = {w for w in words if w.isalpha() and (not set(w.lower()) & set("aeiou") or w.lower() in ACRONYMS)}
    rest = {w.lower() for w in words if w not in found and w.isalpha() and len(w) <= 4}
    if rest:
        pattern = re.compile(r"\b(" + "|".join(sorted(rest)) + r")\b", re.IGNORECASE)
        upper: Counter[str] = Counter()
        other: Counter[str] = Counter()
        for text in texts:
            for match in pattern.finditer(text):
                word = match.group(0)
                (upper if word.isupper() else other)[word.lower()] += 1
        found |= {w for w in words if upper[w.lower()] > other[w.lower()]}
    return found

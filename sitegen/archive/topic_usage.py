"""How a name is used where it is mentioned, read from the words around the mention.

An outlet cited as a source ("told the BBC", "a CNN/ORC poll"), a name that only describes
a person ("Dallas Mavericks owner Mark Cuban", "the Vermont senator"), tells the time
("10:00 GMT"), is a unit ("40GB"), a kind ("a super PAC") or part of a day's name ("Super
Tuesday") is mentioned *in passing*: the
article is not about it. A city named with a player or a score is a club; a name after "the
film", before ", a film" or after a capital "The" inside a sentence is a work.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitegen.archive.topic_words import (
    CLUB_AFTER,
    CLUB_BEFORE,
    CLUB_BEFORE_PHRASES,
    ROLE_AFTER,
    SOURCE_AFTER,
    SOURCE_BEFORE,
    SOURCE_BEFORE_PHRASES,
    WORK_BEFORE,
)

WINDOW = 48  # characters read on each side of a mention
_SOURCE_BEFORE = re.compile(SOURCE_BEFORE + r"\s+(?:the\s+|a\s+|an\s+)?(?:[\w.-]+'s\s+)?$", re.IGNORECASE)
_SOURCE_AFTER = re.compile(r"^(?:'s?)?\s*(?:[A-Z][\w-]*\s+)?" + SOURCE_AFTER + r"\b", re.IGNORECASE)
_SLASH = re.compile(r"(?:/\s*$)|(?:^\s*/)")
_TIME_BEFORE = re.compile(r"(?:\d{1,2}[:.]?\d{2}|\d{1,2}\s*(?:am|pm|a\.m\.|p\.m\.))\s*(?:\(\s*)?$",
                          re.IGNORECASE)
_NUMBER_BEFORE = re.compile(r"\d$")  # a unit: "40GB"
# Part of a day's name ("Super Tuesday"), or a dateline's day ("in Miami Tuesday"): in passing.
_DAY_AFTER = re.compile(r"^\s(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_GENERIC_BEFORE = re.compile(r"\b(?:a|an|another|any|every|each|super)\s+$", re.IGNORECASE)  # "a super PAC"
_BRACKETED = re.compile(r"[(\[]\s*$")  # a credit or an abbreviation: "WASHINGTON (AP) —", "(EU)"
_POSSESSED = re.compile(r"^'s\s+[A-Z][a-z]+\s+[A-Z][a-z]+")  # "CNN's Dana Bash": an employer
_WORD_AFTER = re.compile(r"^(?:'s?)?\s+([a-z][\w-]*)")
_WORD_BEFORE = re.compile(r"(?:^|\s)(?:the\s+)?([a-z][\w-]*)\s+(?:the\s+)?$")
_CLUB_BEFORE = re.compile(r"\b" + CLUB_BEFORE + r"\s+(?:the\s+)?$", re.IGNORECASE)
# A quick test before the end-anchored searches, which try every position of the window:
# could a cue end at one of the last words (lowercased), given what the pattern lets follow
# it? A cue's first word may end a longer word ("foretold"), as the patterns allow.
_ARTICLES = ("the", "a", "an")
_GENERIC_ENDS = ("a", "an", "another", "any", "every", "each", "super")


def _cue_table(phrases: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Each cue's last word → the word before it in each cue that has one ("" for none)."""
    table: dict[str, set[str]] = {}
    for phrase in phrases:
        words = phrase.split()
        table.setdefault(words[-1], set()).add(words[0] if len(words) > 1 else "")
    return {last: tuple(sorted(firsts)) for last, firsts in table.items()}


_SOURCE_CUES = _cue_table(SOURCE_BEFORE_PHRASES)
_CLUB_CUES = _cue_table(CLUB_BEFORE_PHRASES)
_ONE_WORD_SOURCE_CUES = tuple(last for last, firsts in _SOURCE_CUES.items() if "" in firsts)
_ONE_WORD_CLUB_CUES = tuple(last for last, firsts in _CLUB_CUES.items() if "" in firsts)


def _cue_ends(words: list[str], at: int, cues: dict[str, tuple[str, ...]],
              one_word: tuple[str, ...]) -> bool:
    """Whether a cue could end at ``words[at]`` (a negative index)."""
    if len(words) < -at:
        return False
    word = words[at]
    if word.endswith(one_word):
        return True
    firsts = cues.get(word)
    return bool(firsts) and len(words) > -at and any(words[at - 1].endswith(f) for f in firsts if f)


def _source_cue_before(words: list[str]) -> bool:
    """A source cue, then "the", "a" or "an", then "X's" at most."""
    possessive = bool(words) and words[-1].endswith("'s")
    return (_cue_ends(words, -1, _SOURCE_CUES, _ONE_WORD_SOURCE_CUES)
            or ((possessive or (bool(words) and words[-1] in _ARTICLES))
                and _cue_ends(words, -2, _SOURCE_CUES, _ONE_WORD_SOURCE_CUES))
            or (possessive and len(words) > 1 and words[-2] in _ARTICLES
                and _cue_ends(words, -3, _SOURCE_CUES, _ONE_WORD_SOURCE_CUES)))


def _club_cue_before(words: list[str]) -> bool:
    """A club cue, then "the" at most."""
    return (_cue_ends(words, -1, _CLUB_CUES, _ONE_WORD_CLUB_CUES)
            or (bool(words) and words[-1] == "the" and _cue_ends(words, -2, _CLUB_CUES, _ONE_WORD_CLUB_CUES)))


_SCORE = re.compile(r"^\s*\d{1,2}\s*-\s*\d{1,2}\b|^\s*\(\d{1,2}\)")


_WORK_AFTER = re.compile(r"^,?\s+(?:is\s+)?(?:a|an|the)\s+(?:[a-z-]+\s+)?(?:" + "|".join(sorted(WORK_BEFORE))
                         + r")\b")


def _titled(before: str) -> bool:
    """Whether a capital "The" inside a sentence opens the name: a title ("said The Aviator")."""
    if not before.endswith("The "):
        return False
    rest = before[:-4].rstrip()
    return bool(rest) and rest[-1] not in ".!?\"“”'(:\n"


@dataclass(frozen=True, slots=True)
class Usage:
    """How one mention uses its name."""

    passing: bool = False  # a source, a person's employer or origin, a time zone
    club: bool = False  # a sports club or team
    work: bool = False  # a film, book or show
    cited: bool = False  # a source cited ("told the BBC", "the AP reported", "CNN's Dana Bash")


PLAIN = Usage()
CITED = Usage(passing=True, cited=True)


def usage(text: str, start: int, end: int) -> Usage:
    """How the mention of ``text[start:end]`` uses its name."""
    before = text[max(0, start - WINDOW) : start].replace("’", "'")
    after = text[end : end + WINDOW].replace("’", "'")
    last_words = _last_words(before)
    # The quick tests compare lower case; IGNORECASE also folds "ſ", "ı" and "İ", which
    # lower() does not: outside ASCII every pattern runs.
    every = not before.isascii()
    slash = "/" in before or "/" in after
    if ((every or _source_cue_before(last_words)) and _SOURCE_BEFORE.search(before)) \
            or _SOURCE_AFTER.match(after) or (slash and (_SLASH.search(before) or _SLASH.match(after))) \
            or (_BRACKETED.search(before) and after.lstrip()[:1] in (")", "]")) \
            or _POSSESSED.match(after):
        return CITED
    if (_may_tell_time(before) and _TIME_BEFORE.search(before)) or _NUMBER_BEFORE.search(before) \
            or ((every or (bool(last_words) and last_words[-1].endswith(_GENERIC_ENDS)))
                and _GENERIC_BEFORE.search(before)) \
            or _DAY_AFTER.match(after):
        return Usage(passing=True)
    word_after = _WORD_AFTER.match(after)
    next_word = word_after.group(1).casefold() if word_after else ""
    # The word before is one of the last three, and matters only when it names a work.
    word_before = _WORD_BEFORE.search(before) if every or any(w in WORK_BEFORE for w in last_words[-3:]) \
        else None
    previous = word_before.group(1).casefold() if word_before else ""
    club = next_word in CLUB_AFTER or ((every or _club_cue_before(last_words))
                                          and bool(_CLUB_BEFORE.search(before))) or bool(_SCORE.match(after))
    if previous in WORK_BEFORE or _WORK_AFTER.match(after) or _titled(before):
        return Usage(work=True)
    if next_word in ROLE_AFTER and _names_a_person(after):
        return Usage(passing=True, club=club)
    return Usage(club=club) if club else PLAIN


def _last_words(before: str) -> list[str]:
    """The last four words of the window, lower case, for the quick tests; none unless the window
    ends in white space, as every pattern they stand before needs."""
    return [word.lower() for word in before.split()[-4:]] if before[-1:].isspace() else []


def _may_tell_time(before: str) -> bool:
    """Whether the window could end in a time: a digit, "am" or "a.m." before spaces and "("."""
    rest = before.rstrip()
    if rest.endswith("("):
        rest = rest[:-1].rstrip()
    return rest[-1:].isdecimal() or rest[-1:] in ("m", "M", ".")


def _names_a_person(after: str) -> bool:
    """Whether a capitalised name follows the role ("owner Mark Cuban"), or the role ends the
    phrase ("the Vermont senator said")."""
    words = re.sub(r"^'s?", "", after).split()
    if len(words) < 2:
        return True
    following = words[1].strip(",.;:'\"")
    return following[:1].isupper() or words[1][-1:] in ",.;:" or following in ("said", "says", "who")

"""The sentence around a span of an article's text: what a quote or a figure is part of.

The sentence ends at a full stop, question or exclamation mark (with any closing quote mark
or bracket after it) followed by a space and a capital, a digit or an opening mark, unless
the word before the stop is an abbreviation ("Mr.", "U.S.") or an initial ("J."). It never
crosses a paragraph break, and each side is cut to ``limit`` characters at a word.
"""

from __future__ import annotations

import re

from sitegen.archive.model import InContext

LIMIT = 220  # characters on each side of the span, at most
_END = re.compile(r"(?<=[.!?…])[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9])")
_ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "st", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "capt", "prof",
    "jr", "sr", "rev", "hon", "no", "vs", "etc", "inc", "ltd", "co", "corp", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "e.u", "d.c",
})


_WORD_AT_STOP = re.compile(r"([\w.]+)\.$")


def _ends_sentence(text: str, stop: int) -> bool:
    """Whether the mark just before ``stop`` (an ``_END`` match) ends a sentence."""
    # The few characters before the mark are enough to see its word (slicing the whole text
    # up to each mark made the archive stage quadratic in an article's length).
    head = text[max(0, stop - 40):stop].rstrip("\"”’')]")
    if not head.endswith("."):
        return True
    word = _WORD_AT_STOP.search(head)
    if word is None:
        return True
    token = word.group(1).casefold()
    # "J." and "H.W." are initials: letters each followed by a stop.
    initials = all(len(part) == 1 and part.isalpha() for part in token.split("."))
    return not (token in _ABBREVIATIONS or initials)


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    paragraph_start = text.rfind("\n\n", 0, start)
    paragraph_start = 0 if paragraph_start < 0 else paragraph_start + 2
    paragraph_end = text.find("\n\n", end)
    paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
    left = paragraph_start
    for match in reversed(list(_END.finditer(text, paragraph_start, start))):  # the last one wins
        if _ends_sentence(text, match.end()):
            left = match.end()
            break
    right = paragraph_end
    for match in _END.finditer(text, end, paragraph_end):
        if _ends_sentence(text, match.end()):
            right = match.end()
            break
    return left, right


def in_context(text: str, start: int, end: int, limit: int = LIMIT) -> InContext:
    """The span ``text[start:end]`` with the rest of its sentence on either side.

    >>> in_context("He left. Mr. Blair said it was “a rich agenda” for all. Then", 31, 46)
    InContext(before='Mr. Blair said it was ', text='“a rich agenda”', after=' for all.')
    >>> in_context("In 1988 George H.W. Bush won 39 states. Then", 29, 31).before
    'In 1988 George H.W. Bush won '

    """
    left, right = _sentence_bounds(text, start, end)
    before = text[left:start].lstrip()
    after = text[end:right].rstrip()
    if len(before) > limit:
        cut = before.find(" ", len(before) - limit)
        before = "…" + before[cut + 1 if cut >= 0 else len(before) - limit:]
    if len(after) > limit:
        cut = after.rfind(" ", 0, limit)
        after = after[: cut if cut > 0 else limit].rstrip(",;:") + "…"
    return InContext(before, text[start:end], after)

"""Find quoted stretches of text from quote marks alone (no spaCy).

Handles curly (“ ” ‘ ’) and straight (") marks, and the newspaper convention
for a quote running over several paragraphs: each continuing paragraph opens
with a quote mark and only the last one closes. In the BBC corpus paragraphs
were merged, so a continuation also opens mid-paragraph after a sentence end
(``… 26 weeks. "We are going …"``) while the quote is still open.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitegen.annotate.lexicon import HONORIFICS, NARRATION_VERBS, alternation

OPEN, CLOSE = "open", "close"
_OPENING_CONTEXT = set("([{—–-/:") | {""}
_CLOSING_CONTEXT = set(".,;:!?)]}-—–'’…")
_SENTENCE_END = set(".!?…")
# A sentence reporting what a titled person said, in the third person: narration, not speech.
_NARRATION = re.compile(
    r"[.!?](?=\s+(?:" + alternation(HONORIFICS) + r")\.? [A-Z][\w'’-]+ "
    r"(?:" + alternation(NARRATION_VERBS) + r")\b)"
)


@dataclass(frozen=True)
class QuotedSpan:
    """A quoted stretch: ``start``/``end`` include the marks; ``closed`` is False if never closed."""

    start: int
    end: int
    closed: bool = True
    single: bool = False  # marked with ‘ ’ rather than double marks


def _role(text: str, index: int, single: bool = False) -> str | None:
    """Is the mark at ``index`` opening or closing a quote (or neither)?

    ``single`` is set when scanning single marks, where a straight ' is a quote mark.
    """
    mark = text[index]
    before = text[index - 1] if index > 0 else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    if mark == "“":
        # An opening mark typed where a closing one belongs ("unusual,“ said Mr Noble").
        misused = before and not before.isspace() and before not in _OPENING_CONTEXT \
            and (after == "" or after.isspace())
        return CLOSE if misused else OPEN
    if mark == "”":
        misused = (before == "" or before.isspace()) and after.isalnum()
        return OPEN if misused else CLOSE
    if mark == "‘":
        return OPEN if (before == "" or before.isspace() or before in _OPENING_CONTEXT
                        or before in "“\"") and after.isalnum() else None
    if mark == "’":
        # An apostrophe sits between letters ("don’t") or after a plural ("voters’ rights").
        return CLOSE if not after.isalnum() and before and not before.isspace() else None
    if mark == "'" and single:
        # A straight single mark: a quoted title or term ('No More Mr Nasty'), never an
        # apostrophe between letters ("Blair's"); after a plural it can only close one.
        if (before == "" or before.isspace() or before in _OPENING_CONTEXT or before in "“\"") \
                and after.isalnum():
            return OPEN
        if before and not before.isspace() and not after.isalnum():
            return CLOSE
        return None
    opens = (before == "" or before.isspace() or before in _OPENING_CONTEXT) and (
        after != "" and not after.isspace()
    )
    closes = (before != "" and not before.isspace()) and (
        after == "" or after.isspace() or after in _CLOSING_CONTEXT
    )
    if opens and not closes:
        return OPEN
    if closes and not opens:
        return CLOSE
    return None


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    while True:
        end = text.find("\n\n", start)
        if end == -1:
            spans.append((start, len(text)))
            return spans
        spans.append((start, end))
        start = end + 2


def find_quoted_spans(text: str) -> list[QuotedSpan]:
    """Every quoted stretch of ``text`` in order; double and single marks are tracked apart."""
    double = _scan(text, {"“", "”", '"'})
    single = _scan(text, {"‘", "’", "'"})
    # A single-marked stretch inside a double-marked one is a quote within a quote.
    single = [s for s in single if not any(d.start < s.start < d.end for d in double)]
    found = double + [QuotedSpan(s.start, s.end, s.closed, single=True) for s in single if s.closed]
    return sorted(found, key=lambda s: s.start)


def _scan(text: str, marks: set[str]) -> list[QuotedSpan]:
    found: list[QuotedSpan] = []
    paragraphs = _paragraphs(text)
    open_at: int | None = None
    for number, (start, end) in enumerate(paragraphs):
        for index in range(start, end):
            if text[index] not in marks:
                continue
            role = _role(text, index, "'" in marks)
            if role is None:
                continue
            if open_at is None:
                if role == OPEN:
                    open_at = index
                continue
            if role == CLOSE:
                found.append(QuotedSpan(open_at, index + 1))
                open_at = None
            elif not _continues(text, index, start):
                # A new quote opens while the last never closed: end that one before it.
                found.append(QuotedSpan(open_at, _trim_end(text, open_at, index), closed=False))
                open_at = index
            else:
                narration = _NARRATION.search(text, open_at + 1, index)
                if narration is not None:
                    # `"…one. Mr Hopkins said that … "Everyone…`: the quote never closed, and
                    # the narration about its speaker shows it ended before that sentence.
                    found.append(QuotedSpan(open_at, _trim_end(text, open_at, narration.start() + 1),
                                            closed=False))
                    open_at = index
        if open_at is not None:
            following = paragraphs[number + 1][0] if number + 1 < len(paragraphs) else None
            if following is None or _role_at(text, following, marks) != OPEN:
                found.append(QuotedSpan(open_at, _trim_end(text, open_at, end), closed=False))
                open_at = None
    return found


def _role_at(text: str, index: int, marks: set[str]) -> str | None:
    return _role(text, index, "'" in marks) if index < len(text) and text[index] in marks else None


def _continues(text: str, index: int, paragraph_start: int) -> bool:
    """An opening mark inside an open quote continues it at a paragraph or sentence start."""
    if index == paragraph_start:
        return True
    before = text[paragraph_start:index].rstrip()
    return bool(before) and before[-1] in _SENTENCE_END


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start + 1 and text[end - 1].isspace():
        end -= 1
    return end

"""Recognise photo captions among the paragraphs of a plain-text article."""

from __future__ import annotations

import re

# "(L)", "(R)", "(2nd L)", "(C, front)": the wire-photo convention for who stands where.
_POSITION_MARK = re.compile(
    r"\((?:\d(?:st|nd|rd|th)\s+)?(?:L|R|C|l|r|c|left|right|centre|center|front|back|top)"
    r"(?:\s*,\s*(?:front|back|top|bottom|L|R|C))?\)"
)
_MONTH = (
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
)
# "Nov. 9, 2017" or "9 November 2017" at the very end of the paragraph.
_TRAILING_DATE = re.compile(
    rf"(?:{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH}\s+\d{{4}})\s*$"
)
_SENTENCE_END = re.compile(r"[.!?…]['\"’”)]*\s*$")


def is_caption(paragraph: str) -> bool:
    """A caption names who is where in a photo and when; it has no closing full stop.

    >>> is_caption("Xi Jinping (L) welcomes Donald Trump in Beijing, Nov. 9, 2017")
    True
    >>> is_caption("Xi said he was concerned.")
    False
    """
    if _SENTENCE_END.search(paragraph) or len(paragraph) > 400:
        return False
    has_position = bool(_POSITION_MARK.search(paragraph))
    has_date = bool(_TRAILING_DATE.search(paragraph))
    return has_position or (has_date and len(paragraph.split()) >= 6)

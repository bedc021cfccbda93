"""Figures a reader or fact-checker looks for, from spaCy's numeric entities.

Counts, money, percentages and quantities; dates, times, ordinals and years
are not figures, nor are small numbers spelled out as ordinary words ("the two
sides"). Each figure gets its parsed value and, where the parse gives it, the
noun it counts ("85,505 cases" → "cases").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitegen.annotate.numbers import SCALE_WORDS, parse_value

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

FIGURE_LABELS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY"})
_YEAR = re.compile(r"^(?:1[5-9]|20)\d\d$")
_DIGIT = re.compile(r"\d")
_LEADING_WORDS = re.compile(r"^(?:about|around|some|nearly|almost|over|under|up to|more than|"
                            r"less than|fewer than|at least|roughly|approximately|just|only)\s+",
                            re.IGNORECASE)


@dataclass(frozen=True)
class FigureMatch:
    """A figure in the text, with its value and counted noun."""

    start: int
    end: int
    text: str
    value: float | None
    counts: str | None
    label: str


def is_figure(entity: Span) -> bool:
    """Numeric entities with digits or a scale word; never a bare year."""
    if entity.label_ not in FIGURE_LABELS:
        return False
    text = entity.text.strip()
    if entity.label_ == "CARDINAL" and _YEAR.match(text):
        return False
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", text)}
    return bool(_DIGIT.search(text)) or bool(words & SCALE_WORDS) or "%" in text


def match_figures(ents: list[Span]) -> list[FigureMatch]:
    """Every figure among a Doc's entities."""
    found = []
    for entity in ents:
        if not is_figure(entity):
            continue
        trimmed = _LEADING_WORDS.sub("", entity.text)
        start = entity.start_char + (len(entity.text) - len(trimmed))
        found.append(FigureMatch(start, entity.end_char, trimmed, parse_value(trimmed),
                                 _counted_noun(entity), entity.label_))
    return found


def _counted_noun(entity: Span) -> str | None:
    """The noun the number measures: its head ("85,505 cases"), or "of" + noun."""
    if entity.label_ in ("MONEY", "PERCENT"):
        return None
    root = entity.root
    head = root.head
    if root.dep_ in ("nummod", "quantmod", "amod", "compound") and head.tag_.startswith("NN") \
            and head.i >= entity.end:
        return _noun_phrase(head)
    # "1.2 million of them" / "thousands of people"
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj" and c.tag_.startswith("NN")]
            if objects:
                return _noun_phrase(objects[0])
    return None


def _noun_phrase(noun: Token) -> str:
    words = [c for c in noun.lefts if c.dep_ == "compound" and c.tag_.startswith("NN")]
    return " ".join([w.text for w in words] + [noun.text])

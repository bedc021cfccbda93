"""Parse the value of a written figure: "85,505" → 85505, "£3bn" → 3e9, "1.2 million" → 1.2e6.

Pure Python, so it is testable on its own; spaCy finds the figures, this reads them.
"""

from __future__ import annotations

import re

_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1, "half": 0.5, "dozen": 12,
}
# What a scale word or abbreviation multiplies by ("£3bn", "1.2 million").
SCALES = {
    "hundred": 1e2, "thousand": 1e3, "k": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6,
    "millions": 1e6, "bn": 1e9, "b": 1e9, "billion": 1e9, "billions": 1e9, "tn": 1e12,
    "trillion": 1e12, "thousands": 1e3, "hundreds": 1e2,
}
SCALE_WORDS = frozenset(w for w in SCALES if len(w) > 2)
_NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?|\.\d+")
_TOKEN = re.compile(r"[a-z]+|\d+(?:,\d{3})*(?:\.\d+)?|\.\d+|%")


def parse_value(text: str) -> float | None:
    """The number a figure's words state, or None when they state none."""
    lowered = text.lower().replace("per cent", "%").replace("percent", "%")
    lowered = lowered.replace("-", " ")
    total: float | None = None
    current: float | None = None
    for word in _TOKEN.findall(lowered):
        if _NUMBER.fullmatch(word):
            if current is not None and total is None:
                total = current
            current = float(word.replace(",", ""))
        elif word in _WORDS:
            value = float(_WORDS[word])
            current = value if current is None else (
                current + value if current >= 20 and value < 10 else value
            )
        elif word in SCALES and current is not None:
            current *= SCALES[word]
        elif word in SCALES and word in SCALE_WORDS and current is None and word.endswith("s"):
            current = SCALES[word]  # "thousands of people"
    value = current if current is not None else total
    if value is None:
        return None
    return int(value) if float(value).is_integer() else round(value, 6)

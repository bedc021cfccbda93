"""Figures a reader or fact-checker looks for: counts, money, percentages, quantities, ages.

Every number written in digits is a candidate ("85,505 cases", "£75m", "9.87
seconds", "Hazel Gilbert, 23", "the 87-year-old"), taken with its currency,
scale and unit; numbers in words count only with a scale or percent ("six
million", "Sixty percent"). Not figures: years and decades, calendar dates
and clock times, ordinals, and numbers that are part of a name or code
("Radio 4", "Chapter 11", "A321", "COVID-19", "10 Downing Street"). spaCy's
entities mark the dates; its parse gives the noun a figure counts.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitegen.annotate.counted import counted_noun, share_counts
from sitegen.annotate.lexicon import alternation
from sitegen.annotate.nlp import doc_text, entity_span
from sitegen.annotate.numbers import SCALES, parse_value

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_NUMBER = re.compile(r"(?<![\w.,/])(?<![A-Za-z]-)(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)")
_CURRENCY = re.compile(r"(?:US|A|C|NZ|HK)?[£$€¥]\s?$")
# Letters written straight after the digits: a scale or a unit, or signs it is no figure.
_ATTACHED = re.compile(r"(bn|mn|m|k|tn|mm|cm|km|kg|g|p|ft|GB|MB|seconds|secs|sec|s)(?![\w])")
_NOT_FIGURE_SUFFIX = re.compile(r"(?:s|st|nd|rd|th|am|pm|[a-zA-Z]+)(?![\w])|x\d|:\d|-\d|/\d|\.\d")
_WORD_SCALE = re.compile(r"\s(million|billion|trillion|thousand|bn|m)\b")
_MONEY_UNITS = frozenset({"euros", "euro", "dollars", "pounds", "pence", "cents", "yen", "yuan", "rupees"})
_UNIT = re.compile(
    r"\s?(%|per cent\b|percent\b)|\s(" + alternation(_MONEY_UNITS) + r"|"
    r"seconds|secs|minutes|mins|hours|days|weeks|months|years|decades|metres|meters|kilometres|"
    r"km|miles|feet|mm|cm|kg|tonnes|tons|gigabytes|megabytes|terabytes|pixels|times|"
    r"square (?:feet|metres|meters|miles|kilometres))\b"
)
_HYPHEN_UNIT = re.compile(r"-(?:year|month|week|day|hour|minute|second|member|strong|count|man|metre|mile)")
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_AFTER_MONTH = re.compile(_MONTH + r"\.?\s$")
_BEFORE_MONTH = re.compile(r"^(?:st|nd|rd|th)?\s" + _MONTH + r"\b")
_YEAR = re.compile(r"^(?:1[5-9]|20)\d\d$")
_ADDRESS = re.compile(r"^\s(?:[A-Z][a-z]+\s)+(?:Street|Road|Avenue|Lane|Square|Place|Drive)\b")
_NUMBER_WORDS = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
    r"hundred|a|half)"
)
_WORDS_FIGURE = re.compile(
    r"\b" + _NUMBER_WORDS + r"(?:[\s-]" + _NUMBER_WORDS + r")*"
    r"\s(?:million|billion|trillion|per cent|percent)\b",
    re.IGNORECASE,
)
# "100m" in an athletics article is 100 metres ("the 100m", "a 17.30m jump"), elsewhere 100
# million; "100m users" or "50m euros" is a count whatever the article.
_ATHLETICS = re.compile(r"\b(?:sprint|athlet|relay|hurdles|metres|marathon|Olympic|indoor|race\b)")
_COUNTED_AFTER_M = re.compile(
    r"\s(?:euros?|dollars|pounds|users|people|customers|subscribers|viewers|listeners|passengers|"
    r"barrels|shares|homes|households|visitors|copies|units|tonnes|members|adults|children|"
    r"votes|voters|jobs|workers|cars|phones|computers|accounts|downloads)\b"
)
_NAME_ENTITIES = frozenset({"ORG", "LAW", "PRODUCT", "WORK_OF_ART", "FAC", "EVENT"})
_DATE_WORDS = re.compile(
    r"\b(?:" + _MONTH + r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)


@dataclass(frozen=True)
class FigureMatch:
    """A figure in the text, with its value and counted noun."""

    start: int
    end: int
    text: str
    value: float | None
    counts: str | None
    label: str


def match_figures(doc: Doc) -> list[FigureMatch]:
    """Every figure in a parsed article, in text order."""
    text = doc_text(doc)
    athletics = bool(_ATHLETICS.search(text))
    found: list[FigureMatch] = []
    taken: list[tuple[int, int]] = []
    for match in _WORDS_FIGURE.finditer(text):
        start, end = match.span()
        words = match.group(0)
        label = "PERCENT" if "cent" in words.lower() else "CARDINAL"
        if words.split()[0].lower() in ("a", "half") and label == "CARDINAL":
            continue  # "a million" reads as a manner of speaking more often than a count
        found.append(_figure(doc, start, end, label, parse_value(words)))
        taken.append((start, end))
    for match in _NUMBER.finditer(text):
        if any(s <= match.start() < e for s, e in taken):
            continue
        figure = _read_number(doc, match, athletics)
        if figure is not None:
            found.append(figure)
    return share_counts(doc, sorted(found, key=lambda f: f.start))


def _read_number(doc: Doc, match: re.Match[str], athletics: bool) -> FigureMatch | None:
    """The figure a number written in digits makes with its neighbours, or None."""
    text = doc_text(doc)
    start, end = match.span()
    digits = match.group(1)
    number = float(digits.replace(",", ""))
    label = "CARDINAL"
    currency = _CURRENCY.search(text, max(0, start - 4), start)
    if currency:
        start, label = currency.start(), "MONEY"
    rest = text[end : end + 40]
    attached = _ATTACHED.match(rest)
    value_scale = 1.0
    if attached:
        suffix = attached.group(1)
        if suffix == "s" or (suffix == "p" and label != "MONEY" and not _money_context(text, end)):
            return None  # "1980s"; "4p" outside money talk is rare and ambiguous
        end += len(suffix)
        if suffix in ("bn", "mn", "k", "tn"):
            value_scale = SCALES[suffix]
        elif suffix == "m":
            metres = label != "MONEY" and athletics and not _COUNTED_AFTER_M.match(rest[1:])
            value_scale = 1.0 if metres else 1e6
            label = "QUANTITY" if metres else label
        else:
            label = "MONEY" if suffix == "p" else "QUANTITY"
        rest = text[end : end + 40]
    elif _NOT_FIGURE_SUFFIX.match(rest):
        return None  # "21st", "3pm", "4x100", "10:30", a score "2-1", a code "747-400"
    hyphen = _HYPHEN_UNIT.match(rest)
    if hyphen:
        label = "QUANTITY" if label == "CARDINAL" else label
        end += len(re.match(r"(?:-[A-Za-z]+)+", rest).group(0))  # "87-year-old", "12-member"
    else:
        scale = _WORD_SCALE.match(rest) if not attached else None
        if scale and scale.group(1) in ("million", "billion", "trillion", "thousand", "bn"):
            end += len(scale.group(0))
            value_scale = SCALES[scale.group(1)]
            rest = text[end : end + 40]
        unit = _UNIT.match(rest)
        if unit:
            end += len(unit.group(0))
            word = (unit.group(2) or "").lower()
            if unit.group(1):
                label = "PERCENT"
            elif word in _MONEY_UNITS:
                label = "MONEY"
            else:
                label = "QUANTITY"
    plain = label == "CARDINAL" and value_scale == 1.0
    if plain and _not_a_count(doc, match.start(), match.end(), digits):
        return None
    if label != "MONEY" and _in_date(doc, match.start(), match.end()):
        return None
    value = number * value_scale
    if not math.isfinite(value):
        return None  # 200,000 digits: not a figure anyone reads (it was data-value="inf")
    value = int(value) if float(value).is_integer() else round(value, 6)
    return _figure(doc, start, end, label, value)


def _money_context(text: str, end: int) -> bool:
    return text[end : end + 12].lstrip("p ").startswith(("a share", "a litre", "per"))


def _not_a_count(doc: Doc, start: int, end: int, digits: str) -> bool:
    """A year, or a number that is part of a name, code or address."""
    text = doc_text(doc)
    following = text[end : end + 6]
    if _YEAR.match(digits) and not re.match(r"\s?(?:[x*×]|by)\s?\d", following):
        return True
    if _ADDRESS.match(text[end : end + 40]):
        return True
    token = _token_at(doc, start)
    if token is not None and token.i > 0:
        before = doc[token.i - 1]
        if before.text[:1].isupper() and not before.is_sent_start and before.ent_type_ != "DATE":
            return True  # "Radio 4", "Chapter 11", "Boeing 747"
        if token.ent_type_ in _NAME_ENTITIES and token.ent_iob_ != "B":
            return True  # inside a name that starts before the number
        if before.lower_ in ("no", "no.", "number", "page", "room", "flight", "route", "junction"):
            return True
    return False


def _in_date(doc: Doc, start: int, end: int) -> bool:
    """Part of a calendar date or clock time: "4 February 2005", "Nov. 9", "10 o'clock"."""
    text = doc_text(doc)
    if _AFTER_MONTH.search(text[max(0, start - 11) : start]) or _BEFORE_MONTH.match(text[end : end + 14]):
        return True
    token = _token_at(doc, start)
    if token is None or token.ent_type_ not in ("DATE", "TIME"):
        return False
    entity = entity_span(token)
    if entity is None:
        return False
    return bool(_DATE_WORDS.search(entity.text)) or "o'clock" in entity.text.lower()


def _token_at(doc: Doc, offset: int) -> Token | None:
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _figure(doc: Doc, start: int, end: int, label: str, value: float | None) -> FigureMatch:
    span = doc.char_span(start, end, alignment_mode="expand")
    if label == "QUANTITY":
        counts = _unit(doc_text(doc)[start:end])
    else:
        counts = counted_noun(span, label) if span is not None else None
    return FigureMatch(start, end, doc_text(doc)[start:end], value, counts, label)


def _unit(text: str) -> str | None:
    """What a quantity measures: its unit ("9.87 seconds" → "seconds", "100m" → "metres")."""
    if re.search(r"-year-olds?$", text):
        return "age"
    words = [w for w in re.findall(r"[A-Za-z]+", text.replace("-", " "))
             if w not in ("million", "billion", "thousand", "bn")]  # "7.1 million times"
    if not words:
        return None
    unit = " ".join(words) if words[0] == "square" else words[0]
    return {"m": "metres", "mm": "millimetres", "cm": "centimetres", "km": "kilometres", "kg": "kilograms",
            "secs": "seconds", "sec": "seconds", "s": "seconds", "ft": "feet"}.get(unit, unit)

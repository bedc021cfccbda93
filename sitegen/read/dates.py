"""Dates as people write them in front matter: Jekyll, Hugo, Pelican and by hand.

A date alone is a calendar day. A date with a time keeps the time and its UTC
offset (``2019-05-02 10:30:00 -0400``, ``2016-03-21 12:00 EDT``); a time written
without an offset is in the site's ``timezone``.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from email.utils import parsedate_to_datetime

# The zone abbreviations people put after a time; anything else needs a numeric offset.
_ZONES = {
    "UTC": 0, "GMT": 0, "Z": 0, "UT": 0, "WET": 0, "BST": 1, "IST": 1, "WEST": 1, "CET": 1,
    "CEST": 2, "EET": 2, "EEST": 3, "MSK": 3, "JST": 9, "KST": 9, "AEST": 10, "AEDT": 11,
    "NZST": 12, "NZDT": 13, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6,
    "PST": -8, "PDT": -7, "AKST": -9, "AKDT": -8, "HST": -10,
}
_MONTHS = {name: number for number, names in enumerate(
    (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
     ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
     ("oct", "october"), ("nov", "november"), ("dec", "december")), start=1) for name in names}
_TIME = r"(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(?:([AaPp])\.?[Mm]\.?)?)?"
_ZONE = r"\s*(Z|[+-]\d{2}:?\d{2}|[+-]\d{2}|[A-Za-z]{1,5})?"
_NUMERIC = re.compile(rf"^(\d{{4}})[-/.](\d{{1,2}})[-/.](\d{{1,2}}){_TIME}{_ZONE}$")
_DAY_FIRST = re.compile(rf"^(\d{{1,2}})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{{4}}){_TIME}{_ZONE}$")
_MONTH_FIRST = re.compile(
    rf"^([A-Za-z]+)\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}}){_TIME}{_ZONE}$")


class DateProblem(ValueError):
    """The value is not a date this reader understands."""


def parse_when(value: object, zone: tzinfo = UTC) -> tuple[date, datetime | None]:
    """The calendar day and, when a time is given, the aware moment of ``value``.

    >>> parse_when("2019-05-02 10:30:00 -0400")[1].isoformat()
    '2019-05-02T10:30:00-04:00'
    >>> parse_when("March 2, 2021")
    (datetime.date(2021, 3, 2), None)
    >>> parse_when("2019-12-3")
    (datetime.date(2019, 12, 3), None)
    """
    if isinstance(value, datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=zone)
        return value.date(), moment
    if isinstance(value, date):
        return value, None
    if not isinstance(value, str) or not value.strip():
        raise DateProblem(value)
    return _parse_text(value.strip(), zone)


def _parse_text(text: str, zone: tzinfo) -> tuple[date, datetime | None]:
    for pattern, order in ((_NUMERIC, "ymd"), (_DAY_FIRST, "dmy"), (_MONTH_FIRST, "mdy")):
        match = pattern.match(text)
        if match:
            return _from_match(match, order, zone)
    try:  # RFC 2822, as feeds and some exporters write it: "Tue, 02 Mar 2021 10:00:00 +0000"
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        raise DateProblem(text) from None
    moment = moment if moment.tzinfo else moment.replace(tzinfo=zone)
    return moment.date(), moment


def _from_match(match: re.Match[str], order: str, zone: tzinfo) -> tuple[date, datetime | None]:
    first, second, third, hour, minute, second_of, meridiem, offset = match.groups()
    if order == "ymd":
        year, month, day = int(first), int(second), int(third)
    elif order == "dmy":
        year, month, day = int(third), _month(second), int(first)
    else:
        year, month, day = int(third), _month(first), int(second)
    try:
        day_value = date(year, month, day)
    except ValueError as error:
        raise DateProblem(str(error)) from None
    if hour is None:
        if offset:
            raise DateProblem(match.string)
        return day_value, None
    hours = int(hour)
    if meridiem:  # "9:05 pm"
        hours = hours % 12 + (12 if meridiem.lower() == "p" else 0)
    try:
        clock = time(hours, int(minute), int(second_of or 0))
    except ValueError as error:
        raise DateProblem(str(error)) from None
    return day_value, datetime.combine(day_value, clock, tzinfo=_zone(offset, zone))


def _month(name: str) -> int:
    number = _MONTHS.get(name.casefold().rstrip("."))
    if number is None:
        raise DateProblem(name)
    return number


def _zone(offset: str | None, default: tzinfo) -> tzinfo:
    if not offset:
        return default
    if offset.upper() in _ZONES:
        return timezone(timedelta(hours=_ZONES[offset.upper()]))
    match = re.fullmatch(r"([+-])(\d{2}):?(\d{2})?", offset)
    if match is None:
        raise DateProblem(offset)
    sign = -1 if match[1] == "-" else 1
    return timezone(sign * timedelta(hours=int(match[2]), minutes=int(match[3] or 0)))

"""Figures: value parsing on plain strings, then sentences through the real model."""

from __future__ import annotations

import pytest

from sitegen.annotate import annotate_texts
from sitegen.annotate.numbers import parse_value
from sitegen.config import DEFAULT_MODEL


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("85,505", 85505),
        ("£3bn", 3_000_000_000),
        ("£75m", 75_000_000),
        ("1.2 million", 1_200_000),
        ("1.5bn euros", 1_500_000_000),
        ("25%", 25),
        ("4.75%", 4.75),
        ("Sixty percent", 60),
        ("six million", 6_000_000),
        ("274.5 pence", 274.5),
        ("46.68seconds", 46.68),
        ("2k", 2000),
        ("87-year-old", 87),
        ("twenty-five", 25),
        ("no number here", None),
    ],
)
def test_parse_value(text: str, value: float | None) -> None:
    assert parse_value(text) == value


TEXTS = {
    "money": "The airline made a pre-tax profit of £75m ($141m), up 4.3% on the £1.97bn forecast.",
    "sport": (
        "Greene won the 100m title at the Olympic Games in 9.87 seconds, ahead of the "
        "sprint relay team. Hazel Gilbert, 23, and the 87-year-old coach watched."
    ),
    "tech": "The service now has 100m users, and Sixty percent of them joined in six million homes.",
    "not_figures": (
        "She spoke on Radio 4 on 4 February 2005 about Chapter 11, the A321, COVID-19 and "
        "the 1980s, at 10 Downing Street in 2004. One-third of voters paid four pence."
    ),
}


@pytest.fixture(scope="module")
def figures() -> dict[str, list[tuple[str, float | None]]]:
    results = annotate_texts(list(TEXTS.values()), DEFAULT_MODEL)
    return {
        name: [(f.text, f.value) for f in annotations.figures]
        for name, annotations in zip(TEXTS, results, strict=True)
    }


def test_money_keeps_currency_and_scale(figures: dict[str, list[tuple[str, float | None]]]) -> None:
    assert figures["money"] == [
        ("£75m", 75_000_000), ("$141m", 141_000_000), ("4.3%", 4.3), ("£1.97bn", 1_970_000_000),
    ]


def test_sport_distances_times_and_ages(figures: dict[str, list[tuple[str, float | None]]]) -> None:
    assert figures["sport"] == [
        ("100m", 100), ("9.87 seconds", 9.87), ("23", 23), ("87-year-old", 87),
    ]


def test_counts_in_millions_and_words(figures: dict[str, list[tuple[str, float | None]]]) -> None:
    assert figures["tech"] == [
        ("100m", 100_000_000), ("Sixty percent", 60), ("six million", 6_000_000),
    ]


def test_names_codes_dates_and_fractions_are_not_figures(
    figures: dict[str, list[tuple[str, float | None]]],
) -> None:
    assert figures["not_figures"] == []


COUNTED = {
    "change": "The airline blamed fuel prices for a 40% drop in profits on Friday.",
    "of_what": "Ministers approved a pre-tax profit of £75m ($141m) and a contract worth £11.5m.",
    "share": "The buyer took 20% of the company, and 36% of homes have a telephone.",
    "measure": "Turnover for the quarter was up 4.3% to £1.97bn, and passenger numbers rose 8.1%.",
    "money_verb": "The bank lent the company $6bn (£3.2bn) and fined its rival $550,000.",
    "money_in": "The firm must pay off $27.5bn in unpaid taxes.",
    "elided": "The first film has seven nominations while the second has 11.",
    "respectively": "The death toll in the two towns stands at 1,290 and 3,291, respectively.",
    "measure_noun": "The number of hotspots is expected to reach 200,000 by 2008.",
    "forecasts": "Forecasts for Japanese growth were scaled back to 4.0% from 4.4% this year.",
    "ages": "Hazel Gilbert, 23, gave up ballet at the age of 10, and pupils aged 10 to 13 enter.",
    "range": "The surcharge was raised from £2.50 to £4 a leg.",
}


@pytest.fixture(scope="module")
def counted() -> dict[str, list[tuple[str, str | None]]]:
    results = annotate_texts(list(COUNTED.values()), DEFAULT_MODEL)
    return {
        name: [(f.text, f.counts) for f in annotations.figures]
        for name, annotations in zip(COUNTED, results, strict=True)
    }


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("change", [("40%", "profits")]),
        ("of_what", [("£75m", "profit"), ("$141m", "profit"), ("£11.5m", "contract")]),
        ("share", [("20%", "company"), ("36%", "homes")]),
        ("measure", [("4.3%", "Turnover"), ("£1.97bn", "Turnover"), ("8.1%", "passenger")]),
        ("money_verb", [("$6bn", "loan"), ("£3.2bn", "loan"), ("$550,000", "fine")]),
        ("money_in", [("$27.5bn", "taxes")]),
        ("elided", [("11", "nominations")]),
        ("respectively", [("1,290", "deaths"), ("3,291", "deaths")]),
        ("measure_noun", [("200,000", "hotspots")]),
        ("forecasts", [("4.0%", "growth"), ("4.4%", "growth")]),
        ("ages", [("23", "age"), ("10", "age"), ("10", "age"), ("13", "age")]),
        ("range", [("£2.50", "surcharge"), ("£4", "surcharge")]),
    ],
)
def test_figures_say_what_they_count(
    counted: dict[str, list[tuple[str, str | None]]], name: str, expected: list[tuple[str, str | None]]
) -> None:
    assert counted[name] == expected

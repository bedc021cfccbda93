"""The annotator's word lists: pure data, no model."""

from __future__ import annotations

import re

import pytest

from sitegen.annotate import lexicon
from sitegen.annotate.lexicon import (
    HONORIFICS,
    NARRATION_VERBS,
    OFFICE_TITLES,
    SPEECH_VERBS,
    TITLE_GENDER,
    TITLES,
    alternation,
    inflect,
    is_person_word,
)


def test_alternation_tries_the_longest_word_first() -> None:
    pattern = re.compile(r"(?:" + alternation(["chief", "chief executive", "Mr."]) + r")")
    assert pattern.match("chief executive Bob").group(0) == "chief executive"
    assert pattern.match("chief Bob").group(0) == "chief"
    assert pattern.match("Mr. Bob").group(0) == "Mr."  # escaped: "." is no wildcard
    assert pattern.match("Mrx Bob") is None


def test_alternation_is_stable_and_ignores_duplicates() -> None:
    assert alternation(["b", "a", "cc", "a"]) == "cc|a|b"
    assert alternation({"a", "b", "cc"}) == alternation(["cc", "b", "a"])


def test_every_title_is_in_the_one_title_list() -> None:
    for title in HONORIFICS + OFFICE_TITLES + tuple(TITLE_GENDER):
        assert title.lower() in TITLES
    assert "baroness" in TITLES and "chief executive" in TITLES


def test_honorifics_include_baroness_and_the_clergy() -> None:
    for title in ("Mr", "Ms", "Dame", "Baron", "Baroness", "Professor", "Cardinal", "Bishop"):
        assert title in HONORIFICS
    assert not set(HONORIFICS) & set(OFFICE_TITLES)


def test_title_gender() -> None:
    assert TITLE_GENDER["Baroness"] == TITLE_GENDER["Ms"] == lexicon.FEMALE
    assert TITLE_GENDER["Baron"] == TITLE_GENDER["Mr"] == lexicon.MALE
    assert "Dr" not in TITLE_GENDER and "President" not in TITLE_GENDER


def test_narration_verbs_are_speech_verbs() -> None:
    assert set(NARRATION_VERBS) <= SPEECH_VERBS


@pytest.mark.parametrize(
    ("base", "forms"),
    [
        ("say", {"say", "says", "sayed", "saying"}),
        ("note", {"note", "notes", "noted", "noting"}),
        ("reply", {"reply", "replies", "replied", "replying"}),
        ("stress", {"stress", "stresses", "stressed", "stressing"}),
        ("warn", {"warn", "warns", "warned", "warning"}),
    ],
)
def test_inflect(base: str, forms: set[str]) -> None:
    assert inflect(base) == forms


def test_speech_verbs_have_their_irregular_forms() -> None:
    assert {"said", "told", "wrote", "says", "added", "according"} - SPEECH_VERBS == {"according"}


def test_person_words() -> None:
    assert is_person_word("judge")
    assert is_person_word("co-founder")
    assert is_person_word("vice-captain")  # a hyphenated role: its last part decides
    assert not is_person_word("report")
    assert not is_person_word("judge-led")
    assert not is_person_word("Judge")  # the lists are lower case

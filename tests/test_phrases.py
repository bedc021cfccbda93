"""Key noun phrases with the real spaCy model: spans, singular forms, and what is left out."""

from __future__ import annotations

import pytest

from sitegen.annotate import annotate_texts
from sitegen.config import DEFAULT_MODEL
from sitegen.models import Phrase

TEXT = ("Greek sprinters face new drugs tests after the finance minister spoke.\n\n"
        "A top triple jumper won. Officials said the drugs tests would go ahead, Sanders said.")


@pytest.fixture(scope="module")
def phrases() -> tuple[Phrase, ...]:
    (annotations,) = annotate_texts([TEXT], DEFAULT_MODEL)
    return annotations.noun_phrases


def test_each_phrase_has_its_span_in_the_text_and_a_singular_form(phrases: tuple[Phrase, ...]) -> None:
    tests = [p for p in phrases if p.text == "drugs test"]
    assert [TEXT[p.start : p.end] for p in tests] == ["drugs tests", "drugs tests"]
    assert tests[0].start < TEXT.index("\n\n") < tests[1].start  # one in the lead, one after it


def test_roles_names_and_vague_adjectives_make_no_phrase(phrases: tuple[Phrase, ...]) -> None:
    forms = {p.text for p in phrases}
    assert "new drugs test" not in forms  # "new" says nothing about what the tests are
    assert not forms & {"finance minister", "minister", "official", "sprinter", "sanders"}
    assert not any(p.text.endswith("jumper") and "top" in p.text for p in phrases)

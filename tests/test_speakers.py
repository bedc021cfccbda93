"""Direct and partial quotes, and who said them, through the real model (no mocks).

Each text is a made-up news sentence or two showing one behaviour: the kind a
quoted stretch is, the mention that attributes it (``speaker_span``) and the
person that mention stands for (``speaker``).
"""

from __future__ import annotations

import pytest

from sitegen.annotate import annotate_texts
from sitegen.annotate.quotemarks import find_quoted_spans
from sitegen.config import DEFAULT_MODEL
from sitegen.models import Annotations, Quote

TEXTS = {
    # --- kinds -----------------------------------------------------------------------------
    "fragment": (
        "Prime Minister Tony Blair spoke in Gateshead on Sunday. Mr Blair said a vote for the "
        "Liberal Democrats would result in \"a Tory government and a country that goes back\"."
    ),
    "after_that": (
        "Senator Ruth Okafor visited the plant on Monday. She said that \"the workers deserve a "
        "fair deal from this company\"."
    ),
    "clause_after_cue": (
        "Senator Ruth Okafor visited the plant on Monday. She told the workers, \"You deserve a "
        "fair deal.\""
    ),
    "chanted": (
        "Mayor Paul Dubois arrived late. The protesters chanted \"Bad for the city, bad for you!\" "
        "as he walked in."
    ),
    "slogan": "The campaign slogan is \"Ready for the future.\" It was printed on every poster.",
    "parenthetical": (
        "Mr Hopkins spoke at the conference. Disputes end up in the courts which, said Mr "
        "Hopkins, \"is part of the whole messy conversation.\""
    ),
    # --- attributing mentions and speakers ---------------------------------------------------
    "continued": (
        "Governor Maria Alvarez spoke to reporters in Phoenix.\n\n"
        "\"We will not raise taxes,\" she said. \"Not this year, not next year.\"\n\n"
        "\"Our budget is balanced and it will stay balanced.\""
    ),
    "misused_mark": (
        "Larry Boone is a lawyer in Chicago.\n\n"
        "“It is unusual,“ said Mr Boone. “Most campaigns never try it.”"
    ),
    "apposition": (
        "The anchor was thrown out of the press conference.\n\n"
        "\"We were wrong to stay silent for so long,\" Jorge Ramos, 58, told a news agency."
    ),
    "any_verb": (
        "Donald Trump faced questions from a reporter in Iowa.\n\n"
        "\"Go back to your seat,\" Trump barked as guards moved in."
    ),
    "next_sentence": (
        "Donald Trump held a rally in Florida on Wednesday.\n\n"
        "\"I hope somebody finds those missing emails.\" Trump said."
    ),
    "adding": (
        "Hillary Clinton spoke in Ohio. She said, \"We can do better than this,\" adding, "
        "\"And we will.\""
    ),
    "saying": (
        "Senator Ann Baker answered her critics on Tuesday. She ended the debate by saying, "
        "\"I have nothing to hide.\""
    ),
    "listener": (
        "Ben Carson spoke after the debate, telling reporters, \"I am not going anywhere.\""
    ),
    "gender": (
        "Alex Morgan and Jordan Reyes were both at the meeting. Alex Morgan said she would run "
        "again. Jordan Reyes said he would not.\n\n"
        "\"It is time for a new generation,\" she said."
    ),
    "unnamed_then_pronoun": (
        "A spokeswoman for the council said: \"We will appeal.\" \"We are confident,\" she added."
    ),
    "inverted_phrase": (
        "Ben Carson spoke in Iowa.\n\n"
        "\"I am not going to say it is a mistake, so forget about it,\" said retired neurosurgeon "
        "Ben Carson, asked about his claims."
    ),
    "no_mark_of_its_own": (
        "Steve Grubbs works for the campaign in Iowa.\n\n"
        "\"The caucus is a battle of niches\" Grubbs said on Monday."
    ),
    "name_and_colon": (
        "Two candidates answered the same question.\n\n"
        "Clinton: \"Our goal is to defeat the group.\" Bush: \"The mission is to destroy it.\""
    ),
    "placeholder": (
        "Aung San Suu Kyi spoke in Yangon. Suu Kyi said it was too early to celebrate but added, "
        "\"I think you all know the results.\""
    ),
    "runs_on": (
        "Dennis Gaskin lives in the town.\n\n"
        "\"You almost never see a stranger here,\" said Dennis Gaskin. \"The town is quiet.\" "
        "Perhaps, he said, this \"small town has grown too big too fast.\""
    ),
    "fumed": (
        "Senator Pat Toomey and Senator Jon Tester spoke after the vote.\n\n"
        "\"If they were serious about this, I think they would have backed the only bill with "
        "support from both parties,\" Toomey fumed on Tuesday."
    ),
    "digest": (
        "Why the polls went wrong - Mark Blumenthal and Jon Cohen: \"Although the polls failed, "
        "they were close.\""
    ),
    "colon_clause": (
        "Harry Reid spoke on Monday. Reid said both men were weak, but he gave Cruz a "
        "compliment: \"You never have to guess where he is.\""
    ),
    "left_of_verb": (
        "Hillary Clinton testified on Thursday. Clinton, exasperated, responded: \"What "
        "difference does it make?\"\n\n"
        "Sanders has shown little interest. But Sen. Richard J. Durbin (D-Ill.), noting the size "
        "of his following, said, \"Let me tell you, he has a heck of an email list.\""
    ),
    "subject_with_a_phrase": (
        "The meeting ran late.\n\n"
        "\"Will he be the next attorney general?\" a Democratic staffer in the room wondered."
    ),
    "description": (
        "Senator Bernie Sanders spoke in Vermont.\n\n"
        "\"I apologise to nobody for that,\" the senator said."
    ),
}


@pytest.fixture(scope="module")
def found() -> dict[str, tuple[str, Annotations]]:
    results = annotate_texts(list(TEXTS.values()), DEFAULT_MODEL)
    return {name: (TEXTS[name], result) for name, result in zip(TEXTS, results, strict=True)}


def said(text: str, quote: Quote) -> tuple[str, str | None, str | None]:
    """A quote's first words, its speaker and the words of its attributing mention."""
    span = text[slice(*quote.speaker_span)] if quote.speaker_span else None
    return quote.text.strip("\"“”")[:12], quote.speaker, span


# --- direct, partial or a quoted term ---------------------------------------------------------


def test_fragment_of_reported_speech_is_a_partial_quote(found: dict[str, tuple[str, Annotations]]) -> None:
    text, annotations = found["fragment"]
    assert annotations.quotes == ()
    (partial,) = annotations.partial_quotes
    assert partial.kind == "partial" and said(text, partial) == ("a Tory gover", "Tony Blair", "Blair")


def test_quote_after_that_is_partial(found: dict[str, tuple[str, Annotations]]) -> None:
    text, annotations = found["after_that"]
    assert annotations.quotes == ()
    assert [said(text, q) for q in annotations.partial_quotes] == [("the workers ", "Ruth Okafor", "She")]


def test_sentence_set_off_after_its_cue_is_direct(found: dict[str, tuple[str, Annotations]]) -> None:
    text, annotations = found["clause_after_cue"]
    assert [(q.kind, *said(text, q)) for q in annotations.quotes] == [
        ("direct", "You deserve ", "Ruth Okafor", "She")
    ]


def test_sentence_that_is_the_object_of_a_speech_verb_is_direct(
    found: dict[str, tuple[str, Annotations]],
) -> None:
    text, annotations = found["chanted"]
    assert [said(text, q)[0] for q in annotations.quotes] == ["Bad for the "]


def test_a_slogan_after_is_is_not_speech(found: dict[str, tuple[str, Annotations]]) -> None:
    _, annotations = found["slogan"]
    assert annotations.quotes == ()


def test_words_finishing_the_narrators_clause_are_partial(
    found: dict[str, tuple[str, Annotations]],
) -> None:
    _, annotations = found["parenthetical"]
    assert annotations.quotes == ()
    assert [q.text[:8] for q in annotations.partial_quotes] == ['"is part']


def test_opening_mark_used_as_a_closing_one() -> None:
    text = "“It is unusual,“ said Mr Boone. “Most campaigns never try it.”"
    assert [text[s.start : s.end] for s in find_quoted_spans(text)] == [
        "“It is unusual,“", "“Most campaigns never try it.”",
    ]


# --- who said it ------------------------------------------------------------------------------


def test_quotes_that_speak_on_keep_the_mention_that_attributed_them(
    found: dict[str, tuple[str, Annotations]],
) -> None:
    text, annotations = found["continued"]
    assert [said(text, q) for q in annotations.quotes] == [
        ("We will not ", "Maria Alvarez", "she"),
        ("Not this yea", "Maria Alvarez", "she"),
        ("Our budget i", "Maria Alvarez", "she"),
    ]


def test_speaker_after_a_misused_mark(found: dict[str, tuple[str, Annotations]]) -> None:
    text, annotations = found["misused_mark"]
    assert [said(text, q) for q in annotations.quotes] == [
        ("It is unusua", "Larry Boone", "Mr Boone"), ("Most campaig", "Larry Boone", "Mr Boone"),
    ]


def test_speaker_named_after_the_quote_with_an_apposition(
    found: dict[str, tuple[str, Annotations]],
) -> None:
    text, annotations = found["apposition"]
    assert [said(text, q) for q in annotations.quotes] == [("We were wron", "Jorge Ramos", "Jorge Ramos")]


def test_any_verb_opening_the_clause_after_a_quote_attributes_it(
    found: dict[str, tuple[str, Annotations]],
) -> None:
    text, annotations = found["any_verb"]
    (quote,) = annotations.quotes
    assert said(text, quote) == ("Go back to y", "Donald Trump", "Trump") and quote.cue == "barked"


def test_speaker_in_the_next_sentence(found: dict[str, tuple[str, Annotations]]) -> None:
    text, annotations = found["next_sentence"]
    assert [said(text, q) for q in annotations.quotes] == [("I hope someb", "Donald Trump", "Trump")]


def test_participle_cue_takes_the_subject_of_its_clause(found: dict[str, tuple[str, Annotations]]) -> None:
    for name, expected in (("adding", "Hillary Clinton"), ("saying", "Ann Baker")):
        text, annotations = found[name]
        assert {said(text, q)[1:] for q in annotations.quotes} == {(expected, "She")}, name


def test_the_listener_is_not_the_speaker(found: dict[str, tuple[str, Annotations]]) -> None:
    text, annotations = found["listener"]
    assert [said(text, q) for q in annotations.quotes] == [("I am not goi", "Ben Carson", "Ben Carson")]


def test_gender_learnt_from_pronouns_used_before(found: dict[str, tuple[str, Annotations]]) -> None:
    text, annotations = found["gender"]
    assert [said(text, q) for q in annotations.quotes] == [("It is time f", "Alex Morgan", "she")]


def test_an_unnamed_speaker_stays_unnamed_but_attributed(
    found: dict[str, tuple[str, Annotations]],
) -> None:
    text, annotations = found["unnamed_then_pronoun"]
    assert [said(text, q) for q in annotations.quotes] == [
        ("We will appe", None, "A spokeswoman"), ("We are confi", None, "she"),
    ]


def test_description_refers_to_the_person_introduced_with_it(
    found: dict[str, tuple[str, Annotations]],
) -> None:
    text, annotations = found["description"]
    assert [said(text, q) for q in annotations.quotes] == [("I apologise ", "Bernie Sanders", "the senator")]


def test_speaker_after_an_inverted_verb_is_its_noun_phrase(
    found: dict[str, tuple[str, Annotations]],
) -> None:
    text, annotations = found["inverted_phrase"]
    assert [said(text, q)[1:] for q in annotations.quotes] == [("Ben Carson", "Ben Carson")]


def test_quote_without_a_mark_of_its_own_before_its_cue(found: dict[str, tuple[str, Annotations]]) -> None:
    text, annotations = found["no_mark_of_its_own"]
    assert [said(text, q) for q in annotations.quotes] == [("The caucus i", "Steve Grubbs", "Grubbs")]


def test_a_name_and_a_colon_attribute_the_quote(found: dict[str, tuple[str, Annotations]]) -> None:
    text, annotations = found["name_and_colon"]
    assert [said(text, q)[2] for q in annotations.quotes] == ["Clinton", "Bush"]


def test_past_a_placeholder_subject_to_the_speaker(found: dict[str, tuple[str, Annotations]]) -> None:
    text, annotations = found["placeholder"]
    assert [said(text, q)[1:] for q in annotations.quotes] == [("Aung San Suu Kyi", "Suu Kyi")]


def test_a_sentence_that_runs_on_past_the_next_quote_attributes_nothing(
    found: dict[str, tuple[str, Annotations]],
) -> None:
    text, annotations = found["runs_on"]
    assert [said(text, q)[2] for q in annotations.quotes] == ["Dennis Gaskin", "Dennis Gaskin"]


def test_a_verb_after_the_quote_whose_object_is_the_quote(found: dict[str, tuple[str, Annotations]]) -> None:
    text, annotations = found["fumed"]
    assert [said(text, q) for q in annotations.quotes] == [("If they were", "Pat Toomey", "Toomey")]


def test_names_before_a_colon_after_a_dash(found: dict[str, tuple[str, Annotations]]) -> None:
    text, annotations = found["digest"]
    assert [said(text, q)[2] for q in annotations.quotes] == ["Jon Cohen"]


def test_the_clause_ending_at_the_colon_attributes_the_quote(
    found: dict[str, tuple[str, Annotations]],
) -> None:
    text, annotations = found["colon_clause"]
    assert [said(text, q)[1:] for q in annotations.quotes] == [("Harry Reid", "he")]


def test_the_person_named_just_before_the_verb_past_an_aside(
    found: dict[str, tuple[str, Annotations]],
) -> None:
    text, annotations = found["left_of_verb"]
    assert [said(text, q)[1:] for q in annotations.quotes] == [
        ("Hillary Clinton", "Clinton"), ("Richard J. Durbin", "Richard J. Durbin")]


def test_a_subject_with_a_phrase_before_its_verb(found: dict[str, tuple[str, Annotations]]) -> None:
    text, annotations = found["subject_with_a_phrase"]
    assert [said(text, q)[2] for q in annotations.quotes] == ["a Democratic staffer"]

"""Quote detection: quote-mark scanning on plain strings, then sentences through the real model."""

from __future__ import annotations

import pytest

from sitegen.annotate import annotate_texts
from sitegen.annotate.lexicon import SPEECH_VERBS
from sitegen.annotate.quotemarks import find_quoted_spans
from sitegen.annotate.quotes import opens_sentence
from sitegen.config import DEFAULT_MODEL
from sitegen.models import Annotations


def spans(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_quoted_spans(text)]


# --- quote marks, no model ------------------------------------------------------------------


def test_curly_and_straight_quotes() -> None:
    text = "He said “yes” and she said \"no\"."
    assert spans(text) == ["“yes”", '"no"']


def test_multi_paragraph_quote_is_one_span() -> None:
    text = "She said: “First part.\n\n“Second part.\n\n“Last part.”\n\nNarration."
    assert spans(text) == ["“First part.\n\n“Second part.\n\n“Last part.”"]


def test_merged_paragraph_continuation_stays_open() -> None:
    text = 'Ms Hewitt said: "We have done it in 26 weeks. "We are going to do more." Then she left.'
    assert spans(text) == ['"We have done it in 26 weeks. "We are going to do more."']


def test_new_quote_after_a_closed_one_is_separate() -> None:
    text = '"We will win." "If the price rises, we lose."'
    assert spans(text) == ['"We will win."', '"If the price rises, we lose."']


def test_apostrophes_are_not_quote_marks() -> None:
    text = "It’s the voters’ choice, ‘Mr Nasty’ said, and don’t forget it."
    assert spans(text) == ["‘Mr Nasty’"]


def test_single_quotes_inside_double_are_not_separate() -> None:
    text = "“When I said, ‘Look here’, he left,” she said."
    assert spans(text) == ["“When I said, ‘Look here’, he left,”"]


def test_unclosed_quote_ends_with_its_paragraph() -> None:
    text = 'He said: "This never closes.\n\nNext paragraph.'
    found = find_quoted_spans(text)
    assert [text[s.start : s.end] for s in found] == ['"This never closes.']
    assert not found[0].closed


def test_opens_sentence() -> None:
    text = 'She said: "Yes." "No," he said. They were "very pleased" today.'
    assert opens_sentence(text, text.index('"Yes'))
    assert opens_sentence(text, text.index('"No'))
    assert not opens_sentence(text, text.index('"very'))


def test_speech_verbs_include_inflections() -> None:
    assert {"said", "says", "told", "added", "admitted", "countered", "confesses"} <= SPEECH_VERBS
    assert "sprinted" not in SPEECH_VERBS


# --- through the model ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def annotate() -> dict[str, Annotations]:
    texts = {
        "split": "Jane Smith spoke to reporters on Monday.\n\n“We will,” she said, “win.”",
        "merged": (
            "Health Secretary Patricia Hewitt spoke on Monday. Ms Hewitt said: \"We have cut "
            "waiting lists in 26 weeks. \"We are going to cut them further this year.\" The "
            "opposition disagreed."
        ),
        "he_said": (
            "Prime Minister Tony Blair visited the factory on Friday.\n\n"
            "\"This is a great day for the workers of this town,\" he said."
        ),
        "nobody": (
            "Rain fell across the country on Tuesday.\n\n"
            "\"The weather will improve by the weekend and the rain will stop,\" the report said."
        ),
        "scare": "Donald Trump angered Beijing by describing COVID as the “Chinese virus”.",
        "partial": (
            "Rod Eddington said the results were \"respectable\" and the outlook \"pretty modest\"."
        ),
        "description": (
            "Paula Radcliffe won the race in London.\n\n"
            "\"It was the hardest race of my life,\" the 30-year-old told reporters."
        ),
        "spokeswoman": (
            "The company lost the case on Monday. A spokeswoman said: \"We will appeal against "
            "the ruling.\" \"We are confident of winning,\" she added."
        ),
        "carried": (
            "Kelli White admitted taking drugs. \"It was my decision to go to him.\" "
            "\"Whether it be a good product or a bad product, he was selling a product.\""
        ),
        "surname": (
            "Officials met in Athens on Monday. Vassilis Karagounakis, who was head of the team "
            "last year, also testified at the hearing. \"The panel will reach a fair decision,\" "
            "said Karagounakis."
        ),
        "cardinal": (
            "Cardinal Cormac Murphy-O'Connor spoke on the radio on Monday.\n\n"
            "The bishops met on Tuesday. Dr Rowan Williams spoke too.\n\n"
            "On Friday, the Cardinal will ask the congregation to pray. "
            "\"Peace is possible and it is real,\" he will say."
        ),
    }
    results = annotate_texts(list(texts.values()), DEFAULT_MODEL)
    return dict(zip(texts, results, strict=True))


def quotes(annotations: Annotations) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in annotations.quotes]


def test_split_quote_gives_two_quotes_with_one_speaker(annotate: dict[str, Annotations]) -> None:
    assert quotes(annotate["split"]) == [("“We will,”", "Jane Smith"), ("“win.”", "Jane Smith")]


def test_merged_continuation_is_one_quote(annotate: dict[str, Annotations]) -> None:
    found = quotes(annotate["merged"])
    assert len(found) == 1
    assert found[0][0].startswith('"We have cut') and found[0][0].endswith('this year."')
    assert found[0][1] == "Patricia Hewitt"


def test_he_said_resolves_to_the_person(annotate: dict[str, Annotations]) -> None:
    (quote,) = annotate["he_said"].quotes
    assert quote.speaker == "Tony Blair"
    assert quote.speaker_span is not None and quote.cue == "said"


def test_quote_without_a_person_keeps_speaker_none(annotate: dict[str, Annotations]) -> None:
    (quote,) = annotate["nobody"].quotes
    assert quote.speaker is None and quote.cue == "said"


def test_scare_quotes_are_not_quotes(annotate: dict[str, Annotations]) -> None:
    assert annotate["scare"].quotes == ()


def test_short_partial_quotes_are_not_quotes(annotate: dict[str, Annotations]) -> None:
    assert annotate["partial"].quotes == ()


def test_definite_description_refers_to_the_person(annotate: dict[str, Annotations]) -> None:
    assert [q.speaker for q in annotate["description"].quotes] == ["Paula Radcliffe"]


def test_unnamed_speaker_stays_unknown(annotate: dict[str, Annotations]) -> None:
    assert [q.speaker for q in annotate["spokeswoman"].quotes] == [None, None]


def test_bare_quotes_carry_the_speaker_being_discussed(annotate: dict[str, Annotations]) -> None:
    assert [q.speaker for q in annotate["carried"].quotes] == ["Kelli White", "Kelli White"]


def test_narration_ends_a_quote_that_never_closed() -> None:
    text = (
        '"If you have no policy, start one. Mr Hopkins said that blogs were powerful. '
        '"Everyone does this," he said.'
    )
    assert spans(text) == ['"If you have no policy, start one.', '"Everyone does this,"']


def test_surname_speaker_finds_the_full_name_given_before(annotate: dict[str, Annotations]) -> None:
    # The model tags "Vassilis Karagounakis" as an organisation and misses "Karagounakis".
    assert [q.speaker for q in annotate["surname"].quotes] == ["Vassilis Karagounakis"]
    people = [e.key for e in annotate["surname"].mentions if e.label == "PERSON"]
    assert people == ["vassilis-karagounakis", "vassilis-karagounakis"]


def test_title_after_the_is_a_description_of_the_titled_person(annotate: dict[str, Annotations]) -> None:
    # "Cardinal" before the name makes it a person; "the Cardinal" is then that person, so
    # "he" after it is the cardinal and not Rowan Williams, the last man named.
    assert [q.speaker for q in annotate["cardinal"].quotes] == ["Cormac Murphy-O'Connor"]
    names = {e.text for e in annotate["cardinal"].mentions}
    assert "Cardinal" not in names


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["the", "30", "-", "year", "-", "old", "told"], True),
        (["the", "co-founder", "said"], True),  # one token when the tokenizer keeps it whole
        (["the", "judge", "said"], True),
        (["an", "old", "said"], False),  # "old" names a person only in "year-old"
        (["the", "report", "said"], False),
    ],
)
def test_person_noun_rule(words: list[str], expected: bool) -> None:
    import spacy
    from spacy.tokens import Doc

    from sitegen.annotate.subjects import is_person_noun

    doc = Doc(spacy.blank("en").vocab, words=words)
    assert is_person_noun(doc[len(words) - 2]) is expected


@pytest.mark.parametrize(
    ("words", "tags", "kind"),
    [
        (["he", "said"], ["PRP", "VBD"], "pronoun"),
        (["the", "judge", "said"], ["DT", "NN", "VBD"], "description"),
        (["a", "spokesman", "said"], ["DT", "NN", "VBD"], "indefinite"),
        (["the", "report", "said"], ["DT", "NN", "VBD"], "nobody"),
        (["Smith", "said"], ["NNP", "VBD"], "name"),
    ],
)
def test_subjects_are_classified_by_kind(words: list[str], tags: list[str], kind: str) -> None:
    import spacy
    from spacy.tokens import Doc

    from sitegen.annotate.subjects import classify_subject, subject_span, verb_subject

    verb = len(words) - 1
    heads = [i + 1 if i < verb - 1 else verb for i in range(len(words))]  # det → noun → verb
    deps = ["det" if i < verb - 1 else ("nsubj" if i < verb else "ROOT") for i in range(len(words))]
    doc = Doc(spacy.blank("en").vocab, words=words, tags=tags, heads=heads, deps=deps)
    subject = verb_subject(doc[verb])
    assert subject is not None and subject.i == verb - 1
    found, head = classify_subject(subject)
    assert found == kind
    start, end = subject_span(head, found)
    assert doc.text[start:end] == (" ".join(words[:-1]) if kind != "pronoun" else "he")


def test_a_parse_whose_root_is_the_noun_before_the_verb_ends() -> None:
    """“Great,” the man said, parsed with "man" as the root: the climb up the noun phrase
    stops there (spaCy hands out a new Token object each time, so the root is found by index)."""
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from sitegen.annotate.cues import cue_after
    from sitegen.annotate.quotemarks import QuotedSpan

    words = ["“", "Great", ",", "”", "the", "man", "said", "."]
    doc = Doc(Vocab(), words=words, spaces=[False, False, False, True, True, True, False, False],
              heads=[5, 5, 5, 5, 5, 5, 5, 5], deps=["punct", "intj", "punct", "punct", "det", "ROOT",
                                                    "acl", "punct"],
              tags=["``", "UH", ",", "''", "DT", "NN", "VBD", "."])
    attribution = cue_after(doc, QuotedSpan(0, 9), len(doc.text))
    assert attribution is not None and doc.text[attribution.speaker_start : attribution.speaker_end] \
        .endswith("man")

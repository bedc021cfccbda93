"""The mention passes on hand-made mentions and blank Docs (a tokenizer, no model)."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from sitegen.annotate.mentions import (
    PASSES,
    ArticleContext,
    drop_doubtful_people,
    drop_quoted_terms,
    is_titled,
    named_speakers,
    titled_names,
    trim_to_known_names,
    vote_people,
)
from sitegen.annotate.names import PERSON, NameSpan
from sitegen.annotate.royal_names import join_royal_given_names


@pytest.fixture(scope="module")
def blank() -> Language:
    return spacy.blank("en")


def article(blank: Language, text: str) -> ArticleContext:
    return ArticleContext(blank(text), text, [])


def mention(text: str, name: str, label: str, occurrence: int = 0) -> NameSpan:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(name, start + 1)
    return NameSpan(start, start + len(name), name, label)


def test_the_passes_run_in_their_documented_order() -> None:
    assert PASSES.index(titled_names) < PASSES.index(vote_people)  # votes see the titled names
    assert PASSES.index(named_speakers) < PASSES.index(drop_doubtful_people)  # speakers are kept
    assert PASSES[-1] is drop_doubtful_people


def test_an_honorific_makes_the_name_after_it_a_person(blank: Language) -> None:
    text = "Ms Lomax and Baroness Scotland spoke."
    wrong = mention(text, "Lomax", "ORG")
    fixed = titled_names(article(blank, text), [wrong])
    # A peerage title is part of the name: "Baroness Scotland", not "Scotland".
    assert fixed == [mention(text, "Lomax", PERSON), mention(text, "Baroness Scotland", PERSON)]


def test_a_full_name_tagged_a_person_once_is_a_person_everywhere(blank: Language) -> None:
    text = "Donald Trump spoke. Later Donald Trump left."
    mentions = [mention(text, "Donald Trump", PERSON), mention(text, "Donald Trump", "ORG", 1)]
    assert [m.label for m in vote_people(article(blank, text), mentions)] == [PERSON, PERSON]


def test_a_surname_makes_a_full_name_a_person_but_not_a_group_named_for_it(blank: Language) -> None:
    text = "Vincent Cable and Team Clinton met. Mr Cable and Clinton left."
    mentions = [mention(text, "Vincent Cable", "ORG"), mention(text, "Team Clinton", "ORG"),
                mention(text, "Cable", PERSON), mention(text, "Clinton", PERSON)]
    assert [m.label for m in vote_people(article(blank, text), mentions)] == [PERSON, "ORG", PERSON, PERSON]


def test_a_title_ending_in_a_surname_does_not_become_a_person(blank: Language) -> None:
    text = "Giuseppe Excommunicates Trump, the paper said. J. Paul Getty and Trump and Getty left."
    mentions = [mention(text, "Giuseppe Excommunicates Trump", "WORK_OF_ART"),
                mention(text, "J. Paul Getty", "ORG"), mention(text, "Trump", PERSON, 1),
                mention(text, "Getty", PERSON, 1)]
    labels = [m.label for m in vote_people(article(blank, text), mentions)]
    assert labels == ["WORK_OF_ART", PERSON, PERSON, PERSON]  # initials and given names lead a name
    text = "Novak Djokovic won. Djokovic smiled. Angry Jones, read a shirt; Jones is never angry."
    mentions = [mention(text, "Novak Djokovic", "ORG"), mention(text, "Djokovic", PERSON, 1),
                mention(text, "Angry Jones", "ORG"), mention(text, "Jones", PERSON, 1)]
    labels = [m.label for m in vote_people(article(blank, text), mentions)]
    assert labels == [PERSON, PERSON, "ORG", PERSON]  # a word the text writes in lower case is no name


def test_a_long_name_starting_with_a_person_of_the_article_is_that_person(blank: Language) -> None:
    text = "Chris Smith Address Budget Crisis. Then Chris Smith, Ann Lee Jones, Ann Lee and Bo Jones."
    mentions = [mention(text, "Chris Smith Address Budget Crisis", PERSON),
                mention(text, "Chris Smith", PERSON, 1), mention(text, "Ann Lee Jones", PERSON),
                mention(text, "Ann Lee", PERSON, 1), mention(text, "Bo Jones", PERSON)]
    trimmed = trim_to_known_names(article(blank, text), mentions)
    assert trimmed == [mention(text, "Chris Smith", PERSON), *mentions[1:]]


def test_a_one_word_name_tagged_once_each_way_is_no_person(blank: Language) -> None:
    text = "Balco said no. Balco denied it."
    mentions = [mention(text, "Balco", PERSON), mention(text, "Balco", "ORG", 1)]
    assert [m.label for m in vote_people(article(blank, text), mentions)] == ["ORG", "ORG"]


def test_a_title_vouches_for_a_one_word_person(blank: Language) -> None:
    text = "President Xi met them. Xi left. Then Hu met them. Hu left."
    mentions = [mention(text, "Xi", PERSON), mention(text, "Xi", "ORG", 1),
                mention(text, "Hu", PERSON), mention(text, "Hu", "ORG", 1)]
    labels = [m.label for m in vote_people(article(blank, text), mentions)]
    assert labels == [PERSON, PERSON, "ORG", "ORG"]  # the same votes, no title: no person


def test_a_justice_is_titled(blank: Language) -> None:
    text = "The late Justice Scalia wrote it."
    assert is_titled(text, mention(text, "Scalia", PERSON))  # it vouches for a person


def test_lone_one_word_people_need_support(blank: Language) -> None:
    text = "Tony Blair met Twitter and Blair met Mr Smith."
    mentions = [
        mention(text, "Tony Blair", PERSON), mention(text, "Twitter", PERSON),
        mention(text, "Blair", PERSON, 1), mention(text, "Smith", PERSON),
    ]
    kept = drop_doubtful_people(article(blank, text), mentions)
    assert [m.name for m in kept] == ["Tony Blair", "Blair", "Smith"]


def test_a_person_inside_a_quoted_term_is_dropped(blank: Language) -> None:
    text = "They called him ‘Mr Nasty’ and Nasty smiled."
    mentions = [mention(text, "Nasty", PERSON), mention(text, "Nasty", PERSON, 1)]
    kept = drop_quoted_terms(article(blank, text), mentions)
    assert kept == [mentions[1]]


def test_a_royal_title_and_given_name_is_the_full_name_after_the_same_title(blank: Language) -> None:
    text = ("Foreign Minister Prince Saud Al-Faisal spoke. Arab News quoted Prince Saud. "
            "Prince Charles met Charles Kennedy.")
    mentions = [mention(text, "Saud Al-Faisal", PERSON), mention(text, "Prince Saud", PERSON),
                mention(text, "Prince Charles", PERSON), mention(text, "Charles Kennedy", PERSON)]
    joined = join_royal_given_names(article(blank, text), mentions)
    assert [m.name for m in joined] == ["Saud Al-Faisal", "Saud Al-Faisal", "Prince Charles",
                                        "Charles Kennedy"]
    assert joined[1].start == mentions[1].start  # the mention keeps its place in the text
    assert PASSES.index(join_royal_given_names) > PASSES.index(trim_to_known_names)

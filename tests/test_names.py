"""Name cleaning and clustering: pure Python, no model."""

from __future__ import annotations

import pytest

from sitegen.annotate.names import (
    PERSON,
    FormKey,
    NameSpan,
    clean_name,
    cluster_mentions,
    is_person_name,
    name_key,
    reads_as_headline,
)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Chinese President Xi Jinping", "Xi Jinping"),
        ("President Xi", "Xi"),
        ("Mr Blair's", "Blair"),
        ("Prime Minister Tony Blair", "Tony Blair"),
        ("Tory Treasurer Lord Ashcroft", "Lord Ashcroft"),
        ("Lib Dem leader Charles Kennedy", "Charles Kennedy"),
        ("Russian Dmitriy Bogdanov", "Dmitriy Bogdanov"),
        ("Uncle Ossie", "Ossie"),
        ("Margaret Moran MP", "Margaret Moran"),
        ("Christian Olsson", "Christian Olsson"),
        ("Brian Adams", "Brian Adams"),
        ("Mark King", "Mark King"),
        ("former Tory Treasurer Lord", ""),
        ("Janet Jackson's '", "Janet Jackson"),
        # Words spaCy's span took in around the name (issue 14's examples).
        ("Briton Tim Abeyie", "Tim Abeyie"),
        ("Sprinter Michelle Collins", "Michelle Collins"),
        ("Scot Kathy Butler", "Kathy Butler"),
        ("Tory MP Ann Widdecombe", "Ann Widdecombe"),
        ("Luc Bondy for Cruel", "Luc Bondy"),
        ("Darren Campbell (Leicester", "Darren Campbell"),
        ("John Smith - moved", "John Smith"),
        ("― Jacklyn Ashley", "Jacklyn Ashley"),
        ('Robert C. "Bobby" Scott', "Robert C. Scott"),
        ('Robert C. "Bobby', "Robert"),
        ("Twitter @IanHanchett", ""),
        ("Image: John Smith", "John Smith"),
        ("Brown's Budget", "Brown"),
        ("Bill de Blasio", "Bill de Blasio"),
        ("Charles van Commenee", "Charles van Commenee"),
        ("Lady Thatcher", "Lady Thatcher"),
        ("Tory peer Lord Ashcroft", "Lord Ashcroft"),
        ("Daniel MaransFlagShareLikeReplyMari", "Daniel Marans"),
        ("Lord Chancellor", ""),  # an office, no name
        ("Olympian Tomlinson", "Tomlinson"),
        ("Ronald McDonald", "Ronald McDonald"),
        ("Ava DuVernay", "Ava DuVernay"),
        ("Kenteris'", "Kenteris"),
        ("Cardinal Cormac Murphy-O'Connor", "Cormac Murphy-O'Connor"),
        ("Hillary] Clinton", "Hillary Clinton"),  # an editor's brackets: "[Hillary] Clinton"
        ("[Bob] Corker", "Bob Corker"),
        ("Floridians Jeb Bush", "Jeb Bush"),  # "…and Floridians Jeb Bush and Marco Rubio"
        ("’s Jeb Bush", "Jeb Bush"),  # "That’s Jeb Bush" with "That" cut off
        ("Ahmed Helal/LinkedIn", "Ahmed Helal"),  # a picture credit run onto the name
        ("Samantha-Jo Roth/HuffPost", "Samantha-Jo Roth"),
        ("Facebook/Mohamed Mamdouh Assem", "Mohamed Mamdouh Assem"),
        ("Robert Galbraith /", "Robert Galbraith"),
    ],
)
def test_clean_person_names(text: str, name: str) -> None:
    assert clean_name(text, PERSON) == name


def test_clean_organisation_names() -> None:
    assert clean_name("the U.S.", "GPE") == "US"
    assert clean_name("Beijing's", "GPE") == "Beijing"
    assert clean_name("the World Bank", "ORG") == "World Bank"


def test_not_people() -> None:
    assert not is_person_name("Labour")
    assert not is_person_name("Lib Dems")
    assert not is_person_name("Oscar")
    assert not is_person_name("Dana Centre")
    assert not is_person_name("Trafalgar Square")
    assert not is_person_name("Alton Towers")
    assert not is_person_name("Johnson & Johnson")
    assert not is_person_name("Langlands & Bell")
    assert not is_person_name("Facebook/Mohamed Shoukair")  # an organisation's name, as cleaned
    assert is_person_name("Tony Blair")


def test_title_case_function_words_inside_a_name_are_a_headline() -> None:
    assert reads_as_headline("Marco Rubio Responds To Question")
    assert reads_as_headline("Trump Says The Wall")
    assert not reads_as_headline("Al From")  # the man who founded a council
    assert not reads_as_headline("Charles van Commenee")
    assert not reads_as_headline("Tony Blair")


def test_name_key() -> None:
    assert name_key("Xi Jinping") == "xi-jinping"
    assert name_key("Tom O'Neil") == "tom-o-neil"


def test_entities_of_one_article_never_share_a_key() -> None:
    # Two entities whose names give one slug (the model's "Linux" as an organisation and
    # as a place; "eBay" and "Ebay") once shared a key, so their mentions and a quote's
    # speaker_key could not say which one they meant.
    forms = [("Linux", "ORG"), ("Linux", "ORG"), ("Linux", "GPE"), ("Jordan", "GPE"),
             ("Jordan", "GPE"), ("Jordan", "PERSON"), ("eBay", "ORG"), ("Ebay", "ORG")]
    mentions = [NameSpan(i, i + 1, name, label) for i, (name, label) in enumerate(forms)]
    clusters = cluster_mentions(mentions)
    keys = {(m.name, m.label): clusters.key(clusters.of(m)) for m in mentions}
    assert keys[("Linux", "ORG")] == "linux" and keys[("Linux", "GPE")] == "linux-2"
    assert keys[("Jordan", "PERSON")] == "jordan" and keys[("Jordan", "GPE")] == "jordan-2"  # people first
    assert {keys[("eBay", "ORG")], keys[("Ebay", "ORG")]} == {"ebay", "ebay-2"}
    assert len(set(keys.values())) == len(keys)


def test_a_group_named_after_a_person_is_no_person() -> None:
    assert not is_person_name("Team Clinton") and is_person_name("Hillary Clinton")
    assert not is_person_name("Herne Hill Harriers")  # an athletics club
    assert not is_person_name("Right Wing Watch") and not is_person_name("Lives Matter")
    assert not is_person_name("The Blaze")


def test_a_surname_one_letter_off_joins_the_one_full_name_of_the_article() -> None:
    assert cluster_names([("Bernie Ebbers", "PERSON"), ("Ebber", "PERSON")])["Ebber"] == "Bernie Ebbers"
    names = cluster_names([("Bernie Ebbers", "PERSON"), ("Jim Ebbert", "PERSON"), ("Ebber", "PERSON")])
    assert names["Ebber"] == "Ebber"  # two people one letter off: no guess


def cluster_names(forms: list[tuple[str, str]]) -> dict[str, str]:
    mentions = [NameSpan(i, i + 1, name, label) for i, (name, label) in enumerate(forms)]
    clusters = cluster_mentions(mentions)
    return {m.name: clusters.of(m).name for m in mentions}


def test_short_forms_join_the_full_name() -> None:
    names = cluster_names(
        [("Xi Jinping", PERSON), ("Xi", PERSON), ("Donald Trump", PERSON), ("Trump", PERSON)]
    )
    assert names == {"Xi Jinping": "Xi Jinping", "Xi": "Xi Jinping", "Donald Trump": "Donald Trump",
                     "Trump": "Donald Trump"}


def test_a_one_word_name_is_a_surname_before_a_first_name_and_never_a_things() -> None:
    names = cluster_names([("Trump Tower", PERSON), ("Trump Tower", PERSON), ("Donald Trump", PERSON),
                           ("Trump", PERSON)])
    assert names["Trump"] == "Donald Trump"
    assert cluster_names([("Trump Tower", PERSON), ("Trump", PERSON)])["Trump"] == "Trump"
    assert cluster_names([("Hillary Clinton", PERSON), ("Hillary", PERSON)])["Hillary"] == "Hillary Clinton"


def test_same_surname_goes_to_the_most_mentioned() -> None:
    names = cluster_names(
        [("Tony Blair", PERSON), ("Blair", PERSON), ("Blair", PERSON), ("Ian Blair", PERSON),
         ("Tony Blair", PERSON)]
    )
    assert names["Blair"] == "Tony Blair"
    assert names["Ian Blair"] == "Ian Blair"


def test_acronym_joins_its_organisation() -> None:
    names = cluster_names([("South China Morning Post", "ORG"), ("SCMP", "ORG")])
    assert names["SCMP"] == "South China Morning Post"


def test_people_and_organisations_do_not_mix() -> None:
    names = cluster_names([("Ford", "ORG"), ("Harrison Ford", PERSON)])
    assert names["Ford"] == "Ford"


def test_clusters_are_keyed_by_label_and_form() -> None:
    ford_company, ford_person, ford_again = (
        NameSpan(0, 4, "Ford", "ORG"), NameSpan(10, 14, "Ford", PERSON), NameSpan(20, 24, "Ford", "ORG")
    )
    clusters = cluster_mentions([ford_company, ford_person, ford_again])
    assert clusters.of(ford_company) is clusters.of(ford_again)
    assert clusters.of(ford_company) is not clusters.of(ford_person)
    assert clusters.of(ford_company).forms == {"Ford": 2}
    assert FormKey.of(ford_company) == FormKey("ORG", "Ford") != FormKey.of(ford_person)
    with pytest.raises(KeyError):
        clusters.of(NameSpan(0, 4, "Ford", "GPE"))


def test_distinct_clusters_come_once_each_in_clustering_order() -> None:
    mentions = [NameSpan(i, i + 1, name, PERSON) for i, name in
                enumerate(["Blair", "Tony Blair", "Blair", "Gordon Brown", "Brown", "Kennedy"])]
    clusters = cluster_mentions(mentions)
    assert [(c.name, dict(c.forms)) for c in clusters.distinct()] == [
        ("Tony Blair", {"Tony Blair": 1, "Blair": 2}),
        ("Gordon Brown", {"Gordon Brown": 1, "Brown": 1}),
        ("Kennedy", {"Kennedy": 1}),
    ]

"""Which person names across the archive are one person (pure functions, no spaCy)."""

from __future__ import annotations

import pytest

from sitegen.archive.person_names import compatible, merge_person_names, one_edit_apart, parse_name


def merged(names: dict[str, list[int]], neighbours: dict[str, set[str]] | None = None) -> dict[str, str]:
    context = neighbours or {}
    return merge_person_names({n: set(a) for n, a in names.items()}, lambda n: context.get(n, set()))


@pytest.mark.parametrize(("a", "b"), [
    ("Donald J. Trump", "Donald Trump"), ("Hillary Rodham Clinton", "Hillary Clinton"),
    ("George W. Bush", "George Bush"), ("HIllary Clinton", "Hillary Clinton"),
    ("Charles van Commenee", "Charles Van Commenee"), ("Joseph R. Biden Jr.", "Joseph Biden"),
    ("Elijah E. Cummings", "Elijah Cummings"), ("José Smith", "Jose Smith"),
])
def test_middle_names_initials_capitals_and_accents_do_not_make_another_person(a: str, b: str) -> None:
    assert compatible(parse_name(a), parse_name(b)) == "same"
    assert merged({b: [1, 2, 3], a: [4]}) == {a: b}


@pytest.mark.parametrize(("a", "b"), [
    ("George W. Bush", "George H.W. Bush"), ("George Bush", "Jeb Bush"), ("Tony Blair", "Tony Blaire"),
    ("Lord Armstrong", "Bill Armstrong"), ("John Smith Jr.", "John Smith Sr."),
])
def test_names_that_contradict_each_other_are_two_people(a: str, b: str) -> None:
    assert compatible(parse_name(a), parse_name(b)) is None
    assert merged({a: [1, 2], b: [3]}) == {}


def test_a_form_that_fits_two_people_joins_only_a_far_more_prominent_one() -> None:
    people = {"George W. Bush": [1, 2, 3], "George H.W. Bush": [4, 5], "George Bush": [6]}
    assert merged(people) == {}
    people["George W. Bush"] = list(range(1, 7))
    people["George Bush"] = [7]
    assert merged(people) == {"George Bush": "George W. Bush"}


def test_a_plain_nickname_joins_the_only_person_of_that_surname_others_need_context() -> None:
    assert compatible(parse_name("Vince Cable"), parse_name("Vincent Cable")) == "nickname"
    assert merged({"Vincent Cable": [1, 2, 3], "Vince Cable": [4]}) == {"Vince Cable": "Vincent Cable"}
    # "Bill" may be William or Robert: it joins only with an article or company in common.
    names = {"William Hague": [1, 2], "Bill Hague": [3]}
    assert merged(names) == {}
    company = {"Iain Duncan Smith", "Ffion Hague"}
    assert merged(names, {"William Hague": company, "Bill Hague": company}) == {"Bill Hague": "William Hague"}
    assert merged({"William Hague": [1, 2], "Bill Hague": [2]}) == {"Bill Hague": "William Hague"}
    # With another Cable about, even a plain nickname needs context.
    assert merged({"Vincent Cable": [1, 2, 3], "Vince Cable": [4], "Jane Cable": [5]}) == {}


def test_a_misspelt_surname_joins_the_one_person_one_letter_away_with_context() -> None:
    assert one_edit_apart("campbell", "campell") and one_edit_apart("adera", "adere")
    assert not one_edit_apart("campbell", "campbell") and not one_edit_apart("smith", "smyth ")
    names = {"Darren Campbell": [1, 2, 3], "Darren Campell": [3]}
    assert merged(names) == {"Darren Campell": "Darren Campbell"}
    assert merged({"John Smith": [1, 2, 3], "John Smyth": [9]}) == {}  # a common name needs context
    assert merged({"John Smith": [1, 2, 3], "John Smyth": [3]}) == {"John Smyth": "John Smith"}
    # A rare first name makes the two one person even apart ("Berhane Adera", "Adere").
    assert merged({"Berhane Adera": [1], "Berhane Adere": [2]}) == {"Berhane Adere": "Berhane Adera"}
    rivals = {"Darren Campbell": [1, 2, 3], "Darren Cambell": [2, 4], "Darren Campell": [3]}
    assert "Darren Campell" not in merged(rivals)  # two people one letter away: no guess


def test_a_surname_alone_joins_the_dominant_person_but_a_peer_or_a_king_never() -> None:
    people = {"Tony Blair": [1, 2, 3, 4, 5, 6], "Cherie Blair": [7], "Blair": [8],
              "Lord Armstrong": [9], "Bill Armstrong": [10, 11, 12], "George III": [13],
              "George Osborne": [14, 15, 16]}
    assert merged(people) == {"Blair": "Tony Blair"}
    people["Euan Blair"] = [17, 18, 19]
    assert "Blair" not in merged(people)  # Tony Blair is no longer three times any other Blair


def test_a_surname_with_its_particle_is_a_surname_alone() -> None:
    assert merged({"Bill de Blasio": [1, 2], "De Blasio": [3], "Osama bin Laden": [4], "Bin Laden": [5]}) == {
        "De Blasio": "Bill de Blasio", "Bin Laden": "Osama bin Laden"}


def test_a_persons_two_surnames_alone_are_that_person() -> None:
    assert merged({"Catalina Sandino Moreno": [1, 2], "Sandino Moreno": [3]}) == {
        "Sandino Moreno": "Catalina Sandino Moreno"}


def roles_merged(names: dict[str, list[int]], roles: dict[str, set[str]]) -> dict[str, str]:
    return merge_person_names({n: set(a) for n, a in names.items()}, lambda n: set(),
                              roles=lambda n: frozenset(roles.get(n, ())))


def test_a_role_in_common_is_context_for_a_nickname_and_roles_that_differ_keep_one_apart() -> None:
    greenbergs = {"Stan Greenberg": [1, 2], "Stanley B. Greenberg": [3], "Anna Greenberg": [4]}
    assert roles_merged(greenbergs, {}) == {}  # two Greenbergs: a nickname needs context
    assert roles_merged(greenbergs, {"Stan Greenberg": {"pollster"}, "Stanley B. Greenberg": {"pollster"}}) \
        == {"Stanley B. Greenberg": "Stan Greenberg"}
    morrisons = {"Vince Morrison": [1, 2], "Vincent Morrison": [3]}
    assert roles_merged(morrisons, {}) == {"Vincent Morrison": "Vince Morrison"}  # a plain short form
    assert roles_merged(morrisons, {"Vince Morrison": {"director"}, "Vincent Morrison": {"actor"}}) == {}
    actors = {"Matt Morrison": [1], "Matthew Morrison": [2]}  # the same people named beside both
    roles = {"Matt Morrison": frozenset({"director"}), "Matthew Morrison": frozenset({"star"})}
    assert merge_person_names({n: set(a) for n, a in actors.items()}, lambda n: {"Ann Lee", "Bo Ray"},
                              roles=roles.__getitem__) == {}
    morrisons["Vince Morrison"] = list(range(1, 10))  # a prominent person is called many things
    assert roles_merged(morrisons, {"Vince Morrison": {"director"}, "Vincent Morrison": {"aide"}}) \
        == {"Vincent Morrison": "Vince Morrison"}


def test_a_first_name_one_letter_off_joins_the_only_other_of_that_surname_when_far_more_prominent() -> None:
    huma = {"Huma Abedin": list(range(1, 10)), "Human Abedin": [20]}
    assert merged(huma) == {"Human Abedin": "Huma Abedin"}
    assert merged({"Huma Abedin": [1, 2], "Human Abedin": [20]}) == {}  # not prominent enough to say
    assert merged({"Jon Smith": list(range(1, 10)), "Don Smith": [20], "Ann Smith": [30]}) == {}  # rivals
    assert merged({"Eric Garner": list(range(1, 10)), "Erica Garner": [20]}) == {}  # a given name of her own


def test_a_short_form_of_the_table_joins_the_only_person_it_fits_with_one_person_beside_both() -> None:
    def joined(names: dict[str, list[int]], beside: set[str]) -> dict[str, str]:
        return merge_person_names({n: set(a) for n, a in names.items()}, lambda n: beside)

    welds = {"Bill Weld": [1], "William Weld": [2], "Jo Weld": [3]}
    assert joined(welds, {"Gary Johnson"}) == {"William Weld": "Bill Weld"}
    assert joined(welds, set()) == {}  # no context at all


def test_a_middle_name_that_is_a_given_name_is_no_second_surname() -> None:
    assert merged({"Michael Patrick Leahy": [1, 2], "Patrick Leahy": [3]}) == {}

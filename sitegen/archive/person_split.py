"""One name, several people: a name whose articles describe people who cannot be one.

The archive joins the articles of one name ("Peter Hart"); most of the time they are one
person, but a common name in a large archive can belong to a pollster in one article and a
bank employee in another. The articles are split only when their evidence disagrees and
nothing ties them. The evidence of each article is what it calls the person, as fields of
life (``ROLE_FIELDS``: "film star" and "actor" are both the arts), and the rarer names it
mentions beside them. Articles that share a field or a name beside the person are one
person; groups of articles that each give roles, no field in common, are different people;
articles that say nothing stay with the person of the most articles (silence is no
evidence). A role of any field ("spokesman", "leader") tells nobody apart.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitegen.labels import PERSON

if TYPE_CHECKING:
    from sitegen.archive.personhood import Identity, Seen

# The walks of life a role belongs to: two articles whose roles share a field may be one
# person ("film star", "actor"); roles of different fields are different people ("pollster",
# "bank employee"). Roles of any field ("spokesman", "director", "leader") are not listed.
_FIELDS = {
    "politics": """senator congressman congresswoman lawmaker legislator governor mayor minister
        premier candidate nominee contender challenger incumbent frontrunner front-runner hopeful
        mp mep ambassador diplomat envoy commissioner surrogate operative strategist pollster donor
        campaigner activist lobbyist monarch king queen prince princess""",
    "business": """executive businessman businesswoman entrepreneur tycoon billionaire millionaire
        investor banker economist employee worker clerk""",
    "arts": """actor actress star singer songwriter rapper comedian presenter host musician artist
        producer writer author novelist playwright poet designer creator""",
    "media": """editor columnist journalist reporter broadcaster anchor moderator presenter host
        writer author""",
    "law": "judge magistrate lawyer barrister solicitor prosecutor attorney",
    "sport": """coach trainer player striker midfielder defender goalkeeper keeper captain champion
        athlete sprinter runner swimmer cyclist boxer golfer batsman bowler skipper olympian
        paralympian medallist medalist""",
    "learning": """professor academic researcher scientist historian scholar lecturer teacher
        student doctor surgeon physician""",
    "faith": "pope bishop priest cardinal archbishop vicar rabbi imam chaplain",
    "service": "officer soldier pilot nurse farmer mechanic electrician plumber engineer retiree",
}
ROLE_FIELDS: dict[str, frozenset[str]] = {}
for _field, _words in _FIELDS.items():
    for _word in _words.split():
        ROLE_FIELDS[_word] = ROLE_FIELDS.get(_word, frozenset()) | {_field}


def fields_of(descriptions: Iterable[str]) -> frozenset[str]:
    """The fields of the roles in a person's descriptions (as ``description_key`` gives them)."""
    return frozenset(field for text in descriptions for word in text.replace("’", "'").split()
                     for field in ROLE_FIELDS.get(word.strip(".,;:'\"").removesuffix("'s"), ()))


@dataclass(frozen=True)
class Appearance:
    """What one article says of a person: its roles and the rarer names it has beside them."""

    article: int
    fields: frozenset[str]  # ``fields_of`` its descriptions
    beside: frozenset[str]


def split_appearances(appearances: list[Appearance]) -> list[set[int]]:
    """The articles of one name grouped into people, the person of the most articles first.

    >>> pollster = Appearance(1, frozenset({"politics"}), frozenset({"Geoff Garin"}))
    >>> again = Appearance(2, frozenset(), frozenset({"Geoff Garin"}))
    >>> clerk = Appearance(3, frozenset({"business"}), frozenset({"LeBron James"}))
    >>> split_appearances([pollster, again, clerk])
    [{1, 2}, {3}]
    >>> split_appearances([pollster, Appearance(3, frozenset(), frozenset())])
    [{1, 3}]
    """
    parent = {a.article: a.article for a in appearances}

    def root(article: int) -> int:
        while parent[article] != article:
            parent[article] = parent[parent[article]]
            article = parent[article]
        return article

    by_clue: dict[tuple[str, str], int] = {}
    for appearance in appearances:
        clues = [("field", f) for f in appearance.fields] + [("name", n) for n in appearance.beside]
        for clue in clues:
            other = by_clue.setdefault(clue, appearance.article)
            parent[root(appearance.article)] = root(other)
    groups: dict[int, set[int]] = {}
    described: set[int] = set()
    for appearance in appearances:
        group = root(appearance.article)
        groups.setdefault(group, set()).add(appearance.article)
        if appearance.fields:
            described.add(group)
    if len(described) < 2:
        return [set(parent)]
    people = sorted((groups[g] for g in described), key=lambda g: (-len(g), min(g)))
    for group, articles in groups.items():
        if group not in described:
            people[0] |= articles  # silence is no evidence: the person of the most articles
    return people


def split_people(by_article: Mapping[tuple[Identity, int], Seen], local_names: list[dict[str, Identity]],
                 canonical_of: Mapping[Identity, Identity]) -> dict[tuple[Identity, int], int]:
    """Which person of its name each (identity, article) is, when a name is several people:
    1, 2… for the second, third… (the person of the most articles is 0 and left out).

    The names beside a person are those of few articles (at most a tenth of the archive, or
    3), as ``personhood`` counts context: the UK or Donald Trump is beside everybody.
    """
    articles_of: dict[Identity, set[int]] = defaultdict(set)
    for identity, article in by_article:
        articles_of[canonical_of[identity]].add(article)
    rare = max(3, len(local_names) // 10)
    fields: dict[Identity, dict[int, frozenset[str]]] = defaultdict(dict)  # person -> article -> fields
    for (identity, article), record in by_article.items():
        person = canonical_of[identity]
        if person[0] == PERSON and len(articles_of[person]) > 1:
            found = fields_of(record.descriptions)
            fields[person][article] = fields[person].get(article, frozenset()) | found
    number_of: dict[tuple[Identity, int], int] = {}
    for person, by in fields.items():
        if sum(1 for found in by.values() if found) < 2:
            continue  # fewer than two articles say who the person is: nothing to disagree
        appearances = [Appearance(article, found, frozenset(
            canonical_of[i][1] for i in local_names[article].values()
            if len(articles_of[canonical_of[i]]) <= rare and canonical_of[i] != person))
            for article, found in sorted(by.items())]
        for number, group in enumerate(split_appearances(appearances)[1:], start=1):
            number_of.update({(person, article): number for article in group})
    return {(identity, article): number_of[(canonical_of[identity], article)]
            for identity, article in by_article if (canonical_of[identity], article) in number_of}

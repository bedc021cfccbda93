"""Who the people of the archive are: which names are people, one page per person, who each is.

The annotate stage reads each article alone; one article's label for a name is the small
model's guess. Here the evidence of every article is weighed together:

* a name is a person when its mentions vouch for one (a title before it, a person noun
  beside it, a quote it speaks, a common given name) at least as often as they read as a
  thing ("the film Dirty Dancing", "Robey Warshaw, a firm"), and, when nothing vouches for
  it, when it is tagged something else elsewhere less often, in articles and in mentions
  ("Electronic Arts", tagged a person once and an organisation in five articles; "Brexit",
  a person in two articles and other things in two);
* the names of one person join (``person_names``), and one-word names that cannot say who
  they are get no page;
* a person's description is the role used most across the articles, with the article it
  comes from first; "character" or "fictional" in it marks a fictional person.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from sitegen.archive.person_names import is_given_name, parse_name, resolve_person_names
from sitegen.keys import slug
from sitegen.labels import PERSON, group_of
from sitegen.models import Entity

Identity = tuple[str, str]  # (merge group, name)
_DETERMINERS = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
TITLE_ALONE = 0.5  # the weight of a one-word title's vote among the descriptions of a person
RELATIVES = frozenset({"wife", "husband", "son", "daughter", "mother", "father", "brother", "sister",
                       "widow", "partner", "girlfriend", "boyfriend", "grandson", "granddaughter"})
_OF_SOMEONE = re.compile(r"^(?:his|her|its|their|my|our|your)\b")
_FICTIONAL = re.compile(r"\b(?:character|fictional|fictitious)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Description:
    """Who a person is, as the archive says it most, and the article that says it first."""

    text: str
    article: int  # index into the archive's articles
    fictional: bool = False


@dataclass(slots=True)
class Seen:
    """What the articles say of one (group, name)."""

    articles: set[int] = field(default_factory=set)
    forms: Counter[str] = field(default_factory=Counter)  # name form -> articles using it
    mentions: int = 0
    labels: Counter[str] = field(default_factory=Counter)  # label -> mentions
    vouched: int = 0
    doubted: Counter[str] = field(default_factory=Counter)  # label it reads as -> mentions
    descriptions: dict[str, Counter[str]] = field(default_factory=dict)  # key -> surface forms
    described_in: dict[str, int] = field(default_factory=dict)  # key -> first article

    def add(self, article: int, entity: Entity) -> None:
        """Count one article's entity."""
        # dict.get rather than Counter's += and update: this runs twice for every entity of
        # every article (a fifth of the archive stage's time at 10,000 articles).
        self.articles.add(article)
        self.mentions += entity.mentions
        labels, forms = self.labels, self.forms
        labels[entity.label] = labels.get(entity.label, 0) + entity.mentions
        forms[entity.name] = forms.get(entity.name, 0) + 1
        for form in entity.aliases:
            forms[form] = forms.get(form, 0) + 1
        self.vouched += entity.vouched
        if entity.doubted:
            self.doubted.update(dict(entity.doubted))
        for text in entity.descriptions:
            key = description_key(text)
            if key:
                self.descriptions.setdefault(key, Counter())[text] += 1
                self.described_in[key] = min(self.described_in.get(key, article), article)


@dataclass(frozen=True)
class People:
    """The archive's decisions about its people, as identities."""

    merged: dict[Identity, Identity]  # an identity -> the one it is a form of (or is, relabelled)
    unplaced: set[Identity]  # people who get no page
    labels: dict[Identity, Counter[str]]  # new labels of names that are not people
    descriptions: dict[Identity, Description]  # per canonical person


NOT_A_PERSON = "MISC"  # the label of a name the settings say is no person: one of the "other names"


def decide_people(seen: dict[Identity, Seen], local_names: list[dict[str, Identity]],
                  not_people: frozenset[str] = frozenset(),
                  different_people: tuple[frozenset[str], ...] = ()) -> People:
    """Join the forms of each person, turn names that are things into things, describe each.

    ``not_people`` (casefolded) are never people; each set of ``different_people`` holds
    names (casefolded) that are never one person.
    """
    people = {name: s.articles for (group, name), s in seen.items() if group == PERSON}
    neighbours = _context(seen, local_names, people)

    def apart(a: str, b: str) -> bool:
        return any(a.casefold() in group and b.casefold() in group for group in different_people)

    roles = {name: _roles(seen[(PERSON, name)]) for name in people}  # asked for each candidate
    names = resolve_person_names(people, neighbours,
                                 lambda name: _described_as_relative(seen[(PERSON, name)]), apart,
                                 roles.__getitem__)
    merged = {(PERSON, name): (PERSON, _final(names.merged, name)) for name in names.merged}
    members: dict[Identity, list[Identity]] = {}
    for identity in (i for i in seen if i[0] == PERSON):
        members.setdefault(merged.get(identity, identity), []).append(identity)
    labels: dict[Identity, Counter[str]] = {}
    descriptions: dict[Identity, Description] = {}
    other_articles = _articles_by_other_group(seen)
    for canonical, forms in members.items():
        records = [seen[f] for f in forms]
        said_not = any(form.casefold() in not_people for record in records for form in record.forms)
        thing = NOT_A_PERSON if said_not else _thing_label(canonical, records, other_articles)
        if thing is None:
            description = describe(records)
            if description is not None:
                descriptions[canonical] = description
            continue
        for form in forms:
            merged[form] = (group_of(thing), canonical[1])
            labels[form] = Counter({thing: seen[form].mentions})
    return People(merged, {(PERSON, name) for name in names.unplaced}, labels, descriptions)


def _context(seen: dict[Identity, Seen], local_names: list[dict[str, Identity]],
             people: dict[str, set[int]]) -> Callable[[str], set[str]]:
    """The names a person's articles name beside them: what tells two forms share a context.

    Only names of few articles count (at most a tenth of the archive, or 3): the UK or the
    BBC is beside everybody.
    """
    limit = max(3, len(local_names) // 10)
    rare = {identity for identity, record in seen.items() if len(record.articles) <= limit}
    named_in: dict[int, set[str]] = {}  # filled as asked: few articles are ever asked about

    def names_in(index: int) -> set[str]:
        if index not in named_in:
            named_in[index] = {identity[1] for identity in local_names[index].values() if identity in rare}
        return named_in[index]

    def neighbours(name: str) -> set[str]:
        return set().union(*(names_in(index) for index in people[name])) - {name}

    return neighbours


def _roles(record: Seen) -> frozenset[str]:
    """The head nouns of what the articles call the person ("a Democratic pollster" →
    pollster; "the president of Teamsters" → president), relatives left out."""
    heads = set()
    for key in record.descriptions:
        words = _OF_PHRASE.split(key, maxsplit=1)[0].split()
        if words and words[-1].isalpha() and words[-1] not in RELATIVES:
            heads.add(words[-1])
    return frozenset(heads)


_OF_PHRASE = re.compile(r"\s(?:of|for|at|in|from|with|to)\s")


def _described_as_relative(record: Seen) -> bool:
    """Whether the articles introduce the person as somebody's relative ("his wife")."""
    return any(set(key.split()) & RELATIVES for key in record.descriptions)


def _final(merged: dict[str, str], name: str) -> str:
    """The form a chain of forms ends at (a misspelling of a form of another)."""
    steps = 0
    while name in merged and steps < len(merged):
        name, steps = merged[name], steps + 1
    return name


def _articles_by_other_group(seen: dict[Identity, Seen]) -> Callable[[str], tuple[int, Counter[str]]]:
    """For a name's slug: the articles where it is tagged anything but a person, and the labels."""
    by_slug: dict[str, list[Seen]] = {}
    for (group, name), record in seen.items():
        if group != PERSON:
            by_slug.setdefault(slug(name), []).append(record)

    def lookup(name: str) -> tuple[int, Counter[str]]:
        records = by_slug.get(slug(name), [])
        labels: Counter[str] = Counter()
        for record in records:
            labels.update(record.labels)
        return len(set().union(*(r.articles for r in records))) if records else 0, labels

    return lookup


def _thing_label(canonical: Identity, forms: list[Seen],
                 other_articles: Callable[[str], tuple[int, Counter[str]]]) -> str | None:
    """The label a "person" really has when the evidence says it is no person, else None."""
    name = canonical[1]
    # Points (``annotate.people``): a mention that plainly says so is 2, a hint 1; a given
    # name vouches like a hint ("Stephen Rea", listed beside an "Adrian Dunbar" the model
    # took for an organisation) but not like the text ("external auditors Arthur Andersen").
    vouched = sum(s.vouched for s in forms) + (1 if _has_given_name(name) else 0)
    doubted: Counter[str] = Counter()
    for record in forms:
        doubted.update(record.doubted)
    if doubted and sum(doubted.values()) > vouched:
        return doubted.most_common(1)[0][0]
    if vouched:
        return None
    # Nothing vouches for a person: the model's label is a guess in each article, so the other
    # labels of the name win a tie, counted in articles ("Brexit": a person in two, a place, an
    # organisation and a work in two others) or in mentions ("Yukos").
    articles = len(set().union(*(s.articles for s in forms)))
    mentions = sum(s.mentions for s in forms)
    for form in (name, *_singulars(name)):  # "Xboxes" where "Xbox" is a product
        elsewhere, labels = other_articles(form)
        if elsewhere and (elsewhere >= articles or labels.total() >= mentions):
            return labels.most_common(1)[0][0]
    return None


def _singulars(name: str) -> list[str]:
    """The name with its last word made singular, in the ways English would ("Xboxes" → "Xbox")."""
    head, _, last = name.rpartition(" ")
    forms = [last[:-2]] if last.endswith("es") else []
    forms += [last[:-1]] if last.endswith("s") and not last.endswith("ss") else []
    return [f"{head} {form}".strip() for form in forms if len(form) >= 2]


def _has_given_name(name: str) -> bool:
    parsed = parse_name(name)
    return parsed.full and is_given_name(parsed.first)


def describe(forms: list[Seen]) -> Description | None:
    """The description most articles give (ties: the one given first), as most often written;
    a title alone counts half."""
    votes: dict[str, float] = {}
    surfaces: dict[str, Counter[str]] = {}
    first: dict[str, int] = {}
    for record in forms:
        for key, written in record.descriptions.items():
            weight = TITLE_ALONE if _title_alone(written) else 1.0
            votes[key] = votes.get(key, 0.0) + sum(written.values()) * weight
            surfaces.setdefault(key, Counter()).update(written)
            first[key] = min(first.get(key, record.described_in[key]), record.described_in[key])
    # "his wife", "its star": true, but said of someone the page does not name.
    votes = {k: n for k, n in votes.items() if not _OF_SOMEONE.match(k)}
    if not votes:
        return None
    key = min(votes, key=lambda k: (-votes[k], first[k], k))
    text = surfaces[key].most_common(1)[0][0]
    return Description(text, first[key], bool(_FICTIONAL.search(text)))


def _title_alone(written: Counter[str]) -> bool:
    """A capitalised word on its own ("Secretary" of "Secretary Clinton"): how the text
    addresses someone more than who they are."""
    text = written.most_common(1)[0][0]
    return " " not in text.strip() and text[:1].isupper()


def description_key(text: str) -> str:
    """What two descriptions share when they say the same ("The prime minister" = "prime minister")."""
    return " ".join(_DETERMINERS.sub("", text.strip()).casefold().split())

"""Normalise entity names and join the forms of one entity within an article.

Pure Python on plain mentions, so it is testable without spaCy: "President Xi",
"Xi" and "Xi Jinping" become one person named "Xi Jinping".
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import NamedTuple

from sitegen.annotate.lexicon import (
    CREDIT_WORDS,
    DEMONYMS,
    NATIONALITIES,
    NOT_PEOPLE,
    ORGANISATION_WORDS,
    ROLE_PREFIXES,
    THING_NOUNS,
    TITLES,
    alternation,
    is_person_word,
)
from sitegen.keys import NAME_PARTICLES, NAME_TITLES, name_words, one_edit_apart, slug, unique_key
from sitegen.labels import PERSON

_TITLE_WORDS = alternation(TITLES)
# Titles before a name, maybe after a nationality-like adjective ("Chinese President").
_TITLE_PATTERN = re.compile(
    r"^(?:(?:[A-Z][a-z]+(?:ese|ian|an|ish|ch|i)\s+)?(?:" + _TITLE_WORDS + r")\.?\s+)+",
    re.IGNORECASE,
)
# A title inside a mention ("Tory Treasurer Lord Ashcroft", "Lib Dem leader Charles Kennedy"):
# everything up to the last title word before the name goes.
_INNER_TITLE = re.compile(r"^.*?\b(?:" + _TITLE_WORDS + r")\.?\s+(?=[A-Z])", re.IGNORECASE)
_NATIONALITY = re.compile(r"^(?:" + alternation(NATIONALITIES) + r")\s+(?=[A-Z][\w'’-]+\s+[A-Z])")
_TRAILING_POST = re.compile(r"\s+(?:MP|MEP|MSP|AM|QC|KC|Jr|Snr|Sr)\.?$")
_PEER = re.compile(r"\b(?:" + alternation(title.title() for title in NAME_TITLES) + r")\s+[A-Z][\w'’-]+$")
_INNER_POSSESSIVE = re.compile(r"['’]s\s")
_CUT = re.compile(r"\s*(?:\(|\s[-–—|/]\s)")
_QUOTE_MARKS = frozenset("\"“”")
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_POSSESSIVE_TAIL = re.compile(r"^['’]?s\s+")  # what is left of "That’s" when "That" is cut off
_LEADING_ARTICLE = re.compile(r"^the\s+", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_DOTTED_ABBREVIATION = re.compile(r"^(?:[A-Z]\.){2,}[A-Z]?\.?$|^(?:[A-Z]\.)+[A-Z]$")


@dataclass(frozen=True)
class NameSpan:
    """An entity mention: its span, its cleaned name and label."""

    start: int
    end: int
    name: str
    label: str


def clean_name(text: str, label: str) -> str:
    """Drop titles, possessives, a leading 'the' and stray punctuation from a mention."""
    name = _SPACES.sub(" ", text).strip(" \t\n,;:!?\"“”‘’()[]")
    previous = None
    while previous != name:  # "Janet Jackson's '": a quote mark after the possessive
        previous = name
        name = _POSSESSIVE.sub("", name).rstrip(" '")
    if label == PERSON:
        name = _tidy_person(name.replace("[", "").replace("]", ""))  # "[Hillary] Clinton"
        peer = _PEER.search(name)
        if peer:
            if peer.group(0).split()[1].lower() in TITLES:
                return ""  # "Lord Chancellor", "Lord Mayor": an office, no name
            return peer.group(0)  # "(Tory peer) Lord Ashcroft": the title is part of the name
        previous = None
        while previous != name:
            previous = name
            name = _INNER_TITLE.sub("", _TITLE_PATTERN.sub("", name))
        name = _NATIONALITY.sub("", name)
        name = _TRAILING_POST.sub("", name)
        name = _name_alone(name)
        if name.lower().strip(" .") in TITLES:
            return ""  # "former Tory Treasurer Lord": a title with its name cut off
    else:
        name = _LEADING_ARTICLE.sub("", name)
        if _DOTTED_ABBREVIATION.match(name):
            name = name.replace(".", "")  # "U.S." and "US" are one place
    return name.strip(" ,.;:-")


def _tidy_person(name: str) -> str:
    """A person's name without the words spaCy's span took in around it.

    Leading dashes or bullets ("― Jacklyn Ashley"), a possession ("Brown's Budget" →
    "Brown"), a nickname fragment in quote marks ('Robert C. "Bobby'), a handle or a picture
    credit ("Twitter @IanHanchett", "Image: …": no name at all), and whatever follows a
    bracket or a dash.
    """
    name = _POSSESSIVE_TAIL.sub("", name.lstrip("―—–-•*·|/ "))  # "(That)’s Jeb Bush"
    name = _INNER_POSSESSIVE.split(name, maxsplit=1)[0]
    name = _CUT.split(name, maxsplit=1)[0]
    name = _without_credit(name)
    words = [word for word in name.split() if not (set(word) & _QUOTE_MARKS) and "@" not in word]
    while words and words[0].lower().rstrip(":") in CREDIT_WORDS:
        words.pop(0)
    for index, word in enumerate(words):
        if sum(letter.isupper() for letter in word[1:]) >= 3:  # "MaransFlagShareLikeReply…"
            words = [*words[:index], _first_word_of(word)]
            break
    return " ".join(words)


def _without_credit(name: str) -> str:
    """A picture credit's source on either side of a slash goes ("Ahmed Helal/LinkedIn",
    "Facebook/Mohamed Shoukair", "Robert Galbraith /" of "/ Reuters"): the name is the part
    of more words."""
    return max(name.split("/"), key=lambda part: len(part.split())).strip()


def _first_word_of(fused: str) -> str:
    """The first of several words run together ("MaransFlagShare" → "Marans")."""
    for index in range(1, len(fused)):
        if fused[index].isupper() and fused[index - 1].islower():
            return fused[:index]
    return fused


def _name_alone(name: str) -> str:
    """The name without a role or nation before it ("Sprinter Michelle Collins", "Briton Tim
    Abeyie"), what follows a lower-case word that is no name particle ("Luc Bondy for Cruel"),
    or an initial it was cut off after ("Robert C.")."""
    words = name.split()
    if (len(words) >= 3 and (words[0] in DEMONYMS or is_person_word(words[0].lower())
                             or _plural_demonym(words[0]))) or \
            (len(words) == 2 and words[0] in ROLE_PREFIXES):  # "Olympian Tomlinson"
        words = words[1:]
    for index, word in enumerate(words[1:], start=1):
        if word[:1].islower() and word.lower() not in NAME_PARTICLES:
            words = words[:index]
            break
    if len(words) > 1 and len(words[-1]) == 2 and words[-1].endswith("."):
        words.pop()  # an initial with nothing after it (but "Malcolm X" is a name)
    return " ".join(words)


def _plural_demonym(word: str) -> bool:
    """"Floridians", "Texans" (of "Floridians Jeb Bush and Marco Rubio"): no first name is a
    plural of people from a place ("Hans" and "Evans" are too short)."""
    return len(word) >= 6 and word.endswith("ans") and word[:1].isupper()


def is_person_name(name: str) -> bool:
    """Whether a cleaned PERSON name can be a person's: not a party, award or organisation."""
    words = name.lower().split()
    return bool(words) and name.lower() not in NOT_PEOPLE and words[-1] not in ORGANISATION_WORDS \
        and words[0] not in _GROUP_WORDS and not (words[0] == "the" and len(words) > 1) \
        and not {"&", "/"} & set(name)  # "The Blaze"; "Johnson & Johnson"; "Facebook/…", a credit


_GROUP_WORDS = frozenset({"team", "camp"})  # "Team Clinton", "Team GB": a group, not its leader
# Words a name never holds in title case but a headline does ("Marco Rubio Responds To Question").
_HEADLINE_WORDS = frozenset({"To", "On", "In", "At", "For", "With", "And", "The", "Of", "Is", "Are",
                             "Says", "Over", "After", "Into"})


def reads_as_headline(name: str) -> bool:
    """Whether a person "name" is words of a headline in title case: a function word past its
    first word and before its last ("Al From", the man who founded a council, stays a name)."""
    return any(word in _HEADLINE_WORDS for word in name.split()[1:-1])


def name_key(name: str) -> str:
    """The canonical entity's key: the slug of its name ("Xi Jinping" → "xi-jinping")."""
    return slug(name, "unnamed")


def _initials(name: str) -> str:
    return "".join(word[0] for word in name.split() if word[:1].isupper())


@dataclass
class Cluster:
    """The forms of one entity seen in one article."""

    label: str
    forms: Counter[str]

    @property
    def name(self) -> str:
        """The fullest common form: most words (a peerage title not counted), then most
        frequent, then alphabetical."""
        return max(self.forms, key=lambda f: (len(name_words(f)), self.forms[f], f))

    @property
    def mentions(self) -> int:
        """How many mentions the entity has in the article, all forms together."""
        return sum(self.forms.values())


class FormKey(NamedTuple):
    """What identifies a mention's form within an article: its label and cleaned name."""

    label: str
    form: str

    @classmethod
    def of(cls, mention: NameSpan) -> FormKey:
        """The key of a mention's form."""
        return cls(mention.label, mention.name)


class Clusters:
    """One article's entities: the cluster each form (label and name) belongs to."""

    def __init__(self, by_form: dict[FormKey, Cluster]) -> None:
        self._by_form = by_form
        self._keys: dict[int, str] | None = None

    def of(self, mention: NameSpan) -> Cluster:
        """The cluster of a mention's form (every mention clustered has one)."""
        return self._by_form[FormKey.of(mention)]

    def distinct(self) -> list[Cluster]:
        """Each cluster once, in the order its first form was clustered."""
        return list({id(cluster): cluster for cluster in self._by_form.values()}.values())

    def key(self, cluster: Cluster) -> str:
        """The entity's key in this article: the slug of its name, unique among the article's
        entities ("Linux" the organisation and "Linux" the place are "linux" and "linux-2";
        people, then the most mentioned, claim the plain slug first)."""
        if self._keys is None:
            taken: set[str] = set()
            self._keys = {id(c): unique_key(name_key(c.name), taken) for c in self.ranked()}
        return self._keys[id(cluster)]

    def ranked(self) -> list[Cluster]:
        """Each cluster once: people first, then the most mentioned, then by name."""
        return sorted(self.distinct(), key=lambda c: (c.label != PERSON, -c.mentions, c.name))


def cluster_mentions(mentions: list[NameSpan]) -> Clusters:
    """Group one article's mentions into entities.

    A one-word person form joins the full name it is the first or last word of
    (the most mentioned if several); an all-capitals form joins the name it
    abbreviates ("SCMP" → "South China Morning Post"); other forms stand alone.
    """
    by_form: dict[FormKey, Cluster] = {}
    full_forms: list[FormKey] = []
    counts = Counter(FormKey.of(m) for m in mentions)
    # Longest first; of one length, a peer's form before the bare surname that may join it.
    for key, count in sorted(counts.items(),
                             key=lambda kv: (-len(name_words(kv[0].form)), -len(kv[0].form.split()))):
        target = _join_target(key, full_forms, counts)
        if target is not None:
            cluster = by_form[target]
            cluster.forms[key.form] += count
        else:
            cluster = Cluster(key.label, Counter({key.form: count}))
            full_forms.append(key)
        by_form[key] = cluster
    return Clusters(by_form)


def _part_of(words: list[str], full_words: list[str]) -> bool:
    """Whether a shorter name is the end of a full one ("Blair", "Van Doren Stern"), its first
    name, or one of the surnames of a long one ("Sada" of "Carlos Manuel Sada Solana")."""
    if words == full_words[-len(words):] or (len(words) == 1 and words[0] == full_words[0]):
        return True
    return len(words) == 1 and len(full_words) >= 4 and words[0] in full_words[2:]


def _join_target(key: FormKey, full_forms: list[FormKey], counts: Counter[FormKey]) -> FormKey | None:
    label, form = key
    words = [word.casefold() for word in name_words(form)]  # "Van Doren Stern", "Philip van Doren Stern"
    if label == PERSON and len(words) < len(form.split()):
        return None  # "Lord Armstrong" is not "Bill Armstrong" on the surname alone
    candidates: list[FormKey] = []
    for full_key in full_forms:
        full_label, full = full_key
        if full == form or (full_label == PERSON) != (label == PERSON):
            continue
        full_words = [word.casefold() for word in name_words(full)]
        shorter = len(words) < len(full_words) or len(form.split()) < len(full.split())
        person_form = label == PERSON and shorter and _part_of(words, full_words)
        acronym = label != PERSON and form.isupper() and len(form) >= 2 and _initials(full) == form
        if person_form or acronym:
            candidates.append(full_key)
    if not candidates and label == PERSON and len(words) == 1 and len(words[0]) >= 5:
        # "Mr Ebber" beside "Bernie Ebbers": one letter off the surname of one person only.
        near = [full for full in full_forms if full.label == PERSON and len(full.form.split()) > 1
                and one_edit_apart(words[0], full.form.split()[-1].casefold())]
        candidates = near if len(near) == 1 else []
    if label == PERSON and len(words) == 1:
        candidates = _as_surname_first(words[0], candidates)
    if not candidates:
        return None
    return max(candidates, key=lambda c: (counts[c], -full_forms.index(c)))


def _as_surname_first(word: str, candidates: list[FormKey]) -> list[FormKey]:
    """The full names a one-word person form can join, read as a surname before a first name:
    "Trump" beside "Donald Trump" and a "Trump Tower" the model took for a person is Donald
    Trump; a name that only starts with the word and ends in a thing's word ("Tower",
    "Hotel", "Centre") is no person whose first name it could be."""
    surname = [c for c in candidates if name_words(c.form)[-1].casefold() == word]
    if surname:
        return surname
    return [c for c in candidates if not _ends_in_a_thing(c.form)]


def _ends_in_a_thing(name: str) -> bool:
    last = name.split()[-1].casefold()
    return last in THING_NOUNS or last in ORGANISATION_WORDS

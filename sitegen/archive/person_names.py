"""Which person names across the archive name one person: "Donald J. Trump" is Donald Trump.

The forms a person is given differ from article to article: middle names and initials
("Hillary Rodham Clinton", "Joseph R. Biden"), short forms and nicknames ("Vince" and
"Vincent Cable"), capitals ("HIllary", "Van Commenee"), a misspelt surname ("Campell"),
or the surname alone ("Blair"). Two full names are one person when their surnames are
the same, their first names agree (equal, one an initial of the other, or one a
nickname of the other) and their middle names and suffixes do not contradict each
other ("George W. Bush" and "George H.W. Bush" do). A form that fits two people who
contradict each other joins neither unless one is far more prominent: never a guess.
A nickname or a misspelling joins only with context as well: the two forms share an
article, or two of the people named beside them.

Names with a peerage title ("Lord Armstrong") are a form of their own: they never join
a full name ("Bill Armstrong") on the surname alone.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache

from sitegen.keys import NAME_PARTICLES, NAME_TITLES, is_given_name, nick_namer, one_edit_apart, slug

# A one-word name, or a form fitting several people, joins a person only when that person
# is this much more prominent than every other it could belong to.
DOMINANCE = 3
SHARED_CONTEXT = 2  # people named beside both forms, for a nickname or misspelling to join
_SUFFIXES = frozenset({"jr", "sr", "snr", "ii", "iii", "iv"})


@dataclass(frozen=True)
class ParsedName:
    """A person's name in parts, each part as a slug (lower case ASCII)."""

    first: str
    middles: tuple[str, ...]
    last: str
    suffix: str = ""
    peer: bool = False  # "Lord Armstrong": a title that is part of the name

    @property
    def initials(self) -> tuple[str, ...]:
        """The middle names as initials ("Rodham" → "r", "H.W." → "h", "w")."""
        return tuple(part[0] for middle in self.middles for part in middle.split("-") if part)

    @property
    def full(self) -> bool:
        """Whether the name has a first name and a surname."""
        return bool(self.first and self.last)


@lru_cache(maxsize=65536)  # the same names recur in every build of a live preview
def parse_name(name: str) -> ParsedName:
    """Split a cleaned person name into first name, middle names, surname and suffix.

    >>> parse_name("Hillary Rodham Clinton")
    ParsedName(first='hillary', middles=('rodham',), last='clinton', suffix='', peer=False)
    >>> parse_name("Bill de Blasio").last, parse_name("George H.W. Bush").initials
    ('de-blasio', ('h', 'w'))
    """
    words = name.replace(".", ". ").replace("’", "'").split()  # "O’Reilly" is "O'Reilly"
    suffix = ""
    if len(words) > 1 and words[-1].rstrip(".").lower() in _SUFFIXES:
        suffix = words.pop().rstrip(".").lower()
    if len(words) == 2 and words[0].lower() in NAME_TITLES:
        return ParsedName("", (), slug(words[1]), suffix, peer=True)
    if len(words) == 1 or (len(words) == 2 and words[0].lower() in NAME_PARTICLES):
        return ParsedName("", (), slug(" ".join(words)), suffix)  # "Blair", "De Blasio"
    last_start = len(words) - 1
    while last_start > 1 and words[last_start - 1].lower() in NAME_PARTICLES:
        last_start -= 1
    middles = tuple(slug(word) for word in words[1:last_start] if slug(word))
    return ParsedName(slug(words[0]), middles, slug(" ".join(words[last_start:])), suffix)


@cache
def _nicknames() -> Callable[[str], frozenset[str]]:
    namer = nick_namer()

    @lru_cache(maxsize=8192)
    def equivalents(first: str) -> frozenset[str]:
        return frozenset(namer.nicknames_of(first) | namer.canonicals_of(first))

    return equivalents


def first_names_agree(a: str, b: str) -> str | None:
    """How two first names agree: "same", "initial" ("g" and "george"), "nickname" (a short form
    of the nickname table, or the first letters of a given name), or None."""
    if a == b:
        return "same"
    if len(a) == 1 or len(b) == 1:
        return "initial" if a[0] == b[0] else None
    if b in _nicknames()(a) or a in _nicknames()(b):
        return "nickname"
    short, long = sorted((a, b), key=len)
    if len(short) >= 3 and len(long) >= len(short) + 2 and long.startswith(short):
        return "nickname"  # a short form the table lacks: "Stan" of Stanley (joins with context)
    return None


def compatible(a: ParsedName, b: ParsedName) -> str | None:
    """Whether two full names can be one person, and how: "same", "initial", "nickname"."""
    if not (a.full and b.full) or a.peer or b.peer or a.last != b.last:
        return None
    if a.suffix and b.suffix and a.suffix != b.suffix:
        return None
    if a.initials and b.initials and a.initials != b.initials:
        return None
    return first_names_agree(a.first, b.first)


@dataclass
class _Person:
    """The forms found to be one person so far, the first being the most prominent."""

    forms: list[str]
    parsed: list[ParsedName]
    articles: set[int]

    def fits(self, name: ParsedName) -> str | None:
        """How ``name`` fits every form of this person (the weakest way), or None."""
        ways = [compatible(name, other) for other in self.parsed]
        if not all(ways):
            return None
        return "nickname" if "nickname" in ways else "initial" if "initial" in ways else "same"


@dataclass(frozen=True)
class PeopleNames:
    """What the archive's person names are: forms of others, or names of nobody in particular."""

    merged: dict[str, str]  # a form -> the most used form of the same person
    unplaced: frozenset[str]  # one-word names that cannot say which person they are


def resolve_person_names(
    articles_of: Mapping[str, set[int]], neighbours: Callable[[str], set[str]],
    relatives: Callable[[str], bool] = lambda name: False,
    apart: Callable[[str, str], bool] = lambda a, b: False,
    roles: Callable[[str], frozenset[str]] = lambda name: frozenset(),
) -> PeopleNames:
    """Which names are forms of another person's, and which one-word names are nobody's.

    A one-word name that joins no full name is a person of its own ("Shakespeare",
    "Raphael") unless it is a word of some full name of the archive ("Smith", that several
    Smiths could be; "Michelle", the first name of a Michelle Obama it may or may not be), or
    a given name the articles give for a relative ("his wife Sheila", ``relatives``).
    ``apart(a, b)`` says two names are never one person (the ``different_people`` setting);
    ``roles(name)`` gives the head nouns of what the articles call the person ("pollster").
    """
    merged = merge_person_names(articles_of, neighbours, apart, roles)
    parsed = {name: parse_name(name) for name in articles_of}
    words = {part for name in parsed.values() if name.full for part in (name.first, name.last)}

    def nobody(name: str) -> bool:
        single = parsed[name]
        return not (single.full or single.peer or single.suffix) and (
            single.last in words or (is_given_name(single.last) and relatives(name)))

    return PeopleNames(merged, frozenset(name for name in articles_of if name not in merged and nobody(name)))


def merge_person_names(
    articles_of: Mapping[str, set[int]], neighbours: Callable[[str], set[str]],
    apart: Callable[[str, str], bool] = lambda a, b: False,
    roles: Callable[[str], frozenset[str]] = lambda name: frozenset(),
) -> dict[str, str]:
    """Each person name that is a form of another, mapped to that other (the most used form).

    ``articles_of`` gives the articles of each name; ``neighbours(name)`` the other people
    named in those articles, the context that lets a nickname or a misspelling join; ``roles``
    what the articles call each one: a role in common is context too, roles that differ
    keep a short first name from joining on its own ("Matt Morrison" the strategist is not
    "Matthew Morrison" the actor).
    """
    context = _Context(articles_of, neighbours, roles)
    names = sorted(articles_of, key=lambda n: (-len(articles_of[n]), n))
    people: list[_Person] = []
    by_last: dict[str, list[_Person]] = {}
    merged: dict[str, str] = {}
    for name in names:
        parsed = parse_name(name)
        if not parsed.full:
            continue
        candidates = [person for person in by_last.get(parsed.last, [])
                      if not any(apart(name, form) for form in person.forms)]
        target = _best_fit(name, parsed, candidates, context)
        if target is None:
            person = _Person([name], [parsed], set(articles_of[name]))
            people.append(person)
            by_last.setdefault(parsed.last, []).append(person)
        else:
            target.forms.append(name)
            target.parsed.append(parsed)
            target.articles |= articles_of[name]
            merged[name] = target.forms[0]
    merged |= _misspelt(people, by_last, neighbours)
    merged |= _misspelt_first_names(people, by_last, merged)
    merged |= _short_names(names, people, merged)
    return {form: target for form, target in merged.items() if not apart(form, target)}


def _best_fit(name: str, parsed: ParsedName, candidates: list[_Person], context: _Context) -> _Person | None:
    """The person a full name is a form of: the one it fits, or the dominant of several."""
    fitting = []
    ways = [(person, person.fits(parsed)) for person in candidates]
    alone = sum(1 for _, way in ways if way) == 1  # the only one of the surname the name fits
    for person, way in ways:
        differ = context.roles_differ(name, person.forms[0])
        plain = len(candidates) == 1 and _plain_nickname(parsed.first, person.parsed[0].first)
        # A short form of the table ("Bill" of William, "Ted" of Edward) for the only person
        # it fits needs one person beside both, not two.
        needed = 1 if alone and _table_nickname(parsed.first, person.parsed[0].first) else SHARED_CONTEXT
        # Roles that differ outweigh the people named beside both: in an archive about one
        # election everyone shares company ("Matt Morrison" the strategist, "Matthew Morrison"
        # the actor, both in articles naming the same candidates).
        if way == "nickname" and (differ or not (plain or context.shared(name, person.forms[0], needed))):
            continue
        if way is not None:
            fitting.append(person)
    if not fitting and not parsed.middles and not is_given_name(parsed.first):
        # "Sandino Moreno" of "Catalina Sandino Moreno": the two surnames of one person only
        # (not "Patrick Leahy" of "Michael Patrick Leahy", whose middle name is a given name).
        fitting = [person for person in candidates
                   if any(other.middles and other.middles[-1] == parsed.first for other in person.parsed)]
        return fitting[0] if len(fitting) == 1 else None
    if len(fitting) == 1:
        return fitting[0]
    fitting.sort(key=lambda p: -len(p.articles))
    if len(fitting) > 1 and len(fitting[0].articles) >= DOMINANCE * len(fitting[1].articles):
        return fitting[0]
    return None


def _table_nickname(a: str, b: str) -> bool:
    """Whether one first name is a short form of the other in the nickname table."""
    return b in _nicknames()(a) or a in _nicknames()(b)


def _plain_nickname(a: str, b: str) -> bool:
    """Whether one of two first names is a short form of few names, the other among them
    ("vince" of vincent, vincenzo or vinson; not "bill", which may be William or Robert)."""
    for short, full in ((a, b), (b, a)):
        canonicals = nick_namer().canonicals_of(short)
        if full in canonicals and len(canonicals) <= 3:
            return True
    return False


@dataclass(frozen=True)
class _Context:
    """What the archive says around each name: its articles, the people beside it, its roles."""

    articles_of: Mapping[str, set[int]]
    neighbours: Callable[[str], set[str]]
    roles: Callable[[str], frozenset[str]]

    def shared(self, a: str, b: str, needed: int = SHARED_CONTEXT) -> bool:
        """A shared article, ``needed`` people named beside both, or a role in common."""
        return bool(self.articles_of[a] & self.articles_of[b]) or \
            len((self.neighbours(a) & self.neighbours(b)) - {a, b}) >= needed or \
            bool(self.roles(a) & self.roles(b))

    def roles_differ(self, a: str, b: str) -> bool:
        """Both have roles, none in common, no article either, and neither is far more
        prominent (a prominent person is called many things: "aide", "spokeswoman")."""
        first, second = self.roles(a), self.roles(b)
        sizes = sorted((len(self.articles_of[a]), len(self.articles_of[b])))
        return bool(first and second and not first & second and not self.articles_of[a] & self.articles_of[b]
                    and sizes[1] < DOMINANCE * sizes[0])


def _misspelt(people: list[_Person], by_last: dict[str, list[_Person]],
              neighbours: Callable[[str], set[str]]) -> dict[str, str]:
    """A rarer person one letter off a more prominent one of the same first name, with context
    shared and no other candidate ("Darren Campell" → "Darren Campbell")."""
    merged: dict[str, str] = {}
    rank = {id(person): index for index, person in enumerate(people)}  # most prominent first
    # Two surnames one letter apart share a form with one letter dropped ("campell"): an index
    # of those forms, by first name, finds the candidates without comparing every pair.
    by_dropped: dict[tuple[str, str], list[_Person]] = {}
    for person in people:
        for form in _one_dropped(person.parsed[0].last):
            by_dropped.setdefault((person.parsed[0].first, form), []).append(person)
    for person in reversed(people):
        main = person.parsed[0]
        if len(main.last) < 4:
            continue
        candidates = {id(other): other for form in _one_dropped(main.last)
                      for other in by_dropped.get((main.first, form), [])}
        near = [other for other in candidates.values() if other is not person
                and one_edit_apart(main.last, other.parsed[0].last)]
        near.sort(key=lambda other: rank[id(other)])
        if len(near) != 1 or rank[id(near[0])] > rank[id(person)] or near[0].forms[0] in merged:
            continue  # no one, several (no guess), or the rarer of the two joins the other
        other = near[0]
        # A rare first name ("Berhane") makes two forms one letter apart one person; a common
        # one ("John Smith", "John Smyth") needs a shared article or shared company.
        if not is_given_name(main.first) or person.articles & other.articles or \
                len(neighbours(person.forms[0]) & neighbours(other.forms[0])) >= SHARED_CONTEXT:
            for form in person.forms:
                merged[form] = other.forms[0]
    return merged


def _misspelt_first_names(people: list[_Person], by_last: dict[str, list[_Person]],
                          merged: Mapping[str, str]) -> dict[str, str]:
    """A rare person whose first name is one letter off a far more prominent one's and is no
    given name, when the two are the only people of that surname ("Human Abedin" → "Huma
    Abedin"; "Erica Garner" stays Eric Garner's daughter)."""
    found: dict[str, str] = {}
    for last, holders in by_last.items():
        if len(holders) != 2 or len(last) < 4:
            continue
        rare, main = sorted(holders, key=lambda p: len(p.articles))
        if rare.forms[0] in merged or main.forms[0] in merged or \
                len(main.articles) < DOMINANCE * len(rare.articles):
            continue
        first = rare.parsed[0].first
        if not is_given_name(first) and one_edit_apart(first, main.parsed[0].first):  # not "Erica" of Eric
            found.update({form: main.forms[0] for form in rare.forms})
    return found


def _one_dropped(word: str) -> set[str]:
    """The word and every form of it with one letter left out."""
    return {word} | {word[:index] + word[index + 1 :] for index in range(len(word))}


def _short_names(names: list[str], people: list[_Person], merged: dict[str, str]) -> dict[str, str]:
    """A one-word name → the one person whose surname it is, when that person is DOMINANCE
    times as prominent as any other ("Blair" → "Tony Blair"); or whose first name it is when
    that is no given name ("Xi" → "Xi Jinping", but "Harry" alone is not Harry Potter)."""
    by_word: dict[str, list[_Person]] = {}
    for person in people:
        if person.forms[0] in merged:  # itself a misspelling of another
            continue
        words = {word for form in person.forms for word in (parse_name(form).first, parse_name(form).last)
                 if word == parse_name(form).last or not is_given_name(word)}
        for word in words:
            by_word.setdefault(word, []).append(person)
    short: dict[str, str] = {}
    for name in names:
        parsed = parse_name(name)
        if parsed.full or parsed.peer or parsed.suffix:  # "George III" is nobody's short form
            continue
        candidates = sorted(by_word.get(parsed.last, []), key=lambda p: -len(p.articles))
        if not candidates:
            continue
        runner_up = len(candidates[1].articles) if len(candidates) > 1 else 0
        if len(candidates[0].articles) >= DOMINANCE * runner_up:
            short[name] = candidates[0].forms[0]
    return short

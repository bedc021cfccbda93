"""Identity rules: how a name becomes a key, and how keys are kept unique.

A key is a URL slug: lowercase ASCII words joined by hyphens ("Zürich café" →
"zurich-cafe"). Articles, entities and topics all get theirs here, so a name
gives the same key wherever it is made. Two different things whose names give
one slug are never merged by it: the later one gets ``-2``, ``-3``…
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import TYPE_CHECKING

from slugify import slugify

if TYPE_CHECKING:
    from nicknames import NickNamer

MAX_KEY_LENGTH = 80
# A peerage or royal title is part of the one name it stands before: "Lord Armstrong" is not
# "Bill Armstrong", "Prince Charles" not "Charles Kennedy", unless the text says so.
ROYAL_TITLES = frozenset({"king", "queen", "prince", "princess"})  # said with a given name, not a surname
NAME_TITLES = frozenset({"lord", "lady", "baroness", "baron"}) | ROYAL_TITLES
# Lower-case words inside a person's name, part of the surname ("Bill de Blasio", "van Commenee").
NAME_PARTICLES = frozenset({"de", "da", "di", "del", "della", "der", "den", "du", "van", "von",
                            "le", "la", "bin", "ibn", "al", "el", "dos", "das", "ter", "ten", "y"})


@lru_cache(maxsize=65536)  # the same names recur in every build of a live preview
def slug(text: str, fallback: str = "") -> str:
    """``text`` as a slug of at most 80 characters cut at a word boundary, else ``fallback``.

    >>> slug("Xi Jinping")
    'xi-jinping'
    >>> slug("Zürich café")
    'zurich-cafe'
    >>> slug("!!!", "unnamed")
    'unnamed'
    """
    return slugify(text, max_length=MAX_KEY_LENGTH, word_boundary=True, save_order=True) or fallback


def name_words(name: str) -> list[str]:
    """The words that name a person, a peerage title left out ("Lord Armstrong" → Armstrong).

    >>> name_words("Lord Armstrong"), name_words("Tony Blair")
    (['Armstrong'], ['Tony', 'Blair'])
    """
    words = name.split()
    return words[1:] if len(words) == 2 and words[0].lower() in NAME_TITLES else words


def one_edit_apart(a: str, b: str) -> bool:
    """Whether ``b`` is ``a`` with one letter added, dropped or changed ("campbell", "campell")."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    for index, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            rest = index if len(a) < len(b) else index + 1
            return a[rest:] == b[index + 1 :]
    return True


def unique_key(base: str, taken: set[str]) -> str:
    """``base``, else ``base-2``, ``base-3``…: the first that ``taken`` lacks; it is added to ``taken``.

    >>> taken = set()
    >>> [unique_key("blair", taken) for _ in range(3)]
    ['blair', 'blair-2', 'blair-3']
    """
    key, number = base, 2
    while key in taken:
        key, number = f"{base}-{number}", number + 1
    taken.add(key)
    return key


@cache
def nick_namer() -> NickNamer:
    """A curated table of English given names and their short forms (loaded once)."""
    from nicknames import NickNamer

    return NickNamer()


@cache
def _given_names() -> frozenset[str]:
    namer = nick_namer()
    return frozenset(namer.nickname_lookup) | frozenset(namer.canonical_lookup)


def is_given_name(word: str) -> bool:
    """Whether a (slugged) word is a common English given name or its short form ("sheila")."""
    return word in _given_names()

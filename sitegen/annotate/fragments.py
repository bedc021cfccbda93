"""Person names that are fragments of the text around them: headlines and slogans.

Headlines, email subjects and listicle headings are written in title case, so the small
model reads their words as names: "Francesco Excommunicates Trump" (a newspaper's
headline), "Donald Trump Leads" (a heading whose verb the name took in). Two rules,
both read from the article's own text:

* words before a surname are first names only when they can be (``leads_like_a_name``);
* a long person name that starts with another person named in the article is that person
  with the rest of its line taken in (``trim_to_known_names``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from sitegen.annotate.names import PERSON, NameSpan
from sitegen.keys import NAME_PARTICLES, is_given_name, slug

if TYPE_CHECKING:
    from sitegen.annotate.mentions import ArticleContext

TITLE_LABELS = frozenset({"WORK_OF_ART", "EVENT", "LAW"})  # what a headline or a title is tagged
_LOWER_WORD = re.compile(r"\b[a-z][a-z'’-]*")
_INITIALS = re.compile(r"[A-Z]\.?|(?:[A-Z]\.){2,3}")  # "J", "J.", "H.W."


def lower_case_words(text: str) -> set[str]:
    """Every word the text writes in lower case."""
    return set(_LOWER_WORD.findall(text))


def leads_like_a_name(name: str, full_words: set[str], lower_words: set[str], strict: bool) -> bool:
    """Whether the words before a surname can be a person's first names: given names, initials,
    name particles, words of the article's full person names, or (unless ``strict``, for a
    name the model took for a title) words the article never writes in lower case. A headline
    or a slogan that ends in a surname ("Francesco Excommunicates Trump", "Angry Jones") is no
    name; "Novak Djokovic" is, though the given-name table lacks Novak."""
    for word in name.split()[:-1]:
        if not (word in full_words or word.lower() in NAME_PARTICLES or is_given_name(slug(word))
                or _INITIALS.fullmatch(word) or (not strict and word.lower() not in lower_words)):
            return False
    return True


def trim_to_known_names(article: ArticleContext, mentions: list[NameSpan]) -> list[NameSpan]:
    """A person name of three words or more that starts with the full name of another person
    mention of the article is that person: "Chris Smith Address Budget Crisis" of a subject
    line beside "Chris Smith" elsewhere, "Donald Trump Leads" of a heading."""
    known = {m.name for m in mentions if m.label == PERSON and len(m.name.split()) >= 2}
    trimmed = []
    for mention in mentions:
        prefix = _known_prefix(mention.name, known) if mention.label == PERSON else None
        at = article.text.find(prefix, mention.start, mention.end) if prefix else -1
        if prefix is not None and at >= 0:
            mention = NameSpan(at, at + len(prefix), prefix, PERSON)
        trimmed.append(mention)
    return trimmed


def _known_prefix(name: str, known: set[str]) -> str | None:
    """The longest other known name ``name`` starts with, unless what follows it is a word of
    some other known name ("Nancy Davis Reagan" beside "Nancy Davis" and Ronald Reagan)."""
    words = name.split()
    for size in range(len(words) - 1, 1, -1):
        prefix = " ".join(words[:size])
        if prefix in known:
            others = {word for other in known - {name} for word in other.split()}
            return None if set(words[size:]) & others else prefix
    return None

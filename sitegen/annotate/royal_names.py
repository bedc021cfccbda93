"""A royal called by title and given name is the full name written after the same title.

"Foreign Minister Prince Saud al-Faisal … Arab News quoted Prince Saud": titles are taken
off names, but a royal's title and given name are the short form ("Prince Saud"), and they
share no surname with the full name, so the surname rules never join them. The article says
so itself when it writes the full name after the same title.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from sitegen.annotate.names import PERSON, NameSpan
from sitegen.keys import ROYAL_TITLES

if TYPE_CHECKING:
    from sitegen.annotate.mentions import ArticleContext

_TITLES = frozenset(title.title() for title in ROYAL_TITLES)  # as written before a name


def join_royal_given_names(article: ArticleContext, mentions: list[NameSpan]) -> list[NameSpan]:
    """"Prince Saud" → "Saud al-Faisal" when the article writes "Prince Saud al-Faisal" and no
    other full name after "Prince" starts with "Saud" (a "Charles Kennedy" never written
    after "Prince" keeps "Prince Charles" apart)."""
    titled: dict[tuple[str, str], set[str]] = {}  # (title, given name) -> full names after it
    for mention in mentions:
        words = mention.name.split()
        if mention.label != PERSON or len(words) < 2:
            continue
        before = article.text[max(0, mention.start - 10):mention.start].split()
        if before and before[-1] in _TITLES:
            titled.setdefault((before[-1], words[0]), set()).add(mention.name)
    if not titled:
        return mentions
    joined = []
    for mention in mentions:
        words = mention.name.split()
        if mention.label == PERSON and len(words) == 2 and words[0] in _TITLES:
            full = titled.get((words[0], words[1]), set())
            if len(full) == 1:
                mention = replace(mention, name=next(iter(full)))
        joined.append(mention)
    return joined

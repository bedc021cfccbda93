"""Topics from the archive's organisations, places and events: one per thing, of one kind.

The entities of every group that makes topics are joined by name key (``topic_names``), so
Wales the place and Wales the organisation, US and America, EU and European Union are one
thing. Each mention is read in its context (``topic_usage``) and votes for a kind: its
entity's label, an organisation when it is a club, an event when the name is one. A name the
people index holds as a person more often than as anything else is no topic, nor is a name
used mostly as a work. An article is *about* a thing when the thing is in its headline, or in
its lead, or named twice, other than in passing (a source cited, a person's employer).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from sitegen.archive.entities import EntityIndex
from sitegen.archive.topic_names import is_clean_name, name_key
from sitegen.archive.topic_usage import usage
from sitegen.archive.topic_words import (
    BRAND_ARMS,
    COUNTRIES,
    COUNTRY_PREFIXES,
    EVENT_HEADS,
    FAITHS,
    SHOWN_NAMES,
    STATE_ABBREVIATIONS,
    TIME_ZONE_ENDINGS,
    TIME_ZONES,
)
from sitegen.labels import PERSON, topic_kind_of_group
from sitegen.models import AnnotatedArticle

WORK_GROUP = "WORK_OF_ART"
LEAD_CHARACTERS = 300  # the lead: the paragraphs that open an article, this long at least
REPEATED = 2  # mentions other than in passing that make an article about a thing
SOURCE_REPEATED = 3  # the same for a thing mostly cited as a source (the lead counting twice)
COMMON_NOUN = 1.0  # a one-word name used as a common noun in this many times its articles is one


@dataclass
class Thing:
    """One organisation, place or event of the archive, with every name and mention it has."""

    key: str
    identities: set[tuple[str, str]] = field(default_factory=set)  # (group, archive key)
    names: Counter[str] = field(default_factory=Counter)  # entity name -> articles
    forms: set[str] = field(default_factory=set)
    kinds: Counter[str] = field(default_factory=Counter)
    mentions: int = 0
    works: int = 0
    about: set[int] = field(default_factory=set)  # the articles that are about it
    titled: set[int] = field(default_factory=set)  # the articles naming it in their title
    strength: Counter[int] = field(default_factory=Counter)  # mentions not in passing, the lead's twice
    cited: int = 0  # mentions citing it as a source
    named: set[int] = field(default_factory=set)  # every article naming it

    @property
    def name(self) -> str:
        """The name most articles use (a plural in half as many articles as its singular
        counting the singular's too: the Olympics, not Olympic), one the built-in table shows
        if there is one; ties by the longer, then alphabetically."""
        shown = [n for n in SHOWN_NAMES.get(self.key, ()) if n in self.names]
        spelt = [n for n in self.names if _squeezed(n) not in _STATE_SHORT]  # "Florida", not "Fla."
        names = shown or spelt or list(self.names)
        score = {n: self.names[n] + self.names.get(n[:-1], 0) * _noun_plural(n, self.names) for n in names}
        best = min(names, key=lambda n: (-score[n], -len(n), n))
        return best.title() if best.isupper() and len(best) > 5 else best  # a dateline's "MANCHESTER"

    @property
    def kind(self) -> str:
        """The kind most mentions vote for; an event when its name is one, a subject for a faith,
        an organisation for an acronym that is no country ("BT", not "UK")."""
        if self.name.split()[-1].casefold() in EVENT_HEADS:
            return "event"
        if self.key in FAITHS:
            return "subject"
        voted = min(self.kinds, key=lambda k: (-self.kinds[k], k)) if self.kinds else "organisation"
        if voted == "place" and _ACRONYM.fullmatch(self.name) and self.key not in _COUNTRY_KEYS:
            return "organisation"
        return voted


def _squeezed(name: str) -> str:
    return "".join(c for c in name.casefold() if c.isalpha())


_STATE_SHORT = frozenset(short.replace(" ", "") for short in STATE_ABBREVIATIONS)


def _noun_plural(name: str, names: Counter[str]) -> bool:
    """Whether ``name`` is the plural that its singular stands for as an adjective ("Olympics",
    "Olympic"): in at least half as many articles as the singular ("London Marathons" is not)."""
    return name.endswith("s") and names[name] * 2 >= names.get(name[:-1], 0)


def lead_end(item: AnnotatedArticle) -> int:
    """Where an article's lead ends: the first paragraph break after LEAD_CHARACTERS."""
    article = item.article
    return next((s for s in article.paragraph_starts if s >= LEAD_CHARACTERS), len(article.text))


def entity_things(
    items: list[AnnotatedArticle], entities: EntityIndex, joined: Mapping[str, str],
    common: Mapping[str, int],
) -> list[Thing]:
    """The things of the archive that may be topics, people, works and fragments left out.

    ``joined`` maps a name key onto another (abbreviations the archive defines); ``common``
    counts the articles using each word as a common noun: a one-word name used more as a
    common noun than as a name ("the States", "Cabinet", "Education") is no topic.
    """
    things: dict[str, Thing] = {}
    thing_of: dict[tuple[str, str], Thing] = {}
    for identity, entity in entities.entities.items():
        if topic_kind_of_group(identity[0]) and is_clean_name(entity.name):
            key = _key(entity.name, joined)
            thing = things.setdefault(key, Thing(key))
            thing.identities.add(identity)
            thing.names[entity.name] += len(entity.articles)
            thing.forms.update(f for f in entity.forms if is_clean_name(f))
            thing_of[identity] = thing
    _merge_prefixed(things, thing_of)
    for index, item in enumerate(items):
        _read_article(index, item, entities, thing_of)
    others = _other_uses(entities, joined)
    kept = [t for t in things.values() if t.about and not _someone_else(t, others)
            and not _time_zone(t.key)
            and not (" " not in t.key and common.get(t.key, 0) > COMMON_NOUN * len(t.named))]
    for thing in kept:  # a thing still names its section's publisher when nothing is about it
        _mostly_cited(thing)
    return kept


def _mostly_cited(thing: Thing) -> None:
    """An outlet the archive mostly cites ("the AP reported", "told CNN") is what an article is
    about only when the article names it in its title or speaks of it more than in passing
    SOURCE_REPEATED times: its other mentions are citations the context did not give away."""
    if thing.cited * 2 >= thing.mentions > 0:
        thing.about = {i for i in thing.about if i in thing.titled or thing.strength[i] >= SOURCE_REPEATED}


def _time_zone(key: str) -> bool:
    return key in TIME_ZONES or key.endswith(TIME_ZONE_ENDINGS)


def _key(name: str, joined: Mapping[str, str]) -> str:
    key = name_key(name)
    return joined.get(key, key)


def _merge_prefixed(things: dict[str, Thing], thing_of: dict[tuple[str, str], Thing]) -> None:
    """"US Congress" joins Congress, "Athens Olympics" the Olympics, when the archive has them;
    "Fox" and "Fox News" are one, named as the one in more articles."""
    size = {key: sum(thing.names.values()) for key, thing in things.items()}
    for key in sorted(things, key=len, reverse=True):
        if key not in things:
            continue
        rest = next((key[len(p):] for p in COUNTRY_PREFIXES if key.startswith(p)), None)
        head, _, tail = key.rpartition(" ")
        if rest is None and head and tail in _BRAND_KEYS and head in things:
            rest = head
            if size[head] < size[key]:
                key, rest = head, key
        elif rest is None and " " in key:
            first, _, others = key.partition(" ")
            rest = others if first in things and others.split()[-1] in _EVENT_KEYS else None
        target = things.get(rest) if rest else None
        if target is not None and target is not things[key]:
            _join(things.pop(key), target, thing_of)


def _join(source: Thing, target: Thing, thing_of: dict[tuple[str, str], Thing]) -> None:
    target.identities |= source.identities
    target.names.update(source.names)
    target.forms |= source.forms
    for identity in source.identities:
        thing_of[identity] = target


_EVENT_KEYS = frozenset(name_key(w) for w in EVENT_HEADS)
_BRAND_KEYS = frozenset(name_key(w) for w in BRAND_ARMS)


def _read_article(index: int, item: AnnotatedArticle, entities: EntityIndex,
                  thing_of: dict[tuple[str, str], Thing]) -> None:
    """Count one article's mentions for its things, and whether the article is about each."""
    text, title, end = item.article.text, item.article.title, lead_end(item)
    local = entities.local[index]
    strong: Counter[int] = Counter()
    seen: dict[int, Thing] = {}
    for mention in item.annotations.mentions:
        identity = local.get(mention.key)
        thing = thing_of.get(identity) if identity else None
        if thing is None or identity is None:
            continue
        seen[id(thing)] = thing
        used = usage(text, mention.start, mention.end)
        kind = topic_kind_of_group(identity[0]) or "organisation"
        if used.club and thing.key not in _COUNTRY_KEYS:
            kind = "organisation"
        thing.kinds[kind] += 1
        thing.mentions += 1
        thing.cited += used.cited
        thing.works += used.work
        if not used.passing and not used.work:
            strong[id(thing)] += REPEATED if mention.start < end else 1
    for ident, thing in seen.items():
        thing.named.add(index)
        thing.strength[index] = strong[ident]
        if _in_title(thing, title):
            thing.titled.add(index)
        if strong[ident] >= REPEATED or index in thing.titled:
            thing.about.add(index)


_COUNTRY_KEYS = frozenset(name_key(c) for c in COUNTRIES)
_ACRONYM = re.compile(r"[A-Z]{2,5}")


def _in_title(thing: Thing, title: str) -> bool:
    return any(_contains(title, form) for form in thing.forms)


def _contains(text: str, form: str) -> bool:
    at = text.find(form)
    while at != -1:
        before = text[at - 1] if at else " "
        after = text[at + len(form)] if at + len(form) < len(text) else " "
        if not before.isalnum() and not after.isalnum():
            return True
        at = text.find(form, at + 1)
    return False


def _other_uses(entities: EntityIndex, joined: Mapping[str, str]) -> dict[str, Counter[str]]:
    """For each name key: in how many articles it names a person, and a work."""
    uses: dict[str, Counter[str]] = defaultdict(Counter)
    for (group, _), entity in entities.entities.items():
        if group == PERSON:
            if entity.placed and " " in entity.name:  # a person with a page
                uses[_key(entity.name, joined)]["page"] += 1
            for form, count in entity.forms.items():
                uses[_key(form, joined)]["person"] += count
            words = entity.name.split()
            if len(words) > 1 and entity.placed:  # "Kasich" stands for John Kasich's articles
                surname = uses[_key(words[-1], joined)]
                surname["person"] += len(entity.articles) - entity.forms.get(words[-1], 0)
        elif group == WORK_GROUP:
            uses[_key(entity.name, joined)]["work"] += len(entity.articles)
    return uses


def _someone_else(thing: Thing, others: Mapping[str, Counter[str]]) -> bool:
    """Whether the thing is a person (the full name of someone in the people index, or a
    name or surname in more articles as a person than as this) or mostly a work."""
    found = others.get(thing.key, Counter())
    named = len(thing.named)
    if found["page"] and " " in thing.key:
        return True
    return found["person"] >= named or found["work"] + thing.works >= max(1, named) / 2


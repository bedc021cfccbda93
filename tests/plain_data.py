"""Hand-made plain data for the unit tests: articles and their annotations, offsets computed.

No spaCy: each test says which names an article has, who said what and which figures
it gives, and ``article()`` finds them in the text and makes the ``Mention``, ``Entity``,
``Quote`` and ``Figure`` records the annotate stage would make.

    article("budget", "Tony Blair said “we will win”.", people=[person("Tony Blair")],
            quotes=[said("“we will win”", by="Tony Blair")])
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date as Date

from sitegen.archive import Site, build_site
from sitegen.keys import slug as make_slug
from sitegen.models import (
    AnnotatedArticle,
    Annotations,
    Article,
    Entity,
    Figure,
    Layout,
    Mention,
    Phrase,
    Quote,
    Slot,
)


@dataclass(frozen=True)
class Name:
    """An entity of one article: its fullest name, label, other forms and its key there."""

    name: str
    label: str = "PERSON"
    aliases: tuple[str, ...] = ()
    key: str | None = None
    descriptions: tuple[str, ...] = ()  # a person's roles, as the article gives them
    vouched: int = 0  # mentions that vouch for a person
    doubted: tuple[tuple[str, int], ...] = ()  # mentions that read as a thing (label, count)

    @property
    def local_key(self) -> str:
        """The entity's key in its article (by default the slug of its name)."""
        return self.key or make_slug(self.name, "unnamed")

    @property
    def forms(self) -> tuple[str, ...]:
        """Every form the text may name it by."""
        return (self.name, *self.aliases)


def person(name: str, *aliases: str, key: str | None = None, descriptions: tuple[str, ...] = (),
           vouched: int = 0, doubted: tuple[tuple[str, int], ...] = ()) -> Name:
    """A person (PERSON), with what the article says of them."""
    return Name(name, "PERSON", aliases, key, descriptions, vouched + 2 * len(descriptions), doubted)


def org(name: str, *aliases: str, key: str | None = None) -> Name:
    """An organisation (ORG)."""
    return Name(name, "ORG", aliases, key)


def place(name: str, *aliases: str, key: str | None = None, label: str = "GPE") -> Name:
    """A place (GPE by default)."""
    return Name(name, label, aliases, key)


def named(name: str, label: str, *aliases: str, key: str | None = None) -> Name:
    """An entity of any label (EVENT, NORP…)."""
    return Name(name, label, aliases, key)


@dataclass(frozen=True)
class Said:
    """A quote as it stands in the text (with its quote marks) and who said it, by name."""

    words: str
    by: str | None = None
    key: str | None = None
    partial: bool = False


def said(words: str, by: str | None = None, *, key: str | None = None, partial: bool = False) -> Said:
    """A quote; ``by`` is the name of one of the article's entities (or None: unknown), whose
    local key is the speaker's (``key`` when two entities of the article share the name);
    ``partial`` makes it a partial quote (quoted words inside the narration)."""
    return Said(words, by, key, partial)


@dataclass(frozen=True)
class Number:
    """A figure as it stands in the text."""

    text: str
    value: float | None
    counts: str | None = None
    label: str = "MONEY"


def figure(text: str, value: float | None, counts: str | None = None, label: str = "MONEY") -> Number:
    """A figure."""
    return Number(text, value, counts, label)


def day(number: int, month: int = 2, year: int = 2005) -> Date:
    """A date in February 2005 unless told otherwise."""
    return Date(year, month, number)


def paragraph_layout(text: str) -> tuple[Layout, tuple[int, ...]]:
    """One ``<p>`` per paragraph (paragraphs are separated by a blank line), as the reader makes."""
    starts = [0] + [m.end() for m in re.finditer("\n\n", text)]
    ends = [m.start() for m in re.finditer("\n\n", text)] + [len(text)]
    slots = tuple(Slot(start, end) for start, end in zip(starts, ends, strict=True))
    html = ("<p>", *["</p>\n<p>"] * (len(slots) - 1), "</p>\n")
    return Layout(html=html, slots=slots), tuple(starts)


def article(
    slug: str,
    text: str | None = None,
    *,
    title: str | None = None,
    people: Sequence[str | Name] = (),
    names: Sequence[Name] = (),
    quotes: Sequence[Said] = (),
    figures: Sequence[Number] = (),
    phrases: Iterable[str | Phrase] = (),
    date: Date | None = None,
    section: str | None = None,
    topics: Sequence[str] = (),
    layout: Layout | None = None,
) -> AnnotatedArticle:
    """An annotated article; ``people`` are names of people (or ``Name``s), ``names`` others.

    Without ``text`` one is made that names every entity once and holds every quote and
    figure. Every form of every entity, quote and figure must be found in the text.
    """
    entities = [p if isinstance(p, Name) else person(p) for p in people] + list(names)
    if text is None:
        text = _text_naming(entities, quotes, figures)
    if layout is None:
        layout, starts = paragraph_layout(text)
    else:
        starts = (0,)
    mentions = _mentions(text, entities)
    counts = {e.local_key: sum(1 for m in mentions if m.key == e.local_key) for e in entities}
    keys = {e.name: e.local_key for e in entities}
    annotations = Annotations(
        mentions=tuple(mentions),
        entities=tuple(Entity(e.local_key, e.name, e.label, e.aliases, counts[e.local_key],
                              e.descriptions, e.vouched, e.doubted)
                       for e in entities),
        quotes=tuple(_quote(text, q, keys) for q in quotes if not q.partial),
        partial_quotes=tuple(_quote(text, q, keys) for q in quotes if q.partial),
        figures=tuple(_figure(text, f) for f in figures),
        noun_phrases=_phrases(text, phrases),
    )
    return AnnotatedArticle(
        Article(source=f"{slug}.txt", slug=slug, title=title or slug.replace("-", " ").capitalize(),
                text=text, layout=layout, date=date, section=section, topics=tuple(topics),
                paragraph_starts=starts),
        annotations,
    )


def _phrases(text: str, phrases: Iterable[str | Phrase]) -> tuple[Phrase, ...]:
    """Key phrases as records: a string is found in the text (its next occurrence), else it
    stands at the end of the text, after the lead."""
    found: list[Phrase] = []
    lowered = text.casefold()
    after: dict[str, int] = {}
    for phrase in phrases:
        if isinstance(phrase, Phrase):
            found.append(phrase)
            continue
        at = lowered.find(phrase.casefold(), after.get(phrase, 0))
        if at == -1:
            found.append(Phrase(len(text), len(text), phrase))
        else:
            after[phrase] = at + len(phrase)
            found.append(Phrase(at, at + len(phrase), phrase))
    return tuple(found)


def site(*items: AnnotatedArticle, page_size: int = 10, **options: object) -> Site:
    """``build_site`` on these articles (options: aliases, ignore, named_topics, min_articles)."""
    return build_site(list(items), page_size=page_size, **options)  # type: ignore[arg-type]


def _text_naming(entities: list[Name], quotes: Sequence[Said], figures: Sequence[Number]) -> str:
    paragraphs = [" ".join(f"{e.name} was there." for e in entities)] if entities else []
    paragraphs += [q.words for q in quotes]
    paragraphs += [f"It came to {f.text}." for f in figures]
    return "\n\n".join(paragraphs) or "Nothing happened."


def _mentions(text: str, entities: list[Name]) -> list[Mention]:
    """Every whole-word occurrence of every form, longest forms first, never overlapping."""
    forms = sorted(((form, e) for e in entities for form in e.forms), key=lambda fe: -len(fe[0]))
    taken: list[tuple[int, int]] = []
    found: list[Mention] = []
    for form, entity in forms:
        for match in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text):
            span = match.span()
            if any(start < span[1] and span[0] < end for start, end in taken):
                continue
            taken.append(span)
            found.append(Mention(span[0], span[1], form, entity.label, entity.local_key))
    missing = [e.name for e in entities if not any(m.key == e.local_key for m in found)]
    if missing:
        raise ValueError(f"not in the text: {missing}")
    return sorted(found, key=lambda m: m.start)


def _find(text: str, part: str) -> tuple[int, int]:
    start = text.find(part)
    if start < 0:
        raise ValueError(f"not in the text: {part!r}")
    return start, start + len(part)


def _quote(text: str, quote: Said, keys: dict[str, str]) -> Quote:
    start, end = _find(text, quote.words)
    return Quote(start, end, quote.words, speaker=quote.by,
                 speaker_key=quote.key or (keys[quote.by] if quote.by else None),
                 kind="partial" if quote.partial else "direct")


def _figure(text: str, number: Number) -> Figure:
    start, end = _find(text, number.text)
    return Figure(start, end, number.text, number.value, number.counts, number.label)

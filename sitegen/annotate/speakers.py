"""Who said it: speakers of quotes, with "he", "she" and descriptions resolved.

The text is read in order, tracking who it is about (each sentence's main subject
and each quote's speaker), so "he said" and "the 30-year-old told" can be tied to
the person being discussed. A speaker that cannot be found stays unknown.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from sitegen.annotate.lexicon import (
    DESCRIPTION_STOP_WORDS,
    PRONOUN_GENDER,
    TITLE_GENDER,
    alternation,
)
from sitegen.annotate.names import (
    PERSON,
    Cluster,
    Clusters,
    NameSpan,
)
from sitegen.annotate.nlp import doc_text
from sitegen.annotate.quotes import QuoteMatch, opens_sentence, quoted_stretches
from sitegen.annotate.subjects import (
    DESCRIPTION,
    INDEFINITE,
    NAME,
    NOBODY,
    PRONOUN,
    UNATTRIBUTED,
    SubjectRef,
    sentence_subjects,
)
from sitegen.models import Quote

if TYPE_CHECKING:
    from spacy.tokens import Doc

# A title that tells a person's gender, just before their name ("Mrs Thatcher").
_GENDERED_TITLE = re.compile(r"(?:^|\s)(" + alternation(TITLE_GENDER) + r")\.?\s+$")
ANONYMOUS = "anonymous"  # the text is about an unnamed person ("a spokesman said")

Focus = Cluster | str | None


class _Discourse:
    """Follows who the text is talking about, to resolve pronouns, descriptions and bare quotes.

    The focus is the person last named as a sentence's main subject or as a
    quote's speaker; "he"/"she" resolve to it when its gender (from titles such
    as Mr or Ms) does not rule it out, otherwise to the last compatible person
    named before. An unnamed speaker ("a spokeswoman said") makes the focus
    anonymous, so quotes that follow stay unattributed.
    """

    def __init__(
        self, text: str, mentions: list[NameSpan], clusters: Clusters, quoted: list[tuple[int, int]]
    ) -> None:
        self.text = text
        self.mentions = mentions
        self.clusters = clusters
        self.quoted = quoted
        self.gender: dict[int, str] = {}
        for mention in mentions:
            if mention.label != PERSON:
                continue
            before = text[max(0, mention.start - 12) : mention.start]
            title = _GENDERED_TITLE.search(before)
            if title:
                self.gender.setdefault(id(self.cluster(mention)), TITLE_GENDER[title.group(1)])
        self.focus: Focus = None
        self.roles: list[tuple[Cluster, set[str]]] = []

    def learn_roles(self, doc: Doc) -> None:
        """The role words each person is introduced with: "Tory leader Michael Howard",
        "Jean-Philippe Cotis, the OECD's chief economist"."""
        for mention in self.mentions:
            if mention.label != PERSON:
                continue
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            words: set[str] = set()
            index = span.start - 1
            while index >= 0 and doc[index].dep_ in ("compound", "amod", "nmod", "punct") \
                    and index < doc[index].head.i < span.end and doc[index].text not in ",.":
                words.add(doc[index].lower_)
                index -= 1
            for child in span.root.children:
                if child.dep_ == "appos" and child.i >= span.end:
                    words |= {t.lower_ for t in child.subtree if t.i <= child.i}
            words = {w for w in words if w.isalpha() or "-" in w} - DESCRIPTION_STOP_WORDS
            if words:
                self.roles.append((self.cluster(mention), words))

    def cluster(self, mention: NameSpan) -> Cluster:
        return self.clusters.of(mention)

    def _quoted(self, offset: int) -> bool:
        return any(start <= offset < end for start, end in self.quoted)

    def refer(self, kind: str, start: int, end: int, head: int | None) -> Cluster | None:
        """The person that a subject of this kind at this place refers to, if any."""
        if kind == NAME:
            return self.named(start, end, head if head is not None else start)
        if kind == PRONOUN:
            return self.pronoun(self.text[start:end].lower(), start)
        if kind == DESCRIPTION:
            return self.described(start, end)
        return None

    def described(self, start: int, end: int) -> Cluster | None:
        """"The Tory leader" is the person introduced as "Tory leader Michael Howard" before;
        otherwise a definite description refers to the person being discussed."""
        phrase = self.text[start:end].lower()
        words = set(re.findall(r"[a-z][\w'-]*", phrase)) - DESCRIPTION_STOP_WORDS
        if words:
            matches = [c for c, roles in self.roles if words <= roles and c is not None]
            named_before = {id(c): c for c in matches}
            if len(named_before) == 1:
                return next(iter(named_before.values()))
        if re.search(r"['’]s\b|\b(?:his|her|their)\b", phrase):
            return None  # "Tony Blair's official spokesman": someone else, unnamed
        return self.focus if isinstance(self.focus, Cluster) else None

    def named(self, start: int, end: int, head: int) -> Cluster | None:
        covering = [m for m in self.mentions if m.start <= head < m.end] or [
            m for m in self.mentions if m.start < end and start < m.end
        ]
        for mention in covering:
            if mention.label == PERSON:
                return self.cluster(mention)
        word = re.match(r"[\w'’-]+", self.text[head:end])
        return self.by_name(word.group(0)) if word else None

    def by_name(self, word: str) -> Cluster | None:
        """The person whose first or last name is ``word`` ("White" → "Kelli White")."""
        candidates: dict[int, Cluster] = {}
        for cluster in self.clusters.distinct():
            if cluster.label != PERSON:
                continue
            words = cluster.name.split()
            if word in (words[0], words[-1]):
                candidates[id(cluster)] = cluster
        if len(candidates) == 1:
            return next(iter(candidates.values()))
        return None

    def pronoun(self, pronoun: str, offset: int) -> Cluster | None:
        wanted = PRONOUN_GENDER.get(pronoun)
        focus = self.focus
        if focus == ANONYMOUS:
            return None
        if isinstance(focus, Cluster) and self.gender.get(id(focus), wanted) == wanted:
            return focus
        best = None
        for mention in self.mentions:
            if mention.start >= offset:
                break
            if mention.label != PERSON or self._quoted(mention.start):
                continue
            cluster = self.cluster(mention)
            if self.gender.get(id(cluster), wanted) == wanted:
                best = cluster
        return best

    def subject(self, ref: SubjectRef) -> None:
        """A sentence's main subject moves the focus to the person it names."""
        person = self.refer(ref.kind, ref.start, ref.end, ref.head)
        if person is not None:
            self.focus = person
        elif ref.kind in (INDEFINITE, DESCRIPTION):
            self.focus = ANONYMOUS

    def speaker(self, quote: QuoteMatch) -> Cluster | None:
        """The speaker of a quote; it becomes the focus."""
        attribution = quote.attribution
        if attribution.kind == UNATTRIBUTED:
            # A bare quote opening a sentence speaks on for the person being discussed; one
            # quoted inside a sentence about something else ("…were intended to "…"") does not.
            opening = opens_sentence(self.text, quote.start)
            person = self.focus if opening and isinstance(self.focus, Cluster) else None
        elif attribution.speaker_start is None or attribution.speaker_end is None:
            person = None
        else:
            person = self.refer(
                attribution.kind, attribution.speaker_start, attribution.speaker_end, attribution.head
            )
        if person is not None:
            self.focus = person
        elif attribution.kind in (INDEFINITE, NOBODY, NAME):
            self.focus = ANONYMOUS  # an organisation or an unnamed person spoke
        return person


def resolve_quotes(
    doc: Doc, mentions: list[NameSpan], clusters: Clusters, quotes: list[QuoteMatch]
) -> list[Quote]:
    """Quote records with speakers, read in text order while following the discourse focus."""
    quoted = quoted_stretches(doc)
    discourse = _Discourse(doc_text(doc), mentions, clusters, quoted)
    discourse.learn_roles(doc)
    events: list[tuple[int, int, SubjectRef | QuoteMatch]] = [
        (ref.head, 0, ref) for ref in sentence_subjects(doc, quoted)
    ]
    events += [(quote.start, 1, quote) for quote in quotes]
    events.sort(key=lambda event: (event[0], event[1]))
    speakers: dict[int, Cluster | None] = {}
    for _, _, event in events:
        if isinstance(event, SubjectRef):
            discourse.subject(event)
        else:
            speakers[id(event)] = discourse.speaker(event)
    records = []
    for quote in quotes:
        attribution = quote.attribution
        body = doc_text(doc)[quote.start : quote.end]
        span = (
            (attribution.speaker_start, attribution.speaker_end)
            if attribution.speaker_start is not None and attribution.speaker_end is not None
            else None
        )
        person = speakers[id(quote)]
        records.append(
            Quote(
                quote.start,
                quote.end,
                body,
                speaker=person.name if person else None,
                speaker_key=clusters.key(person) if person else None,
                speaker_span=span,
                cue=attribution.cue,
            )
        )
    return records

"""Who a mention stands for: the coreference step for speakers.

The text is read in order, tracking who it is about (its *focus*): the person
last named as a sentence's main subject or as a quote's speaker, with the
mention that named them. What a speaker mention refers to:

* a name: the article's person of that name ("Karagounakis" → "Vassilis Karagounakis");
* "he"/"she": the focus when its gender allows, else the last person of that
  gender named in subject position, else the last one named at all. Gender comes
  from the text: titles ("Mrs Thatcher"), role words ("the congresswoman"), and
  the pronouns used for a person before ("Clinton said she…"), learnt as the
  article is read;
* a description ("the senator", "the 30-year-old"): the person introduced with
  those role words ("Senator Bernie Sanders"), else the focus.

An unnamed speaker ("a spokeswoman said") or an organisation makes the focus
*anonymous*: the quotes that follow speak for it and stay without a person, but
keep the mention that attributes them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from sitegen.annotate.lexicon import (
    DESCRIPTION_STOP_WORDS,
    FEMALE,
    GENDERED_NOUNS,
    MALE,
    PRONOUN_GENDER,
    TITLE_GENDER,
    alternation,
)
from sitegen.annotate.names import PERSON, Cluster, Clusters, NameSpan
from sitegen.annotate.subjects import DESCRIPTION, INDEFINITE, NAME, PRONOUN, SubjectRef

if TYPE_CHECKING:
    from spacy.tokens import Doc

# A title that tells a person's gender, just before their name ("Mrs Thatcher").
_GENDERED_TITLE = re.compile(r"(?:^|\s)(" + alternation(TITLE_GENDER) + r")\.?\s+$")
_PRONOUN_FORMS = {"he": MALE, "him": MALE, "his": MALE, "himself": MALE,
                  "she": FEMALE, "her": FEMALE, "hers": FEMALE, "herself": FEMALE}
ANONYMOUS = "anonymous"  # the text is about an unnamed person ("a spokeswoman said")
IMPERSONAL = "impersonal"  # … or about an organisation or a document ("the statement said")

Focus = Cluster | str | None
Span = tuple[int, int]


class Discourse:
    """What the text is about, read in order, to resolve pronouns, descriptions and bare quotes."""

    def __init__(
        self, text: str, mentions: list[NameSpan], clusters: Clusters, quoted: list[Span]
    ) -> None:
        self.text = text
        self.mentions = [m for m in mentions if m.label == PERSON]
        self.clusters = clusters
        self.quoted = quoted
        self.gender: dict[int, str] = {}
        for mention in self.mentions:
            title = _GENDERED_TITLE.search(text[max(0, mention.start - 12) : mention.start])
            if title:
                self.gender.setdefault(id(self.cluster(mention)), TITLE_GENDER[title.group(1)])
        self.focus: Focus = None
        self.focus_span: Span | None = None
        self.in_subject: list[tuple[int, Cluster]] = []  # people named in subject position
        self.roles: list[tuple[Cluster, set[str]]] = []

    def cluster(self, mention: NameSpan) -> Cluster:
        return self.clusters.of(mention)

    def _quoted(self, offset: int) -> bool:
        return any(start <= offset < end for start, end in self.quoted)

    # --- what the whole text says about each person, before reading it in order ----------

    def learn(self, doc: Doc, subjects: list[SubjectRef]) -> None:
        """Role words and gender words each person is introduced with ("Tory leader Michael
        Howard", "Jean-Philippe Cotis, the OECD's chief economist", "the congresswoman"),
        and the pronouns a sentence uses after naming a person as its subject."""
        for mention in self.mentions:
            words = _role_words(doc, mention)
            if words:
                self.roles.append((self.cluster(mention), words))
                genders = {GENDERED_NOUNS[w] for w in words if w in GENDERED_NOUNS}
                if len(genders) == 1:
                    self.gender.setdefault(id(self.cluster(mention)), genders.pop())
        for ref in subjects:
            if ref.kind != NAME:
                continue
            person = self.named(ref.start, ref.end, ref.head)
            if person is not None and id(person) not in self.gender:
                said = self._pronouns_after(doc, ref)
                if len(said) == 1:
                    self.gender[id(person)] = next(iter(said))

    def _pronouns_after(self, doc: Doc, ref: SubjectRef) -> set[str]:
        """The genders of the pronouns in a sentence after its subject ("Clinton said she…"),
        outside quotes, when the sentence names no other person."""
        head = doc.char_span(ref.head, ref.end, alignment_mode="expand")
        if head is None:
            return set()
        sentence = head[0].sent
        people = [m for m in self.mentions if sentence.start_char <= m.start < sentence.end_char]
        if len({id(self.cluster(m)) for m in people}) > 1:
            return set()
        return {
            _PRONOUN_FORMS[t.lower_] for t in sentence
            if t.idx > ref.end and t.lower_ in _PRONOUN_FORMS and not self._quoted(t.idx)
        }

    # --- reference -------------------------------------------------------------------------

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
            named_before = {id(c): c for c, roles in self.roles if words <= roles}
            if len(named_before) == 1:
                return next(iter(named_before.values()))
        if re.search(r"['’]s\b|\b(?:his|her|their)\b", phrase):
            return None  # "Tony Blair's official spokesman": someone else, unnamed
        if isinstance(self.focus, Cluster) and not self._clashes(self.focus, words):
            return self.focus
        return None

    def _clashes(self, person: Cluster, words: set[str]) -> bool:
        """A description whose gender word contradicts what is known ("the congresswoman")."""
        genders = {GENDERED_NOUNS[w] for w in words if w in GENDERED_NOUNS}
        known = self.gender.get(id(person))
        return bool(known and genders and known not in genders)

    def named(self, start: int, end: int, head: int) -> Cluster | None:
        covering = [m for m in self.mentions if m.start <= head < m.end] or [
            m for m in self.mentions if m.start < end and start < m.end
        ]
        if covering:
            return self.cluster(covering[0])
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
        """The focus when its gender allows; else the last compatible person in subject
        position, else the last compatible person named (outside quotes)."""
        wanted = PRONOUN_GENDER.get(pronoun)
        focus = self.focus
        if focus == ANONYMOUS:
            return None  # "A spokeswoman said … . She added": the unnamed person again
        if isinstance(focus, Cluster) and self._fits(focus, wanted):
            return self._learnt(focus, wanted)
        for _, person in reversed(self.in_subject):
            if self._fits(person, wanted):
                return self._learnt(person, wanted)
        best = None
        for mention in self.mentions:
            if mention.start >= offset:
                break
            if not self._quoted(mention.start) and self._fits(self.cluster(mention), wanted):
                best = self.cluster(mention)
        return self._learnt(best, wanted) if best is not None else None

    def _fits(self, person: Cluster, wanted: str | None) -> bool:
        return wanted is None or self.gender.get(id(person), wanted) == wanted

    def _learnt(self, person: Cluster, wanted: str | None) -> Cluster:
        """A pronoun that refers to a person tells their gender from here on."""
        if wanted is not None:
            self.gender.setdefault(id(person), wanted)
        return person

    # --- reading in order ------------------------------------------------------------------

    def subject(self, ref: SubjectRef) -> None:
        """A sentence's main subject moves the focus to the person it names; an unnamed
        person makes it anonymous."""
        person = self.refer(ref.kind, ref.start, ref.end, ref.head)
        if person is not None:
            self.focus, self.focus_span = person, (ref.start, ref.end)
            self.in_subject.append((ref.head, person))
        elif ref.kind in (INDEFINITE, DESCRIPTION):
            self.focus, self.focus_span = ANONYMOUS, (ref.start, ref.end)

    def spoke(self, person: Cluster | None, span: Span | None, kind: str) -> None:
        """A quote's speaker becomes the focus: a person, or an unnamed one (anonymous), or
        an organisation or nobody in particular (impersonal)."""
        if person is not None:
            self.focus, self.focus_span = person, span
            if span is not None:
                self.in_subject.append((span[0], person))
        elif kind in (INDEFINITE, DESCRIPTION, PRONOUN):
            self.focus, self.focus_span = ANONYMOUS, span
        else:
            self.focus, self.focus_span = IMPERSONAL, span


def _role_words(doc: Doc, mention: NameSpan) -> set[str]:
    """The words before a name that are not part of it ("Tory leader"), and its apposition."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return set()
    words: set[str] = set()
    index = span.start - 1
    while index >= 0 and doc[index].dep_ in ("compound", "amod", "nmod", "punct") \
            and index < doc[index].head.i < span.end and doc[index].text not in ",.":
        words.add(doc[index].lower_)
        index -= 1
    for child in span.root.children:
        if child.dep_ == "appos" and child.i >= span.end:
            words |= {t.lower_ for t in child.subtree if t.i <= child.i}
    return {w for w in words if w.isalpha() or "-" in w} - DESCRIPTION_STOP_WORDS


__all__ = ["ANONYMOUS", "IMPERSONAL", "Discourse", "Focus"]

"""Subject topics: the key phrases that several articles are about.

A phrase is *central* to an article when it is in the headline, or in the lead and again in
the body, or repeated through the body; merely occurring is not enough. A phrase becomes a
topic when it is central to enough distinct stories (``min_stories``, which grows with the
archive) and passes two measured tests of generic news vocabulary:

* **focus**: of the articles that use the phrase, a fair share must be about it ("month",
  "side", "hope" occur everywhere and are central nowhere);
* **coherence**: the articles it is central to must resemble each other more than two
  articles of the archive picked at random do (a "lawsuit" over doping, one over piracy and
  one over printer ink have nothing else in common; the "drugs test" stories do).

A single noun needs more than a phrase of two or three words: it must pass with a margin,
and it is left out when longer phrases ending in it already cover its articles.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from sitegen.archive.topic_names import phrase_key, word_key
from sitegen.archive.topic_words import GENERIC_NOUNS
from sitegen.models import AnnotatedArticle

FOCUS = 0.25  # central articles / articles using the phrase, at least
IN_PASSING = 0.05  # articles using the phrase without being about it / all articles, at most
COHERENCE = 2.5  # mean similarity of the articles using it / that of any two articles, at least
SINGLE_MARGIN = 1.4  # a single noun needs this much more of both
TERMS = 40  # the strongest terms of an article that its similarity is measured on
OPENING = 40  # words that open an article: two articles opening alike are one story
MEASURED = 30  # articles an archive needs before focus and coherence can be measured on it


@dataclass
class Subject:
    """A key phrase and the articles it is central to."""

    key: str
    names: Counter[str] = field(default_factory=Counter)
    used: set[int] = field(default_factory=set)  # articles using it at all
    central: set[int] = field(default_factory=set)

    @property
    def name(self) -> str:
        """The form most used."""
        return min(self.names, key=lambda n: (-self.names[n], n))


def subject_candidates(items: Sequence[AnnotatedArticle], leads: Sequence[int]) -> dict[str, Subject]:
    """Every phrase of the archive with the articles it is central to."""
    subjects: dict[str, Subject] = {}
    for index, item in enumerate(items):
        counts: Counter[str] = Counter()
        in_lead: set[str] = set()
        for phrase in item.annotations.noun_phrases:
            key = phrase_key(phrase.text)
            subject = subjects.get(key) or subjects.setdefault(key, Subject(key))
            subject.names[phrase.text] += 1
            counts[key] += 1
            if phrase.start < leads[index]:
                in_lead.add(key)
        title = " " + phrase_key(_title_words(item.article.title)) + " "
        for key, count in counts.items():
            subject = subjects[key]
            subject.used.add(index)
            if f" {key} " in title or count >= 3 or (count >= 2 and key in in_lead):
                subject.central.add(index)
    return subjects


def _title_words(title: str) -> str:
    return " ".join("".join(c for c in w if c.isalpha()) for w in title.casefold().split())


def stories(items: Sequence[AnnotatedArticle]) -> list[int]:
    """For each article, the first article that is the same story (same title, or the same
    first OPENING words): a story published twice counts once."""
    first: dict[str, int] = {}
    story = []
    for index, item in enumerate(items):
        opening = item.article.text.casefold().split()[:OPENING]
        marks = ["t:" + " ".join(item.article.title.casefold().split())]
        if len(opening) == OPENING:
            marks.append("o:" + " ".join(opening))
        found = next((first[m] for m in marks if m in first), index)
        for mark in marks:
            first.setdefault(mark, found)
        story.append(found)
    return story


class Similarity:
    """How alike the articles of a set are, measured on their strongest terms (TF-IDF)."""

    def __init__(self, terms: Sequence[Counter[str]]):
        total = len(terms)
        frequency: Counter[str] = Counter()
        for counts in terms:
            frequency.update(counts.keys())
        self.vectors = [self._vector(counts, frequency, total) for counts in terms]
        self.baseline = self.mean(range(total)) or 1e-9

    @staticmethod
    def _vector(counts: Counter[str], frequency: Counter[str], total: int) -> dict[str, float]:
        weights = {t: (1 + math.log(c)) * math.log((1 + total) / frequency[t]) for t, c in counts.items()}
        top = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:TERMS]
        norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
        return {t: w / norm for t, w in top}

    def mean(self, articles: Sequence[int] | range, without: str = "") -> float:
        """The mean cosine similarity of two different articles of ``articles`` (linear time:
        the squared norm of their sum, less each one's own), leaving out the term ``without``."""
        n = len(articles)
        if n < 2:
            return 0.0
        total: dict[str, float] = defaultdict(float)
        own = 0.0
        for index in articles:
            for term, weight in self.vectors[index].items():
                if term != without:
                    total[term] += weight
                    own += weight * weight
        return (sum(w * w for w in total.values()) - own) / (n * (n - 1))

    def ratio(self, articles: Sequence[int], without: str = "") -> float:
        """How much more alike the articles are than any two of the archive."""
        return self.mean(articles, without) / self.baseline


def kept_subjects(subjects: dict[str, Subject], similarity: Similarity, story: Sequence[int],
                  min_stories: int) -> list[Subject]:
    """The subjects central to ``min_stories`` stories that pass the focus and coherence tests."""
    single = [s for s in subjects.values() if " " not in s.key]
    kept = [s for s in subjects.values() if " " in s.key and _central_enough(s, story, min_stories)]
    more = min_stories + (len(story) >= MEASURED)
    kept += [s for s in single if s.key not in _GENERIC_KEYS and _central_enough(s, story, more)]
    if len(story) >= MEASURED:
        kept = [s for s in kept if not _generic(s, similarity, len(story))]
    return _without_covered(kept, similarity)


def _central_enough(subject: Subject, story: Sequence[int], min_stories: int) -> bool:
    return len({story[i] for i in subject.central}) >= min_stories


def _generic(subject: Subject, similarity: Similarity, total: int) -> bool:
    """Whether the measured tests find the phrase generic vocabulary (a single noun must pass
    them with a margin)."""
    margin = 1.0 if " " in subject.key else SINGLE_MARGIN
    return (len(subject.used) - len(subject.central) > IN_PASSING * total
            or len(subject.central) / len(subject.used) < FOCUS * margin
            or similarity.ratio(sorted(subject.used), "p:" + subject.key) < COHERENCE * margin)


_GENERIC_KEYS = frozenset(word_key(w) for w in GENERIC_NOUNS)


def _without_covered(subjects: list[Subject], similarity: Similarity) -> list[Subject]:
    """A single noun is left out when longer phrases holding it cover most of its articles,
    and joins the phrase that shares half the articles of either ("mobile" and "mobile phone")
    or whose articles are more like its own than they are like one another: "drug" in six
    doping stories and "drugs test" in seven others are one subject, named by the phrase."""
    longer: dict[str, set[int]] = defaultdict(set)
    phrases: dict[str, list[Subject]] = defaultdict(list)
    for subject in subjects:
        if " " in subject.key:
            for word in subject.key.split():
                longer[word] |= subject.central
                phrases[word].append(subject)
    kept = []
    for subject in subjects:
        if " " in subject.key:
            kept.append(subject)
            continue
        host = max(phrases[subject.key], default=None,
                   key=lambda p: (len(p.central & subject.central), len(p.central), p.key))
        if host is not None and (_overlapping(host, subject) or _same_story(host, subject, similarity)):
            host.central |= subject.central
            host.used |= subject.used
        elif len(subject.central & longer[subject.key]) * 3 < len(subject.central) * 2:
            kept.append(subject)
    return kept


def _overlapping(phrase: Subject, single: Subject) -> bool:
    return len(phrase.central & single.central) * 2 >= min(len(phrase.central), len(single.central))


def _same_story(phrase: Subject, single: Subject, similarity: Similarity) -> bool:
    """Whether the noun's articles read as the phrase's story: together they are at least as
    alike as the noun's alone (a generic noun's articles only get less alike)."""
    together = similarity.ratio(sorted(phrase.central | single.central))
    return together >= similarity.ratio(sorted(single.central))

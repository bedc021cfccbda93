"""What a figure counts, read from the parse of its sentence.

In the order tried, for a figure's span in a parsed Doc:

* an age: "aged 10", "at the age of 87", "Hazel Gilbert, 23,", "11 year olds";
* the noun it modifies ("85,505 cases", "a £11.5m contract"); a change noun says
  of what ("a 40% drop in profits" → profits), a measure noun what it measures
  ("the number of hotspots", "growth forecasts" → hotspots, growth);
* what follows it with "of" ("20% of Yugansk"), or, for money, with "in"
  ("$27.5bn (£14.5bn) in unpaid taxes");
* the noun it belongs to with "of" or "worth" ("a pre-tax profit of £75m",
  "a contract worth £11.5m");
* the verb it is the object of: a money verb names the noun ("lent Russia $6bn"
  → loan, "fined CBS $550,000" → fine), a verb of measure names its subject
  ("turnover was up 4.3%", "the death toll stands at 1,290" → deaths), a verb
  with an object and "at" names the object ("forecasting growth at 3%").

A figure that names nothing itself says what the figures it is listed with say
(``share_counts``): "£75m ($141m)", "from £6 to £10", "1,290 and 3,291,
respectively", and the elided noun of "the US has 85,505 cases, while China has
81,782".
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Protocol, TypeVar

from sitegen.annotate.lexicon import (
    CHANGE_NOUNS,
    MEASURE_NOUNS,
    MEASURE_VERBS,
    MONEY_VERB_NOUNS,
    SALE_VERBS,
    TOLL_NOUNS,
)
from sitegen.annotate.nlp import doc_text
from sitegen.annotate.subjects import verb_subject

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


class Counted(Protocol):
    """A figure as ``share_counts`` reads it (a ``figures.FigureMatch``)."""

    start: int
    end: int
    counts: str | None
    label: str

AGE = "age"
_SCALE_WORDS = frozenset({"m", "bn", "k", "%", "million", "billion", "trillion", "thousand", "percent",
                          "cent", "euros", "euro", "dollars", "pounds", "pence", "cents", "yen", "yuan"})
_OBJECT_DEPS = frozenset({"dobj", "attr", "npadvmod", "nsubjpass", "nsubj", "oprd", "appos"})
# What may stand between two figures listed together: "£75m ($141m)", "from £6 to £10",
# "between 3% and 3.5%", "1,290 and 3,291", "£106m or 47.3%".
_LISTED = re.compile(r"^[\s(),–—-]*(?:(?:and|or|to|from|between|and then)[\s(),–—-]*)?$")
_NOMINAL = frozenset({"dobj", "pobj", "nsubj", "nsubjpass", "attr", "conj", "appos"})
_FIGURE_PREPOSITIONS = frozenset({"to", "by", "at", "from", "between", "for", "of", "around", "about",
                                  "than", "over", "under", "near", "above", "below"})


def counted_noun(span: Span, label: str) -> str | None:
    """What the figure of ``span`` counts or measures, when its sentence says."""
    root = span.root
    if label in ("CARDINAL", "QUANTITY") and _is_age(span):
        return AGE
    if root.dep_ == "appos" and (root.head.like_num or not _is_word(root.head)):
        return None  # "£75m ($141m)": a conversion says what the figure it converts says
    for reader in (_modified_noun, _of_after, _belongs_to, _verb_of):
        found = reader(span, root, label)
        if found is not None:
            return found
    return None


def _is_age(span: Span) -> bool:
    doc = span.doc
    first = span.root
    while first.dep_ == "conj" and first.head.like_num:
        first = first.head  # "the age of 10 or 11"
    if first.i < span.start:
        span = doc[first.i : first.i + 1]
    before = doc[span.start - 1] if span.start > 0 else None
    if span.start > 1 and doc[span.start - 2].lower_ == "aged" and before is not None and before.tag_ == "IN":
        return True  # "aged over 19"
    if before is not None and before.lower_ in ("to", "and", "or", "-") and span.start > 1 \
            and doc[span.start - 2].like_num and _is_age(doc[span.start - 2 : span.start - 1]):
        return True  # "aged 10 to 13"
    after = doc[span.end : span.end + 2]
    if before is not None and before.lower_ in ("aged", "age"):
        return True
    if before is not None and before.lower_ == "of" and doc[span.start - 2 : span.start - 1].text == "age":
        return True
    if [t.lower_ for t in after] in (["year", "olds"], ["years", "old"], ["year", "old"]):
        return True
    # "Hazel Gilbert, 23, an information manager": a number set off after a person's name.
    return (before is not None and before.text == "," and span.start > 1
            and doc[span.start - 2].ent_type_ == "PERSON" and len(after) > 0 and after[0].text == ",")


def _modified_noun(span: Span, root: Token, label: str) -> str | None:
    """"85,505 cases", "a 40% drop in profits", "a £11.5m contract": the noun it modifies."""
    head = root.head
    if root.dep_ in ("nummod", "quantmod", "amod", "compound", "nmod") and head.tag_.startswith("NN") \
            and head.i >= span.end:
        return _what_noun_says(head)
    if root.tag_.startswith("NN") and root.i > span.start and _is_word(root):
        return _what_noun_says(root)  # "250 screens" taken whole: the noun is the span's own head
    return None


def _of_after(span: Span, root: Token, label: str) -> str | None:
    """"20% of Yugansk", "1.2 million of them"; money "in" what ("$6bn in credits")."""
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            noun = _object_noun(child)
            if noun is not None:
                return _what_noun_says(noun)
    if label != "MONEY":
        return None
    doc = span.doc
    index = span.end
    if index < len(doc) and doc[index].text == "(":  # "$27.5bn (£14.5bn) in unpaid taxes"
        closing = next((t.i for t in doc[index : index + 6] if t.text == ")"), None)
        index = closing + 1 if closing is not None else index
    if index < len(doc) and doc[index].lower_ == "in":
        noun = _object_noun(doc[index])
        indefinite = noun is not None and any(c.lower_ in ("a", "an") for c in noun.lefts)
        if noun is not None and not indefinite and noun.ent_type_ not in ("DATE", "TIME", "GPE", "LOC"):
            return _what_noun_says(noun)  # "$6bn in credits", not "sold for $9.3bn in an auction"
    return None


def _belongs_to(span: Span, root: Token, label: str) -> str | None:
    """"a pre-tax profit of £75m", "a contract worth £11.5m", "revenues - £160m -"."""
    head = root.head
    if root.dep_ == "pobj" and head.lower_ in ("of", "worth") and head.head.tag_.startswith("NN"):
        return _what_noun_says(head.head)
    if root.dep_ in ("npadvmod", "pobj") and head.lower_ == "worth" and head.head.tag_.startswith("NN"):
        return _what_noun_says(head.head)
    if root.dep_ == "appos" and head.tag_ in ("NN", "NNS") and _is_word(head):
        return _what_noun_says(head)
    return None


def _verb_of(span: Span, root: Token, label: str) -> str | None:
    """The verb the figure is the object of: what it says the figure is."""
    for child in root.children:
        if child.dep_ == "relcl" and child.lower_ in MONEY_VERB_NOUNS and label == "MONEY":
            return MONEY_VERB_NOUNS[child.lower_]  # "the $6bn which the bank lent Rosneft"
    token, preposition = root, None
    while token.dep_ == "conj" and (token.head.like_num or token.head.lower_ in _SCALE_WORDS):
        token = token.head  # "1,290 and 3,291": the second as the first
    if token.dep_ == "pobj" and token.head.lower_ in _FIGURE_PREPOSITIONS:
        preposition = token.head.lower_
        token = token.head
    if token.dep_ not in _OBJECT_DEPS and token.dep_ != "prep":
        return None
    verb = token.head
    for _ in range(2):  # "was up 4.3%", "is about 50% higher": past the adverb or adjective
        if verb.tag_.startswith("VB"):
            break
        verb = verb.head
    if not verb.tag_.startswith("VB"):
        return None
    word = verb.lower_
    if word in MONEY_VERB_NOUNS and label in ("MONEY", "CARDINAL"):
        return MONEY_VERB_NOUNS[word]
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.i != root.i and not c.like_num]
    if preposition == "at" and objects:
        return _what_noun_says(objects[0])  # "forecasting UK growth at 3%"
    if preposition == "for" and word in SALE_VERBS:
        sold = [c for c in verb.children if c.dep_ in ("nsubjpass", "dobj") and c.i != root.i]
        return _what_noun_says(sold[0]) if sold and sold[0].tag_.startswith("NN") else None
    if word in MEASURE_VERBS:
        subject = _passive_or_active_subject(verb)
        if subject is not None and subject.tag_.startswith("NN"):
            return _what_noun_says(subject)
    return None


def _passive_or_active_subject(verb: Token) -> Token | None:
    if verb.dep_ == "acl" and verb.head.tag_.startswith("NN"):
        return verb.head  # "growth forecasts slipping to 1.8%"
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    return verb_subject(verb, inverted=False)


def _object_noun(preposition: Token) -> Token | None:
    objects = [c for c in preposition.children if c.dep_ == "pobj" and _is_noun(c)]
    return objects[0] if objects else None


def _is_noun(token: Token) -> bool:
    return token.tag_.startswith("NN") and _is_word(token)


def _is_word(token: Token) -> bool:
    """A word, not a number, a scale, a unit or a mark ("27.5bn", "%", "euros", "m.")."""
    return token.lower_ not in _SCALE_WORDS and token.text.replace("-", "").isalpha()


def _what_noun_says(noun: Token) -> str | None:
    """The counted noun a noun stands for: the noun phrase itself ("passenger numbers"),
    what a change is in ("drop in profits"), what a measure measures ("the number of
    hotspots", "growth forecasts"), the plural of what a toll counts ("death toll")."""
    lower = noun.lower_
    if lower in CHANGE_NOUNS or lower in MEASURE_NOUNS:
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ in ("in", "of", "for"):
                measured = _object_noun(child)
                if measured is not None and not measured.like_num:
                    return _noun_phrase(measured)
        compounds = [c for c in noun.lefts if c.dep_ == "compound" and _is_noun(c)]
        if lower in MEASURE_NOUNS:
            # "growth forecasts" measure growth; "the figure" alone says nothing of its own.
            return _noun_phrase(compounds[-1]) if compounds else None
    if lower in TOLL_NOUNS:
        compounds = [c for c in noun.lefts if c.dep_ == "compound" and c.tag_ == "NN"]
        if compounds:
            word = compounds[-1].lower_
            return word[:-1] + "ies" if word.endswith("y") else word + "s"
    return _noun_phrase(noun) if _is_word(noun) else None


def _noun_phrase(noun: Token) -> str:
    words = [c for c in noun.lefts if c.dep_ == "compound" and _is_noun(c)]
    return " ".join([w.text for w in words] + [noun.text])


F = TypeVar("F", bound=Counted)


def share_counts(doc: Doc, figures: list[F]) -> list[F]:
    """Figures that name nothing themselves say what the figures listed with them say, or
    what the last figure alike before them in the paragraph counts (an elided noun: "the US
    has 85,505 cases, while China has 81,782"), or, for a count standing as a noun, the noun
    counted just before it in its sentence ("Million Dollar Baby has seven nominations while
    The Aviator has 11")."""
    text = doc_text(doc)
    found = list(figures)
    for index in [*range(1, len(found)), *range(len(found) - 2, -1, -1)]:
        figure = found[index]
        if figure.counts is not None or figure.label == "QUANTITY":
            continue
        for other in _neighbours(found, index):
            if other.counts is None or (other.counts == AGE and figure.label != "CARDINAL"):
                continue
            gap = text[min(other.end, figure.end) : max(other.start, figure.start)]
            if _LISTED.match(gap):
                found[index] = figure = replace(figure, counts=other.counts)
                break
    for index, figure in enumerate(found):
        if figure.counts is None and figure.label != "QUANTITY":
            counts = _elided(doc, found, index)
            if counts is not None:
                found[index] = replace(figure, counts=counts)
    return found


def _neighbours(figures: list[F], index: int) -> list[F]:
    return [figures[i] for i in (index - 1, index + 1) if 0 <= i < len(figures)]


def _last_alike(figures: list[Counted], index: int, since: int, labels: tuple[str, ...]) -> str | None:
    """What the last figure of one of ``labels`` before ``index``, from ``since`` on, counts (read
    backwards, so a long list of figures costs only its paragraph)."""
    for other in (figures[i] for i in range(index - 1, -1, -1)):
        if other.start < since:
            return None
        if other.label in labels and other.counts not in (None, AGE):
            return other.counts
    return None


def _elided(doc: Doc, figures: list[Counted], index: int) -> str | None:
    figure = figures[index]
    span = doc.char_span(figure.start, figure.end, alignment_mode="expand")
    if span is None or (figure.label == "CARDINAL" and span.root.dep_ not in _NOMINAL):
        return None  # a number that modifies nothing and stands as nothing: leave it
    # Money takes an elided noun from its own sentence only; counts from their paragraph.
    if figure.label == "MONEY":
        since = span.root.sent.start_char
    else:
        since = doc_text(doc).rfind("\n\n", 0, figure.start) + 1
    for labels in ((figure.label,), ("CARDINAL",) if figure.label == "PERCENT" else ()):
        alike = _last_alike(figures, index, since, labels)
        if alike is not None:
            return alike  # "…85,505 cases, while China has 81,782"; "…, only 25% get returned"
    if figure.label != "CARDINAL":
        return None
    sentence = span.root.sent
    before = [t for t in sentence if t.i < span.start]
    for token in reversed(before):
        if token.like_num and token.dep_ == "nummod" and token.head.tag_ == "NNS":
            return _noun_phrase(token.head)
    plurals = [t for t in before if t.tag_ == "NNS" and t.ent_type_ not in ("DATE", "TIME")]
    return _noun_phrase(plurals[-1]) if plurals else None

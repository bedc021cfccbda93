"""Direct quote, partial quote or quoted term: what a quoted stretch is, from its sentence.

A **direct** quote is the speech itself, set off from the narration: it opens a
sentence (``“We will win,” she said``), follows its cue after a colon or a comma
(``He said: “…”``, ``She added, “…”``), continues a quote split by its
attribution, or is a whole sentence (a capital, a clause) that is the object of
the speech verb just before it (``the crowd chanted “Lock her up!”``).

A **partial** quote is quoted words inside the narrator's own sentence: after
"that" (``he said that “the plan has failed”``), or a fragment of reported speech
(``he said Cruz “has courage”``, ``she called it “a sobering reminder of…”``).
It needs a clause of its own or a few words with a speech verb in its sentence;
fewer words are a **quoted term** (a scare quote, a title, a nickname: ``the
“Chinese virus”``), which is not a quote at all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sitegen.annotate.lexicon import NAMING_VERBS
from sitegen.annotate.nlp import doc_text
from sitegen.annotate.quotemarks import QuotedSpan

if TYPE_CHECKING:
    from spacy.tokens import Doc

DIRECT, PARTIAL = "direct", "partial"
MIN_UNATTRIBUTED_WORDS = 8  # a quoted fragment with no speech verb near it needs this many words
MIN_PARTIAL_WORDS = 4  # a fragment of reported speech without a clause of its own needs this many
CUE_REACH = 8  # tokens between a speech verb and the comma before a quote it introduces
_TERMINAL = set(",.!?…:;—-")
_SENTENCE_END = set(".!?")
_CLOSING_MARKS = set("\"”’'")
_SETTING_OFF = set(",—–-(")  # a comma, a dash or a bracket before the opening mark

# Where a quoted stretch stands in its sentence (what precedes the opening mark).
OPENING, SET_OFF, AFTER_THAT, INLINE = "opening", "set-off", "after-that", "inline"


def opens_sentence(text: str, start: int) -> bool:
    """Whether a quote mark at ``start`` opens a sentence (not a phrase quoted mid-sentence)."""
    index = start - 1
    while index >= 0 and text[index] in " \t\u00a0":
        index -= 1
    if index < 0 or text[index] == "\n":
        return True
    return text[index] in _SENTENCE_END or text[index] in ":…" or text[index] in _CLOSING_MARKS


def setting(text: str, start: int) -> str:
    """Where the quote opening at ``start`` stands: at a sentence's start (or after a
    colon), set off by a comma or dash, after "that", or inline in the narration."""
    if opens_sentence(text, start):
        return OPENING
    before = text[max(0, start - 40) : start].rstrip(" \t\u00a0")
    if before[-1:] in _SETTING_OFF:
        return SET_OFF
    words = before.split()
    if words and words[-1].lower() == "that":
        return AFTER_THAT
    return INLINE


def inner_text(text: str, span: QuotedSpan) -> str:
    """The quoted words without their marks."""
    return text[span.start + 1 : span.end - (1 if span.closed else 0)].strip()


def has_own_clause(doc: Doc, start: int, end: int) -> bool:
    """Whether the quoted words hold a subject with its verb (a clause of their own)."""
    window = doc.char_span(start, end, alignment_mode="contract")
    if window is None:
        return False
    for token in window:
        if (
            token.dep_ in ("nsubj", "nsubjpass", "expl")
            and window.start <= token.head.i < window.end
            and (token.head.tag_.startswith("VB") or token.head.tag_ == "MD")
        ):
            return True
    return False


def _capitalised(inner: str) -> bool:
    letters = inner.lstrip("\"“”'‘’[(…. \u00a0")
    return letters[:1].isupper()


def quote_kind(doc: Doc, span: QuotedSpan, cue: int | None, cue_after: bool,
               continues: bool = False) -> str | None:
    """DIRECT, PARTIAL or None (a quoted term) for one quoted stretch.

    ``cue`` is the token index of a speech verb before the quote in its sentence (or
    None), ``cue_after`` whether one attributes it after its closing mark.
    """
    text = doc_text(doc)
    inner = inner_text(text, span)
    words = len(inner.split())
    if not words:
        return None
    ends_like_speech = inner[-1] in _TERMINAL
    has_cue = cue is not None or cue_after
    if span.single:
        return DIRECT if has_cue and ends_like_speech and words >= 2 else None
    if continues:
        return DIRECT
    where = setting(text, span.start)
    if where == OPENING:
        return DIRECT if has_cue or ends_like_speech or words >= MIN_UNATTRIBUTED_WORDS else None
    clause = has_own_clause(doc, span.start + 1, span.end - (1 if span.closed else 0))
    if not (clause or words >= MIN_UNATTRIBUTED_WORDS or (has_cue and words >= MIN_PARTIAL_WORDS)):
        return None  # a quoted term
    if where == SET_OFF and (_capitalised(inner) or (
            clause and (cue_after or _cue_just_before(doc, cue, span)))):
        return DIRECT  # “She added, “actually, we won.”; not “the courts which, he said, “are…”
    if where == INLINE and _capitalised(inner) and (clause or ends_like_speech) \
            and (cue_after or _object_of_verb(doc, span)):
        return DIRECT
    return PARTIAL


def _cue_just_before(doc: Doc, cue: int | None, span: QuotedSpan) -> bool:
    """“He added, “actually…”: the speech verb ends the words just before the comma."""
    if cue is None:
        return False
    opening = doc.char_span(span.start, span.end, alignment_mode="expand")
    return opening is not None and opening.start - cue <= CUE_REACH


def _object_of_verb(doc: Doc, span: QuotedSpan) -> bool:
    """The quoted sentence is what the verb just before it says: it follows the verb straight
    away or after the verb's own object ("yelled “You lie!”", "told reporters “We won.”")."""
    opening = doc.char_span(span.start, span.end, alignment_mode="expand")
    if opening is None or opening.start == 0:
        return False
    for back in range(1, 4):
        index = opening.start - back
        if index < 0:
            return False
        token = doc[index]
        if token.tag_.startswith("VB") and token.tag_ != "VBN" and token.lower_ not in NAMING_VERBS:
            between = range(index + 1, opening.start)
            return all(doc[i].head.i == index or doc[i].head.i > index for i in between)
        if not (token.tag_.startswith(("NN", "PRP", "DT", "IN")) or token.tag_ == "TO"):
            return False
    return False

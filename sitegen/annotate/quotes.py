"""Direct quotes and their attributions, read from a parsed spaCy Doc.

``match_quotes()`` finds the quoted stretches that are speech (not scare-quoted
terms) and the speech verb that attributes each, and classifies the verb's
subject with :mod:`subjects` (a name, a pronoun, a description of a person, or
nobody in particular). Who a pronoun or a description refers to is left to the
speakers stage, which reads the whole article.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitegen.annotate.lexicon import SPEECH_VERBS
from sitegen.annotate.nlp import doc_text
from sitegen.annotate.quotemarks import QuotedSpan, find_quoted_spans
from sitegen.annotate.subjects import (
    NOBODY,
    UNATTRIBUTED,
    classify_subject,
    subject_span,
    verb_subject,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

MIN_PARTIAL_WORDS = 8  # a partial quote without its own clause needs this many words
_TERMINAL = set(",.!?…:;—-")
_AFTER_CUE_ENDINGS = set(",!?—-…")
_SENTENCE_END = set(".!?")
_CLOSING_MARKS = set("\"”’'")


@dataclass(frozen=True)
class Attribution:
    """Who a quote is attributed to: the words naming the speaker, their kind, and the cue."""

    speaker_start: int | None  # character span of the words naming the speaker
    speaker_end: int | None
    cue: str | None
    kind: str = UNATTRIBUTED
    head: int | None = None  # character offset of the subject's head word
    continued: bool = False  # carried over from the quote before (split by its attribution)


@dataclass(frozen=True)
class QuoteMatch:
    """A quote found in a Doc, with its attribution (speaker still unresolved)."""

    start: int
    end: int
    attribution: Attribution


NO_ATTRIBUTION = Attribution(None, None, None)


def opens_sentence(text: str, start: int) -> bool:
    """Whether a quote mark at ``start`` opens a sentence (not a phrase quoted mid-sentence)."""
    index = start - 1
    while index >= 0 and text[index] in " \t":
        index -= 1
    if index < 0 or text[index] == "\n":
        return True
    return text[index] in _SENTENCE_END or text[index] in ":…" or text[index] in _CLOSING_MARKS


def _inner(text: str, span: QuotedSpan) -> str:
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


def is_speech(doc: Doc, span: QuotedSpan, has_cue: bool, continues: bool = False) -> bool:
    """Speech, not a quoted term.

    A quote that opens a sentence is speech when attributed, when it ends like a
    sentence or clause, or when it is long. One quoted mid-sentence is a partial
    quote: it counts only with a clause of its own or at least eight words
    (``the results were "respectable"`` does not). The second half of a quote
    split by its attribution always counts.
    """
    inner = _inner(doc_text(doc), span)
    words = len(inner.split())
    if not words:
        return False
    ends_like_speech = inner[-1] in _TERMINAL
    if span.single:
        return has_cue and ends_like_speech and words >= 2
    if continues:
        return True
    if opens_sentence(doc_text(doc), span.start):
        return has_cue or ends_like_speech or words >= MIN_PARTIAL_WORDS
    if words >= MIN_PARTIAL_WORDS:
        return True
    return has_own_clause(doc, span.start + 1, span.end - (1 if span.closed else 0))


def match_quotes(doc: Doc) -> list[QuoteMatch]:
    """Every quote in ``doc`` with the speech verb and subject that attribute it."""
    spans = find_quoted_spans(doc_text(doc))
    found: list[QuoteMatch] = []
    for index, span in enumerate(spans):
        limit = spans[index + 1].start if index + 1 < len(spans) else len(doc_text(doc))
        floor = spans[index - 1].end if index else 0
        attribution = _cue_after(doc, span, limit) or _cue_before(doc, span.start, floor)
        continued = _continued(doc, found, span)
        if not is_speech(doc, span, attribution is not None, continued is not None):
            continue
        if attribution is None:
            attribution = continued
        found.append(QuoteMatch(span.start, span.end, attribution or NO_ATTRIBUTION))
    return found


def quoted_stretches(doc: Doc) -> list[tuple[int, int]]:
    """Character spans of every quoted stretch (speech or not): text not to read as narration."""
    return [(s.start, s.end) for s in find_quoted_spans(doc_text(doc))]


def _tokens_between(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="contract") if end > start else None


def _paragraph_end(text: str, index: int) -> int:
    end = text.find("\n\n", index)
    return len(text) if end == -1 else end


def _paragraph_start(text: str, index: int) -> int:
    start = text.rfind("\n\n", 0, index)
    return 0 if start == -1 else start + 2


def _cue_after(doc: Doc, span: QuotedSpan, limit: int) -> Attribution | None:
    """“…,” she said / “…,” said Mr Smith / “…,” Mr Smith, the mayor, told the BBC.

    Only a quote that ends like a clause (a comma, "!" or "?", a dash) takes its
    attribution from the words after it: after a full stop they start a new sentence.
    """
    if not span.closed:
        return None
    inner = _inner(doc_text(doc), span)
    following = doc_text(doc)[span.end : span.end + 1]
    if not inner or not (inner[-1] in _AFTER_CUE_ENDINGS or following == ","):
        return None
    end = min(limit, _paragraph_end(doc_text(doc), span.end))
    window = _tokens_between(doc, span.end, end)
    if window is None:
        return None
    for position, token in enumerate(window):
        if position > 20 or token.text in _SENTENCE_END or token.text in (":", ";"):
            break
        if _is_speech_verb(token) or _is_according_to(token):
            return _attribution(doc, token, after=span.end)
    return None


def _cue_before(doc: Doc, quote_start: int, floor: int) -> Attribution | None:
    """Mr Smith said: “…” / she told reporters: “…” / according to Mr Smith, “…”

    The cue must be in the same sentence: a quote that opens after a full stop
    has no attribution before it. A sentence introducing the quote with a colon
    but no speech verb ("Her message was clear: “…”") gives its subject.
    """
    text = doc_text(doc)
    before = text[max(floor, _paragraph_start(text, quote_start)) : quote_start].rstrip()
    if not before or before[-1] in _SENTENCE_END or before[-1] in _CLOSING_MARKS:
        return None
    start = max(floor, _paragraph_start(text, quote_start))
    window = _tokens_between(doc, start, quote_start)
    if window is None or not len(window):
        return None
    for token in reversed(window):
        if quote_start - token.idx > 240 or (token.text in _SENTENCE_END and token.i < window.end - 1):
            break
        if _is_speech_verb(token) or _is_according_to(token):
            return _attribution(doc, token)
    if before[-1] == ":":
        root = window[-1].sent.root
        if root.idx < quote_start and not (root.idx < (floor or -1)):
            subject = verb_subject(root)
            if subject is not None and subject.idx >= start:
                return _describe(doc, subject, None)
    return None


def _continued(doc: Doc, found: list[QuoteMatch], span: QuotedSpan) -> Attribution | None:
    """“We will,” she said, “win.”: the second half of a quote split by its attribution."""
    if not found:
        return None
    previous = found[-1]
    attribution = previous.attribution
    if attribution.cue is None:
        return None
    closing = doc_text(doc)[previous.end - 2 : previous.end]
    gap = doc_text(doc)[previous.end : span.start]
    if "\n\n" in gap or len(gap.split()) > 10 or not gap.rstrip().endswith(","):
        return None
    if not (closing[:1] in _AFTER_CUE_ENDINGS or gap.startswith(",")):
        return None
    return Attribution(
        attribution.speaker_start,
        attribution.speaker_end,
        attribution.cue,
        attribution.kind,
        attribution.head,
        continued=True,
    )


def _is_speech_verb(token: Token) -> bool:
    return token.lower_ in SPEECH_VERBS and (token.tag_.startswith("VB"))


def _is_according_to(token: Token) -> bool:
    return (
        token.lower_ == "according"
        and token.i + 1 < len(token.doc)
        and (token.doc[token.i + 1].lower_ == "to")
    )


def _attribution(doc: Doc, verb: Token, after: int | None = None) -> Attribution:
    if _is_according_to(verb):
        objects = [c for c in doc[verb.i + 1].children if c.dep_ == "pobj"]
        subject = objects[0] if objects else None
        cue = "according to"
    else:
        subject = verb_subject(verb)
        cue = verb.text
        if subject is not None and after is not None and subject.idx < after:
            subject = None  # the subject sits inside or before the quote: not this quote's speaker
        if subject is None and after is not None:
            subject = _word_before(verb, after)
    if subject is None:  # none found, or a passive one: "she was told: …" names the listener
        return Attribution(None, None, cue, NOBODY)
    return _describe(doc, subject, cue)


def _word_before(verb: Token, after: int) -> Token | None:
    """“…,” the 30-year-old told: when the parse gives the verb no subject, the noun before it."""
    if verb.i == 0:
        return None
    word = verb.doc[verb.i - 1]
    if word.idx >= after and (word.tag_.startswith("NN") or word.tag_ == "PRP" or word.lower_ == "old"):
        return word
    return None


def _describe(doc: Doc, subject: Token, cue: str | None) -> Attribution:
    """Classify a subject: name, pronoun, description of a person, or nobody in particular."""
    kind, head = classify_subject(subject)
    start, end = subject_span(head, kind)
    return Attribution(start, end, cue, kind, head.idx)



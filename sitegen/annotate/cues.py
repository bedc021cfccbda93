"""A quote's cue and the mention that attributes it, read from a parsed spaCy Doc.

``cue_after`` reads the clause after a quote (“…,” she said / “…,” said Mr Smith /
“…” Trump said.), ``cue_before`` the words before it in its sentence (Mr Smith said:
“…” / according to Mr Smith, “…” / Clinton: “…”). Each gives an ``Attribution``: the
speech verb, and the subject that names the speaker, classified by :mod:`subjects`
(a name, a pronoun, a description, nobody in particular). Who that subject refers
to is the speakers stage's question.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitegen.annotate.lexicon import NAMING_VERBS, PHRASAL_SPEECH_VERBS, SPEECH_VERBS
from sitegen.annotate.nlp import doc_text
from sitegen.annotate.quotekind import inner_text
from sitegen.annotate.quotemarks import QuotedSpan
from sitegen.annotate.subjects import (
    NOBODY,
    UNATTRIBUTED,
    classify_subject,
    subject_span,
    verb_subject,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

CUE_WINDOW = 32  # tokens after a quote that its attribution may take ("…," X, a spokesman for Y, said)
SUBJECT_REACH = 12  # tokens before a speech verb to look for its unparsed subject
INVERTED_REACH = 6  # tokens after an inverted verb to its speaker ("said retired neurosurgeon Ben Carson")
NEXT_SENTENCE_TOKENS = 12  # the longest sentence of attribution after a quote ("Smith said on Monday.")
AFTER_CUE_ENDINGS = set(",!?—-…")
_FINITE = frozenset({"VBD", "VBZ", "VBP"})
QUOTED = "sitegen_quoted"  # Doc.user_data: the quoted stretches of the text
_OBJECTS = frozenset({"dobj", "ccomp", "xcomp", "acomp", "oprd", "attr"})
_OPENING_MARKS = set("“‘\"")
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
    cue_token: int | None = None  # index of the speech verb's token


NO_ATTRIBUTION = Attribution(None, None, None)


def _tokens_between(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="contract") if end > start else None


def _paragraph_end(text: str, index: int) -> int:
    end = text.find("\n\n", index)
    return len(text) if end == -1 else end


def _paragraph_start(text: str, index: int) -> int:
    start = text.rfind("\n\n", 0, index)
    return 0 if start == -1 else start + 2


def cue_after(doc: Doc, span: QuotedSpan, limit: int) -> Attribution | None:
    """“…,” she said / “…,” said Mr Smith / “…,” Mr Smith, the mayor, told the BBC.

    A quote that ends like a clause (a comma, "!" or "?", a dash) takes its
    attribution from the clause after it: its speech verb, or whatever verb opens
    it (“…,” Trump barked / “…,” beamed Ms Hartley). One that ends like a sentence
    takes it only from a short sentence of attribution after it (“…” Trump said.).
    """
    if not span.closed:
        return None
    text = doc_text(doc)
    inner = inner_text(text, span).rstrip("'’\")]")  # a quote may end in a quote: ‘…,’”
    window = _tokens_between(doc, span.end, min(limit, _paragraph_end(text, span.end)))
    if not inner or window is None:
        return None
    if inner[-1] == "." and text[span.end : span.end + 1] != ",":
        return _next_sentence_cue(doc, window, span.end)
    verb = _verb_after(window)  # “…,” / “…?” / “…” without a mark of its own, Grubbs said
    return _attribution(doc, verb, quote=span) if verb is not None else None


def _verb_after(window: Span) -> Token | None:
    """The speech verb of the clause after a quote, else the verb that opens that clause
    (after its subject, or straight away)."""
    clause: list[Token] = []
    for position, token in enumerate(window):
        if position > CUE_WINDOW or token.text in _SENTENCE_END or token.text in (":", ";") \
                or token.text in _OPENING_MARKS:
            break
        if _is_speech_verb(token) or _is_according_to(token):
            return token
        if token.tag_ in _FINITE and token.dep_ in ("ROOT", "ccomp", "conj"):
            clause.append(token)
            break  # the clause after the quote has a verb of its own
        clause.append(token)
    for position, token in enumerate(clause):
        # “…,” Trump barked / “…,” Bennett shot back / “…,” read the email: a verb whose
        # object is the quote (one opening the clause may have its subject after it).
        inverted = all(t.is_punct for t in clause[:position])
        if (token.tag_ in _FINITE or (inverted and token.tag_ == "VBN")) and token.dep_ != "aux":
            has_object = not inverted and any(c.dep_ in _OBJECTS and c.i > token.i for c in token.children)
            return None if has_object or token.lower_ in NAMING_VERBS else token
        if not (token.is_punct or token.tag_.startswith(("NN", "PRP", "JJ", "DT", "CD", "IN", "POS"))):
            return None  # “…,” a staffer in the room wondered: a subject, then its verb
    return None


def _next_sentence_cue(doc: Doc, window: Span, after: int) -> Attribution | None:
    """“We will win.” Trump said. / “…” Ms Smith said in a statement.: a short sentence
    whose speech verb reports nothing of its own attributes the quote before it."""
    sentence: list[Token] = []
    for token in window:
        if token.text in _SENTENCE_END or len(sentence) > NEXT_SENTENCE_TOKENS:
            break
        sentence.append(token)
    else:
        return None  # the sentence runs on past the next quote: it is not a short attribution
    if len(sentence) > NEXT_SENTENCE_TOKENS:
        return None
    for token in sentence:
        if _is_speech_verb(token) and not any(
            c.dep_ in ("ccomp", "dobj", "xcomp", "mark") for c in token.children
        ):
            subject = verb_subject(token)
            if subject is not None and subject.idx >= after and subject.i < token.i:
                return _describe(doc, subject, token.text, token.i)
    return None


def cue_before(doc: Doc, quote_start: int, floor: int) -> Attribution | None:
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
    colon = _colon_intro(doc, window, start, quote_start) if before[-1] == ":" else None
    for token in reversed(window):
        if quote_start - token.idx > 240 or (token.text in _SENTENCE_END and token.i < window.end - 1):
            break
        if _is_speech_verb(token) or _is_according_to(token):
            if colon is not None and colon.head is not None and colon.head > token.idx:
                return colon  # "Reid said …, but he gave the Texan a compliment: “…”"
            return _attribution(doc, token)
    return colon


def _colon_intro(doc: Doc, window: Span, start: int, quote_start: int) -> Attribution | None:
    """Her message was clear: “…” / Clinton: “…”: the subject of the clause before the colon,
    or the name that is all there is before it."""
    sentence_start = window[-2 if len(window) > 1 else -1].sent.start  # the colon may open the next
    clause = [t for t in window if t.idx >= start and t.i >= sentence_start]
    dashes = [i for i, t in enumerate(clause) if t.text in ("-", "–", "—", "|")]
    named = [t for t in clause[dashes[-1] + 1 if dashes else 0 :] if not t.is_punct]
    if named and all(t.tag_ == "CC" or (t.tag_.startswith("NN") and t.text[:1].isupper()) for t in named):
        return _describe(doc, named[-1], None)  # "Clinton: “…”", "… - Mark Blumenthal and Jon Cohen: “…”"
    verb = _clause_verb(window[-2], quote_start) if len(window) > 1 else None
    if verb is not None and start <= verb.idx < quote_start:
        subject = verb_subject(verb, inverted=False)
        if subject is not None and start <= subject.idx < quote_start:
            return _describe(doc, subject, None)
    return None


def _clause_verb(token: Token, quote_start: int) -> Token | None:
    """The verb of the clause a token ends ("… but he gave the Texan a compliment:"), before
    the quote (the parse may hang the clause on the quoted words)."""
    for _ in range(8):
        if token.tag_.startswith("VB") and token.dep_ not in ("aux", "auxpass"):
            return token
        if token.head.i == token.i or token.head.idx >= quote_start:
            break
        token = token.head
    verbs = [t for t in token.sent if t.idx < token.idx + len(token) and t.tag_.startswith("VB")
             and t.dep_ not in ("aux", "auxpass")]
    return verbs[-1] if verbs else None


def _is_speech_verb(token: Token) -> bool:
    if not token.tag_.startswith("VB"):
        return False
    if token.lower_ in SPEECH_VERBS:
        return True
    particle = PHRASAL_SPEECH_VERBS.get(token.lower_)
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return particle is not None and following is not None and following.lower_ == particle


def _is_according_to(token: Token) -> bool:
    return (
        token.lower_ == "according"
        and token.i + 1 < len(token.doc)
        and (token.doc[token.i + 1].lower_ == "to")
    )


def _attribution(doc: Doc, verb: Token, quote: QuotedSpan | None = None) -> Attribution:
    """The attribution a speech verb gives; ``quote`` is the quote it follows, if any."""
    if _is_according_to(verb):
        objects = [c for c in doc[verb.i + 1].children if c.dep_ == "pobj"]
        subject = objects[0] if objects else None
        cue = "according to"
    else:
        subject = verb_subject(verb)
        cue = verb.text
        if subject is not None and _inside_quote(doc, subject.idx):
            subject = None  # the parse hung the verb on the quoted words: their subject is not the speaker
        if quote is not None:
            subject = _subject_after(verb, quote, subject)
        elif subject is None and not any(c.dep_ == "nsubjpass" for c in verb.children):
            subject = _subject_to_the_left(verb)
    if subject is not None and _inside_quote(doc, subject.idx):
        subject = None
    if subject is None:  # none found, or a passive one: "she was told: …" names the listener
        return Attribution(None, None, cue, NOBODY, cue_token=verb.i)
    return _describe(doc, subject, cue, verb.i)


def _inside_quote(doc: Doc, offset: int) -> bool:
    return any(start < offset < end for start, end in doc.user_data.get(QUOTED, ()))


def _subject_after(verb: Token, quote: QuotedSpan, subject: Token | None) -> Token | None:
    """The speaker of “…,” X said: the name or pronoun between the quote and its verb
    (“…,” Ramos, 58, told AFP) when the parse gives the verb no subject there; or the
    subject its clause began with before the quote (She declared “…” and said / she
    stated, “…,” adding), never one in an earlier sentence or inside the quote."""
    after = quote.end
    if subject is not None and after <= subject.idx:
        return subject  # “…,” Toomey fumed / “…” that X can win, said Steve Elmendorf
    doc = verb.doc
    first = verb.i
    while first > 0 and doc[first - 1].idx >= after:
        first -= 1
    between = doc[first : verb.i]
    for token in [t for t in between if t.tag_ in ("NNP", "NNPS", "PRP")][:1]:
        head = token
        while head.dep_ in ("compound", "flat") and after <= head.head.idx < verb.idx:
            head = head.head
        return head
    for token in [t for t in between if t.tag_ in ("NN", "NNS")][:1]:  # “…,” an intelligence source told
        head = token  # up to the head of its noun phrase ("the 30-year-old": "old")
        while head.head.i != head.i and after <= head.head.idx < verb.idx and _nominal(head.head):
            head = head.head
        return head
    if first == verb.i or all(t.is_punct for t in doc[first : verb.i]):
        named = _named_after(verb)  # “…,” said retired neurosurgeon Ben Carson, asked about…
        if named is not None:
            return named
    if subject is not None and subject.idx < after:
        opening = doc.char_span(quote.start, quote.end, alignment_mode="expand")
        same_sentence = opening is not None and subject.i >= opening[0].sent.start
        if not (same_sentence and subject.idx < quote.start):
            subject = None  # before the quote's sentence, or inside the quote: someone else
    return subject or _word_before(verb, after)


def _nominal(token: Token) -> bool:
    return token.tag_.startswith("NN") or token.lower_ == "old"


def _subject_to_the_left(verb: Token) -> Token | None:
    """Clinton, exasperated, famously responded: / Sen. Richard Durbin (D-Ill.), noting the
    size of his following, said: the person named just before the verb when the parse gives
    it no subject, past adverbs and a phrase set off by commas that opens with a participle."""
    doc = verb.doc
    segment: list[Token] = []
    index = verb.i - 1
    while index >= verb.sent.start and len(segment) < SUBJECT_REACH:
        token = doc[index]
        if token.text == ",":
            if segment and not _set_off_aside(segment):
                break
            segment = []
        elif token.tag_ in ("RB", "-RRB-", "-LRB-") or token.ent_type_ in ("DATE", "TIME"):
            pass
        else:
            segment.insert(0, token)
        index -= 1
    persons = [t for t in segment if t.ent_type_ == "PERSON"]
    if persons:
        return persons[-1]
    people = [t for t in segment if t.tag_ in ("NNP", "NNPS", "PRP")]
    if people:
        return people[0]
    nouns = [t for t in segment if t.tag_.startswith("NN")]
    return nouns[-1] if nouns else None


def _set_off_aside(segment: list[Token]) -> bool:
    """", noting the size of his following," / ", exasperated,": a phrase to skip."""
    if len(segment) == 1 and segment[0].tag_.startswith(("VB", "JJ")):
        return True  # ", exasperated,"
    return segment[0].tag_ in ("VBG", "VBN", "JJ") or all(t.tag_.startswith("RB") for t in segment)


def _named_after(verb: Token) -> Token | None:
    """The noun phrase right after an inverted speech verb, when the parse hung it elsewhere:
    its head noun (“…,” said a person close to the Clintons)."""
    doc = verb.doc
    for token in doc[verb.i + 1 : verb.i + 1 + INVERTED_REACH]:
        if token.tag_.startswith("NN") or token.tag_ == "PRP":
            head = token
            while head.dep_ in ("compound", "flat", "amod") and head.head.i > head.i \
                    and head.head.i <= verb.i + INVERTED_REACH:
                head = head.head
            return head
        if not (token.tag_ in ("DT", "JJ", "VBN", "PRP$") or token.is_punct):
            return None
    return None


def _word_before(verb: Token, after: int) -> Token | None:
    """“…,” the 30-year-old told: when the parse gives the verb no subject, the noun before it."""
    if verb.i == 0:
        return None
    word = verb.doc[verb.i - 1]
    if word.idx >= after and (word.tag_.startswith("NN") or word.tag_ == "PRP" or word.lower_ == "old"):
        return word
    return None


def _describe(doc: Doc, subject: Token, cue: str | None, cue_token: int | None = None) -> Attribution:
    """Classify a subject: name, pronoun, description of a person, or nobody in particular."""
    kind, head = classify_subject(subject)
    start, end = subject_span(head, kind)
    return Attribution(start, end, cue, kind, head.idx, cue_token=cue_token)

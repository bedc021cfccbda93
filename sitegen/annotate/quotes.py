"""Direct quotes and their attributions, read from a parsed spaCy Doc.

``match_quotes()`` finds the quoted stretches that are speech (not scare-quoted
terms) and the speech verb that attributes each, and classifies the verb's
subject: a name, a pronoun, a definite description of a person ("the judge",
"the 30-year-old"), or nobody in particular (an organisation, a report, "a
spokesman"). ``sentence_subjects()`` gives the main subject of every sentence
outside quotes, so that the records stage can follow who the text is talking
about and resolve pronouns, descriptions and unattributed quotes to that person.
Nothing here guesses a name: a subject that is not a person stays unresolved.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitegen.annotate.lexicon import (
    DEFINITE_DETERMINERS,
    INDEFINITE_DETERMINERS,
    PRONOUN_GENDER,
    SPEECH_VERBS,
    is_person_word,
)
from sitegen.annotate.nlp import doc_text, entity_span
from sitegen.annotate.quotemarks import QuotedSpan, find_quoted_spans

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


# What a quote's attributed subject is.
NAME = "name"  # a proper name ("Mr Smith", "Xi")
PRONOUN = "pronoun"  # "he" / "she"
DESCRIPTION = "description"  # a definite description of a person ("the judge")
INDEFINITE = "indefinite"  # an unnamed person ("a spokesman", "another MP")
NOBODY = "nobody"  # not one person: an organisation, a report, "they", "I"
UNATTRIBUTED = "unattributed"  # no speech verb found at all

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


@dataclass(frozen=True)
class SubjectRef:
    """The main subject of a sentence outside quotes (who the sentence is about)."""

    start: int
    end: int
    kind: str
    head: int


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
            subject = _subject(root)
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
        subject = _subject(verb)
        cue = verb.text
        if subject is not None and after is not None and subject.idx < after:
            subject = None  # the subject sits inside or before the quote: not this quote's speaker
        if subject is None and after is not None:
            subject = _word_before(verb, after)
    if subject is None:
        if any(c.dep_ == "nsubjpass" for c in verb.children):
            return Attribution(None, None, cue, NOBODY)  # "she was told: …" names the listener
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


def _subject(verb: Token) -> Token | None:
    """The active subject of a verb, or the name after it ("said Mr Smith")."""
    for child in verb.children:
        if child.dep_ == "nsubj":
            return child
    if any(child.dep_ == "nsubjpass" for child in verb.children):
        return None
    # "said Mr Smith" / "said the report": the parser hangs the subject after the verb.
    for child in verb.rights:
        if child.tag_ in ("NNP", "NNPS", "NN", "NNS", "PRP") and child.dep_ in (
            "nsubj", "dobj", "attr", "npadvmod", "appos", "oprd", "dative", "ccomp", "xcomp",
        ):
            return child
        if child.tag_ in ("NNP", "NNPS") or child.ent_type_ == "PERSON":
            return child
    if verb.dep_ in ("conj", "xcomp", "advcl", "relcl") and verb.head is not verb:
        return _subject(verb.head)
    return None


def _describe(doc: Doc, subject: Token, cue: str | None) -> Attribution:
    """Classify a subject: name, pronoun, description of a person, or nobody in particular."""
    kind, head = classify_subject(subject)
    start, end = _extent(head, kind)
    return Attribution(
        doc[start].idx,
        doc[end - 1].idx + len(doc[end - 1].text),
        cue,
        kind,
        head.idx,
    )


def classify_subject(token: Token) -> tuple[str, Token]:
    """What kind of subject ``token`` heads, and the token that names it."""
    lower = token.lower_
    if lower in PRONOUN_GENDER:
        return PRONOUN, token
    if token.tag_ in ("PRP", "PRP$", "WP", "DT", "EX"):
        return NOBODY, token
    # "the play's organiser in Uganda, Sarah Mukasa, told": the name in apposition.
    if token.tag_.startswith("NN") and not token.tag_.startswith("NNP"):
        for child in token.children:
            if child.dep_ == "appos" and (child.tag_ in ("NNP", "NNPS") or child.ent_type_ == "PERSON"):
                return NAME, child
        if is_person_noun(token):
            # "A spokesman for DLF Builders, Dr Vancheshwar, told": the parse hangs the name
            # on the nearest noun; a name set off by commas inside the phrase is the person.
            for word in token.subtree:
                if word.dep_ == "appos" and word.tag_ == "NNP" and word.i > token.i \
                        and word.doc[word.left_edge.i - 1].text == ",":
                    return NAME, word
    determiners = _determiners(token)
    if determiners & INDEFINITE_DETERMINERS:
        return (INDEFINITE if is_person_noun(token) else NOBODY), token
    if token.ent_type_ == "NORP" and determiners & DEFINITE_DETERMINERS:
        return DESCRIPTION, token  # "the American"
    if token.tag_ == "NNP" and is_person_noun(token) and determiners & DEFINITE_DETERMINERS \
            and not any(c.dep_ == "compound" for c in token.lefts):
        return DESCRIPTION, token  # "the Cardinal": a title, not a name
    if token.tag_ in ("NNP", "NNPS") or token.ent_type_ == "PERSON":
        return NAME, token  # whether the name is a person's is decided with all its mentions
    if token.tag_ == "NNS":
        return NOBODY, token
    if is_person_noun(token):
        definite = determiners & DEFINITE_DETERMINERS or any(
            c.dep_ == "poss" or (c.dep_ == "compound" and c.tag_.startswith("NNP")) for c in token.lefts
        )
        return (DESCRIPTION if definite else INDEFINITE), token
    return NOBODY, token


def _determiners(token: Token) -> set[str]:
    """The determiners of a noun: its own, or the one opening its phrase when the parse
    missed it ("the 30-year-old told": "old" is left without a determiner)."""
    found = {c.lower_ for c in token.lefts if c.dep_ in ("det", "predet")}
    if found:
        return found
    if token.left_edge.tag_ == "DT" and token.left_edge.i < token.i:
        return {token.left_edge.lower_}  # "the world 200m and 400m record holder"
    index = token.i - 1
    while index >= 0 and token.doc[index].tag_ in ("CD", "HYPH", "NN", "NNP", "JJ", "JJS", "VBN"):
        index -= 1
    if index >= 0 and index < token.i - 1 and token.doc[index].tag_ == "DT":
        return {token.doc[index].lower_}
    return set()


def is_person_noun(token: Token) -> bool:
    """Whether a word names a person by role: "judge", "co-founder", or the "old" of
    "the 30-year-old". The word rule only: a caller that needs a common noun checks the tag."""
    if token.lower_ == "old" and token.i >= 2 and token.doc[token.i - 2].lower_ == "year":
        return True  # "the 30-year-old"
    return is_person_word(token.lower_)


def _extent(token: Token, kind: str) -> tuple[int, int]:
    """The words naming the subject: its entity, or the noun with its left modifiers."""
    if kind == NAME and (entity := entity_span(token)) is not None:
        return entity.start, entity.end
    if kind in (PRONOUN,):
        return token.i, token.i + 1
    left = token.i
    for child in token.lefts:
        if child.dep_ in ("compound", "amod", "det", "poss", "nummod", "nmod", "punct") and child.i < left:
            left = child.left_edge.i if kind != NAME else child.i
    while left < token.i and token.doc[left].is_punct:
        left += 1
    return left, token.i + 1


def sentence_subjects(doc: Doc, quoted: list[tuple[int, int]]) -> list[SubjectRef]:
    """The main subject of each sentence, where it lies outside every quoted stretch."""
    found: list[SubjectRef] = []
    ordered = sorted(quoted)
    starts = [start for start, _ in ordered]

    def inside(offset: int) -> bool:
        # Quoted stretches do not overlap: only the last one starting at or before offset can hold it.
        position = bisect_right(starts, offset) - 1
        return position >= 0 and offset < ordered[position][1]

    for sentence in doc.sents:
        root = sentence.root
        if inside(root.idx):
            continue
        subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass") and not inside(c.idx)]
        if not subjects:
            continue
        # "ex-Tory education secretary Gillian Shepherd" can come out with two subjects.
        classified = [classify_subject(subject) for subject in subjects]
        kind, head = next(((k, h) for k, h in classified if k in (NAME, PRONOUN)), classified[0])
        start, end = _extent(head, kind)
        found.append(SubjectRef(doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text), kind, head.idx))
    return found

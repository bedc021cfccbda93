"""Direct quotes and their speakers, read from a parsed spaCy Doc.

``match()`` finds quoted stretches that are speech (not scare-quoted terms) and
the speech verb that attributes each; ``attribute()`` turns the verb's subject
into a speaker, resolving "he"/"she" to the last person named before it. A
quote with no speech verb of its own continues the speaker of the quote right
before it only when nothing but that quote's attribution stands between them
(“We will,” she said, “win.”). Otherwise the speaker stays unknown: never a guess.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitegen.annotate.quotemarks import QuotedSpan, find_quoted_spans

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

SPEECH_VERBS = frozenset(
    [
        "say",
        "says",
        "said",
        "saying",
        "tell",
        "tells",
        "told",
        "telling",
        "add",
        "adds",
        "added",
        "ask",
        "asks",
        "asked",
        "tweet",
        "tweets",
        "tweeted",
        "write",
        "writes",
        "wrote",
        "explain",
        "explains",
        "explained",
        "insist",
        "insists",
        "insisted",
        "warn",
        "warns",
        "warned",
        "claim",
        "claims",
        "claimed",
        "argue",
        "argues",
        "argued",
        "state",
        "states",
        "stated",
        "declare",
        "declares",
        "declared",
        "note",
        "notes",
        "noted",
        "reply",
        "replies",
        "replied",
        "continue",
        "continues",
        "continued",
        "admit",
        "admits",
        "admitted",
        "announce",
        "announces",
        "announced",
        "comment",
        "comments",
        "commented",
        "confirm",
        "confirms",
        "confirmed",
        "predict",
        "predicts",
        "predicted",
        "stress",
        "stresses",
        "stressed",
        "suggest",
        "suggests",
        "suggested",
        "urge",
        "urges",
        "urged",
        "believe",
        "believes",
        "believed",
        "think",
        "thinks",
        "thought",
        "describe",
        "describes",
        "described",
        "recall",
        "recalls",
        "recalled",
        "joke",
        "jokes",
        "joked",
        "acknowledge",
        "acknowledges",
        "acknowledged",
        "agree",
        "agrees",
        "agreed",
        "complain",
        "complains",
        "complained",
        "concede",
        "concedes",
        "conceded",
        "conclude",
        "concludes",
        "concluded",
        "observe",
        "observes",
        "observed",
        "point",
        "points",
        "pointed",
        "promise",
        "promises",
        "promised",
        "remark",
        "remarks",
        "remarked",
        "reveal",
        "reveals",
        "revealed",
        "shout",
        "shouts",
        "shouted",
        "cry",
        "cried",
        "vow",
        "vows",
        "vowed",
        "boast",
        "boasts",
        "boasted",
        "quip",
        "quips",
        "quipped",
    ]
)
PRONOUNS = frozenset({"he", "she"})
MIN_SPEECH_WORDS = 4
_TERMINAL = set(",.!?…:;—-")


@dataclass(frozen=True)
class Attribution:
    """Who a quote is attributed to: the subject words and the cue verb."""

    speaker_start: int | None  # character span of the words naming the speaker
    speaker_end: int | None
    cue: str | None
    pronoun: bool = False
    continued: bool = False


@dataclass(frozen=True)
class QuoteMatch:
    """A quote found in a Doc, with its attribution (speaker still unresolved)."""

    start: int
    end: int
    attribution: Attribution


def is_speech(doc: Doc, span: QuotedSpan, has_cue: bool) -> bool:
    """Speech, not a quoted term: long enough, or closed by punctuation, or attributed."""
    inner = doc.text[span.start + 1 : span.end - (1 if span.closed else 0)].strip()
    words = len(inner.split())
    ends_like_speech = bool(inner) and inner[-1] in _TERMINAL
    if span.single:
        return has_cue and ends_like_speech and words >= 2
    if has_cue:
        return words >= 2 or ends_like_speech
    return (words >= MIN_SPEECH_WORDS and ends_like_speech) or words >= 12


def match_quotes(doc: Doc) -> list[QuoteMatch]:
    """Every quote in ``doc`` with the speech verb and subject that attribute it."""
    spans = find_quoted_spans(doc.text)
    found: list[QuoteMatch] = []
    for index, span in enumerate(spans):
        limit = spans[index + 1].start if index + 1 < len(spans) else len(doc.text)
        attribution = _cue_after(doc, span.end, limit)
        if attribution is None:
            floor = spans[index - 1].end if index else 0
            attribution = _cue_before(doc, span.start, floor)
        if not is_speech(doc, span, attribution is not None):
            continue
        if attribution is None:
            attribution = _continued(doc, found, span.start)
        found.append(QuoteMatch(span.start, span.end, attribution or Attribution(None, None, None)))
    return found


def _tokens_between(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="contract") if end > start else None


def _paragraph_end(text: str, index: int) -> int:
    end = text.find("\n\n", index)
    return len(text) if end == -1 else end


def _paragraph_start(text: str, index: int) -> int:
    start = text.rfind("\n\n", 0, index)
    return 0 if start == -1 else start + 2


def _cue_after(doc: Doc, quote_end: int, limit: int) -> Attribution | None:
    """“…,” she said / “…,” said Mr Smith / “…,” Mr Smith told the BBC."""
    end = min(limit, _paragraph_end(doc.text, quote_end))
    window = _tokens_between(doc, quote_end, end)
    if window is None:
        return None
    for position, token in enumerate(window):
        if position > 8 or (token.is_sent_start and position > 0 and token.text not in ","):
            break
        if _is_speech_verb(token):
            return _attribution(doc, token)
        if token.is_punct and token.text in ".!?" and position > 0:
            break
    return None


def _cue_before(doc: Doc, quote_start: int, floor: int) -> Attribution | None:
    """Mr Smith said: “…” / she told reporters: “…” / according to Mr Smith, “…”"""
    start = max(floor, _paragraph_start(doc.text, quote_start))
    window = _tokens_between(doc, start, quote_start)
    if window is None or not len(window):
        return None
    sentence_start = window[-1].sent.start
    for token in reversed(window):
        if token.i < sentence_start or quote_start - token.idx > 160:
            break
        if _is_speech_verb(token) or _is_according_to(token):
            return _attribution(doc, token)
    return None


def _continued(doc: Doc, found: list[QuoteMatch], quote_start: int) -> Attribution | None:
    """The quote right before, with only its own attribution in between, speaks on."""
    if not found:
        return None
    previous = found[-1]
    if previous.attribution.cue is None or previous.attribution.speaker_start is None:
        return None
    gap = doc.text[previous.end : quote_start]
    if "\n\n" in gap.strip() or len(gap) > 80:
        return None
    cue_end = previous.attribution.speaker_end or previous.end
    before_quote = doc.text[max(cue_end, previous.end) : quote_start]
    if any(ch in before_quote for ch in '“”"') or len(before_quote.split()) > 6:
        return None
    return Attribution(
        previous.attribution.speaker_start,
        previous.attribution.speaker_end,
        previous.attribution.cue,
        previous.attribution.pronoun,
        continued=True,
    )


def _is_speech_verb(token: Token) -> bool:
    return token.lower_ in SPEECH_VERBS and token.tag_.startswith("VB")


def _is_according_to(token: Token) -> bool:
    return (
        token.lower_ == "according"
        and token.i + 1 < len(token.doc)
        and (token.doc[token.i + 1].lower_ == "to")
    )


def _attribution(doc: Doc, verb: Token) -> Attribution:
    if _is_according_to(verb):
        objects = [c for c in doc[verb.i + 1].children if c.dep_ == "pobj"]
        subject = objects[0] if objects else None
        cue = "according to"
    else:
        subject = _subject(verb)
        cue = verb.text
    if subject is None:
        return Attribution(None, None, cue)
    start, end = _name_extent(subject)
    return Attribution(
        doc[start].idx,
        doc[end - 1].idx + len(doc[end - 1].text),
        cue,
        pronoun=subject.lower_ in PRONOUNS,
    )


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    # "said Mr Smith": the parser sometimes hangs the name after the verb as an object.
    for child in verb.rights:
        if child.tag_ in ("NNP", "NNPS") or child.ent_type_ == "PERSON":
            return child
    if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head is not verb:
        return _subject(verb.head)
    return None


def _name_extent(token: Token) -> tuple[int, int]:
    """The entity the subject belongs to, or the subject with its compound words."""
    if token.ent_type_:
        for entity in token.doc.ents:
            if entity.start <= token.i < entity.end:
                return entity.start, entity.end
    left = token.i
    for child in token.lefts:
        if child.dep_ in ("compound", "amod", "det", "poss") and child.i < left:
            left = child.i
    return left, token.i + 1

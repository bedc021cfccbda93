"""Direct and partial quotes and their attributions, read from a parsed spaCy Doc.

``match_quotes()`` finds the quoted stretches that are speech (direct quotes and
partial ones, not quoted terms: see :mod:`quotekind`) and the cue that attributes
each (:mod:`cues`). Who a pronoun or a description refers to is left to the
speakers stage, which reads the whole article.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from sitegen.annotate.cues import (
    AFTER_CUE_ENDINGS,
    NO_ATTRIBUTION,
    QUOTED,
    Attribution,
    cue_after,
    cue_before,
)
from sitegen.annotate.nlp import doc_text
from sitegen.annotate.quotekind import DIRECT, PARTIAL, opens_sentence, quote_kind
from sitegen.annotate.quotemarks import QuotedSpan, find_quoted_spans

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass(frozen=True)
class QuoteMatch:
    """A quote found in a Doc, with its attribution (speaker still unresolved)."""

    start: int
    end: int
    attribution: Attribution
    kind: str = DIRECT  # DIRECT or PARTIAL (see ``quotekind``)



def match_quotes(doc: Doc) -> list[QuoteMatch]:
    """Every direct and partial quote in ``doc``, with the speech verb and subject that
    attribute it; quoted terms are left out."""
    spans = find_quoted_spans(doc_text(doc))
    doc.user_data[QUOTED] = [(span.start, span.end) for span in spans]
    found: list[QuoteMatch] = []
    for index, span in enumerate(spans):
        limit = spans[index + 1].start if index + 1 < len(spans) else len(doc_text(doc))
        floor = spans[index - 1].end if index else 0
        after = cue_after(doc, span, limit)
        before = cue_before(doc, span.start, floor)
        direct = [quote for quote in found if quote.kind == DIRECT]
        continued = _continued(doc, direct, span)
        cue = before.cue_token if before is not None else None
        kind = quote_kind(doc, span, cue, after is not None, continued is not None)
        if kind is None:
            continue
        attribution = _best(after, before, continued if kind == DIRECT else None)
        found.append(QuoteMatch(span.start, span.end, attribution or NO_ATTRIBUTION, kind))
    return found


def _best(*found: Attribution | None) -> Attribution | None:
    """The first attribution that names a speaker (the cue after the quote, the one before it,
    the quote's first half), else the first cue at all."""
    named = [a for a in found if a is not None and a.speaker_start is not None]
    return named[0] if named else next((a for a in found if a is not None), None)


def quoted_stretches(doc: Doc) -> list[tuple[int, int]]:
    """Character spans of every quoted stretch (speech or not): text not to read as narration."""
    known = doc.user_data.get(QUOTED)  # match_quotes found them already
    return list(known) if known is not None else [(s.start, s.end) for s in find_quoted_spans(doc_text(doc))]


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
    if not (closing[:1] in AFTER_CUE_ENDINGS or gap.startswith(",")):
        return None
    return replace(attribution, continued=True)


__all__ = [
    "DIRECT", "PARTIAL", "Attribution", "QuoteMatch", "match_quotes", "opens_sentence", "quoted_stretches",
]

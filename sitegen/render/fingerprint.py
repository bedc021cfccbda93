"""Fingerprints of pages: a page is re-rendered only when what it shows has changed.

A page's fingerprint hashes its template set, the site settings and the plain
data its template receives. Articles inside that data are hashed once and then
stand in by their digest, so a person page listing fifty articles costs fifty
small digests, not fifty articles. Any change to an article (its text, its
annotations, its links) changes its digest and so every page that shows it.

Pickles are made without the memo (``Pickler.fast``): with it, a value shared by
two references is written once and a copy of it twice, so equal data freshly
annotated and the same data read back from the cache would pickle differently,
and the first rebuild after a cold build would re-render every page.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import operator
import pickle
from collections.abc import Callable
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

from sitegen import archive, models
from sitegen.archive import ArticlePage

SITEGEN_ROOT = Path(__file__).resolve().parents[1]
_NO_ANNOTATIONS = models.Annotations()


@cache
def code_digest() -> str:
    """A digest of sitegen's own code: a new version re-renders every page."""
    digest = hashlib.sha256()
    for path in sorted(SITEGEN_ROOT.rglob("*.py")):  # not __pycache__: Python rewrites it at will
        digest.update(path.relative_to(SITEGEN_ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


class Fingerprints:
    """Computes page fingerprints under one global digest (templates, settings, code)."""

    def __init__(self, global_digest: str):
        self.global_digest = global_digest
        self._objects: dict[int, tuple[object, str]] = {}

    def of_article_page(self, page: ArticlePage) -> str:
        """The digest of one article page (its article, annotations, refs and links), computed once."""
        cached = self._objects.get(id(page))
        if cached is not None and cached[0] is page:
            return cached[1]
        buffer = io.BytesIO()
        # The annotations' digest stands for them: pickling every record was two thirds of the
        # time (10,000 articles: 3.1 of 4.7 s).
        _value_pickler(buffer).dump(replace(page, annotations=_NO_ANNOTATIONS)
                                    if page.annotations_digest else page)
        value = hashlib.sha256(buffer.getvalue()).hexdigest()
        self._objects[id(page)] = (page, value)
        return value

    def of(self, inputs: Any) -> str:
        """The fingerprint of a page whose template receives ``inputs``."""
        buffer = io.BytesIO()
        pickler = _value_pickler(buffer)
        # Article pages are reduced to their digests; everything else is pickled in C as usual.
        pickler.dispatch_table = {**_slotted_reducers(), ArticlePage: self._reduce}  # type: ignore[misc]
        pickler.dump(inputs)
        return hashlib.sha256(self.global_digest.encode() + buffer.getvalue()).hexdigest()

    def _reduce(self, page: ArticlePage) -> tuple[type[str], tuple[str]]:
        return str, (self.of_article_page(page),)


def _value_pickler(buffer: io.BytesIO) -> pickle.Pickler:
    """A pickler whose output depends on values only, not on which objects are shared."""
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.fast = True  # no memo; the data pickled here holds no cycles
    pickler.dispatch_table = _slotted_reducers()  # type: ignore[misc]
    return pickler


Reducer = Callable[[Any], tuple[type, tuple[Any, ...]]]


@cache
def _slotted_reducers() -> dict[type, Reducer]:
    """Fast pickling for the slotted dataclasses of the site model.

    A slotted dataclass pickles through a ``__getstate__`` written in Python that calls
    ``fields()`` each time: most of the fingerprinting time. These reducers read the
    fields with one C ``attrgetter`` instead (the pickles are hashed, never loaded).
    """
    reducers: dict[type, Reducer] = {}
    for module in (models, archive):
        for value in vars(module).values():
            if (isinstance(value, type) and dataclasses.is_dataclass(value)
                    and "__slots__" in vars(value)):
                names = [field.name for field in dataclasses.fields(value)]
                reducers[value] = _reducer(value, operator.attrgetter(*names), len(names) == 1)
    return reducers


def _reducer(cls: type, getter: operator.attrgetter[Any], single: bool) -> Reducer:
    if single:
        return lambda obj: (cls, (getter(obj),))
    return lambda obj: (cls, getter(obj))

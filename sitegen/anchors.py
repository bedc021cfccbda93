"""Ids of the annotations in an article page, the targets of links to them.

The n-th quote, partial quote, mention and figure of an article (counting from 1,
in the order of its ``Annotations``) are ``q{n}``, ``pq{n}``, ``e{n}`` and ``f{n}``:
the highlighted body, the side panel and the person pages link to the same places.
"""

from __future__ import annotations

import re


def quote_anchor(number: int) -> str:
    """The id of the article's ``number``-th quote (1-based)."""
    return f"q{number}"


def partial_quote_anchor(number: int) -> str:
    """The id of the article's ``number``-th partial quote (1-based)."""
    return f"pq{number}"


def mention_anchor(number: int) -> str:
    """The id of the article's ``number``-th entity mention (1-based)."""
    return f"e{number}"


def figure_anchor(number: int) -> str:
    """The id of the article's ``number``-th figure (1-based)."""
    return f"f{number}"


# The ids an article page has besides its annotations' (see templates/): an id an article's
# own HTML brings that equals one of them is renamed, so every id on the page stays unique.
_PAGE_IDS = frozenset({"main", "article-title", "articles-heading", "body-text", "people-filter",
                       "people-list", "quotes-heading", "related-heading", "search",
                       "search-file-note", "site-search", "topics-heading"})
_PAGE_ID_PATTERN = re.compile(r"[eqf]\d+|show-.*|kind-\d+|letter-.*")


def is_reserved(element_id: str) -> bool:
    """Whether the page itself uses ``element_id`` (or might: ``e7``, ``q3``, ``f12``)."""
    return element_id in _PAGE_IDS or bool(_PAGE_ID_PATTERN.fullmatch(element_id))

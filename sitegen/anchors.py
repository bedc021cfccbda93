"""Ids of the annotations in an article page, the targets of links to them.

The n-th quote, partial quote, mention and figure of an article (counting from 1,
in the order of its ``Annotations``) are ``q{n}``, ``pq{n}``, ``e{n}`` and ``f{n}``:
the highlighted body, the side panel and the person pages link to the same places.
"""

from __future__ import annotations


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

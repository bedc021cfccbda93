"""Readable, unique, path-safe slugs."""

from __future__ import annotations

import re

from slugify import slugify

MAX_SLUG_LENGTH = 80
_UNSAFE = re.compile(r"[/\\]|^\.\.?$")


def make_slug(text: str) -> str:
    """Transliterate to lowercase ASCII words joined by hyphens ("Zürich café" → "zurich-cafe")."""
    return slugify(text, max_length=MAX_SLUG_LENGTH, word_boundary=True, save_order=True)


def is_unsafe(slug: str) -> bool:
    """A hand-written slug must not name a path outside its own folder."""
    return bool(_UNSAFE.search(slug.strip()))


def unique_slugs(wanted: list[str]) -> list[str]:
    """Give each wanted slug a unique form, adding -2, -3… to later duplicates in order."""
    taken: set[str] = set()
    result: list[str] = []
    for slug in wanted:
        candidate, number = slug, 2
        while candidate in taken:
            candidate = f"{slug}-{number}"
            number += 1
        taken.add(candidate)
        result.append(candidate)
    return result

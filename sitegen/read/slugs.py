"""Readable, unique, path-safe slugs."""

from __future__ import annotations

import re

from sitegen.keys import slug, unique_key

_UNSAFE = re.compile(r"[/\\]|^\.\.?$")


def make_slug(text: str) -> str:
    """Transliterate to lowercase ASCII words joined by hyphens ("Zürich café" → "zurich-cafe")."""
    return slug(text)


def is_unsafe(slug: str) -> bool:
    """A hand-written slug must not name a path outside its own folder."""
    return bool(_UNSAFE.search(slug.strip()))


def unique_slugs(wanted: list[str]) -> list[str]:
    """Give each wanted slug a unique form, adding -2, -3… to later duplicates in order."""
    taken: set[str] = set()
    return [unique_key(wanted_slug, taken) for wanted_slug in wanted]

"""An article's ``sitegen:`` references (see ``sitegen.models.Article``) as relative URLs."""

from __future__ import annotations

import re

from sitegen.archive.urls import reference_path, relative_url
from sitegen.models import Layout

_REFERENCE = re.compile(r'="sitegen:([^"]*)"')


def linked_layout(layout: Layout, page_path: str) -> Layout:
    """``layout`` with each reference in its HTML a link from the page at ``page_path``."""
    if not any("sitegen:" in fragment for fragment in layout.html):
        return layout

    def link(match: re.Match[str]) -> str:
        return '="' + relative_url(page_path, reference_path("sitegen:" + match[1])) + '"'

    return Layout(html=tuple(_REFERENCE.sub(link, f) for f in layout.html), slots=layout.slots)

"""The live-reload script, added to every HTML response, and the pages the server makes itself.

The script is added as a page is served, never written into the preview folder:
the preview is an ordinary build, the same files ``sitegen build`` makes.
"""

from __future__ import annotations

import html

# Loads livereload.js from the serving host, whatever address the browser used.
# RELOAD_MARKER is how tests recognise a page that will reload by itself.
RELOAD_MARKER = "/livereload.js?port="
RELOAD_SCRIPT = (
    '<script>/* sitegen serve: live reload */(function(){'
    'var s=document.createElement("script");'
    'var p=location.port||(location.protocol==="https:"?443:80);'
    's.src="//"+location.host+"' + RELOAD_MARKER + '"+p;'
    "document.head.appendChild(s);})();</script>"
)

_BODY_END = b"</body>"


def with_reload_script(page: bytes) -> bytes:
    """``page`` with the live-reload script before its last ``</body>``.

    A page without one (a template that leaves it out) gets the script at the end,
    where browsers still run it.
    """
    end = page.rfind(_BODY_END)
    if end == -1:
        end = len(page)
    return page[:end] + RELOAD_SCRIPT.encode() + page[end:]


_PAGE_STYLE = ("body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}"
               "pre{background:#fff0f0;border-left:4px solid #c00;padding:1rem;white-space:pre-wrap;"
               "overflow-wrap:anywhere}h1{color:#a00}")


def message_page(title: str, text: str, body: str = "") -> bytes:
    """A small page of the server's own (``body`` is HTML, already escaped)."""
    return (
        f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)} · sitegen serve</title><style>{_PAGE_STYLE}</style></head>"
        f"<body><main><h1>{html.escape(title)}</h1><p>{html.escape(text)}</p>{body}</main>"
        "</body></html>\n"
    ).encode()


def error_page(error: str) -> bytes:
    """The page shown instead of the site while its last build failed."""
    return message_page(
        "The site could not be built",
        "Fix the file named below and save: this page reloads by itself.",
        f"<pre>{html.escape(error)}</pre>",
    )

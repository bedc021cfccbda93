"""Jekyll's Liquid and Hugo's and Zola's shortcodes in an article's source, before Markdown.

The common ones become what they stood for (``{{ site.baseurl }}`` nothing, so the
link stays a site path the reader resolves; ``{% post_url %}`` and ``{{< ref >}}`` a
reference to that article; ``{{< figure >}}`` a figure; ``{% highlight %}`` a fenced
block). Any other tag is left out of the page, with a warning naming its line: never
shown as ``{% … %}``. Liquid inside code is left alone, as it is text the writer meant
to show; ``{% raw %}`` always ends up as its contents.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable
from html import escape
from typing import Any

_TAG = re.compile(
    r"(?P<raw>\{%-?\s*raw\s*-?%\}(?P<raw_body>.*?)\{%-?\s*endraw\s*-?%\})"
    r"|(?P<comment>\{%-?\s*comment\s*-?%\}.*?\{%-?\s*endcomment\s*-?%\})"
    r"|(?P<highlight>\{%-?\s*highlight\s+(?P<lang>[\w+#.-]+)[^%]*%\}\n?(?P<code>.*?)"
    r"\{%-?\s*endhighlight\s*-?%\})"
    r"|(?P<hugo_highlight>\{\{[<%]\s*highlight\s+(?P<hlang>[\w+#.-]+)[^>%]*[>%]\}\}\n?"
    r"(?P<hcode>.*?)\{\{[<%]\s*/highlight\s*[>%]\}\})"
    r"|(?P<escaped>\{\{(?P<open>[<%])/\*(?P<escaped_body>.*?)\*/(?P<close>[>%])\}\})"
    r"|(?P<shortcode>\{\{[<%](?P<shortcode_body>.*?)[>%]\}\})"
    r"|(?P<tag>\{%-?(?P<tag_body>.*?)-?%\})"
    r"|(?P<output>\{\{-?(?P<output_body>.*?)-?\}\})",
    re.DOTALL,
)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)")
_STRING = r"""(?:"([^"]*)"|'([^']*)')"""
_PATH_FILTER = re.compile(rf"^{_STRING}\s*\|\s*(?:relative_url|absolute_url|prepend:\s*site\.(?:baseurl|url))"
                          r"(?:\s*\|\s*(?:relative_url|absolute_url))*$")
_SITE_ROOT = re.compile(r"^site\.(?:baseurl|url|github\.url)(?:\s*\|\s*(?:relative_url|absolute_url))?$")
_PAGE_VALUE = re.compile(r"^page\.(\w+)$")
_ZOLA_CALL = re.compile(r"^(\w+)\((.*)\)$", re.DOTALL)

Warn = Callable[[int, str], None]


def expand(source: str, meta: dict[str, Any], warn: Warn) -> str:
    """``source`` with every template tag replaced by what it stands for, or left out.

    ``warn(offset, message)`` is called for each tag left out (``offset`` into ``source``).
    """
    code = _code_ranges(source)
    out: list[str] = []
    position = 0
    for match in _TAG.finditer(source):
        start = match.start()
        inside_code = _inside(code, start)
        kind = match.lastgroup
        if inside_code and kind in ("tag", "output", "comment"):
            continue
        out.append(source[position:start])
        out.append(_replacement(match, meta, lambda message, at=start: warn(at, message),
                                line_start=start == 0 or source[start - 1] == "\n"))
        position = match.end()
    out.append(source[position:])
    return "".join(out)


def _replacement(match: re.Match[str], meta: dict[str, Any], warn: Callable[[str], None],
                 line_start: bool) -> str:
    kind = match.lastgroup
    if kind == "raw":
        return match["raw_body"]
    if kind == "comment":
        return ""
    if kind == "highlight":
        return _fenced(match["lang"], match["code"], line_start)
    if kind == "hugo_highlight":
        return _fenced(match["hlang"], match["hcode"], line_start)
    if kind == "escaped":
        return "{{" + match["open"] + match["escaped_body"] + match["close"] + "}}"
    if kind == "shortcode":
        return _shortcode(match["shortcode_body"].strip(), meta, warn, line_start)
    if kind == "tag":
        return _liquid_tag(match["tag_body"].strip(), warn)
    return _output(match["output_body"].strip(), meta, warn, line_start)


def _fenced(language: str, code: str, line_start: bool) -> str:
    fence = "````" if "```" in code else "```"
    return ("" if line_start else "\n") + f"{fence}{language}\n{code.strip(chr(10))}\n{fence}\n"


def _liquid_tag(body: str, warn: Callable[[str], None]) -> str:
    name, rest = _name_and_rest(body)
    if name == "link":
        return "/" + rest.strip("'\"").lstrip("/")
    if name == "post_url":
        return "sitegen:post/" + rest.strip("'\"").strip("/")
    if name == "gist" and rest:
        return f"[gist {rest.split()[0]}](https://gist.github.com/{rest.split()[0]})"
    if name in ("youtube", "vimeo") and rest:
        return _embed(name, rest.split()[0].strip("'\""))
    if name.startswith("end") or name == "end" or name in ("else", "elsif", "when"):
        return ""  # the close of a tag already reported
    warn(f"the template tag '{{% {body} %}}' is not supported by sitegen and is left out of "
         "the page; replace it with Markdown or HTML")
    return ""


def _output(body: str, meta: dict[str, Any], warn: Callable[[str], None], line_start: bool) -> str:
    if _SITE_ROOT.match(body):
        return ""  # links become site paths, which the reader resolves
    path = _PATH_FILTER.match(body)
    if path:
        return path[1] if path[1] is not None else path[2]
    page = _PAGE_VALUE.match(body)
    if page and page[1] in meta and isinstance(meta[page[1]], (str, int, float)):
        return str(meta[page[1]])
    call = _ZOLA_CALL.match(body)
    if call and call[1] in ("youtube", "vimeo"):  # Zola's built-in shortcodes
        arguments = _arguments(call[2].replace(",", " "))
        if arguments.get("id"):
            return _embed(call[1], arguments["id"], line_start)
    warn(f"the template value '{{{{ {body} }}}}' is not supported by sitegen and is left out of "
         "the page; write the text it stood for")
    return ""


def _shortcode(body: str, meta: dict[str, Any], warn: Callable[[str], None], line_start: bool) -> str:
    if body.startswith("/"):
        return ""  # the closing half of a paired shortcode; its content stays
    name, rest = _name_and_rest(body)
    try:
        arguments = _arguments(rest)
        positional = [v for k, v in arguments.items() if k.isdigit()]
    except ValueError:
        arguments, positional = {}, []
    if name in ("ref", "relref") and positional:
        return "sitegen:ref/" + positional[0]
    if name == "figure" and arguments.get("src"):
        return _figure(arguments, line_start)
    if name == "gist" and len(positional) >= 2:
        return f"[gist {positional[1]}](https://gist.github.com/{positional[0]}/{positional[1]})"
    if name in ("youtube", "vimeo") and (positional or arguments.get("id")):
        return _embed(name, arguments.get("id") or positional[0], line_start)
    if name in ("tweet", "x") and arguments.get("user") and arguments.get("id"):
        url = f"https://twitter.com/{arguments['user']}/status/{arguments['id']}"
        return f"[{url}]({url})"
    if name == "param" and positional and isinstance(meta.get(positional[0]), (str, int, float)):
        return str(meta[positional[0]])
    warn(f"the shortcode '{{{{< {body} >}}}}' is not supported by sitegen and is left out of "
         "the page; replace it with Markdown or HTML")
    return ""


def _name_and_rest(body: str) -> tuple[str, str]:
    """A tag's name and what follows it, whatever space (or line break) is between."""
    parts = body.split(None, 1)
    return (parts[0], parts[1].strip()) if len(parts) == 2 else (body, "")


def _arguments(text: str) -> dict[str, str]:
    """Shortcode arguments: ``src="a.png" title='x'`` by name, positional ones by number."""
    found: dict[str, str] = {}
    for index, word in enumerate(shlex.split(text)):
        name, equals, value = word.partition("=")
        if equals and re.fullmatch(r"[\w-]+", name):
            found[name] = value
        else:
            found[str(index)] = word
    return found


def _figure(arguments: dict[str, str], line_start: bool) -> str:
    image = f'<img src="{escape(arguments["src"])}" alt="{escape(arguments.get("alt", ""))}">'
    if arguments.get("link"):
        image = f'<a href="{escape(arguments["link"])}">{image}</a>'
    caption = " ".join(filter(None, (arguments.get("title"), arguments.get("caption"))))
    figcaption = f"<figcaption>{escape(caption)}</figcaption>" if caption else ""
    html = f"<figure>{image}{figcaption}</figure>"
    return f"\n\n{html}\n\n" if line_start else html


def _embed(kind: str, video: str, line_start: bool = True) -> str:
    video = re.sub(r"[^\w-]", "", video)
    source = (f"https://www.youtube-nocookie.com/embed/{video}" if kind == "youtube"
              else f"https://player.vimeo.com/video/{video}")
    html = (f'<iframe src="{source}" title="{kind.capitalize()} video" width="560" height="315" '
            'allowfullscreen></iframe>')
    return f"\n\n{html}\n\n" if line_start else html


def _code_ranges(source: str) -> list[tuple[int, int]]:
    """Where fenced code blocks and inline code spans are in ``source``."""
    ranges: list[tuple[int, int]] = []
    offset, fence, fence_start = 0, "", 0
    for line in source.split("\n"):
        marker = _FENCE.match(line)
        if fence:
            if marker and marker[1][0] == fence[0] and len(marker[1]) >= len(fence):
                ranges.append((fence_start, offset + len(line)))
                fence = ""
        elif marker:
            fence, fence_start = marker[1], offset
        else:
            ranges += [(offset + m.start(), offset + m.end()) for m in _CODE_SPAN.finditer(line)]
        offset += len(line) + 1
    if fence:
        ranges.append((fence_start, len(source)))
    return ranges


def _inside(ranges: list[tuple[int, int]], offset: int) -> bool:
    return any(start <= offset < end for start, end in ranges)

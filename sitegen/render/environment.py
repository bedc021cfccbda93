"""The Jinja2 environment: site templates first, the default theme behind them."""

from __future__ import annotations

import re
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import pass_context

from sitegen.archive.urls import reference_path, relative_url
from sitegen.config import THEME_DIR
from sitegen.errors import TemplateError
from sitegen.labels import STYLES

THEME_TEMPLATES = THEME_DIR / "templates"  # where sitegen.inputs looks for them too
_ELSEWHERE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")


def make_environment(template_dirs: list[Path], base_path: str) -> jinja2.Environment:
    """Autoescaping, strict environment; templates compile once and are reused."""
    folders = [str(d) for d in dict.fromkeys([*template_dirs, THEME_TEMPLATES]) if d.is_dir()]
    environment = jinja2.Environment(
        loader=_Utf8Loader(folders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
        cache_size=-1,
    )
    environment.globals["url"] = _url_helper(base_path)
    environment.globals["highlight_kinds"] = (*STYLES, ("quote", "Quotes"), ("figure", "Figures"))
    environment.filters["longdate"] = _long_date
    environment.filters["capitalize_first"] = _capitalize_first
    environment.filters["rfc3339"] = _rfc3339
    return environment


class _Utf8Loader(jinja2.FileSystemLoader):
    """A file loader whose encoding errors name the template file."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Any]:
        try:
            return super().get_source(environment, template)
        except UnicodeDecodeError as error:
            path = next((Path(folder) / template for folder in self.searchpath
                         if (Path(folder) / template).is_file()), Path(template))
            line = path.read_bytes()[: error.start].count(b"\n") + 1 if path.is_file() else 1
            raise TemplateError(f"{_shown(str(path), [])}:{line}: the template is not UTF-8 "
                                f"(byte 0x{error.object[error.start]:02x}); re-save it as UTF-8") from None


def _url_helper(base_path: str) -> Callable[..., str]:
    @pass_context
    def url(context: Any, target: str) -> str:
        """A link from the page being rendered to ``target``: an output path, an article's
        ``sitegen:`` reference, or an address elsewhere (returned as it is)."""
        if target.startswith("sitegen:"):
            target = reference_path(target)
        elif _ELSEWHERE.match(target):
            return target
        page = context.get("page_path", "index.html")
        if context.get("absolute_links"):
            return base_path + target.removesuffix("index.html")
        return relative_url(page, target)

    return url


def _capitalize_first(value: str) -> str:
    """The text with its first letter capital, the rest as written ("the OECD's…" → "The OECD's…")."""
    return value[:1].upper() + value[1:]


def _long_date(value: Any) -> str:
    return f"{value.day} {value:%B %Y}" if value else ""


def _rfc3339(value: date | datetime) -> str:
    """A moment as Atom writes it; a bare date is midnight UTC ("2020-03-27T00:00:00Z")."""
    if not isinstance(value, datetime):
        return f"{value.isoformat()}T00:00:00Z"
    text = value.isoformat(timespec="seconds")
    return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text


@contextmanager
def template_errors(template_dirs: list[Path]) -> Iterator[None]:
    """Turn any Jinja2 failure into a ``TemplateError`` naming the file and line."""
    try:
        yield
    except jinja2.TemplateSyntaxError as error:
        where = _shown(error.filename or error.name or "template", template_dirs)
        raise TemplateError(f"{where}:{error.lineno}: {error.message}") from None
    except jinja2.TemplateNotFound as error:
        frame = _template_frame(error)
        where = f"{_shown(frame[0], template_dirs)}:{frame[1]}: " if frame else ""
        raise TemplateError(
            f"{where}template '{error.name}' not found in {', '.join(map(str, template_dirs))} "
            "or the default theme; add it or fix the name in the {% extends %}/{% include %}"
        ) from None
    except TemplateError:
        raise
    except Exception as error:  # a runtime error inside a template: find its line
        frame = _template_frame(error)
        if frame is None:
            raise
        filename, line = frame
        message = f"{type(error).__name__}: {error}"
        raise TemplateError(f"{_shown(filename, template_dirs)}:{line}: {message}") from None


def _template_frame(error: BaseException) -> tuple[str, int] | None:
    frames = traceback.extract_tb(error.__traceback__)
    for frame in reversed(frames):
        if frame.filename.endswith((".html", ".xml", ".txt", ".j2")):
            return frame.filename, frame.lineno or 0
    return None


def _shown(filename: str, template_dirs: list[Path]) -> str:
    try:
        return Path(filename).resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return filename

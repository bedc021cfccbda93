"""`sitegen new DIR`: a ready archive, as `mkdocs new` makes a ready site.

It holds ``sitegen.toml`` with every setting commented out at its default, one sample
article, an empty ``templates/`` with a note on overriding the theme, a ``.gitignore``
and the GitHub Pages workflow; ``cd DIR && sitegen serve`` then shows it.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from importlib.resources import files
from pathlib import Path
from typing import Any

from sitegen.config import CONFIG_NAME, SETTINGS, Config
from sitegen.errors import SitegenError

_FILES = files("sitegen.scaffold") / "files"
# What `sitegen new` writes: its place in the new archive -> the packaged file it copies.
_LAYOUT = {
    ".gitignore": "gitignore",
    ".github/workflows/pages.yml": "pages.yml",
    "templates/README.md": "templates-README.md",
}
_TABLES = ("aliases", "topics", "banned_topics", "sections")


def create_site(folder: Path, today: date | None = None) -> list[Path]:
    """Write a new archive into ``folder`` (new or empty); returns the files written."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise SitegenError(f"{folder} already exists and is not empty; choose a new folder")
    day = today or date.today()
    written: dict[str, str] = {CONFIG_NAME: settings_text()}
    sample = (_FILES / "welcome.md").read_text(encoding="utf-8").replace("DATE", day.isoformat())
    written[f"seeds/{day.isoformat()}-welcome.md"] = sample
    for place, name in _LAYOUT.items():
        written[place] = (_FILES / name).read_text(encoding="utf-8")
    paths = []
    for place, text in written.items():
        path = folder / place
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def settings_text() -> str:
    """``sitegen.toml`` with every setting commented out at its default value."""
    defaults = Config(root=Path("."))
    lines = ["# sitegen.toml: every setting, at its default. Uncomment a line to change it.",
             "# The user guide (docs/guide/settings.md) says more about each.", ""]
    for item in fields(Config):
        if item.name not in SETTINGS or item.name in _TABLES:
            continue
        value = _toml(item.name, getattr(defaults, item.name))
        lines.append(f"# {SETTINGS[item.name]}")
        lines.append(f"# {item.name} = {value}")
        lines.append("")
    lines += [f"# {SETTINGS['aliases']}", "# [aliases]",
              '# "Johns Hopkins University" = ["John Hopkins University"]', "",
              f"# {SETTINGS['topics']}", "# [topics]",
              '# "COVID-19" = ["coronavirus", "covid", "pandemic"]', '# "CNN" = false', "",
              f"# {SETTINGS['sections']}", "# [sections]", '# nyt = "The New York Times"', ""]
    return "\n".join(lines)


def _toml(name: str, value: Any) -> str:
    if name == "jobs":
        return "2"
    if name == "cname" or value is None:
        return '"news.example.org"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, Path):
        return f'"{value.as_posix()}"'
    if isinstance(value, frozenset | tuple):
        return "[]"
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'

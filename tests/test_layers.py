"""The import graph stays one-directional: stages import the plain-data modules, never each other.

Read from the source with ``ast`` (nothing is imported), so a wrong import fails here at once.
"""

from __future__ import annotations

import ast
from collections import defaultdict

import pytest
from conftest import REPO

PACKAGE = REPO / "sitegen"
# Plain data and shared rules: every layer may use them; they use only each other.
BASE = {"sitegen", "models", "errors", "keys", "labels", "anchors", "serialize", "config", "inputs",
        "heap"}
# What each part of the package may import beyond BASE.
ALLOWED = {
    "read": set(), "annotate": set(), "archive": set(), "write": set(),
    "render": {"archive"},  # the renderer shows the archive model
    "build": {"read", "annotate", "archive", "render", "write"},
    "deploy": {"write"},
    "serve": {"build", "annotate"},  # annotate: the preview loads the spaCy model once, early
    "cli": {"build", "annotate", "read", "serve", "deploy", "scaffold"},
    "scaffold": set(),  # `sitegen new`: files and settings only
    "__main__": {"cli"},
}
# Third-party libraries that belong to one part alone.
OWNERS = {"spacy": "annotate", "numpy": "annotate", "jinja2": "render", "markupsafe": "render", "nh3": "read",
          "tornado": "serve", "livereload": "serve", "ghp_import": "deploy"}


def _part(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "sitegen"


def _imports() -> dict[str, set[tuple[str, str]]]:
    """Part of the package -> (module file, imported module) pairs."""
    found: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for path in PACKAGE.rglob("*.py"):
        module = ".".join(path.relative_to(REPO).with_suffix("").parts).removesuffix(".__init__")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([node.module] if isinstance(node, ast.ImportFrom) and node.module and not node.level
                     else [alias.name for alias in node.names] if isinstance(node, ast.Import) else [])
            for name in names:
                found[_part(module)].add((path.relative_to(REPO).as_posix(), name))
    return found


IMPORTS = _imports()


@pytest.mark.parametrize("part", sorted(IMPORTS))
def test_each_part_imports_only_what_lies_below_it(part: str) -> None:
    allowed = BASE | ALLOWED.get(part, set()) | {part}
    if part in BASE:
        allowed = BASE
    wrong = sorted(f"{file} imports {name}" for file, name in IMPORTS[part]
                   if name.startswith("sitegen") and _part(name) not in allowed)
    assert wrong == []


def test_libraries_are_used_by_their_stage_alone() -> None:
    wrong = sorted(f"{file} imports {name}" for part, pairs in IMPORTS.items() for file, name in pairs
                   if name.split(".")[0] in OWNERS and OWNERS[name.split(".")[0]] != part)
    assert wrong == []


def test_every_part_is_known() -> None:
    parts = {_part(".".join(p.relative_to(REPO).with_suffix("").parts).removesuffix(".__init__"))
             for p in PACKAGE.rglob("*.py")}
    assert parts - BASE - set(ALLOWED) == set()


def test_no_module_or_function_is_too_long_to_read() -> None:
    too_long = []
    for path in PACKAGE.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        if source.count("\n") > 400:
            too_long.append(f"{path.relative_to(REPO)}: {source.count(chr(10))} lines")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > 60:
                    too_long.append(f"{path.relative_to(REPO)}:{node.lineno} {node.name}: {length} lines")
    assert too_long == []

"""The user guide keeps up with the code: every setting and every message is in it."""

from __future__ import annotations

import ast
import re
from dataclasses import fields

import pytest
from conftest import REPO

from sitegen.cli import make_parser
from sitegen.config import SETTINGS, Config, option_name

GUIDE = REPO / "docs" / "guide"
# The calls whose message a user reads: problems with a file, and errors without a traceback.
_MESSAGE_CALLS = {"ReadProblem": 0, "FieldProblem": 1, "Problem": 2, "OutputError": 0,
                  "TemplateError": 0, "ModelError": 0, "SitegenError": 0, "warn": 0}


def _messages() -> list[tuple[str, str]]:
    """(where, the longest literal part) of each message in sitegen's code."""
    found = []
    for path in sorted((REPO / "sitegen").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in _MESSAGE_CALLS and len(node.args) > _MESSAGE_CALLS[node.func.id]):
                continue
            message = node.args[_MESSAGE_CALLS[node.func.id]]
            parts = ([message.value] if isinstance(message, ast.Constant) and isinstance(message.value, str)
                     else [v.value for v in message.values if isinstance(v, ast.Constant)]
                     if isinstance(message, ast.JoinedStr) else [])
            longest = max(parts, key=len, default="").strip()
            if len(longest) >= 12:
                found.append((f"{path.relative_to(REPO)}:{node.lineno}", longest))
    return found


def test_every_setting_is_documented() -> None:
    text = (GUIDE / "settings.md").read_text(encoding="utf-8")
    settings = {f.name for f in fields(Config)} - {"root", "source"}
    assert settings == set(SETTINGS)
    missing = [name for name in settings if f"| `{name}` |" not in text]
    assert missing == []


def test_every_option_that_sets_a_setting_is_documented() -> None:
    text = (GUIDE / "settings.md").read_text(encoding="utf-8")
    options = {action.option_strings[-1] for choice in make_parser()._subparsers._group_actions[0]  # type: ignore[union-attr]
               .choices.values() for action in choice._actions if action.option_strings}
    for name in SETTINGS:
        if option_name(name) in options:
            assert f"`{option_name(name)}`" in text, name


@pytest.mark.parametrize(("where", "message"), _messages())
def test_every_message_a_user_can_meet_is_in_troubleshooting(where: str, message: str) -> None:
    text = (GUIDE / "troubleshooting.md").read_text(encoding="utf-8")
    assert message in text, f"{where}: {message!r}"


def test_the_guide_covers_every_command_and_its_links_resolve() -> None:
    pages = {page.name: page.read_text(encoding="utf-8") for page in GUIDE.glob("*.md")}
    everything = "\n".join(pages.values())
    commands = make_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for command in commands:
        assert f"sitegen {command}" in everything, command
    for name, text in pages.items():
        for target in re.findall(r"\]\(([\w-]+\.md)\)", text):
            assert target in pages, f"{name} links to {target}"

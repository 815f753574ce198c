"""docs/profiles.md documents exactly the keys the validator accepts, the rule actions and
the engine's rule ids: every accepted key is documented, every documented key accepted."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cleaner.profiles import SCHEMA
from cleaner.rules.matcher import LINE_ACTIONS, PACK_ACTIONS
from cleaner.rules.registry import ENGINE_RULES

DOC = (Path(__file__).resolve().parent.parent / "docs" / "profiles.md").read_text("utf-8")
_KEY = re.compile(r"`([A-Za-z_][\w.-]*)`")


def _section(title: str) -> str:
    """The text under the ``## `` heading that starts with ``title``, to the next one."""
    parts = re.split(r"^## ", DOC, flags=re.MULTILINE)
    found = [p for p in parts if p.startswith(title)]
    assert len(found) == 1, f"no single section {title!r} in docs/profiles.md"
    return found[0]


def _table(title: str, first_column: str) -> list[str]:
    """The keys in the first column of the table headed ``| first_column |`` in a section."""
    keys: list[str] = []
    inside = False
    for line in _section(title).splitlines():
        if not line.startswith("|"):
            inside = False
            continue
        cells = [c.strip() for c in line.strip("|").split("|")]
        if cells[0] == first_column:
            inside = True
            continue
        if inside and not set(cells[0]) <= set("-: "):
            keys.extend(_KEY.findall(cells[0]))
    assert keys, f"no | {first_column} | table under {title!r}"
    return keys


@pytest.mark.parametrize(("kind", "title", "column"), [
    ("profile", "Top-level keys of a profile", "key"),
    ("pack", "Top-level keys of a language pack", "key"),
    ("rule", "Whole-line rules", "key"),
    ("meta", "Metadata rules", "key"),
    ("words", "Pack `[words]`", "key"),
    ("html", "`[html]`", "key"),
])
def test_documented_keys_are_the_accepted_keys(kind: str, title: str, column: str) -> None:
    documented = _table(title, column)
    assert len(documented) == len(set(documented)), "a key documented twice"
    assert set(documented) == SCHEMA[kind]


def test_documented_actions_are_the_rule_actions() -> None:
    documented = _table("Whole-line rules", "action")
    assert sorted(documented) == sorted(LINE_ACTIONS)
    # the pack section names the pack actions
    assert set(PACK_ACTIONS) <= set(_table("Top-level keys of a language pack", "key"))


def test_documented_engine_ids_are_the_registry() -> None:
    rows = [line for line in _section("Rule ids of the engine").splitlines()
            if line.startswith("| `")]
    documented = {}
    for row in rows:
        rid, reason, _, disable = (c.strip() for c in row.strip("|").split("|"))
        documented[rid.strip("`")] = (reason, disable)
    assert set(documented) == set(ENGINE_RULES)
    for rid, rule in ENGINE_RULES.items():
        reason, disable = documented[rid]
        assert reason == rule.reason, rid
        assert disable.startswith(rule.disable or "cannot be disabled"), rid


def test_the_parser_of_this_test_sees_a_missing_key() -> None:
    """(the helper itself: a key dropped from a table is noticed)"""
    assert "byline" in _table("Pack `[words]`", "key")
    assert "requires" in _table("Metadata rules", "key")

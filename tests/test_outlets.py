"""Every built-in profile against its test dumps (``tests/outlets/<domain>/*.txt``).

The dumps are written for the tests in each outlet's style (chrome strings from the
chrome catalogue, article text invented); ``*.json`` next to each dump is its expected
result, regenerated with ``python scripts/regen_outlet_expected.py`` and reviewed by diff.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

import cleaner
from cleaner.profiles import BUILTIN_DIR

ROOT = Path(__file__).resolve().parent.parent
OUTLETS = ROOT / "tests" / "outlets"
DUMPS = sorted(OUTLETS.glob("*/*.txt"))
BUILTIN = sorted(p.stem for p in BUILTIN_DIR.glob("*.toml"))

sys.path.insert(0, str(ROOT / "scripts"))
from regen_outlet_expected import expected  # noqa: E402


@pytest.fixture(scope="module")
def builtin() -> cleaner.Cleaner:
    return cleaner.Cleaner()


def test_every_builtin_profile_has_a_dump() -> None:
    have = {d.parent.name for d in DUMPS}
    assert [p for p in BUILTIN if p not in have] == []
    assert [d for d in sorted(have) if d not in BUILTIN] == []


@pytest.mark.parametrize("dump", DUMPS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_dump_selects_its_profile(dump: Path, builtin: cleaner.Cleaner) -> None:
    """Without a URL the outlet is told by a signature in the text."""
    prof = builtin.select_profile(dump.read_text("utf-8"))
    assert prof is not None and prof.id == dump.parent.name


@pytest.mark.parametrize("dump", DUMPS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_dump_matches_expected(dump: Path, builtin: cleaner.Cleaner) -> None:
    want = json.loads(dump.with_suffix(".json").read_text("utf-8"))
    got = expected(builtin, dump)
    assert got["profile"] == want["profile"]
    assert got["paragraphs"] == want["paragraphs"]
    assert got["metadata"] == want["metadata"]


@pytest.mark.parametrize("domain", BUILTIN)
def test_every_profile_rule_fires_on_its_dumps(domain: str, builtin: cleaner.Cleaner) -> None:
    """Each rule of a profile decides at least one line of that outlet's dumps."""
    prof = builtin.registry.get(domain)
    assert prof is not None
    ids = {r.id for rs in prof.rules.values() for r in rs} | {m.id for m in prof.meta}
    fired = set()
    for dump in sorted((OUTLETS / domain).glob("*.txt")):
        fired |= {d.rule for d in builtin.clean(dump.read_bytes()).lines}
    assert sorted(ids - fired) == []


@pytest.mark.parametrize("domain", BUILTIN)
def test_url_selects_the_profile(domain: str, builtin: cleaner.Cleaner) -> None:
    prof = builtin.select_profile("", url=f"https://www.{domain}/read/2025/10/01/x")
    assert prof is not None and prof.id == domain

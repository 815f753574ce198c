"""Each sample dump's Article equals its gold (tests/gold/*.json, copied from shared/gold)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import cleaner

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))
FIELDS = ("title", "description", "published", "author", "dateline", "signature",
          "sources", "captions")


def _gold(sample: Path) -> dict:
    return json.loads((ROOT / "tests" / "gold" / f"{sample.stem}.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def with_profiles() -> cleaner.Cleaner:
    return cleaner.Cleaner()


@pytest.fixture(scope="module")
def generic_only() -> cleaner.Cleaner:
    return cleaner.Cleaner(use_profiles=False)


def test_five_samples_present() -> None:
    assert len(SAMPLES) == 5


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_body_and_metadata_equal_gold(sample: Path, with_profiles: cleaner.Cleaner) -> None:
    gold = _gold(sample)
    art = with_profiles.clean(sample.read_bytes(), id=sample.name)
    assert list(art.paragraphs) == gold["body"]
    for name in FIELDS:
        value = getattr(art, name)
        assert (list(value) if isinstance(value, tuple) else value) == gold[name], name
    assert art.outlet == gold["outlet"]
    assert art.profile is not None and art.profile.startswith(gold["outlet"] + "@")


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_line_labels_agree_with_gold(sample: Path, with_profiles: cleaner.Cleaner) -> None:
    """Body lines are kept, chrome dropped, metadata lines marked metadata."""
    gold = _gold(sample)
    art = with_profiles.clean(sample.read_bytes())
    got = {d.n: d for d in art.lines}
    assert set(got) == {int(n) for n in gold["line_labels"]}
    for n, label in gold["line_labels"].items():
        d = got[int(n)]
        want = {"body": "kept", "chrome": "dropped"}.get(label, "metadata")
        assert d.decision == want, (n, label, d)
        assert d.rule and d.reason


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_generic_heuristics_alone_keep_the_body(sample: Path,
                                                generic_only: cleaner.Cleaner) -> None:
    """Without profiles the generic heuristics still find the whole body on the samples."""
    gold = _gold(sample)
    art = generic_only.clean(sample.read_bytes())
    assert art.profile is None
    kept, want = set(art.paragraphs), set(gold["body"])
    precision = len(kept & want) / len(kept)
    recall = len(kept & want) / len(want)
    assert precision >= 0.95 and recall >= 0.95, (precision, recall)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_every_dropped_line_is_explained(sample: Path, with_profiles: cleaner.Cleaner) -> None:
    art = with_profiles.clean(sample.read_bytes())
    dropped = [d for d in art.lines if d.decision == "dropped"]
    for d in dropped:
        assert d.rule and d.rule != "generic.window", d
        assert d.reason and d.reason != "body", d
    assert sum(art.removed.values()) == len(dropped)
    gold = _gold(sample)
    chrome = sum(1 for label in gold["line_labels"].values() if label == "chrome")
    assert len(dropped) == chrome

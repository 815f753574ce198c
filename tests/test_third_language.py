"""Adding a language is one TOML file and nothing else (issue 12 item 3).

A small Dutch pack, written for this test, is dropped beside the shipped packs; with no
code change the cleaner names the page's language, drops the pack's chrome with the
pack's rule ids, reads the pack's month names in a header date and its credit label in
a byline.  The page is written for the test too.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import cleaner
from cleaner import profiles

DUTCH_PACK = '''
id = "nl"
version = "2026.1"
name = "Nederlands"
language = "nl"

[words]
and = ["en"]
stopwords = ["de", "het", "een", "en", "van", "in", "is", "dat", "op", "te", "voor",
             "met", "zijn", "niet", "die", "aan", "er", "om", "ook", "als", "bij", "door"]
byline = ["door"]
weekdays = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]

[words.months]
januari = 1
februari = 2
maart = 3
april = 4
mei = 5
juni = 6
juli = 7
augustus = 8
september = 9
oktober = 10
november = 11
december = 12

[words.credits]
author = ["door", "tekst"]

[[list_after]]
id = "nl.read-also"
match = "prefix"
text = "Lees ook"
reason = "related"

[[drop]]
id = "nl.share"
match = "exact"
text = "Deel dit artikel"
reason = "share"
'''

PAGE = "\n".join([
    "Nieuws Sport Economie Cultuur",
    "Nieuwe brug over de rivier open",
    "Door Jan de Vries",
    "12 maart 2024 14:05",
    "De gemeente heeft de nieuwe brug over de rivier dinsdag geopend, na bijna twee jaar "
    "van werk aan de pijlers en het dek.",
    "Volgens de wethouder is de brug een belangrijke verbinding voor de fietsers die elke "
    "dag van het dorp naar de stad rijden.",
    "De oude brug was in de winter van 2021 bij hoog water zo zwaar beschadigd dat hij "
    "voor al het verkeer werd gesloten.",
    "Deel dit artikel",
    "Lees ook",
    "Fietsers blij met nieuwe route",
    "Gemeente zoekt nieuwe wethouder",
])


@pytest.fixture
def with_dutch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    packs = tmp_path / "packs"
    shutil.copytree(profiles.PACKS_DIR, packs)
    (packs / "nl.toml").write_text(DUTCH_PACK, encoding="utf-8")
    monkeypatch.setattr(profiles, "PACKS_DIR", packs)
    _forget_packs()
    yield packs
    monkeypatch.undo()
    _forget_packs()


def _forget_packs() -> None:
    """The shipped packs are read once per process: read them again from PACKS_DIR."""
    profiles._builtin_pack_data.cache_clear()
    profiles.builtin_words.cache_clear()


def test_a_page_in_a_language_added_as_one_toml_file(with_dutch: Path) -> None:
    art = cleaner.Cleaner(use_profiles=False).clean(PAGE, kind="text")
    assert art.language == "nl"
    assert art.paragraphs[0].startswith("De gemeente heeft de nieuwe brug")
    assert len(art.paragraphs) == 3
    decided = {d.text: (d.decision, d.rule, d.reason) for d in art.lines}
    assert decided["Deel dit artikel"] == ("dropped", "nl.share", "share")
    assert decided["Lees ook"] == ("dropped", "nl.read-also", "related")
    assert decided["Fietsers blij met nieuwe route"] == ("dropped", "nl.read-also", "related")
    assert art.published is not None and art.published.startswith("2024-03-12")
    assert art.author == "Jan de Vries"


def test_without_the_file_the_same_page_has_no_language() -> None:
    art = cleaner.Cleaner(use_profiles=False).clean(PAGE, kind="text")
    assert art.language != "nl"  # (the stop-word guess may take it for English)
    assert all(not d.rule.startswith("nl.") for d in art.lines)

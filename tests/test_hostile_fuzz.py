"""Property tests over hostile text and bytes: control characters, lone surrogates, every
kind of line break, NUL, RTL and combining marks, huge lines and many empty lines.

Only the documented InputError may escape; nothing is invented; cleaning is idempotent;
every record can be written as UTF-8 JSON.  The long, coverage-guided run of the same
checks is ``tests/fuzz/fuzz_clean.py`` (not run in CI)."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cleaner
from cleaner.lines import normalize

CLEANER = cleaner.Cleaner()
# derandomize: the same examples on every run, so CI never flakes on a new one (the
# fuzz target in tests/fuzz/ is where new inputs are looked for)
SETTINGS = settings(max_examples=120, deadline=None, database=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])
BREAKS = ["\n", "\r\n", "\r", "\u2028", "\u2029", "\x0b", "\x0c", "\x1c", "\x85"]

_HOSTILE_CHARS = st.characters(
    categories=("Cc", "Cf", "Cs", "Mn", "Me", "Zs", "Zl", "Zp", "Lo", "Lu", "Ll", "Nd", "Po",
                "Sm", "So"),
)
_PIECES = st.sampled_from([
    *BREAKS, "\x00", "\ufeff", "\u200b", "\u202e", "\u202c", "\u200f",  # BOM, ZW, bidi
    "\u0627\u0644\u062e\u0628\u0631 \u0627\u0644\u0639\u0627\u062c\u0644",  # Arabic (RTL)
    "\u05d7\u05d3\u05e9\u05d5\u05ea",  # Hebrew
    "e" + "\u0301" * 30,  # a stack of combining accents
    "\ud800", "\udfff",  # lone surrogates
    "Baca juga: Harga Beras Naik", "JAKARTA, KOMPAS.com - Pemerintah menaikkan anggaran.",
    "Warga menyambut baik rencana tersebut karena harga kebutuhan pokok terus naik.",
    "Kamis, 24/10/2024 09:35 WIB", "(es/DNA)", "Berita Terkait", "<p>", "&amp;",
])
HOSTILE_TEXT = st.lists(st.one_of(_PIECES, st.text(_HOSTILE_CHARS, max_size=40)),
                        max_size=40).map("".join)
HOSTILE_BYTES = st.one_of(
    st.binary(max_size=3000),
    HOSTILE_TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")),  # lone surrogates
    HOSTILE_TEXT.map(lambda t: t.encode("utf-16", "surrogatepass")),
)
_FFFD = str.maketrans({c: "\ufffd" for c in range(0xD800, 0xE000)})


def input_lines(text: str) -> set[str]:
    return {normalize(line) for line in text.translate(_FFFD).splitlines()}


def writable(art: cleaner.Article) -> None:
    json.dumps(art.to_dict(keep_removed=True), ensure_ascii=False).encode("utf-8")


@SETTINGS
@given(HOSTILE_TEXT)
def test_text_never_invents_is_idempotent_and_writable(doc: str) -> None:
    art = CLEANER.clean(doc, kind="text")
    lines = input_lines(doc)
    assert all(p in lines for p in art.paragraphs)
    assert all(d.text in lines for d in art.lines)
    writable(art)
    assert CLEANER.clean(art.text, kind="text").text == art.text


@SETTINGS
@given(HOSTILE_TEXT)
def test_auto_detected_text_raises_nothing_but_input_error(doc: str) -> None:
    try:
        art = CLEANER.clean(doc)
    except cleaner.InputError:
        return
    writable(art)


@SETTINGS
@given(HOSTILE_BYTES)
def test_bytes_give_an_article_or_an_input_error(data: bytes) -> None:
    try:
        art = CLEANER.clean(data)
    except cleaner.InputError:
        return
    writable(art)


@settings(max_examples=60, deadline=None, database=None, derandomize=True)
@given(st.lists(st.sampled_from([
    "Judul Berita Contoh Hari Ini",
    "JAKARTA - Warga menyambut baik rencana tersebut karena harga kebutuhan pokok naik.",
    "Baca juga: Harga Beras Naik Lagi di Pasar Induk",
    "Menteri itu mengatakan kebijakan baru akan berlaku mulai bulan depan di daerah.",
    "", "(es/DNA)", "Berita Terkait",
]), min_size=1, max_size=15), st.sampled_from(BREAKS))
def test_every_line_break_gives_the_same_article(lines: list[str], brk: str) -> None:
    want = CLEANER.clean("\n".join(lines), kind="text")
    got = CLEANER.clean(brk.join(lines), kind="text")
    assert got.paragraphs == want.paragraphs
    assert [(d.decision, d.rule) for d in got.lines] == [(d.decision, d.rule)
                                                        for d in want.lines]


@pytest.mark.parametrize("line", [
    "a" * 1_000_000,
    "kata " * 200_000,
    "\u0627" * 500_000,
    "e\u0301" * 300_000,
    "<" * 1_000_000,
    "Baca juga: " + "x" * 1_000_000,
])
def test_one_megabyte_line(line: str) -> None:
    art = CLEANER.clean("Judul\n" + line + "\n")
    assert all(p in input_lines("Judul\n" + line) for p in art.paragraphs)
    writable(art)


@pytest.mark.parametrize("brk", ["\n", "\r", "\u2028"])
def test_a_hundred_thousand_empty_lines(brk: str) -> None:
    art = CLEANER.clean(brk * 100_000 + "JAKARTA - Satu paragraf berita yang cukup panjang "
                        "untuk dianggap isi berita oleh pembersih." + brk * 100_000)
    assert len(art.lines) == 1 and art.lines[0].n == 100_001

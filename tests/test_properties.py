"""Property tests: never invents text, idempotent, deterministic, no crash on any input.

"Never invents text" is deletion-only: every body paragraph is an input line with zero or
more spans removed (``LineDecision.spans``), in order, whitespace normalised at each cut.
"""

from __future__ import annotations

import contextlib
import pickle

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cleaner
from cleaner.lines import normalize
from cleaner.spans import delete

CLEANER = cleaner.Cleaner()
GENERIC = cleaner.Cleaner(use_profiles=False)

# Lines that look like news pages: prose, headlines, chrome, dates, initials, noise.
_PIECES = st.sampled_from([
    "Baca juga: Harga Beras Naik Lagi di Pasar Induk",
    "ADVERTISEMENT",
    "SCROLL TO CONTINUE WITH CONTENT",
    "3 jam yang lalu",
    "Berita Terkait",
    "A A A",
    "loading...",
    "(es/DNA)",
    "Sumber : Reuters",
    "Jakarta CNN Indonesia —",
    "Kamis, 24/10/2024 09:35 WIB",
    "Copyright ©2025 Contoh.com All Rights Reserved",
    "JAKARTA, KOMPAS.com - Pemerintah menaikkan anggaran pendidikan tahun depan.",
    "Menteri itu mengatakan kebijakan baru akan berlaku mulai bulan depan di seluruh daerah.",
    "Warga menyambut baik rencana tersebut karena harga kebutuhan pokok terus naik.",
    "Harga Cabai Turun Jelang Akhir Tahun",
    "Harga Cabai...",
    "`SUBJUDUL`",
    "优游国际",
    "",
    "",
])
_DOC = st.lists(st.one_of(_PIECES, st.text(max_size=80)), max_size=40).map("\n".join)
# Chrome glued inside body lines (cleaner.spans): written shapes, and markers with random
# text around them to reach every shape; placed between body paragraphs.
_GLUED_LINES = st.sampled_from([
    "Warga menyambut baik rencana itu, kata dia, Jumat (1/5/2020).Baca Juga:Harga Cabai "
    "Turun Jelang LebaranPasar Induk Sepi Pembeli Sejak PagiPedagang mengaku harga cabai "
    "turun karena pasokan dari daerah penghasil melimpah.",
    'Baca Juga: Tiket Mudik Ludes Dalam Sehari "Kami menambah gerbong untuk semua tujuan," '
    "kata petugas stasiun.",
    "Air laut naik sejak Selasa malam (Baca juga: Banjir Rob Kembali Rendam Pesisir) dan "
    "petugas masih memompa air dari rumah warga.",
    "Pemerintah kota berjanji memperbaiki saluran air, kata dia. Artikel ini telah tayang di "
    'Contoh.com dengan judul "Saluran Air Diperbaiki"',
    "Baca juga: Harga Emas Naik Lagi Adapun harga perak tidak berubah sejak pekan lalu.",
])
_MARKERS = st.sampled_from(["Baca juga:", "Baca Juga:", "(Baca juga: ", "Baca selengkapnya:",
                            "Baca selengkapnya di sini", "Artikel ini telah tayang di ",
                            "Lihat juga: ", ")", '"', "Adapun ", "JAKARTA - ", " 2. "])
_GLUED = st.lists(st.one_of(_MARKERS, st.text(max_size=20),
                            st.sampled_from(["Harga Cabai Turun", "LebaranPasar", "kata dia.",
                                             "Menurut pedagang, harga turun.", "WhatsApp",
                                             "pasokan dari daerah penghasil melimpah"])),
                  min_size=1, max_size=10).map("".join)
_BODY = [
    "JAKARTA - Pemerintah daerah mengumumkan jadwal baru pengangkutan sampah di kota itu.",
    "Kepala dinas mengatakan perubahan ini dibuat agar warga tidak lagi menunggu lama.",
    "Menurut dia, jadwal baru akan diuji selama tiga bulan sebelum ditetapkan permanen.",
]
_SPAN_DOC = st.lists(st.one_of(_GLUED_LINES, _GLUED, _PIECES), min_size=1, max_size=8).map(
    lambda mid: "\n".join([*_BODY[:2], *mid, _BODY[2]]))
_SETTINGS = settings(max_examples=150, deadline=None,
                     suppress_health_check=[HealthCheck.too_slow])


def _input_lines(text: str) -> set[str]:
    return {normalize(line) for line in text.splitlines()}


def _squash(text: str) -> str:
    return "".join(text.split())


@_SETTINGS
@given(st.one_of(_DOC, _SPAN_DOC))
def test_never_invents_text(doc: str) -> None:
    """Every paragraph is its input line minus the recorded spans, in order."""
    for c in (CLEANER, GENERIC):
        art = c.clean(doc, kind="text")
        lines = _input_lines(doc)
        kept = [d for d in art.lines if d.decision == "kept"]
        assert len(kept) == len(art.paragraphs)
        for d, para in zip(kept, art.paragraphs, strict=True):
            assert d.text in lines
            pos, rest = 0, []
            for sp in d.spans:  # in order, not overlapping, each the line's own text
                assert pos <= sp.start < sp.end <= len(d.text)
                assert d.text[sp.start:sp.end] == sp.text
                rest.append(d.text[pos:sp.start])
                pos = sp.end
            rest.append(d.text[pos:])
            assert para == delete(d.text, d.spans)
            # nothing but whitespace changes where a span was cut
            assert _squash(para) == _squash("".join(rest))
            assert not d.spans or para == normalize(para)


@_SETTINGS
@given(st.one_of(_DOC, _SPAN_DOC))
def test_strip_dateline_only_removes_a_prefix(doc: str) -> None:
    art = GENERIC.clean(doc, strip_dateline=True, kind="text")
    lines = _input_lines(doc)
    kept = [d for d in art.lines if d.decision == "kept"]
    for i, (d, para) in enumerate(zip(kept, art.paragraphs, strict=True)):
        assert d.text in lines
        whole = delete(d.text, d.spans)
        assert para == whole or (i == 0 and whole.endswith(para))


@_SETTINGS
@given(_DOC)
def test_idempotent(doc: str) -> None:
    for c in (CLEANER, GENERIC):
        once = c.clean(doc, kind="text").text
        assert c.clean(once, kind="text").text == once


@_SETTINGS
@given(_SPAN_DOC)
def test_cutting_spans_is_idempotent(doc: str) -> None:
    """Cleaning the cleaned text cuts nothing more: what spans leave is body as it is."""
    for c in (CLEANER, GENERIC):
        once = c.clean(doc, kind="text")
        again = c.clean(once.text, kind="text")
        assert again.text == once.text
        assert not any(d.spans for d in again.lines)


@_SETTINGS
@given(st.one_of(_DOC, _SPAN_DOC))
def test_deterministic_and_picklable(doc: str) -> None:
    clone = pickle.loads(pickle.dumps(CLEANER))
    assert clone.clean(doc).to_dict(keep_removed=True) == CLEANER.clean(doc).to_dict(
        keep_removed=True)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_no_exception_on_arbitrary_unicode(text: str) -> None:
    art = CLEANER.clean(text, kind="text")
    assert isinstance(art.text, str)
    assert len(art.lines) == sum(1 for line in text.splitlines() if normalize(line))
    # auto-detection may route to HTML: only the documented InputError may escape
    with contextlib.suppress(cleaner.InputError):
        CLEANER.clean(text)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_bytes_give_an_article_or_input_error(data: bytes) -> None:
    try:
        art = CLEANER.clean(data)
    except cleaner.InputError:
        return
    assert isinstance(art.text, str)

"""Real-world encodings: BOMs, cp1252 and latin-1 dumps, declared-vs-actual mismatches,
mojibake already in the text, and binary files that must not pass for text."""

from __future__ import annotations

import codecs
import gzip
import sys
import types
import zlib

import pytest

import cleaner
from cleaner.decode import decode, looks_like_mojibake

PARA = ("Warga menyambut baik rencana \u201ckebijakan baru\u201d itu \u2013 kata Menteri "
        "di kafe \u00e9l\u00e9gant, harga naik 5\u00a0%.")
DUMP = f"Judul Berita Contoh\nJAKARTA - {PARA}\nParagraf kedua yang cukup panjang " \
       "untuk dianggap isi berita oleh pembersih.\n"
SHOWN = PARA.replace("\u00a0", " ")  # how the paragraph reads once whitespace is normalised
GENERIC = cleaner.Cleaner(use_profiles=False)


def page(charset: str, body: str = PARA) -> str:
    return (f'<html><head><meta charset="{charset}"><title>Judul</title></head>'
            f"<body><article><p>{body}</p><p>Paragraf kedua yang cukup panjang untuk "
            "dianggap isi berita oleh pembersih.</p></article></body></html>")


@pytest.mark.parametrize(("data", "encoding"), [
    (codecs.BOM_UTF8 + DUMP.encode("utf-8"), "utf-8-sig"),
    (codecs.BOM_UTF16_LE + DUMP.encode("utf-16-le"), "utf-16"),
    (codecs.BOM_UTF16_BE + DUMP.encode("utf-16-be"), "utf-16"),
    (DUMP.encode("utf-16"), "utf-16"),
    (DUMP.encode("utf-32"), "utf-32"),
    (DUMP.encode("utf-16-le"), "utf-16-le"),  # no BOM: ASCII interleaved with NULs
    (DUMP.encode("utf-16-be"), "utf-16-be"),
])
def test_boms_and_utf16(data: bytes, encoding: str) -> None:
    art = GENERIC.clean(data)
    assert art.encoding == encoding
    assert SHOWN in art.text
    assert "\ufeff" not in art.text


def test_cp1252_dump_without_declaration() -> None:
    text, used = decode(DUMP.encode("cp1252"))
    assert text == DUMP
    assert used.startswith("cp125")  # charset-normalizer may name an equivalent code page
    assert SHOWN in GENERIC.clean(DUMP.encode("cp1252")).text


@pytest.mark.parametrize("label", ["iso-8859-1", "latin1", "ISO_8859-1", "us-ascii"])
def test_latin1_and_ascii_labels_read_as_windows_1252(label: str) -> None:
    """The WHATWG rule browsers follow: curly quotes and dashes survive."""
    raw = page(label).encode("cp1252")
    text, used = decode(raw)
    assert used == "cp1252" and PARA in text
    assert SHOWN in GENERIC.clean(raw).text
    # the HTTP header (``encoding=``) says the same thing: same result
    assert decode(DUMP.encode("cp1252"), declared=label) == (DUMP, "cp1252")


def test_cp1252_undefined_bytes_become_c1_controls_not_errors() -> None:
    text, used = decode(b"Harga \x81naik\x8d \x93kata\x94", declared="latin-1")
    assert used == "cp1252"
    assert text == "Harga \x81naik\x8d \u201ckata\u201d"


def test_declares_latin1_sends_utf8() -> None:
    raw = page("iso-8859-1").encode("utf-8")
    assert decode(raw) == (page("iso-8859-1"), "utf-8")
    assert SHOWN in GENERIC.clean(raw, encoding="iso-8859-1").text


def test_declares_utf8_sends_cp1252() -> None:
    raw = page("utf-8").encode("cp1252")
    text, used = decode(raw, declared="utf-8")
    assert used != "utf-8" and PARA in text


def test_http_header_beats_meta_and_bom_beats_both() -> None:
    body = "Kota \u0160iauliai \u017e\u010f"  # cp1250 letters, not cp1252
    raw = page("windows-1252", body).encode("cp1250")
    text, used = decode(raw, declared="windows-1250")
    assert used == "cp1250" and body in text
    bom = codecs.BOM_UTF8 + page("windows-1250").encode("utf-8")
    assert decode(bom, declared="windows-1250")[1] == "utf-8-sig"


def test_utf16_declared_but_bytes_are_utf8_is_not_misread() -> None:
    """A wrong UTF-16 header on ASCII/UTF-8 bytes would turn a page into CJK soup."""
    text, used = decode(DUMP.encode("utf-8"), declared="utf-16")
    assert (text, used) == (DUMP, "utf-8")


def test_mojibake_is_kept_and_flagged_never_silently_fixed() -> None:
    broken = DUMP.encode("utf-8").decode("cp1252", "cleaner.c1")
    assert looks_like_mojibake(broken) and not looks_like_mojibake(DUMP)
    assert not looks_like_mojibake("S\u00e3o Paulo N\u00c3O C\u00c2BLE \u00c4rger")
    art = GENERIC.clean(broken)
    assert "\u00e2\u20ac\u0153" in art.text  # the text is left exactly as it came
    assert any("mojibake" in w for w in art.warnings)
    assert not any("mojibake" in w for w in GENERIC.clean(DUMP).warnings)


def test_fix_text_is_opt_in_and_uses_ftfy(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    fake = types.ModuleType("ftfy")
    fake.fix_text = lambda t: calls.append(t) or t.replace("\u00e2\u20ac\u201c", "\u2013")
    monkeypatch.setitem(sys.modules, "ftfy", fake)
    broken = "Judul\nJAKARTA - Harga naik \u00e2\u20ac\u201c kata Menteri di sana hari ini."
    assert "\u00e2\u20ac\u201c" in GENERIC.clean(broken).text and not calls
    fixed = GENERIC.clean(broken, fix_text=True)
    assert calls and "naik \u2013 kata" in fixed.text
    assert not any("mojibake" in w for w in fixed.warnings)


def test_fix_text_without_ftfy_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "ftfy", None)  # import ftfy raises ImportError
    with pytest.raises(cleaner.InputError, match="pip install ftfy"):
        GENERIC.clean("teks", fix_text=True)


PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
       b"\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01"
       b"\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")
# a PDF whose first KiB has no NUL byte: the old NUL test alone let it through
PDF = (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
       b"4 0 obj\n<< /Length 44 /Filter /FlateDecode >>\nstream\n"
       + zlib.compress(b"BT /F1 24 Tf 100 700 Td (Hello) Tj ET") + b"\nendstream\n")


@pytest.mark.parametrize(("data", "what"), [
    (PNG, "PNG"),
    (PDF, "PDF"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(range(256)), "JPEG"),
    (b"GIF89a\x01\x00\x01\x00\x80\x00\x00" + bytes(40), "GIF"),
    (b"PK\x03\x04\x14\x00\x06\x00" + b"word/document.xml" * 3, "ZIP"),
    (gzip.compress(DUMP.encode()), "gzip"),
    (b"\x00\x00\x00\x18ftypmp42" + bytes(100), "MP4"),
    (b"RIFF\x24\x00\x00\x00WEBPVP8 " + bytes(100), "RIFF"),
    (b"\x7fELF\x02\x01\x01" + bytes(100), "ELF"),
    (bytes(range(1, 32)) * 40, "control bytes"),
])
def test_binary_files_are_input_errors(data: bytes, what: str) -> None:
    with pytest.raises(cleaner.InputError, match=what):
        GENERIC.clean(data)


def test_text_that_merely_starts_like_a_magic_number_is_text() -> None:
    for start in ("MZ Tour ke Bali", "RIFF band tampil", "ID3 adalah format", "BZh hmm"):
        art = GENERIC.clean(f"{start}\nJAKARTA - {PARA}\n".encode())
        assert SHOWN in art.text


# ---------------------------------------------------------------------- issue 15, 14-15
@pytest.mark.parametrize("damage", [b"\xff", b"\xe2\x80", b"\xc3", b"\xa0\xa0"])
def test_mostly_utf8_with_a_few_bad_bytes_stays_utf8(damage: bytes) -> None:
    """A few damaged bytes (a cut multi-byte sequence, a stray byte) in a UTF-8 dump:
    UTF-8 with U+FFFD there, not a legacy charset that mangles every accent."""
    raw = DUMP.encode("utf-8")
    cut = raw.index(b"Paragraf kedua")
    data = raw[:cut] + damage + raw[cut:]
    text, used = decode(data)
    assert used == "utf-8"
    assert PARA in text and "\ufffd" in text
    art = GENERIC.clean(data)
    assert art.encoding == "utf-8" and SHOWN in art.text


def test_one_curly_quote_and_three_damaged_bytes_is_still_utf8() -> None:
    """News dumps hold few non-ASCII characters: one valid quote is evidence enough
    when the damage is a few bytes (FEW_BAD_RUNS)."""
    data = ("Judul\nJAKARTA - Warga menyambut \u201cbaik\u201d rencana itu, kata Menteri "
            "kepada wartawan di kantornya.\n").encode() + b"\xff\xe2\x80 \xc3\n"
    text, used = decode(data)
    assert used == "utf-8" and "\u201cbaik\u201d" in text and text.count("\ufffd") == 3


def test_a_legacy_charset_is_still_not_read_as_utf8() -> None:
    """cp1252 text has accents but no valid UTF-8 sequences: the ratio keeps it cp1252."""
    data = DUMP.encode("cp1252")
    assert decode(data, declared="windows-1252") == (DUMP, "cp1252")
    text, used = decode(data)
    assert used != "utf-8" and "\ufffd" not in text


@pytest.mark.parametrize("page_bytes, encoding", [
    (page("undefined").encode("utf-8", "replace").replace(b"\xc3\xa9", b"\xe9"), None),
    (page("base64").encode("cp1252"), None),
    (DUMP.encode("cp1252"), "\x00"),
    (DUMP.encode("cp1252"), "undefined"),
    (DUMP.encode("utf-8"), 5),
    (DUMP.encode("utf-8"), b"utf-8"),
])
def test_the_library_raises_only_input_error(page_bytes: bytes, encoding: object) -> None:
    kwargs = {} if encoding is None else {"encoding": encoding}
    try:
        art = GENERIC.clean(page_bytes, **kwargs)
    except cleaner.InputError as exc:
        assert isinstance(encoding, (int, bytes)), exc  # only a non-str encoding refuses
        assert "encoding must be a charset name" in str(exc)
    else:
        assert not isinstance(encoding, (int, bytes))
        assert "Paragraf kedua" in art.text

"""Bytes to text: BOM, then UTF-8, then the declared charset, then charset-normalizer.

Returns the text and the name of the encoding used, which batch tools record in
metadata.  Input that is not text raises :class:`~cleaner.errors.InputError` instead of
yielding garbage: a known binary format (image, PDF, archive, compressed stream, ...)
by its first bytes, NUL bytes or many control bytes at the start, or bytes no encoding
fits.

Real-world rules followed (the WHATWG Encoding Standard, what browsers do):

* a BOM beats any declaration (UTF-8, UTF-16 LE/BE, UTF-32);
* a page that declares ``iso-8859-1``, ``latin1`` or ``ascii`` is decoded as
  ``windows-1252`` (curly quotes and dashes in 0x80-0x9F are the usual reason), and the
  five bytes cp1252 leaves undefined become the C1 controls instead of an error;
* an outside declaration (HTTP ``Content-Type``, passed as ``declared``) beats the
  page's own ``<meta charset>``.

Where we differ on purpose: valid UTF-8 is taken as UTF-8 whatever the page declares,
because "declares latin-1, sends UTF-8" is the commonest mismatch on the web, and a
valid UTF-8 decoding of non-UTF-8 bytes is very unlikely.  A UTF-16 page without a BOM
is read when it is declared, or when its first bytes are plainly ASCII interleaved with
NUL bytes.  Text that *already* contains mojibake is left alone unless
``fix_text=True`` (ftfy); :func:`looks_like_mojibake` lets the caller say so.
"""

from __future__ import annotations

import codecs
import itertools
import re

from .errors import InputError

__all__ = ["decode", "looks_like_mojibake", "sniff_declared"]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE
)
#: first bytes of formats that are never a text or HTML page
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or docx/xlsx/epub)"),
    (b"\x1f\x8b", "gzip-compressed data (decompress it first)"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed data (decompress it first)"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7z archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"OggS", "an Ogg media file"),
    (b"ID3\x03", "an MP3 file"),
    (b"ID3\x04", "an MP3 file"),
    (b"\x00\x00\x01\x00", "an ICO image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x7fELF", "an ELF executable"),
    (b"MZ\x90\x00", "a Windows executable"),
    (b"\x00asm", "a WebAssembly module"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document"),
    (b"wOFF", "a web font"),
    (b"wOF2", "a web font"),
)
#: the WHATWG Encoding Standard maps these labels to windows-1252
_AS_CP1252 = {"latin_1", "iso8859-1", "ascii", "cp819", "iso-8859-1", "us-ascii"}
#: control bytes that do not occur in text (all C0 but tab, LF, VT, FF, CR, ESC)
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27))


def _c1(exc: UnicodeError) -> tuple[str, int]:
    """cp1252's undefined bytes (0x81 0x8D 0x8F 0x90 0x9D) as the C1 controls, as
    browsers decode them, instead of an error."""
    assert isinstance(exc, UnicodeDecodeError)
    return exc.object[exc.start:exc.end].decode("latin-1"), exc.end


codecs.register_error("cleaner.c1", _c1)


def sniff_declared(head: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` tag, if any."""
    m = _META_CHARSET.search(head[:4096])
    return m.group(1).decode("ascii").lower() if m else None


def _valid(name: str | None) -> str | None:
    """The codec name for a charset label (latin-1 and ascii read as windows-1252), or
    None for a label that names no text encoding: unknown, malformed (``"\\x00"``), or a
    Python codec that is not a charset (``undefined``, ``base64``, ``rot13``...)."""
    if not name:
        return None
    try:
        info = codecs.lookup(name)
    except (LookupError, ValueError):
        return None
    codec = info.name
    if codec in _NOT_CHARSETS or not getattr(info, "_is_text_encoding", True):
        return None
    return "cp1252" if codec in _AS_CP1252 else codec


#: Python codecs that look up fine but decode no web page (``undefined`` always raises)
_NOT_CHARSETS = {"undefined", "unicode_escape", "raw_unicode_escape", "unicode-escape",
                 "raw-unicode-escape", "idna", "punycode", "palmos", "mbcs", "oem"}
#: A byte string that is not valid UTF-8 is still read as UTF-8 (the bad bytes become
#: U+FFFD) when it holds valid multi-byte UTF-8 characters and its invalid byte runs are
#: at most FEW_BAD_RUNS or outnumbered MOSTLY_UTF8_RATIO times by them: a few damaged
#: bytes in a UTF-8 page (a cut, a bad copy) must not send the whole page to detection,
#: which reads it as mac_latin2 or cp1252 and mangles every accented letter.  Text in a
#: legacy charset has almost no valid multi-byte UTF-8 sequences, so it is not taken.
#: (News dumps hold few non-ASCII characters, often one or two curly quotes: a ratio
#: alone would miss most damaged pages.)
MOSTLY_UTF8_RATIO = 2
FEW_BAD_RUNS = 3


def _mostly_utf8(data: bytes) -> str | None:
    """The UTF-8 reading of ``data`` with U+FFFD for its few bad bytes, or None."""
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    non_ascii = len(text) - len(text.encode("ascii", "ignore").decode("ascii"))
    good = non_ascii - text.count("\ufffd")
    if good > 0 and (bad <= FEW_BAD_RUNS or good >= MOSTLY_UTF8_RATIO * bad):
        return text
    return None


def _binary(data: bytes) -> str | None:
    """What kind of non-text data this is, or None when it may be text."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return what
    if data[4:8] == b"ftyp":
        return "an MP4/MOV/HEIC media file"
    if data.startswith(b"RIFF") and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return "a RIFF media file (WebP, WAV, AVI)"
    head = data[:4096]
    if b"\x00" in head[:1024]:
        return "binary data (NUL bytes)"
    controls = len(head) - len(head.translate(None, _CONTROL))
    if head and controls > max(8, len(head) // 20):
        return f"binary data ({controls} control bytes in the first {len(head)})"
    return None


def _utf16_without_bom(data: bytes, declared: str | None) -> str | None:
    """UTF-16 without its BOM: ASCII interleaved with NULs in the first bytes, or NULs
    and a UTF-16/32 declaration (text in other encodings has no NUL bytes)."""
    head = data[:1024]
    if b"\x00" not in head:
        return None
    if declared and declared.startswith(("utf-16", "utf-32")):
        return {"utf-16": "utf-16-le", "utf-32": "utf-32-le"}.get(declared, declared)
    if len(head) < 16:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) >= 0.9 * len(odd) and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) >= 0.9 * len(even) and odd.count(0) == 0:
        return "utf-16-be"
    return None


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode a document; ``declared`` is a charset from outside (an HTTP header).

    Raises only :class:`InputError` (a ``declared`` that is not a ``str`` is one)."""
    if declared is not None and not isinstance(declared, str):
        raise InputError(f"encoding must be a charset name (str), got {type(declared).__name__}")
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeError as exc:
                raise InputError(f"bytes after a {name} BOM do not decode: {exc}") from None
    wide = _utf16_without_bom(data, _valid(declared))
    if wide:
        try:
            return data.decode(wide), wide
        except (UnicodeError, LookupError):
            pass  # not UTF-16 after all: the checks below decide
    what = _binary(data)
    if what:
        raise InputError(f"not a text or HTML document: {what}")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    text = _mostly_utf8(data)
    if text is not None:
        return text, "utf-8"
    for name in (_valid(declared), _valid(sniff_declared(data))):
        if name and name != "utf-8" and not name.startswith(("utf-16", "utf-32")):
            try:
                return data.decode(name, "cleaner.c1" if name == "cp1252" else "strict"), name
            except (UnicodeError, LookupError):
                continue  # declared one charset, sent another: detect it
    from charset_normalizer import from_bytes  # lazy: only for non-UTF-8 input

    best = from_bytes(data[:200_000]).best()
    if best is None:
        raise InputError("could not detect a text encoding (binary data?)")
    try:
        return data.decode(best.encoding), best.encoding
    except UnicodeError:
        try:
            return data.decode(best.encoding, errors="replace"), best.encoding
        except (UnicodeError, LookupError) as exc:
            raise InputError(f"could not decode as {best.encoding}: {exc}") from None


# ---------------------------------------------------------------------- mojibake
# UTF-8 read as cp1252/latin-1: a lead byte (0xC2-0xDF, or 0xE2 0x80 for quotes and
# dashes) shown as a letter, followed by a continuation byte (0x80-0xBF) shown as one.
_CONT = bytes(range(0x80, 0xC0))
_CONT_CHARS = "".join(sorted(set(_CONT.decode("latin-1") + _CONT.decode("cp1252", "ignore"))))
_LEADS = bytes(range(0xC2, 0xE0)).decode("cp1252")
# Written as one class up front ("a lead, or â then €") so the engine can skip to
# the next candidate character; the look-behinds keep it equal to
# "(?:[leads]|â€)[continuations]", which it is (tested).
_MOJIBAKE = re.compile(
    f"[{re.escape(_LEADS)}â](?:(?<=â)€)?(?<!â)[{re.escape(_CONT_CHARS)}]")


def looks_like_mojibake(text: str, sample: int = 200_000) -> bool:
    """Whether ``text`` shows UTF-8 decoded as cp1252/latin-1 (``Ã©``, ``â€™``, ...)
    at least twice in its first ``sample`` characters."""
    if text.isascii():
        return False
    second = next(itertools.islice(_MOJIBAKE.finditer(text, 0, sample), 1, None), None)
    return second is not None

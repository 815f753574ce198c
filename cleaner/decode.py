"""Bytes to text: BOM, then the declared charset, then charset-normalizer.

Returns the text and the name of the encoding used, which batch tools record in
metadata.  Binary input (NUL bytes in the first KiB, or no encoding that fits) raises
:class:`~cleaner.errors.InputError` instead of yielding garbage.
"""

from __future__ import annotations

import codecs
import re

from .errors import InputError

__all__ = ["decode", "sniff_declared"]

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


def sniff_declared(head: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` tag, if any."""
    m = _META_CHARSET.search(head[:4096])
    return m.group(1).decode("ascii").lower() if m else None


def _valid(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode a document; ``declared`` is a charset from outside (an HTTP header)."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as exc:
                raise InputError(f"bytes after a {name} BOM do not decode: {exc}") from None
    if b"\x00" in data[:1024]:
        raise InputError("binary data (NUL bytes), not a text or HTML document")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    for name in (_valid(declared), _valid(sniff_declared(data))):
        if name and name not in ("utf-8", "utf_8"):
            try:
                return data.decode(name), name
            except (UnicodeDecodeError, LookupError):
                continue
    from charset_normalizer import from_bytes  # lazy: only for non-UTF-8 input

    best = from_bytes(data[:200_000]).best()
    if best is None:
        raise InputError("could not detect a text encoding (binary data?)")
    try:
        return data.decode(best.encoding), best.encoding
    except UnicodeDecodeError:
        return data.decode(best.encoding, errors="replace"), best.encoding

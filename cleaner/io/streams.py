"""Byte streams: compression by magic number, format by name or first bytes.

Compression is told by the first bytes (gzip ``1f 8b``, zstd ``28 b5 2f fd``), not by the
file name, so a ``.gz`` without its suffix, or compressed stdin, still reads.  The name
decides the format when it can (``.jsonl``, ``.warc``, ``.txt``, ``.html``); otherwise
the first decompressed bytes do (``WARC/`` is a WARC, ``{`` on stdin is JSONL).
"""

from __future__ import annotations

import gzip
import io
from typing import BinaryIO

from ..errors import InputError

__all__ = [
    "CountingReader",
    "compression_of",
    "decompress",
    "format_of",
    "read_document",
    "strip_compression",
]

GZIP_MAGIC = b"\x1f\x8b"
ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
COMPRESSION_SUFFIXES = (".gz", ".gzip", ".zst", ".zstd")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonlines")
WARC_SUFFIXES = (".warc", ".arc")
DOC_SUFFIXES = (".txt", ".text", ".html", ".htm", ".xhtml", ".md")
FORMATS = ("auto", "doc", "jsonl", "warc")


class CountingReader(io.RawIOBase):
    """A raw stream over ``raw`` that counts the bytes read and can replay a peeked head.

    The count drives the progress bar (compressed bytes for compressed files); the
    replayed head lets a pipe (stdin) be sniffed without seeking.
    """

    def __init__(self, raw: BinaryIO) -> None:
        super().__init__()
        self._raw = raw
        self._head = b""
        self.count = 0

    def peek_head(self, n: int) -> bytes:
        """Up to ``n`` first bytes (fewer only at end of stream); they are read again."""
        while len(self._head) < n:
            chunk = self._raw.read(n - len(self._head))
            if not chunk:
                break
            self._head += chunk
            self.count += len(chunk)
        return self._head[:n]

    def readable(self) -> bool:
        return True

    def readinto(self, buf) -> int:  # type: ignore[override]
        if self._head:
            n = min(len(buf), len(self._head))
            buf[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        chunk = self._raw.read(len(buf))
        n = len(chunk)
        buf[:n] = chunk
        self.count += n
        return n


def compression_of(head: bytes) -> str | None:
    """``"gzip"``, ``"zstd"`` or None, from a stream's first four bytes."""
    if head.startswith(GZIP_MAGIC):
        return "gzip"
    if head.startswith(ZSTD_MAGIC):
        return "zstd"
    return None


def decompress(stream: BinaryIO, compression: str | None) -> BinaryIO:
    """A readable stream of the decompressed bytes (multi-member gzip, multi-frame zstd)."""
    if compression == "gzip":
        return gzip.GzipFile(fileobj=stream, mode="rb")  # type: ignore[return-value]
    if compression == "zstd":
        import zstandard

        return zstandard.ZstdDecompressor().stream_reader(  # type: ignore[return-value]
            stream, read_across_frames=True)
    return stream


def strip_compression(name: str) -> str:
    """``a.jsonl.gz`` -> ``a.jsonl``."""
    low = name.lower()
    for suffix in COMPRESSION_SUFFIXES:
        if low.endswith(suffix):
            return name[: -len(suffix)]
    return name


def format_of(name: str, head: bytes, *, stdin: bool = False) -> str:
    """``"jsonl"``, ``"warc"`` or ``"doc"`` for a file name and its decompressed head."""
    low = strip_compression(name).lower()
    if low.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if low.endswith(WARC_SUFFIXES):
        return "warc"
    if low.endswith(DOC_SUFFIXES):
        return "doc"
    if head.startswith(b"WARC/"):
        return "warc"
    if stdin and head.lstrip()[:1] == b"{":
        return "jsonl"
    return "doc"


def read_document(path: str, max_bytes: int) -> bytes:
    """A whole document file, decompressed, refusing more than ``max_bytes`` bytes.

    Reads at most ``max_bytes + 1`` bytes, so a huge file costs no memory.
    """
    with open(path, "rb") as raw:
        head = raw.read(4)
        raw.seek(0)
        stream = decompress(raw, compression_of(head))  # type: ignore[arg-type]
        data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(f"document is over max_bytes={max_bytes}")
    return data

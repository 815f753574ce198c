"""Byte streams: compression by magic number, format by name or first bytes.

Compression is told by the first bytes (gzip ``1f 8b``, zstd ``28 b5 2f fd``), not by the
file name, so a ``.gz`` without its suffix, or compressed stdin, still reads.  The name
decides the format when it can (``.jsonl``, ``.warc``, ``.txt``, ``.html``); otherwise
the first decompressed bytes do (``WARC/`` is a WARC, ``{`` on stdin is JSONL).
"""

from __future__ import annotations

import collections
import io
import zlib
from typing import Any, BinaryIO

from ..errors import InputError

__all__ = [
    "CountingReader",
    "Members",
    "compression_of",
    "decompress",
    "format_of",
    "read_document",
    "read_upto",
    "strip_compression",
]

GZIP_MAGIC = b"\x1f\x8b"
ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
COMPRESSION_SUFFIXES = (".gz", ".gzip", ".zst", ".zstd")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonlines")
JSON_SUFFIXES = (".json",)
WARC_SUFFIXES = (".warc", ".arc")
DOC_SUFFIXES = (".txt", ".text", ".html", ".htm", ".xhtml", ".md")
FORMATS = ("auto", "doc", "jsonl", "json", "warc")


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
    """A readable stream of the decompressed bytes (multi-member gzip, multi-frame zstd).

    A stream that ends inside a gzip member or a zstd frame raises ``EOFError`` when the
    reader gets there: truncated input is never taken as complete."""
    if compression in ("gzip", "zstd"):
        return Members(stream, compression)  # type: ignore[return-value]
    return stream


def read_upto(stream: BinaryIO, n: int) -> bytes:
    """Up to ``n`` bytes, fewer only at the end of the stream (a raw stream's ``read``
    may return less; reading on until the end lets a truncated stream raise)."""
    parts, got = [], 0
    while got < n:
        chunk = stream.read(min(n - got, 1 << 20))
        if not chunk:
            break
        parts.append(chunk)
        got += len(chunk)
    return b"".join(parts)


#: compressed bytes fed to the zstd decoder at a time: one call can return at most
#: ~32,768 times its input (zstd's RLE blocks), so this caps what a bomb costs per read
_ZSTD_FEED = 1024
#: decompressed bytes zlib may return per call (zlib takes an output cap, zstd does not)
_GZIP_OUT = 1 << 16


class Members(io.RawIOBase):
    """The decompressed bytes of a gzip or zstd stream, member (frame) after member.

    Why not ``gzip.GzipFile`` / ``zstandard``'s ``stream_reader``: the zstd reader takes
    a stream cut inside a frame as complete (issue 15: a truncated ``.jsonl.zst`` gave
    partial records and exit 0), and a WARC reader needs to know where each member
    starts in the file as stored (the offset CDX indexes use), for per-record ``.gz``
    and ``.zst`` alike.  ``member_start(pos)`` answers that for a decompressed position
    when a member starts there.  Zero bytes between members are skipped (padding, as
    ``gzip`` does); anything else that is not a member is an error.
    """

    def __init__(self, raw: BinaryIO, kind: str) -> None:
        super().__init__()
        self._raw = raw
        self._kind = kind
        self._buf = b""  # compressed bytes not yet fed
        self._out = b""  # decompressed bytes not yet returned
        self._dec: Any = None  # the decoder of the member in progress
        self.consumed = 0  # compressed bytes fed so far
        self.produced = 0  # decompressed bytes returned so far
        self._starts: collections.deque[tuple[int, int]] = collections.deque()
        #: the truncation found, kept for a reader that swallows EOFError (warcio does)
        self.error: EOFError | None = None

    def readable(self) -> bool:
        return True

    def member_start(self, pos: int) -> int | None:
        """The compressed offset of the member that starts at decompressed ``pos``, if one
        does; positions must be asked in increasing order (older ones are forgotten)."""
        starts = self._starts
        while starts and starts[0][0] < pos:
            starts.popleft()
        if starts and starts[0][0] == pos:
            return starts[0][1]
        return None

    def readinto(self, b: Any) -> int:
        while not self._out:
            if not self._buf:
                self._buf = self._raw.read(1 << 16)
                if not self._buf:
                    if self._dec is not None:
                        what = "gzip member" if self._kind == "gzip" else "zstd frame"
                        self.error = EOFError(f"compressed input ends in the middle of a "
                                              f"{what} (after {self.consumed} bytes): it is "
                                              "truncated")
                        raise self.error
                    return 0
            if self._dec is None and not self._begin():
                continue
            self._feed()
        n = min(len(b), len(self._out))
        b[:n] = self._out[:n]
        self._out = self._out[n:]
        self.produced += n
        return n

    def _begin(self) -> bool:
        """Start a member at the head of ``_buf`` (False when only padding was there)."""
        stripped = self._buf.lstrip(b"\x00")
        self.consumed += len(self._buf) - len(stripped)
        self._buf = stripped
        if not stripped:
            return False
        magic = GZIP_MAGIC if self._kind == "gzip" else ZSTD_MAGIC
        if len(stripped) < 4:
            more = self._raw.read(1 << 16)
            if more:
                self._buf += more
                return False
            magic = GZIP_MAGIC if self._kind == "gzip" else ZSTD_MAGIC
            if magic.startswith(stripped[:len(magic)]):  # cut inside the magic number
                self.error = EOFError(f"compressed input ends inside a {self._kind} header "
                                      f"(after {self.consumed + len(stripped)} bytes): it "
                                      "is truncated")
                raise self.error
        if not (self._buf.startswith(magic) or _zstd_skippable(self._kind, self._buf)):
            raise ValueError(f"not {self._kind} data at byte {self.consumed} "
                             "(trailing garbage after the last member)")
        if self._kind == "gzip":
            self._dec = zlib.decompressobj(wbits=31)
        else:
            import zstandard

            self._dec = zstandard.ZstdDecompressor().decompressobj()
        self._starts.append((self.produced + len(self._out), self.consumed))
        return True

    def _feed(self) -> None:
        dec = self._dec
        if self._kind == "gzip":
            try:
                self._out += dec.decompress(self._buf, _GZIP_OUT)
            except zlib.error as exc:
                raise ValueError(f"corrupt gzip data near byte {self.consumed}: {exc}") from None
            used = len(self._buf) - len(dec.unconsumed_tail) - len(dec.unused_data)
            rest = dec.unconsumed_tail if not dec.eof else dec.unused_data
        else:
            piece, later = self._buf[:_ZSTD_FEED], self._buf[_ZSTD_FEED:]
            try:
                self._out += dec.decompress(piece)
            except Exception as exc:  # zstandard.ZstdError
                raise ValueError(f"corrupt zstd data near byte {self.consumed}: {exc}") from None
            used = len(piece) - (len(dec.unused_data) if dec.eof else 0)
            rest = (dec.unused_data if dec.eof else b"") + later
        self.consumed += used
        self._buf = rest
        if dec.eof:
            self._dec = None


def _zstd_skippable(kind: str, head: bytes) -> bool:
    """A zstd skippable frame (magic 0x184D2A50-5F: pzstd, seekable zstd) starts here."""
    return kind == "zstd" and len(head) >= 4 and head[1:4] == b"\x2a\x4d\x18" \
        and 0x50 <= head[0] <= 0x5F


def strip_compression(name: str) -> str:
    """``a.jsonl.gz`` -> ``a.jsonl``."""
    low = name.lower()
    for suffix in COMPRESSION_SUFFIXES:
        if low.endswith(suffix):
            return name[: -len(suffix)]
    return name


def format_of(name: str, head: bytes, *, stdin: bool = False) -> str:
    """``"jsonl"``, ``"json"`` (an array of records), ``"warc"`` or ``"doc"`` for a file
    name and its decompressed head."""
    low = strip_compression(name).lower()
    if low.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if low.endswith(JSON_SUFFIXES):
        return "json"
    if low.endswith(WARC_SUFFIXES):
        return "warc"
    if low.endswith(DOC_SUFFIXES):
        return "doc"
    if head.startswith(b"WARC/"):
        return "warc"
    if stdin and head.lstrip()[:1] == b"{":
        return "jsonl"
    if stdin and head.lstrip()[:1] == b"[":
        return "json"
    return "doc"


def read_document(path: str, max_bytes: int) -> bytes:
    """A whole document file, decompressed, refusing more than ``max_bytes`` bytes.

    Reads at most ``max_bytes + 1`` bytes, so a huge file costs no memory.
    """
    with open(path, "rb") as raw:
        head = raw.read(4)
        raw.seek(0)
        stream = decompress(raw, compression_of(head))  # type: ignore[arg-type]
        data = read_upto(stream, max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(f"document is over max_bytes={max_bytes}")
    return data

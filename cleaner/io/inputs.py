"""Turn command-line inputs (files, directories, ``-``) into a stream of Records.

Order is deterministic: arguments in the order given, directories walked with names
sorted (hidden files and folders skipped), records in file order.  Nothing is read
ahead: a document file becomes a Record holding its path (the worker reads it), and a
JSONL or WARC file is read one record at a time, so memory stays flat.

Ids: a file inside a directory given on the command line is named by its path relative
to that directory (``news/a.html``), a file given directly by its name, stdin by ``-``;
a JSONL record by its id key (else ``FILEID:LINE``), a WARC record by its
``WARC-Record-ID`` (else ``FILEID@OFFSET``).
"""

from __future__ import annotations

import fnmatch
import io
import os
import stat
import sys
import zlib
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from .jsonl import JsonlKeys, read_json, read_jsonl
from .naming import doc_name
from .output import real
from .records import Record
from .streams import (
    DOC_SUFFIXES,
    CountingReader,
    Members,
    compression_of,
    decompress,
    format_of,
    read_upto,
    strip_compression,
)
from .warc import read_warc

__all__ = ["InputOptions", "Inputs"]

_SNIFF = 8192


@dataclass(frozen=True, slots=True)
class InputOptions:
    """How inputs are found and read.

    ``globs`` filter files found in directories (a pattern with ``/`` matches the
    relative path, else the file name); ``input_format`` forces ``doc``, ``jsonl`` or
    ``warc`` instead of ``auto``; ``exclude`` lists paths never read (the run's own
    output files and folder).
    """

    globs: tuple[str, ...] = ()
    input_format: str = "auto"
    keys: JsonlKeys = field(default_factory=JsonlKeys)
    max_bytes: int = 10_000_000
    exclude: tuple[str, ...] = ()


class Inputs:
    """Iterable of Records over ``paths``; also counts bytes read and records skipped."""

    def __init__(self, paths: Sequence[str], options: InputOptions | None = None,
                 stdin: BinaryIO | None = None) -> None:
        self.paths = list(paths)
        self.options = options or InputOptions()
        self._stdin = stdin
        self._exclude = tuple(real(p) for p in self.options.exclude)
        self._done = 0
        self._current: CountingReader | None = None
        self.skipped: Counter[str] = Counter()
        #: where a reader's warnings go (one line each, naming the file): stderr
        self.warn: Callable[[str], None] = _to_stderr

    # ------------------------------------------------------------------ checks
    def problems(self) -> list[str]:
        """What is wrong with the arguments, checked before any work (exit code 2)."""
        out = []
        if self.paths.count("-") > 1:
            out.append("'-' (stdin) given more than once")
        if "-" in self.paths and self._stdin is None and _stdin_closed():
            out.append("'-' reads stdin, but stdin is closed")
        for p in self.paths:
            if p != "-" and not os.path.exists(p):
                out.append(f"{p}: no such file or directory")
        return out

    def total_bytes(self) -> int | None:
        """Bytes of all input files (walks directories once); None with stdin."""
        if "-" in self.paths:
            return None
        total = 0
        for p in self.paths:
            if os.path.isdir(p):
                total += sum(_size(f) for f, _, exc in self._walk(p, count=False) if not exc)
            else:
                total += _size(p)
        return total

    @property
    def bytes_read(self) -> int:
        """Input bytes consumed so far (compressed bytes for compressed files)."""
        return self._done + (self._current.count if self._current else 0)

    # ------------------------------------------------------------------ reading
    def __iter__(self) -> Iterator[Record]:
        for arg in self.paths:
            if arg == "-":
                stdin = self._stdin or sys.stdin.buffer
                yield from self._stream(stdin, "-", "-", "stdin", stdin=True)
            elif os.path.isdir(arg):
                for full, rel, exc in self._walk(arg):
                    if exc is not None:
                        yield Record(id=rel, source={"file": full}, name=doc_name(rel),
                                     error=(type(exc).__name__, "cannot read folder: "
                                            f"{exc.strerror or exc}"))
                    else:
                        yield from self._file(full, rel)
            elif _is_stream(arg):
                yield from self._pipe(arg)
            else:
                yield from self._file(arg, os.path.basename(arg))

    def _walk(self, top: str, count: bool = True
              ) -> Iterator[tuple[str, str, OSError | None]]:
        """``(path, relative path, None)`` per regular file, in sorted walk order, and
        ``(folder, relative path, error)`` for a folder that cannot be read, at its
        place in that order (os.walk reports it just before the next folder it lists,
        or after the last).  FIFOs, sockets and devices are skipped and counted: reading
        one would block the batch before any time limit applies."""
        errors: list[OSError] = []

        def failed() -> Iterator[tuple[str, str, OSError | None]]:
            for exc in errors:
                where = str(exc.filename or top)
                yield where, os.path.relpath(where, top).replace(os.sep, "/"), exc
            errors.clear()

        for dirpath, dirnames, filenames in os.walk(top, onerror=errors.append):
            yield from failed()
            dirnames[:] = sorted(d for d in dirnames if not d.startswith(".")
                                 and not self._excluded(os.path.join(dirpath, d)))
            for fn in sorted(filenames):
                full = os.path.join(dirpath, fn)
                rel = os.path.relpath(full, top).replace(os.sep, "/")
                if fn.startswith(".") or self._excluded(full) or not self._wanted(rel):
                    continue
                if _is_stream(full):
                    if count:
                        self._skip("not a regular file (FIFO, socket, device)")
                    continue
                yield full, rel, None
        yield from failed()

    def _pipe(self, path: str) -> Iterator[Record]:
        """A FIFO, ``/dev/fd/N`` (``clean <(...)``) or device named on the command line:
        read here, as a stream, like stdin (a worker could not reopen a pipe)."""
        name = os.path.basename(path) or path
        raw = _open(path, name)
        if isinstance(raw, Record):
            yield raw
            return
        with raw:
            yield from self._stream(raw, name, path, name, stdin=True)

    def _wanted(self, rel: str) -> bool:
        globs = self.options.globs
        if not globs:
            return True
        name = rel.rsplit("/", 1)[-1]
        return any(fnmatch.fnmatchcase(rel if "/" in g else name, g) for g in globs)

    def _excluded(self, path: str) -> bool:
        """An output of this run, by real path: a symlink in an input folder pointing
        at the run's own ``.part`` must not feed the output back in."""
        full = real(path)
        return any(full == e or full.startswith(e + os.sep) for e in self._exclude)

    def _file(self, path: str, rel: str) -> Iterator[Record]:
        fmt = self.options.input_format
        low = strip_compression(rel).lower()
        if fmt == "doc" or (fmt == "auto" and low.endswith(DOC_SUFFIXES)):
            self._done += _size(path)
            yield Record(id=rel, source={"file": path}, path=path, name=doc_name(rel))
            return
        raw = _open(path, rel)
        if isinstance(raw, Record):
            yield raw
            return
        with raw:
            yield from self._stream(raw, rel, path, rel, stdin=False, path=path)

    def _stream(self, raw: BinaryIO, file_id: str, label: str, name: str, *,
                stdin: bool, path: str | None = None) -> Iterator[Record]:
        src = CountingReader(raw)
        self._current = src
        try:
            head = src.peek_head(_SNIFF)
            comp = compression_of(head)
            fmt = self.options.input_format
            if fmt == "auto":
                fmt = format_of(name, _decompressed_head(head, comp), stdin=stdin)
            buffered = io.BufferedReader(src, 1 << 16)
            yield from self._dispatch(fmt, buffered, comp, file_id, label, name, path)
        except Exception as exc:  # one bad file must not stop the batch
            # a truncated or corrupt compressed stream: the records before it are kept
            yield Record(id=f"{file_id}#read-error", source={"file": label},
                         name=doc_name(name) + "#read-error",
                         error=(type(exc).__name__, f"reading stopped: {exc}"))
        finally:
            self._done += src.count
            self._current = None

    def _skip(self, why: str) -> None:
        self.skipped[why] += 1

    def _warn(self, message: str) -> None:
        self.warn(message)

    def _dispatch(self, fmt: str, buffered: io.BufferedReader, comp: str | None,
                  file_id: str, label: str, name: str, path: str | None) -> Iterator[Record]:
        max_bytes = self.options.max_bytes
        if fmt == "warc":
            # decompressed here (per-record or whole-file gzip, zstd), members tracked so
            # a record that starts one keeps its offset in the file as stored
            members = Members(buffered, comp) if comp else None
            stream = members or buffered  # raw: a short read, never data lost to an error
            yield from read_warc(stream, file_id, label, name, max_bytes, self._skip,
                                 member_start=members.member_start if members else None,
                                 warn=self._warn)
        elif fmt in ("jsonl", "json"):
            stream = _buffer(decompress(buffered, comp)) if comp else buffered
            reader = read_jsonl if fmt == "jsonl" else read_json
            yield from reader(stream, file_id, label, name, self.options.keys, max_bytes)
        elif path is not None:  # a document file of unknown suffix: the worker reads it
            yield Record(id=file_id, source={"file": label}, path=path, name=doc_name(name))
        else:  # a document on stdin
            data = read_upto(decompress(buffered, comp), max_bytes + 1)
            rec = Record(id=file_id, source={"file": label}, name=doc_name(name))
            if len(data) > max_bytes:
                rec.error = ("InputError", f"document is over max_bytes={max_bytes}")
            else:
                rec.data = data
            yield rec


def _buffer(stream: BinaryIO) -> io.BufferedReader:
    """A buffered reader (with ``readline``) over any object with ``read``."""
    return io.BufferedReader(CountingReader(stream), 1 << 16)


def _decompressed_head(head: bytes, comp: str | None) -> bytes:
    """The first bytes after decompression, from a compressed head alone."""
    try:
        if comp == "gzip":
            return zlib.decompressobj(wbits=31).decompress(head, 512)
        if comp == "zstd":
            import zstandard

            return zstandard.ZstdDecompressor().decompressobj().decompress(head)[:512]
    except Exception:  # a head too short or corrupt: decided by name, errors come later
        return b""
    return head[:512]


def _is_stream(path: str) -> bool:
    """An existing FIFO, socket, character or block device (not a file, not a folder)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _stdin_closed() -> bool:
    """Python sets ``sys.stdin`` to None when started with file descriptor 0 closed."""
    if sys.stdin is None or getattr(sys.stdin, "buffer", None) is None:
        return True
    try:
        fd = sys.stdin.fileno()
    except (OSError, ValueError):  # an in-memory stdin (tests, embedding): open
        return False
    try:
        os.fstat(fd)
    except OSError:
        return True
    return False


def _to_stderr(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr)


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def _open(path: str, rid: str) -> Any:
    """The open binary file, or the error record that says why it cannot be read
    (the caller closes the file, after its generator is done)."""
    try:
        return open(path, "rb")
    except OSError as exc:
        return Record(id=rid, source={"file": path}, name=doc_name(rid),
                      error=(type(exc).__name__, exc.strerror or str(exc)))

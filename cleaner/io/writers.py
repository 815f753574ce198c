"""Writers: JSONL (file or stdout) and one txt/md file per document, all resumable.

A JSONL output ``OUT`` is written as ``OUT.part``, one whole line per record, flushed
after each, and renamed to ``OUT`` when the run completes.  A killed run therefore
never leaves a half-written ``OUT``; it leaves ``OUT.part`` whose last line may be cut.
``--resume`` takes ``OUT.part`` (or a finished ``OUT``), cuts a partial last line,
counts the ids already there and appends the rest.  The ``txt``/``md`` writer keeps
the same kind of journal, ``index.jsonl`` (each record without its text, plus the
``file`` it was written to), and writes every document file to a temporary name first,
then renames it.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sys
from collections import Counter
from typing import Any, BinaryIO, ClassVar

from .naming import safe_name
from .output import PART, OutputError, OutputWriteError, is_special, lock_part
from .records import Record

__all__ = ["DocDirSink", "JsonlSink", "OutputError", "OutputWriteError", "compression_for",
           "render"]


class JsonlSink:
    """JSONL records to ``path`` (atomically, resumable) or to stdout (``None`` / ``-``).

    ``done`` counts the ids already in the output when resuming; ``files`` holds the
    ``file`` values found there (used by :class:`DocDirSink`); ``replaced_part`` says
    that an interrupted run's ``.part`` was started afresh (no ``--resume``).

    ``OUT.part`` is opened without truncating and locked (:func:`lock_part`) before
    anything is written to it, so a second run on the same output refuses instead of
    destroying the first one's lines.  A special file (device, FIFO, ``/dev/stdout``)
    is written through directly, with no ``.part`` and no resume.  ``compress``
    (``"gzip"``/``"zstd"``; by default told by the name: ``*.gz``, ``*.zst``) compresses
    what is written; resuming a compressed output is refused (a cut compressed stream
    cannot be appended to).
    """

    def __init__(self, path: str | None, *, resume: bool = False,
                 compress: str | None = "auto") -> None:
        self.path = None if path in (None, "-") else str(path)
        if compress == "auto":
            compress = compression_for(self.path)
        self.replaced_part = False
        self.done: Counter[str] = Counter()
        self.files: set[str] = set()
        self.special = False
        self._fd: int | None = None
        self._target = self.path or "stdout"
        self._zip = _compressor(compress)
        if self.path is None:
            if resume:
                raise OutputError("--resume needs an output file, not stdout")
            self._fh: Any = getattr(sys.stdout, "buffer", None) or _TextAsBinary(sys.stdout)
            return
        if resume and self._zip is not None:
            raise OutputError(f"{self.path}: --resume cannot continue a compressed output; "
                              "write plain JSONL to resume, compress after")
        if is_special(self.path):
            if resume:
                raise OutputError(f"{self.path} is not a regular file: nothing to --resume")
            self.special = True
            try:
                self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o666)
            except OSError as exc:
                raise OutputError(f"{self.path}: {exc.strerror or exc}") from None
            return
        part = self.path + PART
        self._target = part
        existed = os.path.exists(part)
        self._fd = lock_part(part)
        try:
            if resume:
                self._recover(part)
            else:
                self.replaced_part = existed
                os.ftruncate(self._fd, 0)
            os.lseek(self._fd, 0, os.SEEK_END)
        except OSError as exc:
            os.close(self._fd)
            raise OutputError(f"{part}: {exc.strerror or exc}") from None
        except OutputError:
            os.close(self._fd)
            raise

    def write(self, rec: dict[str, Any], record: Record | None = None) -> None:
        """Append one record as one line, and hand it to the OS at once.

        A lone surrogate (an id or URL from a JSON ``"\\ud800"`` escape) cannot be
        UTF-8: it is written as the same JSON escape, so the line stays valid JSON and
        reads back to the same string, instead of stopping the batch.  A failed write
        raises :class:`OutputWriteError` (file and errno); the lines before it stay."""
        line = json.dumps(rec, ensure_ascii=False).encode("utf-8", "backslashreplace")
        self._emit(line + b"\n")

    def _emit(self, data: bytes) -> None:
        if self._zip is not None:
            data = self._zip.compress(data)
            if not data:
                return
        if self._fd is None:
            try:
                self._fh.write(data)
                self._fh.flush()
            except BrokenPipeError:
                raise
            except OSError as exc:  # stdout on a full disk
                raise OutputWriteError("stdout", exc) from None
            return
        try:
            _write_all(self._fd, data)
        except OSError as exc:
            raise OutputWriteError(self._target, exc, self._hint()) from None

    def _hint(self) -> str:
        if self.special:
            return ""
        return "; what was written is kept there, --resume continues it"

    def close(self, complete: bool) -> None:
        """Close; when ``complete``, make the output final (rename ``.part`` over it)."""
        if self._zip is not None:
            tail, self._zip = self._zip.flush(), None
            if tail:
                with contextlib.suppress(BrokenPipeError, OutputWriteError):
                    self._emit(tail)
        if self._fd is None:
            with contextlib.suppress(BrokenPipeError):  # a reader that left early (| head)
                self._fh.flush()
            return
        fd, self._fd = self._fd, None
        try:
            if complete and not self.special:
                try:
                    os.fsync(fd)
                except OSError as exc:
                    raise OutputWriteError(self._target, exc, self._hint()) from None
                assert self.path is not None
                os.replace(self.path + PART, self.path)  # while still holding the lock
        finally:
            os.close(fd)

    def _recover(self, part: str) -> None:
        """Load what an earlier run wrote; cut a partial last line.

        When only a finished ``OUT`` exists, its lines are copied into ``OUT.part`` and
        ``OUT`` stays where it is until a complete new one replaces it: a refused or
        killed resume never loses it."""
        assert self.path is not None and self._fd is not None
        if os.fstat(self._fd).st_size == 0 and os.path.isfile(self.path):
            with open(self.path, "rb") as src:
                while chunk := src.read(1 << 20):
                    _write_all(self._fd, chunk)
        good = 0
        os.lseek(self._fd, 0, os.SEEK_SET)
        with os.fdopen(os.dup(self._fd), "rb") as fh:
            for n, line in enumerate(fh, 1):
                if not line.endswith(b"\n"):
                    break  # the run was killed while writing this line
                try:
                    rec = json.loads(line)
                    self.done[str(rec["id"])] += 1
                except (ValueError, KeyError, TypeError) as exc:
                    raise OutputError(f"{part}: line {n} is not a cleaner record ({exc}); "
                                      "cannot resume") from None
                if isinstance(rec.get("file"), str):
                    self.files.add(rec["file"])
                good += len(line)
        os.ftruncate(self._fd, good)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


def _compressor(kind: str | None) -> Any:
    """A streaming compressor with ``compress``/``flush`` for ``kind``, or None."""
    if kind == "gzip":
        return _Gzip()
    if kind == "zstd":
        import zstandard

        return _Zstd(zstandard.ZstdCompressor().compressobj())
    return None


class _Gzip:
    """A gzip member written as a stream (header, deflate, CRC and size at the end)."""

    def __init__(self) -> None:
        import zlib

        self._z = zlib.compressobj(6, zlib.DEFLATED, 31)

    def compress(self, data: bytes) -> bytes:
        return self._z.compress(data)

    def flush(self) -> bytes:
        return self._z.flush()


class _Zstd:
    def __init__(self, obj: Any) -> None:
        self._z = obj

    def compress(self, data: bytes) -> bytes:
        return self._z.compress(data)

    def flush(self) -> bytes:
        return self._z.flush()


def compression_for(path: str | None) -> str | None:
    """``"gzip"`` or ``"zstd"`` for an output named ``*.gz`` / ``*.zst``, else None."""
    low = (path or "").lower()
    if low.endswith((".gz", ".gzip")):
        return "gzip"
    if low.endswith((".zst", ".zstd")):
        return "zstd"
    return None


class DocDirSink:
    """One ``.txt`` or ``.md`` file per document under ``out_dir``, plus ``index.jsonl``.

    Names mirror the inputs (see :mod:`cleaner.io.naming`); a name already taken in this
    output gets ``~2``, ``~3``... in input order, so names are the same on every run.
    Error records go to the index (or to ``--errors``), with no document file.
    """

    INDEX = "index.jsonl"

    def __init__(self, out_dir: str, fmt: str, *, resume: bool = False) -> None:
        if fmt not in ("txt", "md"):
            raise OutputError(f"unknown document format {fmt!r}")
        self.out_dir = str(out_dir)
        self.fmt = fmt
        try:
            os.makedirs(self.out_dir, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"{out_dir}: {exc.strerror or exc}") from None
        self.index = JsonlSink(os.path.join(self.out_dir, self.INDEX), resume=resume)
        self.done = self.index.done
        self.replaced_part = self.index.replaced_part
        self._taken = set(self.index.files)

    def write(self, rec: dict[str, Any], record: Record | None = None) -> None:
        """Write the document file (atomically), then its index line."""
        if "error" in rec:
            self.index.write(rec)
            return
        base = record.name if record and record.name else safe_name(str(rec["id"]))
        if base.split("/")[0] == self.INDEX:  # an input named like the index itself
            base = "_" + base
        rel = self._unique(base)
        _atomic_write(os.path.join(self.out_dir, rel), render(rec, self.fmt))
        entry = {"id": rec["id"], "file": rel}
        entry.update((k, v) for k, v in rec.items() if k not in ("id", "text"))
        self.index.write(entry)

    def close(self, complete: bool) -> None:
        self.index.close(complete)

    def _unique(self, base: str) -> str:
        rel, n = f"{base}.{self.fmt}", 1
        while rel in self._taken:
            n += 1
            rel = f"{base}~{n}.{self.fmt}"
        self._taken.add(rel)
        return rel


_MD_LEAD = re.compile(r"^(?=[#>*+=|`~-]|\d+[.)]\s)")


def render(rec: dict[str, Any], fmt: str) -> str:
    """A record as plain text (the body) or Markdown (title, facts line, body)."""
    text = rec.get("text") or ""
    if fmt == "txt":
        return text + "\n" if text else ""
    meta = rec.get("metadata") or {}
    out = []
    if meta.get("title"):
        out.append(f"# {meta['title']}")
    facts = [str(meta[k]) for k in ("published", "author", "outlet") if meta.get(k)]
    if meta.get("url"):
        facts.append(f"<{meta['url']}>")
    if facts:
        out.append("*" + " · ".join(facts) + "*")
    out.extend(_MD_LEAD.sub("\\\\", p) for p in text.split("\n") if p)
    return "\n\n".join(out) + "\n" if out else ""


def _atomic_write(path: str, content: str) -> None:
    folder, name = os.path.split(path)
    tmp = os.path.join(folder, f".{name}.{os.getpid()}.tmp")
    try:
        os.makedirs(folder, exist_ok=True)
        with open(tmp, "w", encoding="utf-8", errors="backslashreplace", newline="\n") as fh:
            fh.write(content)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.remove(tmp)  # never leave a half-written temporary file behind
        raise OutputWriteError(path, exc, "; what was written before it is kept, --resume "
                               "continues") from None


class _TextAsBinary:
    """Bytes written to a text stream (a replaced ``sys.stdout`` without ``.buffer``)."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, data: bytes) -> int:
        return self._stream.write(data.decode("utf-8"))

    def flush(self) -> None:
        self._stream.flush()


class DocStreamSink:
    """``--format txt|md`` with no ``--output-dir``: every article to stdout, in input
    order, separated by a blank line (txt) or a ``---`` rule (md), like ``cat`` of the
    files :class:`DocDirSink` would write.  An article with no body writes nothing.
    Error records (unless ``--errors`` takes them) go to stderr, one line each, so the
    text stays text."""

    SEPARATOR: ClassVar[dict[str, str]] = {"txt": "\n", "md": "\n---\n\n"}

    def __init__(self, fmt: str, *, resume: bool = False) -> None:
        if fmt not in self.SEPARATOR:
            raise OutputError(f"unknown document format {fmt!r}")
        if resume:
            raise OutputError("--resume needs an output file or --output-dir, not stdout")
        self.fmt = fmt
        self.done: Counter[str] = Counter()
        self.replaced_part = False
        self._fh: BinaryIO = getattr(sys.stdout, "buffer", None) or _TextAsBinary(sys.stdout)
        self._first = True

    def write(self, rec: dict[str, Any], record: Record | None = None) -> None:
        """Write one article's text (after a separator), or an error line to stderr."""
        if "error" in rec:
            err = rec["error"]
            print(f"error: {rec['id']}: {err['type']}: {err['message']}", file=sys.stderr)
            return
        text = render(rec, self.fmt)
        if not text:
            return
        if not self._first:
            text = self.SEPARATOR[self.fmt] + text
        self._first = False
        self._fh.write(text.encode("utf-8", "backslashreplace"))
        self._fh.flush()

    def close(self, complete: bool) -> None:
        with contextlib.suppress(BrokenPipeError):  # a reader that left early (| head)
            self._fh.flush()

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

from ..errors import CleanerError
from .naming import safe_name
from .records import Record

__all__ = ["DocDirSink", "JsonlSink", "OutputError", "render"]

PART = ".part"


class OutputError(CleanerError):
    """An output cannot be written or resumed (raised before any work starts)."""


class JsonlSink:
    """JSONL records to ``path`` (atomically, resumable) or to stdout (``None`` / ``-``).

    ``done`` counts the ids already in the output when resuming; ``files`` holds the
    ``file`` values found there (used by :class:`DocDirSink`); ``replaced_part`` says
    that an interrupted run's ``.part`` was started afresh (no ``--resume``).
    """

    def __init__(self, path: str | None, *, resume: bool = False) -> None:
        self.path = None if path in (None, "-") else str(path)
        self.replaced_part = False
        self.done: Counter[str] = Counter()
        self.files: set[str] = set()
        self._fh: BinaryIO
        if self.path is None:
            if resume:
                raise OutputError("--resume needs an output file, not stdout")
            self._fh = getattr(sys.stdout, "buffer", None) or _TextAsBinary(sys.stdout)
            return
        part = self.path + PART
        self.replaced_part = not resume and os.path.exists(part)
        try:
            if resume:
                self._recover(part)
            self._fh = open(part, "ab" if resume else "wb")  # noqa: SIM115 - held for the run
        except OSError as exc:
            raise OutputError(f"{part}: {exc.strerror or exc}") from None

    def write(self, rec: dict[str, Any], record: Record | None = None) -> None:
        """Append one record as one line, and hand it to the OS at once.

        A lone surrogate (an id or URL from a JSON ``"\\ud800"`` escape) cannot be
        UTF-8: it is written as the same JSON escape, so the line stays valid JSON and
        reads back to the same string, instead of stopping the batch."""
        line = json.dumps(rec, ensure_ascii=False).encode("utf-8", "backslashreplace")
        self._fh.write(line + b"\n")
        self._fh.flush()

    def close(self, complete: bool) -> None:
        """Close; when ``complete``, make the output final (rename ``.part`` over it)."""
        if self.path is None:
            with contextlib.suppress(BrokenPipeError):  # a reader that left early (| head)
                self._fh.flush()
            return
        self._fh.flush()
        if complete:
            os.fsync(self._fh.fileno())
        self._fh.close()
        if complete:
            os.replace(self.path + PART, self.path)

    def _recover(self, part: str) -> None:
        """Load what an earlier run wrote; cut a partial last line."""
        assert self.path is not None
        if not os.path.exists(part):
            if not os.path.exists(self.path):
                return
            os.replace(self.path, part)  # a finished output: continue it
        good = 0
        with open(part, "rb+") as fh:
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
            fh.truncate(good)


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
    os.makedirs(folder, exist_ok=True)
    tmp = os.path.join(folder, f".{name}.{os.getpid()}.tmp")
    with open(tmp, "w", encoding="utf-8", errors="backslashreplace", newline="\n") as fh:
        fh.write(content)
    os.replace(tmp, path)


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

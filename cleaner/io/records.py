"""The unit of batch work: one :class:`Record` per input document.

Readers turn files, JSONL lines and WARC records into Records; workers turn Records
into output dicts.  A Record is small and picklable: a document file is carried by its
path and read in the worker, so the parent process never holds many documents at once
and a resumed run does not re-read files it skips.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .streams import read_document

__all__ = ["Record", "error_record"]


@dataclass(slots=True)
class Record:
    """One input document and where it came from.

    ``source`` is what goes into the output record: ``{"file": ...}`` plus ``"line"``
    (JSONL, 1-based) or ``"offset"`` (WARC, byte offset of the record).  ``data`` is the
    document (``bytes`` or ``str``) or None when it is still on disk at ``path``.
    ``encoding`` is a charset declared outside the document (a WARC HTTP header);
    ``kind`` is ``"html"`` when the input says the document is HTML.  ``name`` is the
    relative output path (without suffix) for ``--format txt|md``.  ``error`` is set by a
    reader that could not make a document out of its input (``(type, message)``); the
    record then becomes an error record, in input order, like any other.
    """

    id: str
    source: dict[str, Any]
    data: bytes | str | None = None
    path: str | None = None
    url: str | None = None
    outlet: str | None = None
    encoding: str | None = None
    kind: str | None = None
    name: str = ""
    error: tuple[str, str] | None = None

    def load(self, max_bytes: int) -> bytes | str:
        """The document: ``data``, or the file at ``path`` read (and decompressed) now."""
        if self.data is not None:
            return self.data
        if self.path is None:
            return b""
        return read_document(self.path, max_bytes)


def error_record(doc_id: str, kind: str, message: str, source: dict[str, Any]) -> dict[str, Any]:
    """The record written instead of an article: ``{"id", "error": {...}, "source"}``."""
    return {"id": doc_id, "error": {"type": kind, "message": message}, "source": source}

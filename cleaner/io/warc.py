"""WARC input through warcio: one Record per page-like response record.

warcio (not fastwarc) because it is pure Python, reads WARC and ARC, plain or with
per-record gzip, reports each record's offset in the file as stored (the offset CDX
indexes use), decodes chunked and gzip HTTP bodies, and writes WARCs for tests.
fastwarc parses faster, but parsing is a few percent of the time cleaning takes.

Only ``response``, ``resource`` and ``conversion`` records whose payload is a page
(``text/html``, ``application/xhtml+xml``, ``text/plain``, or no type given) with a 2xx
status are documents.  Requests, metadata, images, scripts, redirects and error pages
are not articles: they are counted as skipped (``skipped`` callback), not written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any, BinaryIO

from .naming import child_name
from .records import Record

__all__ = ["read_warc"]

_DOC_TYPES = {"response", "resource", "conversion"}
_PAGE_MIME = {"text/html", "application/xhtml+xml", "text/plain", ""}
_CHARSET = re.compile(r"charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)


def read_warc(
    stream: BinaryIO, file_id: str, file_label: str, name: str, max_bytes: int,
    skipped: Callable[[str], None],
) -> Iterator[Record]:
    """Records of one WARC stream (plain, per-record gzip, or already decompressed)."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    it = ArchiveIterator(stream, arc2warc=True)
    offset = 0  # where the next record starts, for an error in it
    while True:
        try:
            rec = next(it)
        except StopIteration:
            return
        except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
            doc_id = f"{file_id}@{offset}"
            yield Record(id=doc_id, source={"file": file_label, "offset": offset},
                         name=child_name(name, doc_id),
                         error=(type(exc).__name__, f"unreadable WARC record: {exc}"))
            return
        why = _not_a_page(rec)
        data = b"" if why else rec.content_stream().read(max_bytes + 1)
        offset = it.get_record_offset()  # consumes the rest of the record
        length = it.get_record_length()
        if why:
            skipped(why)
            offset += length
            continue
        headers = rec.rec_headers
        doc_id = (headers.get_header("WARC-Record-ID") or "").strip().strip("<>")
        doc_id = doc_id or f"{file_id}@{offset}"
        source: dict[str, Any] = {"file": file_label, "offset": offset}
        out = Record(id=doc_id, source=source, name=child_name(name, doc_id),
                     url=headers.get_header("WARC-Target-URI") or None,
                     encoding=_charset(_content_type(rec)))
        if len(data) > max_bytes:
            out.error = ("InputError", f"document is over max_bytes={max_bytes}")
        else:
            out.data = data
        offset += length
        yield out


def _content_type(rec: Any) -> str:
    if rec.http_headers is not None:
        return rec.http_headers.get_header("Content-Type") or ""
    return rec.rec_headers.get_header("Content-Type") or ""


def _not_a_page(rec: Any) -> str | None:
    """Why a WARC record is not a document, or None when it is one."""
    if rec.rec_type not in _DOC_TYPES:
        return f"WARC {rec.rec_type} record"
    mime = _content_type(rec).split(";")[0].strip().lower()
    if mime not in _PAGE_MIME:
        return "WARC record not a page"
    if rec.rec_type == "response" and rec.http_headers is not None:
        status = rec.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            return "WARC response not 2xx"
    return None


def _charset(content_type: str) -> str | None:
    m = _CHARSET.search(content_type)
    return m.group(1).lower() if m else None

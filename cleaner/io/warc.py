"""WARC input through warcio: one Record per page-like response record.

warcio (not fastwarc) because it is pure Python, reads WARC and ARC, decodes chunked and
gzip HTTP bodies, and writes WARCs for tests.  fastwarc parses faster, but parsing is a
few percent of the time cleaning takes.  Compression (gzip per record or over the whole
file, zstd) is undone before warcio sees the stream (:class:`~cleaner.io.streams.Members`),
so a whole-file ``gzip x.warc`` reads like any other and a cut file is reported; the
offset of a record that starts its own member is still the member's offset in the file
as stored (the one CDX indexes use).

Only ``response``, ``resource`` and ``conversion`` records whose payload is a page
(``text/html``, ``application/xhtml+xml``, ``text/plain``, or no type given) with a 2xx
status are documents.  Requests, metadata, images, scripts, redirects, error pages and
``resource`` records that did not come from the web (a crawler's log or manifest:
``urn:X-wpull:log``, wget's ``metadata://.../wget.log``) are not articles: they are
counted as skipped (``skipped`` callback), not written.

A record shorter than its ``Content-Length`` (a cut file), a header line over
``MAX_HEADER_LINE`` bytes, or anything else warcio cannot read gives one error record at
the record's offset, and reading that file stops there (nothing after it can be trusted
to start a record).  warcio's warnings go through ``warn`` with the file named, instead
of raw to stderr.
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
_HTML_MIME = {"text/html", "application/xhtml+xml"}
_WEB_SCHEMES = ("http://", "https://")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)
#: longest WARC or HTTP header line read: real ones are a few hundred bytes (a long URL
#: a few KB); warcio joins a line in pieces, so a 50 MB line took up to 111 s
MAX_HEADER_LINE = 65_536


class WarcError(Exception):
    """A WARC record that cannot be read whole."""


def read_warc(
    stream: BinaryIO, file_id: str, file_label: str, name: str, max_bytes: int,
    skipped: Callable[[str], None], *, member_start: Callable[[int], int | None] | None = None,
    warn: Callable[[str], None] | None = None,
) -> Iterator[Record]:
    """Records of one (already decompressed) WARC stream.

    ``member_start`` maps a record's offset in the decompressed stream to its offset in
    the file as stored when a compressed member starts there."""
    it = _iterator(stream, file_label, warn)
    offset = 0  # where the next record starts (decompressed), for an error in it
    while True:
        try:
            try:
                rec = next(it)
            except StopIteration:
                cut = getattr(stream, "error", None)  # warcio takes EOFError as the end
                if cut is None:
                    return
                raise cut from None
            why = _not_a_page(rec)
            data = b"" if why else rec.content_stream().read(max_bytes + 1)
            start = it.get_record_offset()  # consumes the rest of the record
            after = it.offset  # where the next one starts (after the blank lines)
            short = getattr(rec.raw_stream, "limit", 0)
            if short > 0:
                raise WarcError(f"record is {short} bytes shorter than its Content-Length "
                                "(the file is cut)")
        except Exception as exc:  # a cut, corrupt or hostile record: report, stop
            where = _stored(offset, member_start)
            doc_id = f"{file_id}@{where}"
            yield Record(id=doc_id, source={"file": file_label, "offset": where},
                         name=child_name(name, doc_id),
                         error=(type(exc).__name__, f"unreadable WARC record: {exc}"))
            return
        offset = after
        if why:
            skipped(why)
            continue
        where = _stored(start, member_start)
        headers = rec.rec_headers
        doc_id = (headers.get_header("WARC-Record-ID") or "").strip().strip("<>")
        doc_id = doc_id or f"{file_id}@{where}"
        source: dict[str, Any] = {"file": file_label, "offset": where}
        ctype = _content_type(rec)
        out = Record(id=doc_id, source=source, name=child_name(name, doc_id),
                     url=headers.get_header("WARC-Target-URI") or None,
                     encoding=_charset(ctype),
                     kind="html" if _mime(ctype) in _HTML_MIME else None)
        if len(data) > max_bytes:
            out.error = ("InputError", f"document is over max_bytes={max_bytes}")
        else:
            out.data = data
        yield out


def _stored(offset: int, member_start: Callable[[int], int | None] | None) -> int:
    found = member_start(offset) if member_start else None
    return offset if found is None else found


def _iterator(stream: BinaryIO, label: str, warn: Callable[[str], None] | None) -> Any:
    """warcio's ArchiveIterator with header lines capped and its warnings named."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.bufferedreaders import DecompressingBufferedReader

    class _Capped(DecompressingBufferedReader):
        def readline(self, length: int | None = None) -> bytes:
            cap = MAX_HEADER_LINE if not length or length < 0 else min(length, MAX_HEADER_LINE)
            line = b""
            while len(line) < cap:  # warcio's readline(n) may stop short at a buffer edge
                piece = super().readline(cap - len(line))
                line += piece
                if not piece or piece.endswith(b"\n"):
                    break
            if len(line) >= MAX_HEADER_LINE and not line.endswith(b"\n"):
                raise WarcError(f"a header line is over {MAX_HEADER_LINE} bytes")
            return line

    class _Iterator(ArchiveIterator):
        def _consume_blanklines(self) -> tuple[bytes | None, int]:
            """warcio's own, with its warning said through ``warn`` (naming the file)."""
            empty_size, first_line = 0, True
            while True:
                line = self.reader.readline()
                if len(line) == 0:
                    return None, empty_size
                if len(line.rstrip()) == 0 or first_line:
                    empty_size += len(line)
                    if len(line.rstrip()) != 0 and warn is not None:
                        warn(f"{label}: a WARC record is not followed by a blank line "
                             "(its Content-Length may be wrong); reading on")
                    first_line = False
                    continue
                return line, empty_size

    it = _Iterator(stream, arc2warc=True)
    it.reader = _Capped(it.fh, block_size=1 << 14, decomp_type=None)
    return it


def _content_type(rec: Any) -> str:
    if rec.http_headers is not None:
        return rec.http_headers.get_header("Content-Type") or ""
    return rec.rec_headers.get_header("Content-Type") or ""


def _mime(content_type: str) -> str:
    return content_type.split(";")[0].strip().lower()


def _not_a_page(rec: Any) -> str | None:
    """Why a WARC record is not a document, or None when it is one."""
    if rec.rec_type not in _DOC_TYPES:
        return f"WARC {rec.rec_type} record"
    if rec.rec_type == "resource":
        uri = (rec.rec_headers.get_header("WARC-Target-URI") or "").strip().strip("<>")
        if not uri.lower().startswith(_WEB_SCHEMES):
            return "WARC resource record not from the web (crawler log, manifest)"
    mime = _mime(_content_type(rec))
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

"""JSONL input: one JSON object per line, the document under a text or HTML key.

A line that is not a usable record (broken JSON, not an object, no document key, not
UTF-8, absurdly long) becomes a Record carrying an error, so it turns into one error
record at its place in the output instead of stopping the file or vanishing.  Blank
lines are not records.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from .naming import child_name
from .records import Record

__all__ = ["JsonlKeys", "read_json", "read_jsonl"]

_CHUNK = 1 << 20
_WS = " \t\r\n"


@dataclass(frozen=True, slots=True)
class JsonlKeys:
    """Where a JSONL record keeps its parts; the first key present wins.

    Text keys are tried before HTML keys: a record that has both usually holds the
    scraper's text dump and the raw page, and cleaner is built for the dump.
    """

    text: tuple[str, ...] = ("text", "content")
    html: tuple[str, ...] = ("html",)
    url: str = "url"
    id: str = "id"
    outlet: str = "outlet"


def read_jsonl(
    stream: BinaryIO, file_id: str, file_label: str, name: str, keys: JsonlKeys,
    max_bytes: int,
) -> Iterator[Record]:
    """Records of one JSONL stream; ``file_id`` names records without an id."""
    limit = 4 * max_bytes + 65_536  # a JSON-escaped document can be longer than its text
    lineno = 0
    while True:
        line = stream.readline(limit)
        if not line:
            return
        lineno += 1
        source = {"file": file_label, "line": lineno}
        fallback_id = f"{file_id}:{lineno}"
        if len(line) >= limit and not line.endswith(b"\n"):
            _skip_rest_of_line(stream)
            yield _bad(fallback_id, source, name, f"line is over {limit} bytes")
            continue
        if not line.strip():
            continue
        yield _line_record(line, fallback_id, source, name, keys)


def _line_record(line: bytes, fallback_id: str, source: dict[str, Any], name: str,
                 keys: JsonlKeys) -> Record:
    """One line's Record.  Any failure on the line (broken JSON, not UTF-8, JSON nested
    past the parser's recursion limit, ...) is an error record for that line only:
    reading goes on with the next line, so ``--resume`` has nothing to bring back."""
    try:
        obj = json.loads(line)
    except UnicodeDecodeError as exc:
        return _bad(fallback_id, source, name, f"line is not UTF-8: {exc.reason} at "
                    f"byte {exc.start}", "UnicodeDecodeError")
    except ValueError as exc:
        return _bad(fallback_id, source, name, f"not valid JSON: {exc}", "JSONDecodeError")
    except Exception as exc:  # RecursionError on deep nesting, MemoryError, ...
        return _bad(fallback_id, source, name, f"cannot read this line: {exc}",
                    type(exc).__name__)
    try:
        return _record(obj, fallback_id, source, name, keys)
    except Exception as exc:  # a hostile object (e.g. deeply nested id): this line only
        return _bad(fallback_id, source, name, f"cannot read this record: {exc}",
                    type(exc).__name__)


def _record(obj: Any, fallback_id: str, source: dict[str, Any], name: str,
            keys: JsonlKeys) -> Record:
    if not isinstance(obj, dict):
        return _bad(fallback_id, source, name,
                    f"expected a JSON object, got {type(obj).__name__}")
    raw_id = obj.get(keys.id)
    doc_id = str(raw_id) if raw_id not in (None, "") else fallback_id
    rec = Record(id=doc_id, source=source, name=child_name(name, doc_id),
                 url=_str(obj.get(keys.url)), outlet=_str(obj.get(keys.outlet)))
    for key_list, kind in ((keys.text, None), (keys.html, "html")):
        for key in key_list:
            value = obj.get(key)
            if isinstance(value, str):
                rec.data, rec.kind = value, kind
                return rec
            if value is not None:
                rec.error = ("InputError", f"key {key!r} holds {type(value).__name__}, "
                             "not a string")
                return rec
    wanted = ", ".join(repr(k) for k in (*keys.text, *keys.html))
    found = ", ".join(repr(k)[:40] for k in list(obj)[:8])
    rec.error = ("InputError", f"no document under any of {wanted} (the record has "
                 f"{found or 'no keys'}); name the key with --text-key KEY or --html-key KEY")
    return rec


def _bad(doc_id: str, source: dict[str, Any], name: str, message: str,
         kind: str = "InputError") -> Record:
    return Record(id=doc_id, source=source, name=child_name(name, doc_id),
                  error=(kind, message))


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _skip_rest_of_line(stream: BinaryIO) -> None:
    while True:
        chunk = stream.readline(1 << 20)
        if not chunk or chunk.endswith(b"\n"):
            return


def read_json(
    stream: BinaryIO, file_id: str, file_label: str, name: str, keys: JsonlKeys,
    max_bytes: int,
) -> Iterator[Record]:
    """Records of a JSON file: an array of objects (what ``scrapy crawl -O items.json``
    writes), or objects one after another; each object is read like a JSONL line.

    Read incrementally (``JSONDecoder.raw_decode`` over a growing buffer), so a big
    array never sits in memory whole.  Ids default to ``FILE:N``, N the item's place
    (1-based), and ``source`` has ``"item": N``.  An item that cannot be parsed ends the
    file with one error record (no way to know where the next item starts).
    """
    import codecs

    limit = 4 * max_bytes + 65_536
    text_of = codecs.getincrementaldecoder("utf-8")()
    dec = json.JSONDecoder()
    buf, pos, eof, n = "", 0, False, 0
    in_array: bool | None = None

    def more() -> bool:
        nonlocal buf, pos, eof
        if eof:
            return False
        chunk = stream.read(_CHUNK)
        eof = not chunk
        buf = buf[pos:] + text_of.decode(chunk, final=eof)
        pos = 0
        return True

    while True:
        while True:  # skip blanks (and separators inside the array)
            while pos < len(buf) and (buf[pos] in _WS or (in_array and buf[pos] == ",")):
                pos += 1
            if pos < len(buf) or not more():
                break
        if pos >= len(buf):
            return
        if in_array is None:
            in_array = buf[pos] == "["
            pos += in_array
            continue
        if in_array and buf[pos] == "]":
            return
        n += 1
        source = {"file": file_label, "item": n}
        fallback = f"{file_id}:{n}"
        while True:
            try:
                obj, end = dec.raw_decode(buf, pos)
                if end < len(buf) or eof:
                    break
            except ValueError as exc:
                if not eof and len(buf) - pos <= limit:
                    more()
                    continue
                yield _bad(fallback, source, name, f"not valid JSON: {exc}", "JSONDecodeError")
                return
            except Exception as exc:  # RecursionError on deep nesting
                yield _bad(fallback, source, name, f"cannot read this item: {exc}",
                           type(exc).__name__)
                return
            more()  # the value ends where the buffer does: it may go on
        pos = end
        try:
            yield _record(obj, fallback, source, name, keys)
        except Exception as exc:
            yield _bad(fallback, source, name, f"cannot read this record: {exc}",
                       type(exc).__name__)

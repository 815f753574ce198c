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

__all__ = ["JsonlKeys", "read_jsonl"]


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
        try:
            obj = json.loads(line)
        except UnicodeDecodeError as exc:
            yield _bad(fallback_id, source, name, f"line is not UTF-8: {exc.reason} at "
                       f"byte {exc.start}", "UnicodeDecodeError")
            continue
        except ValueError as exc:
            yield _bad(fallback_id, source, name, f"not valid JSON: {exc}", "JSONDecodeError")
            continue
        yield _record(obj, fallback_id, source, name, keys)


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
    rec.error = ("InputError", f"no document under any of {wanted}")
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

"""Deterministic output names for ``--format txt|md``.

A document file keeps its relative path (``news/a.html`` -> ``news/a.txt``); a record
inside a JSONL or WARC file gets a file named after its id in a folder named after the
container (``dump.jsonl/kompas-1a2b.txt``).  Ids become safe file names; an id that had
to change gets a short hash of the original, so two ids never share a name.
"""

from __future__ import annotations

import hashlib
import re

from .streams import DOC_SUFFIXES, strip_compression

__all__ = ["child_name", "doc_name", "safe_name"]

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_MAX = 100


def safe_name(doc_id: str) -> str:
    """A portable file name for an id (no separators, no leading dot, at most ~110 chars)."""
    name = _UNSAFE.sub("_", doc_id).strip("._-")[:_MAX] or "doc"
    if name != doc_id:
        name += "-" + hashlib.sha1(doc_id.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return name


def doc_name(rel: str) -> str:
    """The output path (without suffix) of a document file at ``rel`` (posix, relative)."""
    parts = [safe_name(p) if p in ("", ".", "..") else p for p in rel.split("/")]
    last = strip_compression(parts[-1])
    low = last.lower()
    for suffix in DOC_SUFFIXES:
        if low.endswith(suffix) and len(last) > len(suffix):
            last = last[: -len(suffix)]
            break
    parts[-1] = last
    return "/".join(parts)


def child_name(container: str, doc_id: str) -> str:
    """The output path (without suffix) of record ``doc_id`` inside file ``container``."""
    return f"{container}/{safe_name(doc_id)}"

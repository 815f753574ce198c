"""One SHA-256 over ``to_dict(keep_removed=True)`` of every dev document: the proof that a
refactor changed no output.

Sets: the dev corpora (profiles on and off), the WCXB dumps (``bench/dumps``, written by
``make_dumps.py``), the 300 dev HTML pages (HTML path), the samples and the outlet fixtures.
Prints one digest per set and the total; ``--per-doc OUT.tsv`` also writes a short digest
per document, so two runs can be diffed to name the documents a change moved.

Usage::

    python bench/digest.py                       # the working tree's cleaner
    python bench/digest.py --per-doc before.tsv  # and one line per document
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from _metrics import dev_dir  # noqa: E402  (bench/ is not a package)

from cleaner import Cleaner  # noqa: E402  (the working tree's cleaner, installed or not)

DEV = dev_dir()
Item = tuple[str, Any, dict[str, Any]]  # key, data, keywords of Cleaner.clean


def corpora() -> Iterator[Item]:
    for path in sorted((DEV / "corpora").glob("*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                r = json.loads(line)
                yield r["id"], r["text"], {"url": r.get("url"), "outlet": r.get("outlet"),
                                           "id": r["id"]}


def dumps() -> Iterator[Item]:
    for path in sorted((ROOT / "bench" / "dumps").glob("*.txt")):
        if not path.name.endswith(".gold.txt"):
            yield path.name, path.read_text(encoding="utf-8"), {"id": path.stem}


def html() -> Iterator[Item]:
    for path in sorted((DEV / "html" / "html").glob("*.html.gz")):
        yield path.name, gzip.decompress(path.read_bytes()), {"id": path.name}


def files(pattern: str) -> Iterator[Item]:
    for path in sorted(ROOT.glob(pattern)):
        yield str(path.relative_to(ROOT)), path.read_text(encoding="utf-8"), {"id": path.stem}


def digest(name: str, items: Iterator[Item], cleaner: Cleaner, per: TextIO | None) -> str:
    """The digest of one set: every record (or its error) as sorted JSON, in order."""
    h = hashlib.sha256()
    n = 0
    for key, data, kw in items:
        try:
            rec: Any = cleaner.clean(data, **kw).to_dict(keep_removed=True)
        except Exception as e:  # an error is output too: it must not change either
            rec = {"error": type(e).__name__, "message": str(e)}
        blob = json.dumps(rec, sort_keys=True, ensure_ascii=False, default=str).encode()
        h.update(blob)
        n += 1
        if per is not None:
            per.write(f"{name}\t{key}\t{hashlib.sha256(blob).hexdigest()[:16]}\n")
    print(f"{name:16s} {n:6d} {h.hexdigest()[:16]}", flush=True)
    return h.hexdigest()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--per-doc", type=Path, help="write one digest per document here")
    args = ap.parse_args()
    on, off = Cleaner(), Cleaner(use_profiles=False)
    sets = [("corpora", corpora(), on), ("corpora-noprof", corpora(), off),
            ("wcxb-dumps", dumps(), on), ("html", html(), on),
            ("samples", files("samples/*.txt"), on),
            ("fixtures", files("tests/outlets/*/*.txt"), on)]
    total = hashlib.sha256()
    per = args.per_doc.open("w", encoding="utf-8") if args.per_doc else None
    try:
        for name, items, cleaner in sets:
            total.update(digest(name, items, cleaner, per).encode())
    finally:
        if per is not None:
            per.close()
    print("TOTAL", total.hexdigest())


if __name__ == "__main__":
    main()

"""``cleaner clean PATH...``: clean files or directories into JSONL (minimal version;
the batch issue grows it)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from ..errors import InputError
from ._common import make_cleaner


def _inputs(paths: list[str]):
    for p in paths:
        if p == "-":
            yield "-", "stdin", sys.stdin.buffer.read()
            continue
        path = Path(p)
        if path.is_dir():
            for f in sorted(x for x in path.rglob("*") if x.is_file()):
                yield str(f.relative_to(path)), str(f), f.read_bytes()
        else:
            yield path.name, str(path), path.read_bytes()


def clean(
    paths: Annotated[list[str], typer.Argument(help="Files, directories or '-' (stdin).")],
    output: Annotated[Path | None, typer.Option("-o", "--output",
                                                help="JSONL output file.")] = None,
    profiles: Annotated[list[Path] | None, typer.Option(
        "--profiles", help="Extra profile directory (repeatable).")] = None,
    no_profiles: Annotated[bool, typer.Option("--no-profiles",
                                              help="Generic heuristics only.")] = False,
) -> None:
    """Clean documents into JSONL records (one per input)."""
    cleaner = make_cleaner(profiles, no_profiles)
    out = output.open("w", encoding="utf-8") if output else sys.stdout
    failed = 0
    try:
        for doc_id, source, data in _inputs(paths):
            try:
                rec = cleaner.clean(data, id=doc_id).to_dict()
            except InputError as exc:
                failed += 1
                rec = {"id": doc_id, "error": {"type": "InputError", "message": str(exc)}}
            rec["source"] = {"file": source}
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    finally:
        if output:
            out.close()
    if failed:
        raise typer.Exit(1)

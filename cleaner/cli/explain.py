"""``cleaner explain INPUT``: every line of one document with its decision, rule id and
reason.

It reads what ``cleaner clean`` reads, through the same :class:`cleaner.io.Inputs`: a
text or HTML page, compressed or not, stdin, or one record of a JSONL or WARC file
(``--id`` picks it by id, or a WARC record by its target URL; ``--n`` by position).
"""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from ._common import (
    EXIT_ERRORS,
    NoProfilesOpt,
    ProfilesOpt,
    check_outlet,
    fail,
    make_cleaner,
    quiet_on_broken_pipe,
    stdout_console,
    terminal_stdin,
)

_STYLE = {"kept": "green", "dropped": "red", "metadata": "cyan"}
_MARK = {"kept": "+", "dropped": "-", "metadata": "="}
#: a kept line's removed part (``LineDecision.spans``)
_SPAN_MARK = "~"
#: columns before the line text: number, mark, reason (14) and rule (28)
_PREFIX = 5 + 1 + 1 + 1 + 14 + 1 + 28 + 1
#: the text column never gets narrower than this, however narrow the terminal
_MIN_TEXT = 20
_META_KEYS = ("title", "description", "published", "modified", "author", "dateline",
              "signature", "sources", "captions", "language", "site_name", "canonical_url",
              "encoding", "warnings", "removed", "page_kind", "page_kind_confidence")


class Output(str, Enum):
    text = "text"
    json = "json"


@quiet_on_broken_pipe
def explain(
    file: Annotated[str, typer.Argument(
        metavar="INPUT", help="A text or HTML page, a JSONL or WARC file (any of them .gz "
        "or .zst), or '-' for stdin.")],
    record_id: Annotated[str | None, typer.Option(
        "--id", metavar="ID", help="The record to explain: its id (JSONL, WARC record id) "
        "or a WARC record's URL.")] = None,
    nth: Annotated[int | None, typer.Option(
        "--n", metavar="K", help="The K-th record of the file (1 = the first).",
        show_default=False)] = None,
    url: Annotated[str | None, typer.Option(
        "--url", metavar="URL", help="The page URL (picks the profile).")] = None,
    outlet: Annotated[str | None, typer.Option(
        "--outlet", metavar="ID", help="Use this outlet profile (id or domain).")] = None,
    profiles: ProfilesOpt = None,
    no_profiles: NoProfilesOpt = False,
    fmt: Annotated[Output, typer.Option(
        "--format", metavar="text|json", help="text for people; json: the record "
        "'clean --keep-removed' writes, plus the profile.")] = Output.text,
    width: Annotated[int | None, typer.Option(
        "--width", metavar="N", help="Cut line text to N characters (default: fit the "
        "terminal; no cut when not a terminal).", show_default=False)] = None,
) -> None:
    """Every line of one document: decision, rule, reason.

    Marks: + kept, - dropped, = metadata, ~ a part removed from a kept line.  The
    metadata found follows the lines.
    """
    if record_id is not None and nth is not None:
        fail("give --id or --n, not both")
    if nth is not None and nth < 1:
        fail("--n counts from 1")
    if outlet is not None and no_profiles:
        fail("--outlet picks a profile; it does not go with --no-profiles")
    cleaner = make_cleaner(profiles, no_profiles)
    check_outlet(cleaner, outlet)
    record = _pick(file, record_id, nth)
    art = _clean(cleaner, record, url, outlet)
    if fmt is Output.json:
        out = art.to_dict(keep_removed=True)
        out["profile"] = art.profile
        typer.echo(json.dumps(out, ensure_ascii=False, indent=1))
        return
    _print(art, file if record.id in (file, Path(file).name) else f"{file} {record.id}",
           width)


def _pick(file: str, record_id: str | None, nth: int | None) -> Any:
    """The one record to explain, read as ``clean`` reads it; exit 2 if there is none."""
    from ..io import InputOptions, Inputs

    problems = Inputs([file], InputOptions()).problems()
    if problems:
        fail("; ".join(problems))
    if Path(file).is_dir():
        fail(f"{file} is a folder: explain takes one document or one record of a file")
    seen = 0
    inputs = Inputs([file], InputOptions(), stdin=terminal_stdin([file], quiet=False))
    for seen, record in enumerate(inputs, 1):
        if record_id is None and nth in (None, seen):
            return record
        if record_id is not None and record_id in (record.id, record.url):
            return record
    if record_id is not None:
        fail(f"{file}: no record with id or URL {record_id!r}")
    fail(f"{file}: has {seen} records, not {nth}" if nth else f"{file}: no document in it")


def _clean(cleaner: Any, record: Any, url: str | None, outlet: str | None) -> Any:
    """The Article of ``record``; an unusable record is reported and exits 1."""
    from ..errors import CleanerError

    if record.error:
        typer.echo(f"error: {record.id}: {record.error[0]}: {record.error[1]}", err=True)
        raise typer.Exit(EXIT_ERRORS)
    extra = {"kind": record.kind} if record.kind else {}
    try:
        data = record.load(cleaner.options.max_bytes)
        return cleaner.clean(data, url=url or record.url, outlet=outlet or record.outlet,
                             id=record.id, encoding=record.encoding, **extra)
    except (CleanerError, OSError) as exc:
        typer.echo(f"error: {record.id}: {exc}", err=True)
        raise typer.Exit(EXIT_ERRORS) from None


def _print(art: Any, label: str, width: int | None) -> None:
    """The table of lines, then the metadata, fitted to the terminal."""
    from rich.text import Text

    console = stdout_console()
    if width is None and console.is_terminal:
        width = max(console.width - _PREFIX, _MIN_TEXT)
    console.print(Text(f"# {label}  profile={art.profile or '-'}  outlet={art.outlet or '-'}",
                       style="bold"))
    notes = dict(getattr(art, "notes", ()))  # a learned model's reasons: its top features
    for d in art.lines:
        line = Text(f"{d.n:>5} {_MARK[d.decision]} ", style=_STYLE[d.decision])
        line.append(f"{d.reason:<14} {d.rule:<28} ", style="dim" if d.decision == "kept"
                    else _STYLE[d.decision])
        line.append(_cut(d.text, width))
        console.print(line)
        if d.n in notes:
            console.print(Text(f"{'':>8}{notes[d.n]}", style="dim"))
        for span in getattr(d, "spans", ()):  # parts removed from a kept line
            text, rule, reason = span[2:5]  # (a Span also carries the shape that ended it)
            sub = Text(f"{'':>5} {_SPAN_MARK} ", style="red")
            sub.append(f"{reason:<14} {rule:<28} ", style="red")
            sub.append(_cut(text, width), style="strike")
            console.print(sub)
    console.print(Text("# metadata", style="bold"))
    meta = art.to_dict()["metadata"]
    for key in _META_KEYS:
        console.print(f"{key:>12}: {meta.get(key)!r}", highlight=False, markup=False)


def _cut(text: str, width: int | None) -> str:
    return text if not width or len(text) <= width else text[: width - 1] + "…"

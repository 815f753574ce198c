"""``cleaner explain FILE``: every line with its decision, rule id and reason."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text

from ..errors import InputError
from ._common import make_cleaner

_STYLE = {"kept": "green", "dropped": "red", "metadata": "cyan"}
_MARK = {"kept": "+", "dropped": "-", "metadata": "="}


def explain(
    file: Annotated[Path, typer.Argument(help="A text dump or HTML page ('-' for stdin).")],
    url: Annotated[str | None, typer.Option(help="The page URL (picks the profile).")] = None,
    outlet: Annotated[str | None, typer.Option(help="Force an outlet profile by id.")] = None,
    profiles: Annotated[list[Path] | None, typer.Option(
        "--profiles", help="Extra profile directory (repeatable).")] = None,
    no_profiles: Annotated[bool, typer.Option(
        "--no-profiles", help="Generic heuristics only.")] = False,
    width: Annotated[int, typer.Option(help="Cut line text to this many characters.")] = 90,
) -> None:
    """Show every line of FILE with its decision (+ kept, - dropped, = metadata), the rule
    id and the reason, then the metadata found."""
    cleaner = make_cleaner(profiles, no_profiles)
    data = sys.stdin.buffer.read() if str(file) == "-" else _read(file)
    try:
        art = cleaner.clean(data, url=url, outlet=outlet, id=str(file))
    except InputError as exc:
        typer.echo(f"error: {file}: {exc}", err=True)
        raise typer.Exit(1) from None
    console = Console(highlight=False, soft_wrap=True)
    console.print(Text(f"# {file}  profile={art.profile or '-'}  outlet={art.outlet or '-'}",
                       style="bold"))
    notes = dict(art.notes)  # why a learned model decided a line: its top features
    for d in art.lines:
        text = d.text if len(d.text) <= width else d.text[: width - 1] + "…"
        line = Text(f"{d.n:>5} {_MARK[d.decision]} ", style=_STYLE[d.decision])
        line.append(f"{d.reason:<14} {d.rule:<28} ", style="dim" if d.decision == "kept"
                    else _STYLE[d.decision])
        line.append(text)
        console.print(line)
        if d.n in notes:
            console.print(Text(f"{'':>8}{notes[d.n]}", style="dim"))
    console.print(Text("# metadata", style="bold"))
    meta = art.to_dict()["metadata"]
    for key in ("title", "description", "published", "modified", "author", "dateline",
                "signature", "sources", "captions", "language", "site_name", "canonical_url",
                "encoding", "warnings", "removed", "page_kind", "page_kind_confidence"):
        console.print(f"{key:>12}: {meta[key]!r}", highlight=False, markup=False)


def _read(file: Path) -> bytes:
    try:
        return file.read_bytes()
    except OSError as exc:
        typer.echo(f"error: {file}: {exc.strerror}", err=True)
        raise typer.Exit(2) from None

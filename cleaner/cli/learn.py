"""``cleaner learn INPUT... --out DIR``: learn each outlet's chrome from its own pages.

A thin shell over :func:`cleaner.learn.learn`: it checks the arguments (exit 2 before any
work when they are wrong), runs the two passes and prints the summary table.  The
profiles go to ``DIR/<outlet>.toml`` (review them), the summary to ``DIR/summary.md`` and
``DIR/summary.json``.  Use the result with ``Cleaner(learned_dirs=[DIR])``, or let
``cleaner clean --learn`` run both passes itself.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from ..errors import ProfileError
from ..io import InputOptions, Inputs, JsonlKeys
from ..learn import LearnOptions
from ..learn import learn as _learn


def learn(
    paths: Annotated[list[str], typer.Argument(
        help="Files, directories (recursive) or '-' for stdin: text or HTML pages, JSONL, "
             "WARC; any of them .gz or .zst.", show_default=False)],
    out: Annotated[Path, typer.Option(
        "--out", "-o", help="Folder for the learned profiles and summary.md.",
        show_default=False)],
    outlet: Annotated[str | None, typer.Option(
        "--outlet", help="Outlet of documents with no URL, no outlet key and no known "
                         "signature.")] = None,
    profiles: Annotated[list[Path] | None, typer.Option(
        "--profiles", help="Extra profile directory (repeatable); rules it has are not "
                           "learned again.")] = None,
    min_docs: Annotated[int, typer.Option(
        "--min-docs", help="A rule needs at least this many documents.")] = 5,
    min_share: Annotated[float, typer.Option(
        "--min-share", help="... and this share of its outlet's documents.")] = 0.05,
    max_words: Annotated[int, typer.Option(
        "--max-words", help="Longer lines never become rules.")] = 40,
    text_key: Annotated[str | None, typer.Option(
        "--text-key", help="JSONL key of a text dump (default: text, then content).",
        show_default=False)] = None,
    url_key: Annotated[str, typer.Option("--url-key", help="JSONL key of the URL.")] = "url",
    outlet_key: Annotated[str, typer.Option(
        "--outlet-key", help="JSONL key of the outlet.")] = "outlet",
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary.")] = False,
) -> None:
    """Learn each outlet's chrome (lines and templates repeated across its pages) and
    write one reviewable profile per outlet, every rule with its evidence."""
    if min_docs < 2 or not 0 < min_share < 1 or max_words < 1:
        _usage("--min-docs must be 2 or more, --min-share between 0 and 1, "
               "--max-words positive")
    if out.exists() and not out.is_dir():
        _usage(f"{out} exists and is not a folder")
    keys = JsonlKeys(text=(text_key,) if text_key else JsonlKeys().text, url=url_key,
                     outlet=outlet_key)
    input_options = InputOptions(keys=keys, exclude=(str(out),))
    problems = Inputs(paths, input_options).problems()
    if problems:
        _usage("; ".join(problems))
    options = LearnOptions(min_docs=min_docs, min_share=min_share, max_words=max_words)
    try:
        report = _learn(paths, out, options=options, outlet=outlet,
                        profile_dirs=profiles or (), input_options=input_options)
    except ProfileError as exc:
        _usage(str(exc))
    if not quiet:
        text = report.summary_text
        table = text.split("\n## ", 1)[0].rstrip()
        typer.echo(table)
        typer.echo(f"\nwrote {len(report.files)} profiles and summary.md to "
                   f"{os.fspath(out)}")


def _usage(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(2)

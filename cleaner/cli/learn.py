"""``cleaner learn INPUT... --out DIR``: learn each outlet's chrome from its own pages.

A thin shell over :func:`cleaner.learn.learn`: it checks the arguments (exit 2 before any
work when they are wrong), runs the two passes and prints the summary table.  The
profiles go to ``DIR/<outlet>.toml`` (review them), the summary to ``DIR/summary.md`` and
``DIR/summary.json``.  Use the result with ``Cleaner(learned_dirs=[DIR])``, or let
``cleaner clean --learn`` run both passes itself.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer

from ._common import fail, flag, key_option, quiet_on_broken_pipe

#: the two passes of ``learn``, as the progress line names them
_PASSES = ("counting lines", "studying candidates")


@quiet_on_broken_pipe
def learn(
    paths: Annotated[list[str], typer.Argument(
        metavar="INPUT", help="Files, directories (recursive) or '-' for stdin: text or "
        "HTML pages, JSONL, WARC; any of them .gz or .zst.", show_default=False)],
    out: Annotated[Path, typer.Option(
        "--out", "-o", metavar="DIR", help="Folder for the learned profiles and summary.md.",
        show_default=False)],
    outlet: Annotated[str | None, typer.Option(
        "--outlet", metavar="ID", help="Outlet of documents with no URL, no outlet key and "
        "no known signature.")] = None,
    profiles: Annotated[list[Path] | None, typer.Option(
        "--profiles", metavar="DIR", help="Extra profile directory (repeatable); rules it "
        "has are not learned again.")] = None,
    min_docs: Annotated[int, typer.Option(
        "--min-docs", metavar="N", help="A rule needs at least this many documents.")] = 5,
    min_share: Annotated[float, typer.Option(
        "--min-share", metavar="SHARE", help="... and this share of its outlet's "
        "documents.")] = 0.05,
    max_words: Annotated[int, typer.Option(
        "--max-words", metavar="N", help="Longer lines never become rules.")] = 40,
    text_key: Annotated[str | None, key_option(
        "--text-key", "JSONL key of a text dump (default: text, then content).",
        show_default=False)] = None,
    url_key: Annotated[str, key_option("--url-key", "JSONL key of the URL.")] = "url",
    outlet_key: Annotated[str, key_option("--outlet-key", "JSONL key of the outlet.")
                          ] = "outlet",
    quiet: Annotated[bool, flag("--quiet", "-q", help="No progress and no summary.")] = False,
) -> None:
    """Learn each outlet's chrome from a corpus into profiles.

    Lines and templates repeated across an outlet's pages become one reviewable
    profile per outlet, every rule with its evidence.
    """
    from ..errors import ProfileError
    from ..io import InputOptions, Inputs, JsonlKeys
    from ..learn import LearnOptions
    from ..learn import learn as _learn

    if min_docs < 2 or not 0 < min_share < 1 or max_words < 1:
        fail("--min-docs must be 2 or more, --min-share between 0 and 1, "
             "--max-words positive")
    if out.exists() and not out.is_dir():
        fail(f"{out} exists and is not a folder")
    keys = JsonlKeys(text=(text_key,) if text_key else JsonlKeys().text, url=url_key,
                     outlet=outlet_key)
    input_options = InputOptions(keys=keys, exclude=(str(out),))
    problems = Inputs(paths, input_options).problems()
    if problems:
        fail("; ".join(problems))
    options = LearnOptions(min_docs=min_docs, min_share=min_share, max_words=max_words)
    console = _console()
    corpus = _corpus(paths, input_options, console if not quiet else None)
    try:
        report = _learn(corpus, out, options=options, outlet=outlet,
                        profile_dirs=profiles or (), input_options=input_options)
    except ProfileError as exc:
        fail(str(exc))
    if not quiet:
        _print_summary(report.summary_text)
        typer.echo(f"\nwrote {len(report.files)} profiles and summary.md to "
                   f"{os.fspath(out)}")


def _console() -> Any:
    from rich.console import Console

    return Console(stderr=True)


def _corpus(paths: list[str], input_options: Any, console: Any) -> Any:
    """The corpus of ``paths``; on a terminal it shows which pass runs and how far."""
    from ..learn import _html_lines
    from ..learn._corpus import PathCorpus

    class ProgressCorpus(PathCorpus):
        def __iter__(self) -> Iterator[Any]:
            what = _PASSES[min(self._passes, len(_PASSES) - 1)]
            label = f"learn: pass {self._passes + 1} of 2, {what}"
            if console is None or not console.is_terminal:
                yield from super().__iter__()
                return
            with console.status(label) as status:
                for n, doc in enumerate(super().__iter__(), 1):
                    if n % 100 == 0:
                        status.update(f"{label}: {n} documents")
                    yield doc

    return ProgressCorpus(paths, input_options=input_options, html_lines=_html_lines)


def _print_summary(text: str) -> None:
    """The summary table: rendered by rich on a terminal, as Markdown otherwise."""
    from rich.console import Console

    table = text.split("\n## ", 1)[0].rstrip()
    stdout = Console()
    if stdout.is_terminal:
        from rich.markdown import Markdown

        stdout.print(Markdown(table))
    else:
        typer.echo(table)

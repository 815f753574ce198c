"""``cleaner clean INPUT...``: clean files, directories, stdin, JSONL or WARC in batch.

A thin shell: it checks the arguments (exit 2 before any work when they are wrong),
builds the readers, writers and Cleaner, hands them to :func:`cleaner.batch.clean_batch`
and prints the summary.  Reading lives in :mod:`cleaner.io`, the parallel run in
:mod:`cleaner.batch`.  Exit codes: 0 every record cleaned, 1 some records are error
records (the rest were still cleaned), 2 usage or configuration error (or no input
documents), 74 an output could not be written (disk full; the ``.part`` is kept), 130
interrupted (Ctrl-C), 143 terminated (SIGTERM).
"""

from __future__ import annotations

import os
import sys
import tempfile
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from ..batch import Terminated, clean_batch
from ..io import DocDirSink, InputOptions, Inputs, JsonlKeys, JsonlSink, OutputError
from ..io.output import EXIT_NO_INPUT, EXIT_WRITE_ERROR, excluded_paths, output_problems
from ..io.report import BatchProgress, print_summary
from ..io.writers import OutputWriteError
from ._common import make_cleaner


class Format(str, Enum):
    jsonl = "jsonl"
    txt = "txt"
    md = "md"


class InputFormat(str, Enum):
    auto = "auto"
    doc = "doc"
    jsonl = "jsonl"
    json = "json"
    warc = "warc"


def _default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _usage(message: str) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(2)


def clean(
    paths: Annotated[list[str], typer.Argument(
        help="Files, directories (recursive) or '-' for stdin: text or HTML pages, JSONL, "
             "WARC; any of them .gz or .zst.", show_default=False, metavar="INPUT")],
    output: Annotated[str | None, typer.Option(
        "-o", "--output", help="JSONL output file ('-' or none: stdout).")] = None,
    fmt: Annotated[Format, typer.Option(
        "--format", help="jsonl records, or one txt/md file per document in --output-dir.",
    )] = Format.jsonl,
    output_dir: Annotated[Path | None, typer.Option(
        "--output-dir", help="Folder for --format txt|md (mirrors the input paths).")] = None,
    errors: Annotated[Path | None, typer.Option(
        "--errors", help="Write error records to this file instead of the output.")] = None,
    resume: Annotated[bool, typer.Option(
        "--resume", help="Skip ids already in the output; append the rest.")] = False,
    keep_removed: Annotated[bool, typer.Option(
        "--keep-removed", help="Add every line's decision, rule and reason to the record.",
    )] = False,
    workers: Annotated[int | None, typer.Option(
        "--workers", "-j", help="Worker processes (default: the machine's cores); "
                                "0 cleans in this process.", show_default=False)] = None,
    timeout: Annotated[float, typer.Option(
        "--timeout", help="Seconds one document may take (0: no limit).")] = 60.0,
    max_bytes: Annotated[int, typer.Option(
        "--max-bytes", help="Largest document, in bytes.")] = 10_000_000,
    glob: Annotated[list[str] | None, typer.Option(
        "--glob", help="Only files in directories matching this pattern (repeatable), "
                       "e.g. '*.html'.")] = None,
    input_format: Annotated[InputFormat, typer.Option(
        "--input-format", help="Read every input as this (auto: by name and content).",
    )] = InputFormat.auto,
    text_key: Annotated[str | None, typer.Option(
        "--text-key", help="JSONL key of a text dump (default: text, then content).",
        show_default=False)] = None,
    html_key: Annotated[str | None, typer.Option(
        "--html-key", help="JSONL key of an HTML page.")] = "html",
    url_key: Annotated[str, typer.Option("--url-key", help="JSONL key of the URL.")] = "url",
    id_key: Annotated[str, typer.Option("--id-key", help="JSONL key of the id.")] = "id",
    outlet_key: Annotated[str, typer.Option(
        "--outlet-key", help="JSONL key of the outlet (a profile id).")] = "outlet",
    profiles: Annotated[list[Path] | None, typer.Option(
        "--profiles", help="Extra profile directory (repeatable).")] = None,
    no_profiles: Annotated[bool, typer.Option(
        "--no-profiles", help="Generic heuristics only.")] = False,
    learn: Annotated[bool, typer.Option(
        "--learn", help="Two passes: first learn each outlet's chrome from these inputs "
                        "(as 'cleaner learn' does), then clean with the learned rules merged "
                        "under the built-in profiles.")] = False,
    quiet: Annotated[bool, typer.Option(
        "--quiet", "-q", help="No progress and no summary.")] = False,
    log_interval: Annotated[float, typer.Option(
        "--log-interval", hidden=True, help="Seconds between plain progress lines.")] = 10.0,
) -> None:
    """Clean documents in batch: one output record (or error record) per input record,
    in input order, whatever the number of workers."""
    output = None if output == "-" else output
    if fmt is Format.jsonl and output_dir is not None:
        raise _usage("--output-dir goes with --format txt or md")
    if fmt is not Format.jsonl and (output_dir is None or output is not None):
        raise _usage("--format txt|md writes to --output-dir (and its index.jsonl), not -o")
    if workers is not None and workers < 0:
        raise _usage("--workers must be 0 or more")
    if max_bytes <= 0 or timeout < 0:
        raise _usage("--max-bytes must be positive and --timeout not negative")
    targets = (output, errors and str(errors), output_dir and str(output_dir))
    if problems := output_problems(paths, *targets, resume=resume):
        raise _usage("; ".join(problems))

    cleaner = make_cleaner(profiles, no_profiles, max_bytes=max_bytes)
    exclude = excluded_paths(*targets)
    keys = JsonlKeys(text=(text_key,) if text_key else JsonlKeys().text,
                     html=(html_key,) if html_key else (), url=url_key, id=id_key,
                     outlet=outlet_key)
    inputs = Inputs(paths, InputOptions(globs=tuple(glob or ()), keys=keys,
                                        input_format=input_format.value,
                                        max_bytes=max_bytes, exclude=tuple(exclude)))
    problems = inputs.problems()
    if problems:
        raise _usage("; ".join(problems))
    learned = _learn_first(paths, inputs.options, profiles, no_profiles, quiet) if learn else None
    if learned is not None:
        cleaner = make_cleaner(profiles, no_profiles, max_bytes=max_bytes,
                               learned_dirs=[learned.name])
    try:
        sink = (JsonlSink(output, resume=resume) if fmt is Format.jsonl
                else DocDirSink(str(output_dir), fmt.value, resume=resume))
        err_sink = JsonlSink(str(errors), resume=resume) if errors else None
    except OutputError as exc:
        raise _usage(str(exc)) from None
    if not quiet and any(getattr(s, "replaced_part", False) for s in (sink, err_sink)):
        typer.echo("note: the .part output of an interrupted run is started afresh "
                   "(--resume would have continued it)", err=True)

    console = Console(stderr=True)
    mode = "off" if quiet else ("bar" if console.is_terminal else "log")
    total = inputs.total_bytes() if mode == "bar" else None
    progress = BatchProgress(mode, lambda: inputs.bytes_read, total, console, log_interval)
    # a later --learn flag plugs in here as one more on_record callback
    complete = False
    try:
        with progress:
            stats = clean_batch(inputs, cleaner, sink, errors=err_sink,
                                workers=_default_workers() if workers is None else workers,
                                timeout=timeout or None, keep_removed=keep_removed,
                                on_record=[progress])
        complete = True
    except KeyboardInterrupt as exc:
        parts = [f"{p}.part" for p in (output, errors) if p]
        if output_dir is not None:
            parts.append(str(output_dir / f"{DocDirSink.INDEX}.part"))
        kept = f" in {', '.join(parts)}" if parts else ""
        typer.echo(f"interrupted: what was cleaned is kept{kept}; rerun the same command "
                   "with --resume to finish", err=True)
        # the shell convention: 128 + signal number (SIGTERM 15, SIGINT 2)
        raise typer.Exit(143 if isinstance(exc, Terminated) else 130) from None
    except OutputWriteError as exc:  # disk full, I/O error: one line, its own exit code
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(EXIT_WRITE_ERROR) from None
    except BrokenPipeError:  # stdout closed early (| head): stop quietly
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - for the interpreter's exit
        raise typer.Exit(1) from None
    finally:
        for s in (sink, err_sink):
            if s is not None:
                s.close(complete)
        if learned is not None:
            learned.cleanup()
    if mode == "log":
        progress.log(stats)
    if not quiet:
        print_summary(stats, inputs.skipped, console)
    if stats.docs == 0 and stats.resumed == 0:
        typer.echo("error: no input documents", err=True)
        raise typer.Exit(EXIT_NO_INPUT)
    if stats.errors:
        raise typer.Exit(1)


def _learn_first(paths: list[str], input_options: InputOptions, profiles: list[Path] | None,
                 no_profiles: bool, quiet: bool) -> tempfile.TemporaryDirectory:
    """Pass one of ``--learn``: learned profiles in a temporary folder (removed after)."""
    if no_profiles:
        raise _usage("--learn adds to the profiles; it does not go with --no-profiles")
    if "-" in paths:
        raise _usage("--learn reads the inputs twice: give files or folders, not '-'")
    from ..learn import learn

    folder = tempfile.TemporaryDirectory(prefix="cleaner-learned-")
    report = learn(paths, folder.name, profile_dirs=profiles or (), input_options=input_options)
    if not quiet:
        rules = sum(sum(o["rules"].values()) for o in report.summary["outlets"])
        typer.echo(f"learned {rules} rules for {len(report.files)} outlets from "
                   f"{report.summary['documents_read']} documents", err=True)
    return folder

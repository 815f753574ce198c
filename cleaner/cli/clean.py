"""``cleaner clean INPUT...``: clean files, directories, stdin, JSONL or WARC in batch.

A thin shell: it checks the arguments (exit 2 before any work when they are wrong),
builds the readers, writers and Cleaner, hands them to :func:`cleaner.batch.clean_batch`
and prints the summary.  Reading lives in :mod:`cleaner.io`, the parallel run in
:mod:`cleaner.batch`.  Each check is a small function of :class:`CleanArgs`, so one
more check is one more function (or line) in :func:`check_args`.  Exit codes (the
table is in ``_common``): 0 every record cleaned, 1 some records are error records (the
rest were still cleaned), 2 usage or configuration error (or no input documents), 74
an output could not be written (disk full; the ``.part`` is kept), 130 interrupted
(Ctrl-C), 141 the reader of stdout left early (``| head``), 143 terminated (SIGTERM).
"""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from ._common import (
    EXIT_ERRORS,
    EXIT_INTERRUPTED,
    EXIT_TERMINATED,
    NoProfilesOpt,
    ProfilesOpt,
    check_outlet,
    fail,
    flag,
    key_option,
    make_cleaner,
    quiet_on_broken_pipe,
    terminal_stdin,
)


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


#: the summary row of documents ``--only-articles`` leaves out
NOT_ARTICLE = "not an article (--only-articles)"


@dataclass
class CleanArgs:
    """The command line of ``cleaner clean``, as typed (``output`` '-' means stdout)."""

    paths: list[str]
    output: str | None
    fmt: Format
    output_dir: Path | None
    errors: Path | None
    resume: bool
    keep_removed: bool
    workers: int | None
    timeout: float
    max_bytes: int
    glob: list[str] | None
    input_format: InputFormat
    text_key: str | None
    html_key: str | None
    url_key: str
    id_key: str
    outlet_key: str
    outlet: str | None
    profiles: list[Path] | None
    no_profiles: bool
    learn: bool
    only_articles: bool
    quiet: bool
    log_interval: float

    def __post_init__(self) -> None:
        self.output = None if self.output == "-" else self.output

    @property
    def outputs(self) -> list[str]:
        """Every path this run writes to."""
        return [str(p) for p in (self.output, self.errors, self.output_dir) if p is not None]


@quiet_on_broken_pipe
def clean(
    paths: Annotated[list[str], typer.Argument(
        help="Files, directories (recursive) or '-' for stdin: text or HTML pages, JSONL, "
             "WARC; any of them .gz or .zst.", show_default=False, metavar="INPUT")],
    output: Annotated[str | None, typer.Option(
        "-o", "--output", metavar="FILE", help="JSONL output file ('-' or none: stdout).")
    ] = None,
    fmt: Annotated[Format, typer.Option(
        "--format", metavar="jsonl|txt|md", help="jsonl: records, to -o or stdout; txt, "
        "md: the text of each article, to stdout or one file each in --output-dir.",
    )] = Format.jsonl,
    output_dir: Annotated[Path | None, typer.Option(
        "--output-dir", metavar="DIR",
        help="Folder for --format txt|md (mirrors the input paths).")] = None,
    errors: Annotated[Path | None, typer.Option(
        "--errors", metavar="FILE",
        help="Write error records to this file instead of the output.")] = None,
    resume: Annotated[bool, flag(
        "--resume", help="Skip ids already in the output; append the rest.")] = False,
    keep_removed: Annotated[bool, flag(
        "--keep-removed", help="Add every line's decision, rule and reason to the record.")
    ] = False,
    workers: Annotated[int | None, typer.Option(
        "--workers", "-j", metavar="N", help="Worker processes (default: the machine's "
        "cores); 0 cleans in this process.", show_default=False)] = None,
    timeout: Annotated[float, typer.Option(
        "--timeout", metavar="SECONDS", help="Seconds one document may take (0: no limit).")
    ] = 60.0,
    max_bytes: Annotated[int, typer.Option(
        "--max-bytes", metavar="N", help="Largest document, in bytes.")] = 10_000_000,
    glob: Annotated[list[str] | None, typer.Option(
        "--glob", metavar="PATTERN", help="Only files in directories matching this pattern "
        "(repeatable), e.g. '*.html'.")] = None,
    input_format: Annotated[InputFormat, typer.Option(
        "--input-format", metavar="auto|doc|jsonl|warc",
        help="Read every input as this (auto: by name and content).")] = InputFormat.auto,
    text_key: Annotated[str | None, key_option(
        "--text-key", "JSONL key of a text dump (default: text, then content).",
        show_default=False)] = None,
    html_key: Annotated[str | None, key_option(
        "--html-key", "JSONL key of an HTML page.")] = "html",
    url_key: Annotated[str, key_option("--url-key", "JSONL key of the URL.")] = "url",
    id_key: Annotated[str, key_option("--id-key", "JSONL key of the id.")] = "id",
    outlet_key: Annotated[str, key_option(
        "--outlet-key", "JSONL key of the outlet (a profile id).")] = "outlet",
    outlet: Annotated[str | None, typer.Option(
        "--outlet", metavar="ID", help="Profile (id or domain) of every document whose "
        "record names no outlet; it wins over the URL and signatures.")] = None,
    profiles: ProfilesOpt = None,
    no_profiles: NoProfilesOpt = False,
    learn: Annotated[bool, flag(
        "--learn", help="Two passes: first learn each outlet's chrome from "
        "these inputs (as 'cleaner learn' does), then clean with the learned rules merged "
        "under the built-in profiles.")] = False,
    only_articles: Annotated[bool, flag(
        "--only-articles", help="Leave out pages that are not articles (index, tag, "
        "gallery pages); counted in the summary.")] = False,
    quiet: Annotated[bool, flag("--quiet", "-q", help="No progress and no summary.")] = False,
    log_interval: Annotated[float, typer.Option(
        "--log-interval", hidden=True, help="Seconds between plain progress lines.")] = 10.0,
) -> None:
    """Clean documents in batch into JSONL, txt or md.

    One output record (or error record) per input record, in input order, whatever the
    number of workers.  Exit status: 0 all cleaned, 1 some error records, 2 usage
    error, 130 interrupted, 141 stdout closed early, 143 terminated.
    """
    args = CleanArgs(**locals())  # every parameter, by name
    check_args(args)
    cleaner = make_cleaner(args.profiles, args.no_profiles, max_bytes=args.max_bytes)
    check_outlet(cleaner, args.outlet)
    inputs = make_inputs(args)
    learned = _learn_first(args, inputs.options) if args.learn else None
    if learned is not None:
        cleaner = make_cleaner(args.profiles, args.no_profiles, max_bytes=args.max_bytes,
                               learned_dirs=[learned.name])
    try:
        stats, skipped = _run(args, inputs, cleaner)
    finally:
        if learned is not None:
            learned.cleanup()
    _finish(args, stats, skipped)


def _finish(args: CleanArgs, stats: Any, skipped: Counter[str]) -> None:
    """The summary, then the exit status: no input documents (2), error records (1)."""
    if not args.quiet:
        from ..io.report import print_summary

        print_summary(stats, skipped, _stderr_console())
    if stats.docs == 0 and stats.resumed == 0:
        from ..io.output import EXIT_NO_INPUT

        typer.echo("error: no input documents", err=True)
        raise typer.Exit(EXIT_NO_INPUT)
    if stats.errors:
        raise typer.Exit(EXIT_ERRORS)


# ---------------------------------------------------------------------- checks
def check_args(args: CleanArgs) -> None:
    """Every check that needs no file read: exit 2 with one line at the first failure."""
    _check_format(args)
    _check_numbers(args)
    _check_outputs(args)
    _check_profiles(args)
    _check_learn(args)


def _check_format(args: CleanArgs) -> None:
    if args.fmt is Format.jsonl and args.output_dir is not None:
        fail("--output-dir goes with --format txt or md")
    if args.fmt is not Format.jsonl and args.output is not None:
        fail("--format txt|md writes to --output-dir, or to stdout without it; not to -o")


def _check_numbers(args: CleanArgs) -> None:
    if args.workers is not None and args.workers < 0:
        fail("--workers must be 0 or more")
    if args.max_bytes <= 0 or args.timeout < 0:
        fail("--max-bytes must be positive and --timeout not negative")


def _check_outputs(args: CleanArgs) -> None:
    """Outputs are distinct, of a kind that can be written, and never an input, its
    ``.part`` or inside an input folder (:func:`cleaner.io.output.output_problems`)."""
    from ..io.output import output_problems

    if problems := output_problems(args.paths, *_targets(args), resume=args.resume):
        fail("; ".join(problems))


def _targets(args: CleanArgs) -> tuple[str | None, str | None, str | None]:
    return (args.output, args.errors and str(args.errors),
            args.output_dir and str(args.output_dir))


def _check_profiles(args: CleanArgs) -> None:
    if args.outlet is not None and args.no_profiles:
        fail("--outlet picks a profile; it does not go with --no-profiles")
    if args.learn and args.no_profiles:
        fail("--learn adds to the profiles; it does not go with --no-profiles")


def _check_learn(args: CleanArgs) -> None:
    if args.learn and "-" in args.paths:
        fail("--learn reads the inputs twice: give files or folders, not '-'")


# ---------------------------------------------------------------------- building
def make_inputs(args: CleanArgs) -> Any:
    """The :class:`~cleaner.io.Inputs` of the run, or exit 2 naming missing inputs."""
    from ..io import InputOptions, Inputs, JsonlKeys
    from ..io.output import excluded_paths

    keys = JsonlKeys(text=(args.text_key,) if args.text_key else JsonlKeys().text,
                     html=(args.html_key,) if args.html_key else (), url=args.url_key,
                     id=args.id_key, outlet=args.outlet_key)
    options = InputOptions(globs=tuple(args.glob or ()), keys=keys,
                           input_format=args.input_format.value, max_bytes=args.max_bytes,
                           exclude=tuple(excluded_paths(*_targets(args))))
    problems = Inputs(args.paths, options).problems()
    if problems:
        fail("; ".join(problems))
    return Inputs(args.paths, options, stdin=terminal_stdin(args.paths, args.quiet))


def make_sinks(args: CleanArgs) -> tuple[Any, Any]:
    """The output and the error output (None: errors go with the output)."""
    from ..io import DocDirSink, JsonlSink, OutputError
    from ..io.writers import DocStreamSink

    try:
        if args.fmt is Format.jsonl:
            sink = JsonlSink(args.output, resume=args.resume)
        elif args.output_dir is None:
            sink = DocStreamSink(args.fmt.value, resume=args.resume)
        else:
            sink = DocDirSink(str(args.output_dir), args.fmt.value, resume=args.resume)
        err_sink = JsonlSink(str(args.errors), resume=args.resume) if args.errors else None
    except OutputError as exc:
        fail(str(exc))
    if not args.quiet and any(getattr(s, "replaced_part", False) for s in (sink, err_sink)):
        typer.echo("note: the .part output of an interrupted run is started afresh "
                   "(--resume would have continued it)", err=True)
    return sink, err_sink


class OnlyArticles:
    """A sink in front of the output that leaves out cleaned pages whose ``page_kind``
    is not ``"article"`` (``--only-articles``), counting them; errors pass through."""

    def __init__(self, sink: Any) -> None:
        self.sink = sink
        self.done = sink.done
        self.skipped: Counter[str] = Counter()

    def write(self, rec: dict[str, Any], record: Any = None) -> None:
        kind = (rec.get("metadata") or {}).get("page_kind", "article")
        if "error" not in rec and kind not in (None, "article"):
            self.skipped[NOT_ARTICLE] += 1
            return
        self.sink.write(rec, record)

    def close(self, complete: bool) -> None:
        self.sink.close(complete)


def _records(inputs: Any, outlet: str | None) -> Iterator[Any]:
    """The input records; ``--outlet`` fills in the outlet of those that name none."""
    for record in inputs:
        if outlet is not None and record.outlet is None:
            record.outlet = outlet
        yield record


def _stderr_console() -> Any:
    from rich.console import Console

    return Console(stderr=True)


def _default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


# ---------------------------------------------------------------------- the run
def _run(args: CleanArgs, inputs: Any, cleaner: Any) -> tuple[Any, Counter[str]]:
    """Clean everything; return the stats and the skip counts for the summary."""
    from ..batch import clean_batch
    from ..io.output import EXIT_WRITE_ERROR
    from ..io.report import BatchProgress
    from ..io.writers import OutputWriteError

    sink, err_sink = make_sinks(args)
    out = OnlyArticles(sink) if args.only_articles else sink
    console = _stderr_console()
    mode = "off" if args.quiet else ("bar" if console.is_terminal else "log")
    total = inputs.total_bytes() if mode != "off" else None
    progress = BatchProgress(mode, lambda: inputs.bytes_read, total, console,
                             args.log_interval)
    complete = False
    try:
        with progress:
            stats = clean_batch(_records(inputs, args.outlet), cleaner, out, errors=err_sink,
                                workers=_default_workers() if args.workers is None
                                else args.workers,
                                timeout=args.timeout or None, keep_removed=args.keep_removed,
                                on_record=[progress])
        complete = True
    except KeyboardInterrupt as exc:
        _interrupted(args, exc)
    except OutputWriteError as exc:  # disk full, I/O error: one line, its own exit code
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(EXIT_WRITE_ERROR) from None
    finally:
        for s in (sink, err_sink):
            if s is not None:
                s.close(complete)
    if mode == "log":
        progress.log(stats)
    skipped = Counter(inputs.skipped)
    if isinstance(out, OnlyArticles):
        skipped.update(out.skipped)
    return stats, skipped


def _interrupted(args: CleanArgs, exc: KeyboardInterrupt) -> None:
    """Say what was kept and how to finish; exit 130 (Ctrl-C) or 143 (SIGTERM)."""
    from ..batch import Terminated
    from ..io import DocDirSink

    parts = [f"{p}.part" for p in (args.output, args.errors) if p]
    if args.output_dir is not None:
        parts.append(str(args.output_dir / f"{DocDirSink.INDEX}.part"))
    if args.output is None and args.output_dir is None:  # stdout cannot be resumed
        kept = f"; error records so far are in {parts[0]}" if parts else ""
        message = f"interrupted: what was cleaned went to stdout{kept}"
    else:
        message = (f"interrupted: what was cleaned is kept in {', '.join(parts)}; rerun "
                   "the same command with --resume to finish")
    typer.echo(message, err=True)
    # the shell convention: 128 + signal number (SIGTERM 15, SIGINT 2)
    raise typer.Exit(EXIT_TERMINATED if isinstance(exc, Terminated)
                     else EXIT_INTERRUPTED) from None


def _learn_first(args: CleanArgs, input_options: Any) -> tempfile.TemporaryDirectory:
    """Pass one of ``--learn``: learned profiles in a temporary folder (removed after)."""
    from ..learn import learn

    folder = tempfile.TemporaryDirectory(prefix="cleaner-learned-")
    report = learn(args.paths, folder.name, profile_dirs=args.profiles or (),
                   input_options=input_options)
    if not args.quiet:
        rules = sum(sum(o["rules"].values()) for o in report.summary["outlets"])
        typer.echo(f"learned {rules} rules for {len(report.files)} outlets from "
                   f"{report.summary['documents_read']} documents", err=True)
    return folder

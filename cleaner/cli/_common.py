"""What every command shares: exit codes, the one way to report a usage error, the help
layout, and building the Cleaner.

Kept import-light (typer and the standard library; the library is imported inside the
functions that need it), because every command module imports it and ``cleaner --help``
must not pay for the cleaning code.
"""

from __future__ import annotations

import functools
import io
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, BinaryIO, NoReturn, TypeVar

import typer
from typer.core import TyperCommand, TyperGroup

if TYPE_CHECKING:
    from ..core import Cleaner

# Exit codes, one table for every command (docs/batch.md lists them).
EXIT_OK = 0
EXIT_ERRORS = 1        #: some records are error records (the rest were cleaned)
EXIT_USAGE = 2         #: bad arguments or configuration, found before any work
EXIT_INTERRUPTED = 130  #: 128 + SIGINT (Ctrl-C): the shell's convention
EXIT_PIPE = 141        #: 128 + SIGPIPE: what `set -o pipefail` sees from `cat ... | head`
EXIT_TERMINATED = 143  #: 128 + SIGTERM

#: ``cleaner -h`` as well as ``--help``, inherited by every sub-command
CONTEXT_SETTINGS: dict[str, Any] = {"help_option_names": ["-h", "--help"]}


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    """Print ``error: message`` (one line, stderr) and exit: the one way a command
    reports a usage or configuration error (exit 2, before any work, nothing on stdout)."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def make_cleaner(profiles: list[Path] | None, no_profiles: bool, **options: Any) -> Cleaner:
    """Build the Cleaner, or fail with every broken profile file, one line each."""
    from ..core import Cleaner
    from ..errors import ProfileError

    try:
        return Cleaner(profile_dirs=profiles or (), use_profiles=not no_profiles, **options)
    except ProfileError as exc:
        fail("\nerror: ".join(broken_profiles(profiles or ()) or [str(exc)]))


def broken_profiles(dirs: list[Path] | tuple[Path, ...]) -> list[str]:
    """One message per broken ``*.toml`` in ``dirs`` (a Cleaner stops at the first)."""
    from ..errors import ProfileError
    from ..profiles import ProfileRegistry, load_file

    out = []
    for folder in dirs:
        try:
            ProfileRegistry([folder], builtin=False)
            continue
        except ProfileError as exc:
            if Path(folder).is_dir():  # name every broken file, not just the first
                for file in sorted(Path(folder).glob("*.toml")):
                    try:
                        load_file(file, "profile")
                    except ProfileError as file_exc:
                        out.append(str(file_exc))
            else:
                out.append(str(exc))
    return out


def check_outlet(cleaner: Cleaner, outlet: str | None) -> None:
    """``--outlet`` must name a profile (id or domain): say so instead of ignoring it."""
    if outlet is not None and cleaner.registry.get(outlet) is None:
        fail(f"--outlet {outlet}: no profile has this id or domain "
             "(see 'cleaner profiles list')")


def terminal_stdin(paths: list[str], quiet: bool) -> BinaryIO | None:
    """With ``-`` and a terminal on stdin: say that it waits for a document, then read it
    whole, so one Ctrl-D ends it (a tty reports end-of-file once per Ctrl-D, and the
    stream reader asks again after sniffing its head).  None: read stdin as a stream."""
    if "-" not in paths or not sys.stdin.isatty():
        return None
    if not quiet:
        typer.echo("cleaner: reading a document from the terminal (stdin); end it with "
                   "Ctrl-D", err=True)
    return io.BytesIO(sys.stdin.buffer.read())


F = TypeVar("F", bound=Callable[..., Any])


def quiet_on_broken_pipe(fn: F) -> F:
    """A reader that leaves early (``| head``) ends the command quietly with 141, like
    any Unix producer, instead of a traceback or the "error records" status."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except BrokenPipeError:
            # the interpreter flushes stdout at exit: point it at /dev/null first
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise typer.Exit(EXIT_PIPE) from None

    return wrapper  # type: ignore[return-value]


def stdout_console() -> Any:
    """A rich console on stdout whose closed pipe ends in :func:`quiet_on_broken_pipe`
    (rich's own handler exits 1, the "error records" status)."""
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            self.quiet = True
            raise BrokenPipeError

    return _Console(highlight=False, soft_wrap=True)


# ---------------------------------------------------------------------- help layout
def flag(*decls: str, help: str) -> Any:
    """An on/off option: no metavariable (typer would print ``<bool>``)."""
    return typer.Option(*decls, metavar="", help=help)


def key_option(decl: str, help: str, **kw: Any) -> Any:
    """A ``--*-key KEY`` option naming a JSONL key."""
    return typer.Option(decl, metavar="KEY", help=help, **kw)


ProfilesOpt = Annotated[list[Path] | None, typer.Option(
    "--profiles", metavar="DIR", help="Extra profile directory (repeatable).")]
NoProfilesOpt = Annotated[bool, flag("--no-profiles", help="Generic heuristics only.")]


def _name(param: Any) -> str:
    """``INPUT...``, ``[ID]``, ``-o, --output FILE``, ``--resume``: click's conventions,
    whatever typer's version would print (``<bool>``, ``<list[str]>``, ``{INPUT}...``)."""
    if param.param_type_name == "argument":
        name = (param.metavar or param.name).upper()
        name += "..." if param.nargs != 1 else ""
        return name if param.required else f"[{name}]"
    opts = ", ".join(sorted(param.opts, key=len))
    if param.secondary_opts:
        opts += " / " + ", ".join(param.secondary_opts)
    if param.is_flag or param.count:
        return opts
    return f"{opts} {param.metavar or 'VALUE'}"


class Command(TyperCommand):
    """A command whose usage line and option list follow click's plain conventions."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        return pieces + [_name(p) for p in self.get_params(ctx)
                         if p.param_type_name == "argument"]

    def format_options(self, ctx: Any, formatter: Any) -> None:
        sections: dict[str, list[tuple[str, str]]] = {"Arguments": [], "Options": []}
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            help_text = record[1].replace("; required]", "]").replace("  [required]", "")
            kind = "Arguments" if param.param_type_name == "argument" else "Options"
            sections[kind].append((_name(param), help_text.replace("[required]", "")))
        for title, rows in sections.items():
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)


class Group(TyperGroup):
    """A group in the same plain layout."""

    def format_options(self, ctx: Any, formatter: Any) -> None:
        rows = [(_name(p), r[1]) for p in self.get_params(ctx)
                if (r := p.get_help_record(ctx)) is not None]
        if rows:
            with formatter.section("Options"):
                formatter.write_dl(rows)
        self.format_commands(ctx, formatter)

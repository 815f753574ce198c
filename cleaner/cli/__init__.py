"""The ``cleaner`` command: a thin typer shell over the library.

Each sub-command lives in its own module and only parses arguments, calls the
library and prints; no cleaning logic lives here.

Sub-commands are loaded lazily (click's "lazily loading subcommands" pattern):
``cleaner --help`` and ``cleaner --version`` import none of them, so they answer in
the time the interpreter takes to start, and ``cleaner explain`` does not import the
batch machinery.  The one-line descriptions the top-level help lists are in
:data:`COMMANDS`; ``tests/test_cli_conventions.py`` checks they are those of the
commands themselves.

Conventions (those of git, pip, cargo): ``-h``/``--help`` everywhere, ``-V``/``--version``;
bare ``cleaner`` (or ``cleaner profiles``) prints its help and exits 0, since asking a
command group for its menu is not an error, while a command missing its arguments
(``cleaner clean``) is a usage error, exit 2.
"""

from __future__ import annotations

import importlib
from typing import Annotated, Any

import typer

from ._common import CONTEXT_SETTINGS, Command, Group

__all__ = ["COMMANDS", "app", "main"]

#: name -> (module, attribute, one-line description for ``cleaner --help``)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "clean": ("clean", "clean", "Clean documents in batch into JSONL, txt or md."),
    "explain": ("explain", "explain", "Every line of one document: decision, rule, reason."),
    "learn": ("learn", "learn", "Learn each outlet's chrome from a corpus into profiles."),
    "profiles": ("profiles", "app", "List, show and check outlet profiles."),
}


def load_command(name: str) -> Any:
    """The click command of ``name``, importing its module now."""
    module, attr, short = COMMANDS[name]
    obj = getattr(importlib.import_module(f"{__name__}.{module}"), attr)
    if isinstance(obj, typer.Typer):
        group = typer.main.get_group(obj)
        group.name = name
        return group
    single = typer.Typer(add_completion=False, rich_markup_mode=None,
                         pretty_exceptions_enable=False)
    single.command(name, cls=Command, short_help=short)(obj)
    return typer.main.get_command(single)


class LazyGroup(Group):
    """The top-level group: commands from :data:`COMMANDS`, imported when invoked."""

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        return load_command(cmd_name) if cmd_name in COMMANDS else None

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        with formatter.section("Commands"):
            formatter.write_dl([(name, short) for name, (_, _, short) in COMMANDS.items()])


app = typer.Typer(
    name="cleaner",
    cls=LazyGroup,
    context_settings=CONTEXT_SETTINGS,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain click help: conventional, and no rich import for it
)


def _version(value: bool) -> None:
    if value:
        from .. import __version__

        typer.echo(f"cleaner {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def _top(
    ctx: typer.Context,
    version: Annotated[bool, typer.Option(
        "--version", "-V", metavar="", is_eager=True, callback=_version,
        help="Print the version and exit.")] = False,
) -> None:
    """Turn scraped news pages (text dumps, HTML, JSONL, WARC) into clean articles.

    Run 'cleaner COMMAND -h' for the options of a command.
    """
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())
        raise typer.Exit(0)


def main() -> None:
    """Console-script entry point (``cleaner``; also ``python -m cleaner``)."""
    app()

"""``cleaner profiles list | show ID | check FILE...``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import ProfileError
from ..profiles import ProfileRegistry, load_file, replaced_note
from ._common import (
    CONTEXT_SETTINGS,
    Command,
    Group,
    ProfilesOpt,
    broken_profiles,
    fail,
    quiet_on_broken_pipe,
)

app = typer.Typer(help="List, show and check outlet profiles.", cls=Group,
                  context_settings=CONTEXT_SETTINGS, rich_markup_mode=None,
                  add_completion=False, pretty_exceptions_enable=False)


@app.callback(invoke_without_command=True)
def _menu(ctx: typer.Context) -> None:
    """List, show and check outlet profiles."""
    if ctx.invoked_subcommand is None:  # the menu was asked for: not an error
        typer.echo(ctx.get_help())
        raise typer.Exit(0)


def _registry(dirs: list[Path] | None) -> ProfileRegistry:
    try:
        return ProfileRegistry(dirs or ())
    except ProfileError as exc:
        fail("\nerror: ".join(broken_profiles(dirs or []) or [str(exc)]))


@app.command("list", cls=Command)
@quiet_on_broken_pipe
def list_(profiles: ProfilesOpt = None) -> None:
    """One line per profile: id@version, domains, number of rules, file."""
    for prof in _registry(profiles):
        n = sum(len(rs) for rs in prof.rules.values()) + len(prof.meta)
        typer.echo(f"{prof.ref:<28} {','.join(prof.domains):<40} {n:>3} rules  {prof.path}")


@app.command("show", cls=Command)
@quiet_on_broken_pipe
def show(profile_id: Annotated[str, typer.Argument(metavar="ID", help="Profile id or domain.")],
         profiles: ProfilesOpt = None) -> None:
    """Every rule of one profile (by id or domain)."""
    prof = _registry(profiles).get(profile_id)
    if prof is None:
        fail(f"no profile {profile_id!r} (see 'cleaner profiles list')")
    typer.echo(f"{prof.ref}  {prof.name}  ({prof.path})")
    typer.echo(f"  domains:    {', '.join(prof.domains)}")
    typer.echo(f"  signatures: {', '.join(prof.signatures)}")
    if prof.disable:
        typer.echo(f"  disable:    {', '.join(sorted(prof.disable))}")
    for action, rs in prof.rules.items():
        for r in rs:
            typer.echo(f"  {action:<10} {r.id:<36} {r.reason:<10} {r.match:<8} {r.text}")
    for m in prof.meta:
        typer.echo(f"  {'meta':<10} {m.id:<36} {m.reason:<10} {'regex':<8} {m.pattern.pattern}")
    for key, value in prof.html.items():
        typer.echo(f"  html.{key:<5} {value}")


@app.command("check", cls=Command)
@quiet_on_broken_pipe
def check(files: Annotated[list[Path], typer.Argument(
        metavar="FILE", help="Profile TOML files.")]) -> None:
    """Validate profile files: one line per file, exit 2 if any is broken."""
    bad = 0
    seen = dict(_registry(None).profiles)  # the built-in ones, then the files in order
    for file in files:
        try:
            prof = load_file(file)
        except ProfileError as exc:
            typer.echo(f"error: {exc}", err=True)
            bad += 1
            continue
        earlier = seen.get(prof.id)
        if earlier is not None and Path(earlier.path).resolve() != file.resolve():
            typer.echo(f"note: {replaced_note(prof, earlier)}", err=True)
        seen[prof.id] = prof
        typer.echo(f"ok: {file}: {prof.ref}")
    if bad:
        raise typer.Exit(2)

"""Small helpers shared by the CLI commands."""

from __future__ import annotations

from pathlib import Path

import typer

from ..core import Cleaner
from ..errors import ProfileError


def make_cleaner(profiles: list[Path] | None, no_profiles: bool, **options) -> Cleaner:
    """Build the Cleaner or exit with code 2 and a one-line error (bad profile)."""
    try:
        return Cleaner(profile_dirs=profiles or (), use_profiles=not no_profiles, **options)
    except ProfileError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None

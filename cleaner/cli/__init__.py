"""The ``cleaner`` command: a thin typer shell over the library.

Each sub-command lives in its own module and only parses arguments, calls the
library and prints; no cleaning logic lives here.
"""

from __future__ import annotations

import typer

from . import explain as _explain
from . import learn as _learn
from . import profiles as _profiles

app = typer.Typer(
    name="cleaner",
    help="Turn scraped news pages into clean articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command("explain")(_explain.explain)
app.command("learn")(_learn.learn)
app.add_typer(_profiles.app, name="profiles")

try:  # the batch command is registered from its own module
    from . import clean as _clean

    app.command("clean")(_clean.clean)
except ImportError:  # pragma: no cover
    pass

__all__ = ["app", "main"]


def main() -> None:
    """Console-script entry point."""
    app()

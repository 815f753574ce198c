"""What a batch tells the person who started it: progress while it runs, a summary after.

Everything goes to stderr, so stdout can carry the JSONL.  On a terminal: a rich bar
(documents, MB read, docs/s, ETA from the bytes).  Otherwise (a log file, CI, nohup):
one plain line every ``interval`` seconds, which stays readable in a file.
"""

from __future__ import annotations

import time
from collections import Counter
from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

if TYPE_CHECKING:
    from ..batch import Stats
    from .records import Record

__all__ = ["BatchProgress", "print_summary"]

_TOP = 25  # rows per breakdown table before "... more"


class BatchProgress:
    """An ``on_record`` callback for :func:`cleaner.batch.clean_batch`, and a context
    manager.  ``mode`` is ``"bar"``, ``"log"`` or ``"off"``; ``bytes_read`` is a callable
    giving input bytes consumed so far; ``total`` the input size when known."""

    def __init__(self, mode: str, bytes_read: Any, total: int | None,
                 console: Console | None = None, interval: float = 10.0) -> None:
        self.mode = mode
        self._bytes = bytes_read
        self._total = total
        self._console = console or Console(stderr=True)
        self._interval = interval
        self._start = self._last = time.monotonic()
        self._bar: Progress | None = None
        self._task: Any = None
        self._stats: Stats | None = None

    def __enter__(self) -> BatchProgress:
        self._start = self._last = time.monotonic()
        if self.mode == "bar":
            self._bar = Progress(
                TextColumn("[bold]cleaning"), BarColumn(bar_width=20), DownloadColumn(),
                TextColumn("{task.fields[docs]} docs {task.fields[rate]}/s "
                           "{task.fields[errors]} errors"),
                TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                console=self._console, transient=False)
            self._task = self._bar.add_task("clean", total=self._total, docs=0, rate=0,
                                            errors=0)
            self._bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._frame(time.monotonic())  # the last frame shows the final counts
            self._bar.stop()

    def _frame(self, now: float) -> None:
        assert self._bar is not None
        stats = self._stats
        self._bar.update(self._task, completed=self._bytes(),
                         docs=stats.docs if stats else 0,
                         rate=round(stats.docs / max(now - self._start, 1e-9)) if stats else 0,
                         errors=stats.errors if stats else 0)

    def __call__(self, record: Record, rec: dict[str, Any], stats: Stats) -> None:
        now = time.monotonic()
        self._stats = stats
        if self.mode == "bar" and now - self._last >= 0.1:
            self._last = now
            self._frame(now)
        elif self.mode == "log" and now - self._last >= self._interval:
            self._last = now
            self.log(stats)

    def log(self, stats: Stats) -> None:
        """One plain progress line."""
        elapsed = max(time.monotonic() - self._start, 1e-9)
        read = self._bytes() / 1e6
        where = f"{read:.1f} MB"
        if self._total:
            where += f" of {self._total / 1e6:.1f} MB ({100 * self._bytes() / self._total:.0f}%)"
        self._console.print(f"cleaner: {stats.docs} docs, {where}, "
                            f"{stats.docs / elapsed:.1f} docs/s, {stats.errors} errors, "
                            f"{elapsed:.0f} s", highlight=False, soft_wrap=True)


def print_summary(stats: Stats, skipped: Counter[str], console: Console | None = None) -> None:
    """The end-of-run tables: totals, per outlet, per profile, removed lines, errors."""
    console = console or Console(stderr=True)
    style = box.SIMPLE if console.is_terminal else box.ASCII
    totals = Table(title="cleaner clean: summary", box=style, show_header=False)
    totals.add_column("what")
    totals.add_column("count", justify="right")
    rate = stats.docs / stats.seconds if stats.seconds else 0.0
    rows: list[tuple[str, object]] = [
        ("documents in", stats.docs), ("cleaned", stats.cleaned),
        ("empty body", stats.empty), ("errors", stats.errors),
    ]
    if stats.resumed:
        rows.append(("skipped: already in output (--resume)", stats.resumed))
    rows.extend((f"skipped: {why}", n) for why, n in sorted(skipped.items()))
    rows += [("seconds", f"{stats.seconds:.1f}"), ("docs/s", f"{rate:.1f}")]
    for what, n in rows:
        totals.add_row(what, str(n))
    console.print(totals)
    for title, counts in (("per outlet", stats.outlets), ("per profile", stats.profiles),
                          ("removed lines per reason", stats.removed),
                          ("errors per type", stats.error_types)):
        if counts:
            console.print(_counts_table(title, counts, style))


def _counts_table(title: str, counts: Counter[str], style: box.Box) -> Table:
    table = Table(title=title, box=style, min_width=len(title) + 4)
    table.add_column(title.split()[-1])
    table.add_column("count", justify="right")
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    for key, n in ranked[:_TOP]:
        table.add_row(key, str(n))
    if len(ranked) > _TOP:
        rest = sum(n for _, n in ranked[_TOP:])
        table.add_row(f"... {len(ranked) - _TOP} more", str(rest))
    return table

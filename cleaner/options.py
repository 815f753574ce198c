"""One options object instead of many keyword arguments (a trafilatura lesson)."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import datetime
from typing import Any

__all__ = ["Options"]


@dataclass(frozen=True, slots=True)
class Options:
    """Knobs for one clean; every one has a safe default.

    ``strip_dateline``: remove a leading ``"CITY, Outlet -"`` from the first paragraph
    (the dateline is recorded in metadata either way).
    ``max_bytes`` / ``max_lines``: documents over these raise :class:`InputError`
    instead of using unbounded time or memory.
    ``keep_removed``: ``Article.to_dict()`` users (CLI, integrations) add line decisions.
    ``fix_text``: opt-in mojibake repair with ftfy (never silent).
    ``timeout``: seconds one document may take, or None for no limit; over it,
    :class:`InputError`.  It is enforced with ``SIGALRM``, so only in the main thread
    on POSIX (elsewhere it is ignored: use the batch runner's worker processes, whose
    parent kills a stuck worker).  Off by default: a library should not take over a
    signal its caller may use.
    ``crawl_time``: when the page was fetched (JSONL/WARC records carry it).  Dates
    after it are implausible, and relative stamps ("3 hours ago", "2 jam yang lalu")
    are resolved against it; without it they are left out.
    ``line_model``: let the learned line model (:mod:`cleaner.structures`) overturn the
    body window on dumps of pages no profile knows.  It costs time per line (see
    ``docs/benchmarks.md``); ``False`` leaves the window's own decision.
    """

    strip_dateline: bool = False
    max_bytes: int = 10_000_000
    max_lines: int = 200_000
    keep_removed: bool = False
    fix_text: bool = False
    kind: str | None = None  # "text", "html" or None (detect)
    timeout: float | None = None
    crawl_time: datetime | None = None
    line_model: bool = True

    def merged(self, overrides: dict[str, Any]) -> Options:
        """A copy with ``overrides`` applied; unknown names raise ``TypeError``."""
        if not overrides:
            return self
        known = {f.name for f in fields(self)}
        unknown = set(overrides) - known
        if unknown:
            raise TypeError(f"unknown option(s): {', '.join(sorted(unknown))}")
        return replace(self, **overrides)

"""One per-document time budget for the library (``Options.timeout``) and the batch
workers (``--timeout``): a ``SIGALRM`` timer, because a signal is the one thing that
interrupts Python code *and* a running ``re`` match (a thread or a check in a loop cannot).

Only in the main thread on POSIX (the one place a signal is delivered); elsewhere the
budget is not enforced, and the batch parent's kill after ``timeout + grace`` is the
backstop.  Budgets nest: the batch arms one per document and ``Cleaner.clean`` may arm
its own inside it.  An outer timer that is due first is left alone (it fires as the
outer budget); otherwise it is re-armed with what is left of it afterwards.
"""

from __future__ import annotations

import contextlib
import signal
import threading
import time
from collections.abc import Iterator
from typing import Any

__all__ = ["Budget", "Expired", "time_budget"]


class Budget:
    """One armed budget: what :func:`time_budget` yields, and what :class:`Expired`
    names, so a caller catches its own expiry and lets an outer one pass."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds


class Expired(BaseException):
    """A time budget ran out.  A BaseException, so no ``except Exception`` on the way
    (ours, trafilatura's) can swallow it.  ``budget`` is the one that ran out."""

    def __init__(self, budget: Budget) -> None:
        super().__init__(budget.seconds)
        self.budget = budget


@contextlib.contextmanager
def time_budget(seconds: float | None) -> Iterator[Budget]:
    """Raise :class:`Expired` in this thread after ``seconds`` (None or 0: no limit)."""
    budget = Budget(seconds)
    if (not seconds or not hasattr(signal, "setitimer")
            or threading.current_thread() is not threading.main_thread()):
        yield budget
        return
    outer, interval = signal.getitimer(signal.ITIMER_REAL)
    if outer and outer <= seconds:
        yield budget  # the outer budget ends first: it is the one that fires
        return
    armed = True

    def expire(signum: int, frame: Any) -> None:
        if armed:
            raise Expired(budget)

    start = time.monotonic()
    old = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield budget
    finally:
        armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
        if outer:
            left = outer - (time.monotonic() - start)
            signal.setitimer(signal.ITIMER_REAL, max(left, 1e-3), interval)

"""Find the body window: the main run of prose in a page.

Each line gets a score: running prose earns its word count, everything else costs a
little (a short line, a subheading) or a lot (chrome, an end-of-article marker such as
an agency credit or editor initials).  The window is the span with the highest total
(Kadane's maximum subarray), so short real lines *inside* the article survive while
prose-looking promos *after* a related list or a copyright line do not get pulled in.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["best_span"]


def best_span(scores: Sequence[float]) -> tuple[int, int] | None:
    """``(start, end)`` inclusive of the best-scoring span, or None if nothing scores > 0."""
    best = 0.0
    best_span_: tuple[int, int] | None = None
    current = 0.0
    start = 0
    for i, s in enumerate(scores):
        if current <= 0:
            current = s
            start = i
        else:
            current += s
        if current > best:
            best = current
            best_span_ = (start, i)
    return best_span_

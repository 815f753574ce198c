"""Checks every metadata fact goes through, whatever page or dump it came from.

* :func:`plausible_date`: a publication date is not before ``EARLIEST_YEAR`` and not
  after the crawl (``Options.crawl_time``; without one, no upper bound is guessed from
  the clock, so the output does not depend on the day it is computed);
* :func:`strip_label`: a credit label ("By", "Penulis :", "Written by") cut off the
  front of a name; the labels are the packs' byline words, never a list in code.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from functools import lru_cache

__all__ = ["EARLIEST_YEAR", "plausible_date", "strip_label"]

#: news on the web starts in the 1990s: an earlier "date" is a number that is not one
EARLIEST_YEAR = 1990
#: a page stamped up to this far after its crawl time is still plausible: the page's
#: time zone may be ahead of the crawler's clock
CRAWL_SLACK = timedelta(days=1)


def plausible_date(iso: str, crawl_time: datetime | None = None) -> bool:
    """Whether an ISO 8601 date (``2024-10-25`` or with a time) can be a page's date."""
    try:
        day = date.fromisoformat(iso[:10])
    except ValueError:
        return False
    if day.year < EARLIEST_YEAR:
        return False
    return crawl_time is None or day <= (crawl_time + CRAWL_SLACK).date()


@lru_cache(maxsize=64)
def _label_rx(labels: tuple[str, ...]) -> re.Pattern[str] | None:
    if not labels:
        return None
    alt = "|".join(re.escape(w) for w in sorted(set(labels), key=lambda w: (-len(w), w)))
    return re.compile(rf"^(?:{alt})(?:\s*[:\-–—]\s*|\s+|$)", re.IGNORECASE)


def strip_label(value: str, labels: Sequence[str]) -> str:
    """``value`` without a leading credit label ("By Jane Doe" -> "Jane Doe")."""
    rx = _label_rx(tuple(labels))
    if rx is None:
        return value
    return rx.sub("", value, count=1).strip()

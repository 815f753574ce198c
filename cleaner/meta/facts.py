"""Checks every metadata fact goes through, whatever page or dump it came from.

* :func:`plausible_date`: a publication date is not before ``EARLIEST_YEAR`` and not
  after the crawl (``Options.crawl_time``; without one, no upper bound is guessed from
  the clock, so the output does not depend on the day it is computed);
* :func:`price_like`: a price or exchange-rate line is not a date line;
* :func:`resolve_relative`: "3 hours ago" only against a crawl time;
* :func:`strip_label`: a credit label ("By", "Penulis :", "Written by") cut off the
  front of a name; the labels are the packs' byline words, never a list in code.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

__all__ = ["EARLIEST_YEAR", "plausible_date", "price_like", "resolve_relative", "strip_label"]

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


# ---------------------------------------------------------------------- dates in text
# a price or rate: digit groups with a thousands and a decimal mark ("15.230,00",
# "1,250.50"); a line holding one is a market ticker, never a dateline
_PRICE = re.compile(r"\d{1,3}(?:[.,]\d{3})+[.,]\d{2}\b|\d+[.,]\d{2}\s*/\s*\d")


def price_like(text: str) -> bool:
    """Whether a line carries a price or exchange rate ("USD (15.230,00/15.180,00)")."""
    return _PRICE.search(text) is not None


@lru_cache(maxsize=16)
def _relative_rx(units: tuple[str, ...], after: tuple[str, ...]) -> re.Pattern[str] | None:
    if not units or not after:
        return None
    u = "|".join(re.escape(w) for w in sorted(units, key=len, reverse=True))
    a = "|".join(re.escape(w) for w in after)
    return re.compile(rf"\b(\d{{1,3}})\s*({u})\s+(?:{a})\b", re.IGNORECASE)


def resolve_relative(text: str, units: dict[str, int] | Any, after: Sequence[str],
                     crawl_time: datetime | None) -> str | None:
    """"3 hours ago" / "2 jam yang lalu" as ISO 8601, counted back from ``crawl_time``;
    None without a crawl time (the clock of the machine cleaning is not the page's)."""
    if crawl_time is None:
        return None
    rx = _relative_rx(tuple(units), tuple(after))
    m = rx.search(text) if rx is not None else None
    if m is None:
        return None
    seconds = int(m.group(1)) * units[m.group(2).casefold()]
    when = crawl_time - timedelta(seconds=seconds)
    if seconds >= 86400:
        return when.date().isoformat()  # "3 days ago": the day, not a made-up hour
    return when.replace(microsecond=0).isoformat()

"""Facts printed in the page header that no whole-line rule caught.

Bylines and dates above a headline come in many shapes ("Posted on June 29, 2020 by
Jane Doe", "Nov 08, 2025 7 min read", "Oleh: Budi | Senin, 4/11/2024"); after the line
rules, the lines just above the body are searched for the first date and the first
"By <Name>" (the byline words come from the language packs).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..rules.prefilter import precheck
from .dates import byline_words, parse_date, placeholders

__all__ = ["find_author", "find_date"]


@lru_cache(maxsize=1)
def _date_rx() -> re.Pattern[str]:
    ph = placeholders()
    return re.compile(rf"(?:{ph['weekday']}\.?,?\s*)?{ph['date']}(?:\s*(?:at|pukul|,|-|\|)?\s*"
                      rf"{ph['time']})?", re.IGNORECASE)


@lru_cache(maxsize=1)
def _author_rx() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in byline_words())
    name = r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|da|bin|binti)){0,3}"
    return re.compile(rf"(?:^|(?<=[\s|•·,(]))(?i:{words})\s*:?\s+(?P<name>{name})")


def find_date(text: str) -> str | None:
    """The first printed date in a header line, as ISO 8601."""
    rx = _date_rx()
    if not precheck(rx.pattern, rx.flags)(text):  # e.g. a line without a digit
        return None
    m = rx.search(text)
    return parse_date(m.group(0)) if m else None


def find_author(text: str) -> str | None:
    """The name after the first byline word ("By Jane Doe" -> "Jane Doe")."""
    m = _author_rx().search(text)
    if not m:
        return None
    name = m.group("name").strip(" .,")
    return name if len(name) >= 3 else None

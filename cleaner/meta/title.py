"""Pick the headline among the lines above the body.

Text dumps carry the headline somewhere above the first paragraph, among menus,
section labels, bylines and "5 min read".  Each candidate (a headline-shaped line the
rules left undecided) is scored on signals that hold for any site and language:

* it shares words with the URL slug (``/read/2024/10/31/123/as-korsel-meminta-...``);
* it repeats the page's first line, which is often the HTML ``<title>`` with the site
  name after a separator ("Headline | Site");
* it sits close to the body (the headline is usually the last one above it);
* it looks like a headline (several capitalised words, no closing full stop).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import unquote, urlsplit

from ..lines import Line

__all__ = ["choose_title"]

_SLUG_WORD = re.compile(r"[^\W\d_]{3,}")
_SEPARATOR = re.compile(r"\s+[|–—:-]\s+|\s*[|»]\s*")
_LOOKBACK = 40
#: a line that is a whole part of the first line (the page's <title>) is the headline
#: far more often than a line that only shares words with the URL
FIRST_LINE_BONUS = 4.0


def _slug_words(url: str | None) -> set[str]:
    if not url:
        return set()
    try:
        path = unquote(urlsplit(url if "//" in url else f"//{url}").path)
    except ValueError:
        return set()
    segments = [s for s in path.split("/") if s]
    if not segments:
        return set()
    last = max(segments[-2:], key=len)  # "/slug/" or "/slug/123"
    return {w.casefold() for w in _SLUG_WORD.findall(last)}


def _shape_ok(ln: Line) -> bool:
    text = ln.text
    return (
        2 <= ln.words <= 30
        and not text.endswith((".", ",", ":", ";"))
        and (text[0].isalnum() or text[0] in "\"'“‘«([")
        and ln.numeric < 0.5
    )


def _parts(first: str) -> set[str]:
    return {p.strip() for p in _SEPARATOR.split(first) if len(p.strip()) > 3}


def choose_title(
    lines: Sequence[Line], candidates: Sequence[int], start: int, url: str | None,
    limit: int | None = None,
) -> int | None:
    """Index of the title line among ``candidates``, or None.

    Candidates lie above ``start`` (the body) or, up to ``limit``, in the first lines
    of the body window (a dump's header block often opens it).  A candidate that is
    a part of the page's first line (its ``<title>``: "Headline | Site") is the
    headline; among several, the one nearest the body.
    """
    limit = start if limit is None else limit
    pool = [i for i in candidates if i < limit and start - i <= _LOOKBACK
            and _shape_ok(lines[i])]
    if not pool:
        return None
    slug = _slug_words(url)
    first = lines[0].lower if lines else ""
    first_parts = _parts(first)
    best, best_score = None, float("-inf")
    for rank, i in enumerate(sorted(pool, key=lambda k: (abs(start - k), -k))):
        ln = lines[i]
        score = 1.0 / (1 + rank)  # nearest to the body first
        score += min(ln.caps, 1.0) * 0.5 + (0.5 if ln.words >= 4 else 0.0)
        if slug:
            words = {w.casefold() for w in _SLUG_WORD.findall(ln.text)}
            score += 3.0 * len(words & slug) / len(slug)
        if i != 0 and (ln.lower in first_parts or ln.lower == first):
            score += FIRST_LINE_BONUS
        elif i != 0 and len(ln.lower) > 15 and ln.lower in first:
            score += 2.0
        if score > best_score:
            best, best_score = i, score
    return best

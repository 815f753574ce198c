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

__all__ = ["agrees_with_first_line", "choose_title", "first_line_title", "vouched"]

_SLUG_WORD = re.compile(r"[^\W\d_]{3,}")
_SEPARATOR = re.compile(r"\s+[|–—:•·⋆-]\s+|\s*[|»]\s*|\s+[•⋆]$")
_LOOKBACK = 40
#: a line that is a whole part of the first line (the page's <title>) is the headline
#: far more often than a line that only shares words with the URL
FIRST_LINE_BONUS = 4.0
#: a line equal to another part of the first line (often the site's or section's name)
OTHER_PART_BONUS = 0.5
#: the first line's headline part is the title without a repeat when it carries at
#: least this share of the URL slug's words
SLUG_SHARE = 0.6


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


def _split_first(first: str, url: str | None) -> tuple[str | None, set[str]]:
    """The headline part of the first line and its other parts.

    The page's ``<title>`` puts the headline first and the site's name after a
    separator ("Headline | Site"), or the other way round when the first part is the
    site (its name is the URL's domain label).
    """
    parts = [p.strip() for p in _SEPARATOR.split(first) if len(p.strip()) > 3]
    if not parts:
        return None, set()
    label = _domain_label(url)
    head = parts[0]
    if label and len(parts) > 1 and re.sub(r"\W", "", head) == label:
        head = parts[1]
    return head, set(parts) - {head}


def _domain_label(url: str | None) -> str:
    if not url:
        return ""
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    except ValueError:
        return ""
    labels = [p for p in host.split(".") if p not in ("www", "m")]
    return max(labels[:-1] or labels, key=len, default="").casefold()


def _agrees(ln: Line, head: str | None, others: set[str], first: str) -> float:
    if head is not None and (ln.lower == head or ln.lower == first):
        return FIRST_LINE_BONUS
    if ln.lower in others:
        return OTHER_PART_BONUS
    if len(ln.lower) > 15 and ln.lower in first:
        return 2.0
    return 0.0


def choose_title(
    lines: Sequence[Line], candidates: Sequence[int], start: int, url: str | None,
    limit: int | None = None,
) -> int | None:
    """Index of the title line among ``candidates``, or None.

    Candidates lie above ``start`` (the body) or, up to ``limit``, in the first lines
    of the body window (a dump's header block often opens it).  A candidate that is
    the headline part of the page's first line (its ``<title>``: "Headline | Site")
    is the headline; among several, the one nearest the body.
    """
    limit = start if limit is None else limit
    pool = [i for i in candidates if i < limit and start - i <= _LOOKBACK
            and _shape_ok(lines[i])]
    if not pool:
        return None
    slug = _slug_words(url)
    first = lines[0].lower if lines else ""
    head, others = _split_first(first, url)
    best, best_score = None, float("-inf")
    for rank, i in enumerate(sorted(pool, key=lambda k: (abs(start - k), -k))):
        ln = lines[i]
        score = 1.0 / (1 + rank)  # nearest to the body first
        score += min(ln.caps, 1.0) * 0.5 + (0.5 if ln.words >= 4 else 0.0)
        if slug:
            words = {w.casefold() for w in _SLUG_WORD.findall(ln.text)}
            score += 3.0 * len(words & slug) / len(slug)
        if i != 0:
            score += _agrees(ln, head, others, first)
        if score > best_score:
            best, best_score = i, score
    return best


def vouched(lines: Sequence[Line], i: int, url: str | None) -> bool:
    """Whether a line inside the body window may be the title: it is the first line's
    headline part, or carries most of the URL slug's words."""
    if i == 0:
        return False  # the first line itself opens the body: it is not vouched for
    return agrees_with_first_line(lines, i, url) or \
        _slug_share(lines[i].text, _slug_words(url)) >= SLUG_SHARE


def agrees_with_first_line(lines: Sequence[Line], i: int, url: str | None) -> bool:
    """Whether line ``i`` is the headline part of the first line."""
    head, _ = _split_first(lines[0].lower, url) if lines else (None, set())
    return i == 0 or lines[i].lower == head


def _slug_share(text: str, slug: set[str]) -> float:
    words = {w.casefold() for w in _SLUG_WORD.findall(text)}
    return len(words & slug) / len(slug) if slug else 0.0


def first_line_title(lines: Sequence[Line], url: str | None,
                     chosen: int | None = None) -> str | None:
    """The headline part of the first line, when the URL's slug vouches for it.

    Dumps made from whole pages open with the ``<title>``; when no line below repeats
    its headline part, that part is the title if it carries most of the slug's words
    and the line :func:`choose_title` found (``chosen``) does not.
    """
    if not lines or not _shape_ok(lines[0]) or lines[0].prose:
        return None
    head, _ = _split_first(lines[0].lower, url)
    slug = _slug_words(url)
    if head is None or not slug or _slug_share(head, slug) < SLUG_SHARE:
        return None
    if chosen is not None and _slug_share(lines[chosen].text, slug) >= SLUG_SHARE:
        return None
    start = lines[0].lower.find(head)
    return lines[0].text[start:start + len(head)] if start >= 0 else None

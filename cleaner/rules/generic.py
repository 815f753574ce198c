"""Generic heuristics that need the whole document, not just one line.

Each returns the indices it marks; the caller records the rule id and reason.  They
know nothing about any site: a teaser is a line ending in an ellipsis whose stem
begins another line; a duplicate repeats an earlier line; a foreign-script line is
written in a script the rest of the document does not use; a headline run is three or
more headline-shaped lines in a row (a list of related links).
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence

from ..lines import LONG_LINE_WORDS, Line
from .registry import ENGINE_RULES

__all__ = ["RULES", "duplicates", "foreign_script", "headline_runs", "teasers"]

#: id -> reason of every generic rule (the engine's rule ids, with what each does, are
#: in :mod:`.registry`)
RULES: dict[str, str] = {rid: r.reason for rid, r in ENGINE_RULES.items()
                         if rid.startswith("generic.")}

_ELLIPSIS = ("...", "…", "..")


def foreign_script(lines: Sequence[Line], candidates: Sequence[int]) -> list[int]:
    """Lines mostly in non-Latin script inside a mostly-Latin document.

    Only Latin-script documents are judged: in a Chinese or Arabic article a Latin
    line is as likely to be a quoted name as chrome.
    """
    low = [i for i in candidates if lines[i].latin < 0.5]
    if not low:  # the common case, decided without the document's average
        return []
    total = sum(len(ln.text) for ln in lines)
    latin = sum(ln.latin * len(ln.text) for ln in lines) / total
    if latin < 0.8:
        return []
    return low


def teasers(lines: Sequence[Line], candidates: Sequence[int]) -> list[int]:
    """Truncated headlines ("Korea Selatan Murka...") whose full form is elsewhere."""
    out = []
    ordered: list[str] | None = None  # the lines' lower case, sorted: prefix search
    for i in candidates:
        low = lines[i].lower
        if not low.endswith(_ELLIPSIS):
            continue
        stem = low.rstrip(".… ").strip()
        if len(stem.split()) < 2:
            continue
        if ordered is None:
            ordered = sorted(ln.lower for ln in lines)
        # every line that starts with the stem sits from bisect_left(stem) on
        for other in itertools.islice(ordered, bisect.bisect_left(ordered, stem), None):
            if not other.startswith(stem):
                break
            if len(other) > len(stem) + 1 and not other.endswith(_ELLIPSIS):
                out.append(i)
                break
    return out


def duplicates(lines: Sequence[Line], candidates: Sequence[int]) -> list[int]:
    """Lines equal (case-folded) to an earlier line of the document.

    Lines under five words ("Tulisan Arab:", "Skor: n/a") repeat inside real articles
    by design (labels, list fields), so they are left to the other rules.
    """
    seen: set[str] = set()
    cand = set(candidates)
    out = []
    for i, ln in enumerate(lines):
        if ln.lower in seen:
            if i in cand and ln.words >= 5:
                out.append(i)
        else:
            seen.add(ln.lower)
    return out


def headline_runs(lines: Sequence[Line], open_: Sequence[int], min_run: int = 3) -> list[int]:
    """Runs of ``min_run``+ headline-shaped, non-prose lines among the ``open_`` lines.

    List items inside an article (numbered, price or score lists, "Label:" lines) do
    not count: related links are titles of four words or more without numbering.

    ``open_`` are the indices not yet decided, in order; lines already dropped between
    them do not break a run (a related list interleaved with timestamps is still a list).
    """
    out: list[int] = []
    run: list[int] = []
    for i in open_:
        ln = lines[i]
        # the cheap tests first: most lines fail them before their shape is computed
        if 4 <= ln.words <= LONG_LINE_WORDS and not ln.enumerated \
                and not ln.text.endswith((".", ",", ";", ":")) \
                and ln.headline and not ln.prose and ln.numeric < 0.15:
            run.append(i)
            continue
        if len(run) >= min_run:
            out.extend(run)
        run = []
    if len(run) >= min_run:
        out.extend(run)
    return out

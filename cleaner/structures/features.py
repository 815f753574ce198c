"""Shallow features of a line and its neighbours, for the learned line model.

Boilerpipe and Web2Text showed that a handful of shallow block features (word count,
stop-word share, capitalisation, link-ish shapes, position) and the same features of the
neighbours separate body from chrome better than any single-line rule.  A text dump has
no markup, so the features here are the ones a line of text has: its length and shape,
the share of the page languages' stop words (from the packs, so no language is built
in), digits and stamps, terminal punctuation, where it sits in the page and in the
provisional body window, the shape of the run it belongs to, and what the rules already
said about it.  Every feature is a float; ``NAMES`` gives their order (the model file
stores its weights by name, so adding a feature never silently shifts the others).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Collection, Sequence
from typing import Any

from ..lines import Line

__all__ = ["NAMES", "line_features"]

# A time (11:05, 09.30) or a year (1999, 2024): the stamp of a teaser or a comment.
_STAMP = re.compile(r"(?<!\d)(?:[0-2]?\d[:.][0-5]\d(?!\d)|(?:19|20)\d\d(?!\d))")
#: stamps, separators and addresses are looked for in a line's first this many
#: characters (where a teaser, a menu or a contact line has them; a long line is prose)
HEAD_CHARS = 160
# Characters that separate menu items or breadcrumbs on one line.
_SEPARATORS = re.compile(r"[|•·»›>/]")
_URLISH = re.compile(r"@|https?:|www\.|\.(?:com|org|net|id|co)\b")
_PUNCT = re.compile(r"[^\w ]")
#: neighbourhood radii (in lines) of the context features
_NEAR, _FAR = 3, 10
#: reasons of pack rules grouped by what they say about the neighbourhood
_REASON_GROUPS = {
    "related": "related", "nav": "nav", "share": "nav", "promo": "nav", "ad": "nav",
    "pagination": "nav", "footer": "end", "comments": "end", "signature": "end",
    "source": "end", "date": "head", "byline": "head", "title": "head", "dateline": "head",
    "caption": "head", "timestamp": "head", "tags": "related", "list-end": "related",
}

NAMES: tuple[str, ...] = (
    "log_words", "words_le3", "words_4_14", "words_ge25", "terminal", "ends_colon",
    "ends_ellipsis", "caps", "numeric", "stops", "prose", "headline", "enumerated",
    "stamp", "punct", "separators", "urlish", "dup",
    "lab_dropped", "lab_meta", "lab_keep", "lab_soft", "grp_related", "grp_nav",
    "grp_end", "grp_head",
    "prev_prose", "next_prose", "near_prose", "far_prose", "near_log_words",
    "near_stops", "run_log", "run_parallel", "dist_prose_log",
    "pos", "prose_before", "prose_after", "in_span", "out_before_log", "out_after_log",
    "doc_log_lines", "doc_prose_share",
    "in_span_x_prose", "in_span_x_terminal", "stops_x_words", "structure",
)


def _stops(ln: Line, stopwords: Sequence[Collection[str]]) -> float:
    toks = ln.lower.split()
    if not toks or not stopwords:
        return 0.0
    return max(sum(map(sw.__contains__, toks)) for sw in stopwords) / len(toks)


def _shape_key(ln: Line) -> tuple[int, bool, bool]:
    """A coarse shape: lines of one list share it (length class, case, final stop)."""
    w = ln.words
    cls = 0 if w <= 3 else 1 if w <= 8 else 2 if w <= 16 else 3
    return cls, ln.text[:1].isupper(), ln.terminal


def _run_lengths(lines: Sequence[Line], ext0: int, ext1: int) -> list[int]:
    """Length of the run of same-shaped lines each line of ``ext0:ext1`` is in (a list is
    a run of one shape); 0 outside that range."""
    shapes = [_shape_key(ln) for ln in lines[ext0:ext1]]
    run_len = [0] * len(lines)
    i, m = 0, len(shapes)
    while i < m:
        j = i
        while j + 1 < m and shapes[j + 1] == shapes[i]:
            j += 1
        for k in range(i, j + 1):
            run_len[ext0 + k] = j - i + 1
        i = j + 1
    return run_len


def _prose_distance(prose: Sequence[float]) -> list[float]:
    """Lines from each line to the nearest prose line (0 for a prose line)."""
    n = len(prose)
    dist = [float(n)] * n
    last = -10 ** 9
    for i in range(n):
        if prose[i]:
            last = i
        dist[i] = float(i - last)
    last = 10 ** 9
    for i in range(n - 1, -1, -1):
        if prose[i]:
            last = i
        dist[i] = min(dist[i], float(last - i))
    return dist


def _prefix(values: Sequence[float]) -> list[float]:
    out = [0.0]
    for v in values:
        out.append(out[-1] + v)
    return out


def _own_columns(sub: Sequence[Line], counts: Counter[str]) -> list[Sequence[float]]:
    """Features of each line on its own (length, ending, case, stamps, separators)."""
    texts = [ln.text for ln in sub]
    heads = [t[:HEAD_CHARS] for t in texts]
    words = [ln.words for ln in sub]
    nonspace = [len(h) - h.count(" ") for h in heads]
    punct = _PUNCT.findall
    stamp, seps, urlish = _STAMP.search, _SEPARATORS.search, _URLISH.search
    return [
        [w <= 3 for w in words], [4 <= w <= 14 for w in words], [w >= 25 for w in words],
        [ln.terminal for ln in sub], [t.endswith(":") for t in texts],
        [t.endswith(("...", "…")) for t in texts], [ln.caps for ln in sub],
        [ln.numeric for ln in sub],
        [ln.headline for ln in sub], [ln.enumerated for ln in sub],
        [stamp(h) is not None for h in heads],
        [len(punct(h)) / c if c else 0.0 for h, c in zip(heads, nonspace, strict=True)],
        [seps(h) is not None for h in heads],
        [urlish(ln.lower, 0, HEAD_CHARS) is not None for ln in sub],
        [counts[ln.lower] > 1 for ln in sub],
    ]


def _label_columns(lab: Sequence[Any]) -> list[Sequence[float]]:
    """What the rules said of each line: its decision, softness and reason group."""
    dec = [lb.decision if lb is not None else "" for lb in lab]
    grp = [_REASON_GROUPS.get(lb.reason, "") if lb is not None else "" for lb in lab]
    return [
        [d == "dropped" for d in dec], [d == "metadata" for d in dec],
        [d == "keep" for d in dec],
        [lb is not None and bool(getattr(lb, "soft", False)) for lb in lab],
        [g == "related" for g in grp], [g == "nav" for g in grp],
        [g == "end" for g in grp], [g == "head" for g in grp],
    ]


def _context_columns(n: int, rows: range, prose: list[float], logw: list[float],
                     stops: list[float], words: Sequence[int]) -> list[Sequence[float]]:
    """Neighbourhood and position: prose around the line, prose before and after it."""
    pre, prew, pres = _prefix(prose), _prefix(logw), _prefix(stops)
    idx_a = [max(0, i - _NEAR) for i in rows]
    idx_b = [min(n, i + _NEAR + 1) for i in rows]
    near = [b - a for a, b in zip(idx_a, idx_b, strict=True)]
    far = [(max(0, i - _FAR), min(n, i + _FAR + 1)) for i in rows]
    pw = [w * p for w, p in zip(words, prose, strict=True)]
    total = sum(pw) or 1.0
    before = [v / total for v in _prefix(pw)[:-1]]
    r0, r1 = rows.start, rows.stop
    return [
        [prose[i - 1] if i > 0 else 0.0 for i in rows],
        [prose[i + 1] if i + 1 < n else 0.0 for i in rows],
        [(pre[b] - pre[a]) / c for a, b, c in zip(idx_a, idx_b, near, strict=True)],
        [(pre[b] - pre[a]) / (b - a) for a, b in far],
        [(prew[b] - prew[a]) / c for a, b, c in zip(idx_a, idx_b, near, strict=True)],
        [(pres[b] - pres[a]) / c for a, b, c in zip(idx_a, idx_b, near, strict=True)],
        before[r0:r1],
        [1.0 - b - v / total for b, v in zip(before[r0:r1], pw[r0:r1], strict=True)],
    ]


def line_features(
    lines: Sequence[Line],
    labels: Sequence[Any],
    stopwords: Sequence[Collection[str]],
    span: tuple[int, int] | None,
    structure: Sequence[float] | None = None,
    rows: range | None = None,
) -> list[list[float]]:
    """One feature vector (in ``NAMES`` order) per line of ``rows`` (default: all).

    ``labels`` are the engine's labels so far (None where no rule decided; otherwise an
    object with ``decision``, ``reason`` and ``soft``); ``span`` the provisional body
    window; ``structure`` the score the structure detectors gave each line (negative:
    chrome-shaped), if they ran.  Features that need a line's own words or shape
    (stop words, runs) are computed for ``rows`` and ``_FAR`` lines either side only:
    the engine asks only about lines near the window.
    """
    n = len(lines)
    if n == 0:
        return []
    rows = rows if rows is not None else range(n)
    r0, r1 = rows.start, rows.stop
    ext0, ext1 = max(0, r0 - _FAR), min(n, r1 + _FAR)
    stops = [0.0] * n
    stops[ext0:ext1] = [_stops(ln, stopwords) for ln in lines[ext0:ext1]]
    prose = [1.0 if ln.prose else 0.0 for ln in lines]
    logw = [math.log1p(ln.words) for ln in lines]
    run_r = _run_lengths(lines, ext0, ext1)[r0:r1]
    dist = _prose_distance(prose)
    sub = lines[r0:r1]
    own = _own_columns(sub, Counter(ln.lower for ln in lines))
    ctx = _context_columns(n, rows, prose, logw, stops, [ln.words for ln in lines])
    s0, s1 = span if span is not None else (n, -1)
    inside = [s0 <= i <= s1 for i in rows]
    prose_r, logw_r, stops_r, term = prose[r0:r1], logw[r0:r1], stops[r0:r1], own[3]
    cols: list[Sequence[float]] = [
        logw_r, *own[:8], stops_r, prose_r, *own[8:],
        *_label_columns(labels[r0:r1]),
        *ctx[:6],
        [math.log1p(r) for r in run_r],
        [r >= 3 and not p for r, p in zip(run_r, prose_r, strict=True)],
        [math.log1p(dist[i]) for i in rows],
        [i / n for i in rows], *ctx[6:], inside,
        [math.log1p(max(0, s0 - i)) for i in rows],
        [math.log1p(max(0, i - s1)) if s1 >= 0 else 0.0 for i in rows],
        [math.log1p(n)] * len(rows), [sum(prose) / n] * len(rows),
        [a and p for a, p in zip(inside, prose_r, strict=True)],
        [a and t for a, t in zip(inside, term, strict=True)],
        [s * lw for s, lw in zip(stops_r, logw_r, strict=True)],
        structure[r0:r1] if structure is not None else [0.0] * len(rows),
    ]
    return [list(map(float, row)) for row in zip(*cols, strict=True)]

"""Stage 3, the body window: per-line scores, the best span, and its three edge fixes.

Each line gets a score (:func:`score_lines`): undecided prose earns its word count,
everything else costs a little (a short line, a subheading) or a lot (chrome, an end
marker).  The window is the best-scoring span (:func:`cleaner.window.best_span`).  Then
three named steps adjust its edges, in this order:

1. :func:`extend_tail`: what directly follows the last paragraph and still belongs
   (an enumerated list, a short closing line, what a line ending in ":" announces);
2. :func:`pull_in_dateline`: a short dateline paragraph just above the window;
3. :func:`skip_standfirst`: a standfirst or stray sentence above a dateline paragraph
   is not body (remembered in ``Doc.pre_body`` for the title stage).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..meta import dateline as dl
from ..thresholds import Thresholds
from ..window import best_span
from .doc import Doc

__all__ = ["extend_tail", "find_window", "opens_with_dateline", "pull_in_dateline", "score_lines",
           "skip_standfirst"]

Span = tuple[int, int]

#: what follows a dateline opens a paragraph when it ends like a sentence or has at
#: least this many words ("JAKARTA - Singkat." does; "JAKARTA - Baca juga:", a
#: two-word marker, does not)
DATELINE_REST_WORDS = 3
_SENTENCE_END = (".", "!", "?", "…", '"', "”", "’", "'", ")")


def score_lines(doc: Doc, th: Thresholds) -> list[float]:
    """One window score per line (see the module docstring)."""
    scores: list[float] = []
    add = scores.append
    # the table's numbers as locals: this loop runs once per line of every page
    cap, headline, short = th.prose_score_cap, th.headline_cost, th.short_line_cost
    keep_min, chrome, meta = th.keep_score_min, th.chrome_cost, th.meta_cost
    meta_default, chrome_default = th.default_meta_cost, th.default_chrome_cost
    run = 0  # consecutive short lines so far: a long run is a menu, not a subheading
    for ln, lb in zip(doc.lines, doc.labels, strict=False):
        if lb is None:
            if ln.prose:
                run = 0
                add(float(min(ln.words, cap)))
            elif ln.enumerated:
                run = 0
                add(0.0)  # list items: neither for nor against
            else:
                run += 1
                add(-max(headline if ln.headline else short, short * run))
        elif lb.decision == "keep":
            add(float(max(ln.words, keep_min)))
        elif lb.decision == "metadata":
            add(-chrome.get(lb.reason, meta.get(lb.reason, meta_default)))
        else:
            add(-chrome.get(lb.reason, chrome_default))
    return scores


def find_window(doc: Doc, th: Thresholds) -> Span | None:
    """The body window ``(start, end)``, inclusive, or None when nothing scores."""
    scores = score_lines(doc, th)
    span = best_span(scores)
    if span is None:
        return None
    start, end = span
    end = extend_tail(doc, end, th)
    start = pull_in_dateline(doc, start)
    start = skip_standfirst(doc, start, end, th, scores)
    return start, end


def extend_tail(doc: Doc, end: int, th: Thresholds) -> int:
    """Pull into the body what directly follows its last paragraph and still belongs.

    Two shapes, neither tied to a language, tried in turn until neither applies:
    an enumerated list ("1. ...", "* ...") with an optional lead-in line, and a short
    closing line ("Semoga bermanfaat.", a one-line quote, what a line ending in ":"
    announces).  Anything already labelled stops the extension.
    """
    lines, labels = doc.lines, doc.labels
    n = len(lines)
    limit = min(n, end + th.tail_reach)
    while end + 1 < limit:
        j = end + 1
        if labels[j] is not None:
            break
        k = j + 1 if not lines[j].enumerated else j
        run = k
        while run < n and labels[run] is None and lines[run].enumerated \
                and lines[run].words <= th.tail_list_item_words:
            run += 1
        if run - k >= th.tail_list_items:
            end = run - 1
            continue
        ln = lines[j]
        if lines[end].text.endswith(":") and not ln.headline:
            end = j  # what a lead-in line ("Harganya sebagai berikut:") announces
            continue
        if ln.headline or ln.words > th.tail_line_words \
                or not (ln.terminal or ln.text[:1] in "\"“'‘«"):
            break
        end = j
    return end


def opens_with_dateline(text: str, names: tuple[str, ...]) -> bool:
    """Whether a line opens with a dateline and goes on with text after it.

    A line that is only a dateline and a mark ("TEMPO.CO - »", a link to the outlet's
    home page) or a marker ("JAKARTA - Baca juga:") opens no paragraph: starting the
    body there dropped the paragraph above it, and cleaning the cleaned text then kept
    only that line.
    """
    hit = dl.find_inline(text, names)
    if hit is None:
        return False
    rest = text[len(hit[1]):].strip()
    # a sentence follows: it ends like one, or it is long enough to be one (not a
    # marker such as "Baca juga:" glued to the dateline)
    return any(ch.isalnum() for ch in rest) and (
        rest.endswith(_SENTENCE_END) or len(rest.split()) >= DATELINE_REST_WORDS)


def pull_in_dateline(doc: Doc, start: int) -> int:
    """A dateline opens the article even when its paragraph is short
    ("JAKARTA, Contoh.com - Singkat."); without this, cleaning the cleaned text would
    drop it."""
    if start > 0 and doc.labels[start - 1] is None \
            and opens_with_dateline(doc.lines[start - 1].text, doc.names):
        return start - 1
    return start


def skip_standfirst(doc: Doc, start: int, end: int, th: Thresholds,
                    scores: Sequence[float]) -> int:
    """Start at the dateline paragraph when at most ``th.standfirst_lines`` undecided
    lines stand before it in the window (a standfirst, a stray sentence).

    Only when the window from the dateline paragraph on scores above zero and the
    lines below it stand on their own (their running score never falls to zero, so the
    window of the cleaned text is the same lines and ``pull_in_dateline`` takes the
    dateline paragraph again): otherwise the body would be lost when the cleaned text
    is cleaned again.
    """
    names = doc.names
    prose_seen: list[int] = []
    for i in range(start, min(end + 1, start + th.standfirst_reach)):
        if doc.labels[i] is not None:
            continue
        if opens_with_dateline(doc.lines[i].text, names):
            # (the first dateline paragraph is the body's opening: a line that opens
            # with one is no standfirst, even when a second one follows)
            if prose_seen and len(prose_seen) <= th.standfirst_lines \
                    and sum(scores[i:end + 1]) > 0 and _stands(scores, i + 1, end):
                doc.pre_body = prose_seen
                start = i
            break
        prose_seen.append(i)
        if len(prose_seen) > th.standfirst_lines:
            break
    return start


def _stands(scores: Sequence[float], first: int, last: int) -> bool:
    """Whether the lines ``first..last`` form a window of their own: Kadane's running
    sum over them never falls to zero or below (an empty run stands)."""
    run = 0.0
    for s in scores[first:last + 1]:
        run += s
        if run <= 0:
            return False
    return True

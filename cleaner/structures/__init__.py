"""Structure around the article: lists, comments, tag clouds, furniture, and the line model.

Two stages the engine runs around the body window, each a function of the lines and the
labels so far that returns per-line decisions (rule id, reason) and never text:

* :func:`.shapes.detect` (before the window) finds shapes that are chrome wherever they
  are: runs of parallel-shaped lines with a header or closer (lists of other articles),
  stamp-led teaser items, comment sections, tag clouds.  It labels them as *soft* drops
  (the window or the model may still vouch for a line) with a ``generic.*`` rule id.
* :func:`refine` (after the window) lets the learned line model
  (:mod:`.linemodel`) overturn the window where it is confident: a line inside the
  window the model calls chrome is dropped, a line below it the model calls body is
  kept.  Every such decision is ``generic.linemodel`` (or the soft rule already on the
  line) and its note names the features that decided.

:func:`.pagekind.page_kind` says what kind of page the lines come from.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..lines import Line
from ..meta import dateline as dl
from .features import line_features
from .linemodel import LineModel, default_model
from .pagekind import page_kind
from .shapes import detect

__all__ = ["Refinement", "default_model", "detect", "page_kind", "refine"]

#: rule id of a decision the line model made
MODEL_RULE = "generic.linemodel"
#: the model was trained on whole-page dumps (menus, lists, footers around the article);
#: a text of fewer lines is an article already cut out, where it has nothing to find
MIN_PAGE_LINES = 20
#: the model runs only where the provisional window leaves at least this many lines
#: out: a page dump has a header, menus and a footer around the article; a text that is
#: nearly all window is an article already cut out, whose short lines (list items, a
#: figure, a recipe step) the model, trained on whole pages, would take for chrome
MIN_CHROME_LINES = 10
#: inside the window, a line of running prose that ends like a sentence is dropped
#: only below this probability (stricter than the model's ``drop_below``): on article
#: text with no page around it (an Indonesian corpus without profiles) the model's
#: doubts about a body sentence are mostly wrong, and a lost sentence costs more than a
#: kept blurb
PROSE_DROP_BELOW = 0.1
#: a line inside the window goes only in a run of this many the model drops (or at an
#: edge of the window): a stray short line mid-article is not worth moving the edges for
MIN_DROP_RUN = 3
#: a dateline paragraph this many lines into the window protects the lines above it
DATELINE_REACH = 12
#: the model judges the window and this many lines either side of it: the body it
#: finds outside the window is a paragraph or two next to it, not a page away
MODEL_REACH = 25


@dataclass(slots=True)
class Refinement:
    """What :func:`refine` decided: per-line overrides, notes, the body's new extent."""

    overrides: dict[int, tuple[str, str, str]] = field(default_factory=dict)
    notes: dict[int, str] = field(default_factory=dict)
    span: tuple[int, int] | None = None
    probabilities: list[float] = field(default_factory=list)


def _candidate(lb: Any) -> bool:
    return lb is None or (lb.decision == "dropped" and lb.soft)


def _droppable(lines: Sequence[Line], labels: Sequence[Any], p: Sequence[float], s0: int,
               s1: int, lo: float) -> set[int]:
    """The lines inside the window the model may drop: below its bar (a stricter one for
    a body sentence), in a run of ``MIN_DROP_RUN`` such lines or at an edge of the window.

    An isolated short line in the middle of the body ("0", a one-word subheading) stays:
    little is gained by dropping it, and taking it out can move the window's edges when
    the cleaned text is cleaned again.
    """
    # the window's start rules (a standfirst before a dateline paragraph is not body)
    # own the lines up to the first dateline paragraph: dropping one of them would
    # change what those rules see when the cleaned text is cleaned again
    first = max(s0, 0)
    for k in range(first, min(s1 + 1, first + DATELINE_REACH)):
        if labels[k] is None and dl.find_inline(lines[k].text):
            first = k + 1
            break
    want = [i for i in range(first, s1 + 1) if _candidate(labels[i]) and p[i] < (
        PROSE_DROP_BELOW if lines[i].prose and lines[i].terminal else lo)]
    out: set[int] = set()
    run: list[int] = []
    for i in [*want, -1]:
        if run and (i < 0 or any(_candidate(labels[k]) for k in range(run[-1] + 1, i))):
            # the run ended (a line the model keeps lies between)
            if len(run) >= MIN_DROP_RUN or run[0] == first or run[-1] == s1:
                out.update(run)
            run = []
        if i >= 0:
            run.append(i)
    return out


def refine(
    lines: Sequence[Line],
    labels: Sequence[Any],
    span: tuple[int, int] | None,
    stopwords: Sequence[Collection[str]],
    model: LineModel | Any,
    structure: Sequence[float] | None = None,
) -> Refinement:
    """The line model's verdict on the lines no hard rule decided.

    ``model`` needs ``score(features) -> (probabilities, inputs)``, ``explain(inputs)``,
    ``drop_below`` and ``keep_above``.  A line inside ``span`` whose probability is below
    ``drop_below`` is dropped; a line below it at or above ``keep_above`` is kept, and
    the span grows to take it in (so the metadata stages see where the body is); lines
    the grown span newly covers that the model does not keep are dropped.
    """
    out = Refinement(span=span)
    if not lines or span is None:
        return out  # no window: nothing to refine (the model finds no body of its own)
    n = len(lines)
    s0, s1 = span if span is not None else (n, -1)
    if span is not None and n - (s1 - s0 + 1) < MIN_CHROME_LINES:
        return out  # the window is nearly the whole text: an article, not a page
    rows = range(max(0, s0 - MODEL_REACH), min(n, s1 + MODEL_REACH + 1)) \
        if span is not None else range(n)
    x = line_features(lines, labels, stopwords, span, structure, rows)
    got, x2r = model.score(x)
    # probabilities and inputs by line index (lines out of reach: never body)
    p = [0.0] * n
    p[rows.start:rows.stop] = got
    x2: list[Any] = [None] * n
    x2[rows.start:rows.stop] = x2r
    out.probabilities = p
    lo, hi = model.drop_below, model.keep_above
    # body the window left out is looked for below it only: above it are the title and
    # standfirst, which the window's edge rules keep out on purpose (and cleaning the
    # cleaned text again must give the same text)
    keep_out = [i for i in rows if labels[i] is None and i > s1 and p[i] >= hi]
    n0 = min([s0, *keep_out]) if keep_out or span else None
    n1 = max([s1, *keep_out]) if keep_out or span else None
    if n0 is None or n1 is None or n1 < n0:
        return out
    out.span = (n0, n1)
    drops = _droppable(lines, labels, p, s0, s1, lo)
    for i in range(n0, n1 + 1):
        lb = labels[i]
        if not _candidate(lb):
            continue
        inside = s0 <= i <= s1
        if inside and i in drops:
            rule, reason = (MODEL_RULE, "chrome") if lb is None else (lb.rule, lb.reason)
            out.overrides[i] = ("dropped", rule, reason)
        elif not inside and lb is None and p[i] >= hi:
            out.overrides[i] = ("kept", MODEL_RULE, "body")
        elif not inside:
            rule, reason = (MODEL_RULE, "chrome") if lb is None else (lb.rule, lb.reason)
            out.overrides[i] = ("dropped", rule, reason)
        else:
            continue
        out.notes[i] = f"p={p[i]:.2f} {model.explain(x2[i])}"
    return out

"""Stage 2, structures: rules that look at several lines at once.

In order: the generic multi-line rules of :mod:`cleaner.rules.generic` (foreign script,
teasers, duplicates), the items a list header takes, runs of headline-shaped lines, and
the profile's hard cuts (``cut_after`` / ``cut_before``).  Each step only labels lines
still undecided (the cuts excepted: a cut is a cut), and each is a function of its own.
"""

from __future__ import annotations

from ..rules import generic
from .doc import Doc, Label

__all__ = ["END_MARKERS", "apply", "apply_cuts", "mark_generic", "mark_headline_runs",
           "take_list_items"]

#: metadata reasons that mark the end of an article (agency credit, editor initials):
#: a ``cut_after`` leaves them standing, and the metadata stage looks for them below
#: the body
END_MARKERS = ("signature", "source")
#: the generic rules over the undecided lines, in order; "soft" ones are dropped only
#: outside the body window (an Arabic verse quoted inside an Indonesian article)
_GENERIC = (
    ("generic.foreign-script", generic.foreign_script, True),
    ("generic.teaser", generic.teasers, False),
    ("generic.duplicate", generic.duplicates, False),
)


def apply(doc: Doc) -> None:
    """Run every structural step on ``doc``, in order."""
    mark_generic(doc)
    take_list_items(doc)
    mark_headline_runs(doc)
    apply_cuts(doc)


def mark_generic(doc: Doc) -> None:
    """Foreign-script lines, teasers of other articles and duplicated lines."""
    labels, off = doc.labels, doc.disabled
    open_ = [i for i, lb in enumerate(labels) if lb is None]
    for rid, fn, soft in _GENERIC:
        if rid in off or (rid == "generic.teaser" and not doc.ellipsis):
            continue
        marked = fn(doc.lines, open_)
        for i in marked:
            labels[i] = Label("dropped", rid, generic.RULES[rid], soft=soft)
        if marked:
            open_ = [i for i in open_ if labels[i] is None]


def take_list_items(doc: Doc) -> None:
    """A related-list header takes the short, non-prose lines that follow it.

    Lines other rules dropped inside the list (timestamps, teasers) do not end it;
    any other decided line, or a prose line, does.
    """
    lines, labels = doc.lines, doc.labels
    for i, lb in enumerate(labels):
        if lb is None or not lb.list_header:
            continue
        for j in range(i + 1, len(lines)):
            lj = labels[j]
            if lj is not None:
                if lj.decision == "dropped" and not lj.list_header:
                    continue
                break
            if lines[j].prose:
                break
            labels[j] = Label("dropped", lb.rule, lb.reason)


def mark_headline_runs(doc: Doc) -> None:
    """Runs of headline-shaped lines (other articles' titles), soft: the window decides."""
    if "generic.headline-run" in doc.disabled:
        return
    labels = doc.labels
    runs = generic.headline_runs(doc.lines, [i for i, lb in enumerate(labels) if lb is None])
    for i in runs:
        labels[i] = Label("dropped", "generic.headline-run", "related", soft=True)


def apply_cuts(doc: Doc) -> None:
    """The profile's hard cuts: everything after a ``cut_after`` marker (but the end
    markers), everything before a ``cut_before`` marker (but metadata)."""
    labels = doc.labels
    if doc.cut_after is not None and doc.cut_rule is not None:
        rule = doc.cut_rule
        for j in range(doc.cut_after + 1, len(doc.lines)):
            lj = labels[j]
            if lj is not None and lj.decision == "metadata" and lj.reason in END_MARKERS:
                continue
            labels[j] = Label("dropped", rule.id, rule.reason)
    if doc.cut_before is not None and doc.cut_before_rule is not None:
        rule = doc.cut_before_rule
        for j in range(doc.cut_before):
            lj = labels[j]
            if lj is None or lj.decision != "metadata":
                labels[j] = Label("dropped", rule.id, rule.reason)

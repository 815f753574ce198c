"""Stage 4, decisions: one final ``(decision, rule, reason)`` per line, and the facts the
usable metadata lines lifted.

An undecided line is body inside the window and page header or footer outside it.
A soft drop inside the window is body (the window vouches for it).  A metadata line
gives its facts only where such a fact can be: header facts in the lines just above
the body, end markers (agency credit, editor initials) at or just below its end.
"""

from __future__ import annotations

from ..thresholds import Thresholds
from .doc import Doc, Final, Found, Label
from .structures import END_MARKERS

__all__ = ["HEADER_FIELDS", "decide"]

#: facts a page states in its header, above the body (a date deep inside is text)
HEADER_FIELDS = ("title", "description", "published", "author")

_BODY: Final = ("kept", "generic.window", "body")
_BEFORE: Final = ("dropped", "generic.window.before", "header")
_AFTER: Final = ("dropped", "generic.window.after", "footer")


def decide(doc: Doc, span: tuple[int, int] | None, th: Thresholds) -> tuple[list[Final], Found]:
    """The final decision of every line, and the facts the metadata lines give."""
    n = len(doc.lines)
    start, end = span if span is not None else (n, n - 1)
    found: Found = {}
    final: list[Final] = []
    for i, lb in enumerate(doc.labels):
        if lb is None:
            final.append(_BODY if start <= i <= end else _BEFORE if i < start else _AFTER)
        elif lb.decision == "keep":
            final.append(("kept", lb.rule, "body"))
        elif lb.decision == "dropped":
            # e.g. an Arabic verse inside an Indonesian article: the window vouches for
            # it; outside the window it stays dropped
            final.append(_BODY if lb.soft and start <= i <= end
                         else ("dropped", lb.rule, lb.reason))
        else:
            final.append(_metadata(doc, i, lb, span, start, end, th, found))
    return final, found


def _metadata(doc: Doc, i: int, lb: Label, span: tuple[int, int] | None, start: int,
              end: int, th: Thresholds, found: Found) -> Final:
    """A metadata line: its facts noted where usable, else dropped (or body)."""
    fields = lb.fields or {}
    usable = (i <= end or lb.reason in END_MARKERS) if span is not None else True
    if lb.reason in END_MARKERS and span is not None and i > end + th.end_marker_reach:
        usable = False
    trusted = lb.rule in doc.profile_meta  # the outlet's own credit-line format
    if not trusted and any(f in fields for f in HEADER_FIELDS):
        # header facts sit above the body; inside it, a date is text (and deciding by
        # "inside" keeps cleaning the cleaned text a no-op)
        top = span is None or start - th.head_reach <= i < max(start, 1)
        if start <= i <= end and "author" not in fields and "title" not in fields:
            return _BODY  # a date or name deep inside the article is text, not the byline
        usable = usable and top
    if not usable:
        return ("dropped", lb.rule, lb.reason)
    for name, value in fields.items():
        if value:
            found.setdefault(name, []).append((i, value.strip()))
    return ("metadata", lb.rule, lb.reason)

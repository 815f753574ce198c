"""Stage 6, extracted-text mode: the engine's own behaviour when its input is the main
text an extractor (trafilatura, on the HTML path) already cut out of a page.

The earlier stages are built for dumps, where everything above the first run of prose
is page header.  An extractor's text starts at the article, so in this mode:

* lines dropped only for standing above the body (``generic.window.before``) are kept,
  as ``html.extracted``: they are headings, lists and short openings of the article;
* when the window kept less than ``Thresholds.extracted_fallback_share`` of the words,
  lines dropped only for standing below it (``generic.window.after``) are kept too;
* a line the title stage chose (``generic.title``) stays in the body unless it is the
  title the page declares; the declared title repeated above the first body line is
  metadata (``html.title``);
* then the facts the page declares win over guesses from lines for title and dates,
  and the outlet profile's own selectors win over everything (:func:`declared_wins`).

Every decision made by a rule (profile, pack, generic) stands.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..article import LineDecision
from ..thresholds import Thresholds

__all__ = ["Declared", "declared_wins", "revise"]

_WINDOW_RULES = frozenset({"generic.window.before", "generic.window.after"})


@dataclass(frozen=True, slots=True)
class Declared:
    """What a page says of itself (``meta``: ``<title>``, ``<meta>``, JSON-LD) and what
    the outlet profile's selectors found in it (``forced``)."""

    meta: Mapping[str, Any] = field(default_factory=dict)
    forced: Mapping[str, Any] = field(default_factory=dict)
    #: the ``meta`` fields that were guessed (htmldate), not declared by the page
    guessed: frozenset[str] = frozenset()

    @property
    def title(self) -> str | None:
        return self.forced.get("title") or self.meta.get("title")


def _same_text(a: str, b: str) -> bool:
    return a.casefold().split() == b.casefold().split()


def revise(decisions: Sequence[LineDecision], paragraphs: Sequence[str], declared_title:
           str | None, th: Thresholds) -> tuple[tuple[LineDecision, ...], tuple[str, ...]]:
    """The decisions and paragraphs of extracted text (see the module docstring)."""
    words = [len(d.text.split()) for d in decisions]
    total = sum(words)
    kept = sum(w for w, d in zip(words, decisions, strict=True) if d.decision == "kept")
    restore = {"generic.window.before"}
    if total and kept < th.extracted_fallback_share * total:
        restore |= _WINDOW_RULES
    dump_paras = iter(paragraphs)  # may differ from the line (strip_dateline)
    body_seen = False
    lines: list[LineDecision] = []
    out: list[str] = []
    for d in decisions:
        if d.decision == "kept":
            para = next(dump_paras, d.text)
            if not body_seen and declared_title and _same_text(d.text, declared_title):
                # the headline repeated at the top of the text: metadata, not body
                d = LineDecision(d.n, d.text, "metadata", "html.title", "title")
            else:
                out.append(para)
                body_seen = True
        elif (d.decision == "dropped" and d.rule in restore) or (
            d.rule == "generic.title" and declared_title
            and not _same_text(d.text, declared_title)
        ):
            d = LineDecision(d.n, d.text, "kept", "html.extracted", "body")
            out.append(d.text)
        lines.append(d)
    return tuple(lines), tuple(out)


def declared_wins(fields: dict[str, Any], declared: Declared) -> None:
    """Declared page facts win over guesses from lines for title, dates and author; the
    profile's own selectors win over everything (``fields`` are the Article's).  A
    guessed date yields to the lines' when both name the same day (the lines printed
    the time too)."""
    meta, forced = declared.meta, declared.forced
    for name in ("title", "published", "modified", "author"):
        mine = fields.get(name)
        if name in declared.guessed and not forced.get(name) and mine \
                and str(mine)[:10] == str(meta.get(name))[:10]:
            continue
        value = forced.get(name) or meta.get(name)
        if value:
            fields[name] = value
    for name in ("author", "captions"):
        if forced.get(name):
            fields[name] = forced[name]
    if not fields["captions"] and meta.get("captions"):
        fields["captions"] = meta["captions"]

"""The result of cleaning one document: a frozen :class:`Article`.

``Article.to_dict()`` is the JSONL record (datatrove-compatible: ``id``, ``text``,
``metadata``).  Per-line decisions live in ``Article.lines`` so every removal can be
explained; they are left out of the record unless asked for (``keep_removed``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

from .spans import Span

__all__ = ["Article", "LineDecision"]

Decision = Literal["kept", "dropped", "metadata"]


class LineDecision(NamedTuple):
    """What happened to one non-empty input line.

    ``n`` is the 1-based line number in the input (after splitting on any line break),
    ``text`` the whitespace-normalised line, ``rule`` the id of the rule that decided
    and ``reason`` its category (``nav``, ``related``, ``ad``, ``promo``, ``share``,
    ``footer``, ``caption``, ``title``, ``date``, ``byline``, ``duplicate``, ...).
    Kept body lines have ``reason == "body"`` (``"body; <rule id> unbounded"`` when a
    span rule found its marker in the line but no shape bounded the span, so the line
    was left whole).  ``spans`` are the pieces cut out of a kept line
    (:class:`cleaner.spans.Span`: offsets in ``text``, the text, rule id, reason); the
    paragraph is ``text`` without them.

    A named tuple rather than a frozen dataclass: one is made for every line of every
    page, and a tuple is made in half the time.
    """

    n: int
    text: str
    decision: Decision
    rule: str
    reason: str
    spans: tuple[Span, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "n": self.n,
            "text": self.text,
            "decision": self.decision,
            "rule": self.rule,
            "reason": self.reason,
        }
        if self.spans:  # (absent when none: records without spans stay as they were)
            out["spans"] = [sp.to_dict() for sp in self.spans]
        return out


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article: body paragraphs plus the facts lifted out of the page.

    Every paragraph is one input line, whitespace-normalised, with zero or more spans
    of chrome cut out of it (``LineDecision.spans``); nothing is invented.
    ``published`` is ISO 8601 (``2024-10-25T15:40:00+07:00``, or ``2024-10-31`` when only
    the date is known).  ``author`` is the writers, comma-separated as printed;
    ``editor`` and ``photographer`` are the names a credit line gives those roles
    (``Editor: ...``, ``Foto: ...``), kept apart from the writers.  ``profile`` is
    ``"id@version"`` of the outlet profile used, or None when only generic heuristics ran.
    """

    paragraphs: tuple[str, ...] = ()
    id: str | None = None
    url: str | None = None
    title: str | None = None
    description: str | None = None
    published: str | None = None
    modified: str | None = None
    author: str | None = None
    editor: tuple[str, ...] = ()
    photographer: tuple[str, ...] = ()
    dateline: str | None = None
    signature: str | None = None
    sources: tuple[str, ...] = ()
    captions: tuple[str, ...] = ()
    outlet: str | None = None
    profile: str | None = None
    language: str | None = None
    site_name: str | None = None
    canonical_url: str | None = None
    encoding: str | None = None
    warnings: tuple[str, ...] = ()
    lines: tuple[LineDecision, ...] = field(default=(), repr=False)
    #: "article", "listing", "gallery", "forum", "product" or "other" (cleaner.structures)
    page_kind: str | None = None
    page_kind_confidence: float | None = None
    #: (line number, why) for lines a learned model decided: the features that decided
    notes: tuple[tuple[int, str], ...] = field(default=(), repr=False)

    @property
    def text(self) -> str:
        """Body paragraphs joined by newlines."""
        return "\n".join(self.paragraphs)

    @property
    def removed(self) -> dict[str, int]:
        """Number of dropped lines and of spans cut out of kept lines, per reason,
        sorted by reason."""
        counts = Counter(d.reason for d in self.lines if d.decision == "dropped")
        for d in self.lines:
            if d.spans:
                counts.update(sp.reason for sp in d.spans)
        return dict(sorted(counts.items()))

    def to_dict(self, *, keep_removed: bool = False) -> dict[str, Any]:
        """The JSONL record: ``{"id", "text", "metadata": {...}}``.

        With ``keep_removed`` the per-line decisions are added as ``metadata.lines``.
        """
        metadata: dict[str, Any] = {
            "url": self.url,
            "outlet": self.outlet,
            "title": self.title,
            "description": self.description,
            "published": self.published,
            "modified": self.modified,
            "author": self.author,
            "editor": list(self.editor),
            "photographer": list(self.photographer),
            "dateline": self.dateline,
            "signature": self.signature,
            "sources": list(self.sources),
            "captions": list(self.captions),
            "language": self.language,
            "profile": self.profile,
            "site_name": self.site_name,
            "canonical_url": self.canonical_url,
            "encoding": self.encoding,
            "warnings": list(self.warnings),
            "removed": self.removed,
            "page_kind": self.page_kind,
            "page_kind_confidence": None if self.page_kind_confidence is None
            else round(self.page_kind_confidence, 3),
        }
        if keep_removed:
            metadata["lines"] = [d.to_dict() for d in self.lines]
        return {"id": self.id, "text": self.text, "metadata": metadata}

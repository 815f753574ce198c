"""The state of one document as it goes through the stages."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..lines import Line
from ..profiles import Profile
from ..rules.matcher import Rule

__all__ = ["Doc", "Final", "Found", "Label"]

#: a line's final decision: (decision, rule id, reason)
Final = tuple[str, str, str]
#: the facts metadata lines lifted, by field: (line index, value) in line order
Found = dict[str, list[tuple[int, str]]]


@dataclass(slots=True)
class Label:
    """A decision in progress for one line (``None`` in ``Doc.labels``: not decided yet)."""

    decision: str  # "dropped", "metadata" or "keep" (forced by a profile)
    rule: str
    reason: str
    fields: dict[str, str] | None = None  # facts a metadata rule lifted out
    list_header: bool = False  # a list_after match: takes the short lines after it
    soft: bool = False  # dropped only outside the body window (foreign script, runs)


@dataclass(slots=True)
class Doc:
    """One document: its lines, their labels, and what the stages found on the way."""

    lines: list[Line]
    labels: list[Label | None]
    profile: Profile | None
    disabled: frozenset[str]
    cut_after: int | None = None
    cut_rule: Rule | None = None
    cut_before: int | None = None
    cut_before_rule: Rule | None = None
    profile_meta: frozenset[str] = frozenset()
    #: whether a line can end in ".." or "…": without one, no line is a teaser
    ellipsis: bool = True
    #: a standfirst or stray sentences the window start skipped (:func:`.body.skip_standfirst`)
    pre_body: list[int] = field(default_factory=list)

    @property
    def names(self) -> tuple[str, ...]:
        """The outlet's names a dateline may carry ("JAKARTA, KOMPAS.com -")."""
        if self.profile is None:
            return ()
        return tuple(n for n in (self.profile.name, self.profile.id) if n)

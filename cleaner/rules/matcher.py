"""Compile whole-line rules from profiles and language packs into fast matchers.

A rule matches a normalised line in one of four ways:

* ``exact``: the whole line equals ``text``;
* ``prefix``: the line starts with ``text``;
* ``contains``: ``text`` occurs anywhere in the line;
* ``regex``: ``pattern`` matches the whole line (``re.fullmatch``).

Matching is case-insensitive unless the rule says ``case_sensitive = true``.  All rules
of one kind are merged into one dictionary or one alternation regex, so a line costs
one lookup per kind, not one per rule.  Within a rule set, ``exact`` beats ``prefix``,
``prefix`` beats ``contains`` and ``contains`` beats ``regex``; among rules of one kind the
first in the file wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

__all__ = ["MATCH_KINDS", "Rule", "RuleSet"]

MATCH_KINDS = ("exact", "prefix", "contains", "regex")
#: ``regex`` and ``contains`` rules skip lines longer than this unless the rule sets its
#: own ``max_words``: chrome lines are short, and scanning every paragraph with every
#: pattern is where the time would go.
DEFAULT_MAX_WORDS = 80


@dataclass(frozen=True, slots=True)
class Rule:
    """One whole-line rule, as read from a profile or a language pack.

    ``action`` is what the rule does to a matching line (``drop``, ``keep``,
    ``cut_after``, ``cut_before``, ``list_after``); ``reason`` the category recorded
    for it; ``source`` the file it came from (for error messages and ``explain``).
    """

    id: str
    action: str
    match: str
    text: str
    reason: str
    case_sensitive: bool = False
    max_words: int | None = None
    source: str = ""
    requires: tuple[str, ...] | None = None


def _group(i: int) -> str:
    return f"_r{i}"


@dataclass(slots=True)
class RuleSet:
    """A compiled, immutable set of rules; ``find(line, lower)`` returns the first match."""

    rules: tuple[Rule, ...]
    _exact: dict[str, Rule] = field(default_factory=dict)
    _exact_cs: dict[str, Rule] = field(default_factory=dict)
    _combined: list[tuple[re.Pattern[str], bool, str, list[Rule], int | None]] = field(
        default_factory=list)
    _guarded: list[tuple[Rule, re.Pattern[str]]] = field(default_factory=list)

    @classmethod
    def compile(cls, rules: Iterable[Rule]) -> RuleSet:
        rules = tuple(rules)
        rs = cls(rules=rules)
        by_kind: dict[tuple[str, bool], list[Rule]] = {}
        for rule in rules:
            if rule.requires is not None:
                # A rule with a cheap pre-check is tried on its own, after the merged ones.
                rs._guarded.append((rule, _alternation(rule.match, [rule], rule.case_sensitive)))
                continue
            if rule.match == "exact":
                table = rs._exact_cs if rule.case_sensitive else rs._exact
                key = rule.text if rule.case_sensitive else rule.text.casefold()
                table.setdefault(key, rule)
            else:
                by_kind.setdefault((rule.match, rule.case_sensitive), []).append(rule)
        for kind in ("prefix", "contains", "regex"):
            for cs in (True, False):
                group = by_kind.get((kind, cs))
                if group:
                    cap = None if kind == "prefix" else max(
                        r.max_words if r.max_words is not None else DEFAULT_MAX_WORDS
                        for r in group)
                    rs._combined.append((_alternation(kind, group, cs), cs, kind, group, cap))
        return rs

    def find(self, text: str, lower: str, words: int | None = None) -> Rule | None:
        """The first rule matching this line (``lower`` is ``text.casefold()``,
        ``words`` its word count if known, to skip patterns meant for short lines)."""
        rule = self._exact_cs.get(text) or self._exact.get(lower)
        if rule is not None and _fits(rule, text):
            return rule
        for pattern, cs, kind, group, cap in self._combined:
            if cap is not None and words is not None and words > cap:
                continue
            subject = text if cs or kind == "regex" else lower
            m = pattern.fullmatch(subject) if kind == "regex" else pattern.match(subject)
            if m is None:
                continue
            name = m.lastgroup
            if name is None:  # pragma: no cover - every alternative is a named group
                continue
            rule = group[int(name[2:])]
            if _fits(rule, text):
                return rule
            # A too-long line matched the first alternative: try the others one by one.
            for other in group:
                if other is not rule and _fits(other, text) and _single(kind, other, subject):
                    return other
        for rule, pattern in self._guarded:
            if rule.requires is None or not any(k in lower for k in rule.requires):
                continue
            if not _fits(rule, text):
                continue
            if rule.match == "exact":
                if (text if rule.case_sensitive else lower) == (
                        rule.text if rule.case_sensitive else rule.text.casefold()):
                    return rule
            elif _single(rule.match, rule, text if rule.case_sensitive or rule.match == "regex"
                         else lower):
                return rule
        return None

    def __len__(self) -> int:
        return len(self.rules)

    def __iter__(self):
        return iter(self.rules)


def _fits(rule: Rule, text: str) -> bool:
    if rule.max_words is None:
        return rule.match in ("exact", "prefix") or len(text.split()) <= DEFAULT_MAX_WORDS
    return len(text.split()) <= rule.max_words


def _single(kind: str, rule: Rule, subject: str) -> bool:
    return _alternation(kind, [rule], rule.case_sensitive).search(subject) is not None if \
        kind == "contains" else (
            _alternation(kind, [rule], rule.case_sensitive).fullmatch(subject) is not None
            if kind == "regex" else subject.startswith(
                rule.text if rule.case_sensitive else rule.text.casefold()))


def _alternation(kind: str, group: Sequence[Rule], case_sensitive: bool) -> re.Pattern[str]:
    parts = []
    for i, rule in enumerate(group):
        if kind == "regex":
            body = rule.text
        else:
            body = re.escape(rule.text if case_sensitive else rule.text.casefold())
        parts.append(f"(?P<{_group(i)}>{body})")
    joined = "|".join(parts)
    if kind == "contains":
        joined = f".*?(?:{joined})"
    flags = 0 if case_sensitive or kind != "regex" else re.IGNORECASE
    return re.compile(f"(?:{joined})", flags | re.DOTALL)

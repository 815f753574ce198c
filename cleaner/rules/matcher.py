"""Compile whole-line rules from profiles and language packs into fast matchers.

A rule matches a normalised line in one of four ways:

* ``exact``: the whole line equals ``text``;
* ``prefix``: the line starts with ``text``;
* ``contains``: ``text`` occurs anywhere in the line;
* ``regex``: ``pattern`` matches the whole line (``re.fullmatch``).

Matching is case-insensitive unless the rule says ``case_sensitive = true``.  All rules
of one kind are merged into one dictionary or one alternation regex, so a line costs
one lookup per kind, not one per rule.

Which rule of a :class:`RuleSet` wins when several match a line (each case has a test
in ``tests/test_rules.py``):

1. ``exact`` rules first (a case-sensitive one before a case-insensitive one; of two
   with the same text, the first in the file);
2. then ``prefix``, then ``contains``, then ``regex`` rules: a kind beats the kinds
   after it whatever their order in the file;
3. within a kind, the case-sensitive rules before the case-insensitive ones, and among
   those the first in the file;
4. rules with a ``requires`` pre-check last, in file order, whatever their kind (they
   are tried one by one, after the merged ones);
5. a rule whose word cap (``max_words``; 80 for ``regex`` and ``contains`` by default)
   the line exceeds does not match, and the next candidate is tried; and no pattern
   (any kind but ``exact``) runs on a line over ``MAX_PATTERN_CHARS`` characters.

:class:`MetaRuleSet` (the ``[[meta]]`` rules) is simpler: the first rule in file order
that matches the whole line wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .prefilter import merge

__all__ = ["LINE_ACTIONS", "MATCH_KINDS", "META_MAX_WORDS", "PACK_ACTIONS", "MetaMatch", "MetaRule",
           "MetaRuleSet", "Rule", "RuleSet", "contains_any"]

MATCH_KINDS = ("exact", "prefix", "contains", "regex")
#: What a whole-line rule does to a matching line, in the order an outlet profile's
#: rules are tried on a line (its ``meta`` rules come right after ``keep``).  The one
#: list: the loader, the engine, ``cleaner learn`` and the docs test read it here.
LINE_ACTIONS = ("keep", "drop", "cut_after", "cut_before", "list_after")
#: the actions a language pack's rules may take: ``keep`` and the cuts need an outlet's
#: layout, so a pack that declares them is refused at load
PACK_ACTIONS = ("drop", "list_after")
#: a metadata line (date, byline, source, initials) is short; captions set their own
META_MAX_WORDS = 40
#: ``regex`` and ``contains`` rules skip lines longer than this unless the rule sets its
#: own ``max_words``: chrome lines are short, and scanning every paragraph with every
#: pattern is where the time would go.
DEFAULT_MAX_WORDS = 80
#: and no pattern runs on a line longer than this many characters (one 1 MB "word"
#: would pass any word cap)
MAX_PATTERN_CHARS = 2000


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
    _guarded: list[Rule] = field(default_factory=list)
    # per merged group: its bound fullmatch/match, rules, word cap, whether on lower
    _runs: list[tuple[Any, list[Rule], int | None, bool]] = field(default_factory=list)
    _single: dict[str, tuple[re.Pattern[str], bool]] = field(default_factory=dict)

    @classmethod
    def compile(cls, rules: Iterable[Rule]) -> RuleSet:
        rules = tuple(rules)
        rs = cls(rules=rules)
        by_kind: dict[tuple[str, bool], list[Rule]] = {}
        for rule in rules:
            if rule.match != "exact":
                single = _alternation(rule.match, [rule], rule.case_sensitive)
                rs._single[rule.id] = (single, _on_lower(single, rule))
            if rule.requires is not None:
                # A rule with a cheap pre-check is tried on its own, after the merged ones.
                rs._guarded.append(rule)
            elif rule.match == "exact":
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
                    merged = _alternation(kind, group, cs)
                    rs._runs.append((merged.fullmatch if kind == "regex" else merged.match,
                                     group, cap, _on_lower(merged, group[0])))
        return rs

    def find(self, text: str, lower: str, words: int | None = None,
             absent: frozenset[str] = frozenset()) -> Rule | None:
        """The first rule matching this line (``lower`` is ``text.casefold()``,
        ``words`` its word count if known, to skip patterns meant for short lines).

        ``absent``: ids of ``requires`` rules none of whose words occur anywhere in the
        document (checked once per document by the caller), so they cannot match.
        """
        if self._exact or self._exact_cs:
            rule = self._exact_cs.get(text) or self._exact.get(lower)
            if rule is not None and _fits(rule, text):
                return rule
        if len(text) > MAX_PATTERN_CHARS:
            return None
        for run, group, cap, on_lower in self._runs:
            if cap is not None and words is not None and words > cap:
                continue
            m = run(lower if on_lower else text)
            if m is None or m.lastgroup is None:
                continue
            rule = group[int(m.lastgroup[2:])]
            if _fits(rule, text):
                return rule
            # The line is too long for the rule that matched: try the others one by one.
            for other in group:
                if other is not rule and _fits(other, text) and self._matches(other, text, lower):
                    return other
        for rule in self._guarded:
            # (``words`` never exceeds the token count _fits uses, so a line over the
            # cap by ``words`` is over it by _fits too: skipped before any scan)
            if rule.requires and rule.id not in absent \
                    and (words is None or words <= _cap(rule)) \
                    and contains_any(lower, rule.requires) \
                    and _fits(rule, text) and self._matches(rule, text, lower):
                return rule
        return None

    @property
    def guarded(self) -> tuple[Rule, ...]:
        """The rules with a ``requires`` pre-check, tried after the merged ones."""
        return tuple(self._guarded)

    def _matches(self, rule: Rule, text: str, lower: str) -> bool:
        if rule.match == "exact":
            return (text == rule.text) if rule.case_sensitive else \
                (lower == rule.text.casefold())
        pattern, on_lower = self._single[rule.id]
        return _run(pattern, rule.match, lower if on_lower else text) is not None

    def __len__(self) -> int:
        return len(self.rules)

    def __iter__(self):
        return iter(self.rules)


def _on_lower(pattern: re.Pattern[str], rule: Rule) -> bool:
    """Whether a compiled pattern runs on the case-folded line: literal kinds do, and so
    do case-insensitive regexes written in lower case, compiled without re.IGNORECASE
    (which makes Python's regex engine several times slower); other regexes carry
    their own case flag and see the line as it is.  Decided once, at compile time."""
    if rule.case_sensitive:
        return False
    return not (rule.match == "regex" and pattern.flags & re.IGNORECASE)


def contains_any(lower: str, keys: tuple[str, ...]) -> bool:
    """A ``requires`` pre-check: does the case-folded line contain one of ``keys``?

    A plain loop on purpose: ``any()`` over a generator costs more than the test itself.
    """
    for key in keys:  # noqa: SIM110
        if key in lower:
            return True
    return False


def _run(pattern: re.Pattern[str], kind: str, subject: str) -> re.Match[str] | None:
    return pattern.fullmatch(subject) if kind == "regex" else pattern.match(subject)


def _cap(rule: Rule) -> float:
    """The most words a line may have for ``rule`` (see :func:`_fits`)."""
    if rule.max_words is None:
        return float("inf") if rule.match in ("exact", "prefix") else DEFAULT_MAX_WORDS
    return rule.max_words


def _fits(rule: Rule, text: str) -> bool:
    cap = _cap(rule)
    return cap == float("inf") or len(text.split()) <= cap


def _alternation(kind: str, group: Sequence[Rule], case_sensitive: bool) -> re.Pattern[str]:
    """The rules of a group as one alternation, the i-th ending in an empty group
    ``_r<i>`` (so ``m.lastgroup`` names the rule that matched).

    The empty group goes *after* each alternative, not around it: a group in front
    would hide the alternative's first character from the engine's quick test, and
    each anchored alternative gets look-ahead guards (:func:`.prefilter.merge`).
    """
    bodies = [rule.text if kind == "regex" else
              re.escape(rule.text if case_sensitive else rule.text.casefold())
              for rule in group]
    joined = "|".join(f"(?:{body})" for body in bodies)
    if kind == "contains":
        joined = f".*?(?:{joined})"
    flags = re.DOTALL | (0 if case_sensitive or kind != "regex" or _lower_safe(joined)
                         else re.IGNORECASE)
    if kind == "contains":
        parts = [f"(?:{body})(?P<{_group(i)}>)" for i, body in enumerate(bodies)]
        return re.compile(f".*?(?:{'|'.join(parts)})", flags)
    return re.compile(merge([f"(?:{body})" for body in bodies],
                            [f"(?P<{_group(i)}>)" for i in range(len(bodies))],
                            flags, kind == "regex"), flags)


_ESCAPE = re.compile(r"\\(?:N\{[^}]*\}|.)", re.DOTALL)
_GROUP_SYNTAX = re.compile(r"\(\?(?::|=|!|<=|<!|P<\w+>|P=\w+\))")


def _lower_safe(pattern: str) -> bool:
    """Whether a case-insensitive regex matches a case-folded line the same without
    re.IGNORECASE: outside escapes (``\\S``, ``\\W``...) it is already case-folded (no
    upper case, no "ß"), and no inline flag group switches case sensitivity back on."""
    bare = _GROUP_SYNTAX.sub("", _ESCAPE.sub("", pattern))
    return "(?" not in bare and bare == bare.casefold()


# ---------------------------------------------------------------------- metadata rules
@dataclass(frozen=True, slots=True)
class MetaRule:
    """A regex whose named groups lift facts out of a whole line (``title``,
    ``published``, ``author``...; the list is ``cleaner.profiles.META_FIELDS``)."""

    id: str
    pattern: re.Pattern[str]
    reason: str
    source: str = ""
    max_words: int = META_MAX_WORDS
    requires: tuple[str, ...] | None = None

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(self.pattern.groupindex)


#: what a metadata rule found on a line: the rule and its non-empty groups, in order
MetaMatch = tuple[MetaRule, tuple[tuple[str, str], ...]]


@dataclass(slots=True)
class MetaRuleSet:
    """Metadata rules compiled for one question: which is the first rule, in file (and
    pack) order, that matches this whole line, and what does it lift?

    The rules without a ``requires`` pre-check that share the smallest word cap are
    merged into one guarded alternation (one regex call per line instead of one per
    rule, :func:`.prefilter.merge`); the others are tried one by one, each after its
    pre-check, and only when they come before the merged rule that matched, so the
    answer is always the first rule in order that matches.
    """

    rules: tuple[MetaRule, ...]
    _merged: re.Pattern[str] | None = None
    _cap: int = 0  # the word cap the merged rules share
    _rest: tuple[int, ...] = ()  # indices of the rules left out of the merge

    @classmethod
    def compile(cls, rules: Iterable[MetaRule]) -> MetaRuleSet:
        rules = tuple(rules)
        merged, cap, rest = _merge_meta(rules)
        return cls(rules, merged, cap, tuple(rest))

    def find(self, text: str, lower: str, words: int,
             absent: frozenset[str] = frozenset()) -> MetaMatch | None:
        """The first rule matching the line, with the facts it lifts; None if none does.

        ``lower`` is ``text.casefold()``; ``absent`` as in :meth:`RuleSet.find`.
        """
        if len(text) > MAX_PATTERN_CHARS:
            return None
        rules = self.rules
        found = len(rules)  # index of the merged rule that matched
        meta: MetaMatch | None = None
        if self._merged is not None and words <= self._cap:
            m = self._merged.fullmatch(text)
            if m is not None and m.lastgroup is not None:
                found = int(m.lastgroup[2:])
                prefix = f"m{found}_"
                meta = (rules[found], tuple((k[len(prefix):], v) for k, v in m.groupdict().items()
                                            if v and k.startswith(prefix)))
        for i in self._rest:  # the rules left out of the merge, if they come first
            if i > found:
                break
            rule = rules[i]
            if rule.id in absent:
                continue
            facts = _meta_facts(rule, text, lower, words)
            if facts is not None:
                return rule, facts
        return meta

    @property
    def requires(self) -> dict[str, tuple[str, ...]]:
        """id -> pre-check words of the rules that have one (see ``absent``)."""
        return {r.id: r.requires for r in self.rules if r.requires}

    def __len__(self) -> int:
        return len(self.rules)

    def __iter__(self):
        return iter(self.rules)


def _meta_facts(rule: MetaRule, text: str, lower: str,
                words: int) -> tuple[tuple[str, str], ...] | None:
    """The facts one metadata rule lifts from a line, or None when it does not apply."""
    if words > rule.max_words or (rule.requires is not None
                                  and not contains_any(lower, rule.requires)):
        return None
    m = rule.pattern.fullmatch(text)
    if m is None:
        return None
    return tuple((k, v) for k, v in m.groupdict().items() if v)


_NAMED = re.compile(r"\(\?P<(\w+)>")
_BACKREF = re.compile(r"\(\?P=(\w+)\)")


def _merge_meta(rules: Sequence[MetaRule]) -> tuple[re.Pattern[str] | None, int, list[int]]:
    """One alternation for the plain meta rules; rules with a ``requires`` pre-check
    (and those with a larger word cap) stay on their own.

    Group names are prefixed per rule (``m3_published``) so they stay unique; each
    rule keeps its own case flag as a scoped ``(?i:...)`` group, is guarded by
    look-aheads (:func:`.prefilter.merge`) and ends in an empty group ``_m<i>``
    that names it in ``m.lastgroup``.  Returns the merged pattern, the word cap it
    applies to, and the indices of the rules left out.
    """
    plain = [i for i, mr in enumerate(rules) if mr.requires is None]
    if not plain:
        return None, 0, list(range(len(rules)))
    cap = min(rules[i].max_words for i in plain)
    merged = [i for i in plain if rules[i].max_words == cap]
    rest = [i for i in range(len(rules)) if i not in merged]
    bodies = []
    for i in merged:
        src = _NAMED.sub(lambda m, i=i: f"(?P<m{i}_{m.group(1)}>", rules[i].pattern.pattern)
        src = _BACKREF.sub(lambda m, i=i: f"(?P=m{i}_{m.group(1)})", src)
        scoped = "(?i:" if rules[i].pattern.flags & re.IGNORECASE else "(?:"
        bodies.append(f"{scoped}{src})")
    try:
        return re.compile(merge(bodies, [f"(?P<_m{i}>)" for i in merged], 0, True)), cap, rest
    except re.error:  # a pattern that cannot be merged (inline global flags): keep all apart
        return None, 0, list(range(len(rules)))

"""Stage 1, line rules: every line against the outlet profile, then the language packs.

Precedence for one line: the profile's ``keep`` rules, its metadata rules, its ``drop``,
``cut_after``, ``cut_before`` and ``list_after`` rules; then the packs' metadata, drop
and list-header rules (each stage on its own, so a profile's ``disable`` applies to each).
A line no rule matches stays undecided (``None``) for the later stages.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..lines import Line
from ..profiles import Profile
from ..rules.matcher import (
    LINE_ACTIONS,
    MAX_PATTERN_CHARS,
    PACK_ACTIONS,
    MetaMatch,
    MetaRuleSet,
    Rule,
    RuleSet,
    contains_any,
)
from ..thresholds import Thresholds
from .doc import Doc, Label

__all__ = ["PROFILE_ACTIONS", "LineRules"]

#: the profile rule sets a line goes through, in this order (after its meta rules)
PROFILE_ACTIONS = LINE_ACTIONS

#: what the packs say of one line: (meta rule and its facts, drop rule, list rule)
Verdict = tuple[MetaMatch | None, Rule | None, Rule | None]


class LineRules:
    """The packs' compiled rules and the verdict cache; read-only but for the cache."""

    def __init__(self, packs: Sequence[Profile], thresholds: Thresholds) -> None:
        self.th = thresholds
        self.pack_rules: dict[str, RuleSet] = {
            action: RuleSet.compile(r for p in packs for r in p.ruleset(action))
            for action in PACK_ACTIONS
        }
        self._find_drop = self.pack_rules["drop"].find
        self._find_list = self.pack_rules["list_after"].find
        self.pack_meta = MetaRuleSet.compile(m for p in packs for m in p.meta)
        # Menus, footers and promos repeat across the pages of a crawl: the pack verdict
        # for a line depends on its text only, so it is cached, keyed by the text alone
        # (a str caches its own hash, so a lookup costs no hashing), and emptied when
        # full rather than kept in LRU order (cheaper per line, and a crawl's chrome
        # comes back within a few pages anyway).
        self._verdicts: dict[str, Verdict] = {}
        # the words of every ``requires`` pre-check, to find once per document the
        # rules that cannot match any of its lines (a per-line test fewer for each)
        self._requires: dict[str, tuple[str, ...]] = {
            r.id: r.requires for rs in self.pack_rules.values() for r in rs.guarded
            if r.requires}
        self._requires.update(self.pack_meta.requires)

    def absent(self, lower: str) -> frozenset[str]:
        """Ids of the rules whose required words appear nowhere in the document."""
        return frozenset(rid for rid, words in self._requires.items()
                         if not contains_any(lower, words))

    def apply(self, doc: Doc, absent: frozenset[str] = frozenset()) -> None:
        """Label every line a profile or pack rule decides."""
        prof = doc.profile
        off = doc.disabled
        cache = self._verdicts
        cache_size = self.th.verdict_cache
        header_words = self.th.list_header_words
        # the profile's rule sets, looked up once per document (None when empty)
        finds = tuple(None if not len(rs) else rs.find for rs in map(
            prof.ruleset, PROFILE_ACTIONS)) if prof is not None else ()
        for i, ln in enumerate(doc.lines):
            label: Label | None = None
            if prof is not None:
                label = _profile_line(doc, i, ln, prof, finds)
            if label is None:
                verdict = cache.get(ln.text)
                if verdict is None:
                    # (skipping the ``absent`` rules changes no verdict: they cannot
                    # match this line, so the cache stays keyed by the text alone)
                    verdict = self._pack_matches(ln.text, ln.lower, ln.words, absent)
                    if len(cache) >= cache_size:
                        cache.clear()
                    cache[ln.text] = verdict
                meta, drop, lst = verdict
                if meta is not None and meta[0].id not in off:
                    label = Label("metadata", meta[0].id, meta[0].reason, dict(meta[1]))
                elif drop is not None and drop.id not in off:
                    label = Label("dropped", drop.id, drop.reason)
                elif lst is not None and lst.id not in off and ln.words <= header_words:
                    label = Label("dropped", lst.id, lst.reason, list_header=True)
            doc.labels[i] = label

    def _pack_matches(
        self, text: str, lower: str, words: int, absent: frozenset[str] = frozenset()
    ) -> Verdict:
        """The first pack meta, drop and list rule matching a line."""
        if len(text) > MAX_PATTERN_CHARS:
            return None, None, None
        meta = self.pack_meta.find(text, lower, words, absent)
        return (meta, self._find_drop(text, lower, words, absent),
                # a list header is a short line: longer ones need no look
                self._find_list(text, lower, words, absent)
                if words <= self.th.list_header_words else None)


def _profile_line(doc: Doc, i: int, ln: Line, prof: Profile,
                  finds: tuple[Any, ...]) -> Label | None:
    """The profile's decision for one line, in its rules' precedence, or None."""
    keep, drop, cut_after, cut_before, list_after = finds
    text, lower, words = ln.text, ln.lower, ln.words
    rule = keep(text, lower, words) if keep is not None else None
    if rule is not None:
        return Label("keep", rule.id, "body")
    if prof.meta:
        found = prof.metaset.find(text, lower, words)
        if found is not None:
            return Label("metadata", found[0].id, found[0].reason, dict(found[1]))
    rule = drop(text, lower, words) if drop is not None else None
    if rule is not None:
        return Label("dropped", rule.id, rule.reason)
    if doc.cut_after is None and cut_after is not None:
        rule = cut_after(text, lower, words)
        if rule is not None and _prose_before(doc, i):
            doc.cut_after, doc.cut_rule = i, rule
            return Label("dropped", rule.id, rule.reason)
    rule = cut_before(text, lower, words) if cut_before is not None else None
    if rule is not None and doc.cut_after is None:
        doc.cut_before, doc.cut_before_rule = i, rule
        return Label("dropped", rule.id, rule.reason)
    rule = list_after(text, lower, words) if list_after is not None else None
    if rule is not None:
        return Label("dropped", rule.id, rule.reason, list_header=True)
    return None


def _prose_before(doc: Doc, i: int) -> bool:
    """A ``cut_after`` marker counts only below some undecided prose (not in a menu)."""
    return any(doc.labels[j] is None and doc.lines[j].prose for j in range(i))

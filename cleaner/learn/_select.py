"""From candidates to rules: the guards, the action, the reason and the rule table.

Candidates of one outlet are judged in a fixed order: delimited prefixes, shapes,
word prefixes, then exact lines, so a template is chosen before the exact lines it
covers.  Each candidate either becomes a :class:`Finding` (a rule with its evidence)
or a :class:`Rejected` naming the guard that stopped it, for the summary.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date as _date
from functools import partial
from typing import Any

from ..lines import split_lines
from ..profiles import Profile, expand
from ..rules.matcher import LINE_ACTIONS, PACK_ACTIONS, MetaRule, MetaRuleSet, Rule, RuleSet
from ._keys import shape_regex
from ._miner import Candidate, LearnOptions, OutletStats

__all__ = ["Finding", "OutletResult", "Rejected", "Selector", "meta_checker", "profile_id"]

#: The order in which the reasons of the packs' ``[words] learn_hints`` are tried on a
#: learned line (the first whose words occur names it); a reason not listed here comes
#: after these, in pack order.  Lines without a hint get a reason from their position.
_REASON_ORDER = ("embed", "ad", "related", "promo", "share", "footer", "pagination", "byline")
_TRAIL_CLASS = r"[\s.…!?:;,]*"
_TOKEN = re.compile(r"\d+|[^\W\d_]+|\s+|.")
_SLUG = re.compile(r"[^a-z0-9]+")
_SAFE = re.compile(r"[^a-z0-9._-]+")


def profile_id(name: str) -> str:
    """A valid profile id (lowercase, digits, ``.``, ``_``, ``-``) for an outlet name."""
    return _SAFE.sub("-", name.casefold()).strip("-.") or "outlet"


@dataclass(slots=True)
class Finding:
    """A learned rule: its action (``drop``, ``cut_after``, ``list_after``, ``meta``),
    the TOML table, and the evidence written above it."""

    action: str
    table: dict[str, Any]
    cand: Candidate
    evidence: list[str]


@dataclass(slots=True)
class Rejected:
    """A candidate a guard stopped, for the summary."""

    cand: Candidate
    guard: str
    detail: str = ""


@dataclass(slots=True)
class OutletResult:
    """Everything learned about one outlet."""

    stats: OutletStats
    findings: list[Finding] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    known: Counter[str] = field(default_factory=Counter)
    signatures: list[str] = field(default_factory=list)


class Selector:
    """Judges the candidates of one outlet against the guards of :class:`LearnOptions`.

    ``packs`` and ``profile`` are the rules that already exist: a candidate they handle
    is not learned again (it is counted under ``known`` with the rule id).
    """

    def __init__(self, options: LearnOptions, packs: Iterable[Profile],
                 months: Iterable[str], weekdays: Iterable[str]) -> None:
        self.opts = options
        packs = list(packs)
        self._pack_rules = [RuleSet.compile(r for p in packs for r in p.ruleset(a))
                            for a in PACK_ACTIONS]
        self._pack_meta: list[MetaRule] = [m for p in packs for m in p.meta]
        self._hints = reason_hints(packs)
        self._months = {m.casefold() for m in months if len(m) >= 3}
        self._weekdays = {d.casefold() for d in weekdays}

    # ------------------------------------------------------------------ public
    def select(self, st: OutletStats, cands: list[Candidate],
               profile: Profile | None) -> OutletResult:
        res = OutletResult(st)
        known = self._known_checker(profile)
        order = {"P": 0, "S": 1, "W3": 2, "W2": 3, "E": 4}
        # Templates before exact lines, so one template rule covers its lines; among
        # word prefixes with the same count the more specific (W3) is tried first.
        cands = sorted(cands, key=lambda c: (order[c.kind], -c.docs, c.key))
        chosen: list[Rule] = []
        chosen_set = RuleSet.compile(())
        ids: set[str] = set()
        thr = st.threshold(self.opts)
        for cand in cands:
            if cand.docs < thr:
                res.rejected.append(Rejected(cand, "rare", f"{cand.docs} documents < {thr}"))
                continue
            rule_id = _majority(known, cand.examples)
            if rule_id is not None:
                res.known[rule_id] += 1
                res.rejected.append(Rejected(cand, "known", rule_id))
                continue
            why = self._guard(st, cand)
            if why is not None:
                res.rejected.append(Rejected(cand, *why))
                continue
            if chosen and _majority(partial(_find, chosen_set), cand.examples):
                res.rejected.append(Rejected(cand, "covered"))
                continue
            finding = self._finding(st, cand, ids)
            res.findings.append(finding)
            rule = _as_rule(finding)
            if rule is not None:
                chosen.append(rule)
                chosen_set = RuleSet.compile(chosen)
        res.signatures = self._signatures(st)
        return res

    # ------------------------------------------------------------------ guards
    def _guard(self, st: OutletStats, c: Candidate) -> tuple[str, str] | None:
        opts = self.opts
        n = c.docs
        if c.own_title * 2 >= n:
            return "own-title", "the documents' own title"
        if st.day_span >= 14 and c.dated * 2 >= n:
            need = min(opts.spread_days, st.day_span // 4)
            span = c.day_max - c.day_min
            if len(c.days) < 3 or span < need:
                return "date-spread", f"{len(c.days)} days over {span} < {need} days"
        edge = _edge(c)
        if c.kind == "E":
            # A sentence repeated across documents is chrome only at the end of the body
            # (promos, disclaimers); elsewhere it is a quote or a templated paragraph.
            if c.prose * 2 >= n and c.after < opts.edge_share * n:
                return "repeated-sentence", f"not after the body in {n - c.after} of {n}"
            # A long line repeated inside the body is a story's background paragraph
            # unless it is frequent (chrome inside the body is short: ad labels, embeds).
            if c.words_max >= 6 and edge * 2 < n and n < 3 * opts.min_share * st.docs:
                return "inside-body", f"inside the body in {n - edge} of {n}"
            return None
        if len(c.tails) < opts.min_tails:
            return "no-variety", f"{len(c.tails)} different lines"
        if c.kind == "S":
            return None
        if c.opening * 2 >= n:
            return "opening", f"opens the article in {c.opening} of {n} (a dateline)"
        if c.prose * 5 > n and (c.after < opts.tail_share * n or c.kind == "W2"
                                or len(c.tails) < 2 * opts.min_tails):
            # Sentences sharing an opening are chrome only after the body, in many
            # variants (not one paragraph reworded), and two words ("Seperti apa",
            # "Sementara itu,") are too little to name a template.
            return "prose-template", f"{c.prose} of {n} are sentences"
        if c.meta_hits:
            return "shadows-metadata", f"{c.meta_hits} lines are metadata for the packs"
        if edge < opts.edge_share * n and c.tail_title * 10 < 3 * n \
                and (c.kind.startswith("W") or c.tail_headline * 2 < n):
            # Inside the body a template must link to other articles: its tails are
            # titles of other documents, or (P keys) read like headlines.
            return "inside-body", f"inside the body in {n - edge} of {n}, tails not titles"
        return None

    def _known_checker(self, profile: Profile | None) -> Callable[[str], str | None]:
        sets = list(self._pack_rules)
        metas = list(self._pack_meta)
        if profile is not None:
            sets = [profile.ruleset(a) for a in LINE_ACTIONS] + sets
            metas = list(profile.meta) + metas
        metaset = MetaRuleSet.compile(metas)

        def known(text: str) -> str | None:
            for rs in sets:
                rule = _find(rs, text)
                if rule is not None:
                    return rule
            lines = split_lines(text)
            found = metaset.find(lines[0].text, lines[0].lower, lines[0].words) \
                if lines else None
            return found[0].id if found is not None else None

        return known

    # ------------------------------------------------------------------ rules
    def _finding(self, st: OutletStats, c: Candidate, ids: set[str]) -> Finding:
        opts = self.opts
        n = c.docs
        action = "drop"
        table: dict[str, Any] = {}
        header = c.words_max <= 10 and c.prose * 10 <= n  # short, not a sentence
        if c.kind == "E":
            if header and c.after >= opts.cut_share * n and c.before * 10 <= n \
                    and c.lines_after * 2 >= n:
                action = "cut_after"
            elif header and c.words_max <= 8 and c.after < opts.cut_share * n and (
                    c.next_short >= opts.list_share * n or c.next_title * 10 >= 3 * n):
                action = "list_after"
            table.update(self._exact_rule(c))
        elif c.kind == "S":
            pattern = shape_regex(c.key[2:], c.slot_lo, c.slot_hi)
            if c.key.startswith("S|(") and c.after * 10 >= 7 * n and len(c.slot_lo) <= 3:
                action = "meta"
                table["pattern"] = f"(?P<signature>{pattern})"
            else:
                table["pattern"] = pattern
        else:
            table.update(self._prefix_rule(c))
        reason = "signature" if action == "meta" else self._reason(c, action)
        rid = _unique(f"{profile_id(st.name)}.learned.{_slug(_label(c))}", ids)
        table = {"id": rid, **table, "reason": reason}
        return Finding(action, table, c, _evidence(st, c, action))

    def _exact_rule(self, c: Candidate) -> dict[str, Any]:
        common = Counter(e.casefold() for e in c.examples)
        example = next(e for e in c.examples if e.casefold() == common.most_common(1)[0][0])
        if len(common) == 1 and not any(t in c.key for t in ("0", "<m>", "<d>")):
            return {"match": "exact", "text": example}
        core = re.sub(r"[\s.…!?:;,]+$", "", example)
        return {"pattern": self._generalise(core) + _TRAIL_CLASS}

    def _prefix_rule(self, c: Candidate) -> dict[str, Any]:
        head = c.heads.most_common(1)[0][0] if c.heads else c.examples[0].split(":")[0]
        max_words = min(60, max(c.words_max + 5, 12))
        same = len({h.casefold() for h in c.heads}) == 1
        if same and not re.search(r"\d", head):
            return {"match": "prefix", "text": head, "max_words": max_words}
        core = re.sub(r"[\s:|»\-–—]+$", "", head)
        delim = head[len(core):].strip()
        tail = (r"\s*" + re.escape(delim[:1]) if delim else "") + r"\s*.*"
        return {"pattern": self._generalise(core) + tail, "max_words": max_words}

    def _generalise(self, text: str) -> str:
        """A regex for ``text`` with digits, month and weekday names generalised."""
        out = []
        for tok in _TOKEN.findall(text):
            low = tok.casefold()
            if tok[0].isdigit():
                out.append(r"\d+")
            elif low in self._months:
                out.append("{month}")
            elif low in self._weekdays:
                out.append("{weekday}")
            elif tok.isspace():
                out.append(r"\s+")
            else:
                out.append(re.escape(tok))
        return "".join(out)

    def _reason(self, c: Candidate, action: str) -> str:
        sample = " ".join(c.examples[:3]).casefold()
        for reason, words in self._hints:
            if any(w in sample for w in words):
                return reason
        if action in ("cut_after", "list_after") or c.tail_title * 10 >= 3 * c.docs:
            return "related"
        if c.before * 2 >= c.docs and c.after * 2 < c.docs:
            return "header"
        if c.after * 2 >= c.docs and c.before * 2 < c.docs:
            return "footer"
        return "chrome"

    def _signatures(self, st: OutletStats) -> list[str]:
        need = max(self.opts.min_docs, 0.2 * st.docs)
        forms = [f for f, k in st.openings.most_common() if k >= need]
        return forms[:3]


def _edge(c: Candidate) -> int:
    """Occurrences outside the body: before or after it (counted once)."""
    return min(c.docs, c.before + c.after)


def _find(rs: RuleSet, text: str) -> str | None:
    lines = split_lines(text)
    if not lines:
        return None
    ln = lines[0]
    rule = rs.find(ln.text, ln.lower)
    return rule.id if rule is not None else None


def reason_hints(packs: Iterable[Profile]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The words of every pack's ``learn_hints`` by reason, in ``_REASON_ORDER``."""
    found: dict[str, dict[str, None]] = {r: {} for r in _REASON_ORDER}
    for pack in packs:
        for reason, words in pack.words.get("learn_hints", {}).items():
            found.setdefault(reason, {}).update(dict.fromkeys(w.casefold() for w in words))
    return tuple((reason, tuple(words)) for reason, words in found.items() if words)


def meta_checker(metas: MetaRuleSet) -> Callable[[str], bool]:
    """Whether a metadata rule reads a line, as the engine decides it (first match, word
    caps and pre-checks included)."""
    def is_meta(text: str) -> bool:
        lines = split_lines(text)
        return bool(lines) and metas.find(lines[0].text, lines[0].lower,
                                          lines[0].words) is not None
    return is_meta


def _majority(check: Callable[[str], str | None], examples: list[str]) -> str | None:
    """The answer ``check`` gives for at least 80% of the examples, if any."""
    if not examples:
        return None
    votes = Counter(check(e) for e in examples)
    answer, count = votes.most_common(1)[0]
    return answer if answer is not None and count * 5 >= 4 * len(examples) else None


def _as_rule(f: Finding) -> Rule | None:
    t = f.table
    if f.action == "meta":
        return None
    if "pattern" in t:
        return Rule(t["id"], f.action, "regex", expand(t["pattern"]), t["reason"],
                    max_words=t.get("max_words"))
    return Rule(t["id"], f.action, t["match"], " ".join(t["text"].split()), t["reason"],
                max_words=t.get("max_words"))


def _label(c: Candidate) -> str:
    if c.heads:
        return c.heads.most_common(1)[0][0]
    if c.kind == "S":
        return "shape " + c.key[2:]
    return c.examples[0] if c.examples else c.key[2:]


def _slug(text: str, words: int = 5) -> str:
    slug = _SLUG.sub("-", text.casefold()).strip("-")
    return "-".join(slug.split("-")[:words]) or "line"


def _unique(rid: str, ids: set[str]) -> str:
    out, k = rid, 2
    while out in ids:
        out, k = f"{rid}-{k}", k + 1
    ids.add(out)
    return out


def _pct(k: int, n: int) -> str:
    return f"{100 * k / n:.0f}%" if n else "-"


def _evidence(st: OutletStats, c: Candidate, action: str) -> list[str]:
    n = c.docs
    lines = [
        f"{n} of {st.docs} documents ({100 * n / st.docs:.1f}%); {_pct(c.prose, n)} "
        f"sentences; before body {_pct(c.before, n)}, after body {_pct(c.after, n)}; "
        f"next line short {_pct(c.next_short, n)}",
    ]
    extra = []
    if c.kind != "E":
        extra.append(f"{len(c.tails)}{'+' if len(c.tails) >= 64 else ''} different lines")
    if c.next_title or c.tail_title:
        extra.append(f"next line is a title {_pct(c.next_title, n)}, "
                     f"tail is a title {_pct(c.tail_title, n)}")
    if c.kind in ("P", "W2", "W3"):
        extra.append(f"tail reads like a headline {_pct(c.tail_headline, n)}")
    if c.dated:
        lo, hi = _date.fromordinal(c.day_min), _date.fromordinal(c.day_max)
        extra.append(f"dates {lo}..{hi} ({len(c.days)}{'+' if len(c.days) >= 8 else ''} "
                     "days)")
    if extra:
        lines.append("; ".join(extra))
    for i, ex in enumerate(c.examples[:2]):
        ex = ex if len(ex) <= 110 else ex[:109] + "…"
        lines.append(("e.g. " if i == 0 else "     ") + repr(ex))
    return lines

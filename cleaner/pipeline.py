"""The text path, stage by stage: lines -> rules -> body window -> metadata -> Article.

Every non-empty line ends with exactly one decision (kept, dropped or metadata), the id
of the rule that made it and a reason category, so ``cleaner explain`` can show why.
Precedence: an outlet profile's rules, then the language packs, then the generic
heuristics of :mod:`cleaner.rules.generic`; then the body window decides what is left.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from . import structures
from .article import Article, LineDecision
from .lines import Line, split_document
from .meta import dateline as dl
from .meta import header
from .meta.dates import date_from_url, parse_date
from .meta.title import choose_title
from .options import Options
from .profiles import MetaRule, Profile
from .rules import generic
from .rules.matcher import MAX_PATTERN_CHARS, Rule, RuleSet, contains_any
from .rules.prefilter import merge
from .urls import registrable_domain
from .window import best_span

__all__ = ["Engine"]

# Scores of the body window (see cleaner.window).
_CHROME_COST = {"footer": 20.0, "related": 6.0, "signature": 12.0, "source": 12.0,
                "comments": 20.0, "timestamp": 10.0}
_HEAD_REACH = 30  # header facts (byline, date) sit at most this many lines above the body
_META_COST = {"caption": 2.0, "date": 3.0, "byline": 3.0, "title": 3.0, "dateline": 3.0}
_END_MARKERS = ("signature", "source")
#: a pack list header ("Berita Terkait", "Read more") has at most this many words
_LIST_HEADER_WORDS = 8
#: the profile rule sets a line goes through, in this order (after its meta rules)
_PROFILE_ACTIONS = ("keep", "drop", "cut_after", "cut_before", "list_after")
#: lines whose pack verdict an Engine remembers before it starts afresh
_VERDICT_CACHE = 1 << 16
_AGENCY_SPLIT = re.compile(r"\s*(?:,|/|&|\band\b|\bdan\b)\s*")


@dataclass(slots=True)
class Label:
    """A decision in progress for one line."""

    decision: str  # "dropped", "metadata" or "keep" (forced by a profile)
    rule: str
    reason: str
    fields: dict[str, str] | None = None  # facts a metadata rule lifted out
    list_header: bool = False  # a list_after match: takes the short lines after it
    soft: bool = False  # dropped only outside the body window (foreign script, runs)


@dataclass(slots=True)
class _Doc:
    lines: list[Line]
    labels: list[Label | None]
    profile: Profile | None
    disabled: frozenset[str]
    cut_after: int | None = None
    cut_rule: Rule | None = None
    cut_before: int | None = None
    cut_before_rule: Rule | None = None
    profile_meta: frozenset[str] = frozenset()
    # whether a line can end in ".." or "…": without one, no line is a teaser
    ellipsis: bool = True
    extra: dict[str, Any] = field(default_factory=dict)


class Engine:
    """Applies packs and a profile to the lines of one document.

    Holds only compiled, read-only data, so one Engine serves many threads.
    """

    def __init__(self, packs: Sequence[Profile]) -> None:
        self.packs = tuple(packs)
        self.pack_rules: dict[str, RuleSet] = {
            action: RuleSet.compile(r for p in self.packs for r in p.ruleset(action))
            for action in ("drop", "keep", "list_after")
        }
        self._find_drop = self.pack_rules["drop"].find
        self._find_list = self.pack_rules["list_after"].find
        self.pack_meta: tuple[MetaRule, ...] = tuple(m for p in self.packs for m in p.meta)
        self._meta_merged, self._meta_merged_cap, self._meta_rest = _merge_meta(self.pack_meta)
        # Menus, footers and promos repeat across the pages of a crawl: the pack verdict
        # for a line depends on its text only, so it is cached per Engine, keyed by the
        # text alone (a str caches its own hash, so a lookup costs no hashing), and
        # emptied when full rather than kept in LRU order (cheaper per line, and a
        # crawl's chrome comes back within a few pages anyway).
        self._verdicts: dict[str, Any] = {}
        # the words of every ``requires`` pre-check, to find once per document the
        # rules that cannot match any of its lines (a per-line test fewer for each)
        self._requires: dict[str, tuple[str, ...]] = {
            r.id: r.requires for rs in self.pack_rules.values() for r in rs.guarded
            if r.requires}
        self._requires.update((m.id, m.requires) for m in self.pack_meta if m.requires)
        self.stopwords: dict[str, frozenset[str]] = {
            p.language: frozenset(p.words.get("stopwords", ()))
            for p in self.packs if p.language
        }
        self.line_model = structures.default_model()
        self.page_kind_model = getattr(self.line_model, "page_kind", None)

    # ------------------------------------------------------------------ public
    def run(
        self,
        text: str,
        *,
        profile: Profile | None,
        url: str | None = None,
        outlet: str | None = None,
        doc_id: str | None = None,
        encoding: str | None = None,
        options: Options | None = None,
        seed: Mapping[str, Any] | None = None,
        warnings: Sequence[str] = (),
    ) -> Article:
        """Clean the text of one document.

        ``seed`` carries metadata found elsewhere (HTML ``<meta>`` tags): it fills
        fields the lines do not provide.
        """
        options = options or Options()
        lines, lower = split_document(text)
        doc = _Doc(lines, [None] * len(lines), profile,
                   profile.disable if profile else frozenset(),
                   profile_meta=frozenset(m.id for m in profile.meta) if profile else frozenset(),
                   ellipsis=".." in lower or "\u2026" in lower)
        absent = frozenset(rid for rid, words in self._requires.items()
                           if not contains_any(lower, words))
        self._line_rules(doc, absent)
        self._structural_rules(doc)
        self._structures(doc)
        span = self._refine(doc, self._window(doc))
        return self._assemble(doc, span, url=url, outlet=outlet, doc_id=doc_id,
                              encoding=encoding, options=options, seed=seed or {},
                              warnings=warnings)

    # ------------------------------------------------------------------ stage: line rules
    def _line_rules(self, doc: _Doc, absent: frozenset[str] = frozenset()) -> None:
        prof = doc.profile
        off = doc.disabled
        cache = self._verdicts
        # the profile's rule sets, looked up once per document (None when empty)
        finds = tuple(None if not len(rs) else rs.find for rs in map(
            prof.ruleset, _PROFILE_ACTIONS)) if prof is not None else ()
        for i, ln in enumerate(doc.lines):
            label: Label | None = None
            if prof is not None:
                label = self._profile_line(doc, i, ln, prof, finds)
            if label is None:
                verdict = cache.get(ln.text)
                if verdict is None:
                    # (skipping the ``absent`` rules changes no verdict: they cannot
                    # match this line, so the cache stays keyed by the text alone)
                    verdict = self._pack_matches(ln.text, ln.lower, ln.words, absent)
                    if len(cache) >= _VERDICT_CACHE:
                        cache.clear()
                    cache[ln.text] = verdict
                meta, drop, lst = verdict
                if meta is not None and meta[0].id not in off:
                    label = Label("metadata", meta[0].id, meta[0].reason, dict(meta[1]))
                elif drop is not None and drop.id not in off:
                    label = Label("dropped", drop.id, drop.reason)
                elif lst is not None and lst.id not in off and ln.words <= _LIST_HEADER_WORDS:
                    label = Label("dropped", lst.id, lst.reason, list_header=True)
            doc.labels[i] = label

    def _pack_matches(
        self, text: str, lower: str, words: int, absent: frozenset[str] = frozenset()
    ) -> tuple[tuple[MetaRule, tuple[tuple[str, str], ...]] | None, Rule | None, Rule | None]:
        """The first pack meta, drop and list rule matching a line (each stage on its own,
        so a profile's ``disable`` can be applied afterwards)."""
        if len(text) > MAX_PATTERN_CHARS:
            return None, None, None
        meta = None
        found = len(self.pack_meta)  # index of the rule that matched, in pack order
        if self._meta_merged is not None and words <= self._meta_merged_cap:
            m = self._meta_merged.fullmatch(text)
            if m is not None and m.lastgroup is not None:
                found = int(m.lastgroup[2:])
                prefix = f"m{found}_"
                meta = (self.pack_meta[found], tuple(
                    (k[len(prefix):], v) for k, v in m.groupdict().items()
                    if v and k.startswith(prefix)))
        for i in self._meta_rest:  # the rules left out of the merge, if they come first
            if i > found:
                break
            if self.pack_meta[i].id in absent:
                continue
            facts = _meta_match(self.pack_meta[i], text, lower, words)
            if facts is not None:
                meta = (self.pack_meta[i], facts)
                break
        return (meta, self._find_drop(text, lower, words, absent),
                # a list header is a short line: longer ones need no look
                self._find_list(text, lower, words, absent)
                if words <= _LIST_HEADER_WORDS else None)

    def _profile_line(self, doc: _Doc, i: int, ln: Line, prof: Profile,
                      finds: tuple[Any, ...]) -> Label | None:
        keep, drop, cut_after, cut_before, list_after = finds
        text, lower, words = ln.text, ln.lower, ln.words
        rule = keep(text, lower, words) if keep is not None else None
        if rule is not None:
            return Label("keep", rule.id, "body")
        if prof.meta:
            label = _meta_label(prof.meta, ln, frozenset())
            if label is not None:
                return label
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

    # ------------------------------------------------------------------ stage: structural
    def _structural_rules(self, doc: _Doc) -> None:
        lines, labels, off = doc.lines, doc.labels, doc.disabled
        open_ = [i for i, lb in enumerate(labels) if lb is None]
        for rid, fn in (
            ("generic.foreign-script", generic.foreign_script),
            ("generic.teaser", generic.teasers),
            ("generic.duplicate", generic.duplicates),
        ):
            if rid in off or (rid == "generic.teaser" and not doc.ellipsis):
                continue
            soft = rid == "generic.foreign-script"
            marked = fn(lines, open_)
            for i in marked:
                labels[i] = Label("dropped", rid, generic.RULES[rid], soft=soft)
            if marked:
                open_ = [i for i in open_ if labels[i] is None]
        # A related-list header takes the short, non-prose lines that follow it.
        for i, lb in enumerate(labels):
            if lb is None or not lb.list_header:
                continue
            for j in range(i + 1, len(lines)):
                lj = labels[j]
                if lj is not None:
                    if lj.decision == "dropped" and not lj.list_header:
                        continue  # timestamps, teasers inside the list
                    break
                if lines[j].prose:
                    break
                labels[j] = Label("dropped", lb.rule, lb.reason)
        if "generic.headline-run" not in off:
            runs = generic.headline_runs(lines, [i for i, lb in enumerate(labels) if lb is None])
            for i in runs:
                labels[i] = Label("dropped", "generic.headline-run", "related", soft=True)
        # Hard cuts from the profile.
        if doc.cut_after is not None and doc.cut_rule is not None:
            for j in range(doc.cut_after + 1, len(lines)):
                lj = labels[j]
                if lj is not None and lj.decision == "metadata" and lj.reason in _END_MARKERS:
                    continue
                labels[j] = Label("dropped", doc.cut_rule.id, doc.cut_rule.reason)
        if doc.cut_before is not None and doc.cut_before_rule is not None:
            for j in range(doc.cut_before):
                lj = labels[j]
                if lj is None or lj.decision != "metadata":
                    labels[j] = Label("dropped", doc.cut_before_rule.id,
                                      doc.cut_before_rule.reason)

    # ------------------------------------------------------------------ stage: window
    def _window(self, doc: _Doc) -> tuple[int, int] | None:
        scores = []
        run = 0  # consecutive short lines so far: a long run is a menu, not a subheading
        for ln, lb in zip(doc.lines, doc.labels, strict=False):
            if lb is None:
                if ln.prose:
                    run = 0
                    scores.append(float(min(ln.words, 60)))
                elif ln.enumerated:
                    run = 0
                    scores.append(0.0)  # list items: neither for nor against
                else:
                    run += 1
                    scores.append(-max(3.0 if ln.headline else 0.5, 0.5 * run))
            elif lb.decision == "keep":
                scores.append(float(max(ln.words, 5)))
            elif lb.decision == "metadata":
                scores.append(-_CHROME_COST.get(lb.reason, _META_COST.get(lb.reason, 3.0)))
            else:
                scores.append(-_CHROME_COST.get(lb.reason, 4.0))
        span = best_span(scores)
        if span is None:
            return None
        start, end = span
        end = _extend_tail(doc, end)
        # A dateline opens the article even when its paragraph is short
        # ("JAKARTA, Contoh.com - Singkat."); without this, cleaning the cleaned text
        # would drop it.
        names = _names(doc.profile)
        if start > 0 and doc.labels[start - 1] is None \
                and dl.find_inline(doc.lines[start - 1].text, names):
            start -= 1
        # A standfirst or stray sentence before a dateline paragraph is not body.
        prose_seen = []
        for i in range(start, min(end + 1, start + 12)):
            if doc.labels[i] is not None:
                continue
            if dl.find_inline(doc.lines[i].text, _names(doc.profile)) and prose_seen:
                if len(prose_seen) <= 2:
                    doc.extra["pre_body"] = prose_seen
                    start = i
                break
            prose_seen.append(i)
            if len(prose_seen) > 2:
                break
        return start, end

    def _structures(self, doc: _Doc) -> None:
        """Lists with closers, comment sections, tag clouds (:mod:`.structures.shapes`)."""
        marks = structures.detect(doc.lines, doc.labels, tuple(self.stopwords.values()))
        for i, (rid, reason) in marks.items():
            if rid not in doc.disabled:
                doc.labels[i] = Label("dropped", rid, reason, soft=rid != "generic.comments")

    def _refine(self, doc: _Doc, span: tuple[int, int] | None) -> tuple[int, int] | None:
        """The learned line model overturns the window where it is confident."""
        if self.line_model is None or doc.profile is not None \
                or len(doc.lines) < structures.MIN_PAGE_LINES:
            return span  # an outlet profile knows its pages better; a short text is no page
        ref = structures.refine(doc.lines, doc.labels, span, tuple(self.stopwords.values()),
                                self.line_model)
        doc.extra["overrides"], doc.extra["notes"] = ref.overrides, ref.notes
        return ref.span

    # ------------------------------------------------------------------ stage: assemble
    def _assemble(
        self, doc: _Doc, span: tuple[int, int] | None, *, url: str | None,
        outlet: str | None, doc_id: str | None, encoding: str | None, options: Options,
        seed: Mapping[str, Any], warnings: Sequence[str],
    ) -> Article:
        lines, labels = doc.lines, doc.labels
        start, end = span if span is not None else (len(lines), len(lines) - 1)
        found: dict[str, list[tuple[int, str]]] = {}

        def note(fieldname: str, i: int, value: str | None) -> None:
            if value:
                found.setdefault(fieldname, []).append((i, value.strip()))

        final: list[tuple[str, str, str]] = []  # decision, rule, reason per line
        overrides = doc.extra.get("overrides", {})
        for i, lb in enumerate(labels):
            if i in overrides:
                final.append(overrides[i])
                continue
            inside = start <= i <= end
            if lb is None:
                if inside:
                    final.append(("kept", "generic.window", "body"))
                elif i < start:
                    final.append(("dropped", "generic.window.before", "header"))
                else:
                    final.append(("dropped", "generic.window.after", "footer"))
                continue
            if lb.decision == "keep":
                final.append(("kept", lb.rule, "body"))
                continue
            if lb.decision == "dropped":
                if inside and lb.soft:
                    # e.g. an Arabic verse inside an Indonesian article: the window
                    # vouches for it; outside the window it stays dropped.
                    final.append(("kept", "generic.window", "body"))
                else:
                    final.append(("dropped", lb.rule, lb.reason))
                continue
            # metadata: used when it sits where such a fact can be
            fields = lb.fields or {}
            usable = (
                i <= end or lb.reason in _END_MARKERS
                if span is not None else True
            )
            if lb.reason in _END_MARKERS and span is not None and i > end + 6:
                usable = False
            trusted = lb.rule in doc.profile_meta  # the outlet's own credit-line format
            if not trusted and ("title" in fields or "description" in fields
                                or "published" in fields or "author" in fields):
                # header facts sit above the body; inside it, a date is text (and
                # deciding by "inside" keeps cleaning the cleaned text a no-op)
                top = span is None or start - _HEAD_REACH <= i < max(start, 1)
                if inside and "author" not in fields and "title" not in fields:
                    # a date or name deep inside the article is text, not the byline
                    final.append(("kept", "generic.window", "body"))
                    continue
                usable = usable and top
            if not usable:
                final.append(("dropped", lb.rule, lb.reason))
                continue
            for name, value in fields.items():
                note(name, i, value)
            final.append(("metadata", lb.rule, lb.reason))

        # Title and description from the lines before the body, walking back.
        prof_title = found.get("title")
        title: str | None = prof_title[0][1] if prof_title else None
        description = found.get("description", [(0, None)])[0][1]
        pre_body = doc.extra.get("pre_body", [])
        if title is None and span is not None:
            above = [i for i in range(start) if final[i][1] == "generic.window.before"
                     and i not in pre_body and not lines[i].prose]
            t = choose_title(lines, above, start, url)
            if t is not None:
                title = lines[t].text
                final[t] = ("metadata", "generic.title", "title")
                # the standfirst: prose right under the title, before the body
                if description is None:
                    for k in range(t + 1, start):
                        if final[k][1] == "generic.window.before" or k in pre_body:
                            if lines[k].prose:
                                description = lines[k].text
                                final[k] = ("metadata", "generic.description", "description")
                            break
        for i in pre_body:
            if final[i][0] == "kept":
                final[i] = ("dropped", "generic.window.before", "header")

        # Body paragraphs.
        paragraphs = [lines[i].text for i, f in enumerate(final) if f[0] == "kept"]

        # Dateline: a standalone dateline line, else the opening of the first paragraph.
        site = outlet or registrable_domain(url)
        names = (*_names(doc.profile), *((site.split(".")[0],) if site else ()))
        dateline = None
        if "dateline" in found:
            raw = found["dateline"][0][1]
            dateline = dl.place_of(raw, names) or raw
        elif paragraphs:
            hit = dl.find_inline(paragraphs[0], names)
            if hit is not None:
                dateline = hit[0] or None
                if options.strip_dateline:
                    rest = paragraphs[0][len(hit[1]):].strip()
                    if rest:
                        paragraphs[0] = rest

        published = _first_date(found.get("published", []))
        author = found["author"][0][1] if "author" in found else None
        if span is not None and (published is None or author is None):
            # bylines and dates in shapes no whole-line rule knows
            for i in range(max(0, start - _HEAD_REACH), min(start + 2, len(lines))):
                if lines[i].words > 25 or final[i][0] == "kept" \
                        or (final[i][0] == "metadata" and final[i][2] != "date"):
                    continue
                if published is None and (d := header.find_date(lines[i].text)):
                    published = d
                    if final[i][1] == "generic.window.before":
                        final[i] = ("metadata", "generic.date", "date")
                if author is None and (a := header.find_author(lines[i].text)):
                    author = a
                    if final[i][1] == "generic.window.before":
                        final[i] = ("metadata", "generic.byline", "byline")
        if published is None and seed.get("published"):
            published = seed["published"]
        if published is None and url:
            published = date_from_url(url)
        if published is None:
            for i, f in enumerate(final):
                if f[1] == "common.url-only":
                    published = date_from_url(lines[i].text)
                    if published:
                        break

        captions: list[str] = []
        for _, cap in found.get("caption", []):
            if title and cap.startswith(title) and len(cap) > len(title) + 1:
                cap = cap[len(title):].strip()
            if cap not in captions:
                captions.append(cap)
        sources: list[str] = []
        for _, src in found.get("source", []):
            for part in _AGENCY_SPLIT.split(src):
                part = part.strip(" .")
                if part and part not in sources:
                    sources.append(part)
        signature = found["signature"][-1][1] if "signature" in found else None

        kind, kind_p = structures.page_kind(lines, final, self.page_kind_model, url)
        notes = doc.extra.get("notes", {})
        new = tuple.__new__  # LineDecision(...) without the keyword-handling layer
        decisions = tuple([new(LineDecision, (ln.n, ln.text, *f))
                           for ln, f in zip(lines, final, strict=False)])
        return Article(
            paragraphs=tuple(paragraphs),
            id=doc_id,
            url=url,
            title=title or seed.get("title"),
            description=description or seed.get("description"),
            published=published,
            modified=seed.get("modified"),
            author=author or seed.get("author"),
            dateline=dateline,
            signature=signature,
            sources=tuple(sources),
            captions=tuple(captions) or tuple(seed.get("captions", ())),
            outlet=outlet or (doc.profile.id if doc.profile else None) or registrable_domain(url)
            or seed.get("outlet"),
            profile=doc.profile.ref if doc.profile else None,
            language=self._language(paragraphs) or seed.get("language")
            or (doc.profile.language if doc.profile else None),
            site_name=seed.get("site_name"),
            canonical_url=seed.get("canonical_url"),
            encoding=encoding,
            warnings=tuple(warnings),
            lines=decisions,
            page_kind=kind,
            page_kind_confidence=kind_p,
            notes=tuple((lines[i].n, notes[i]) for i in sorted(notes)),
        )

    def _language(self, paragraphs: Sequence[str]) -> str | None:
        if not paragraphs or not self.stopwords:
            return None
        words: list[str] = []
        for para in paragraphs[:20]:  # the first 400 words, without splitting the rest
            words += para.lower().split()
            if len(words) >= 400:
                break
        del words[400:]
        best, best_hits = None, 0
        for lang, stop in self.stopwords.items():
            hits = sum(map(stop.__contains__, words))
            if hits > best_hits:
                best, best_hits = lang, hits
        if best is None or best_hits < max(2, len(words) // 25):
            return None
        return best


def _extend_tail(doc: _Doc, end: int) -> int:
    """Pull into the body what directly follows its last paragraph and still belongs.

    Two shapes, neither tied to a language, tried in turn until neither applies:
    an enumerated list ("1. ...", "* ...") with an optional lead-in line, and a short
    closing line ("Semoga bermanfaat.", a one-line quote, what a line ending in ":"
    announces).  Anything already labelled stops the extension.
    """
    lines, labels = doc.lines, doc.labels
    n = len(lines)
    limit = min(n, end + 200)
    while end + 1 < limit:
        j = end + 1
        if labels[j] is not None:
            break
        k = j + 1 if not lines[j].enumerated else j
        run = k
        while run < n and labels[run] is None and lines[run].enumerated \
                and lines[run].words <= 60:
            run += 1
        if run - k >= 2:
            end = run - 1
            continue
        ln = lines[j]
        if lines[end].text.endswith(":") and not ln.headline:
            end = j  # what a lead-in line ("Harganya sebagai berikut:") announces
            continue
        if ln.headline or ln.words > 25 or not (ln.terminal or ln.text[:1] in "\"“'‘«"):
            break
        end = j
    return end


def _merge_meta(
    rules: Sequence[MetaRule],
) -> tuple[re.Pattern[str] | None, int, list[int]]:
    """One alternation for the plain meta rules (one regex call per line instead of
    one per rule); rules with a ``requires`` pre-check stay on their own.

    Group names are prefixed per rule (``m3_published``) so they stay unique; each
    rule keeps its own case flag as a scoped ``(?i:...)`` group, is guarded by
    look-aheads (:func:`.rules.prefilter.merge`) and ends in an empty group ``_m<i>``
    that names it in ``m.lastgroup``.  Returns the merged
    pattern, the word cap it applies to, and the indices of the rules left out.
    """
    plain = [i for i, mr in enumerate(rules) if mr.requires is None]
    if not plain:
        return None, 0, list(range(len(rules)))
    cap = min(rules[i].max_words for i in plain)
    merged = [i for i in plain if rules[i].max_words == cap]
    rest = [i for i in range(len(rules)) if i not in merged]
    bodies = []
    for i in merged:
        src = rules[i].pattern.pattern
        src = re.sub(r"\(\?P<(\w+)>", lambda m, i=i: f"(?P<m{i}_{m.group(1)}>", src)
        src = re.sub(r"\(\?P=(\w+)\)", lambda m, i=i: f"(?P=m{i}_{m.group(1)})", src)
        scoped = "(?i:" if rules[i].pattern.flags & re.IGNORECASE else "(?:"
        bodies.append(f"{scoped}{src})")
    try:
        return re.compile(merge(bodies, [f"(?P<_m{i}>)" for i in merged], 0, True)), cap, rest
    except re.error:  # a pattern that cannot be merged (inline global flags): keep all apart
        return None, 0, list(range(len(rules)))


def _meta_match(
    mr: MetaRule, text: str, lower: str, words: int
) -> tuple[tuple[str, str], ...] | None:
    """The facts one metadata rule lifts from a line, or None when it does not apply."""
    if words > mr.max_words or (mr.requires is not None
                                and not contains_any(lower, mr.requires)):
        return None
    m = mr.pattern.fullmatch(text)
    if m is None:
        return None
    return tuple((k, v) for k, v in m.groupdict().items() if v)


def _meta_label(rules: Sequence[MetaRule], ln: Line, off: frozenset[str]) -> Label | None:
    for mr in rules:
        if mr.id in off:
            continue
        facts = _meta_match(mr, ln.text, ln.lower, ln.words)
        if facts is not None:
            return Label("metadata", mr.id, mr.reason, dict(facts))
    return None


def _prose_before(doc: _Doc, i: int) -> bool:
    return any(doc.labels[j] is None and doc.lines[j].prose for j in range(i))


def _names(profile: Profile | None) -> tuple[str, ...]:
    if profile is None:
        return ()
    return tuple(n for n in (profile.name, profile.id) if n)


def _first_date(values: list[tuple[int, str]]) -> str | None:
    for _, raw in values:
        parsed = parse_date(raw)
        if parsed:
            return parsed
    return None

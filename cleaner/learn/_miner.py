"""Two passes over a corpus: count every key in a sketch, then study the frequent ones.

Pass 1 groups documents by outlet, skips exact re-scrapes (same three longest lines),
remembers titles in a Bloom filter and counts each key once per document in a
count-min sketch keyed by ``(outlet, key)``.  Pass 2 reads the same documents again;
a key whose sketch count reaches its outlet's threshold becomes a :class:`Candidate`
and gets exact statistics: document count, position in the page, what follows it,
dates, distinct tails, a few examples.  Memory is the sketch and the filters (fixed)
plus the candidates (at most ``max_candidates`` per outlet): never the lines.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date as _date

from ..lines import Line, split_lines
from ..meta.dates import date_from_url
from ..profiles import ProfileRegistry
from ..urls import host_of, registrable_domain
from ._corpus import Doc
from ._keys import Key, KeyMaker
from ._sketch import BitSet, BloomFilter, CountMinSketch

__all__ = ["Candidate", "LearnOptions", "Miner", "OutletStats"]


@dataclass(frozen=True, slots=True)
class LearnOptions:
    """Thresholds of the miner and its guards (see ``docs/learning.md``).

    ``min_docs`` / ``min_share``: a rule needs this many documents and this share of its
    outlet's documents.  ``max_words`` / ``max_chars``: longer lines are never rules.
    ``edge_share``: a repeated *sentence* must sit outside the body (before or after it)
    in this share of its occurrences, else it is content that repeats (a quote, a
    templated paragraph).  ``min_tails``: a template needs this many different lines.
    ``spread_days``: when dates are known, a rule must be seen on 3 different days
    spanning a quarter of the outlet's date range, up to this many days.
    ``max_candidates``: per outlet.  ``max_total_candidates``: in all, the bound on
    memory whatever the number of outlets (a candidate costs ~1.5 KB): half of it is
    shared equally by the outlets studied, half in proportion to their documents, so an
    outlet's share never depends on the order of the input.
    """

    min_docs: int = 5
    min_share: float = 0.05
    max_words: int = 40
    max_chars: int = 300
    edge_share: float = 0.7
    tail_share: float = 0.9
    cut_share: float = 0.9
    list_share: float = 0.6
    min_tails: int = 3
    spread_days: int = 7
    max_candidates: int = 5000
    max_total_candidates: int = 50_000
    examples: int = 5
    sketch_bits: int = 20
    bloom_bits: int = 25


class OutletStats:
    """Per-outlet counters (one object per outlet, small)."""

    __slots__ = ("candidates", "capped", "dated", "day_max", "day_min", "docs", "dups",
                 "index", "lines", "name", "openings", "title_link_docs", "title_links",
                 "titles", "via")

    def __init__(self, name: str, index: int, via: str) -> None:
        self.name, self.index, self.via = name, index, via
        self.docs = self.dups = self.lines = self.titles = self.dated = 0
        self.title_links = self.title_link_docs = self.capped = self.candidates = 0
        self.day_min = self.day_max = 0
        self.openings: Counter[str] = Counter()

    def threshold(self, opts: LearnOptions) -> int:
        return max(opts.min_docs, math.ceil(opts.min_share * self.docs))

    @property
    def day_span(self) -> int:
        return self.day_max - self.day_min if self.dated else 0


class Candidate:
    """Exact statistics of one frequent key within one outlet (pass 2)."""

    __slots__ = ("after", "before", "dated", "day_max", "day_min", "days", "docs",
                 "examples", "heads", "key", "kind", "lines_after", "meta_hits", "next_short",
                 "next_title", "opening", "own_title", "prose", "slot_hi", "slot_lo",
                 "tail_headline", "tail_title",
                 "tails", "words_max")

    def __init__(self, key: Key) -> None:
        self.kind, self.key = key.kind, key.text
        self.docs = self.prose = self.before = self.after = self.lines_after = 0
        self.next_short = self.next_title = self.tail_title = self.own_title = 0
        self.opening = self.meta_hits = self.tail_headline = 0
        self.words_max = self.dated = self.day_min = self.day_max = 0
        self.days: set[int] = set()
        self.tails: set[int] = set()
        self.examples: list[str] = []
        self.heads: Counter[str] = Counter()
        self.slot_lo: list[int] = list(key.slots)
        self.slot_hi: list[int] = list(key.slots)

    def observe(self, key: Key, ln: Line, *, before: bool, after: bool, lines_after: int,
                nxt: Line | None, next_title: bool, tail: str, tail_title: bool,
                own_title: bool,
                opening: bool, meta: bool, day: int | None, examples: int) -> None:
        self.docs += 1
        self.prose += ln.prose
        self.before += before
        self.after += after
        self.lines_after += lines_after >= 2
        self.next_short += nxt is not None and not nxt.prose and nxt.words <= 25
        self.next_title += next_title
        self.tail_title += tail_title
        self.tail_headline += _headline(tail)
        self.own_title += own_title
        self.opening += opening
        self.meta_hits += meta
        self.words_max = max(self.words_max, ln.words)
        if len(self.tails) < 64:
            self.tails.add(hash(ln.lower))
        if key.head and (key.head in self.heads or len(self.heads) < 8):
            self.heads[key.head] += 1
        for i, n in enumerate(key.slots[: len(self.slot_lo)]):
            self.slot_lo[i] = min(self.slot_lo[i], n)
            self.slot_hi[i] = max(self.slot_hi[i], n)
        if day is not None:
            self.dated += 1
            if len(self.days) < 8:
                self.days.add(day)
            self.day_min = day if self.dated == 1 else min(self.day_min, day)
            self.day_max = max(self.day_max, day)
        if len(self.examples) < examples and ln.text not in self.examples:
            self.examples.append(ln.text[:300])


class Miner:
    """Runs the two passes; ``outlets`` and ``candidates`` hold the results."""

    def __init__(self, options: LearnOptions, registry: ProfileRegistry, keymaker: KeyMaker,
                 *, fallback_outlet: str | None = None,
                 is_meta: Callable[[str], bool] = lambda text: False) -> None:
        self.opts = options
        self.is_meta = is_meta  # a language-pack metadata rule reads this line
        self.registry = registry
        self.keys = keymaker
        self.fallback = fallback_outlet
        self.sketch = CountMinSketch(options.sketch_bits)
        self.titles = BloomFilter(options.bloom_bits)
        self.seen_docs = BloomFilter(options.bloom_bits)
        self.skip = BitSet()
        self.outlets: dict[str, OutletStats] = {}
        self.candidates: dict[tuple[int, str], Candidate] = {}
        self.docs_read = 0
        self.unknown = 0
        self._caps: dict[int, int] | None = None  # per-outlet candidate caps, after pass 1

    # ------------------------------------------------------------------ grouping
    def outlet_of(self, doc: Doc) -> tuple[str, str] | None:
        """``(outlet id, how it was found)``: URL, the input's outlet, signature, option."""
        if doc.url:
            host = registrable_domain(doc.url)
            if host:
                prof = self.registry.get(host) or self._for_url(doc.url)
                return (prof.id if prof else host), "url"
        if doc.outlet:
            prof = self.registry.get(doc.outlet)
            return (prof.id if prof else doc.outlet.lower()), "record"
        prof = self.registry.for_text(doc.text)
        if prof is not None:
            return prof.id, "signature"
        if self.fallback:
            return self.fallback, "option"
        return None

    def _for_url(self, url: str):
        host = host_of(url)
        return self.registry.for_host(host) if host else None

    def _stats(self, name: str, via: str) -> OutletStats:
        st = self.outlets.get(name)
        if st is None:
            st = self.outlets[name] = OutletStats(name, len(self.outlets), via)
        return st

    # ------------------------------------------------------------------ pass 1
    def count(self, docs: Iterable[Doc]) -> None:
        """Pass 1: document counts, titles, and every key into the sketch."""
        for n, doc in enumerate(docs):
            self.docs_read += 1
            found = self.outlet_of(doc)
            lines = split_lines(doc.text) if found else []
            if not found or not lines:
                self.unknown += not found
                self.skip.add(n)
                continue
            st = self._stats(*found)
            longest = sorted((ln.lower for ln in lines), key=len, reverse=True)[:3]
            if self.seen_docs.add((st.index, tuple(longest))):
                st.dups += 1
                self.skip.add(n)
                continue
            st.docs += 1
            st.lines += len(lines)
            day = _day(doc)
            if day is not None:
                st.day_min = day if not st.dated else min(st.day_min, day)
                st.day_max = max(st.day_max, day)
                st.dated += 1
            title = _title(doc, lines)
            if title is not None:
                st.titles += 1
                self.titles.add((st.index, self.keys.norm(title[1].casefold())))
            seen: set[str] = set()
            for ln in lines:
                for key in self.keys.keys(ln):
                    if key.text not in seen:
                        seen.add(key.text)
                        self.sketch.add((st.index, key.text))

    # ------------------------------------------------------------------ pass 2
    def study(self, docs: Iterable[Doc]) -> None:
        """Pass 2: exact statistics for keys whose sketch count reaches the threshold."""
        opts = self.opts
        for n, doc in enumerate(docs):
            if n in self.skip:
                continue
            found = self.outlet_of(doc)
            if found is None:  # pragma: no cover - pass 1 skipped it
                continue
            st = self.outlets[found[0]]
            if st.docs < opts.min_docs:
                continue
            lines = split_lines(doc.text)
            self._study_doc(st, doc, lines)

    def _study_doc(self, st: OutletStats, doc: Doc, lines: list[Line]) -> None:
        opts = self.opts
        thr = st.threshold(opts)
        day = _day(doc)
        title = _title(doc, lines)
        own = title[0] if title else -1
        hits = [False] * len(lines)
        if st.titles:
            for i, ln in enumerate(lines):
                if i != own and ln.words >= 2:
                    hits[i] = (st.index, self.keys.norm(ln.lower)) in self.titles
            if any(hits):
                st.title_links += sum(hits)
                st.title_link_docs += 1
        prose_words = [ln.words if ln.prose else 0 for ln in lines]
        total = sum(prose_words)
        edge = 0.1 * total
        before_words = 0
        seen: set[str] = set()
        first_prose = True
        lead = next((i for i, ln in enumerate(lines) if ln.words >= 8), -1)
        for i, ln in enumerate(lines):
            after_words = total - before_words - prose_words[i]
            keys = self.keys.keys(ln)
            if ln.prose and first_prose:
                first_prose = False
                self._opening(st, keys)
            for key in keys:
                if key.text in seen:
                    continue
                seen.add(key.text)
                ck = (st.index, key.text)
                cand = self.candidates.get(ck)
                if cand is None:
                    if self.sketch.estimate(ck) < thr:
                        continue
                    if st.candidates >= self._cap(st) or \
                            len(self.candidates) >= opts.max_total_candidates:
                        st.capped += 1
                        continue
                    st.candidates += 1
                    cand = self.candidates[ck] = Candidate(key)
                nxt = lines[i + 1] if i + 1 < len(lines) else None
                tail = ln.text[len(key.head):].strip(" :-–—|»\"'“”") if key.head else ""
                tail_title = bool(tail) and st.titles > 0 and \
                    (st.index, self.keys.norm(tail.casefold())) in self.titles
                cand.observe(key, ln, before=before_words <= edge, after=after_words <= edge,
                             lines_after=len(lines) - i - 1, nxt=nxt,
                             next_title=i + 1 < len(lines) and hits[i + 1], tail=tail,
                             tail_title=tail_title, own_title=i == own, opening=i == lead,
                             meta=bool(key.head) and self.is_meta(ln.text), day=day,
                             examples=opts.examples)
            before_words += prose_words[i]

    def _cap(self, st: OutletStats) -> int:
        """How many candidates outlet ``st`` may hold (see ``max_total_candidates``)."""
        if self._caps is None:
            opts = self.opts
            studied = [o for o in self.outlets.values() if o.docs >= opts.min_docs]
            docs = sum(o.docs for o in studied) or 1
            half = opts.max_total_candidates // 2
            equal = half // max(len(studied), 1)
            self._caps = {o.index: min(opts.max_candidates,
                                       equal + math.ceil(half * o.docs / docs))
                          for o in studied}
        return self._caps.get(st.index, 0)

    def _opening(self, st: OutletStats, keys: list[Key]) -> None:
        """Count the outlet's name in the opening of the first paragraph (a signature)."""
        head = next((k.head for k in keys if k.kind == "P"), "")
        if not head:
            return
        stem = "".join(ch for ch in st.name.split(".")[0].casefold() if ch.isalpha())
        tokens = head.split()
        for j, tok in enumerate(tokens):
            letters = "".join(ch for ch in tok.casefold() if ch.isalpha())
            if len(letters) >= 4 and (stem.startswith(letters) or letters.startswith(stem)):
                forms = {" ".join(tokens[j:])}
                if len(tok) >= 5:
                    forms.add(tok.rstrip(",:"))
                for form in forms:
                    if form in st.openings or len(st.openings) < 50:
                        st.openings[form] += 1
                return


def _headline(text: str) -> bool:
    """A tail that reads like a linked headline: 4 to 25 capitalised words, no full stop."""
    words = text.split()
    if not 4 <= len(words) <= 25 or text.endswith("."):
        return False
    caps = sum(1 for w in words if w[:1].isupper() or w[:1].isdigit())
    return caps * 2 >= len(words)


def _day(doc: Doc) -> int | None:
    raw = doc.date or date_from_url(doc.url or "")
    if not raw:
        return None
    try:
        return _date.fromisoformat(raw[:10]).toordinal()
    except ValueError:
        return None


def _title(doc: Doc, lines: list[Line]) -> tuple[int, str] | None:
    """``(line index or -1, title)``: the input's title, else a headline-shaped first line."""
    if doc.title:
        want = " ".join(doc.title.split()).casefold()
        idx = next((i for i, ln in enumerate(lines[:5]) if ln.lower == want), -1)
        return idx, doc.title
    if lines and lines[0].headline and not lines[0].prose:
        return 0, lines[0].text
    return None

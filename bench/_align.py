"""Which lines of a text dump are gold body: dump lines aligned, in order, to a gold text.

WCXB gives each page's main text as plain text (``main_content``), not as labels on the
lines of our dumps, so line precision / recall needs an alignment.  It works on tokens
(lowercase ``\\w+``, the token metric's tokens), so whitespace, case, punctuation and
paragraph breaks do not matter:

1. **Candidates.**  A dump line whose token sequence occurs *contiguously* in the gold's
   token sequence gets one candidate per occurrence (at most ``MAX_OCCURRENCES``), an
   interval of gold token positions weighing its token count.  A line of at least
   ``PARTIAL_MIN_TOKENS`` tokens that does not occur whole gets at most one *partial*
   candidate: anchored at its longest common run with the gold (at least ``MIN_ANCHOR``
   tokens), the share of its tokens that occur **in order** in the gold around that
   anchor (``difflib`` matching blocks of at least ``MIN_BLOCK`` tokens, in a window of
   the line's length plus half of it on either side) must reach ``PARTIAL_SHARE``; it
   weighs its matched tokens.
2. **In order.**  Of all candidates, the set that weighs most subject to: at most one per
   dump line, and the chosen intervals follow the dump's line order without overlapping
   (weighted interval scheduling, a Fenwick tree of prefix maxima).  This is what keeps
   a short chrome line ("Home", "Share") from counting as body because the word occurs
   somewhere in the article: its occurrence would have to fall in order between the body
   lines around it, in gold text no other line covers.
3. A dump line is **gold body** when one of its candidates is chosen.  Lines without a
   single ``\\w`` token (rules, bullets) are neither body nor chrome: :func:`scorable`
   leaves them out of line P/R/F1, as the token metric ignores them too.

The same alignment, run against a system's output text instead of the gold, tells which
dump lines a system kept when it does not say so itself (trafilatura on the original
HTML, whose paragraphs are not the dump's lines).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from difflib import SequenceMatcher

__all__ = ["align", "kept_by_output", "line_tokens", "scorable"]

_WORD = re.compile(r"\w+")

#: occurrences of one line's token string looked at (a one-word line like "Share" can
#: occur dozens of times; the ordering step needs only the ones near its neighbours)
MAX_OCCURRENCES = 30
#: shorter lines must occur whole: a share of 4 tokens says too little
PARTIAL_MIN_TOKENS = 6
#: the longest common run of a partial candidate with the gold (3 tokens in a row is
#: rarely chance; a single common word always is)
MIN_ANCHOR = 3
#: matching runs shorter than this do not count towards the in-order share
MIN_BLOCK = 2
#: share of the line's tokens found in order in the gold for a partial match: a body
#: paragraph with a link text or a caption glued in still passes, a chrome sentence that
#: shares a few phrases with the article does not
PARTIAL_SHARE = 0.7


def line_tokens(text: str) -> list[str]:
    """The lowercase ``\\w+`` tokens of a line (the token metric's tokenisation)."""
    return _WORD.findall(text.lower())


def scorable(lines: list[tuple[int, str]]) -> frozenset[int]:
    """Line numbers that count in line P/R/F1: lines with at least one ``\\w`` token."""
    return frozenset(n for n, t in lines if _WORD.search(t))


class _MaxTree:
    """Fenwick tree of prefix maxima over positions ``0..size``: (value, payload)."""

    __slots__ = ("size", "tree")

    def __init__(self, size: int) -> None:
        self.size = size + 1
        self.tree: list[tuple[int, int]] = [(0, -1)] * (self.size + 1)

    def update(self, pos: int, item: tuple[int, int]) -> None:
        i = pos + 1
        while i <= self.size:
            if item[0] > self.tree[i][0]:
                self.tree[i] = item
            i += i & -i

    def query(self, pos: int) -> tuple[int, int]:
        """Best item stored at a position ``<= pos``."""
        best = (0, -1)
        i = min(pos, self.size - 1) + 1
        while i > 0:
            if self.tree[i][0] > best[0]:
                best = self.tree[i]
            i -= i & -i
        return best


def align(lines: list[tuple[int, str]], gold: str) -> frozenset[int]:
    """Numbers of the dump ``lines`` (``(n, text)``, in dump order) that are gold body."""
    gold_toks = line_tokens(gold)
    if not gold_toks:
        return frozenset()
    joined = " " + " ".join(gold_toks) + " "
    starts = []  # character offset in ``joined`` of each token's leading space
    off = 0
    for tok in gold_toks:
        starts.append(off)
        off += len(tok) + 1
    matcher = SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(gold_toks)

    # candidates: (line index, start, end, weight)
    cands: list[tuple[int, int, int, int]] = []
    for idx, (_, text) in enumerate(lines):
        toks = line_tokens(text)
        k = len(toks)
        if not k:
            continue
        needle = " " + " ".join(toks) + " "
        found = 0
        at = joined.find(needle)
        while at >= 0 and found < MAX_OCCURRENCES:
            pos = bisect_right(starts, at) - 1
            cands.append((idx, pos, pos + k, k))
            found += 1
            at = joined.find(needle, at + 1)
        if found or k < PARTIAL_MIN_TOKENS:
            continue
        matcher.set_seq1(toks)
        i, j, size = matcher.find_longest_match(0, k, 0, len(gold_toks))
        if size < MIN_ANCHOR:
            continue
        lo = max(0, j - i - k // 2)
        hi = min(len(gold_toks), j - i + k + k // 2)
        blocks = [b for b in SequenceMatcher(None, toks, gold_toks[lo:hi],
                                             autojunk=False).get_matching_blocks()
                  if b.size >= MIN_BLOCK]
        matched = sum(b.size for b in blocks)
        if matched >= PARTIAL_SHARE * k:
            cands.append((idx, lo + blocks[0].b, lo + blocks[-1].b + blocks[-1].size,
                          matched))

    # weighted interval scheduling in dump order, one candidate per line
    tree = _MaxTree(len(gold_toks))
    score = [0] * len(cands)
    back = [-1] * len(cands)
    c = 0
    while c < len(cands):
        line = cands[c][0]
        group = c
        while group < len(cands) and cands[group][0] == line:
            _, start, _, weight = cands[group]
            prev_score, prev = tree.query(start)
            score[group] = prev_score + weight
            back[group] = prev
            group += 1
        for g in range(c, group):
            tree.update(cands[g][2], (score[g], g))
        c = group
    if not cands:
        return frozenset()
    best = max(range(len(cands)), key=score.__getitem__)
    chosen = set()
    while best >= 0:
        chosen.add(lines[cands[best][0]][0])
        best = back[best]
    return frozenset(chosen)


def kept_by_output(lines: list[tuple[int, str]], output: str) -> set[int]:
    """Dump lines a system kept, judged from its output text alone (see module doc)."""
    return set(align(lines, output))

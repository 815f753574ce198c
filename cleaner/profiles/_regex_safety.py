"""Refuse profile regexes that can take super-linear time (ReDoS) before they ever run.

Profiles come from users, and Python's ``re`` backtracks: ``(a+)+$`` against a long
line of ``a`` runs for ever.  Why a load-time check rather than RE2 or the ``regex``
module's timeout: the rule engine merges every regex rule of a kind into one
alternation and needs Python's syntax (lookarounds, named groups, ``(?i:...)``), so
RE2 would reject working profiles or need a second engine, and ``regex`` is not a
dependency; a check at load names the file and key, and costs nothing per line.  It is
a heuristic over the parsed pattern, not a proof, so the per-document time budget
(``Options.timeout``, the batch's ``--timeout``) stays the backstop.

Slow regexes have one shape: the same text can be matched in many ways, and a line
that fails to match makes the engine try them all.  Two *variable-width* parts (a
quantifier, an alternation of different lengths) make a boundary ambiguous when the
first can consume what the second starts with and nothing between them *must* match a
character the two cannot share.  :func:`redos_risk` reports

* such a pair inside a repeated group (the group's own parts, or one part and itself
  in the next round), when the ways to split one round, raised to the number of
  rounds, exceed ``MAX_WAYS`` (``(a+)+``, ``(a|aa)+``, ``(\\w+\\s?)+``, ``(\\w+a)+``);
* such a pair of *unbounded* parts in any sequence (``\\w+\\w+x``, ``.*.*=``): the time
  grows with the square of the line (and more with every further part).

Bounded quantifiers (``.{0,200}``) are how to write a safe pattern; possessive
quantifiers and atomic groups never backtrack and pass.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from ..rules import _retree as _t
from ..rules._retree import C as _c
from ..rules._retree import P as _p

__all__ = ["MAX_WAYS", "redos_risk"]

#: The most ways a repeated group may split a run of text before it is refused.
MAX_WAYS = 10_000
#: A quantifier with more than this many repetitions counts as unbounded.
UNBOUNDED = 1_000
_INF = float("inf")
_REPEATS = _t.BACKTRACKING_REPEATS
_POSSESSIVE = _t.NEVER_BACKTRACK
_ZERO_WIDTH = _t.ZERO_WIDTH
_ATOMS = _t.ONE_CHAR + _t.BACKREFS
# Characters that stand for their classes when sets are compared: ASCII, Latin-1 and a
# few of every script and punctuation block news pages use; the pattern's own literals
# and range ends are added per pattern.
_BASE = "".join(map(chr, range(256))) + (
    "\u0100\u0131\u017f\u0391\u03b1\u03c9\u0416\u0436\u05d0\u0627\u0663\u0905\u0e01"
    "\u1e9e\u2000\u2009\u200b\u200d\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026"
    "\u2028\u2029\u202f\u2122\u212a\u2160\u3000\u3042\u4e2d\uac00\ufeff\uff10\ufffd"
    "\U0001d7ce\U0001f600"
)

def redos_risk(pattern: str, flags: int = 0, *, collapsed: bool = False) -> str | None:
    """Why ``pattern`` can take super-linear time, in one line; None when it looks safe.

    ``collapsed``: the pattern only ever sees normalised lines, where whitespace comes
    one character at a time, so parts that can only trade whitespace are harmless.
    ``pattern`` must already compile with :func:`re.compile` (call this after it).
    """
    tree = _t.parse(pattern, flags)
    return _Analysis(tree, flags, collapsed).run()


class _Analysis:
    """Character sets as bit masks over a per-pattern alphabet, then the two checks."""

    def __init__(self, tree: Any, flags: int, collapsed: bool) -> None:
        self.tree = tree
        self.collapsed = collapsed
        self.state = tree.state
        self.fold = bool((flags | tree.state.flags) & _c.SRE_FLAG_IGNORECASE)
        chars = dict.fromkeys(_BASE)
        for ch in _t.literals(tree):
            chars[ch] = None
        self.alphabet = list(chars)
        self._index = {ch: i for i, ch in enumerate(self.alphabet)}
        # with IGNORECASE a class matches a character when it matches one of its cases
        self._cases = [
            [ch, *(v for v in {ch.lower(), ch.upper()} if len(v) == 1 and v != ch)]
            if self.fold else [ch] for ch in self.alphabet
        ]
        self.all = (1 << len(self.alphabet)) - 1
        self._chars: dict[tuple[Any, Any], int] = {}
        self._width: dict[tuple[Any, Any], tuple[int, float]] = {}
        self.space = self._mask(str.isspace)

    # ------------------------------------------------------------------ sets
    def _mask(self, test: Any) -> int:
        mask = 0
        for i, cases in enumerate(self._cases):
            if any(map(test, cases)):
                mask |= 1 << i
        return mask

    def _of_chars(self, chars: Iterable[str]) -> int:
        mask = 0
        for ch in chars:
            for variant in {ch, ch.lower(), ch.upper()} if self.fold else (ch,):
                if variant in self._index:
                    mask |= 1 << self._index[variant]
        return mask

    def loops(self, item: tuple[Any, Any]) -> int:
        """The characters an unbounded quantifier inside ``item`` can take over and over:
        only those can make a boundary slide over a long run of text."""
        op, av = item
        if op in _ATOMS or op in _ZERO_WIDTH or op in _POSSESSIVE:
            return self.all if op in _t.BACKREFS else 0
        out = _union(self.loops(i) for seq in _t.children(item) for i in seq)
        if op in _REPEATS and av[1] >= UNBOUNDED:
            out |= _union(self.chars(i) for i in av[2])
        return out

    def chars(self, item: tuple[Any, Any]) -> int:
        """Every character ``item`` can consume."""
        key = _key(item)
        if key not in self._chars:
            self._chars[key] = self._chars_of(item)
        return self._chars[key]

    def _chars_of(self, item: tuple[Any, Any]) -> int:
        op, av = item
        if op is _c.LITERAL:
            return self._mask(lambda ch: ord(ch) == av)
        if op is _c.NOT_LITERAL:
            return self._mask(lambda ch: ord(ch) != av)
        if op is _c.ANY or op in _t.BACKREFS:
            return self.all
        if op is _c.IN:
            return self._mask(lambda ch: _t.in_class(av, ch))
        if op in _ZERO_WIDTH:
            return 0
        return _union(self.chars(i) for seq in _t.children(item) for i in seq)

    def first(self, seq: Sequence[tuple[Any, Any]]) -> int:
        """The characters a match of ``seq`` can start with."""
        out = 0
        for item in seq:
            op = item[0]
            if op in _ZERO_WIDTH:
                continue
            if op in _ATOMS:
                return out | self.chars(item)
            out |= _union(self.first(s) for s in _t.children(item))
            if self.width(item)[0] > 0:
                return out
        return out

    def ext(self, item: tuple[Any, Any]) -> int:
        """The characters that can *extend* a match of ``item`` into a longer one: the
        room a part has to move the boundary with what follows it."""
        op, av = item
        if op in _ATOMS:
            return self.all if op in _t.BACKREFS else 0
        if op in _ZERO_WIDTH or op in _POSSESSIVE:
            return 0  # possessive and atomic parts never give back what they took
        if op in _REPEATS:
            more = self.first(av[2]) if av[1] > av[0] else 0
            return more | self._ext_seq(av[2])
        if op is _c.SUBPATTERN:
            return self._ext_seq(av[3])
        if op is _c.BRANCH:
            alts = av[1]
            words = [_t.literal_text(alt, self.fold) for alt in alts]
            if all(w is not None for w in words):  # a word list: exact
                return self._of_chars(t[len(w)] for w in words for t in words
                                      if len(t) > len(w) and t.startswith(w))
            out = _union(self._ext_seq(alt) for alt in alts)
            firsts = [self.first(alt) for alt in alts]
            for i, alt in enumerate(alts):  # a match of one alternative grown into another
                if any(firsts[i] & f for j, f in enumerate(firsts) if j != i):
                    out |= _union(self.chars(x) for x in alt)
            return out
        return self.all

    def _ext_seq(self, seq: Sequence[tuple[Any, Any]]) -> int:
        out = 0
        for item in reversed(list(seq)):
            out |= self.ext(item)
            if self.width(item)[0] > 0:
                return out
            out |= self.first([item])  # it matched nothing, and could match more
        return out

    def last(self, seq: Sequence[tuple[Any, Any]]) -> int:
        """The characters a match of ``seq`` can end with."""
        out = 0
        for item in reversed(list(seq)):
            op = item[0]
            if op in _ZERO_WIDTH:
                continue
            if op in _ATOMS:
                return out | self.chars(item)
            out |= _union(self.last(s) for s in _t.children(item))
            if self.width(item)[0] > 0:
                return out
        return out

    def separates(self, item: tuple[Any, Any], shared: int) -> bool:
        """Whether every match of ``item`` takes a character outside ``shared``."""
        op, av = item
        if op in _ZERO_WIDTH or self.width(item)[0] == 0:
            return False
        if op in _ATOMS:
            return not self.chars(item) & shared
        if op is _c.BRANCH:
            return all(any(self.separates(x, shared) for x in alt) for alt in av[1])
        return any(self.separates(x, shared) for seq in _t.children(item) for x in seq)

    def width(self, item: tuple[Any, Any]) -> tuple[int, float]:
        key = _key(item)
        if key not in self._width:
            lo, hi = _p.SubPattern(self.state, [item]).getwidth()
            self._width[key] = (lo, _INF if hi >= UNBOUNDED else hi)
        return self._width[key]

    def span(self, item: tuple[Any, Any]) -> float:
        """How much a part's length can vary (0 for possessive and atomic parts)."""
        if item[0] in _POSSESSIVE:
            return 0
        lo, hi = self.width(item)
        return hi - lo

    def overlapping_branch(self, item: tuple[Any, Any]) -> bool:
        """An alternation two of whose alternatives can match the same text."""
        if item[0] is not _c.BRANCH:
            return False
        alts = item[1][1]
        words = [_t.literal_text(alt, self.fold) for alt in alts]
        if all(w is not None for w in words):
            return any(t.startswith(w) for i, w in enumerate(words)
                       for j, t in enumerate(words) if i != j)
        # Two alternatives that can both match nothing match the same (empty) text: a
        # look-around or ``\b`` ends one, the other ends there too, as when the parser
        # factors ``(?:\w(?=\w)|\w)`` into ``\w(?:(?=\w)|)``.
        if sum(1 for alt in alts if all(self.width(x)[0] == 0 for x in alt)) > 1:
            return True
        firsts = [self.first(alt) for alt in alts]
        return any(a & b for i, a in enumerate(firsts) for b in firsts[i + 1:])

    # ------------------------------------------------------------------ checks
    def run(self) -> str | None:
        for seq in _t.walk(self.tree):
            why = self._sequence(seq)
            if why:
                return why
        return None

    def _sequence(self, seq: Sequence[tuple[Any, Any]]) -> str | None:
        items = list(seq)
        for i, item in enumerate(items):  # two unbounded parts side by side
            if self.span(item) != _INF:
                continue
            for j in range(i + 1, len(items)):
                if self.span(items[j]) == _INF:
                    shared = self._ambiguous(item, items[j], items[i + 1:j],
                                             self.loops(item) & self.loops(items[j]))
                    if shared:
                        return ("overlapping quantifiers: two unbounded parts can match the "
                                f"same text (both can take {shared}), so the time grows with "
                                "the square of the line; bound one ({0,200}) or make them "
                                "exclusive")
        for op, av in items:
            if op in _REPEATS and av[1] > 1:
                why = self._repeat(av)
                if why:
                    return why
        return None

    def _repeat(self, av: Any) -> str | None:
        body = _unwrap(list(av[2]))
        rounds = min(av[1], 64)  # MAXREPEAT: as good as infinite here
        ways = 1.0
        why = ""
        for item in body:
            if self.overlapping_branch(item):
                ways, why = ways * 2, "one alternative can match what another starts with"
        parts = [i for i, item in enumerate(body) if self.span(item)]
        for i in parts:
            for j in parts:  # j after i in this round, or (j <= i) in the next one
                between = body[i + 1:j] if j > i else body[i + 1:] + body[:j]
                shared = self._ambiguous(body[i], body[j], between)
                if shared:
                    ways *= min(self.span(body[i]), self.span(body[j])) + 1
                    why = (f"two of its parts can take {shared} with nothing between them "
                           "that must differ")
        if ways ** rounds > MAX_WAYS:
            return (f"nested quantifier: a repeated group can match the same text in many "
                    f"ways ({why}), so a line that does not match takes exponential time; "
                    "make the parts exclusive or bound the group")
        return None

    def _ambiguous(self, a: tuple[Any, Any], b: tuple[Any, Any],
                   between: Iterable[tuple[Any, Any]], only: int = -1) -> str | None:
        """A character with which ``a`` can grow into where ``b`` starts (one of
        ``only``), when nothing in ``between`` must match a character outside that
        overlap; else None."""
        shared = self.ext(a) & self.first([b]) & only
        if self.collapsed:
            shared &= ~self.space
        # ``a`` can only take over the start of ``b`` if it can also end where ``b`` was
        if not shared or not self.last([a]) & self.chars(b) & shared:
            return None
        if any(self.separates(item, shared) for item in between):
            return None
        return repr(self.alphabet[(shared & -shared).bit_length() - 1])


# ---------------------------------------------------------------------- tree helpers
def _key(item: tuple[Any, Any]) -> tuple[Any, Any]:
    op, av = item
    return op, (av if av is None or isinstance(av, int) else id(av))


def _unwrap(body: list[Any]) -> list[Any]:
    """A repeated body that is one plain group is that group's parts."""
    while len(body) == 1 and body[0][0] is _c.SUBPATTERN:
        body = list(body[0][1][3])
    return body


def _union(masks: Iterable[int]) -> int:
    out = 0
    for m in masks:
        out |= m
    return out

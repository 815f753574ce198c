r"""Guard each alternative of a merged rule pattern so the regex engine skips it fast.

The rule engine merges the rules of one kind into one alternation and runs it on
every line.  Python's regex engine tries every alternative in turn at the start of
the line, and only skips one cheaply when it *begins* with a literal or a character
class; an alternative that begins with a group, an optional prefix or a class of
capitals is entered, and for a pack of dates, bylines and promos that is most of the
time spent on a line which matches none of them.

:func:`guards` reads an alternative's parse tree once (``re._parser``, the tree
:mod:`cleaner.profiles._regex_safety` also reads) and :func:`merge` puts zero-width
look-aheads in front of it, each a necessary condition the engine checks in C:

* **first character**: ``(?=[...])``, the characters the alternative can start with
  (its FIRST set, as a parser generator computes it);
* **length**, for a rule run with ``fullmatch`` on a normalised line: ``(?=.{lo,hi}+$)``
  when the longest line it can match is short (a possessive count over "any
  character" is one step, and most prose lines are longer than any chrome rule);
* **a required element**, when the first character says little (most lines can start
  the rule): ``(?=[^\d]*+[\d])`` for "contains a digit", ``(?=.*?oleh)`` for a
  literal; the rarest element every match must contain, ranked by how often it occurs
  in ordinary prose (an element most prose lines contain, such as a comma, is not
  worth the scan).  A scan several rules share runs once per line.

A look-ahead only ever fails where the alternative cannot match, so the merged
pattern matches exactly the same lines with the same alternative: the guards change
speed, never results.  Whatever the analysis does not know (a back-reference, an
opcode of a later Python) gets no guard, and a guard that would not compile is
dropped.

:func:`precheck` and :func:`required_literal` give the same kind of necessary
condition for patterns that ``search`` a whole line or document.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from . import _retree as _t
from ._retree import C as _c

__all__ = ["guards", "merge", "precheck", "required_literal"]

#: an element found in more of the reference prose lines than this is not searched for
MAX_COMMON = 0.34

_CATEGORY_SOURCES = frozenset(src for src, _ in _t.CATEGORIES.values())
_FLAG_MASK = re.IGNORECASE | re.ASCII
#: the scan of a class guard gives nothing back (possessive) where Python has it
_SCAN = "*+" if sys.version_info >= (3, 11) else "*"
_POSSESSIVE = "+" if sys.version_info >= (3, 11) else ""
#: whole-line alternatives that can match at most this many characters get a length
#: guard; a longer bound rules out too few lines to pay for itself
MAX_GUARD_WIDTH = 400
_UNBOUNDED = 1 << 30
#: Ordinary prose, English and Indonesian (written for this purpose), to rank how
#: often a required element occurs in a line that is not chrome.
_PROSE = (
    "The minister said on Tuesday that the plan would be reviewed again next year.",
    "Officials, however, declined to say how much the programme had cost so far.",
    "Read the full report on the website of the ministry",
    "Menurut dia, kebijakan itu akan berlaku mulai bulan depan di seluruh daerah.",
    "Pemerintah daerah juga meminta warga untuk tetap waspada terhadap banjir.",
    "Harga beras naik sekitar 5 persen dibandingkan pekan lalu, kata pedagang.",
    "Polisi masih menyelidiki penyebab kebakaran yang terjadi pada Senin malam.",
    "In 2023 the company reported a loss of $12 million - its first in a decade.",
    "Sebanyak 120 orang dievakuasi ke tempat yang lebih aman oleh petugas.",
    "Related Stories",
    "Home News Politics World Business Sport",
    "Ia menambahkan bahwa proses itu tidak mudah (dan memakan waktu lama).",
    "Warga desa sepakat menjaga janji mereka kepada kepala desa yang baru.",
    "The market may open lower as investors weigh the latest data from China.",
    "She described the design as simple, modern and easy to maintain.",
    "Pemain muda itu mencetak dua gol dalam pertandingan sepak bola semalam.",
    "Dia marah karena permintaannya tidak pernah ditanggapi oleh pihak sekolah.",
    "Most of the novel takes place in a small town near the border.",
    "Apakah kamu sudah mencoba resep masakan sederhana ini di rumah?",
    "Prices rose by about a third over the summer, according to the survey.",
    "Menteri juga mengingatkan pentingnya menjaga kesehatan selama musim hujan.",
    "There was no immediate comment from the company on Friday.",
    "Kami berharap semua pihak dapat bekerja sama demi kemajuan bersama.",
    "What happens next depends on the vote in parliament.",
)

# An element every match contains: ("str", literal, flags) or ("cls", class source, flags).
_Atom = tuple[str, str, int]
_Clause = frozenset  # of _Atom: the line contains at least one of them


#: raised inside the analysis when an alternative can start with any character (or a
#: node cannot be read: a back-reference, an opcode of a later Python)
_Any = _t.Unknown


@lru_cache(maxsize=4096)
def guards(source: str, flags: int, whole_line: bool = False) -> tuple[str, str]:
    """The look-ahead guards for ``source``: (its cheap tests, its scan for a required
    element), each ``""`` when there is none.

    ``flags`` are the flags the merged pattern is compiled with.  ``whole_line``: the
    pattern is run with ``fullmatch`` on a normalised line, so a line longer than
    anything it can match is ruled out by its length alone.  Cached: the same pack
    rules are merged again for every Cleaner and every outlet profile.
    """
    try:
        tree = _t.parse(source, flags)
    except (re.error, RecursionError):
        return "", ""
    flags |= tree.state.flags
    try:
        atoms, nullable = _first(tree, flags)
    except (_Any, TypeError, ValueError, AttributeError, RecursionError):
        atoms, nullable = [], True
    if nullable or not atoms or any(src == "." for src, _ in atoms):
        first = None  # can start with anything
    else:
        first = _union(list(dict.fromkeys(atoms)))
    cheap = ""
    if first is not None and not (tree.data and tree.data[0][0] in (_c.LITERAL, _c.IN)):
        # (an alternative that starts with a literal or a class the engine already
        # skips on its first character)
        cheap = f"(?={first})"
    if whole_line:
        cheap += _length_guard(tree)
    scan = ""
    if first is None or _starts_share(first) >= MIN_WIDE:
        scan = _rarest_required(tree, flags) or ""
    try:  # a safety net: a guard the analysis got wrong must not break a profile
        re.compile(cheap + scan + source, flags)
    except re.error:
        return "", ""
    return cheap, scan


def merge(sources: Sequence[str], markers: Sequence[str], flags: int,
          whole_line: bool) -> str:
    """The alternation of ``sources``, each guarded and followed by its marker (an
    empty named group that tells which alternative matched).

    A scan for a required element that several alternatives share (a digit, for the
    date rules of every language) runs once, up front, in a look-ahead that sets a
    group; each of those alternatives then only asks whether the group was set
    (``(?(_q0)|(?!))``), which costs nothing.
    """
    found = [guards(src, flags, whole_line) for src in sources]
    counts: dict[str, int] = {}
    for _, scan in found:
        if scan:
            counts[scan] = counts.get(scan, 0) + 1
    shared = {scan: f"_q{k}" for k, scan in enumerate(s for s, n in counts.items() if n > 1)}
    head = "".join(f"(?=(?P<{name}>{scan[3:-1]})?)" for scan, name in shared.items())
    parts = []
    for src, marker, (cheap, scan) in zip(sources, markers, found, strict=True):
        if scan in shared:
            scan = f"(?({shared[scan]})|(?!))"
        parts.append(f"{cheap}{scan}{src}{marker}")
    joined = f"{head}(?:{'|'.join(parts)})"
    try:
        re.compile(joined, flags)
    except re.error:  # (a safety net, as in guards(): unguarded, the plain alternation)
        return f"(?:{'|'.join(s + m for s, m in zip(sources, markers, strict=True))})"
    return joined


def _length_guard(tree: Any) -> str:
    """``(?=.{lo,hi}+$)`` when a whole-line match is at most ``MAX_GUARD_WIDTH``
    characters long: a possessive count over "any character" is one step, so most
    prose lines are ruled out at once.  Empty when the width is unbounded."""
    try:
        lo, hi = _width(tree)
    except (_Any, TypeError, ValueError, AttributeError, RecursionError):
        return ""
    if hi > MAX_GUARD_WIDTH:
        return ""
    return f"(?=(?s:.{{{lo},{hi}}}{_POSSESSIVE}$))"


def _width(items: Any) -> tuple[int, int]:
    """(fewest, most) characters a sequence can match in a *normalised* line, where
    whitespace comes one character at a time: a repeated pure-whitespace class
    (``\\s*``, ``\\s+``, `` +``) takes at most one.  Unbounded is ``_UNBOUNDED``."""
    lo = hi = 0
    for op, av in items:
        a, b = _width_item(op, av)
        lo, hi = lo + a, min(hi + b, _UNBOUNDED)
    return lo, hi


def _width_item(op: Any, av: Any) -> tuple[int, int]:
    if op in _t.ONE_CHAR:
        return 1, 1
    if op in _t.ZERO_WIDTH:
        return 0, 0
    if op is _c.BRANCH:
        widths = [_width(seq) for seq in av[1]]
        return min(w[0] for w in widths), max(w[1] for w in widths)
    if op is _c.SUBPATTERN:
        return _width(av[3])
    if op is _t.ATOMIC_GROUP:
        return _width(av)
    if op in _t.REPEATS:
        rlo, rhi, sub = av
        a, b = _width(sub)
        if _whitespace_only(sub):
            rhi = min(rhi, 1)
        return rlo * a, min(rhi * b, _UNBOUNDED)
    raise _Any(str(op))  # back-references, conditionals: no bound known


def _whitespace_only(items: Any) -> bool:
    """A single class that can only match whitespace (``\\s``, `` ``, ``[ \\t]``)."""
    if len(items) != 1:
        return False
    op, av = items[0]
    if op is _c.LITERAL:
        return chr(av).isspace()
    if op is not _c.IN:
        return False
    return all((iop is _c.CATEGORY and iav == _c.CATEGORY_SPACE)
               or (iop is _c.LITERAL and chr(iav).isspace()) for iop, iav in av)


def required_literal(source: str, flags: int = 0) -> str | None:
    """A case-sensitive string every match of ``source`` contains (the rarest in prose,
    longest first), or None: a text without it cannot match, so one ``in`` test can
    spare a ``search`` over a whole document."""
    strings = [cl for cl in _required_of(source, flags) if len(cl) == 1
               and all(kind == "str" and not fl & re.IGNORECASE for kind, _, fl in cl)]
    if not strings:
        return None
    ((_, value, _),) = min(strings, key=_commonness)
    return value


@lru_cache(maxsize=256)
def precheck(source: str, flags: int = 0) -> Callable[[str], bool]:
    """A fast necessary condition for ``re.search(source, text, flags)``: a function
    that is False only for a text which cannot match (it lacks an element every match
    contains); always True when no such element is known.

    For patterns run with ``search`` over many lines, where a look-ahead guard would
    be tried at every position instead of once.
    """
    clauses = [cl for cl in _required_of(source, flags) if _commonness(cl)[0] <= MAX_COMMON]
    if not clauses:
        return _always
    clause = min(clauses, key=_commonness)
    if len(clause) == 1:
        ((kind, value, fl),) = clause
        if kind == "str" and not fl & re.IGNORECASE:
            return value.__contains__  # the plain substring test
    rx = _clause_regex(clause)
    return lambda text: rx.search(text) is not None


def _required_of(source: str, flags: int) -> list[_Clause]:
    """The clauses every match of ``source`` satisfies ([] when it cannot be read)."""
    try:
        tree = _t.parse(source, flags)
        return _required(tree, flags | tree.state.flags)
    except (_Any, re.error, TypeError, ValueError, AttributeError, RecursionError):
        return []


def _clause_regex(clause: _Clause) -> re.Pattern[str]:
    """A regex that finds any element of ``clause`` (a class without cased letters
    drops the case flag, which only makes the engine fold every character)."""
    return re.compile("|".join(
        _scoped(value if kind == "cls" else re.escape(value),
                fl if kind == "str" or _has_case(value) else fl & ~re.IGNORECASE)
        for kind, value, fl in sorted(clause)), re.DOTALL)


def _always(text: str) -> bool:
    return True


def _union(atoms: list[tuple[str, int]]) -> str:
    """One regex for "one of these single-character atoms": atoms that share their
    flags merge into one character class where they can (one test instead of many)."""
    by_flags: dict[int, list[str]] = {}
    for src, fl in atoms:
        by_flags.setdefault(fl, []).append(src)
    out = []
    for fl, srcs in by_flags.items():
        inner = [_class_body(s) for s in srcs]
        if len(srcs) > 1 and all(i is not None for i in inner):
            out.append(_scoped(f"[{''.join(inner)}]", fl))  # type: ignore[arg-type]
        else:
            out.extend(_scoped(s, fl) for s in srcs)
    return out[0] if len(out) == 1 else "|".join(out)


def _class_body(src: str) -> str | None:
    """What ``src`` contributes inside ``[...]``: a non-negated class's body, an
    escaped single character or a category; None for anything else."""
    if src.startswith("[^") or src == ".":
        return None
    if src.startswith("["):
        return src[1:-1]
    if src in _CATEGORY_SOURCES or len(src) == 1 or (len(src) == 2 and src[0] == "\\"):
        return src
    return None


def _scoped(src: str, flags: int) -> str:
    scope = ("i" if flags & re.IGNORECASE else "") + ("a" if flags & re.ASCII else "")
    return f"(?{scope}:{src})" if scope else f"(?:{src})"


# ---------------------------------------------------------------- first characters
#: a FIRST set that starts at least this share of the reference prose lines says
#: little about a line, so a required element is looked for as well
MIN_WIDE = 0.3


def _starts_share(first: str) -> float:
    """The share of reference prose lines (as written or case-folded: patterns run on
    either) whose first character can start the alternative."""
    rx = re.compile(first, re.DOTALL)
    return max(sum(1 for line in _PROSE if rx.match(line)),
               sum(1 for line in _PROSE if rx.match(line.casefold()))) / len(_PROSE)


def _first(items: Any, flags: int) -> tuple[list[tuple[str, int]], bool]:
    """(first atoms as (class source, flags), whether the sequence can match empty)."""
    atoms: list[tuple[str, int]] = []
    for op, av in items:
        got, nullable = _first_item(op, av, flags)
        atoms.extend(got)
        if not nullable:
            return atoms, False
    return atoms, True


def _first_item(op: Any, av: Any, flags: int) -> tuple[list[tuple[str, int]], bool]:
    if op in _t.ONE_CHAR:
        return [(_t.class_source(op, av), flags & _FLAG_MASK)], False
    if op in _t.ZERO_WIDTH:
        return [], True  # zero-width: ignoring it only widens the set
    if op is _c.BRANCH:
        atoms: list[tuple[str, int]] = []
        nullable = False
        for seq in av[1]:
            got, n = _first(seq, flags)
            atoms.extend(got)
            nullable = nullable or n
        return atoms, nullable
    if op is _c.SUBPATTERN:
        _group, add, delete, sub = av
        return _first(sub, (flags | add) & ~delete)
    if op in _t.REPEATS:
        lo, _hi, sub = av
        got, n = _first(sub, flags)
        return got, n or lo == 0
    if op is _t.ATOMIC_GROUP:
        return _first(av, flags)
    raise _Any(str(op))  # back-references, conditionals: anything


# ---------------------------------------------------------------- required elements
def _rarest_required(tree: Any, flags: int) -> str | None:
    """A look-ahead for the rarest element every match contains, or None.

    Only elements the engine can scan for quickly become guards: one literal string
    (``.*?`` then a literal skips ahead in C) or one character class (``[^x]*x`` is a
    tight loop); a choice among several strings is left out.
    """
    try:
        clauses = _required(tree, flags)
    except (_Any, re.error, TypeError, ValueError, AttributeError, RecursionError):
        return None
    ranked = []
    for clause in dict.fromkeys(clauses):
        look = _lookahead(clause)
        if look is None:
            continue
        common = _commonness(clause)
        if common[0] <= MAX_COMMON:
            ranked.append((common, look))
    if not ranked:
        return None
    return min(ranked)[1]


def _lookahead(clause: _Clause) -> str | None:
    """A look-ahead the engine runs fast: ``[^x]*x`` for single characters (one tight
    loop), ``.*?literal`` for one string; None for a choice among strings."""
    atoms = list(clause)
    if len(atoms) == 1 and atoms[0][0] == "str" and len(atoms[0][1]) > 1:
        _, value, flags = atoms[0]
        return f"(?={_scoped('.*?' + re.escape(value), flags)})"
    if len({fl for _, _, fl in atoms}) != 1:
        return None
    flags = atoms[0][2]
    bodies = []
    for kind, value, _ in atoms:
        body = _class_body(value if kind == "cls" else re.escape(value)) \
            if kind == "cls" or len(value) == 1 else None
        if body is None:
            return None
        bodies.append(body)
    cls = f"[{''.join(sorted(bodies))}]"
    if not _has_case(cls):
        flags &= ~re.IGNORECASE  # per-character case folding makes the scan slower
    return f"(?={_scoped(f'[^{cls[1:]}{_SCAN}{cls}', flags)})"


def _has_case(cls: str) -> bool:
    """Whether a class source mentions a character with case (outside escapes)."""
    bare = re.sub(r"\\[dDsSwW]", "", cls)
    return any(ch.lower() != ch.upper() for ch in bare)


def _required(items: Any, flags: int) -> list[_Clause]:
    """The clauses every match of a sequence satisfies (consecutive literals join into
    one string; optional parts and look-arounds require nothing)."""
    out: list[_Clause] = []
    run: list[str] = []
    for op, av in items:
        if op is _c.LITERAL:
            run.append(chr(av))
            continue
        if run:
            out.append(frozenset({("str", "".join(run), flags & _FLAG_MASK)}))
            run = []
        out.extend(_required_item(op, av, flags))
    if run:
        out.append(frozenset({("str", "".join(run), flags & _FLAG_MASK)}))
    return out


def _required_item(op: Any, av: Any, flags: int) -> list[_Clause]:
    if op in (_c.NOT_LITERAL, _c.IN):
        return [frozenset({("cls", _t.class_source(op, av), flags & _FLAG_MASK)})]
    if op is _c.BRANCH:
        per_branch = [_required(seq, flags) for seq in av[1]]
        if not all(per_branch):
            return []  # a branch that requires nothing: neither does the choice
        # an element every branch requires (a digit in every shape of date) is
        # required as it is; otherwise one element from each branch, the rarest
        shared = set(per_branch[0]).intersection(*per_branch[1:])
        if shared:
            return [min(shared, key=_commonness)]
        union: set[_Atom] = set()
        for clauses in per_branch:
            union |= min(clauses, key=_commonness)
        return [frozenset(union)]
    if op is _c.SUBPATTERN:
        _group, add, delete, sub = av
        return _required(sub, (flags | add) & ~delete)
    if op in _t.REPEATS:
        lo, _hi, sub = av
        return _required(sub, flags) if lo >= 1 else []
    if op is _t.ATOMIC_GROUP:
        return _required(av, flags)
    return []  # ANY, anchors, look-arounds, back-references: nothing to search for


@lru_cache(maxsize=4096)
def _commonness(clause: _Clause) -> tuple[float, int]:
    """(share of the reference prose lines containing the clause, minus its longest
    literal): the lower, the more lines a check for it rules out."""
    rx = _clause_regex(clause)
    hits = sum(1 for line in _PROSE if rx.search(line))
    return hits / len(_PROSE), -max(len(value) for _, value, _ in clause)

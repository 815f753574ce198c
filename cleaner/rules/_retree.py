"""Parse trees of Python regexes (``re._parser``): the one toolkit both analysers use.

Two modules read a rule's parse tree: :mod:`cleaner.rules.prefilter` (what an
alternative can start with, how long it is, what every match contains: look-ahead
guards for speed) and :mod:`cleaner.profiles._regex_safety` (whether it can backtrack
for ever: the ReDoS check at load).  They ask different questions of the same tree, so
the tree itself is read here, once: the version shim for the private parser, the
opcode groups (named for what they mean, so the two analyses cannot disagree on which
opcodes repeat, which never backtrack, which are zero-width), the children of a node,
and the character-class helpers.

``re._parser`` is private; Python 3.11 renamed it from ``sre_parse``.  Whatever an
analysis does not know (an opcode of a later Python) it must treat as "anything", and
both analysers catch the errors a strange tree raises.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable
from typing import Any

if sys.version_info >= (3, 11):
    from re import _constants as C
    from re import _parser as P
else:  # pragma: no cover - Python 3.10
    import sre_constants as C
    import sre_parse as P

__all__ = [
    "ATOMIC_GROUP", "BACKREFS", "BACKTRACKING_REPEATS", "CATEGORIES", "NEVER_BACKTRACK",
    "ONE_CHAR", "POSSESSIVE_REPEAT", "REPEATS", "ZERO_WIDTH", "C", "Item", "P", "Unknown",
    "children", "class_source", "in_class", "literal_text", "literals", "parse", "walk",
]

#: one node of a parse tree: (opcode, argument)
Item = tuple[Any, Any]


def _ops(*names: str) -> tuple[Any, ...]:
    """The opcodes of this Python among ``names`` (``POSSESSIVE_REPEAT`` and
    ``ATOMIC_GROUP`` are new in 3.11)."""
    return tuple(getattr(C, n) for n in names if hasattr(C, n))


#: quantifiers that give back what they took when the rest fails (``*``, ``+?``, ``{m,n}``)
BACKTRACKING_REPEATS = _ops("MAX_REPEAT", "MIN_REPEAT")
#: every quantifier, possessive ones (``*+``) included; each has ``(lo, hi, body)``
REPEATS = BACKTRACKING_REPEATS + _ops("POSSESSIVE_REPEAT")
#: parts that never give back what they matched: possessive quantifiers, atomic groups
NEVER_BACKTRACK = _ops("POSSESSIVE_REPEAT", "ATOMIC_GROUP")
POSSESSIVE_REPEAT = getattr(C, "POSSESSIVE_REPEAT", None)
ATOMIC_GROUP = getattr(C, "ATOMIC_GROUP", None)
#: parts that match no character: anchors, ``\b`` ``\B``, look-aheads and look-behinds
ZERO_WIDTH = (C.AT, C.ASSERT, C.ASSERT_NOT)
#: parts that match exactly one character
ONE_CHAR = (C.LITERAL, C.NOT_LITERAL, C.IN, C.ANY)
#: back-references (plain and conditional): what they match is known only at run time
BACKREFS = (C.GROUPREF, C.GROUPREF_EXISTS)


def _word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


#: the category escapes of a class: (their regex source, a test of one character)
CATEGORIES: dict[Any, tuple[str, Callable[[str], bool]]] = {
    C.CATEGORY_DIGIT: (r"\d", str.isdecimal),
    C.CATEGORY_NOT_DIGIT: (r"\D", lambda ch: not ch.isdecimal()),
    C.CATEGORY_SPACE: (r"\s", str.isspace),
    C.CATEGORY_NOT_SPACE: (r"\S", lambda ch: not ch.isspace()),
    C.CATEGORY_WORD: (r"\w", _word),
    C.CATEGORY_NOT_WORD: (r"\W", lambda ch: not _word(ch)),
}


def parse(source: str, flags: int = 0) -> Any:
    """The parse tree of ``source`` (a ``SubPattern``: a sequence of items; its
    ``state.flags`` holds the flags the pattern sets inline)."""
    return P.parse(source, flags)


def children(item: Item) -> list[Any]:
    """The sub-sequences inside one parsed item."""
    op, av = item
    if op in REPEATS:
        return [av[2]]
    if op is C.SUBPATTERN:
        return [av[3]]
    if op is C.BRANCH:
        return list(av[1])
    if op in (C.ASSERT, C.ASSERT_NOT):
        return [av[1]]
    if op is ATOMIC_GROUP:
        return [av]
    if op is C.GROUPREF_EXISTS:
        return [s for s in av[1:] if s is not None]
    return []


def walk(seq: Any) -> Iterable[Any]:
    """Every sequence in the tree, outermost first."""
    yield seq
    for item in seq:
        for child in children(item):
            yield from walk(child)


class Unknown(Exception):
    """A node an analysis cannot read (a back-reference, an opcode of a later Python)."""


def class_source(op: Any, av: Any) -> str:
    """The regex source of one single-character item (``.``, a literal, ``[^x]``,
    ``[a-z\\d]``); :class:`Unknown` for a class item it cannot write back."""
    if op is C.ANY:
        return "."
    if op is C.LITERAL:
        return re.escape(chr(av))
    if op is C.NOT_LITERAL:
        return f"[^{re.escape(chr(av))}]"
    parts = []
    for iop, iav in av:
        if iop is C.NEGATE:
            parts.insert(0, "^")
        elif iop is C.LITERAL:
            parts.append(re.escape(chr(iav)))
        elif iop is C.RANGE:
            parts.append(f"{re.escape(chr(iav[0]))}-{re.escape(chr(iav[1]))}")
        elif iop is C.CATEGORY and iav in CATEGORIES:
            parts.append(CATEGORIES[iav][0])
        else:
            raise Unknown(str(iop))
    return f"[{''.join(parts)}]"


def in_class(items: Any, ch: str) -> bool:
    """Whether ``ch`` is in a parsed character class ``[...]`` (a category this module
    does not know counts as matching: the safe side for both analyses)."""
    negate = False
    found = False
    code = ord(ch)
    for op, av in items:
        if op is C.NEGATE:
            negate = True
        elif op is C.LITERAL:
            found = found or code == av
        elif op is C.RANGE:
            found = found or av[0] <= code <= av[1]
        elif op is C.CATEGORY:
            found = found or (CATEGORIES[av][1](ch) if av in CATEGORIES else True)
    return found != negate


def literal_text(seq: Any, fold: bool = False) -> str | None:
    """The text of a sequence of plain characters (case-folded with ``fold``), else None."""
    if not all(op is C.LITERAL for op, _ in seq):
        return None
    text = "".join(chr(av) for _, av in seq)
    return text.casefold() if fold else text


def literals(seq: Any) -> Iterable[str]:
    """Every character a pattern names: its literals, and the ends and middle of its
    ranges (the characters worth testing a class against)."""
    for op, av in seq:
        if op in (C.LITERAL, C.NOT_LITERAL):
            yield chr(av)
        elif op is C.IN:
            for sub_op, sub_av in av:
                if sub_op in (C.LITERAL, C.NOT_LITERAL):
                    yield chr(sub_av)
                elif sub_op is C.RANGE:
                    lo, hi = sub_av
                    yield from (chr(lo), chr(hi), chr((lo + hi) // 2))
        for child in children((op, av)):
            yield from literals(child)

"""Split a text dump into lines and compute the cheap features every rule uses.

A line is a block of the dump between two line breaks (any of ``\\n``, ``\\r\\n``,
``\\r``, U+2028 and the other breaks ``str.splitlines`` knows).  Whitespace is
normalised (NBSP and other spaces become one space, zero-width characters go, the
ends are stripped); this normalised text is what a body paragraph may contain, so
nothing is ever invented.  Features are computed once here so the rule stages never
rescan a line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["LONG_LINE_WORDS", "Line", "normalize", "split_document", "split_lines"]

#: A line of at least this many words is running text whatever its shape (a headline,
#: a byline or a date line is shorter).  The engine's word limits derive from it
#: (:mod:`cleaner.thresholds`), and so do the rules' (:mod:`cleaner.rules.generic`).
LONG_LINE_WORDS = 25
#: a line of at least this many words is prose when it ends like a sentence or is
#: mostly lower case
PROSE_MIN_WORDS = 8
#: from this many words, a mostly lower-case line is prose even without a final stop
PROSE_LOWER_WORDS = 15

# Zero-width and format characters that scrapers leave behind; they carry no text.
_INVISIBLE_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]")
# Closing characters allowed after the sentence mark: quotes and brackets.
_TERMINAL = re.compile(
    r"[.!?…:;][\"'”’»)\]]*$|[\"”’»]$|\(\s*[A-Za-z]{2,6}(?:\s*/\s*[A-Za-z0-9]{2,8}){0,3}\s*\)$"
)
# Every _TERMINAL alternative ends in one of these: most lines are ruled out by one look.
_TERMINAL_END = frozenset(".!?…:;\"'”’»)]")
_ENUMERATED = re.compile(r"^(?:\d{1,3}[.)]|[a-zA-Z][.)]\s|[-–•*·]\s)")
_NON_LATIN = re.compile(r"[^\W\d_A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
_LETTER = re.compile(r"[^\W\d_]")


def normalize(text: str) -> str:
    """Whitespace-normalise one line: the only change cleaner ever makes to body text."""
    for ch in _INVISIBLE_CHARS:
        if ch in text:
            text = _INVISIBLE.sub("", text)
            break
    return " ".join(text.split())


# One space-separated token made only of punctuation ("-", "|", "©"): not a word.
# (Lines are normalised, so " " is the only whitespace; the line is searched with a
# space in front, which lets the engine skip from space to space.)
_PUNCT_TOKEN = re.compile(r" [^\w ]+(?= |$)")
# the first word character of every token that has one
_FIRST_CHAR = re.compile(r" [^\w ]*(\w)")
# every way _ENUMERATED can begin
_ENUM_START = frozenset("-–•*·")


@dataclass(slots=True)
class Line:
    """One non-empty line with its features.

    ``n`` is the 1-based line number in the input; ``words`` the number of word
    tokens (space-separated tokens with a letter or digit); ``terminal`` whether it
    ends like a sentence; ``latin`` the share of letters in Latin script (for the
    foreign-script rule); ``enumerated`` whether the line opens like a list item
    ("3.", "a)", "-", "•").  ``caps`` (the share of alphabetic words that start with a
    capital: headlines are high, prose is low) and ``numeric`` (the share of words
    that are numbers) are computed on first use: only short lines ever need them.
    """

    n: int
    text: str
    lower: str
    words: int
    terminal: bool
    latin: float = 1.0
    enumerated: bool = False
    _shape: tuple[float, float] | None = None

    @property
    def caps(self) -> float:
        return (self._shape or self._compute_shape())[0]

    @property
    def numeric(self) -> float:
        return (self._shape or self._compute_shape())[1]

    def _compute_shape(self) -> tuple[float, float]:
        firsts = "".join(_FIRST_CHAR.findall(" " + self.text))
        words = len(firsts)
        digits = sum(map(str.isdigit, firsts))
        alpha = words - digits - firsts.count("_")
        caps = sum(map(str.isupper, firsts)) / alpha if alpha > 0 else 0.0
        self._shape = (caps, digits / words if words else 0.0)
        return self._shape

    @property
    def prose(self) -> bool:
        """Looks like a sentence of running text rather than a label or a headline."""
        if self.words >= LONG_LINE_WORDS:
            return True
        if self.words >= PROSE_MIN_WORDS and (self.terminal or self.caps < 0.4):
            return True
        return self.words >= PROSE_LOWER_WORDS and self.caps < 0.5

    @property
    def headline(self) -> bool:
        """Looks like a headline: a few capitalised words, no closing full stop."""
        return (
            3 <= self.words <= LONG_LINE_WORDS
            and not self.text.endswith((".", ",", ";"))
            and self.caps >= 0.6  # last: the only test that may have to compute
        )


def _latin(text: str) -> float:
    if text.isascii() or _NON_LATIN.search(text) is None:
        return 1.0  # accents, curly quotes and dashes alone leave a line Latin
    letters = len(_LETTER.findall(text))
    return 1.0 - len(_NON_LATIN.findall(text)) / letters if letters else 1.0


def split_lines(text: str) -> list[Line]:
    """Split a dump into its non-empty, normalised lines (line numbers kept)."""
    return split_document(text)[0]


def split_document(text: str) -> tuple[list[Line], str]:
    """The lines of a dump (see :func:`split_lines`) and all of them case-folded,
    joined by newlines (for document-wide checks: a word missing from it is missing
    from every line).

    What can be done once per document is: the check for invisible characters, case
    folding (one ``casefold`` of all the lines joined) and, for an ASCII document,
    the script of every line.  Per line, the word count is the number of spaces plus
    one, less the tokens made only of punctuation.
    """
    raw = text.splitlines()
    ascii_doc = text.isascii()  # (a flag CPython keeps on every string: no scan)
    if not ascii_doc and any(ch in text for ch in _INVISIBLE_CHARS):
        norms = [normalize(r) for r in raw]
    else:
        norms = [" ".join(r.split()) for r in raw]
    kept = [(i, s) for i, s in enumerate(norms, start=1) if s]
    if not kept:
        return [], ""
    # str.lower has a fast path for ASCII text and gives what casefold gives there;
    # in a document with some non-ASCII lines, most lines still take it
    if ascii_doc:
        lower = "\n".join(s for _, s in kept).lower()
        lowers = lower.split("\n")
    else:
        lowers = [s.lower() if s.isascii() else s.casefold() for _, s in kept]
        lower = "\n".join(lowers)
    out: list[Line] = []
    append = out.append
    for (i, s), low in zip(kept, lowers, strict=True):
        words = s.count(" ") + 1 - len(_PUNCT_TOKEN.findall(" " + s))
        c0 = s[0]
        append(Line(
            i, s, low, words,
            s[-1] in _TERMINAL_END and _TERMINAL.search(s[-24:]) is not None,
            1.0 if ascii_doc else _latin(s),
            (c0 in _ENUM_START or c0.isdecimal() or s[1:2] in (".", ")"))
            and _ENUMERATED.match(s) is not None,
        ))
    return out, lower

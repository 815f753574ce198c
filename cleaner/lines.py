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
from functools import lru_cache

__all__ = ["Line", "normalize", "split_lines"]

# Zero-width and format characters that scrapers leave behind; they carry no text.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# first word character of each space-separated token that has one (lines are
# normalised first, so tokens are separated by exactly one space: no look-behind needed)
_FIRST = re.compile(r"(?:^| )[^\w\s]*(\w)")
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
    if "\u200b" in text or "\ufeff" in text or "\u00ad" in text or "\u200c" in text \
            or "\u200d" in text or "\u2060" in text:
        text = _INVISIBLE.sub("", text)
    return " ".join(text.split())


@dataclass(slots=True)
class Line:
    """One non-empty line with its features.

    ``n`` is the 1-based line number in the input; ``words`` the number of word
    tokens; ``terminal`` whether it ends like a sentence; ``caps`` the share of
    alphabetic words that start with a capital letter (headlines are high, prose is
    low); ``latin`` the share of letters in Latin script (for the foreign-script rule);
    ``numeric`` the share of tokens that are numbers; ``enumerated`` whether the line
    opens like a list item ("3.", "a)", "-", "•").
    """

    n: int
    text: str
    lower: str
    words: int
    terminal: bool
    caps: float
    latin: float
    numeric: float = 0.0
    enumerated: bool = False

    @property
    def prose(self) -> bool:
        """Looks like a sentence of running text rather than a label or a headline."""
        if self.words >= 8 and (self.terminal or self.caps < 0.4):
            return True
        return self.words >= 25 or (self.words >= 15 and self.caps < 0.5)

    @property
    def headline(self) -> bool:
        """Looks like a headline: a few capitalised words, no closing full stop."""
        return (
            3 <= self.words <= 25
            and self.caps >= 0.6
            and not self.text.endswith((".", ",", ";"))
        )


@lru_cache(maxsize=1 << 16)
def _features(text: str) -> tuple[str, int, bool, float, float, float, bool]:
    """``(lower, words, terminal, caps, latin, numeric, enumerated)`` of a line.

    Cached: menus and footers repeat across the pages of a crawl, so the same line
    text comes back again and again.
    """
    # One C-level scan collects the first alphanumeric character of every
    # whitespace-separated token; counting capitals and digits in that short string is
    # much cheaper than a Python loop over tokens (this runs on every line).
    firsts = "".join(_FIRST.findall(text))
    words = len(firsts)
    digits = sum(map(str.isdigit, firsts))
    alpha = words - digits - firsts.count("_")
    caps = sum(map(str.isupper, firsts)) / alpha if alpha > 0 else 0.0
    if text.isascii() or _NON_LATIN.search(text) is None:
        latin = 1.0  # accents, curly quotes and dashes alone leave a line Latin
    else:
        letters = len(_LETTER.findall(text))
        latin = 1.0 - len(_NON_LATIN.findall(text)) / letters if letters else 1.0
    terminal = text[-1] in _TERMINAL_END and _TERMINAL.search(text[-24:]) is not None
    return (text.casefold(), words, terminal, caps, latin, digits / words if words else 0.0,
            _ENUMERATED.match(text) is not None)


def split_lines(text: str) -> list[Line]:
    """Split a dump into its non-empty, normalised lines (line numbers kept)."""
    out: list[Line] = []
    for i, raw in enumerate(text.splitlines(), start=1):
        norm = normalize(raw)
        if norm:
            out.append(Line(i, norm, *_features(norm)))
    return out

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

__all__ = ["Line", "normalize", "split_lines"]

# Zero-width and format characters that scrapers leave behind; they carry no text.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_WORD = re.compile(r"\w+(?:[-'’.]\w+)*")
# Closing characters allowed after the sentence mark: quotes and brackets.
_TERMINAL = re.compile(r"[.!?…:;][\"'”’»)\]]*$|[\"”’»]$")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
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
    tokens; ``terminal`` whether it ends like a sentence; ``caps`` the share of words
    that start with a capital letter (headlines are high, prose is low); ``latin``
    the share of letters in Latin script (for the foreign-script rule).
    """

    n: int
    text: str
    lower: str
    words: int
    terminal: bool
    caps: float
    latin: float

    @property
    def prose(self) -> bool:
        """Looks like a sentence of running text rather than a label or a headline."""
        if self.words >= 8 and self.terminal:
            return True
        return self.words >= 15 and self.caps < 0.5

    @property
    def headline(self) -> bool:
        """Looks like a headline: a few capitalised words, no closing full stop."""
        return (
            3 <= self.words <= 25
            and self.caps >= 0.6
            and not self.text.endswith((".", ",", ";"))
        )


def _features(n: int, text: str) -> Line:
    tokens = _WORD.findall(text)
    words = len(tokens)
    if words:
        capital = sum(1 for t in tokens if t[0].isupper() or t[0].isdigit())
        caps = capital / words
    else:
        caps = 0.0
    letters = _LETTER.findall(text) if not text.isascii() else None
    if letters is None:
        latin = 1.0
    elif letters:
        latin = sum(1 for ch in letters if _LATIN.match(ch)) / len(letters)
    else:
        latin = 1.0
    return Line(
        n=n,
        text=text,
        lower=text.casefold(),
        words=words,
        terminal=bool(_TERMINAL.search(text)),
        caps=caps,
        latin=latin,
    )


def split_lines(text: str) -> list[Line]:
    """Split a dump into its non-empty, normalised lines (line numbers kept)."""
    out: list[Line] = []
    for i, raw in enumerate(text.splitlines(), start=1):
        norm = normalize(raw)
        if norm:
            out.append(_features(i, norm))
    return out

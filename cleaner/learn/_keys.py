"""What is counted for a line: its normalised text and the templates it may belong to.

Each line gives up to five *keys*, each counted once per document:

* ``E`` the whole line, normalised: case-folded, every digit run -> ``0``, month and
  weekday names -> ``<m>`` / ``<d>``, trailing punctuation dropped.  "Halaman 2 dari 3"
  and "Halaman 4 dari 5" are one key; so are "Update 24 Juli" and "Update 3 Agustus".
* ``P`` a *delimited prefix*: up to five words before ``:``, ``|``, ``»`` or a spaced
  dash ("Baca juga:", "Pilihan Editor:", "Jakarta (ANTARA) -"), when a tail follows.
* ``W2``/``W3`` the first two or three words of a line of at most ``max_words`` words
  ("Simak Video", "Ikuti berita terkini"), for templates without a delimiter.
* ``S`` the *shape* of a short bracketed line: letter runs -> ``a``, digit runs -> ``0``
  ("(abc/def)" -> ``(a/a)``, "[Gambas:Video CNN]" -> ``[a:a a]``).

Keys are plain strings; the miner hashes them into its sketch together with the outlet.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..lines import Line

__all__ = ["Key", "KeyMaker", "shape_regex"]

_DIGITS = re.compile(r"\d+")
_TRAIL = re.compile(r"[\s.…!?:;,]+$")
_DELIM = re.compile(r"(.{2,60}?)(\s*[:|»]\s*|\s+[-–—]{1,2}\s*|[–—]\s*)(?=\S)")
_SHAPE_TOKEN = re.compile(r"[^\W\d_]+|\d+|\s+|.")
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True, slots=True)
class Key:
    """One key of a line.  ``head`` is the original text of a prefix (P/W keys);
    ``slots`` the letter-run lengths of a shape (S keys)."""

    kind: str
    text: str
    head: str = ""
    slots: tuple[int, ...] = ()


class KeyMaker:
    """Turns a :class:`~cleaner.lines.Line` into its keys.

    ``months`` and ``weekdays`` come from the language packs' ``[words]``, so a dated
    chrome line ("Update data per 24 Juli 2022") counts as one template across dates.
    """

    def __init__(self, months: Iterable[str], weekdays: Iterable[str], *,
                 max_words: int = 40, max_chars: int = 300) -> None:
        names = sorted({m.casefold() for m in months if len(m) >= 3}, key=len, reverse=True)
        days = sorted({d.casefold() for d in weekdays}, key=len, reverse=True)
        self._months = re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b") \
            if names else None
        self._days = re.compile(r"\b(?:" + "|".join(map(re.escape, days)) + r")\b") \
            if days else None
        self.max_words = max_words
        self.max_chars = max_chars

    def norm(self, lower: str) -> str:
        """Normalise case-folded text: digits, month and weekday names.

        Names are replaced only in text with digits (a date): it keeps the cost of the
        name regexes off most lines.
        """
        out = _DIGITS.sub("0", lower)
        if "0" in out:
            if self._days is not None:
                out = self._days.sub("<d>", out)
            if self._months is not None:
                out = self._months.sub("<m>", out)
        return out

    def keys(self, ln: Line) -> list[Key]:
        """All keys of one line (the ``E`` key first)."""
        out: list[Key] = []
        text = ln.text
        short = ln.words <= self.max_words and len(text) <= self.max_chars
        full = self.norm(ln.lower) if short else ""
        if short and (len(text) >= 16 or len(_LETTER.findall(text)) >= 4):
            # (shorter fragments such as "id", "co", "5." are not chrome we can name)
            key = _TRAIL.sub("", full)
            if key:
                out.append(Key("E", "E|" + key))
        if ln.words <= 60:
            m = _DELIM.match(text)
            if m is not None:
                head = m.group(1)
                if len(head.split()) <= 5 and _LETTER.search(head):
                    delim = m.group(2).strip()[:1] or "-"
                    delim = "-" if delim in "-–—" else delim
                    out.append(Key("P", "P|" + self.norm(head.casefold().strip()) + delim,
                                   head=text[: m.end()].rstrip()))
        if short and ln.words >= 3:
            tokens, norms = text.split(), full.split()
            for n in (2, 3):
                if len(tokens) > n + 1 and len(norms) == len(tokens):
                    out.append(Key(f"W{n}", f"W{n}|" + " ".join(norms[:n]),
                                   head=" ".join(tokens[:n])))
        if len(text) <= 60 and text[0] in "([" and text[-1] in ")]" and ln.words <= 6:
            shape, slots = _shape(text)
            out.append(Key("S", "S|" + shape, slots=slots))
        return out


def _shape(text: str) -> tuple[str, tuple[int, ...]]:
    parts: list[str] = []
    slots: list[int] = []
    for tok in _SHAPE_TOKEN.findall(text):
        if tok.isspace():
            parts.append(" ")
        elif _LETTER.match(tok):
            parts.append("a")
            slots.append(len(tok))
        elif tok[0].isdigit():
            parts.append("0")
        else:
            parts.append(tok)
    shape = "".join(parts)
    shape = re.sub(r" ?([^a0 ]) ?", r"\1", shape)  # spaces around punctuation do not count
    return shape, tuple(slots)


def shape_regex(shape: str, lows: list[int], highs: list[int]) -> str:
    """A regex for a shape, letter runs bounded by the lengths seen (``lows``/``highs``)."""
    out: list[str] = []
    slot = 0
    for ch in shape:
        if ch == "a":
            lo, hi = (lows[slot], highs[slot]) if slot < len(lows) else (1, 40)
            out.append(f"[^\\W\\d_]{{{lo},{hi}}}")
            slot += 1
        elif ch == "0":
            out.append(r"\d+")
        elif ch == " ":
            out.append(r"\s+")
        else:
            out.append(r"\s*" + re.escape(ch) + r"\s*")
    return "".join(out)

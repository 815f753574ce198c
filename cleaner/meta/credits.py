"""Credit lines: who wrote, edited and photographed a story, in the packs' words.

News pages print their credits in a few shapes, whatever the language::

    Pewarta: Rina Sari, Budi Santoso | Editor: Dewi Lestari
    Penulis : Rina Sari
    Laporan Wartawan Contoh.com, Rina Sari
    By Jane Doe and John Roe        (the "and" is the pack's, or a comma / "&")
    Photo: Jane Doe

:func:`read_credits` splits a line at its labels (``[words.credits]`` of every pack:
``author``, ``editor``, ``photographer``) and returns the names per role, so ``author``
holds the writers only and editors and photographers are kept apart.  A line without
a label at its start gives nothing: a name alone is not a credit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..words import Words

__all__ = ["Credits", "read_credits"]

#: a credit line is short: a longer line with "oleh" in it is a sentence
CREDIT_MAX_WORDS = 30
#: a name has at most this many words ("Muhammad Rizky Pratama Putra")
NAME_MAX_WORDS = 5
#: name lists split on these marks (the packs' conjunctions are added per pack)
_NAME_SPLIT = r"\s*(?:,|&|/|;)\s*"


@dataclass(frozen=True)
class Credits:
    """Names per role; ``rule`` says which role label made the line a credit."""

    author: tuple[str, ...] = ()
    editor: tuple[str, ...] = ()
    photographer: tuple[str, ...] = ()
    rule: str = ""

    def __bool__(self) -> bool:
        return bool(self.author or self.editor or self.photographer)


@lru_cache(maxsize=16)
def _label_rx(words: Words) -> re.Pattern[str] | None:
    labels = [(label, role) for role, ls in words.credits.items() for label in ls]
    if not labels:
        return None
    labels.sort(key=lambda lr: -len(lr[0]))
    alt = "|".join(rf"(?P<{role}_{i}>{re.escape(label)})"
                   for i, (label, role) in enumerate(labels))
    # a label at the start of the line or after a separator, then ":" or a space; or,
    # after a name, a label with its colon ("Pewarta: Made Suryawan Editor: Ida")
    return re.compile(rf"(?P<pre>^|[|•·,(\-–—/]\s*|\s)\s*(?:{alt})\b\s*(?P<colon>[:\-–—]?)\s*",
                      re.IGNORECASE)


@lru_cache(maxsize=16)
def _name_rx(words: Words) -> re.Pattern[str]:
    particles = "|".join(re.escape(p) for p in words.particles) or "(?!)"
    word = r"[A-Z][\w.'’-]*"
    more = NAME_MAX_WORDS - 1
    return re.compile(rf"{word}(?:\s+(?:{word}|(?:{particles})(?=\s+[A-Z]))){{0,{more}}}")


def _names(segment: str, words: Words) -> list[str]:
    """The names in the text after a label: "Rina Sari, Budi Santoso"."""
    out: list[str] = []
    rx = _name_rx(words)
    for part in re.split(_NAME_SPLIT, segment):
        part = part.strip(" .()")
        if not part:
            continue
        m = rx.match(part)
        if not m:
            break  # prose after the names: stop
        name = _before_date(m.group(0), words).strip(" .")
        if len(name) >= 3 and name not in out:
            out.append(name)
        if m.end() < len(part.rstrip(" .")):
            break  # the name is followed by something else ("Rina Sari melaporkan")
    return out


def _before_date(name: str, words: Words) -> str:
    """A name without the month or weekday printed after it ("Jane Doe Mar 5")."""
    tokens = name.split()
    for k, tok in enumerate(tokens):
        low = tok.strip(".,").casefold()
        if low in words.months or low in words.weekdays:
            return " ".join(tokens[:k])
    return name


def read_credits(text: str, words: Words) -> Credits:
    """Names per role in one credit line; an empty :class:`Credits` when it is none."""
    if len(text.split()) > CREDIT_MAX_WORDS:
        return Credits()
    rx = _label_rx(words)
    if rx is None:
        return Credits()
    hits = [m for m in rx.finditer(text)
            if m.start() == 0 or m.group("pre").strip() or m.group("colon") == ":"]
    if not hits:
        return Credits()
    prefix = text[: hits[0].start()]
    # a label opens the line, or follows a name and a separator ("Rina Sari | Editor:")
    if prefix.strip(" |•·-–—(") and not _only_names_before(prefix, words):
        return Credits()
    found: dict[str, list[str]] = {"author": [], "editor": [], "photographer": []}
    first_role = ""
    for k, m in enumerate(hits):
        role = next(g.split("_")[0] for g, v in m.groupdict().items()
                    if v and g not in ("pre", "colon"))
        first_role = first_role or role
        end = hits[k + 1].start() if k + 1 < len(hits) else len(text)
        segment = text[m.end():end].strip(" |•·-–—")
        for name in _names(segment, words):
            if name not in found.setdefault(role, []):
                found[role].append(name)
    return Credits(tuple(found["author"]), tuple(found["editor"]),
                   tuple(found["photographer"]), rule=f"credit.{first_role}" if first_role else "")


def _only_names_before(prefix: str, words: Words) -> bool:
    """ "Rina Sari | Editor: ..." : a name, then a separator, before the first label."""
    prefix = prefix.strip()
    if not prefix.endswith(("|", "•", "·", "-", "–", "—")):
        return False
    return bool(_name_rx(words).fullmatch(prefix.rstrip("|•·-–— ").strip()))

"""Datelines: the place a story is filed from ("SEOUL - ...", "WASHINGTON DC, KOMPAS.com -",
"Jakarta CNN Indonesia —").

The prefix before the dash holds a place and often the outlet's name; the outlet part is
recognised by shape (a domain, an all-caps acronym after a normal word, an agency in
parentheses) or because it is the name of the profile in use, so this works for outlets
cleaner has never seen.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

__all__ = ["find_inline", "place_of"]

_PREFIX = re.compile(
    r"^(?P<pre>(?:[A-Z][\w.'’&]*(?:-[A-Z][\w.'’&]*)*"
    r"|[a-z][\w-]*\.[a-z]{2,}(?:\.[a-z]{2,})?|\([A-Za-z .]{2,20}\))"
    r"(?:\s*,?\s+(?:[A-Za-z][\w.'’&]*|\([A-Za-z .]{2,20}\))){0,5})\s*,?\s*[-–—]{1,2}(?:\s+|$)"
)
_AGENCY = re.compile(r"\s*\([^)]*\)")
_DOMAINISH = re.compile(r"\.(?:com|co|id|net|org|news|tv|in|uk)\b", re.IGNORECASE)


def _is_outlet_token(tok: str, first: str) -> bool:
    if _DOMAINISH.search(tok):
        return True
    # An all-caps acronym after a normally-cased place name ("Jakarta CNN Indonesia").
    return tok.isupper() and len(tok) >= 2 and not first.isupper()


def place_of(prefix: str, outlet_names: Iterable[str] = ()) -> str | None:
    """The place in a dateline prefix, without the outlet name or agency.

    ``outlet_names`` are names the outlet goes by (profile name, the site's domain
    label such as ``idxchannel``); a part equal to one of them, ignoring case, spaces
    and punctuation ("IDX CHANNEL"), is the outlet, not a place.
    """
    text = _AGENCY.sub("", prefix).strip(" ,")
    for name in outlet_names:
        if name:
            text = re.sub(re.escape(name), ",", text, flags=re.IGNORECASE)
    parts = [p.strip() for p in text.split(",") if p.strip()]
    places = []
    for part in parts:
        toks = part.split()
        keep = []
        for tok in toks:
            if _is_outlet_token(tok, toks[0]):
                break
            keep.append(tok)
        if keep and len(keep) == len(toks):
            places.append(" ".join(keep))
        elif keep:
            places.append(" ".join(keep))
            break
    squashed = {re.sub(r"\W", "", n).casefold() for n in outlet_names if n}
    places = [p for p in places if re.sub(r"\W", "", p).casefold() not in squashed]
    if not places:
        return None
    place = places[0]
    if len(place.split()) > 4 or not place[0].isupper():
        return None
    return place


def find_inline(text: str, outlet_names: Iterable[str] = ()) -> tuple[str, str] | None:
    """``(place, prefix)`` when a paragraph opens with a dateline, else None.

    A prefix counts only if it carries a sign of being a dateline: an all-caps word,
    a domain, an agency in parentheses, a comma, or at most three capitalised words.
    """
    if not isinstance(outlet_names, tuple):
        outlet_names = tuple(outlet_names)
    return _find_inline(text, outlet_names)


@lru_cache(maxsize=4096)
def _find_inline(text: str, outlet_names: tuple[str, ...]) -> tuple[str, str] | None:
    # cached: the body window asks about the same opening lines more than once
    m = _PREFIX.match(text)
    if not m or m.end() >= len(text):
        return None
    pre = m.group("pre")
    words = pre.split()
    strong = (
        any(w.isupper() and len(w.strip(",")) >= 3 for w in words)
        or _DOMAINISH.search(pre) is not None
        or "(" in pre
        or "," in pre
        or (len(words) <= 3 and all(w[0].isupper() for w in words))
    )
    if not strong:
        return None
    place = place_of(pre, outlet_names)
    if place is None and not _DOMAINISH.search(pre):
        return None
    return (place or "", text[: m.end()])

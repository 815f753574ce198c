"""Parse the dates news pages print into ISO 8601, fast and without guessing.

Month names, weekdays and time zones come from the ``[words]`` tables of the language
packs, and are also exposed as regex placeholders (``{month}``, ``{weekday}``,
``{date}``, ``{time}``, ``{tz}``) for the rules in packs and profiles.  This is a small
hand-written parser rather than dateparser: it runs only on lines a rule already
marked as date lines, needs no 200 ms import, and returns a date alone when no time
is printed (never a made-up midnight).  dateparser is used, when installed, only as a
fallback for a date line this parser cannot read.
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = ["byline_words", "date_from_url", "parse_date", "placeholders"]

PACKS_DIR = Path(__file__).parent.parent / "packs"
_STANDARD_TZ = {
    "UTC": "+00:00", "GMT": "+00:00", "Z": "+00:00",
    "BST": "+01:00", "CET": "+01:00", "CEST": "+02:00",
    "EST": "-05:00", "EDT": "-04:00", "CST": "-06:00", "CDT": "-05:00",
    "PST": "-08:00", "PDT": "-07:00",
}


@lru_cache(maxsize=1)
def _packs() -> tuple[dict[str, Any], ...]:
    """The raw pack files, read once (words for the parser, languages for dateparser)."""
    out = []
    for file in sorted(PACKS_DIR.glob("*.toml")):
        with file.open("rb") as fh:
            out.append(tomllib.load(fh))
    return tuple(out)


def _pack_words() -> tuple[dict[str, Any], ...]:
    return tuple(pack.get("words", {}) for pack in _packs())


@lru_cache(maxsize=1)
def _words() -> tuple[dict[str, int], list[str], dict[str, str]]:
    months: dict[str, int] = {}
    weekdays: list[str] = []
    tzs: dict[str, str] = dict(_STANDARD_TZ)
    for words in _pack_words():
        months.update({k.casefold(): int(v) for k, v in words.get("months", {}).items()})
        weekdays.extend(w.casefold() for w in words.get("weekdays", []))
        tzs.update(words.get("timezones", {}))
    return months, weekdays, tzs


def byline_words() -> list[str]:
    """The words that introduce an author's name ("By", "Oleh"), from all packs."""
    return sorted({w.casefold() for words in _pack_words() for w in words.get("byline", [])},
                  key=lambda w: (-len(w), w))


def _alt(words: list[str]) -> str:
    uniq = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace("'", "['’]?") for w in uniq)


@lru_cache(maxsize=1)
def placeholders() -> dict[str, str]:
    """Regex fragments for ``{month}``, ``{weekday}``, ``{tz}``, ``{date}``, ``{time}``."""
    months, weekdays, tzs = _words()
    month = f"(?:{_alt(list(months))})"
    tz = f"(?:{_alt(list(tzs))})"
    time = (r"(?:\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s*[ap]\.?m\.?)?"
            rf"(?:\s*{tz}|\s*[+-]\d{{2}}:?\d{{2}})?)")
    date = (rf"(?:\d{{1,2}}\s*{month}\.?\s*,?\s*\d{{4}}"
            rf"|{month}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
            r"|\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})"
            r"|\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?)")
    return {"month": month, "weekday": f"(?:{_alt(weekdays)})", "tz": tz,
            "time": time, "date": date}


_ISO = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?[.\d]*(Z|[+-]\d{2}:?\d{2})?)?"
)
_NUMERIC = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})\b")
_DAY_MONTH = re.compile(r"(\d{1,2})\s*([^\W\d_]+)\.?\s*,?\s*(\d{4})")
_MONTH_DAY = re.compile(r"([^\W\d_]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")
_TIME = re.compile(
    r"(?<![\d/])(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?\s*([ap])?\.?(?:m\.?)?(?![\d/])"
    r"(?:\s*([A-Za-z]{1,5})\b|\s*([+-]\d{2}):?(\d{2}))?"
)


def _valid(y: int, m: int, d: int) -> bool:
    return 1900 <= y <= 2100 and 1 <= m <= 12 and 1 <= d <= 31


def parse_date(text: str) -> str | None:
    """ISO 8601 from a printed date (``Jum'at, 25 Oktober 2024 - 15:40 WIB``).

    Numeric dates are read day first (``24/10/2024``), the order of nearly all the
    world's news sites; a first number over 12 is never a month either way.
    """
    months, _, tzs = _words()
    m = _ISO.search(text)
    if m:
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
        if not _valid(y, mo, d):
            return None
        if m[4] is None:
            return f"{y:04d}-{mo:02d}-{d:02d}"
        sec = int(m[6] or 0)
        tz = m[7]
        off = "" if tz is None else ("+00:00" if tz == "Z" else _offset(tz))
        return f"{y:04d}-{mo:02d}-{d:02d}T{int(m[4]):02d}:{int(m[5]):02d}:{sec:02d}{off}"
    date: tuple[int, int, int] | None = None
    rest = text
    m = _NUMERIC.search(text)
    if m:
        d, mo, y = int(m[1]), int(m[2]), int(m[3])
        if y < 100:
            y += 2000
        if mo > 12 and d <= 12:
            d, mo = mo, d
        if _valid(y, mo, d):
            date = (y, mo, d)
            rest = text[: m.start()] + " " + text[m.end():]
    if date is None:
        for rx, order in ((_DAY_MONTH, "dmy"), (_MONTH_DAY, "mdy")):
            for m in rx.finditer(text):
                if order == "dmy":
                    d, name, y = int(m[1]), m[2], int(m[3])
                else:
                    name, d, y = m[1], int(m[2]), int(m[3])
                mo = months.get(name.casefold())
                if mo and _valid(y, mo, d):
                    date = (y, mo, d)
                    rest = text[: m.start()] + " " + text[m.end():]
                    break
            if date:
                break
    if date is None:
        return _fallback(text)
    y, mo, d = date
    t = _TIME.search(rest)
    if not t:
        return f"{y:04d}-{mo:02d}-{d:02d}"
    hh, mm, ss = int(t[1]), int(t[2]), int(t[3] or 0)
    if t[4]:
        hh = hh % 12 + (12 if t[4].lower() == "p" else 0)
    if hh > 23 or mm > 59 or ss > 59:
        return f"{y:04d}-{mo:02d}-{d:02d}"
    off = ""
    if t[5] and t[5].upper() in tzs:
        off = tzs[t[5].upper()]
    elif t[6]:
        off = f"{t[6]}:{t[7]}"
    return f"{y:04d}-{mo:02d}-{d:02d}T{hh:02d}:{mm:02d}:{ss:02d}{off}"


def _offset(tz: str) -> str:
    tz = tz.replace(":", "")
    return f"{tz[:3]}:{tz[3:5]}"


_URL_DATE = re.compile(
    r"/((?:19|20)\d{2})[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?=[/_-]|\d|$)"
)


def date_from_url(url: str) -> str | None:
    """The date in an article URL path (``/read/2024/10/31/...``), as ``YYYY-MM-DD``."""
    m = _URL_DATE.search(url)
    if not m:
        return None
    return f"{m[1]}-{m[2]}-{m[3]}"


def _languages() -> list[str]:
    return [pack["language"] for pack in _packs() if pack.get("language")]


def _fallback(text: str) -> str | None:
    try:
        import dateparser  # optional, slow to import: only for lines we could not read
    except ImportError:
        return None
    # only the packs' languages: with languages=None dateparser tries ~400 locales
    # no relative parser: "2 jam yang lalu" counted from this machine's clock would be
    # a date the page never printed (relative stamps need Options.crawl_time)
    parsed = dateparser.parse(text, languages=_languages(),
                              settings={"STRICT_PARSING": True,
                                        "PARSERS": ["custom-formats", "absolute-time"]})
    if parsed is None:
        return None
    if parsed.tzinfo is not None:
        return parsed.isoformat()
    return parsed.date().isoformat() if (parsed.hour, parsed.minute) == (0, 0) else \
        parsed.isoformat()

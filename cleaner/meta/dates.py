"""Parse the dates news pages print into ISO 8601, fast and without guessing.

Month names, weekdays and time zones come from the ``[words]`` tables of the language
packs (a :class:`cleaner.words.Words`: the Engine's own, or the shipped packs' when none
is handed in; this module reads no pack file), and are also exposed as regex
placeholders (``{month}``, ``{weekday}``, ``{date}``, ``{time}``, ``{tz}``) for the
rules in packs and profiles.  This is a small
hand-written parser rather than dateparser: it runs only on lines a rule already
marked as date lines, needs no 200 ms import, and returns a date alone when no time
is printed (never a made-up midnight).  dateparser is used, when installed, only as a
fallback for a date line this parser cannot read.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..words import Words

__all__ = ["byline_words", "date_from_url", "default_words", "parse_date", "placeholders"]

def default_words() -> Words:
    """The shipped packs' words, for callers that do not hand their own."""
    from ..profiles import builtin_words  # the one loader of the packs

    return builtin_words()


def _words(words: Words | None = None) -> tuple[Mapping[str, int], tuple[str, ...],
                                                 dict[str, str]]:
    w = words or default_words()
    return w.months, w.weekdays, w.all_timezones


def byline_words(words: Words | None = None) -> list[str]:
    """The words that introduce an author's name ("By", "Oleh"), from all packs."""
    return list((words or default_words()).byline)


def placeholders(words: Words | None = None) -> dict[str, str]:
    """Regex fragments for ``{month}``, ``{weekday}``, ``{tz}``, ``{date}``, ``{time}``."""
    return (words or default_words()).placeholders


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


def parse_date(text: str, words: Words | None = None) -> str | None:
    """ISO 8601 from a printed date (``Jum'at, 25 Oktober 2024 - 15:40 WIB``).

    Numeric dates are read day first (``24/10/2024``), the order of nearly all the
    world's news sites; a first number over 12 is never a month either way.
    """
    months, _, tzs = _words(words)
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
        return _fallback(text, words)
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


def _fallback(text: str, words: Words | None = None) -> str | None:
    try:
        import dateparser  # optional, slow to import: only for lines we could not read
    except ImportError:
        return None
    # only the packs' languages: with languages=None dateparser tries ~400 locales
    # no relative parser: "2 jam yang lalu" counted from this machine's clock would be
    # a date the page never printed (relative stamps need Options.crawl_time)
    parsed = dateparser.parse(text, languages=list((words or default_words()).languages),
                              settings={"STRICT_PARSING": True,
                                        "PARSERS": ["custom-formats", "absolute-time"]})
    if parsed is None:
        return None
    if parsed.tzinfo is not None:
        return parsed.isoformat()
    return parsed.date().isoformat() if (parsed.hour, parsed.minute) == (0, 0) else \
        parsed.isoformat()

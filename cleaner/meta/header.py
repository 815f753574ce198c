"""Facts printed in the page header that no whole-line rule caught.

Bylines and dates above a headline come in many shapes ("Posted on June 29, 2020 by
Jane Doe", "Nov 08, 2025 7 min read", "Oleh: Budi | Senin, 4/11/2024"); after the line
rules, the lines just above the body are searched for the first date and the first
"By <Name>" (the byline words come from the language packs).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

from ..lines import LONG_LINE_WORDS, Line
from ..rules.prefilter import precheck
from ..thresholds import DEFAULT
from ..words import Words
from .credits import read_credits
from .dates import byline_words, default_words, parse_date, placeholders
from .facts import plausible_date, price_like, resolve_relative

__all__ = ["HeaderFacts", "find_author", "find_date", "header_facts", "opens_with_byline"]


#: compiled header patterns kept per Words (one per Cleaner's packs, plus the default)
_PATTERN_CACHE = 16


@lru_cache(maxsize=_PATTERN_CACHE)
def _date_rx(words: Words) -> re.Pattern[str]:
    ph = placeholders(words)
    clock = "".join(f"{re.escape(w)}|" for w in words.clock_before)
    return re.compile(rf"(?:{ph['weekday']}\.?,?\s*)?{ph['date']}(?:\s*(?:{clock},|-|\|)?\s*"
                      rf"{ph['time']})?", re.IGNORECASE)


@lru_cache(maxsize=_PATTERN_CACHE)
def _author_rx(words: Words) -> re.Pattern[str]:
    labels = "|".join(re.escape(w) for w in byline_words(words))
    # lower-case name particles ("van", "bin") are the packs' words
    particles = "".join(f"|{re.escape(p)}" for p in words.particles)
    name = rf"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*{particles})){{0,3}}"
    return re.compile(rf"(?:^|(?<=[\s|•·,(]))(?i:{labels})\s*:?\s+(?P<name>{name})")


def find_date(text: str, words: Words | None = None) -> str | None:
    """The first printed date in a header line, as ISO 8601 (month names, weekdays and
    time zones from ``words``: the Cleaner's packs; the shipped packs' by default)."""
    found = find_date_at(text, words)
    return found[0] if found else None


def find_date_at(text: str, words: Words | None = None) -> tuple[str, int] | None:
    """The first printed date in a header line and where it starts, or None."""
    words = words or default_words()
    rx = _date_rx(words)
    if not precheck(rx.pattern, rx.flags)(text):  # e.g. a line without a digit
        return None
    m = rx.search(text)
    parsed = parse_date(m.group(0), words) if m else None
    return (parsed, m.start()) if parsed and m else None


def opens_with_byline(text: str, words: Words | None = None) -> bool:
    """Whether a line opens with a byline label and a name ("Penulis: Budi", "By Jane
    Doe"): a byline, whatever follows; "oleh" inside a sentence is not one."""
    return _author_rx(words or default_words()).match(text) is not None


def find_author(text: str, words: Words | None = None) -> str | None:
    """The name after the first byline word ("By Jane Doe" -> "Jane Doe")."""
    m = _author_rx(words or default_words()).search(text)
    if not m:
        return None
    name = m.group("name").strip(" .,")
    return name if len(name) >= 3 else None


# ---------------------------------------------------------------------- the stage
#: header facts sit at most this many lines above the body
HEAD_REACH = DEFAULT.head_reach
#: a dump's header block (byline, date) may sit in this many first lines of the window
HEAD_INTO_BODY = 10
#: a header line is short; longer lines are prose, whose dates are text
HEAD_LINE_MAX_WORDS = LONG_LINE_WORDS


@dataclass
class HeaderFacts:
    """Dates and credits found in the lines around the top of the body.

    ``lines`` maps each line index used to the rule that read it (``generic.date``,
    ``generic.credit.author``, ...), so the engine can mark it as metadata.
    """

    published: str | None = None
    author: tuple[str, ...] = ()
    editor: tuple[str, ...] = ()
    photographer: tuple[str, ...] = ()
    lines: dict[int, str] = field(default_factory=dict)
    provenance: dict[str, str] = field(default_factory=dict)


def header_facts(
    texts: Sequence[str], start: int, usable: Callable[[int], bool], words: Words,
    crawl_time: datetime | None = None, credit_ok: Callable[[int], bool] | None = None,
    in_body: Callable[[int], bool] | None = None,
) -> HeaderFacts:
    """Date and credits of the article whose body starts at line ``start``.

    The first lines of the body window are read first (a dump's byline and date often
    open it), then the lines above it from the body upwards, so the stamp nearest the
    article wins over a site header's "today" line far above it; a date must be
    plausible (not before 1990, not after the crawl) and a line with a price or rate
    gives none.
    ``usable(i)`` says whether line ``i`` may hold a header fact (not body, not chrome);
    ``credit_ok(i)`` whether it may be read as a credit line (default: any usable line);
    ``in_body(i)`` whether it is a body line, which gives a credit only when it opens
    with a credit label ("Penulis: ..."), never a name found inside it, and a date
    only near its start.
    """
    out = HeaderFacts()
    low = max(0, start - HEAD_REACH)
    order = [*range(start, min(start + HEAD_INTO_BODY, len(texts))),
             *range(start - 1, low - 1, -1)]
    for i in order:
        text = texts[i]
        if not usable(i) or len(text.split()) > HEAD_LINE_MAX_WORDS:
            continue
        body = in_body is not None and in_body(i)
        if out.published is None:
            _read_date(out, i, text, words, crawl_time, body)
        if not out.author and (credit_ok is None or credit_ok(i)):
            _read_credit(out, i, text, words, labelled_only=body)
            if not out.author and not body and i < start \
                    and _repeated_name(texts, i, start, words):
                out.author = (text,)
                out.lines.setdefault(i, "generic.byline.repeated")
                out.provenance["author"] = "text.generic.byline.repeated"
    return out


#: in a body line, a header date opens it: at most this many words before it
#: ("Updated", "Published on", "By Jane Doe")
IN_BODY_DATE_LEAD = 3
#: a body line read as a header fact has at most this many words ("April 10, 2025",
#: "By Jane Doe | 5 min read"); a longer one is a sentence, whatever it mentions
HEADER_LINE_IN_BODY_WORDS = 12


def header_shaped(ln: Line) -> bool:
    """Whether a line inside the body window may be a header fact: short, not prose,
    not ending like a sentence."""
    return ln.words <= HEADER_LINE_IN_BODY_WORDS and not ln.prose and not ln.terminal


def _opens_with_label(text: str, words: Words) -> bool:
    low = text.casefold()
    return any(low.startswith(label) and (len(low) == len(label) or not low[len(label)].isalnum())
               for label in words.byline_labels)


#: a bare name in the header block counts as the author only when the page prints it
#: again (its author box or bio); looked for in this many lines
REPEAT_SCAN_LINES = 2000


def _repeated_name(texts: Sequence[str], i: int, start: int, words: Words) -> bool:
    """A name-shaped line above the body that the page prints again below the body's
    start ("Jane Doe" above the headline, "Jane Doe is a reporter..." in the bio), and
    that is no part of the first line (the page's <title>: a headline repeats too)."""
    text = texts[i]
    if bare_name(text, words) != text or text.casefold() in texts[0].casefold():
        return False
    prefix = text + " "
    return any(t == text or t.startswith(prefix)
               for t in texts[start + 1:REPEAT_SCAN_LINES])


def bare_name(text: str, words: Words) -> str | None:
    """``text`` when it is shaped like a person's name: two to four capitalised words
    (initials and the packs' name particles allowed), no month or weekday."""
    tokens = text.split()
    if not 2 <= len(tokens) <= NAME_WORDS_MAX:
        return None
    particles = set(words.particles)
    for tok in tokens:
        low = tok.strip(".,").casefold()
        if low in words.months or low in words.weekdays:
            return None
        if tok.casefold() in particles:
            continue
        if not (tok[0].isupper() and _NAME_TOKEN.fullmatch(tok)):
            return None
    return text


#: a bare name has at most this many words
NAME_WORDS_MAX = 4
_NAME_TOKEN = re.compile(r"[^\W\d_][\w.'’-]*,?")


def _read_date(out: HeaderFacts, i: int, text: str, words: Words,
               crawl_time: datetime | None, body: bool = False) -> None:
    if price_like(text):
        return
    at = find_date_at(text, words)
    if at is not None and body and len(text[: at[1]].split()) > IN_BODY_DATE_LEAD:
        return  # a date late in a body line is the sentence's, not the page's stamp
    found = at[0] if at else None
    rule = "generic.date"
    if at is not None and not out.author and at[1] > 0 and not body:
        # "Jane Doe October 14, 2025": the name printed before the stamp
        name = bare_name(text[: at[1]].strip(" |•·,-–—"), words)
        if name:
            out.author = (name,)
            out.provenance["author"] = "text.generic.byline.date"
    if found is None:
        found = resolve_relative(text, words.relative_units, words.relative_after, crawl_time)
        rule = "generic.date.relative"
    if found and plausible_date(found, crawl_time):
        out.published = found
        out.lines[i] = rule
        out.provenance["published"] = f"text.{rule}"


def _read_credit(out: HeaderFacts, i: int, text: str, words: Words,
                 labelled_only: bool = False) -> None:
    credits = read_credits(text, words)
    if labelled_only and credits and not _opens_with_label(text, words):
        return
    if credits.author:
        out.author = credits.author
        out.editor = out.editor or credits.editor
        out.photographer = out.photographer or credits.photographer
        out.lines.setdefault(i, f"generic.{credits.rule}")
        out.provenance["author"] = f"text.generic.{credits.rule}"
        return
    if credits:
        out.editor = out.editor or credits.editor
        out.photographer = out.photographer or credits.photographer
        out.lines.setdefault(i, f"generic.{credits.rule}")
        return
    name = None if labelled_only else find_author(text, words)
    if name:
        out.author = (name,)
        out.lines.setdefault(i, "generic.byline")
        out.provenance["author"] = "text.generic.byline"

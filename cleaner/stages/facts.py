"""Stage 5, header facts: title and standfirst, body paragraphs, dateline, date and
byline, captions, agency sources and signature.

Each step is a function over the document, its final decisions (which it may turn
into ``metadata`` for the line a fact came from) and the :class:`Facts` found so far.
Facts come first from the metadata lines (:mod:`.decide`), then from shapes only the
lines near the body can have (a headline, a printed date, "By Name"), then from what
the caller knows (HTML ``<meta>`` tags, the URL).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..meta import dateline as dl
from ..meta import header
from ..meta.dates import date_from_url, parse_date
from ..meta.title import choose_title
from ..options import Options
from ..thresholds import Thresholds
from ..urls import registrable_domain
from .doc import Doc, Final, Found

__all__ = [
    "Facts",
    "agency_splitter",
    "body_paragraphs",
    "captions_and_sources",
    "find_date_and_byline",
    "find_dateline",
    "find_title",
]

Span = tuple[int, int]


@dataclass(slots=True)
class Facts:
    """The article's facts as the stages find them."""

    title: str | None = None
    description: str | None = None
    published: str | None = None
    author: str | None = None
    dateline: str | None = None
    signature: str | None = None
    captions: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)


def agency_splitter(conjunctions: Iterable[str]) -> re.Pattern[str]:
    """The separators between agencies in one credit ("Reuters, AFP dan Antara"): commas,
    slashes, ampersands and the packs' words for "and"."""
    words = "|".join(rf"\b{re.escape(w)}\b" for w in conjunctions)
    return re.compile(rf"\s*(?:,|/|&{'|' + words if words else ''})\s*")


def find_title(doc: Doc, final: list[Final], found: Found, span: Span | None,
               url: str | None, facts: Facts) -> None:
    """Title and standfirst: the metadata lines', else the headline above the body
    (:func:`cleaner.meta.title.choose_title`) and the prose right under it."""
    lines, pre_body = doc.lines, doc.pre_body
    if "title" in found:
        facts.title = found["title"][0][1]
    if "description" in found:
        facts.description = found["description"][0][1]
    if facts.title is not None or span is None or "generic.title" in doc.disabled:
        return
    start = span[0]
    above = [i for i in range(start) if final[i][1] == "generic.window.before"
             and i not in pre_body and not lines[i].prose]
    t = choose_title(lines, above, start, url)
    if t is None:
        return
    facts.title = lines[t].text
    final[t] = ("metadata", "generic.title", "title")
    if facts.description is not None or "generic.description" in doc.disabled:
        return
    for k in range(t + 1, start):  # the standfirst: prose right under the title
        if final[k][1] == "generic.window.before" or k in pre_body:
            if lines[k].prose:
                facts.description = lines[k].text
                final[k] = ("metadata", "generic.description", "description")
            break


def body_paragraphs(doc: Doc, final: list[Final]) -> list[str]:
    """The kept lines, in order; a standfirst the window skipped is page header."""
    for i in doc.pre_body:
        if final[i][0] == "kept":
            final[i] = ("dropped", "generic.window.before", "header")
    lines = doc.lines
    return [lines[i].text for i, f in enumerate(final) if f[0] == "kept"]


def find_dateline(doc: Doc, found: Found, paragraphs: list[str], facts: Facts, *,
                  url: str | None, outlet: str | None, options: Options) -> None:
    """A standalone dateline line, else the opening of the first paragraph (cut off it
    with ``Options.strip_dateline``)."""
    site = outlet or registrable_domain(url)
    names = (*doc.names, *((site.split(".")[0],) if site else ()))
    if "dateline" in found:
        raw = found["dateline"][0][1]
        facts.dateline = dl.place_of(raw, names) or raw
        return
    if not paragraphs:
        return
    hit = dl.find_inline(paragraphs[0], names)
    if hit is None:
        return
    facts.dateline = hit[0] or None
    if options.strip_dateline:
        rest = paragraphs[0][len(hit[1]):].strip()
        if rest:
            paragraphs[0] = rest


def find_date_and_byline(doc: Doc, final: list[Final], found: Found, span: Span | None,
                         th: Thresholds, facts: Facts, *, url: str | None,
                         seed: Mapping[str, Any]) -> None:
    """The publication date and author: metadata lines first, then dates and bylines
    in shapes no whole-line rule knows in the lines just above the body, then the
    caller's seed, the URL and a URL line of the page."""
    facts.published = _first_date(found.get("published", []))
    if "author" in found:
        facts.author = found["author"][0][1]
    if span is not None and (facts.published is None or facts.author is None):
        _scan_header(doc, final, span[0], th, facts)
    if facts.published is None and seed.get("published"):
        facts.published = seed["published"]
    if facts.published is None and url:
        facts.published = date_from_url(url)
    if facts.published is None:
        for i, f in enumerate(final):
            if f[1] == "common.url-only":
                facts.published = date_from_url(doc.lines[i].text)
                if facts.published:
                    break


def _scan_header(doc: Doc, final: list[Final], start: int, th: Thresholds,
                 facts: Facts) -> None:
    lines, off = doc.lines, doc.disabled
    for i in range(max(0, start - th.head_reach),
                   min(start + th.header_scan_into_body, len(lines))):
        if lines[i].words > th.header_line_words or final[i][0] == "kept" \
                or (final[i][0] == "metadata" and final[i][2] != "date"):
            continue
        if facts.published is None and "generic.date" not in off \
                and (d := header.find_date(lines[i].text)):
            facts.published = d
            if final[i][1] == "generic.window.before":
                final[i] = ("metadata", "generic.date", "date")
        if facts.author is None and "generic.byline" not in off \
                and (a := header.find_author(lines[i].text)):
            facts.author = a
            if final[i][1] == "generic.window.before":
                final[i] = ("metadata", "generic.byline", "byline")


def captions_and_sources(found: Found, facts: Facts, splitter: re.Pattern[str]) -> None:
    """Captions (the headline they repeat cut off), agency sources one by one, and the
    last signature (editor initials)."""
    title = facts.title
    for _, cap in found.get("caption", []):
        if title and cap.startswith(title) and len(cap) > len(title) + 1:
            cap = cap[len(title):].strip()
        if cap not in facts.captions:
            facts.captions.append(cap)
    for _, src in found.get("source", []):
        for part in splitter.split(src):
            part = part.strip(" .")
            if part and part not in facts.sources:
                facts.sources.append(part)
    if "signature" in found:
        facts.signature = found["signature"][-1][1]


def _first_date(values: list[tuple[int, str]]) -> str | None:
    for _, raw in values:
        parsed = parse_date(raw)
        if parsed:
            return parsed
    return None

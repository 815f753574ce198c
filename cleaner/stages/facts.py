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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..lines import Line
from ..meta import dateline as dl
from ..meta import header
from ..meta.dates import date_from_url, parse_date
from ..meta.title import agrees_with_first_line, choose_title, first_line_title, vouched
from ..options import Options
from ..urls import registrable_domain
from ..words import Words
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

#: lines the title may be taken from: above the body with no rule against them, or,
#: when the first line or the URL slug vouches for them, dropped only for repeating
#: another line (the headline repeats the <title>)
TITLE_POOL = frozenset({"generic.window.before", "generic.duplicate", "generic.headline-run"})


@dataclass(slots=True)
class Facts:
    """The article's facts as the stages find them."""

    title: str | None = None
    #: the line the title came from (for the header facts under it)
    title_at: int | None = None
    description: str | None = None
    published: str | None = None
    author: str | None = None
    editor: tuple[str, ...] = ()
    photographer: tuple[str, ...] = ()
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
               url: str | None, facts: Facts, words: Words | None = None) -> None:
    """Title and standfirst: the metadata lines', else the headline above the body
    (:func:`cleaner.meta.title.choose_title`) and the prose right under it."""
    lines, pre_body = doc.lines, doc.pre_body
    if "title" in found:
        facts.title = found["title"][0][1]
    if "description" in found:
        facts.description = found["description"][0][1]
    if facts.title is not None or span is None or "generic.title" in doc.disabled:
        return
    t = _title_line(doc, final, span, url, facts, words)
    if t is None:
        return
    facts.title = lines[t].text
    facts.title_at = t
    final[t] = ("metadata", "generic.title", "title")
    if facts.description is not None or "generic.description" in doc.disabled:
        return
    for k in range(t + 1, span[0]):  # the standfirst: prose right under the title
        if final[k][1] == "generic.window.before" or k in pre_body:
            if lines[k].prose:
                facts.description = lines[k].text
                final[k] = ("metadata", "generic.description", "description")
            break


def _title_line(doc: Doc, final: list[Final], span: Span, url: str | None,
                facts: Facts, words: Words | None = None) -> int | None:
    """The headline's line: a candidate above the window's first paragraph (its own
    header block included), else the headline part of the page's first line."""
    lines, pre_body = doc.lines, doc.pre_body
    start, end = span
    # the window's own header block: its lines before its first paragraph (and no
    # dateline paragraph from it or the repeats: that opens the body)
    reach = min(start + header.HEAD_INTO_BODY, end + 1)
    top = next((i for i in range(start, reach) if final[i][0] == "kept" and lines[i].prose),
               reach)
    above = [i for i in range(top) if i not in pre_body and not lines[i].prose
             and (final[i][1] == "generic.window.before"
                  or ((final[i][1] in TITLE_POOL or (i >= start and final[i][0] == "kept"))
                      and vouched(lines, i, url)
                      and not dl.find_inline(lines[i].text, doc.names)))
             # a byline ("Door Jan de Vries", in the packs' words) is never the headline
             and not header.opens_with_byline(lines[i].text, words)]
    t = choose_title(lines, above, start, url, limit=top)
    if (t is None or not agrees_with_first_line(lines, t, url)) \
            and final[0][1] == "generic.window.before" \
            and (first := first_line_title(lines, url, t)):
        facts.title = first
        final[0] = ("metadata", "generic.title.first-line", "title")
        return None
    return t


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
                         facts: Facts, *, url: str | None, seed: Mapping[str, Any],
                         words: Words, crawl_time: Any) -> None:
    """The publication date and credits: metadata lines first, then the article's header
    block (:func:`cleaner.meta.header.header_facts`: dates, bylines and credit lines in
    shapes no whole-line rule knows, the stamp nearest the body winning), then the
    lines under the chosen headline when the window missed its header, then the
    caller's seed, the URL and a URL line of the page."""
    facts.published = _first_date(found.get("published", []))
    if "author" in found:
        facts.author = found["author"][0][1]
    if span is not None and (facts.published is None or facts.author is None):
        _header_block(doc, final, span, facts, words, crawl_time)
    t = facts.title_at
    if span is not None and t is not None and (facts.published is None or facts.author is None) \
            and abs(t - span[0]) > header.HEAD_INTO_BODY:
        _under_headline(doc, final, t, facts, words, crawl_time)
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


def _own_rules(doc: Doc) -> frozenset[str]:
    """The outlet profile's rule ids: a credit line it decided stays as it says."""
    if doc.profile is None:
        return frozenset()
    return frozenset(r.id for rs in doc.profile.rules.values() for r in rs) | doc.profile_meta


def _header_block(doc: Doc, final: list[Final], span: Span, facts: Facts, words: Words,
                  crawl_time: Any) -> None:
    """Header facts above the body or in the first short lines of the window."""
    lines, off = doc.lines, doc.disabled
    start, end = span
    top = start + header.HEAD_INTO_BODY
    own = _own_rules(doc)

    def usable(i: int) -> bool:
        if i >= start and (i >= top or i > end):
            return i <= start + 1  # below the header block (as before: one line)
        if final[i][0] == "kept":
            return header.header_shaped(lines[i])
        return final[i][0] == "dropped" or final[i][2] == "date"

    hf = header.header_facts([ln.text for ln in lines], start, usable, words, crawl_time,
                             credit_ok=lambda i: final[i][1] not in own,
                             in_body=lambda i: i > start + 1 or final[i][0] == "kept")
    _take_header(hf, final, facts, off, lines)


def _under_headline(doc: Doc, final: list[Final], t: int, facts: Facts, words: Words,
                    crawl_time: Any) -> None:
    """The window missed the article's header: its facts sit under its headline."""
    lines, own = doc.lines, _own_rules(doc)
    hf = header.header_facts(
        [ln.text for ln in lines], t + 1,
        lambda i: i > t and final[i][0] != "metadata"
        and (final[i][0] != "kept" or header.header_shaped(lines[i])),
        words, crawl_time, credit_ok=lambda i: final[i][1] not in own,
        in_body=lambda i: True)
    _take_header(hf, final, facts, doc.disabled, lines)


def _take_header(hf: header.HeaderFacts, final: list[Final], facts: Facts,
                 off: frozenset[str], lines: Sequence[Line]) -> None:
    """Fill the facts still missing from ``hf``; its lines become metadata (unless a
    profile disabled the rule that would name them)."""
    if "generic.date" not in off:
        facts.published = facts.published or hf.published
    if "generic.byline" not in off:
        if facts.author is None and hf.author:
            facts.author = ", ".join(hf.author)
        facts.editor = facts.editor or hf.editor
        facts.photographer = facts.photographer or hf.photographer
    # a body line becomes a header fact only above the body's first prose line: below
    # it, whether it is read depends on what else the page holds (a date found earlier),
    # and cleaning the cleaned text would then decide it otherwise
    top = next((i for i, f in enumerate(final) if f[0] == "kept" and lines[i].prose),
               len(final))
    for i, rule in hf.lines.items():
        kind = "date" if "date" in rule else "byline"
        if f"generic.{kind}" in off and rule.startswith("generic."):
            continue
        if final[i][1] == "generic.window.before" or final[i][2] == "byline" \
                or (final[i][1] == "generic.window" and i < top):
            final[i] = ("metadata", rule, kind)


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

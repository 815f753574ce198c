"""Is this text an HTML page?  One answer for every caller (``Cleaner.clean`` routes by
it, ``cleaner learn`` reads pages by it, the fuzz target checks by it).

A page is HTML when, after a BOM and blank space, it starts with a tag and one of
``HTML_HINTS`` appears near the start; or when it starts with something else (HTTP
response headers, a crawler's junk, a chunk size from a bad chunked encoding) but a
page opening (``<!doctype html`` or ``<html``) follows within ``SNIFF_CHARS``,
together with a second element name of a page's skeleton.  Two markers, because a
text dump of an article *about* HTML may quote one tag, rarely a whole page opening.
"""

from __future__ import annotations

import re
from collections import Counter

__all__ = ["FLAT_DEPTH", "HTML_HINTS", "SNIFF_CHARS", "flatten_deep", "looks_like_html",
           "markup_start"]

#: how far into a document the sniffing looks (a page's opening is near its start;
#: HTTP headers before it are a few hundred bytes)
SNIFF_CHARS = 2048
#: element names that make a text starting with ``<`` a page ("<p>" included: a page
#: fragment starting with a paragraph is HTML to clean and to learn alike)
HTML_HINTS = ("<html", "<!doctype", "<body", "<head", "<div", "<p>", "<article")
#: a page opening found after leading non-markup, and the skeleton names that must
#: come with it
_OPENING = re.compile(r"<!doctype\s+html|<html[\s>]", re.IGNORECASE)
_SKELETON = re.compile(r"<(?:head|body|meta|title|div|link|script)[\s>/]", re.IGNORECASE)
_LEAD = "\ufeff \t\r\n\f\v"


def looks_like_html(text: str) -> bool:
    """Whether ``text`` is an HTML page (or fragment) rather than a text dump."""
    head = text[:SNIFF_CHARS].lstrip(_LEAD).lower()
    if head.startswith("<"):
        return any(h in head for h in HTML_HINTS)
    return markup_start(text) is not None


def markup_start(text: str) -> int | None:
    """Where the markup of a page begins when something else comes first (HTTP
    headers, junk), or None when no page opening follows within ``SNIFF_CHARS``."""
    m = _OPENING.search(text, 0, SNIFF_CHARS)
    if m is None or not _SKELETON.search(text, m.end(), m.end() + 2 * SNIFF_CHARS):
        return None
    return m.start()


# ---------------------------------------------------------------------- deep nesting
#: the deepest element nesting kept when a page is too deep for libxml2: far deeper than
#: any real layout (news pages nest 20-60 levels), and libxml2's own default limit
FLAT_DEPTH = 256
#: a comment, or a start/end tag whose attributes (quotes followed) fit in 4 KiB: the
#: bound keeps a stray ``<a`` with no ``>`` from scanning the rest of the page
_TAG = re.compile(r"<!--.*?(?:-->|\Z)|<(/?)([A-Za-z][\w:.-]{0,64})"
                  r"((?:[^>\"']|\"[^\"]{0,4096}\"|'[^']{0,4096}'){0,4096})>", re.DOTALL)
_VOID = frozenset(["area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                   "meta", "param", "source", "track", "wbr", "basefont", "bgsound", "frame",
                   "keygen"])
_RAW = frozenset(("script", "style", "textarea", "title", "xmp", "noscript", "template"))
#: elements a new one of the same kind closes implicitly (``<p>a<p>b``)
_SELF_CLOSING_RUN = frozenset(["p", "li", "dt", "dd", "tr", "td", "th", "option"])


def flatten_deep(text: str, max_depth: int = FLAT_DEPTH) -> str:
    """``text`` with every start tag (and its end tag) deeper than ``max_depth`` removed,
    all text kept: the lenient reading of a page nested past what libxml2 builds, so
    an article at depth 3 is extracted instead of the whole page being refused.

    A small tag tokenizer, not a parser: void elements, self-closing tags, comments, raw
    text elements (script, style) and the implicit end of ``p``/``li``/``td``... are
    followed; a stray end tag is left for libxml2 to ignore."""
    out: list[str] = []
    stack: list[tuple[str, bool]] = []  # (name, dropped)
    open_names: Counter[str] = Counter()  # names on the stack: an end tag is O(1)
    pos = 0
    for m in _TAG.finditer(text):
        if m.start() < pos:
            continue  # inside a raw text element skipped below
        out.append(text[pos:m.start()])
        pos = m.end()
        closing, name = m.group(1), (m.group(2) or "").lower()
        if not name:  # a comment
            out.append(m.group(0))
            continue
        if closing:
            if open_names[name]:
                while stack:
                    top, dropped = stack.pop()
                    open_names[top] -= 1
                    if top == name:
                        if not dropped:
                            out.append(m.group(0))
                        break
            else:
                out.append(m.group(0))
            continue
        if name in _SELF_CLOSING_RUN and stack and stack[-1][0] == name:
            open_names[stack.pop()[0]] -= 1
        void = name in _VOID or (m.group(3) or "").rstrip().endswith("/")
        drop = len(stack) >= max_depth
        if not drop:
            out.append(m.group(0))
        if name in _RAW and not void:
            end = re.compile(rf"</{re.escape(name)}\s*>", re.IGNORECASE).search(text, pos)
            stop = end.start() if end else len(text)
            out.append(text[pos:stop])  # raw text: kept as is, never tokenised
            if end is not None and not drop:
                out.append(end.group(0))
            pos = end.end() if end else len(text)
            continue
        if not void:
            stack.append((name, drop))
            open_names[name] += 1
    out.append(text[pos:])
    return "".join(out)

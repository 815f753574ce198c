"""The HTML path: profile selectors prune the tree, trafilatura extracts, line rules polish.

``Cleaner.clean`` sends a page here when it looks like HTML (or ``kind="html"``):

1. parse with lxml (no network, comments and processing instructions dropped);
2. read the facts the page declares about itself (:mod:`cleaner.html_meta`);
3. pick the outlet profile: ``outlet=``, the URL, then the page's canonical / ``og:url``
   host, then ``og:site_name``;
4. apply the profile's ``[html]`` selectors: ``body`` narrows the page to the article
   container, ``prune`` removes chrome.  If together they would leave less than
   ``MIN_KEPT_SHARE`` of the page's prose (the site changed its layout), nothing is
   removed for this page and ``Article.warnings`` says so;
5. trafilatura extracts the main text from the (pruned) lxml tree itself, not from a
   re-serialised string; comments are left out (an article is not its comments);
6. its text, one block per line, goes through the same
   :class:`~cleaner.pipeline.Engine` as a text dump, in ``"extracted"`` mode
   (:mod:`cleaner.stages.extracted`): profile rules, language packs, generic rules,
   body window and metadata as for a dump, but what only makes sense for dumps (the
   window's "page header") is revised, every rule decision standing, and declared
   facts (title, dates) and the profile's own selectors win over what the lines
   suggested.

When trafilatura finds no main text at all, the page's own text (one line per block
element, :func:`render_blocks`) goes through the engine as a dump instead, so a page
with text never comes back empty because one extractor misread its layout.

This module returns what it extracted (:func:`extract_page`); it knows nothing of the
:class:`~cleaner.core.Cleaner`, which picks the profile (``choose_profile``) and runs
the engine.

``LineDecision.n`` numbers the lines of trafilatura's text, not of the HTML.  lxml and
trafilatura are imported here only, and this module only when HTML is seen, so
``import cleaner`` stays fast.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from lxml import etree
from lxml import html as lxml_html

from .errors import InputError, ProfileError
from .html_meta import GUESSED_SOURCES, clean_author, read_metadata
from .lines import normalize
from .meta.dates import parse_date
from .profiles import Profile
from .profiles._selectors import compile_selector as _compile
from .sniff import flatten_deep, markup_start
from .stages.extracted import Declared
from .urls import registrable_domain

__all__ = ["Extracted", "ProfileChooser", "apply_profile", "extract_page", "extract_text",
           "parse_html", "render_blocks", "select"]

#: A prune (plus body) that leaves less than this share of the page's prose is undone.
MIN_KEPT_SHARE = 0.15
#: Text runs at least this long count as prose for the safety valve (menus do not).
PROSE_RUN = 25
_PROSE_TEXT = etree.XPath(
    ".//text()[not(ancestor::script or ancestor::style or ancestor::noscript"
    " or ancestor::template)]"
)
_local = threading.local()


# ---------------------------------------------------------------------- parsing
def _parser() -> lxml_html.HTMLParser:
    # One parser per thread: lxml parsers are not meant to be shared between threads.
    parser = getattr(_local, "parser", None)
    if parser is None:
        # huge_tree: the input is already capped by Options.max_bytes, and without it
        # libxml2 silently truncates deeply nested real-world pages.
        parser = lxml_html.HTMLParser(
            encoding="utf-8", no_network=True, remove_comments=True, remove_pis=True,
            collect_ids=False, default_doctype=False, huge_tree=True,
        )
        _local.parser = parser
    return parser


def parse_html(text: str) -> lxml_html.HtmlElement | None:
    """An lxml document for ``text``, or None when the page holds no markup at all.

    The text is handed to lxml as UTF-8 bytes, so an XML declaration naming another
    charset cannot make lxml reject or mis-decode it (the text is already decoded).
    libxml2 recovers from any broken markup; only an empty document fails.
    """
    parser = _parser()
    start = markup_start(text) if not text.lstrip("\ufeff \t\r\n").startswith("<") else None
    if start:  # HTTP headers or junk before the page: not part of it
        text = text[start:]
    try:
        tree = lxml_html.document_fromstring(
            text.encode("utf-8", "surrogatepass"), parser=parser
        )
        # libxml2 silently drops everything nested deeper than its limit: parse again
        # with the markup below FLAT_DEPTH flattened (all text kept), so what parses is
        # extracted instead of the page being lost or refused.
        if any("Excessive depth" in e.message for e in parser.error_log):
            tree = lxml_html.document_fromstring(
                flatten_deep(text).encode("utf-8", "surrogatepass"), parser=parser)
            if any("Excessive depth" in e.message for e in parser.error_log):
                raise InputError("HTML nested too deeply to parse, even flattened")
    except etree.ParserError:  # "Document is empty"
        return None
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise InputError(f"could not parse HTML: {exc}") from None
    if tree is None or (tree.find(".//body") is None and len(tree) == 0):
        return None
    return tree


# ---------------------------------------------------------------------- selectors
def _selectors(profile: Profile, key: str) -> list[tuple[str, etree.XPath]]:
    raw = profile.html.get(key, ())
    items = [raw] if isinstance(raw, str) else list(raw)
    out = []
    for i, sel in enumerate(items):
        try:
            out.append((sel, _compile(sel)))
        except ValueError as exc:
            where = f"html.{key}" if isinstance(raw, str) else f"html.{key}[{i}]"
            raise ProfileError(profile.path, where, str(exc)) from None
    return out


def select(tree: Any, selectors: Iterable[tuple[str, etree.XPath]]) -> list[Any]:
    """Elements (or strings, for XPath ending in ``/@attr`` or ``text()``) matched by
    the first selector that matches anything."""
    for _, xp in selectors:
        try:
            found = xp(tree)
        except etree.XPathEvalError:
            continue
        if isinstance(found, list) and found:
            return found
        if isinstance(found, str) and found.strip():
            return [found]
    return []


def _value(item: Any) -> str:
    """Text of a selected item: a string, a ``<meta content>``, a ``<time datetime>``,
    else the element's text."""
    if isinstance(item, str):
        return normalize(item)
    if item.tag == "meta":
        return normalize(item.get("content", ""))
    if item.tag == "time" and item.get("datetime"):
        return normalize(item.get("datetime", ""))
    return normalize(item.text_content())


# ---------------------------------------------------------------------- pruning
def _prose_len(el: Any) -> int:
    return sum(len(t.strip()) for t in _PROSE_TEXT(el) if len(t.strip()) >= PROSE_RUN)


def _outermost(elements: Iterable[Any]) -> list[Any]:
    found = dict.fromkeys(e for e in elements if isinstance(e, etree._Element))
    return [e for e in found if not any(a in found for a in e.iterancestors())]


def _delete(el: Any) -> None:
    """Remove an element but keep its tail text (it belongs to the parent)."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def apply_profile(tree: Any, profile: Profile) -> list[str]:
    """Narrow ``tree`` to the profile's ``body`` and remove its ``prune`` matches, in
    place; returns warnings.  Undone (nothing removed) when it would leave less than
    ``MIN_KEPT_SHARE`` of the page's prose."""
    warnings: list[str] = []
    body = tree.find(".//body")
    if body is None:
        return warnings
    keep: list[Any] = []
    if profile.html.get("body"):
        keep = [k for k in _outermost(select(body, _selectors(profile, "body")))
                if body in k.iterancestors()]
        if not keep:
            warnings.append(f"html: {profile.id} body selector matched nothing; "
                            "extracted from the whole page")
    prune = _outermost(el for _, xp in _selectors(profile, "prune") for el in _safe(xp, body))
    if not prune and not keep:
        return warnings
    before = _prose_len(body)
    pruned = set(prune)
    whole = body in pruned or any(k in pruned or any(a in pruned for a in k.iterancestors())
                                  for k in keep)
    if whole:
        after = 0  # the prune takes the article container itself
    elif keep:
        prune = [e for e in prune if any(k in e.iterancestors() for k in keep)]
        after = sum(_prose_len(k) for k in keep) - sum(_prose_len(e) for e in prune)
    else:
        after = before - sum(_prose_len(e) for e in prune)
    if whole or (before and after < MIN_KEPT_SHARE * before):
        warnings.append(f"html: {profile.id} selectors would leave {max(after, 0)} of "
                        f"{before} characters of prose; prune undone for this page")
        return warnings
    for el in prune:
        _delete(el)
    if keep:
        for child in list(body):
            body.remove(child)
        body.extend(keep)
    return warnings


def _safe(xp: etree.XPath, node: Any) -> list[Any]:
    try:
        found = xp(node)
    except etree.XPathEvalError:
        return []
    return found if isinstance(found, list) else []


# ---------------------------------------------------------------------- profile choice
# ---------------------------------------------------------------------- extraction
def extract_text(tree: Any, url: str | None) -> str:
    """trafilatura's main text of ``tree`` (one block per line), or ``""``."""
    import trafilatura  # a heavy import: only when HTML is seen

    try:
        doc = trafilatura.bare_extraction(
            tree, url=url, include_comments=False, include_tables=True, with_metadata=False,
        )
    except RecursionError:
        raise InputError("HTML nested too deeply to extract") from None
    return (doc.text or "") if doc is not None else ""


def _profile_meta(tree: Any, profile: Profile, labels: Sequence[str] = ()) -> dict[str, Any]:
    """Facts found by the profile's ``title``/``date``/``author``/``caption`` selectors."""
    out: dict[str, Any] = {}
    for key, field in (("title", "title"), ("date", "published"), ("author", "author")):
        if profile.html.get(key):
            for item in select(tree, _selectors(profile, key)):
                value: str | None = _value(item)
                if value and field == "published":
                    value = parse_date(value)
                elif value and field == "author":
                    value = clean_author(value, labels)
                if value:
                    out[field] = value
                    break
    if profile.html.get("caption"):
        caps = [_value(i) for i in select(tree, _selectors(profile, "caption"))]
        caps = list(dict.fromkeys(c for c in caps if c))
        if caps:
            out["captions"] = tuple(caps)
    return out


@dataclass(frozen=True, slots=True)
class Extracted:
    """What the HTML path hands the engine: the main text and what the page says of itself.

    ``profile`` is None when neither the URL, the page's canonical URL nor its site name
    named one: the caller may still pick one by a signature in ``text``.
    """

    text: str
    profile: Profile | None
    seed: dict[str, Any]
    declared: Declared
    warnings: tuple[str, ...]
    #: ``"extracted"`` (trafilatura's main text) or ``"dump"`` (the whole page's text,
    #: when trafilatura found none)
    mode: Literal["extracted", "dump"] = "extracted"


#: picks the outlet profile of a page from ``(url, outlet, declared metadata)``
ProfileChooser = Callable[[str | None, str | None, Mapping[str, Any]], Profile | None]


def extract_page(text: str, *, url: str | None, outlet: str | None,
                 choose_profile: ProfileChooser, byline_labels: Sequence[str] = (),
                 crawl_time: datetime | None = None) -> Extracted | None:
    """Steps 1-5 of the module docstring for one page (already decoded), or None when
    the page parses to nothing.  ``byline_labels`` are the packs' credit words (cut off
    declared author names); ``crawl_time`` bounds plausible dates."""
    tree = parse_html(text)
    if tree is None:
        return None
    meta = read_metadata(tree, url, byline_labels=byline_labels, crawl_time=crawl_time)
    profile = choose_profile(url, outlet, meta)
    warnings: list[str] = []
    forced: dict[str, Any] = {}
    if profile is not None and profile.html:
        forced = _profile_meta(tree, profile, byline_labels)
        warnings.extend(apply_profile(tree, profile))
    body_text = extract_text(tree, url or meta.get("canonical_url"))
    mode = "extracted"
    if not body_text.strip():
        # trafilatura found nothing (a layout it misreads): the page's own text, block
        # by block, is a dump like any other, and the text engine finds its body
        body_text, mode = render_blocks(tree), "dump"
        warnings.append("html: trafilatura found no main text; the page's text was cleaned "
                        "as a dump" if body_text.strip() else "html: no main text found")
    seed = {**meta, **forced}
    if "outlet" not in seed and meta.get("canonical_url"):
        seed["outlet"] = registrable_domain(meta["canonical_url"])
    guessed = frozenset(k for k, v in meta.get("provenance", {}).items()
                        if v in GUESSED_SOURCES)
    return Extracted(body_text, profile, seed, Declared(meta, forced, guessed),
                     tuple(warnings), mode)


#: elements that start and end a line of text when a page is rendered as a dump
_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "br", "button", "dd", "details", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
    "h4", "h5", "h6", "header", "hr", "label", "li", "main", "nav", "ol", "option", "p",
    "pre", "section", "summary", "table", "td", "th", "title", "tr", "ul"})
#: elements whose text is no reader's text (code, styles, widgets' own markup)
_SKIP_TAGS = frozenset({
    "canvas", "head", "iframe", "noscript", "object", "script", "select", "style", "svg",
    "template", "textarea"})


def render_blocks(tree: Any) -> str:
    """The text of a page as a naive scraper would dump it: one line per block element,
    whitespace collapsed, scripts and styles left out.  Iterative (no recursion limit
    on deep pages)."""
    lines: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        text = " ".join("".join(buf).split())
        if text:
            lines.append(text)
        buf.clear()

    stack: list[tuple[Any, bool]] = [(tree, False)]
    while stack:
        el, closing = stack.pop()
        tag = el.tag.lower() if isinstance(el.tag, str) else None
        if closing:  # after the element's children: close its block, then its tail
            if tag in _BLOCK_TAGS:
                flush()
            if el.tail:
                buf.append(el.tail)
            continue
        if tag is None or tag in _SKIP_TAGS:  # comments, processing instructions, code
            if el.tail:
                buf.append(el.tail)
            continue
        if tag in _BLOCK_TAGS:
            flush()
        if el.text:
            buf.append(el.text)
        stack.append((el, True))
        stack.extend((child, False) for child in reversed(el))
    flush()
    return "\n".join(lines)

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
   :class:`~cleaner.pipeline.Engine` as a text dump: profile rules, language packs,
   generic rules, body window, metadata.  :func:`revise` then undoes what only makes
   sense for dumps (the window's "page header"), keeping every rule decision;
7. declared facts (title, dates) and the profile's own selectors override what the
   lines suggested.

``LineDecision.n`` numbers the lines of trafilatura's text, not of the HTML.  lxml and
trafilatura are imported here only, and this module only when HTML is seen, so
``import cleaner`` stays fast.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from lxml import etree
from lxml import html as lxml_html

from .article import Article, LineDecision
from .errors import InputError, ProfileError
from .html_meta import GUESSED_SOURCES, clean_author, read_metadata
from .lines import normalize
from .meta.dates import parse_date
from .options import Options
from .profiles import Profile
from .urls import registrable_domain

if TYPE_CHECKING:
    from .core import Cleaner

__all__ = ["apply_profile", "clean_html", "extract_text", "parse_html", "select"]

#: A prune (plus body) that leaves less than this share of the page's prose is undone.
MIN_KEPT_SHARE = 0.15
#: Text runs at least this long count as prose for the safety valve (menus do not).
PROSE_RUN = 25
#: When the body window keeps less than this share of trafilatura's words, the lines
#: it dropped below the body are kept too (see ``revise``).
WINDOW_FALLBACK_SHARE = 0.5
_WINDOW_RULES = frozenset({"generic.window.before", "generic.window.after"})
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
    try:
        tree = lxml_html.document_fromstring(
            text.encode("utf-8", "surrogatepass"), parser=parser
        )
    except etree.ParserError:  # "Document is empty"
        return None
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise InputError(f"could not parse HTML: {exc}") from None
    # libxml2 silently drops everything nested deeper than its limit: say so instead of
    # returning an article with its text missing.
    if any("Excessive depth" in e.message for e in parser.error_log):
        raise InputError("HTML nested more than 2,048 levels deep; text below that is lost")
    if tree is None or (tree.find(".//body") is None and len(tree) == 0):
        return None
    return tree


# ---------------------------------------------------------------------- selectors
@lru_cache(maxsize=1024)
def _compile(selector: str) -> etree.XPath:
    """An XPath for an XPath or CSS selector (XPath when it starts with ``/``, ``./``,
    ``(``; CSS otherwise, translated by cssselect)."""
    expr = selector.strip()
    if not expr.startswith(("/", "./", "(")):
        try:
            from cssselect import HTMLTranslator, SelectorError
        except ImportError:
            raise ValueError("CSS selectors need the 'cssselect' package; "
                             "write XPath or pip install cssselect") from None
        try:
            expr = HTMLTranslator().css_to_xpath(expr)
        except SelectorError as exc:
            raise ValueError(f"invalid CSS selector: {exc}") from None
    try:
        return etree.XPath(expr)
    except etree.XPathSyntaxError as exc:
        raise ValueError(f"invalid XPath: {exc}") from None


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
def _choose_profile(cleaner_obj: Cleaner, url: str | None, outlet: str | None,
                    meta: dict[str, Any]) -> Profile | None:
    prof = cleaner_obj.select_profile("", url, outlet)
    if prof is not None or not cleaner_obj.use_profiles:
        return prof
    canonical = meta.get("canonical_url")
    if canonical:
        prof = cleaner_obj.select_profile("", canonical, None)
        if prof is not None:
            return prof
    site = (meta.get("site_name") or "").strip().casefold()
    if site:
        for candidate in cleaner_obj.registry:
            names = {candidate.id.casefold(), candidate.name.casefold()}
            if site in names:
                return candidate
    return None


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


def _profile_meta(tree: Any, profile: Profile, labels: tuple[str, ...] = ()) -> dict[str, Any]:
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


def _same_text(a: str, b: str) -> bool:
    return a.casefold().split() == b.casefold().split()


def revise(art: Article, declared_title: str | None) -> Article:
    """Adjust the text engine's decisions to what trafilatura already did.

    The engine is built for dumps, where everything above the first run of prose is
    page header.  trafilatura's output starts at the article, so here:

    * lines dropped only for standing above the body (``generic.window.before``)
      are kept: they are headings, lists and short openings of the article;
    * when the window dropped most of the text anyway, lines dropped only for
      standing below it (``generic.window.after``) are kept too;
    * a line the engine guessed to be the title stays in the body unless it is the
      title the page declares (the page's own title wins, see ``_override``); the
      declared title repeated above the first body line is taken out as metadata.

    Every decision made by a rule (profile, pack, generic) stands.
    """
    words = [len(d.text.split()) for d in art.lines]
    total = sum(words)
    kept = sum(w for w, d in zip(words, art.lines, strict=True) if d.decision == "kept")
    restore = {"generic.window.before"}
    if total and kept < WINDOW_FALLBACK_SHARE * total:
        restore |= _WINDOW_RULES
    engine_paras = iter(art.paragraphs)  # may differ from the line (strip_dateline)
    changed = False
    body_seen = False
    lines, paragraphs = [], []
    for d in art.lines:
        if d.decision == "kept":
            para = next(engine_paras, d.text)
            if not body_seen and declared_title and _same_text(d.text, declared_title):
                # the headline repeated at the top of the text: metadata, not body
                d = LineDecision(d.n, d.text, "metadata", "html.title", "title")
                changed = True
            else:
                paragraphs.append(para)
                body_seen = True
        elif (d.decision == "dropped" and d.rule in restore) or (
            d.rule == "generic.title" and declared_title
            and not _same_text(d.text, declared_title)
        ):
            d = LineDecision(d.n, d.text, "kept", "html.extracted", "body")
            paragraphs.append(d.text)
            changed = True
        lines.append(d)
    if not changed:
        return art
    return dataclasses.replace(art, paragraphs=tuple(paragraphs), lines=tuple(lines))


def clean_html(
    cleaner_obj: Cleaner,
    text: str,
    *,
    url: str | None = None,
    outlet: str | None = None,
    doc_id: str | None = None,
    encoding: str | None = None,
    options: Options | None = None,
) -> Article:
    """Clean one HTML page (already decoded) into an :class:`Article`."""
    options = options or cleaner_obj.options
    tree = parse_html(text)
    if tree is None:  # nothing to extract: an empty Article that says why
        return cleaner_obj._engine.run(
            "", profile=cleaner_obj.select_profile("", url, outlet), url=url,
            outlet=outlet, doc_id=doc_id, encoding=encoding, options=options,
            warnings=("html: empty document",),
        )
    labels = cleaner_obj._engine.words.byline_labels
    meta = read_metadata(tree, url, byline_labels=labels, crawl_time=options.crawl_time)
    profile = _choose_profile(cleaner_obj, url, outlet, meta)
    warnings: list[str] = []
    forced: dict[str, Any] = {}
    if profile is not None and profile.html:
        forced = _profile_meta(tree, profile, labels)
        warnings.extend(apply_profile(tree, profile))
    body_text = extract_text(tree, url or meta.get("canonical_url"))
    if not body_text.strip():
        warnings.append("html: no main text found")
    if profile is None:
        profile = cleaner_obj.select_profile(body_text, None, None)
    seed = {**meta, **forced}
    if "outlet" not in seed and meta.get("canonical_url"):
        seed["outlet"] = registrable_domain(meta["canonical_url"])
    art = cleaner_obj._engine.run(
        body_text, profile=profile, url=url, outlet=outlet, doc_id=doc_id,
        encoding=encoding, options=options, seed=seed, warnings=warnings,
    )
    art = revise(art, forced.get("title") or meta.get("title"))
    return _override(art, meta, forced)


def _override(art: Article, meta: dict[str, Any], forced: dict[str, Any]) -> Article:
    """Declared page facts win over guesses from lines for title and dates; the
    profile's own selectors win over everything."""
    changes: dict[str, Any] = {}
    guessed = {k for k, v in meta.get("provenance", {}).items() if v in GUESSED_SOURCES}
    for field in ("title", "published", "modified", "author"):
        mine = getattr(art, field)
        if field in guessed and not forced.get(field) and mine \
                and str(mine)[:10] == str(meta.get(field))[:10]:
            continue  # the lines printed the guessed day with its time: keep theirs
        value = forced.get(field) or meta.get(field)
        if value and value != getattr(art, field):
            changes[field] = value
    for field in ("author", "captions"):
        if forced.get(field):
            changes[field] = forced[field]
    if not art.captions and meta.get("captions"):
        changes.setdefault("captions", meta["captions"])
    return dataclasses.replace(art, **changes) if changes else art

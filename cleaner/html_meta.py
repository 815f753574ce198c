"""Metadata of an HTML page, read from what the page declares about itself.

Publishers state their facts in machine-readable places: ``<meta property="og:*">`` and
``article:*`` tags, ``itemprop`` microdata, JSON-LD (schema.org ``NewsArticle``),
``<link rel="canonical">``, ``<html lang>``, ``<figcaption>``.  All of them are
collected in one XPath pass over the page (about a millisecond), where trafilatura's
``extract_metadata`` takes some 25 ms a page, and the declared timestamps keep the time
of day and the UTC offset that htmldate's ``YYYY-MM-DD`` drops.  htmldate (a
trafilatura dependency) is asked, in its fast mode, only when a page declares no
publication date at all.

The result is the ``seed`` of :meth:`cleaner.pipeline.Engine.run`.  Dates go through
:func:`cleaner.meta.dates.parse_date`, so they come out as ISO 8601 exactly like dates
found in text dumps.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

from lxml import etree

from .lines import normalize
from .meta.dates import parse_date

__all__ = ["clean_author", "read_metadata"]

# Names under which pages declare each fact, most specific first.  Keys are matched
# against the ``property``, ``name``, ``itemprop`` and ``http-equiv`` of ``<meta>``.
_META_KEYS: dict[str, tuple[str, ...]] = {
    "title": ("og:title", "twitter:title", "headline", "dc.title", "parsely-title"),
    "description": ("og:description", "description", "twitter:description",
                    "dc.description"),
    "published": ("article:published_time", "og:article:published_time", "datepublished",
                  "article.published", "pubdate", "publishdate", "publish-date",
                  "parsely-pub-date", "sailthru.date", "dc.date.issued", "dcterms.created",
                  "dc.date", "date", "content_publication_date"),
    "modified": ("article:modified_time", "og:article:modified_time", "og:updated_time",
                 "datemodified", "article.updated", "lastmod", "last-modified",
                 "dcterms.modified"),
    "author": ("author", "article:author", "parsely-author", "sailthru.author", "byl",
               "dc.creator", "dcterms.creator"),
    "site_name": ("og:site_name", "application-name", "dc.publisher"),
    "url": ("og:url", "twitter:url"),
    "locale": ("og:locale", "content-language", "language", "dc.language"),
}
_ARTICLE_TYPES = {
    "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle",
    "opinionnewsarticle", "backgroundnewsarticle", "blogposting", "liveblogposting",
    "report", "techarticle", "scholarlyarticle", "socialmediaposting", "webpage",
}
# One pass over the page collects every element any reader below needs.
_SCAN = etree.XPath(
    "//meta[@content] | //*[@itemprop] | //link[@rel] | //*[@rel='author'] | //h1"
    " | //figcaption | //time[@datetime] | //title | //script[@type='application/ld+json']"
)
_URLISH = re.compile(r"^(?:https?:)?//|^www\.", re.IGNORECASE)
_BY = re.compile(r"^(?:by|oleh|penulis|reporter|written by)\b\s*:?\s*", re.IGNORECASE)
_LANG = re.compile(r"^([a-zA-Z]{2,3})(?:[-_][A-Za-z0-9]+)*$")
_SEPARATORS = (" | ", " - ", " – ", " — ", " : ", " • ", " · ", " » ")


@dataclass
class _Found:
    """What the scan collected, in page order."""

    meta: dict[str, list[str]] = field(default_factory=dict)
    itemprop: dict[str, str] = field(default_factory=dict)
    canonical: str | None = None
    rel_author: str | None = None
    h1: list[str] = field(default_factory=list)
    captions: dict[str, None] = field(default_factory=dict)
    times: list[str] = field(default_factory=list)
    title: str | None = None
    ld: list[str] = field(default_factory=list)


def read_metadata(tree: Any, url: str | None = None) -> dict[str, Any]:
    """Title, description, dates, author, site name, canonical URL, language, captions.

    ``tree`` is an ``lxml.html`` document; missing facts are simply absent from the
    dict.  Nothing here raises on odd markup: a fact that cannot be read is left out.
    """
    f = _scan(tree)
    ld = _json_ld(f.ld)
    out: dict[str, Any] = {}
    site = _first(f, "site_name") or _text(_get(ld.get("publisher"), "name"))
    # The visible headline first: og:title and <title> are often SEO variants of it.
    title = (f.h1[0] if len(f.h1) == 1 else None) or _first(f, "title") \
        or _text(ld.get("headline")) or f.title
    if title:
        out["title"] = _strip_site(title, site)
    description = _first(f, "description") or _text(ld.get("description"))
    if description:
        out["description"] = description
    for key, schema in (("published", "datePublished"), ("modified", "dateModified")):
        raw = _first(f, key) or _text(ld.get(schema)) or f.itemprop.get(schema.lower())
        parsed = parse_date(raw) if raw else None
        if parsed:
            out[key] = parsed
    if "published" not in out:
        parsed = next((p for p in map(parse_date, f.times[:3]) if p), None) \
            or _htmldate(tree, url)
        if parsed:
            out["published"] = parsed
    author = _author(f, ld)
    if author:
        out["author"] = author
    if site:
        out["site_name"] = site
    canonical = f.canonical or _first(f, "url") or _text(ld.get("url"))
    if canonical and url and not canonical.startswith(("http://", "https://")):
        canonical = urljoin(url, canonical)
    if canonical and canonical.startswith(("http://", "https://")):
        out["canonical_url"] = canonical
    language = _language(tree, _first(f, "locale") or _text(ld.get("inLanguage")))
    if language:
        out["language"] = language
    if f.captions:
        out["captions"] = tuple(f.captions)
    return out


def clean_author(value: str) -> str | None:
    """An author name without a "By" / "Penulis :" label; None for handles, URLs, blobs."""
    value = _BY.sub("", normalize(value)).strip(" ,|")
    if not value or value.startswith("@") or len(value) > 120 or _URLISH.search(value):
        return None
    return value


# ---------------------------------------------------------------------- the scan
def _scan(tree: Any) -> _Found:
    f = _Found()
    for el in _SCAN(tree):
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "meta":
            content = normalize(el.get("content", ""))
            for attr in ("property", "name", "itemprop", "http-equiv"):
                key = el.get(attr)
                if key and content:
                    f.meta.setdefault(key.strip().lower(), []).append(content)
            continue
        prop = el.get("itemprop")
        if prop:
            value = el.get("datetime") or el.get("content") or normalize(el.text_content())
            if value:
                f.itemprop.setdefault(prop.strip().lower(), value.strip())
        if tag == "link":
            rel = el.get("rel", "").strip().lower()
            if rel == "canonical" and f.canonical is None and el.get("href"):
                f.canonical = el.get("href", "").strip()
            continue
        if el.get("rel", "").strip().lower() == "author" and f.rel_author is None:
            f.rel_author = normalize(el.text_content())
        if tag == "h1":
            f.h1.append(normalize(el.text_content()))
        elif tag == "figcaption":
            text = normalize(el.text_content())
            if text:
                f.captions.setdefault(text, None)
        elif tag == "time":
            f.times.append(el.get("datetime", ""))
        elif tag == "title" and f.title is None:
            f.title = normalize(el.text_content()) or None
        elif tag == "script":
            f.ld.append(el.text or "")
    return f


def _first(f: _Found, fact: str) -> str | None:
    for key in _META_KEYS[fact]:
        for value in f.meta.get(key, ()):
            if value and not (fact == "author" and _URLISH.search(value)):
                return value
    return None


# ---------------------------------------------------------------------- JSON-LD
def _json_ld(scripts: list[str]) -> dict[str, Any]:
    """The first schema.org article-like object in the page's JSON-LD, or ``{}``."""
    for text in scripts:
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            continue
        for obj in _ld_objects(data):
            types = obj.get("@type")
            names = types if isinstance(types, list) else [types]
            if any(isinstance(t, str) and t.lower() in _ARTICLE_TYPES for t in names):
                return obj
    return {}


def _ld_objects(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > 3:
        return
    if isinstance(data, list):
        for item in data:
            yield from _ld_objects(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _ld_objects(data["@graph"], depth + 1)


def _get(value: Any, key: str) -> Any:
    if isinstance(value, list):
        value = value[0] if value else None
    return value.get(key) if isinstance(value, dict) else None


def _text(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, str):
        return normalize(value) or None
    return None


# ---------------------------------------------------------------------- facts
def _strip_site(title: str, site: str | None) -> str:
    """``Headline | Site`` or ``Site - Headline`` without the site's part."""
    if not site:
        return title
    low, name = title.casefold(), site.casefold()
    for sep in _SEPARATORS:
        if low.endswith(sep + name):
            return title[: len(title) - len(sep) - len(site)].strip() or title
        if low.startswith(name + sep):
            return title[len(site) + len(sep):].strip() or title
    return title


def _author(f: _Found, ld: dict[str, Any]) -> str | None:
    value = _first(f, "author")
    if not value:
        authors = ld.get("author")
        items = authors if isinstance(authors, list) else [authors]
        names = [_text(a.get("name")) if isinstance(a, dict) else _text(a) for a in items]
        names = [n for n in names if n and not _URLISH.search(n)]
        value = ", ".join(dict.fromkeys(names)) if names else None
    value = value or f.rel_author or f.itemprop.get("author")
    return clean_author(value) if value else None


def _htmldate(tree: Any, url: str | None) -> str | None:
    """htmldate's fast search (markup only, no guessing from the text), as ISO 8601."""
    try:
        from htmldate import find_date  # installed with trafilatura
    except ImportError:  # pragma: no cover
        return None
    try:
        found = find_date(tree, url=url, extensive_search=False, original_date=True)
    except (ValueError, TypeError, RecursionError):
        return None
    return parse_date(found) if found else None


def _language(tree: Any, declared: str | None) -> str | None:
    for raw in (tree.get("lang"), tree.get("{http://www.w3.org/XML/1998/namespace}lang"),
                declared):
        if raw:
            m = _LANG.match(raw.strip())
            if m:
                return m.group(1).lower()
    return None

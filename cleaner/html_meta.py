"""Metadata of an HTML page, read from what the page declares about itself.

Publishers state their facts in machine-readable places: ``<meta property="og:*">`` and
``article:*`` tags, ``itemprop`` microdata, JSON-LD (schema.org ``NewsArticle``),
``<link rel="canonical">``, ``<html lang>``, ``<figcaption>``.  Reading those is a
handful of XPath lookups, a few milliseconds less per page than trafilatura's
``extract_metadata`` (which runs htmldate's date search on every page), and keeps the
time of day and the offset that htmldate's ``YYYY-MM-DD`` output drops.  htmldate is
asked only when a page declares no publication date at all.

The result is the ``seed`` of :meth:`cleaner.pipeline.Engine.run`: values the text
lines do not provide.  Dates go through :func:`cleaner.meta.dates.parse_date`, so they
come out as ISO 8601 exactly like dates found in text dumps.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urljoin

from .lines import normalize
from .meta.dates import parse_date

__all__ = ["read_metadata"]

# Names under which pages declare each fact, most specific first.  ``meta`` keys are
# matched against the ``property``, ``name`` and ``itemprop`` attributes, lowercased.
_META_KEYS: dict[str, tuple[str, ...]] = {
    "title": ("og:title", "twitter:title", "headline", "dc.title", "sailthru.title",
              "parsely-title"),
    "description": ("og:description", "description", "twitter:description",
                    "dc.description"),
    "published": ("article:published_time", "og:article:published_time", "datepublished",
                  "article.published", "pubdate", "publishdate", "publish-date",
                  "parsely-pub-date", "sailthru.date", "dc.date.issued", "dcterms.created",
                  "dc.date", "date", "content_publication_date", "cxenseparse:recs:publishtime"),
    "modified": ("article:modified_time", "og:article:modified_time", "og:updated_time",
                 "datemodified", "article.updated", "lastmod", "last-modified",
                 "dcterms.modified", "content_update_date"),
    "author": ("author", "article:author", "parsely-author", "sailthru.author", "byl",
               "dc.creator", "dcterms.creator", "twitter:creator"),
    "site_name": ("og:site_name", "application-name", "publisher", "dc.publisher"),
    "url": ("og:url", "twitter:url"),
    "locale": ("og:locale", "content-language", "language", "dc.language"),
}
_ARTICLE_TYPES = {
    "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle",
    "opinionnewsarticle", "blogposting", "liveblogposting", "report", "techarticle",
    "scholarlyarticle", "socialmediaposting", "webpage", "backgroundnewsarticle",
}
_URLISH = re.compile(r"^(?:https?:)?//|^www\.", re.IGNORECASE)
_BY = re.compile(r"^(?:by|oleh|penulis|reporter|written by)\s*:?\s+", re.IGNORECASE)
_LANG = re.compile(r"^([a-zA-Z]{2,3})(?:[-_][A-Za-z0-9]+)*$")
_TITLE_SEP = re.compile(r"\s+[|\-–—:•·»]\s+")


def read_metadata(tree: Any, url: str | None = None) -> dict[str, Any]:
    """Title, description, dates, author, site name, canonical URL, language, captions.

    ``tree`` is an ``lxml.html`` document; missing facts are simply absent from the
    dict.  Nothing here raises on odd markup: a fact that cannot be read is left out.
    """
    meta = _meta_tags(tree)
    ld = _json_ld(tree)
    out: dict[str, Any] = {}

    title = _first(meta, "title") or _text(ld.get("headline")) or _h1(tree) \
        or _doc_title(tree, _first(meta, "site_name"))
    if title:
        out["title"] = title
    description = _first(meta, "description") or _text(ld.get("description"))
    if description:
        out["description"] = description
    for key, ld_key, itemprop in (("published", "datePublished", "datePublished"),
                                  ("modified", "dateModified", "dateModified")):
        raw = _first(meta, key) or _text(ld.get(ld_key)) or _itemprop_date(tree, itemprop)
        parsed = parse_date(raw) if raw else None
        if parsed:
            out[key] = parsed
    if "published" not in out:
        parsed = _time_element(tree)
        if parsed:
            out["published"] = parsed
    author = _author(meta, ld, tree)
    if author:
        out["author"] = author
    site = _first(meta, "site_name") or _text(_get(ld.get("publisher"), "name"))
    if site:
        out["site_name"] = site
    canonical = _canonical(tree) or _first(meta, "url") or _text(ld.get("url"))
    if canonical and not canonical.startswith(("http://", "https://")) and url:
        canonical = urljoin(url, canonical)
    if canonical and canonical.startswith(("http://", "https://")):
        out["canonical_url"] = canonical
    language = _language(tree, _first(meta, "locale") or _text(ld.get("inLanguage")))
    if language:
        out["language"] = language
    captions = captions_of(tree)
    if captions:
        out["captions"] = captions
    return out


def captions_of(tree: Any, xpath: str = "//figcaption") -> tuple[str, ...]:
    """Distinct, whitespace-normalised texts of the caption elements."""
    seen: dict[str, None] = {}
    for el in tree.xpath(xpath):
        text = normalize(el.text_content())
        if text:
            seen.setdefault(text, None)
    return tuple(seen)


# ---------------------------------------------------------------------- readers
def _meta_tags(tree: Any) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for el in tree.iterfind(".//meta"):
        content = el.get("content")
        if not content or not content.strip():
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = el.get(attr)
            if key:
                found.setdefault(key.strip().lower(), []).append(normalize(content))
    return found


def _first(meta: dict[str, list[str]], fact: str) -> str | None:
    for key in _META_KEYS[fact]:
        for value in meta.get(key, ()):
            if value and not (fact == "author" and _URLISH.search(value)):
                return value
    return None


def _json_ld(tree: Any) -> dict[str, Any]:
    """The first schema.org article-like object in the page's JSON-LD, or ``{}``."""
    for script in tree.iterfind(".//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
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


def _h1(tree: Any) -> str | None:
    heads = tree.xpath("//h1")
    if len(heads) != 1:
        return None
    return normalize(heads[0].text_content()) or None


def _doc_title(tree: Any, site: str | None) -> str | None:
    el = tree.find(".//title")
    if el is None or not el.text:
        return None
    title = normalize(el.text_content())
    parts = _TITLE_SEP.split(title)
    if len(parts) > 1:
        # "Headline | Site" or "Site - Headline": drop the site's part, keep the longest
        kept = [p for p in parts if not site or p.casefold() != site.casefold()]
        title = max(kept or parts, key=len)
    return title or None


def _itemprop_date(tree: Any, prop: str) -> str | None:
    for el in tree.xpath(f"//*[@itemprop='{prop}']"):
        value = el.get("datetime") or el.get("content") or el.text_content()
        if value and value.strip():
            return value.strip()
    return None


def _time_element(tree: Any) -> str | None:
    for el in tree.xpath("//time[@datetime]")[:3]:
        parsed = parse_date(el.get("datetime", ""))
        if parsed:
            return parsed
    return None


def _author(meta: dict[str, list[str]], ld: dict[str, Any], tree: Any) -> str | None:
    value = _first(meta, "author")
    if not value:
        authors = ld.get("author")
        items = authors if isinstance(authors, list) else [authors]
        names = [_text(a.get("name")) if isinstance(a, dict) else _text(a) for a in items]
        names = [n for n in names if n and not _URLISH.search(n)]
        value = ", ".join(dict.fromkeys(names)) if names else None
    if not value:
        for el in tree.xpath("//*[@rel='author' or @itemprop='author'][1]"):
            value = normalize(el.text_content())
    if not value:
        return None
    value = _BY.sub("", value).strip(" ,|")
    if value.startswith("@") or len(value) > 120:
        return None
    return value or None


def _canonical(tree: Any) -> str | None:
    for el in tree.iterfind(".//link[@rel]"):
        if el.get("rel", "").strip().lower() == "canonical" and el.get("href"):
            return el.get("href").strip()
    return None


def _language(tree: Any, declared: str | None) -> str | None:
    for raw in (tree.get("lang"), tree.get("{http://www.w3.org/XML/1998/namespace}lang"),
                declared):
        if raw:
            m = _LANG.match(raw.strip())
            if m:
                return m.group(1).lower()
    return None

"""Metadata of an HTML page, read from what the page declares about itself.

Publishers state their facts in machine-readable places: JSON-LD (schema.org
``NewsArticle`` and kin, alone, in lists or in a ``@graph`` whose nodes refer to each
other by ``@id``), ``<meta property="og:*">`` and ``article:*`` tags, Dublin Core
``dc.*``, ``itemprop`` microdata, ``rel=author`` links, ``<time datetime>``, byline
elements (``class="author"``, ``class="byline"``), ``<link rel="canonical">``,
``<html lang>``, ``<figcaption>``.  All of them are collected in one XPath pass over
the page (about a millisecond, where trafilatura's ``extract_metadata`` takes some
25 ms), then each fact is chosen among its candidates, most trustworthy declaration
first, and every choice says where it came from (``provenance``: ``{"published":
"html.jsonld", "title": "html.h1", ...}``) so ``cleaner explain`` can show it.

The same ideas as trafilatura's ``metadata.py`` (JSON-LD before meta tags, byline
classes as a last resort, the site name cut off the ``<title>``) and htmldate (the
declared timestamps, asked in its fast mode only when the page declares no date at
all), but the timestamps keep their time of day and UTC offset.  Dates go through
:func:`cleaner.meta.dates.parse_date` and the plausibility checks of
:mod:`cleaner.meta.facts`, so they come out as ISO 8601 exactly like dates found in
text dumps.
"""

from __future__ import annotations

import html as html_lib
import json
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import etree

from .lines import normalize
from .meta.dates import parse_date
from .meta.facts import plausible_date, strip_label

__all__ = ["GUESSED_SOURCES", "clean_author", "read_metadata"]

#: provenances that are a reading of the page's text rather than a declaration: the
#: text engine's value for the same day (which keeps the printed time) wins over them
GUESSED_SOURCES = frozenset({"html.htmldate"})

# Names under which pages declare each fact, most specific first.  Keys are matched
# against the ``property``, ``name``, ``itemprop`` and ``http-equiv`` of ``<meta>``.
_META_KEYS: dict[str, tuple[str, ...]] = {
    "title": ("og:title", "twitter:title", "citation_title", "dc.title", "parsely-title",
              "headline"),
    "description": ("og:description", "description", "twitter:description",
                    "dc.description"),
    "published": ("article:published_time", "og:article:published_time", "datepublished",
                  "article.published", "pubdate", "publishdate", "publish-date", "published",
                  "parsely-pub-date", "sailthru.date", "citation_publication_date",
                  "dc.date.issued", "dcterms.created", "dc.date", "dcterms.date", "date",
                  "content_publication_date"),
    "modified": ("article:modified_time", "og:article:modified_time", "og:updated_time",
                 "datemodified", "article.updated", "lastmod", "last-modified",
                 "dcterms.modified", "dc.date.modified"),
    "author": ("author", "article:author", "parsely-author", "sailthru.author", "byl",
               "citation_author", "dc.creator", "dcterms.creator"),
    "site_name": ("og:site_name", "application-name", "dc.publisher"),
    "url": ("og:url", "twitter:url"),
    "locale": ("og:locale", "content-language", "language", "dc.language"),
}
#: schema.org types whose node describes the article itself (``WebPage`` only when
#: nothing more specific is declared: it is the page around the article)
_ARTICLE_TYPES = {
    "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle",
    "opinionnewsarticle", "backgroundnewsarticle", "blogposting", "liveblogposting",
    "report", "techarticle", "scholarlyarticle", "socialmediaposting", "posting",
    "review", "howto", "recipe", "creativework", "medicalwebpage",
}
_PAGE_TYPES = {"webpage", "itempage", "aboutpage", "collectionpage", "faqpage"}
_SITE_TYPES = {"website", "organization", "newsmediaorganization", "corporation"}
# One pass over the page collects every element any reader below needs.
_SCAN = etree.XPath(
    "//meta[@content] | //*[@itemprop] | //link[@rel] | //*[@rel='author'] | //h1"
    " | //figcaption | //time[@datetime] | //title | //script[@type='application/ld+json']"
    " | //*[contains(@class, 'author') or contains(@class, 'byline')"
    " or contains(@class, 'Author') or contains(@class, 'Byline')]"
)
# a byline inside the reader comments names a commenter, not the author
_IN_COMMENTS = etree.XPath(
    "boolean(ancestor::*[contains(@class, 'comment') or contains(@id, 'comment')])")
#: a person's name as bylines print it: capitalised words, initials, particles
_NAME = re.compile(r"^[A-Z][\w.'’-]*(?:,? (?:\(?[A-Z][\w.'’-]*\)?|[a-z]{1,3}|&)){1,5}$")
# what follows a name in a byline element: "| Author", "• 5 min read", "4 August 2010"
_AFTER_NAME = re.compile(r"\s*(?:[|•·]|\d).*$")
_NOT_NAME = re.compile(r"[:*?!❯»›<>{}=]")
_URLISH = re.compile(r"^(?:https?:)?//|^www\.|\.(?:com|org|net|html?|php)\b|@\w+\.\w",
                     re.IGNORECASE)
_LANG = re.compile(r"^([a-zA-Z]{2,3})(?:[-_][A-Za-z0-9]+)*$")
_SEPARATORS = (" | ", " - ", " – ", " — ", " : ", " • ", " · ", " » ", " :: ", " ~ ")
_SEPARATOR_RX = re.compile(r"\s+(?:\||-|–|—|:|•|·|»|::|~)\s+")
_SQUASH = re.compile(r"[\W_]+")
#: a headline has at most this many words (longer h1/og:title text is a standfirst)
TITLE_MAX_WORDS = 40
#: a title part is the site's name when it is that name plus at most this many
#: letters ("Antoyo's Blog" for antoyo.xyz, "Smith Inc"), not a headline containing it
SITE_EXTRA_CHARS = 6
#: a label in front of a headline ("Blog: ...", "Case study: ...") has at most this
#: many words
LABEL_MAX_WORDS = 2
#: marks that pad a title's ends ("## Headline", "Headline ⋆") and are not part of it
_TITLE_PAD = " #|-–—⋆•·»:"
#: byline elements hold a name, not a paragraph: at most this many words
BYLINE_MAX_WORDS = 8
#: a name is at most this long; longer author values are blobs (bios, CSS, markup)
AUTHOR_MAX_CHARS = 120
#: JSON-LD nesting read at most this deep (a page's graph is shallow; hostile ones not)
LD_MAX_DEPTH = 6
#: byline elements looked at, in page order (the article's own comes early)
BYLINE_MAX_ELEMENTS = 40


@dataclass
class _Found:
    """What the scan collected, in page order."""

    meta: dict[str, list[str]] = field(default_factory=dict)
    itemprop: dict[str, list[str]] = field(default_factory=dict)
    canonical: str | None = None
    rel_author: list[str] = field(default_factory=list)
    h1: list[str] = field(default_factory=list)
    captions: dict[str, None] = field(default_factory=dict)
    times: list[str] = field(default_factory=list)
    title: str | None = None
    ld: list[str] = field(default_factory=list)
    bylines: list[str] = field(default_factory=list)


@dataclass
class _LD:
    """The article's JSON-LD node, the graph's nodes by ``@id``, and the site's name."""

    article: dict[str, Any] = field(default_factory=dict)
    page: dict[str, Any] = field(default_factory=dict)
    ids: dict[str, dict[str, Any]] = field(default_factory=dict)
    site: str | None = None

    def get(self, key: str) -> Any:
        """A property of the article node, else of the page node."""
        value = self.article.get(key)
        return value if value is not None else self.page.get(key)


def read_metadata(
    tree: Any, url: str | None = None, *, byline_labels: Sequence[str] = (),
    crawl_time: datetime | None = None,
) -> dict[str, Any]:
    """Title, description, dates, author, site name, canonical URL, language, captions.

    ``tree`` is an ``lxml.html`` document; missing facts are simply absent from the
    dict.  ``provenance`` maps each fact to where it was read (``html.jsonld``,
    ``html.meta``, ``html.h1``, ...).  ``byline_labels`` are the packs' credit words
    ("By", "Penulis") cut off a declared author; ``crawl_time`` bounds the dates
    (a page cannot be published after it was fetched).  Nothing here raises on odd
    markup: a fact that cannot be read is left out.
    """
    f = _scan(tree)
    ld = _json_ld(f.ld)
    out: dict[str, Any] = {}
    prov: dict[str, str] = {}

    def put(key: str, found: tuple[Any, str] | None) -> None:
        if found is not None and found[0]:
            out[key], prov[key] = found

    sites = _site_names(f, ld, url)
    put("site_name", _pick_site(f, ld))
    put("title", _choose_title(f, ld, sites))
    put("description", _first_of(f, "description", ld, "description"))
    put("published", _date(f, ld, "published", crawl_time))
    put("modified", _date(f, ld, "modified", crawl_time))
    if "published" not in out:
        put("published", _fallback_date(f, tree, url, crawl_time))
    put("author", _author(f, ld, byline_labels))
    put("canonical_url", _canonical(f, ld, url))
    language = _language(tree, _first(f, "locale") or _text(ld.get("inLanguage")))
    put("language", (language, "html.lang") if language else None)
    if f.captions:
        put("captions", (tuple(f.captions), "html.figcaption"))
    if prov:
        out["provenance"] = prov
    return out


def clean_author(value: str, labels: Sequence[str] = ()) -> str | None:
    """An author name without a credit label ("By", "Penulis :"); None for handles,
    URLs, e-mail addresses, numbers and blobs.  ``labels`` are the packs' byline words.
    """
    value = strip_label(normalize(html_lib.unescape(value)), labels).strip(" ,|")
    if not _plausible_name(value):
        return None
    return value


def _plausible_name(value: str) -> bool:
    if not value or value.startswith("@") or len(value) > AUTHOR_MAX_CHARS:
        return False
    if _URLISH.search(value) or not any(c.isalpha() for c in value):
        return False
    return not ("{" in value or ";" in value or "<" in value)


# ---------------------------------------------------------------------- the scan
def _scan(tree: Any) -> _Found:
    f = _Found()
    for el in _SCAN(tree):
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "meta":
            _scan_meta(f, el)
            continue
        prop = el.get("itemprop")
        if prop:
            _scan_itemprop(f, el, prop)
        if tag == "link":
            rel = el.get("rel", "").strip().lower()
            if rel == "canonical" and f.canonical is None and el.get("href"):
                f.canonical = el.get("href", "").strip()
            continue
        if el.get("rel", "").strip().lower() == "author":
            f.rel_author.append(normalize(el.text_content()))
        if tag in ("h1", "figcaption", "time", "title", "script"):
            _scan_tag(f, el, tag)
        elif len(f.bylines) < BYLINE_MAX_ELEMENTS and tag not in ("body", "html", "style") \
                and not _IN_COMMENTS(el):
            text = normalize(" ".join(el.itertext()))
            if text and len(text.split()) <= BYLINE_MAX_WORDS:
                f.bylines.append(text)
    return f


def _scan_meta(f: _Found, el: Any) -> None:
    content = normalize(html_lib.unescape(el.get("content", "")))
    for attr in ("property", "name", "itemprop", "http-equiv"):
        key = el.get(attr)
        if key and content:
            f.meta.setdefault(key.strip().lower(), []).append(content)


def _scan_itemprop(f: _Found, el: Any, prop: str) -> None:
    value = el.get("datetime") or el.get("content")
    if not value:
        # an author's itemprop often wraps a nested itemprop="name"
        name = el.find(".//*[@itemprop='name']") if prop.lower() == "author" else None
        value = (name if name is not None else el).text_content()
    value = normalize(value)
    if value:
        f.itemprop.setdefault(prop.strip().lower(), []).append(value)


def _scan_tag(f: _Found, el: Any, tag: str) -> None:
    if tag == "h1":
        text = normalize(html_lib.unescape(el.text_content()))
        if text:
            f.h1.append(text)
    elif tag == "figcaption":
        text = normalize(el.text_content())
        if text:
            f.captions.setdefault(text, None)
    elif tag == "time":
        f.times.append(el.get("datetime", ""))
    elif tag == "title" and f.title is None:
        f.title = normalize(html_lib.unescape(el.text_content())) or None
    elif tag == "script":
        f.ld.append(el.text or "")


def _first(f: _Found, fact: str) -> str | None:
    found = _first_key(f, fact)
    return found[0] if found else None


def _first_key(f: _Found, fact: str) -> tuple[str, str] | None:
    """The first declared value of ``fact`` and the ``<meta>`` key it came from."""
    for key in _META_KEYS[fact]:
        for value in f.meta.get(key, ()):
            if value and not (fact == "author" and _URLISH.search(value)):
                return value, key
    return None


def _meta_source(key: str) -> str:
    """``html.dc`` for Dublin Core keys, ``html.meta`` for the rest."""
    return "html.dc" if key.startswith(("dc.", "dcterms.")) else "html.meta"


def _first_of(f: _Found, fact: str, ld: _LD, schema: str) -> tuple[str, str] | None:
    found = _first_key(f, fact)
    if found:
        return found[0], _meta_source(found[1])
    value = _text(ld.get(schema))
    return (value, "html.jsonld") if value else None


# ---------------------------------------------------------------------- JSON-LD
def _json_ld(scripts: list[str]) -> _LD:
    """The article node of the page's JSON-LD (every script, lists and ``@graph``)."""
    out = _LD()
    nodes: list[dict[str, Any]] = []
    for text in scripts:
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            continue
        nodes.extend(_ld_objects(data))
    for obj in nodes:
        node_id = obj.get("@id")
        if isinstance(node_id, str) and len(obj) > 1:
            out.ids.setdefault(node_id, obj)
    for obj in nodes:
        types = _types(obj)
        if types & _ARTICLE_TYPES and (not out.article or not _substantial(out.article)):
            if not out.article or _substantial(obj):
                out.article = obj
        elif not out.page and types & _PAGE_TYPES:
            out.page = obj
        if out.site is None and types & _SITE_TYPES:
            out.site = _text(obj.get("name"))
    return out


def _substantial(obj: dict[str, Any]) -> bool:
    return any(obj.get(k) for k in ("headline", "datePublished", "author"))


def _types(obj: dict[str, Any]) -> set[str]:
    types = obj.get("@type")
    names = types if isinstance(types, list) else [types]
    return {t.lower() for t in names if isinstance(t, str)}


def _ld_objects(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > LD_MAX_DEPTH:
        return
    if isinstance(data, list):
        for item in data:
            yield from _ld_objects(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        for key in ("@graph", "mainEntity", "mainEntityOfPage", "itemListElement"):
            if isinstance(data.get(key), (list, dict)):
                yield from _ld_objects(data[key], depth + 1)


def _resolve(value: Any, ld: _LD) -> Any:
    """A ``{"@id": ...}`` reference replaced by the node it names."""
    if isinstance(value, dict) and set(value) <= {"@id", "@type"} and "@id" in value:
        return ld.ids.get(value["@id"], value)
    return value


def _text(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, str):
        return normalize(html_lib.unescape(value)) or None
    return None


# ---------------------------------------------------------------------- title
def _site_names(f: _Found, ld: _LD, url: str | None) -> list[str]:
    """Names the site goes by: declared names, its Twitter handle, its domain label."""
    names = [*f.meta.get("og:site_name", ()), *f.meta.get("application-name", ())]
    names += [n for n in (ld.site, _text(_get(ld.get("publisher"), "name"))) if n]
    names += [h.lstrip("@") for h in f.meta.get("twitter:site", ())]
    host = urlsplit(url or f.canonical or "").hostname or ""
    labels = [p for p in host.split(".") if p not in ("www", "blog", "m")]
    if labels:
        names.append(max(labels[:-1] or labels, key=len))
    return [n for n in dict.fromkeys(names) if n]


def _is_site(part: str, sites: Sequence[str]) -> bool:
    squashed = _SQUASH.sub("", part).casefold()
    if not squashed:
        return False
    for site in sites:
        name = _SQUASH.sub("", site).casefold()
        if name and (squashed == name or (len(name) >= 4 and name in squashed
                                          and len(squashed) - len(name) <= SITE_EXTRA_CHARS)):
            return True
    return False


def _strip_site(title: str, sites: Sequence[str]) -> str:
    """``Headline | Site`` or ``Site - Headline`` without the site's part (the page's
    own names say which part that is); the title itself when nothing is left."""
    parts = _SEPARATOR_RX.split(title)
    seps = _SEPARATOR_RX.findall(title)
    while len(parts) > 1 and _is_site(parts[-1], sites):
        parts.pop()
        seps.pop()
    while len(parts) > 1 and _is_site(parts[0], sites):
        parts.pop(0)
        seps.pop(0)
    out = parts[0]
    for site in sites:  # "example.com Headline": the site's name, then no separator
        if out.casefold().startswith(site.casefold() + " ") and len(out) > len(site) + 1:
            out = out[len(site):].strip()
            break
    for sep, part in zip(seps, parts[1:], strict=True):
        out += sep + part
    return out.strip() or title


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def _agrees(h1: str, declared: str) -> bool:
    """The visible headline is the declared title, or its first or last part."""
    a, b = _fold(h1), _fold(declared)
    if a == b:
        return True
    return any(b.startswith(a + sep.casefold()) or b.endswith(sep.casefold() + a)
               for sep in _SEPARATORS)


def _choose_title(f: _Found, ld: _LD, sites: Sequence[str]) -> tuple[str, str] | None:
    """The visible headline when a declared title agrees with it, else the declared
    title without the site's name, else a lone ``<h1>``."""
    declared: list[tuple[str, str]] = []
    for key in _META_KEYS["title"]:
        declared += [(v, _meta_source(key)) for v in f.meta.get(key, ())[:1]]
    headline = _text(ld.get("headline"))
    if headline:
        declared.insert(0, (headline, "html.jsonld"))
    if f.title:
        declared.append((f.title, "html.title"))
    h1s = [h for h in f.h1 if len(h.split()) <= TITLE_MAX_WORDS]
    sites = [*sites, *(h for h in h1s if _is_site(h, sites))]  # an h1 that is the site
    h1s = [h for h in h1s if h not in sites]
    for h1 in h1s:
        if any(_agrees(h1, d) or _agrees(h1, _strip_site(d, sites)) for d, _ in declared):
            return h1, "html.h1"
    stripped = [(_strip_site(d, sites).strip(_TITLE_PAD) or d, src) for d, src in declared
                if len(d.split()) <= TITLE_MAX_WORDS]
    if len(h1s) == 1:
        return _lone_h1(h1s[0], stripped)
    if not stripped:
        return None
    first, src = stripped[0]
    # a declaration cut short ("... (Including") gives way to its full form
    longer = [d for d, _ in stripped[1:] if d.startswith(first) and len(d) > len(first)
              and not _SEPARATOR_RX.match(d[len(first):])]
    return (max(longer, key=len) if longer else first), src


def _marks(text: str) -> list[str]:
    return [c for c in text if not c.isalnum() and not c.isspace()]


def _lone_h1(h1: str, declared: Sequence[tuple[str, str]]) -> tuple[str, str]:
    """The page's only headline, which wins over declared SEO variants.

    The declared spelling wins when it has the same letters and the h1 is in capitals
    or lost marks the declaration has (a separator that sat in markup), or when the
    h1 is that title behind a short label ("Blog: ...")."""
    squashed = _SQUASH.sub("", h1).casefold()
    for d, src in declared:
        if _SQUASH.sub("", d).casefold() == squashed and (
                h1.isupper() or Counter(_marks(h1)) < Counter(_marks(d))):
            return d, src
        head = h1[: len(h1) - len(d)]
        if len(d) < len(h1) and h1.endswith(d) and head.rstrip().endswith(":") \
                and len(head.split()) <= LABEL_MAX_WORDS:
            return d, src
    return h1, "html.h1"


# ---------------------------------------------------------------------- dates
_LD_DATE = {"published": ("datePublished", "dateCreated", "uploadDate"),
            "modified": ("dateModified",)}


def _date_candidates(f: _Found, ld: _LD, fact: str) -> Iterator[tuple[str, str]]:
    """Declared dates of ``fact``, most trustworthy first: JSON-LD, meta, microdata."""
    for key in _LD_DATE[fact]:
        value = _text(ld.get(key))
        if value:
            yield value, "html.jsonld"
    for key in _META_KEYS[fact]:
        for value in f.meta.get(key, ()):
            yield value, _meta_source(key)
    for key in _LD_DATE[fact]:
        for value in f.itemprop.get(key.lower(), ()):
            yield value, "html.itemprop"


def _date(f: _Found, ld: _LD, fact: str, crawl_time: datetime | None) -> tuple[str, str] | None:
    for raw, src in _date_candidates(f, ld, fact):
        parsed = parse_date(raw)
        if parsed and plausible_date(parsed, crawl_time):
            return parsed, src
    return None


def _fallback_date(f: _Found, tree: Any, url: str | None,
                   crawl_time: datetime | None) -> tuple[str, str] | None:
    """A ``<time datetime>`` among the first few, else htmldate's reading of the page."""
    for raw in f.times[:3]:
        parsed = parse_date(raw)
        if parsed and plausible_date(parsed, crawl_time):
            return parsed, "html.time"
    parsed = _htmldate(tree, url)
    if parsed and plausible_date(parsed, crawl_time):
        return parsed, "html.htmldate"
    return None


# ---------------------------------------------------------------------- authors
def _get(value: Any, key: str) -> Any:
    if isinstance(value, list):
        value = value[0] if value else None
    return value.get(key) if isinstance(value, dict) else None


def _ld_authors(ld: _LD) -> tuple[list[str], list[str]]:
    """Names of the article's JSON-LD authors: persons, and organisations apart."""
    raw = ld.article.get("author") or ld.article.get("creator") or ld.page.get("author")
    items = raw if isinstance(raw, list) else [raw]
    people: list[str] = []
    orgs: list[str] = []
    for item in items:
        item = _resolve(item, ld)
        if isinstance(item, dict):
            name = _text(item.get("name"))
            bucket = orgs if _types(item) & _SITE_TYPES else people
        else:
            name, bucket = _text(item), people
        if name and _plausible_name(name):
            bucket.append(name)
    return list(dict.fromkeys(people)), list(dict.fromkeys(orgs))


def _byline(text: str, labels: Sequence[str]) -> str | None:
    """The name in a byline element's text: after a credit label any short name
    ("By the Lavazza Team"), without one only a name-shaped one."""
    rest = strip_label(text, labels)
    rest = _AFTER_NAME.sub("", rest).strip(" ,")
    if not rest or _NOT_NAME.search(rest) or len(rest.split()) > BYLINE_MAX_WORDS:
        return None
    if rest != text.strip() and not text.startswith(rest):
        return rest  # a label stood in front of it
    return rest if _NAME.match(rest) else None


def _looks_personal(name: str) -> bool:
    """Two to five words, the first capitalised: "Jane Doe", not "admin" or "ACME"."""
    words = name.split()
    return 2 <= len(words) <= 5 and words[0][:1].isupper()


def _author(f: _Found, ld: _LD, labels: Sequence[str]) -> tuple[str, str] | None:
    """A person's name declared in JSON-LD, ``<meta>``, microdata, ``rel=author`` or
    a byline element, in that order; an organisation or handle only as a last resort."""
    people, orgs = _ld_authors(ld)
    meta = [v for key in _META_KEYS["author"] for v in f.meta.get(key, ())]
    ranked: list[tuple[str, str]] = []
    if people:
        ranked.append((", ".join(people), "html.jsonld"))
    ranked += [(v, "html.meta") for v in meta]
    ranked += [(v, "html.itemprop") for v in f.itemprop.get("author", ())]
    ranked += [(v, "html.rel-author") for v in f.rel_author]
    ranked += [(v, "html.byline") for v in (_byline(b, labels) for b in f.bylines) if v]
    fallback: tuple[str, str] | None = None
    for value, src in ranked:
        name = clean_author(value, labels)
        if name is None:
            continue
        if _looks_personal(name) or src == "html.jsonld":
            return name, src
        if fallback is None:
            fallback = (name, src)
    if fallback is None and orgs:
        fallback = (", ".join(orgs), "html.jsonld")
    return fallback


# ---------------------------------------------------------------------- the rest
def _pick_site(f: _Found, ld: _LD) -> tuple[str, str] | None:
    found = _first_key(f, "site_name")
    if found:
        return found[0], _meta_source(found[1])
    name = _text(_get(ld.get("publisher"), "name")) or ld.site
    return (name, "html.jsonld") if name else None


def _canonical(f: _Found, ld: _LD, url: str | None) -> tuple[str, str] | None:
    canonical = f.canonical or _first(f, "url") or _text(ld.get("url"))
    if canonical and url and not canonical.startswith(("http://", "https://")):
        canonical = urljoin(url, canonical)
    if canonical and canonical.startswith(("http://", "https://")):
        return canonical, "html.canonical"
    return None


def _htmldate(tree: Any, url: str | None) -> str | None:
    """htmldate's search, as ISO 8601: only for a page that declares no date at all,
    where it reads the dates the page prints (its "extensive" mode)."""
    try:
        from htmldate import find_date  # installed with trafilatura
    except ImportError:  # pragma: no cover
        return None
    try:
        found = find_date(tree, url=url, extensive_search=True, original_date=True)
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

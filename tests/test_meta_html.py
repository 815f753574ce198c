"""Metadata an HTML page declares: every source read, the declared value wins where it
is plausible, and each fact says where it came from (pages written for these tests)."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

pytest.importorskip("lxml")

import cleaner
from cleaner.html import parse_html
from cleaner.html_meta import clean_author, read_metadata

GRAPH_PAGE = """<html lang="en"><head>
<title>Harbour Bridge Reopens After Repairs | The Example Gazette</title>
<meta property="og:site_name" content="The Example Gazette">
<script type="application/ld+json">
{"@context": "https://schema.org", "@graph": [
  {"@type": "WebSite", "@id": "https://example.org/#site", "name": "The Example Gazette"},
  {"@type": "WebPage", "@id": "https://example.org/bridge/#page", "datePublished": "2001-01-01"},
  {"@type": "NewsArticle", "@id": "https://example.org/bridge/#article",
   "headline": "Harbour Bridge Reopens After Repairs",
   "datePublished": "2024-10-25T15:40:00+07:00", "dateModified": "2024-10-26T08:00:00+07:00",
   "author": [{"@id": "https://example.org/#/person/jane"}]},
  {"@type": "Person", "@id": "https://example.org/#/person/jane", "name": "Jane Doe"}
]}
</script></head>
<body><h1>Harbour Bridge Reopens After Repairs</h1><p>Text.</p></body></html>"""


def _meta(page: str, **kw):
    tree = parse_html(page)
    assert tree is not None
    return read_metadata(tree, "https://example.org/bridge/", **kw)


def test_json_ld_graph_date_and_author_by_reference() -> None:
    meta = _meta(GRAPH_PAGE)
    # the NewsArticle node wins over the WebPage around it; its @id author is resolved
    assert meta["published"] == "2024-10-25T15:40:00+07:00"
    assert meta["modified"] == "2024-10-26T08:00:00+07:00"
    assert meta["author"] == "Jane Doe"
    assert meta["provenance"]["published"] == "html.jsonld"
    assert meta["provenance"]["modified"] == "html.jsonld"
    assert meta["provenance"]["author"] == "html.jsonld"


def test_title_is_the_h1_the_declaration_agrees_with() -> None:
    meta = _meta(GRAPH_PAGE)
    assert meta["title"] == "Harbour Bridge Reopens After Repairs"
    assert meta["provenance"]["title"] == "html.h1"


def test_site_suffix_cut_the_way_the_page_names_itself() -> None:
    page = """<html><head><title>Tide Tables Explained - Example Gazette</title>
    <meta property="og:site_name" content="Example Gazette"></head>
    <body><h1>Example Gazette</h1><p>Text.</p></body></html>"""
    meta = _meta(page)
    # the h1 is the site's name, not a headline: the declared title without it wins
    assert meta["title"] == "Tide Tables Explained"
    assert meta["provenance"]["title"] == "html.title"


def test_meta_tags_dublin_core_and_itemprop() -> None:
    page = """<html><head><meta name="dc.date" content="2023-03-04">
    <meta name="author" content="@gazette"></head><body>
    <h1>Night Ferry Timetable Changes</h1>
    <span itemprop="author" itemscope><span itemprop="name">Budi Santoso</span></span>
    </body></html>"""
    meta = _meta(page)
    assert meta["published"] == "2023-03-04"
    assert meta["provenance"]["published"] == "html.dc"
    # a handle is no name: the microdata author is read instead
    assert meta["author"] == "Budi Santoso"
    assert meta["provenance"]["author"] == "html.itemprop"


def test_byline_class_with_the_packs_label() -> None:
    page = """<html><head></head><body><h1>Rain Returns to the Valley</h1>
    <div class="post-author">By Maria Tamu</div>
    <div class="comments"><span class="comment-author">Spam Bot says:</span></div>
    </body></html>"""
    meta = _meta(page, byline_labels=("by", "written by"))
    assert meta["author"] == "Maria Tamu"
    assert meta["provenance"]["author"] == "html.byline"


def test_implausible_declared_dates_are_refused() -> None:
    page = """<html><head>
    <meta property="article:published_time" content="1970-01-01T00:00:00Z">
    <meta property="article:modified_time" content="2031-05-01T00:00:00Z">
    </head><body><h1>Old Clock</h1></body></html>"""
    crawl = datetime(2025, 1, 1, tzinfo=timezone.utc)
    meta = _meta(page, crawl_time=crawl)
    assert "modified" not in meta  # after the crawl
    assert meta.get("published") != "1970-01-01T00:00:00+00:00"  # before 1990


def test_clean_author_strips_labels_and_refuses_non_names() -> None:
    assert clean_author("Penulis: Rina Hartati", ("penulis",)) == "Rina Hartati"
    assert clean_author("https://example.org/jane") is None
    assert clean_author("ops@example.org") is None
    assert clean_author("262588213843476") is None


def test_html_path_declared_author_wins_and_record_has_roles() -> None:
    art = cleaner.clean(GRAPH_PAGE, url="https://example.org/bridge/", kind="html")
    assert art.author == "Jane Doe"
    assert art.published == "2024-10-25T15:40:00+07:00"
    record = art.to_dict()["metadata"]
    assert record["editor"] == [] and record["photographer"] == []

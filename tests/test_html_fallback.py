"""The HTML path never comes back empty because trafilatura found nothing (issue 13):
the page's own text is cleaned as a dump.  Pages written for the test."""

from __future__ import annotations

import pytest

import cleaner
from cleaner import html as html_path

P1 = ("The council met on Tuesday evening and voted to repair the old bridge before "
      "the rains arrive, said the mayor, who called the decision long overdue.")
P2 = ("Work will start next month and should take about six weeks, according to the "
      "engineers who inspected the structure last spring and found it unsafe.")
PAGE = (f"<html><head><title>Bridge Repairs Approved | Town Post</title>"
        f'<meta property="og:title" content="Bridge Repairs Approved"></head><body>'
        f"<nav><a href='/'>Home</a><a href='/news'>News</a><a href='/sport'>Sport</a></nav>"
        f"<div class='story'><h1>Bridge Repairs Approved</h1><p>{P1}</p><p>{P2}</p></div>"
        f"<script>var x = 'not text';</script><footer>Copyright 2024 Town Post</footer>"
        f"</body></html>")


def test_render_blocks_gives_one_line_per_block_and_no_code() -> None:
    tree = html_path.parse_html(PAGE)
    lines = html_path.render_blocks(tree).splitlines()
    assert P1 in lines and P2 in lines
    assert "Bridge Repairs Approved" in lines
    assert not any("not text" in line for line in lines)


def test_render_blocks_is_not_limited_by_nesting_depth() -> None:
    # deeper than Python's recursion limit, within libxml2's nesting limit
    deep = "<div>" * 1500 + f"<p>{P1}</p>" + "</div>" * 1500
    tree = html_path.parse_html(f"<html><body>{deep}</body></html>")
    assert html_path.render_blocks(tree).splitlines() == [P1]


def test_a_page_trafilatura_finds_nothing_in_is_cleaned_as_a_dump(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(html_path, "extract_text", lambda tree, url: "")
    art = cleaner.Cleaner().clean(PAGE)
    assert art.paragraphs == (P1, P2)
    assert art.title == "Bridge Repairs Approved"  # the declared title still wins
    assert any("cleaned as a dump" in w for w in art.warnings)
    assert {d.rule for d in art.lines if d.decision == "kept"} == {"generic.window"}


def test_a_page_with_no_text_at_all_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(html_path, "extract_text", lambda tree, url: "")
    art = cleaner.Cleaner().clean("<html><body><script>x()</script></body></html>")
    assert art.paragraphs == ()
    assert "html: no main text found" in art.warnings

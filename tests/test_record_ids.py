"""Every record has an id and, for a page that declares one, a URL (issue 16 item 13)."""

from __future__ import annotations

import cleaner

BODY = ("Pemerintah kota memutuskan memperbaiki jembatan tua itu sebelum musim hujan "
        "tiba, kata wali kota kepada wartawan di balai kota.")
PAGE = ('<html><head><link rel="canonical" href="https://example.com/kota/jembatan">'
        f"</head><body><article><p>{BODY}</p></article></body></html>")


def test_a_record_without_an_id_gets_a_stable_content_id() -> None:
    rec = cleaner.clean(BODY).to_dict()
    assert rec["id"].startswith("sha1:") and len(rec["id"]) == len("sha1:") + 16
    assert cleaner.Cleaner().clean(BODY).id == rec["id"]  # same input, same id
    assert cleaner.clean(BODY + " Lagi.").id != rec["id"]
    # a str and its UTF-8 bytes are the same document
    assert cleaner.clean(BODY.encode("utf-8")).id == rec["id"]


def test_an_id_given_is_kept() -> None:
    assert cleaner.clean(BODY, id="doc-7").to_dict()["id"] == "doc-7"


def test_the_url_of_an_html_file_is_its_canonical_url() -> None:
    art = cleaner.clean(PAGE)
    assert art.to_dict()["metadata"]["url"] == "https://example.com/kota/jembatan"
    assert art.canonical_url == "https://example.com/kota/jembatan"


def test_a_url_the_caller_gives_wins_over_the_canonical_one() -> None:
    art = cleaner.clean(PAGE, url="https://m.example.com/kota/jembatan?amp=1")
    assert art.url == "https://m.example.com/kota/jembatan?amp=1"
    assert art.canonical_url == "https://example.com/kota/jembatan"

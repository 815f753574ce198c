"""Header facts of text dumps: dates with plausibility and time zones, credit lines per
role, relative stamps only with a crawl time (text written for these tests)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

import cleaner
from cleaner.meta.credits import read_credits
from cleaner.meta.facts import plausible_date, price_like, resolve_relative
from cleaner.meta.header import header_facts
from cleaner.words import Words


@pytest.fixture(scope="module")
def words() -> Words:
    return cleaner.Cleaner()._engine.words


def _all(_: int) -> bool:
    return True


def test_site_header_today_line_is_not_the_article_date(words: Words) -> None:
    lines = ["Senin, 12 Oktober 2015", "Beranda", "Nasional", "Ekonomi",
             "Jembatan Baru Dibuka untuk Umum", "Jumat, 25/10/2024 15:40 WIB",
             "Jembatan itu dibuka pada Jumat pagi setelah dua tahun dibangun oleh warga."]
    hf = header_facts(lines, 6, _all, words)
    # the stamp nearest the body wins, not the site header's "today" line
    assert hf.published == "2024-10-25T15:40:00+07:00"
    assert hf.lines[5] == "generic.date"
    assert hf.provenance["published"] == "text.generic.date"


def test_wib_time_keeps_its_offset(words: Words) -> None:
    hf = header_facts(["Rabu, 6 November 2024 09:15 WITA", "Isi berita yang panjang."], 1,
                      _all, words)
    assert hf.published == "2024-11-06T09:15:00+08:00"


def test_currency_line_is_not_a_date(words: Words) -> None:
    line = "Kurs 25/10/2024 USD (15.230,00/15.180,00)"
    assert price_like(line)
    hf = header_facts([line, "Isi berita yang panjang sekali."], 1, _all, words)
    assert hf.published is None and hf.lines == {}


def test_dates_before_1990_or_after_the_crawl_are_implausible() -> None:
    crawl = datetime(2024, 10, 25, 12, 0, tzinfo=timezone.utc)
    assert not plausible_date("1985-03-01")
    assert not plausible_date("2044-10-25", crawl)
    assert plausible_date("2024-10-26T01:00:00+07:00", crawl)  # the page's zone is ahead
    assert plausible_date("2044-10-25")  # no crawl time: no bound from the clock


def test_relative_stamp_needs_a_crawl_time(words: Words) -> None:
    crawl = datetime(2024, 10, 25, 12, 0, tzinfo=timezone(timedelta(hours=7)))
    assert resolve_relative("2 jam yang lalu", words.relative_units, words.relative_after,
                            None) is None
    assert resolve_relative("2 jam yang lalu", words.relative_units, words.relative_after,
                            crawl) == "2024-10-25T10:00:00+07:00"
    assert resolve_relative("3 days ago", words.relative_units, words.relative_after,
                            crawl) == "2024-10-22"
    hf = header_facts(["3 hours ago", "Body text of the story goes on."], 1, _all, words,
                      crawl)
    assert hf.published == "2024-10-25T09:00:00+07:00"
    assert hf.lines[0] == "generic.date.relative"


@pytest.mark.parametrize(("line", "author", "editor", "photographer", "rule"), [
    ("Pewarta: Rina Sari, Budi Santoso | Editor: Dewi Lestari",
     ("Rina Sari", "Budi Santoso"), ("Dewi Lestari",), (), "credit.author"),
    ("Penulis : Rina Sari", ("Rina Sari",), (), (), "credit.author"),
    ("Editor: Dewi Lestari", (), ("Dewi Lestari",), (), "credit.editor"),
    ("Written by Jane Doe & John Roe", ("Jane Doe", "John Roe"), (), (), "credit.author"),
    ("Photo: Maria Tamu", (), (), ("Maria Tamu",), "credit.photographer"),
])
def test_credit_lines_per_role(words: Words, line: str, author: tuple[str, ...],
                               editor: tuple[str, ...], photographer: tuple[str, ...],
                               rule: str) -> None:
    c = read_credits(line, words)
    assert (c.author, c.editor, c.photographer, c.rule) == (author, editor, photographer, rule)


def test_a_sentence_with_oleh_is_no_credit(words: Words) -> None:
    assert not read_credits("Hal itu disampaikan oleh Menteri Keuangan di Jakarta.", words)


DUMP = """Terpopuler
Jembatan Gantung Desa Sukamaju Akhirnya Diresmikan
Pewarta: Rina Sari
Editor: Dewi Lestari
Jumat, 25/10/2024 15:40 WIB
""" + "\n".join((
    "Warga Desa Sukamaju akhirnya bisa menyeberangi sungai tanpa perahu setelah jembatan "
    "gantung sepanjang delapan puluh meter diresmikan pada Jumat pagi oleh bupati setempat.",
    "Kepala desa mengatakan jembatan itu dibangun bersama-sama oleh warga selama dua tahun "
    "dengan bantuan dana desa dan sumbangan para perantau yang bekerja di kota.",
    "Anak-anak sekolah kini tidak perlu lagi menunggu perahu setiap pagi, dan para pedagang "
    "bisa membawa hasil kebun ke pasar kecamatan dengan lebih cepat dan aman.",
)) + "\n"


def test_dump_credit_lines_become_metadata_not_body() -> None:
    art = cleaner.Cleaner(use_profiles=False).clean(DUMP, kind="text")
    assert art.author == "Rina Sari"
    assert art.editor == ("Dewi Lestari",)
    assert art.published == "2024-10-25T15:40:00+07:00"
    by_text = {d.text: d for d in art.lines}
    assert by_text["Pewarta: Rina Sari"].decision == "metadata"
    assert by_text["Pewarta: Rina Sari"].rule == "generic.credit.author"
    assert by_text["Pewarta: Rina Sari"].reason == "byline"
    assert not any("Pewarta" in p or "Editor" in p for p in art.paragraphs)


def test_chrome_line_is_never_the_title() -> None:
    art = cleaner.Cleaner(use_profiles=False).clean(DUMP, kind="text")
    assert art.title == "Jembatan Gantung Desa Sukamaju Akhirnya Diresmikan"
    chrome = next(d for d in art.lines if d.text == "Terpopuler")
    assert (chrome.decision, chrome.rule, chrome.reason) == ("dropped", "id.section-label", "nav")

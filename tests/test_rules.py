"""Rule tests: each chrome line is dropped by the rule we expect, for the reason we expect.

Lines come from the chrome catalogue of real Indonesian outlets and from common English
chrome; the article text around them is written for these tests.
"""

from __future__ import annotations

import pytest

import cleaner

GENERIC = cleaner.Cleaner(use_profiles=False)
BODY = [
    "JAKARTA - Pemerintah daerah mengumumkan jadwal baru pengangkutan sampah di kota itu.",
    "Kepala dinas mengatakan perubahan ini dibuat agar warga tidak lagi menunggu terlalu lama.",
    "Menurut dia, jadwal baru akan diuji selama tiga bulan sebelum ditetapkan secara permanen.",
    "Warga yang ditemui di pasar menyambut baik rencana itu dan berharap segera dijalankan.",
]


def _decision(line: str, *, where: int = 2, cleaner_: cleaner.Cleaner = GENERIC):
    lines = [*BODY[:where], line, *BODY[where:]]
    art = cleaner_.clean("\n".join(lines))
    found = [d for d in art.lines if d.text == " ".join(line.split())]
    assert found, line
    return found[0], art


@pytest.mark.parametrize(
    ("line", "rule", "reason"),
    [
        ("ADVERTISEMENT", "common.ad-label", "ad"),
        ("SCROLL TO RESUME CONTENT", "common.ad-label", "ad"),
        ("ADVERTISEMENT SCROLL TO CONTINUE WITH CONTENT", "common.ad-label", "ad"),
        ("Tutup Iklan", "id.ad-label", "ad"),
        ("Baca juga: Harga Beras Naik Lagi di Pasar Induk Cipinang", "id.read-also", "related"),
        ("Baca Juga : Polisi Tangkap Pelaku Pencurian Motor", "id.read-also", "related"),
        ("(Baca Juga: Gempa Guncang Wilayah Selatan)", "id.read-also", "related"),
        ("Lihat juga Video: Banjir Rendam Ratusan Rumah", "id.read-also", "related"),
        ("Simak juga Video 'Warga Gotong Royong Bersihkan Sungai':", "id.read-also", "related"),
        ("3 jam yang lalu", "id.relative-time", "timestamp"),
        ("45 menit lalu", "id.relative-time", "timestamp"),
        ("5 hours ago", "en.relative-time", "timestamp"),
        ("A A A", "common.font-size", "share"),
        ("A- A+", "common.font-size", "share"),
        ("loading...", "common.loading", "nav"),
        ("Salin Artikel", "id.share", "share"),
        ("Baca berita tanpa iklan.", "id.no-ads-promo", "promo"),
        ("Ikuti berita terkini dari Contoh di Google News, klik di sini .", "id.follow-promo",
         "promo"),
        ("Dapatkan update berita pilihan dan breaking news setiap hari dari Contoh.com. "
         "Mari bergabung di Grup Telegram", "id.follow-promo", "promo"),
        ("Halaman 2 dari 3", "id.pagination", "pagination"),
        ("1 2 Selanjutnya", "common.pagination-numbers", "pagination"),
        ("[Gambas:Video CNN]", "common.embed-placeholder", "embed"),
        ("[Gambas:Instagram]", "common.embed-placeholder", "embed"),
        ("Copyright © 2025 Contoh.com. All Rights Reserved", "common.copyright", "footer"),
        ("© 2024 Contoh, a subsidiary of Contoh Media. All Right Reserved", "common.copyright",
         "footer"),
        ("/nasional/read/2024/10/31/103636870/judul-berita", "common.url-only", "url"),
        ("https://www.contoh.com/berita/123", "common.url-only", "url"),
        ("Artikel ini telah tayang di Contoh.com dengan judul \"Judul\", Klik untuk baca: "
         "https://contoh.com/x", "id.syndication", "footer"),
        ("Saksikan live streaming program-program Contoh TV di sini", "id.live-promo", "promo"),
        ("Berlanjut ke halaman berikutnya.", "id.pagination", "pagination"),
        ("Baca selengkapnya di sini", "id.subscribe-promo", "promo"),
        ("Dilarang keras mengambil konten, melakukan crawling atau pengindeksan otomatis "
         "untuk AI di situs web ini tanpa izin tertulis.", "id.antara-warning", "footer"),
    ],
)
def test_chrome_line_dropped_with_rule_and_reason(line: str, rule: str, reason: str) -> None:
    d, art = _decision(line)
    assert (d.decision, d.rule, d.reason) == ("dropped", rule, reason)
    assert list(art.paragraphs) == BODY


@pytest.mark.parametrize(
    ("line", "rule", "field", "value"),
    [
        ("(es/DNA)", "common.signature", "signature", "(es/DNA)"),
        ("Sumber : Reuters", "id.source", "sources", ("Reuters",)),
        ("Sumber: Reuters, AFP", "id.source", "sources", ("Reuters", "AFP")),
    ],
)
def test_end_of_article_metadata(line: str, rule: str, field: str, value: object) -> None:
    d, art = _decision(line, where=len(BODY))
    assert (d.decision, d.rule) == ("metadata", rule)
    assert getattr(art, field) == value
    assert list(art.paragraphs) == BODY


def test_caption_before_body_is_metadata() -> None:
    line = "Warga membersihkan selokan di Jakarta, Senin. Foto/Dok. Warga"
    d, art = _decision(line, where=0)
    assert (d.decision, d.rule, d.reason) == ("metadata", "id.caption-credit", "caption")
    assert art.captions == (line,)


def test_foreign_script_line_outside_the_body_is_dropped_inside_kept() -> None:
    d, _ = _decision("优游国际", where=0)
    assert (d.decision, d.rule, d.reason) == ("dropped", "generic.foreign-script",
                                              "foreign-script")
    verse = "بِسْمِ اللَّهِ الرَّحْمَنِ الرَّحِيمِ"
    d, _art = _decision(verse, where=2)
    assert d.decision == "kept"


def test_enumerated_list_after_the_last_paragraph_is_body() -> None:
    items = ["Berikut daftar desa terdampak:", "1. Desa Sukamaju di Kecamatan Barat",
             "2. Desa Sukamundur di Kecamatan Timur", "3. Desa Mekarsari"]
    art = GENERIC.clean("\n".join([*BODY, *items, "Berita Terkait", "Judul Lain Di Sini"]))
    assert list(art.paragraphs) == [*BODY, *items]


def test_teaser_of_title_is_dropped() -> None:
    text = "\n".join(["Banjir Besar Rendam Ribuan Rumah di Pesisir", "Banjir Besar Rendam...",
                      *BODY])
    art = GENERIC.clean(text)
    d = art.lines[1]
    assert (d.decision, d.rule, d.reason) == ("dropped", "generic.teaser", "teaser")
    assert art.title == "Banjir Besar Rendam Ribuan Rumah di Pesisir"


def test_duplicate_line_inside_body_is_dropped() -> None:
    text = "\n".join([*BODY[:2], BODY[1], *BODY[2:]])
    art = GENERIC.clean(text)
    assert (art.lines[2].rule, art.lines[2].reason) == ("generic.duplicate", "duplicate")
    assert list(art.paragraphs) == BODY


def test_related_list_after_header_is_dropped_and_body_may_continue() -> None:
    text = "\n".join([*BODY[:2], "Baca Juga:", "Harga Beras Naik Lagi di Pasar Induk",
                      "Polisi Tangkap Pelaku Pencurian Motor di Bekasi", *BODY[2:]])
    art = GENERIC.clean(text)
    dropped = [(d.rule, d.reason) for d in art.lines if d.decision == "dropped"]
    assert dropped == [("id.related-header", "related")] * 3
    assert list(art.paragraphs) == BODY


def test_headline_run_after_body_is_related() -> None:
    heads = ["Harga Beras Naik Lagi di Pasar Induk", "Polisi Tangkap Pelaku Pencurian Motor",
             "Gempa Guncang Wilayah Selatan Jawa Barat", "Timnas Menang Tipis atas Vietnam"]
    art = GENERIC.clean("\n".join([*BODY, *heads]))
    assert [d.rule for d in art.lines[len(BODY):]] == ["generic.headline-run"] * 4
    assert {d.reason for d in art.lines[len(BODY):]} == {"related"}


def test_in_body_subheading_and_short_quote_are_kept() -> None:
    text = "\n".join([*BODY[:2], "`PERKEMBANGAN BERBAHAYA`", "\"Kami siap.\"", *BODY[2:]])
    art = GENERIC.clean(text)
    assert list(art.paragraphs) == [*BODY[:2], "`PERKEMBANGAN BERBAHAYA`", "\"Kami siap.\"",
                                    *BODY[2:]]


def test_profile_can_disable_a_generic_rule(tmp_path) -> None:
    (tmp_path / "x.toml").write_text(
        'id = "contoh.com"\nversion = "1"\ndomains = ["contoh.com"]\n'
        'disable = ["generic.duplicate"]\n', encoding="utf-8")
    c = cleaner.Cleaner(profile_dirs=[tmp_path])
    text = "\n".join([*BODY[:2], BODY[1], *BODY[2:]])
    art = c.clean(text, url="https://contoh.com/a")
    assert art.profile == "contoh.com@1"
    assert art.paragraphs.count(BODY[1]) == 2


def test_profile_keep_rule_overrides_packs(tmp_path) -> None:
    (tmp_path / "x.toml").write_text(
        'id = "contoh.com"\nversion = "1"\ndomains = ["contoh.com"]\n'
        '[[keep]]\nid = "contoh.keep-ad-story"\nmatch = "exact"\ntext = "ADVERTISEMENT"\n',
        encoding="utf-8")
    c = cleaner.Cleaner(profile_dirs=[tmp_path])
    art = c.clean("\n".join([*BODY[:2], "ADVERTISEMENT", *BODY[2:]]), url="contoh.com/a")
    assert art.lines[2].rule == "contoh.keep-ad-story"
    assert "ADVERTISEMENT" in art.paragraphs


def test_cut_after_rule_drops_everything_after(tmp_path) -> None:
    (tmp_path / "x.toml").write_text(
        'id = "contoh.com"\nversion = "1"\ndomains = ["contoh.com"]\n'
        '[[cut_after]]\nid = "contoh.more"\nmatch = "exact"\ntext = "Lainnya dari Kami"\n'
        'reason = "related"\n', encoding="utf-8")
    c = cleaner.Cleaner(profile_dirs=[tmp_path])
    art = c.clean("\n".join([*BODY, "Lainnya dari Kami", *BODY]), url="contoh.com/a")
    assert list(art.paragraphs) == BODY
    assert {(d.rule, d.reason) for d in art.lines[len(BODY):]} == {("contoh.more", "related")}


def test_dates_and_timezones() -> None:
    for line, want in [
        ("Jum'at, 25 Oktober 2024 - 15:40 WIB", "2024-10-25T15:40:00+07:00"),
        ("Kamis, 24/10/2024 09:35 WITA", "2024-10-24T09:35:00+08:00"),
        ("Senin, 4 November 2024 10:00 WIT", "2024-11-04T10:00:00+09:00"),
        ("22 Nov 2024", "2024-11-22"),
    ]:
        art = GENERIC.clean("\n".join(["Judul Berita Yang Cukup Panjang", line, *BODY]))
        assert art.published == want, line


def test_date_from_url_when_no_date_line() -> None:
    art = GENERIC.clean("\n".join(BODY), url="https://x.contoh.com/read/2024/10/31/1/judul")
    assert art.published == "2024-10-31"
    assert art.outlet == "contoh.com"


def test_strip_dateline_option() -> None:
    art = GENERIC.clean("\n".join(BODY), strip_dateline=True)
    assert art.paragraphs[0] == BODY[0][len("JAKARTA - "):]
    assert art.dateline == "JAKARTA"


def test_english_page() -> None:
    text = "\n".join([
        "Home", "World", "City Council Approves New Bus Lanes",
        "By Jane Doe", "Published October 25, 2024 3:40 pm EST",
        "The city council voted on Tuesday to approve new bus lanes on three main avenues.",
        "Advertisement",
        "Supporters said the lanes would cut commute times for tens of thousands of riders.",
        "Opponents argued that shop owners had not been consulted about the loss of parking.",
        "Sign up for our newsletter to get the latest news every morning.",
        "Related Articles", "Mayor Faces Budget Questions", "Bridge Repairs Delayed Again",
        "Copyright © 2024 Example News. All rights reserved.",
    ])
    art = GENERIC.clean(text)
    assert list(art.paragraphs) == [
        "The city council voted on Tuesday to approve new bus lanes on three main avenues.",
        "Supporters said the lanes would cut commute times for tens of thousands of riders.",
        "Opponents argued that shop owners had not been consulted about the loss of parking.",
    ]
    assert art.title == "City Council Approves New Bus Lanes"
    assert art.author == "Jane Doe"
    assert art.published == "2024-10-25T15:40:00-05:00"
    assert art.language == "en"

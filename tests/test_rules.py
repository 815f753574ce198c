"""Rule tests: each chrome line is dropped by the rule we expect, for the reason we expect.

Lines come from the chrome catalogue of real Indonesian outlets and from common English
chrome; the article text around them is written for these tests.
"""

from __future__ import annotations

import re

import pytest

import cleaner
from cleaner.lines import Line, split_lines
from cleaner.rules.matcher import MAX_PATTERN_CHARS, MetaRule, MetaRuleSet, Rule, RuleSet

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


# ---------------------------------------------------------------- rule precedence
def _rule(rid: str, match: str, text: str, *, cs: bool = False, max_words: int | None = None,
          requires: tuple[str, ...] | None = None) -> Rule:
    return Rule(rid, "drop", match, text, f"reason-{rid}", case_sensitive=cs,
                max_words=max_words, requires=requires)


def _winner(rules: list[Rule], line: str) -> tuple[str, str] | None:
    found = RuleSet.compile(rules).find(line, line.casefold(), len(line.split()))
    return None if found is None else (found.id, found.reason)


@pytest.mark.parametrize(("rules", "line", "winner"), [
    # 1. exact first, even when written after a prefix rule that matches too
    ([_rule("p", "prefix", "baca"), _rule("e", "exact", "baca juga")], "Baca juga", "e"),
    # 1. of two exact rules: the case-sensitive one, then the first with that text
    ([_rule("ci", "exact", "baca juga"), _rule("cs", "exact", "Baca juga", cs=True)],
     "Baca juga", "cs"),
    ([_rule("e1", "exact", "baca juga"), _rule("e2", "exact", "BACA JUGA")], "Baca juga", "e1"),
    # 2. prefix beats contains, contains beats regex, whatever the file order
    ([_rule("c", "contains", "juga"), _rule("p", "prefix", "baca")], "Baca juga", "p"),
    ([_rule("r", "regex", r"baca.*"), _rule("c", "contains", "juga")], "Baca juga", "c"),
    # 3. within a kind: case-sensitive rules first, then the first in the file
    ([_rule("ci", "prefix", "baca"), _rule("cs", "prefix", "Baca", cs=True)], "Baca juga", "cs"),
    ([_rule("p1", "prefix", "baca"), _rule("p2", "prefix", "baca ju")], "Baca juga", "p1"),
    # 4. a rule with a pre-check comes after every merged rule, even an exact one
    ([_rule("g", "exact", "baca juga", requires=("baca",)), _rule("r", "regex", r"baca.*")],
     "Baca juga", "r"),
    ([_rule("g", "exact", "baca juga", requires=("baca",))], "Baca juga", "g"),
    # 5. over a rule's word cap: the next candidate
    ([_rule("p1", "prefix", "baca", max_words=1), _rule("p2", "prefix", "baca")],
     "Baca juga", "p2"),
    ([_rule("r", "regex", r"(?:\w+ ?)*")], " ".join(["kata"] * 81), None),
])
def test_ruleset_precedence(rules: list[Rule], line: str, winner: str | None) -> None:
    assert _winner(rules, line) == (None if winner is None else (winner, f"reason-{winner}"))


def test_no_pattern_runs_on_a_very_long_line() -> None:
    line = "a" * (MAX_PATTERN_CHARS + 1)
    assert _winner([_rule("p", "prefix", "a")], line) is None
    assert _winner([_rule("e", "exact", line)], line) == ("e", "reason-e")


# ---------------------------------------------------------------- metadata rules
def _meta(rid: str, pattern: str, *, max_words: int = 40,
          requires: tuple[str, ...] | None = None) -> MetaRule:
    return MetaRule(rid, re.compile(pattern, re.IGNORECASE), f"reason-{rid}",
                    max_words=max_words, requires=requires)


def _plain_first(rules: list[MetaRule], line: Line) -> tuple[str, tuple] | None:
    """The meaning of a MetaRuleSet, written as the plain loop."""
    for mr in rules:
        if line.words > mr.max_words or len(line.text) > MAX_PATTERN_CHARS:
            continue
        if mr.requires is not None and not any(w in line.lower for w in mr.requires):
            continue
        m = mr.pattern.fullmatch(line.text)
        if m is not None:
            return mr.id, tuple((k, v) for k, v in m.groupdict().items() if v)
    return None


META = [
    _meta("by", r"(?:oleh|by)\s*:?\s*(?P<author>[a-z][\w .]{1,40})"),
    _meta("src", r"sumber\s*:\s*(?P<source>\w+)", requires=("sumber",)),
    _meta("cap", r"foto\s*:\s*(?P<caption>.{1,300})", max_words=80),
    _meta("date", r"(?P<published>\d{1,2}/\d{1,2}/\d{4})(?:\s+(?P<dateline>\w+))?"),
    _meta("by2", r"(?:oleh|by)\s+(?P<author>\w+)"),  # never wins: "by" comes first
]


@pytest.mark.parametrize("text", [
    "Oleh: Budi Santoso", "By Jane", "Sumber: Antara", "Foto: " + "kata " * 50,
    "04/11/2024 Jakarta", "04/11/2024", "Oleh " + "kata " * 45, "Baca juga", "sumber lain",
])
def test_metaruleset_is_the_first_rule_in_order(text: str) -> None:
    line = split_lines(text)[0]
    found = MetaRuleSet.compile(META).find(line.text, line.lower, line.words)
    got = None if found is None else (found[0].id, found[1])
    assert got == _plain_first(META, line)


def test_metaruleset_merges_plain_rules_and_keeps_the_others_apart() -> None:
    rs = MetaRuleSet.compile(META)
    assert rs._merged is not None and rs._cap == 40
    assert [META[i].id for i in rs._rest] == ["src", "cap"]
    line = split_lines("Sumber: Antara")[0]
    assert rs.find(line.text, line.lower, line.words)[0].id == "src"
    # a rule whose pre-check words occur nowhere in the document is skipped
    assert rs.find(line.text, line.lower, line.words, frozenset({"src"})) is None


def test_profile_and_pack_meta_rules_decide_alike(tmp_path) -> None:
    """The engine's profile meta rules go through the same MetaRuleSet as the packs'."""
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "contoh.toml").write_text(
        'id = "contoh"\nversion = "1"\n'
        "[[meta]]\nid = \"contoh.credit\"\nreason = \"byline\"\n"
        "pattern = '''Liputan\\s+(?P<author>[A-Z]\\w+(?: [A-Z]\\w+)?)'''\n"
        "[[meta]]\nid = \"contoh.credit-long\"\nreason = \"byline\"\n"
        "pattern = '''Liputan\\s+(?P<author>.+)'''\n", encoding="utf-8")
    cl = cleaner.Cleaner(profile_dirs=[folder])
    art = cl.clean("\n".join([BODY[0], "Liputan Budi Santoso", *BODY[1:]]), outlet="contoh")
    found = [(d.decision, d.rule, d.reason) for d in art.lines if d.text == "Liputan Budi Santoso"]
    # the first matching rule in file order, as for pack rules
    assert found == [("metadata", "contoh.credit", "byline")]
    assert art.author == "Budi Santoso"

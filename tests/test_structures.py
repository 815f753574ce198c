"""Structures around the article (cleaner.structures): lists, teasers, comments, tag clouds,
galleries, the line model and page kind.  Every page here was written for this test, one
Indonesian and one English page per structure; each test asserts the rule id and reason."""

from __future__ import annotations

import pytest

import cleaner
from cleaner.lines import split_lines
from cleaner.structures import shapes
from cleaner.structures.features import NAMES, line_features
from cleaner.structures.linemodel import LineModel, default_model
from cleaner.structures.pagekind import KINDS, page_kind

GENERIC = cleaner.Cleaner(use_profiles=False)

BODY_ID = [
    "JAKARTA - Pemerintah kota mengumumkan jadwal baru pengangkutan sampah untuk semua "
    "kelurahan mulai pekan depan.",
    "Kepala dinas kebersihan mengatakan perubahan ini dibuat agar warga tidak lagi "
    "menunggu truk sampai larut malam.",
    "Menurut dia, jadwal baru itu akan diuji selama tiga bulan sebelum ditetapkan "
    "secara permanen oleh wali kota.",
    "Warga yang ditemui di pasar menyambut baik rencana itu dan berharap petugas datang "
    "tepat waktu setiap hari.",
    "Dinas juga menambah dua puluh truk baru dan membuka layanan pengaduan yang bisa "
    "dihubungi lewat telepon.",
]
BODY_EN = [
    "SPRINGFIELD - The city council approved a new schedule for rubbish collection on "
    "Tuesday, starting next week in every district.",
    "The head of the sanitation department said the change was made so residents no "
    "longer wait for trucks until late at night.",
    "According to her, the new timetable will be tested for three months before the "
    "mayor makes it permanent.",
    "Residents interviewed at the market welcomed the plan and said they hoped the crews "
    "would arrive on time every day.",
    "The department is also adding twenty new trucks and opening a complaints line that "
    "residents can call around the clock.",
]
LIST_ID = [
    "Harga Cabai Rawit di Pasar Induk Naik Dua Kali Lipat",
    "Banjir Rob Rendam Ratusan Rumah di Pesisir Utara",
    "Pemain Muda Dipanggil Pelatih untuk Laga Persahabatan",
    "Antrean Panjang Warnai Hari Pertama Pendaftaran Sekolah",
]
LIST_EN = [
    "Local Bakery Wins Regional Award for Its Sourdough Bread",
    "Storm Knocks Out Power to Thousands Across the Valley",
    "School Board Delays Vote on New Sports Stadium Plans",
    "Riverside Park Reopens After Two Years of Repairs Work",
]


def _page(*parts: list[str]) -> str:
    return "\n".join(line for part in parts for line in part)


def _decision(art: cleaner.Article, text: str) -> cleaner.LineDecision:
    found = [d for d in art.lines if d.text == text]
    assert found, text
    return found[0]


@pytest.mark.parametrize(("body", "items", "closer"), [
    (BODY_ID, LIST_ID, "Selengkapnya »"),
    (BODY_EN, LIST_EN, "See all"),
], ids=["id", "en"])
def test_list_after_the_article_closed_by_a_closer(body: list[str], items: list[str],
                                                   closer: str) -> None:
    art = GENERIC.clean(_page(body, items, [closer]))
    assert list(art.paragraphs) == body
    for item in items:
        d = _decision(art, item)
        assert (d.decision, d.rule, d.reason) == ("dropped", "generic.list", "related")
    d = _decision(art, closer)
    assert d.decision == "dropped" and d.rule.endswith(".list-closer") and d.reason == "list-end"


@pytest.mark.parametrize(("body", "items", "closer"), [
    (BODY_ID, LIST_ID, "Lihat semua »"),
    (BODY_EN, LIST_EN, "View all"),
], ids=["id", "en"])
def test_list_before_the_article_closed_by_a_closer(body: list[str], items: list[str],
                                                    closer: str) -> None:
    art = GENERIC.clean(_page(items, [closer], body))
    assert list(art.paragraphs) == body
    for item in items:
        d = _decision(art, item)
        assert (d.decision, d.rule, d.reason) == ("dropped", "generic.list", "related")


@pytest.mark.parametrize(("body", "teasers"), [
    (BODY_ID, [
        "PORTAL | Senin 03 Mar 2014, 11:05 WIB Polisi menangkap dua pelaku pencurian motor",
        "Pasar Malam Kembali Dibuka",
        "PORTAL | Senin 03 Mar 2014, 10:40 WIB Pedagang kembali berjualan setelah renovasi",
        "PORTAL | Senin 03 Mar 2014, 09:15 WIB Jalan tol ditutup sementara untuk perbaikan",
    ]),
    (BODY_EN, [
        "GAZETTE | Monday 03 Mar 2014, 11:05 Police arrest two suspects in bike thefts",
        "Night Market Opens Again",
        "GAZETTE | Monday 03 Mar 2014, 10:40 Traders return to the renovated hall",
        "GAZETTE | Monday 03 Mar 2014, 09:15 Highway closed for weekend repairs",
    ]),
], ids=["id", "en"])
def test_stamp_led_teaser_list(body: list[str], teasers: list[str]) -> None:
    art = GENERIC.clean(_page(body, teasers))
    assert list(art.paragraphs) == body
    for t in teasers:
        d = _decision(art, t)
        assert (d.decision, d.rule, d.reason) == ("dropped", "generic.list", "related")


@pytest.mark.parametrize(("body", "header", "comments"), [
    (BODY_ID, "12 Komentar untuk berita ini", [
        "Semoga jadwal baru ini benar-benar dijalankan, karena selama ini truk sering "
        "datang terlambat di kompleks kami.",
        "Setuju sekali, tapi petugas juga perlu diberi upah yang layak supaya mau bekerja "
        "sampai malam hari.",
    ]),
    (BODY_EN, "Leave a reply", [
        "I hope the new schedule actually sticks, because the trucks in our street have "
        "been late for months now.",
        "Agreed, but the crews also need decent pay if the city wants them working late "
        "into the evening.",
    ]),
], ids=["id", "en"])
def test_comment_section_after_the_article(body: list[str], header: str,
                                           comments: list[str]) -> None:
    art = GENERIC.clean(_page(body, [header], comments))
    assert list(art.paragraphs) == body
    assert _decision(art, header).reason == "comments"
    for c in comments:
        d = _decision(art, c)
        assert (d.decision, d.rule, d.reason) == ("dropped", "generic.comments", "comments")


def test_a_comments_link_above_the_article_does_not_cut_it() -> None:
    art = GENERIC.clean(_page(["Komentar"], BODY_ID))
    assert list(art.paragraphs) == BODY_ID


@pytest.mark.parametrize(("body", "cloud"), [
    (BODY_ID, "Persija Timnas Pemilu Banjir Jakarta Harga Beras KPK Piala Dunia Gempa "
              "Bandung Mudik Lebaran Cuaca Sepak Bola Kereta Cepat Tol"),
    (BODY_EN, "Elections Weather Football Stocks Traffic Schools Housing Crime Courts "
              "Health Jobs Transport Climate Music Theatre Travel Science Books"),
], ids=["id", "en"])
def test_tag_cloud(body: list[str], cloud: str) -> None:
    art = GENERIC.clean(_page(body[:3], [cloud], body[3:]))
    d = _decision(art, cloud)
    # inside the body window a soft decision is the window's to overturn: it keeps
    # the line only by vouching for it, outside it the tag-cloud rule stands
    assert d.rule in ("generic.tag-cloud", "generic.window")
    art = GENERIC.clean(_page(body, [cloud]))
    d = _decision(art, cloud)
    assert (d.decision, d.rule, d.reason) == ("dropped", "generic.tag-cloud", "tags")


@pytest.mark.parametrize("title", [
    "Komisi Daerah Heran Tak Ada Perwakilan Dinas Hadiri Rapat Terkait Putusan Pengadilan "
    "Tinggi Negeri Jakarta",
    "Council Leader Says Bridge Repairs Will Cost Twice The First Estimate, Report Finds "
    "After Long Review",
], ids=["id", "en"])
def test_long_title_case_headline_is_not_a_tag_cloud(title: str) -> None:
    lines = split_lines(title)
    assert lines[0].words >= 15  # longer than nearly every headline
    assert shapes.detect(lines, [None]) == {}


@pytest.mark.parametrize(("caption", "stamp"), [
    ("Foto: Warga menonton pawai budaya di alun-alun kota", "Foto 02 Jan 2016 09:30"),
    ("Photo: Residents watch the parade in the town square", "Photo 02 Jan 2016 09:30"),
], ids=["id", "en"])
def test_gallery_page_kind(caption: str, stamp: str) -> None:
    lines = split_lines("\n".join([caption, stamp] * 5))
    final = [("dropped", "x.caption", "caption") if i % 2 == 0 else ("dropped", "x", "date")
             for i in range(len(lines))]
    kind, conf = page_kind(lines, final, None)
    assert kind == "gallery" and 0.0 < conf <= 1.0


def test_page_kind_is_in_the_record() -> None:
    art = GENERIC.clean(_page(BODY_EN))
    meta = art.to_dict()["metadata"]
    assert meta["page_kind"] in KINDS
    assert meta["page_kind_confidence"] is None or 0.0 <= meta["page_kind_confidence"] <= 1.0


@pytest.mark.parametrize("url", [
    None, "https://gazette.example/2024/10/25/city-approves-new-rubbish-collection-schedule"])
def test_article_page_kind(url: str | None) -> None:
    art = GENERIC.clean(_page(LIST_EN, BODY_EN, ["Leave a reply"]), url=url)
    assert art.page_kind == "article" and art.page_kind_confidence > 0.5


def _model(drop_below: float = 0.5, keep_above: float = 0.5, bias: float = 0.0,
           weight: dict[str, float] | None = None) -> LineModel:
    names2 = [*NAMES, "p_self", "p_prev", "p_next", "p_near", "p_far"]

    def stage(names: list[str]) -> dict[str, object]:
        return {"names": names, "mean": [0.0] * len(names), "scale": [1.0] * len(names),
                "coef": [(weight or {}).get(nm, 0.0) for nm in names], "intercept": bias}

    return LineModel({"stage1": stage(list(NAMES)), "stage2": stage(names2),
                      "drop_below": drop_below, "keep_above": keep_above})


def test_line_model_decision_names_its_features() -> None:
    """A model that calls every line inside the window chrome drops it with
    generic.linemodel, and the note names the feature that decided."""
    c = cleaner.Cleaner(use_profiles=False)
    c._engine.line_model = _model(bias=0.0, weight={"in_span": -8.0})
    menu = [f"Menu {k}" for k in range(15)]
    page = _page(menu, BODY_EN[1:], menu[:2])  # a page: the article with menus around
    art = c.clean(page)
    d = _decision(art, BODY_EN[1])
    assert (d.decision, d.rule, d.reason) == ("dropped", "generic.linemodel", "chrome")
    notes = dict(art.notes)
    assert "in_span-" in notes[d.n] and notes[d.n].startswith("p=")


def test_line_model_keeps_body_outside_the_window() -> None:
    c = cleaner.Cleaner(use_profiles=False)
    c._engine.line_model = _model(keep_above=0.9, weight={"prose": 20.0}, bias=-5.0)
    extra = "A single closing remark that the window left out because of the list."
    page = _page(BODY_EN * 4, LIST_EN * 2, [extra])
    art = c.clean(page)
    d = _decision(art, extra)
    assert (d.decision, d.rule, d.reason) == ("kept", "generic.linemodel", "body")


def test_short_texts_and_profiles_skip_the_model() -> None:
    c = cleaner.Cleaner(use_profiles=False)
    c._engine.line_model = _model(weight={"in_span": -8.0})
    art = c.clean(_page(BODY_ID))  # five lines: an article already cut out
    assert list(art.paragraphs) == BODY_ID


def test_features_are_named_and_finite() -> None:
    lines = split_lines(_page(LIST_EN, BODY_EN))
    x = line_features(lines, [None] * len(lines), [frozenset({"the", "and"})], (4, 8))
    assert len(x) == len(lines) and all(len(v) == len(NAMES) for v in x)
    assert all(v == v and abs(v) < 1e6 for row in x for v in row)


def test_shipped_model_loads_and_is_deterministic() -> None:
    m = default_model()
    assert m is not None and 0.0 < m.drop_below <= m.keep_above <= 1.0
    page = _page(LIST_EN, BODY_EN * 5, ["Leave a reply"], BODY_EN[:2])
    a, b = GENERIC.clean(page), GENERIC.clean(page)
    assert a.to_dict(keep_removed=True) == b.to_dict(keep_removed=True)


def test_a_text_that_is_nearly_all_window_is_left_to_the_window() -> None:
    """An article already cut out (no page around it): the model does not run, so a
    model that would drop every line changes nothing."""
    c = cleaner.Cleaner(use_profiles=False)
    c._engine.line_model = _model(weight={"in_span": -8.0})
    body = [f"{line} (bagian {k})" for k in range(5) for line in BODY_ID]  # 25 lines
    art = c.clean(_page(body))
    assert list(art.paragraphs) == body
    assert not art.notes


def test_a_body_sentence_needs_a_confident_model_to_go() -> None:
    """Inside the window a prose sentence is dropped only below PROSE_DROP_BELOW."""
    from cleaner.structures import PROSE_DROP_BELOW

    c = cleaner.Cleaner(use_profiles=False)
    # every line gets p = sigmoid(-1.5) ~ 0.18: below drop_below, above the prose bar
    c._engine.line_model = _model(drop_below=0.5, bias=-1.5)
    assert PROSE_DROP_BELOW < 0.18
    chrome = [f"Menu {k}" for k in range(15)]
    short = ["Meanwhile", "Also", "Then"]
    art = c.clean(_page(chrome, BODY_EN[1:3], short, BODY_EN[3:], chrome[:2]))
    assert list(art.paragraphs) == BODY_EN[1:]  # the sentences stay...
    for t in short:  # ...a run of short lines inside the window goes
        d = _decision(art, t)
        assert (d.decision, d.rule, d.reason) == ("dropped", "generic.linemodel", "chrome")
        assert dict(art.notes)[d.n].startswith("p=0.18")


def test_a_stray_short_line_mid_article_stays() -> None:
    c = cleaner.Cleaner(use_profiles=False)
    c._engine.line_model = _model(drop_below=0.5, bias=-1.5)
    chrome = [f"Menu {k}" for k in range(15)]
    art = c.clean(_page(chrome, BODY_EN[1:3], ["Meanwhile"], BODY_EN[3:], chrome[:2]))
    assert _decision(art, "Meanwhile").rule == "generic.window"

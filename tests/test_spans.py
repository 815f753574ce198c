"""Span rules: chrome glued inside a body line is cut out, by shape, and explained.

Every text here is written for these tests.  Each test asserts the span cut (its text),
the rule id, the reason and the shape that ended it, or that an unbounded marker left
the line whole and said so in the line's reason.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import cleaner
from cleaner.learn._sketch import BloomFilter
from cleaner.spans import SpanSet, delete

GENERIC = cleaner.Cleaner(use_profiles=False)
#: the id pack's span rules and words, as the engine builds them
SPANS: SpanSet = GENERIC._engine.spans

OPEN = ("JAKARTA - Pemerintah daerah mengumumkan jadwal baru pengangkutan sampah di kota itu "
        "mulai pekan depan, kata dia, Jumat (1/5/2020).")
TAIL = ("Menurut pedagang, harga cabai di pasar itu turun karena pasokan dari daerah "
        "penghasil sedang melimpah sejak awal bulan ini.")
BODY = [
    "Kepala dinas mengatakan perubahan ini dibuat agar warga tidak lagi menunggu terlalu lama.",
    "Warga yang ditemui di pasar menyambut baik rencana itu dan berharap segera dijalankan.",
    "Petugas kebersihan menambah armada dan jam kerja agar sampah tidak menumpuk di jalan.",
]


def _clean(line: str, *, before: tuple[str, ...] = (), c: cleaner.Cleaner = GENERIC):
    """Clean the line between body paragraphs; return its decision and the article."""
    art = c.clean("\n".join([*before, *BODY[:2], line, *BODY[2:]]), kind="text")
    found = [d for d in art.lines if d.text == " ".join(line.split())]
    assert found, line
    return found[0], art


def _one_span(line: str, **kw):
    d, art = _clean(line, **kw)
    assert d.decision == "kept", d
    assert len(d.spans) == 1, d.spans
    sp = d.spans[0]
    assert d.text[sp.start:sp.end] == sp.text
    assert delete(d.text, d.spans) in art.paragraphs
    return sp, d, art


def test_glued_marker_and_two_glued_titles_end_at_the_last_junction() -> None:
    line = (OPEN + "Baca Juga:Harga Cabai Turun Jelang LebaranPasar Induk Sepi Pembeli Sejak "
            "PagiPedagang mengaku harga cabai di pasar itu turun karena pasokan dari daerah "
            "penghasil sedang melimpah sejak awal bulan ini.")
    sp, d, art = _one_span(line)
    assert sp.text == ("Baca Juga:Harga Cabai Turun Jelang LebaranPasar Induk Sepi Pembeli "
                       "Sejak Pagi")
    assert (sp.rule, sp.reason, sp.shape) == ("id.read-also-inline", "related", "junction")
    assert d.reason == "body"
    assert (OPEN + " Pedagang mengaku harga cabai") in art.text
    assert art.removed.get("related") == 1


def test_marker_opening_a_line_ends_at_the_next_sentences_quote() -> None:
    line = ('Baca Juga: Tiket Mudik Ludes Dalam Sehari "Kami menambah gerbong untuk semua '
            'tujuan di Jawa dan Sumatra sejak pagi tadi," kata petugas stasiun itu kepada '
            "wartawan yang menunggu di peron, Senin pagi. Penumpang diminta datang lebih awal "
            "agar tidak tertinggal kereta yang berangkat tepat waktu.")
    sp, _, art = _one_span(line)
    assert sp.text == "Baca Juga: Tiket Mudik Ludes Dalam Sehari "
    assert (sp.rule, sp.reason, sp.shape) == ("id.read-also-inline", "related", "quote")
    assert any(p.startswith('"Kami menambah gerbong') for p in art.paragraphs)


def test_short_line_dropped_whole_gives_back_the_sentence_after_the_title() -> None:
    # under id.read-also's 40 words: the whole-line rule drops it, the span rule
    # (rescue = ["id.read-also"]) gives the quoted sentence back as body
    line = ('Baca Juga: Tiket Mudik Ludes Dalam Sehari "Kami menambah gerbong untuk semua '
            'tujuan," kata petugas stasiun.')
    sp, d, art = _one_span(line)
    assert (d.rule, d.reason) == ("id.read-also-inline", "body")
    assert (sp.text, sp.rule, sp.shape) == ("Baca Juga: Tiket Mudik Ludes Dalam Sehari ",
                                            "id.read-also-inline", "quote")
    assert '"Kami menambah gerbong untuk semua tujuan," kata petugas stasiun.' in art.paragraphs
    # a related title alone stays dropped by the whole-line rule
    d, _ = _clean("Baca Juga: Tiket Mudik Ludes Dalam Sehari")
    assert (d.decision, d.rule, d.spans) == ("dropped", "id.read-also", ())


def test_bracketed_marker_in_the_middle_of_a_paragraph() -> None:
    line = ("Air laut naik hingga setengah meter di permukiman warga sejak Selasa malam (Baca "
            "juga: Banjir Rob Kembali Rendam Pesisir) dan petugas masih memompa air dari "
            "rumah-rumah di tepi pantai hingga siang ini.")
    sp, _, art = _one_span(line)
    assert sp.text == "(Baca juga: Banjir Rob Kembali Rendam Pesisir)"
    assert (sp.rule, sp.reason, sp.shape) == ("id.read-also-inline", "related", "bracket")
    assert "sejak Selasa malam dan petugas masih memompa" in art.text


def test_trailing_syndication_line_is_cut_to_the_end_of_the_line() -> None:
    line = ("Pemerintah kota berjanji memperbaiki saluran air sebelum musim hujan tiba tahun "
            "ini, kata dia. Artikel ini telah tayang di Contoh.com dengan judul \"Saluran Air "
            "Diperbaiki Sebelum Musim Hujan\"")
    sp, d, art = _one_span(line)
    assert sp.text.startswith("Artikel ini telah tayang di Contoh.com") and sp.end == len(d.text)
    assert (sp.rule, sp.reason, sp.shape) == ("id.syndication-inline", "footer", "rest")
    assert any(p.endswith("musim hujan tiba tahun ini, kata dia.") for p in art.paragraphs)
    assert art.removed.get("footer") == 1


def test_title_ends_before_a_sentence_opener() -> None:
    line = ("Harga emas perhiasan di toko itu naik lagi pagi ini. Baca juga: Harga Emas Antam "
            "Naik Tipis Adapun harga perak tidak berubah sejak pekan lalu menurut para pedagang "
            "di pasar itu.")
    sp, _, art = _one_span(line)
    assert sp.text == "Baca juga: Harga Emas Antam Naik Tipis "
    assert (sp.rule, sp.shape) == ("id.read-also-inline", "opener")
    assert "pagi ini. Adapun harga perak" in art.text


def test_title_ends_before_the_next_sentences_dateline() -> None:
    line = ("Baca juga: Harga Emas Antam Naik Tipis JAKARTA - Pemerintah menaikkan anggaran "
            "pendidikan tahun depan untuk semua sekolah negeri di daerah tertinggal, kata "
            "menteri itu dalam rapat dengan parlemen.")
    sp, _, _ = _one_span(line)
    assert sp.text == "Baca juga: Harga Emas Antam Naik Tipis "
    assert (sp.rule, sp.shape) == ("id.read-also-inline", "dateline")


def test_title_ends_before_the_next_item_of_a_round_up() -> None:
    line = ("Harga tiket naik menjelang libur panjang, kata dia. Baca juga: Tiket Pesawat Naik "
            "Lagi 2. Bandara Baru Mulai Beroperasi Bandara baru di selatan kota mulai melayani "
            "penerbangan domestik pekan ini.")
    sp, _, _ = _one_span(line)
    assert sp.text == "Baca juga: Tiket Pesawat Naik Lagi "
    assert (sp.rule, sp.shape) == ("id.read-also-inline", "item")


def test_read_more_here_marker_is_its_own_span() -> None:
    line = ("Bank itu menaikkan bunga deposito mulai bulan ini. Baca selengkapnya di siniPT "
            "Contoh Makmur Tbk. mencatat laba bersih naik dua kali lipat pada kuartal pertama.")
    sp, _, art = _one_span(line)
    assert sp.text == "Baca selengkapnya di sini"
    assert (sp.rule, sp.reason, sp.shape) == ("id.read-more-here", "related", "marker")
    assert "mulai bulan ini. PT Contoh Makmur" in art.text


def test_subject_known_from_the_document_ends_the_title() -> None:
    before = ("Pasar itu ramai sejak pagi karena harga sayur turun, kata Suryadi, salah satu "
              "pedagang yang sudah berjualan di sana selama dua puluh tahun.",)
    line = ("Baca juga: Harga Sayur Turun Drastis Jelang Musim Panen Suryadi menjelaskan, "
            "pasokan dari petani di daerah pegunungan sedang melimpah karena panen raya tiba "
            "lebih awal dari biasanya.")
    sp, _, _ = _one_span(line, before=before)
    assert sp.text == "Baca juga: Harga Sayur Turun Drastis Jelang Musim Panen "
    assert (sp.rule, sp.shape) == ("id.read-also-inline", "subject")


def test_unbounded_span_leaves_the_line_whole_and_says_so() -> None:
    # a multi-word subject right after the title: nothing tells where the title ends
    # (a line over id.read-also's 40 words, so only the span rule could reach it)
    line = ("Baca juga: Harga Sayur di Pasar Induk Turun Drastis Kepala Dinas Pertanian "
            "Provinsi Contoh Budi Santoso mengatakan pasokan sedang melimpah karena panen raya "
            "tiba lebih awal dari biasanya di daerah itu, sehingga harga di tingkat petani "
            "juga ikut turun dan pedagang di pasar tradisional meminta pemerintah daerah "
            "membantu.")
    d, art = _clean(line)
    assert d.decision == "kept" and d.spans == ()
    assert d.reason == "body; id.read-also-inline unbounded"
    assert d.text in art.paragraphs


def test_known_title_from_the_batch_bounds_the_span() -> None:
    text = ("Baca juga: Harga Sayur di Pasar Induk Turun Drastis Kepala Dinas Pertanian "
            "mengatakan pasokan sedang melimpah karena panen raya tiba lebih awal.")
    assert SPANS.cut(text)[1] == ()  # unbounded without the title
    for titles in ({"harga sayur di pasar induk turun drastis"}, _bloom(
            "harga sayur di pasar induk turun drastis")):
        out, spans, unbounded = SPANS.cut(text, titles=titles)
        assert [(sp.text, sp.rule, sp.shape) for sp in spans] == [
            ("Baca juga: Harga Sayur di Pasar Induk Turun Drastis", "id.read-also-inline",
             "title")]
        assert out.startswith("Kepala Dinas Pertanian mengatakan") and unbounded == ()


def _bloom(*titles: str) -> BloomFilter:
    bf = BloomFilter(bits=16)
    for t in titles:
        bf.add(t)
    return bf


def test_camel_case_name_is_not_a_junction() -> None:
    text = ("Warga diminta melapor.Baca Juga:Grup WhatsApp Warga Bantu Cari Anak HilangPolisi "
            "masih mencari anak itu di sekitar sungai.")
    _, spans, _ = SPANS.cut(text)
    assert [sp.text for sp in spans] == ["Baca Juga:Grup WhatsApp Warga Bantu Cari Anak Hilang"]
    assert spans[0].shape == "junction"


def test_marker_without_colon_in_running_text_is_body() -> None:
    line = ("Untuk mobil listrik itu kita lihat juga permintaannya dulu sebelum membuka "
            "pemesanan di semua dealer, kata direktur pemasaran perusahaan tersebut.")
    d, _ = _clean(line)
    assert d.decision == "kept" and d.spans == () and d.reason == "body"


def test_keep_removed_record_carries_the_spans_and_cleaning_again_is_a_no_op() -> None:
    line = (OPEN + "Baca Juga:Harga Cabai Turun Jelang LebaranPedagang mengaku harga cabai di "
            "pasar itu turun karena pasokan dari daerah penghasil melimpah.")
    _, art = _clean(line)
    rec = art.to_dict(keep_removed=True)
    cut = [ln for ln in rec["metadata"]["lines"] if "spans" in ln]
    assert len(cut) == 1
    assert cut[0]["spans"] == [{"start": len(OPEN), "end": len(OPEN) + 42,
                                "text": "Baca Juga:Harga Cabai Turun Jelang Lebaran",
                                "rule": "id.read-also-inline", "reason": "related",
                                "shape": "junction"}]
    assert all("spans" not in ln for ln in rec["metadata"]["lines"] if ln is not cut[0])
    again = GENERIC.clean(art.text, kind="text")
    assert again.text == art.text


def test_a_line_that_is_nothing_but_spans_is_dropped_by_the_span_rule() -> None:
    out, spans, _ = SPANS.cut("Baca juga: Harga Cabai Turun Jelang Lebaran (kmj)")
    assert out == "" and spans[0].shape == "line_end"


def test_profile_disable_switches_a_span_rule_off(tmp_path: Path) -> None:
    (tmp_path / "contoh.toml").write_text(
        'id = "contoh.com"\nversion = "2025.1"\ndomains = ["contoh.com"]\n'
        'disable = ["id.read-also-inline"]\n', encoding="utf-8")
    c = cleaner.Cleaner(profile_dirs=[tmp_path])
    line = (OPEN + "Baca Juga:Harga Cabai Turun Jelang LebaranPedagang mengaku harga cabai di "
            "pasar itu turun karena pasokan dari daerah penghasil melimpah.")
    art = c.clean("\n".join([*BODY[:2], line, BODY[2]]), url="https://contoh.com/a", kind="text")
    d = next(d for d in art.lines if d.text == line)
    assert d.spans == () and d.decision == "kept" and d.reason == "body"


def test_profile_span_rule(tmp_path: Path) -> None:
    (tmp_path / "contoh.toml").write_text(
        'id = "contoh.com"\nversion = "2025.1"\ndomains = ["contoh.com"]\n'
        '[[cut_span]]\nid = "contoh.promo-inline"\npattern = "Dapatkan Kupon Diskon di '
        'Contoh App\\\\."\nuntil = ["marker"]\nreason = "promo"\n', encoding="utf-8")
    c = cleaner.Cleaner(profile_dirs=[tmp_path])
    line = ("Harga bahan pokok di pasar itu stabil sepanjang pekan. Dapatkan Kupon Diskon di "
            "Contoh App. Pedagang berharap harga tetap stabil hingga akhir bulan nanti.")
    art = c.clean("\n".join([*BODY[:2], line, BODY[2]]), url="https://contoh.com/a", kind="text")
    d = next(d for d in art.lines if d.text == line)
    assert [(sp.text, sp.rule, sp.reason) for sp in d.spans] == [
        ("Dapatkan Kupon Diskon di Contoh App.", "contoh.promo-inline", "promo")]
    assert "sepanjang pekan. Pedagang berharap" in art.text
    assert art.removed == {"promo": 1}


@pytest.mark.parametrize(
    ("table", "key", "problem"),
    [
        ('until = ["somewhere"]', "cut_span[0].until[0]", "'somewhere' is not one of"),
        ("until = []", "cut_span[0].until", "must be a non-empty list"),
        ('until = ["marker"]\ncolour = 1', "cut_span[0].colour", "unknown key"),
        ('until = ["marker"]\nmax_words = 0', "cut_span[0].max_words", "positive integer"),
    ],
)
def test_bad_span_rule_names_file_and_key(tmp_path: Path, table: str, key: str,
                                          problem: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('id = "bad.example"\nversion = "1"\n[[cut_span]]\nid = "bad.x"\n'
                    f'pattern = "baca juga:"\nreason = "related"\n{table}\n', encoding="utf-8")
    with pytest.raises(cleaner.ProfileError) as exc:
        cleaner.Cleaner(profile_dirs=[tmp_path])
    assert exc.value.key == key and problem in str(exc.value)
    assert str(exc.value).startswith(f"{path}: {key}: ")


def test_empty_marker_pattern_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('id = "bad.example"\nversion = "1"\n[[cut_span]]\nid = "bad.x"\n'
                    'pattern = "x?"\nreason = "related"\nuntil = ["marker"]\n', encoding="utf-8")
    with pytest.raises(cleaner.ProfileError) as exc:
        cleaner.Cleaner(profile_dirs=[tmp_path])
    assert exc.value.key == "cut_span[0].pattern"


def test_docs_span_rule_examples_run(tmp_path: Path) -> None:
    """docs/profiles.md "Span rules": the TOML example loads and cuts, the Python example
    prints what its comments say."""
    import contextlib
    import io
    import re

    doc = (Path(__file__).parent.parent / "docs" / "profiles.md").read_text(encoding="utf-8")
    section = doc[doc.index("## Span rules"):]
    toml = re.search(r"```toml\n(.*?)```", section, re.DOTALL).group(1)
    (tmp_path / "contoh.toml").write_text(
        'id = "contoh.com"\nversion = "2025.1"\ndomains = ["contoh.com"]\n' + toml,
        encoding="utf-8")
    c = cleaner.Cleaner(profile_dirs=[tmp_path])
    line = (OPEN + "Baca juga:Harga Cabai Turun Jelang LebaranPedagang mengaku harga cabai "
            "di pasar itu turun karena pasokan dari daerah penghasil melimpah.")
    art = c.clean("\n".join([*BODY[:2], line, BODY[2]]), url="https://contoh.com/a",
                  kind="text")
    d = next(d for d in art.lines if d.text == line)
    assert [(sp.rule, sp.shape) for sp in d.spans] == [("contoh.read-also-inline", "junction")]
    code = re.search(r"```python\n(.*?)```", section, re.DOTALL).group(1)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "docs/profiles.md", "exec"), {})
    printed = out.getvalue().splitlines()
    expected = [ln.split("# ", 1)[1] for ln in code.splitlines() if ln.startswith("# ")]
    assert printed[1] == expected[0]
    assert "Jumat (1/5/2020). Pedagang mengaku harga cabai turun" in printed[0]


def test_builtin_span_markers_are_vetted_and_user_ones_checked_on_load(tmp_path: Path) -> None:
    """Built-in packs skip the load-time ReDoS check (tests/test_hostile_profiles.py vets
    their line rules); the span markers are vetted here, and a user's are refused."""
    import re

    from cleaner.profiles import ProfileRegistry, load_packs
    from cleaner.profiles._regex_safety import redos_risk

    rules = [sp for prof in [*load_packs(), *ProfileRegistry()] for sp in prof.spans]
    assert rules
    assert [sp.id for sp in rules if redos_risk(sp.pattern.pattern, re.IGNORECASE)] == []
    path = tmp_path / "slow.toml"
    path.write_text('id = "slow.example"\nversion = "1"\n[[cut_span]]\nid = "slow.x"\n'
                    "pattern = '(?:a+)+b'\nreason = \"related\"\nuntil = [\"marker\"]\n",
                    encoding="utf-8")
    with pytest.raises(cleaner.ProfileError, match=r"cut_span\[0\]\.pattern: can take"):
        cleaner.Cleaner(profile_dirs=[tmp_path])


def test_cli_explain_marks_the_cut_span(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from cleaner.cli import app

    line = (OPEN + "Baca Juga:Harga Cabai Turun Jelang LebaranPedagang mengaku harga cabai di "
            "pasar itu turun karena pasokan dari daerah penghasil melimpah.")
    path = tmp_path / "a.txt"
    path.write_text("\n".join([*BODY[:2], line, BODY[2]]), encoding="utf-8")
    result = CliRunner().invoke(app, ["explain", str(path), "--no-profiles", "--width", "200"])
    assert result.exit_code == 0, result.output
    rows = [r for r in result.output.splitlines() if r.strip().startswith("~")]
    assert [r.split()[:3] for r in rows] == [["~", "related", "id.read-also-inline"]]
    assert "Baca Juga:Harga Cabai Turun Jelang Lebaran" in rows[0]

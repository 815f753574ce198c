"""The HTML path: profile selectors, trafilatura, line rules, metadata, safety valve.

Every page here is written for the test (synthetic article text, generic chrome
strings from the chrome catalogue) in the markup of its outlet: nav, share bar, ad
label, inline related links, caption, related list and footer around a short story.
The pages keep the long lines real markup has.
"""
# ruff: noqa: E501

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path
from unittest.mock import ANY

import pytest

import cleaner
from cleaner.errors import InputError, ProfileError

_HEAD = """<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">{meta}</head><body>
<nav class="nav"><ul><li><a href="/">Beranda</a></li><li><a href="/news">News</a></li>
<li><a href="/ekonomi">Ekonomi</a></li><li><a href="/olahraga">Olahraga</a></li></ul></nav>
"""
_FOOT = """<footer class="footer"><p>Tentang Kami | Pedoman Media Siber | Kontak</p>
<p>Copyright © 2024 {owner}. All Rights Reserved.</p></footer></body></html>"""


def _page(meta: str, body: str, owner: str) -> str:
    return _HEAD.format(meta=meta) + body + _FOOT.format(owner=owner)


KOMPAS = _page(
    """<title>Warga Bantaran Kali Ciliwung Tanam Seribu Pohon Bambu - Kompas.com</title>
<meta property="og:site_name" content="KOMPAS.com">
<meta name="description" content="Warga bantaran Kali Ciliwung menanam bambu.">""",
    """<div class="container clearfix"><div class="read__header">
<h1 class="read__title">Warga Bantaran Kali Ciliwung Tanam Seribu Pohon Bambu</h1>
<div class="read__time">Kompas.com - 25/10/2024, 15:40 WIB</div>
<div class="social--button"><a>Salin Artikel</a> <a>Bagikan artikel ini melalui</a></div></div>
<div class="read__photo"><img src="/bambu.jpg" alt="">
<div class="photo__caption">Warga menanam bibit bambu di tepi Kali Ciliwung, Jumat (25/10/2024).</div></div>
<div class="credit-title-name">Penulis: Rina Hartati</div>
<div class="read__content"><div class="clearfix">
<p><strong>JAKARTA, KOMPAS.com</strong> - Sekitar dua ratus warga di bantaran Kali Ciliwung menanam seribu bibit bambu pada Jumat pagi untuk menahan tanah tepi sungai agar tidak longsor.</p>
<p>Ketua rukun warga setempat, Sutrisno, mengatakan bibit bambu dipilih karena akarnya rapat dan cepat tumbuh di tanah yang lembap sepanjang tahun.</p>
<p><strong>Baca juga: <a class="inner-link-baca-juga" href="/read/x">Banjir Rob Rendam Permukiman di Pesisir Utara</a></strong></p>
<div class="ads-on-body">ADVERTISEMENT</div>
<p>"Kami sudah tiga kali kehilangan pagar rumah karena tanahnya tergerus air," kata Sutrisno kepada wartawan di lokasi penanaman.</p>
<p>Dinas Lingkungan Hidup menyediakan bibit dan pupuk, sementara warga bergiliran menyiram tanaman setiap sore selama tiga bulan pertama.</p>
</div><div class="read__paging"><a>1</a> <a>2</a> <a>Selanjutnya</a></div></div>
<div class="tag__article"><a>Ciliwung</a> <a>Bambu</a></div>
<div class="most__wrap"><h3>Terkini Lainnya</h3>
<div class="most__item"><a>Harga Cabai di Pasar Induk Turun Dua Hari Berturut-turut</a></div>
<div class="most__item"><a>Jalan Layang Baru Dibuka untuk Umum Pekan Depan</a></div></div></div>
""",
    "PT. Kompas Cyber Media",
)

CNN = _page(
    """<title>Nelayan Lombok Panen Rumput Laut Lebih Awal</title>
<meta property="og:title" content="Nelayan Lombok Panen Rumput Laut Lebih Awal">
<meta property="og:site_name" content="CNN Indonesia">
<meta name="author" content="Dimas Prakoso">
<meta property="article:published_time" content="2024-10-25T15:40:00+07:00">""",
    """<div class="flex gap-6"><div class="grow-0 w-leftcontent min-w-0"><article>
<h1 class="mb-2 text-[28px] leading-9 text-cnn_black">Nelayan Lombok Panen Rumput Laut Lebih Awal</h1>
<div class="text-cnn_grey text-sm mb-4">CNN Indonesia | Jumat, 25 Okt 2024 15:40 WIB</div>
<div class="share-box"><a>Bagikan:</a> <a>Facebook</a> <a>Twitter</a> <a>WhatsApp</a></div>
<figure class="detail-image"><img src="/rumput-laut.jpg" alt="">
<figcaption>Nelayan menjemur rumput laut di Pantai Ekas. (CNN Indonesia/Dimas Prakoso)</figcaption></figure>
<div class="detail-wrap flex gap-4"><div class="detail-text text-cnn_black text-sm grow min-w-0">
<p><strong>Jakarta, CNN Indonesia</strong> -- Nelayan di pesisir selatan Lombok mulai memanen rumput laut dua pekan lebih awal dari biasanya karena air laut yang hangat mempercepat pertumbuhan tanaman.</p>
<table class="linksisip"><tr><td><div class="linksisip-title">Baca juga:</div>
<a href="/x">Harga Garam Petani Naik Menjelang Musim Hujan</a></td></tr></table>
<p>Koperasi nelayan setempat mencatat hasil panen pekan ini mencapai dua belas ton, naik hampir sepertiga dibanding periode yang sama tahun lalu.</p>
<div class="parallaxindetail scrollpage"><span>ADVERTISEMENT</span><span>SCROLL TO RESUME CONTENT</span></div>
<p>Pengurus koperasi, Baiq Nurul, berharap pemerintah daerah membantu menyediakan gudang pengering agar rumput laut tidak rusak saat hujan turun.</p>
<p>(dmp/end)</p>
</div></div>
<div class="detail-tag"><a>rumput laut</a> <a>lombok</a></div>
</article></div>
<div class="related"><h2>Berita Terkait</h2><ul><li><a>Ekspor Rumput Laut Naik pada Kuartal Ketiga</a></li>
<li><a>Petani Garam Madura Keluhkan Cuaca Tak Menentu</a></li></ul></div></div>
""",
    "CNN Indonesia",
)

SINDO = _page(
    """<title>Perajin Tenun Sumba Kirim Kain ke Pameran Jepang</title>
<meta property="og:title" content="Perajin Tenun Sumba Kirim Kain ke Pameran Jepang">
<meta property="og:site_name" content="SINDOnews.com">
<meta property="og:url" content="https://nasional.sindonews.com/read/1234567/15/perajin-tenun-sumba">""",
    """<div class="detail-header"><div class="breadcrumb"><a>Home</a> » <a>Nasional</a></div>
<h1 class="detail-title">Perajin Tenun Sumba Kirim Kain ke Pameran Jepang</h1>
<div class="detail-nama-redaksi"><a>Yohanes Bili</a></div>
<div class="detail-date-artikel">Jum'at, 25 Oktober 2024 - 15:40 WIB</div>
<div class="font-size"><a>A-</a> <a>A+</a></div>
<div class="detail-share"><a>Facebook</a> <a>Twitter</a> <a>WhatsApp</a> <a>Copy link</a></div></div>
<div class="detail-img"><img src="/tenun.jpg" alt="">
<div class="detail-caption">Perajin menenun kain ikat di Waingapu. Foto/SINDOnews/Yohanes Bili</div></div>
<div class="detail-desc" id="detail-desc">
<p>WAINGAPU - Dua puluh perajin tenun ikat dari Sumba Timur mengirim empat puluh lembar kain ke sebuah pameran kerajinan di Osaka bulan depan.</p>
<p>Ketua kelompok perajin, Maria Tamu, mengatakan setiap lembar kain dikerjakan selama tiga sampai enam bulan dengan pewarna dari akar mengkudu.</p>
<div class="baca-inline"><span>Baca Juga:</span> <a>Festival Kuda Sandelwood Digelar Akhir Pekan Ini</a></div>
<p>Pemerintah kabupaten menanggung biaya pengiriman dan membantu perajin mengurus sertifikat asal barang agar kain bisa dijual di luar negeri.</p>
<p>(kri)</p>
</div>
<div class="detail-tag"><a>tenun ikat</a> <a>sumba timur</a></div>
<div class="detail-berita-terkait"><h3>Berita Terkait</h3><ul>
<li><a>Ekspor Kerajinan Tangan Naik Tajam Tahun Ini</a></li>
<li><a>Pameran Kriya Nusantara Dibuka di Jakarta</a></li></ul></div>
""",
    "SINDOnews.com",
)

JURNAS = _page(
    """<title>Relawan Bersihkan Sampah Plastik di Pantai Padang | Jurnas.com</title>
<meta property="og:title" content="Relawan Bersihkan Sampah Plastik di Pantai Padang">
<meta name="description" content="Relawan membersihkan sampah plastik di Pantai Padang.">""",
    """<div class="main"><div class="kanal">• News</div>
<h1>Relawan Bersihkan Sampah Plastik di Pantai Padang</h1>
<div class="share-top"><a>Facebook</a> <a>Twitter</a> <a>WhatsApp</a></div>
<div class="text-content">
<p>Andi Saputra | Jumat, 25/10/2024 15:40 WIB</p>
<p>Padang, Jurnas.com - Sekitar tiga ratus relawan membersihkan sampah plastik di sepanjang dua kilometer Pantai Padang pada Jumat pagi menjelang musim hujan.</p>
<p>Koordinator relawan, Fitri Ananda, mengatakan sebagian besar sampah berupa botol minuman dan kantong plastik yang terbawa arus dari muara sungai.</p>
<p>Baca Juga: Nelayan Pariaman Keluhkan Gelombang Tinggi</p>
<p>Sampah yang terkumpul dipilah di lokasi, lalu plastik yang masih layak diserahkan ke bank sampah milik kelurahan untuk didaur ulang.</p>
</div>
<div class="related-news"><h3>Berita Terkait</h3><ul>
<li><a>Wisata Pantai Air Manis Ramai Dikunjungi Saat Libur</a></li>
<li><a>Kota Padang Tambah Armada Truk Sampah</a></li></ul></div></div>
""",
    "Jurnas.com",
)

BISNIS = _page(
    """<title>Harga Kopi Robusta Lampung Naik Jelang Panen Raya - Bisnis.com</title>
<meta property="og:title" content="Harga Kopi Robusta Lampung Naik Jelang Panen Raya">
<meta property="og:site_name" content="Bisnis.com">
<meta name="description" content="Harga kopi robusta di tingkat petani Lampung naik.">
<link rel="canonical" href="https://ekonomi.bisnis.com/read/20241025/12/1800001/harga-kopi-robusta">""",
    """<div class="detailsHeader"><h1 class="detailsTitleCaption">Harga Kopi Robusta Lampung Naik Jelang Panen Raya</h1>
<div class="detailsLead">Harga kopi robusta di tingkat petani Lampung naik.</div>
<div class="detailsAuthor"><div class="detailsAuthorItem">Penulis : Ahmad Fauzi</div>
<div class="detailsAuthorItem">Editor : Sri Lestari</div></div>
<div class="detailsAttributeDates">25 Okt 2024 | 15:40 WIB</div>
<div class="detailsShare"><a>Bagikan</a> <a>A-</a> <a>A+</a></div></div>
<figure class="detailsCoverImg"><img src="/kopi.jpg" alt="">
<figcaption class="detailsImgCaption">Petani menjemur biji kopi robusta di Lampung Barat. Bisnis/Ahmad Fauzi</figcaption></figure>
<article class="detailsContent force-17 mt40">
<p><strong>Bisnis.com, BANDAR LAMPUNG</strong> - Harga kopi robusta di tingkat petani Lampung naik menjadi Rp62.000 per kilogram pada pekan ini, tertinggi sejak awal tahun.</p>
<p>Ketua asosiasi eksportir kopi daerah, Hendra Gunawan, mengatakan kenaikan dipicu stok gudang yang menipis menjelang panen raya bulan depan.</p>
<div class="baca-juga-box"><h4>Baca Juga :</h4><ul><li><a>Ekspor Kopi Sumatra Tumbuh Dua Digit</a></li>
<li><a>Petani Kakao Sulawesi Mulai Replanting</a></li></ul></div>
<p>Menurut dia, pembeli dari luar negeri kini lebih banyak memesan kopi petik merah karena harganya lebih stabil dibanding kopi asalan.</p>
<div class="bisnispro-promo">Nyaman tanpa iklan. Langganan BisnisPro</div>
<p>Dinas perkebunan memperkirakan produksi kopi provinsi tahun ini mencapai seratus ribu ton jika cuaca tetap bersahabat hingga akhir tahun.</p>
</article>
<div class="detailsTagList"><a class="detailsTagLink">kopi</a> <a class="detailsTagLink">lampung</a></div>
<div class="detailsRelated"><h3>Artikel Terkait</h3><ul><li><a>Harga Lada Putih Bangka Stabil</a></li>
<li><a>Produksi Teh Jawa Barat Turun</a></li></ul></div>
""",
    "Bisnis Indonesia Group",
)


def _expected(**meta):
    base = {"url": None, "description": None, "modified": None, "author": None,
            "editor": [], "photographer": [], "dateline": None,
            "signature": None, "sources": [], "captions": [], "language": "id",
            "site_name": None, "canonical_url": None, "encoding": None, "warnings": [],
            "removed": {}, "page_kind": ANY, "page_kind_confidence": ANY}
    base.update(meta)
    # a page cleaned without a URL is known by the canonical URL it declares
    base["url"] = base["url"] or base["canonical_url"]
    return base


CASES = {
    "kompas.com": (
        KOMPAS, "https://megapolitan.kompas.com/read/2024/10/25/15400001/warga-bantaran",
        [
            "JAKARTA, KOMPAS.com - Sekitar dua ratus warga di bantaran Kali Ciliwung menanam "
            "seribu bibit bambu pada Jumat pagi untuk menahan tanah tepi sungai agar tidak "
            "longsor.",
            "Ketua rukun warga setempat, Sutrisno, mengatakan bibit bambu dipilih karena akarnya "
            "rapat dan cepat tumbuh di tanah yang lembap sepanjang tahun.",
            "\"Kami sudah tiga kali kehilangan pagar rumah karena tanahnya tergerus air,\" kata "
            "Sutrisno kepada wartawan di lokasi penanaman.",
            "Dinas Lingkungan Hidup menyediakan bibit dan pupuk, sementara warga bergiliran "
            "menyiram tanaman setiap sore selama tiga bulan pertama.",
        ],
        _expected(
            url="https://megapolitan.kompas.com/read/2024/10/25/15400001/warga-bantaran",
            outlet="kompas.com",
            title="Warga Bantaran Kali Ciliwung Tanam Seribu Pohon Bambu",
            description="Warga bantaran Kali Ciliwung menanam bambu.",
            published="2024-10-25T15:40:00+07:00", author="Rina Hartati", dateline="JAKARTA",
            captions=["Warga menanam bibit bambu di tepi Kali Ciliwung, Jumat (25/10/2024)."],
            site_name="KOMPAS.com",
        ),
    ),
    "cnnindonesia.com": (
        CNN, "https://www.cnnindonesia.com/ekonomi/20241025154000-92-1000001/nelayan-lombok",
        [
            "Jakarta, CNN Indonesia -- Nelayan di pesisir selatan Lombok mulai memanen rumput "
            "laut dua pekan lebih awal dari biasanya karena air laut yang hangat mempercepat "
            "pertumbuhan tanaman.",
            "Koperasi nelayan setempat mencatat hasil panen pekan ini mencapai dua belas ton, "
            "naik hampir sepertiga dibanding periode yang sama tahun lalu.",
            "Pengurus koperasi, Baiq Nurul, berharap pemerintah daerah membantu menyediakan "
            "gudang pengering agar rumput laut tidak rusak saat hujan turun.",
        ],
        _expected(
            url="https://www.cnnindonesia.com/ekonomi/20241025154000-92-1000001/nelayan-lombok",
            outlet="cnnindonesia.com",
            title="Nelayan Lombok Panen Rumput Laut Lebih Awal",
            published="2024-10-25T15:40:00+07:00", author="Dimas Prakoso", dateline="Jakarta",
            signature="(dmp/end)",
            captions=["Nelayan menjemur rumput laut di Pantai Ekas. "
                      "(CNN Indonesia/Dimas Prakoso)"],
            site_name="CNN Indonesia",
        ),
    ),
    "sindonews.com": (
        SINDO, None,
        [
            "WAINGAPU - Dua puluh perajin tenun ikat dari Sumba Timur mengirim empat puluh "
            "lembar kain ke sebuah pameran kerajinan di Osaka bulan depan.",
            "Ketua kelompok perajin, Maria Tamu, mengatakan setiap lembar kain dikerjakan "
            "selama tiga sampai enam bulan dengan pewarna dari akar mengkudu.",
            "Pemerintah kabupaten menanggung biaya pengiriman dan membantu perajin mengurus "
            "sertifikat asal barang agar kain bisa dijual di luar negeri.",
        ],
        _expected(
            outlet="sindonews.com",
            title="Perajin Tenun Sumba Kirim Kain ke Pameran Jepang",
            published="2024-10-25T15:40:00+07:00", dateline="WAINGAPU", signature="(kri)",
            captions=["Perajin menenun kain ikat di Waingapu. Foto/SINDOnews/Yohanes Bili"],
            site_name="SINDOnews.com",
            canonical_url="https://nasional.sindonews.com/read/1234567/15/perajin-tenun-sumba",
        ),
    ),
    "jurnas.com": (
        JURNAS, "https://www.jurnas.com/artikel/150001/relawan-bersihkan-sampah-plastik/",
        [
            "Padang, Jurnas.com - Sekitar tiga ratus relawan membersihkan sampah plastik di "
            "sepanjang dua kilometer Pantai Padang pada Jumat pagi menjelang musim hujan.",
            "Koordinator relawan, Fitri Ananda, mengatakan sebagian besar sampah berupa botol "
            "minuman dan kantong plastik yang terbawa arus dari muara sungai.",
            "Sampah yang terkumpul dipilah di lokasi, lalu plastik yang masih layak diserahkan "
            "ke bank sampah milik kelurahan untuk didaur ulang.",
        ],
        _expected(
            url="https://www.jurnas.com/artikel/150001/relawan-bersihkan-sampah-plastik/",
            outlet="jurnas.com",
            title="Relawan Bersihkan Sampah Plastik di Pantai Padang",
            description="Relawan membersihkan sampah plastik di Pantai Padang.",
            published="2024-10-25T15:40:00+07:00", author="Andi Saputra", dateline="Padang",
        ),
    ),
    "bisnis.com": (
        BISNIS, None,
        [
            "Bisnis.com, BANDAR LAMPUNG - Harga kopi robusta di tingkat petani Lampung naik "
            "menjadi Rp62.000 per kilogram pada pekan ini, tertinggi sejak awal tahun.",
            "Ketua asosiasi eksportir kopi daerah, Hendra Gunawan, mengatakan kenaikan dipicu "
            "stok gudang yang menipis menjelang panen raya bulan depan.",
            "Menurut dia, pembeli dari luar negeri kini lebih banyak memesan kopi petik merah "
            "karena harganya lebih stabil dibanding kopi asalan.",
            "Dinas perkebunan memperkirakan produksi kopi provinsi tahun ini mencapai seratus "
            "ribu ton jika cuaca tetap bersahabat hingga akhir tahun.",
        ],
        _expected(
            outlet="bisnis.com",
            title="Harga Kopi Robusta Lampung Naik Jelang Panen Raya",
            description="Harga kopi robusta di tingkat petani Lampung naik.",
            published="2024-10-25T15:40:00+07:00", author="Ahmad Fauzi",
            dateline="BANDAR LAMPUNG",
            captions=["Petani menjemur biji kopi robusta di Lampung Barat. Bisnis/Ahmad Fauzi"],
            site_name="Bisnis.com",
            canonical_url="https://ekonomi.bisnis.com/read/20241025/12/1800001/harga-kopi-robusta",
        ),
    ),
}

#: In-body chrome each page carries that only the profile's prune removes before
#: extraction: no line of the result may contain it, not even a dropped one.
PRUNED = {
    "kompas.com": ("Baca juga", "Banjir Rob", "ADVERTISEMENT", "Selanjutnya"),
    "cnnindonesia.com": ("Harga Garam", "SCROLL TO RESUME", "ADVERTISEMENT"),
    "sindonews.com": ("Festival Kuda", "A+"),
    "jurnas.com": ("Nelayan Pariaman", "Wisata Pantai"),
    "bisnis.com": ("Ekspor Kopi", "BisnisPro", "Harga Lada"),
}


@pytest.fixture(scope="module")
def cl() -> cleaner.Cleaner:
    return cleaner.Cleaner()


@pytest.mark.parametrize("outlet", list(CASES))
def test_outlet_page(outlet: str, cl: cleaner.Cleaner) -> None:
    page, url, paragraphs, meta = CASES[outlet]
    art = cl.clean(page, url=url)
    record = art.to_dict()
    assert list(art.paragraphs) == paragraphs
    expected = {**meta, "profile": cl.registry.get(outlet).ref}
    assert record["metadata"] == expected
    for chrome in PRUNED[outlet]:
        assert not any(chrome in line.text for line in art.lines), chrome


def test_bytes_and_kind_html(cl: cleaner.Cleaner) -> None:
    page, url, paragraphs, _ = CASES["kompas.com"]
    art = cl.clean(page.encode("utf-8"), url=url, kind="html")
    assert list(art.paragraphs) == paragraphs
    assert art.encoding == "utf-8"


def _temp_profile(tmp_path: Path, html_table: str) -> cleaner.Cleaner:
    (tmp_path / "contoh.test.toml").write_text(textwrap.dedent(f"""\
        id = "contoh.test"
        version = "2025.1"
        language = "id"
        domains = ["contoh.test"]
        [html]
        {html_table}
        """), encoding="utf-8")
    return cleaner.Cleaner(profile_dirs=[tmp_path])


_STORY = """<html><head><title>Sekolah Terapung Dibuka</title></head><body>
<div class="menu"><a>Beranda</a> <a>Daerah</a></div>
<div class="isi">
<p>Sebuah sekolah terapung mulai dipakai oleh anak-anak di desa nelayan itu pada awal pekan ini setelah dibangun selama delapan bulan oleh warga.</p>
<p>Kepala desa mengatakan sekolah itu dibangun di atas drum bekas agar tetap bisa dipakai ketika air pasang menggenangi daratan.</p>
<p>Guru-guru dari kecamatan datang bergantian tiga kali sepekan untuk mengajar membaca, berhitung, dan ilmu pengetahuan alam.</p>
</div>
<div class="terkait"><a>Jembatan Gantung Baru Selesai Dibangun</a></div>
</body></html>"""
_STORY_PARAGRAPHS = [
    "Sebuah sekolah terapung mulai dipakai oleh anak-anak di desa nelayan itu pada awal "
    "pekan ini setelah dibangun selama delapan bulan oleh warga.",
    "Kepala desa mengatakan sekolah itu dibangun di atas drum bekas agar tetap bisa dipakai "
    "ketika air pasang menggenangi daratan.",
    "Guru-guru dari kecamatan datang bergantian tiga kali sepekan untuk mengajar membaca, "
    "berhitung, dan ilmu pengetahuan alam.",
]


def test_prune_of_whole_body_is_undone(tmp_path: Path) -> None:
    cl = _temp_profile(tmp_path, """prune = ["//div[@class='isi']", "//div[@class='menu']"]""")
    art = cl.clean(_STORY, url="https://contoh.test/berita/1")
    assert art.profile == "contoh.test@2025.1"
    assert list(art.paragraphs) == _STORY_PARAGRAPHS
    assert len(art.warnings) == 1
    assert "contoh.test" in art.warnings[0] and "prune undone" in art.warnings[0]
    assert art.to_dict()["metadata"]["warnings"] == list(art.warnings)


def test_body_selector_of_nothing_warns_and_uses_page(tmp_path: Path) -> None:
    cl = _temp_profile(tmp_path, """body = "//div[@class='artikel-lama']" """)
    art = cl.clean(_STORY, url="https://contoh.test/berita/1")
    assert list(art.paragraphs) == _STORY_PARAGRAPHS
    assert art.warnings == ("html: contoh.test body selector matched nothing; "
                            "extracted from the whole page",)


def test_good_prune_applies_without_warning(tmp_path: Path) -> None:
    cl = _temp_profile(tmp_path, """prune = "//div[@class='terkait']" """)
    art = cl.clean(_STORY, url="https://contoh.test/berita/1")
    assert list(art.paragraphs) == _STORY_PARAGRAPHS
    assert art.warnings == ()
    assert not any("Jembatan" in line.text for line in art.lines)


def test_css_selector(tmp_path: Path) -> None:
    pytest.importorskip("cssselect")
    cl = _temp_profile(tmp_path, """body = "div.isi"\ntitle = "head > title" """)
    art = cl.clean(_STORY, url="https://contoh.test/berita/1")
    assert list(art.paragraphs) == _STORY_PARAGRAPHS
    assert art.title == "Sekolah Terapung Dibuka"


def test_bad_selector_names_file_and_key(tmp_path: Path) -> None:
    # (compiled when the profile is loaded, not on the outlet's first page)
    with pytest.raises(ProfileError) as err:
        cl = _temp_profile(tmp_path, """prune = ["//div[@class='ok']", "//div[[["]""")
        cl.clean(_STORY, url="https://contoh.test/berita/1")
    assert "contoh.test.toml" in str(err.value) and "html.prune[1]" in str(err.value)


def test_generic_page_metadata() -> None:
    page = """<html lang="en-GB"><head><title>Tide Mills Reopen | The Coast Gazette</title>
<meta property="og:site_name" content="The Coast Gazette">
<meta property="og:description" content="Two restored tide mills grind flour again.">
<link rel="canonical" href="/2024/10/25/tide-mills-reopen">
<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
 {"@type": "WebSite", "name": "The Coast Gazette"},
 {"@type": "NewsArticle", "headline": "Tide Mills Reopen",
  "datePublished": "2024-10-25T09:30:00Z", "dateModified": "2024-10-26T08:00:00+01:00",
  "author": [{"@type": "Person", "name": "Ann Carver"}, {"@type": "Person", "name": "Tom Reed"}]}
]}</script></head><body>
<article><h1>Tide Mills Reopen</h1>
<figure><img src="/mill.jpg" alt=""><figcaption>The east mill at high water.</figcaption></figure>
<p>Two tide mills on the estuary ground their first flour in sixty years this week after a restoration paid for by a village trust and a heritage grant.</p>
<p>Volunteers rebuilt the oak water wheels by hand, and the miller says the stones turn for about four hours on each falling tide.</p>
<p>The trust plans to sell the flour at the weekly market and to open the mills to school visits from the spring.</p>
</article></body></html>"""
    art = cleaner.Cleaner(use_profiles=False).clean(page, url="https://coastgazette.example/x")
    assert art.title == "Tide Mills Reopen"
    assert art.published == "2024-10-25T09:30:00+00:00"
    assert art.modified == "2024-10-26T08:00:00+01:00"
    assert art.author == "Ann Carver, Tom Reed"
    assert art.site_name == "The Coast Gazette"
    assert art.description == "Two restored tide mills grind flour again."
    assert art.canonical_url == "https://coastgazette.example/2024/10/25/tide-mills-reopen"
    assert art.captions == ("The east mill at high water.",)
    assert art.language == "en"
    assert art.profile is None
    assert len(art.paragraphs) == 3 and art.paragraphs[0].startswith("Two tide mills")


@pytest.mark.parametrize("page", ["", "   ", "<BODY", "<html></html>"])
def test_empty_page_gives_empty_article_with_warning(page: str, cl: cleaner.Cleaner) -> None:
    art = cl.clean(page, kind="html", url="https://www.kompas.com/read/2024/10/25/x")
    assert art.paragraphs == ()
    assert art.outlet == "kompas.com"
    assert art.warnings in (("html: empty document",), ("html: no main text found",))


def test_binary_is_an_input_error(cl: cleaner.Cleaner) -> None:
    with pytest.raises(InputError):
        cl.clean(b"<html>\x00\x01\x02", kind="html")


def test_import_does_not_load_html_stack() -> None:
    code = ("import sys, cleaner; cleaner.Cleaner(); "
            "print(sorted(m for m in ('trafilatura', 'lxml', 'cleaner.html') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=Path(__file__).resolve().parent.parent)
    assert out.stdout.strip() == "[]"

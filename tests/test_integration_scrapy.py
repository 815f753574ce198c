"""The Scrapy pipeline: a real crawl against a local server, plus the policies in-process.

The crawl runs ``scrapy runspider`` in a subprocess (Twisted's reactor cannot restart
inside one pytest process) against an ``http.server`` on 127.0.0.1 that this test starts
on a free port.  The pages are synthetic text written for this test, wrapped in the chrome
news sites carry (menu, "Baca juga:", "ADVERTISEMENT", share line, copyright footer).
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

pytest.importorskip("scrapy")

from scrapy import Field, Item
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.utils.test import get_crawler

from cleaner.integrations.scrapy import CleanerPipeline

ROOT = Path(__file__).resolve().parent.parent
HAS_HTML = importlib.util.find_spec("cleaner.html") is not None

CHROME = (
    "Baca juga:",
    "Read more:",
    "ADVERTISEMENT",
    "Bagikan",
    "Share this article",
    "Copyright",
    "All rights reserved",
    "Home",
)

VILLAGE = [
    "BANDUNG - Warga Desa Sukamaju bergotong royong membangun jembatan bambu sepanjang "
    "dua puluh meter yang menghubungkan dua dusun yang selama ini terpisah oleh sungai kecil.",
    "Kepala desa mengatakan pembangunan jembatan itu memakan waktu tiga minggu dan "
    "melibatkan hampir seratus warga dari kedua dusun tersebut.",
    "Menurut dia, jembatan baru tersebut akan memudahkan anak-anak berangkat ke sekolah "
    "dan petani membawa hasil panen ke pasar kecamatan setiap pagi.",
    "Pemerintah kabupaten berjanji akan membantu bahan bangunan untuk memperkuat jembatan "
    "itu pada tahun depan agar lebih tahan terhadap banjir.",
]
VILLAGE_PAGE = "\n".join([
    "Beranda | Nasional | Ekonomi | Olahraga",
    "Warga Desa Sukamaju Bangun Jembatan Bambu Secara Gotong Royong",
    "Senin, 4 November 2024 - 10:15 WIB",
    VILLAGE[0],
    VILLAGE[1],
    "Baca juga: Harga Cabai Naik Jelang Akhir Tahun",
    "ADVERTISEMENT",
    VILLAGE[2],
    VILLAGE[3],
    "(abc/xyz)",
    "Bagikan: Facebook Twitter WhatsApp",
    "Copyright © 2024 Kabar Contoh. All rights reserved.",
])

# Curly quotes, served as windows-1252: the item's "encoding" field must reach cleaner.
SALT = [
    "SURABAYA - Sejumlah petani garam di pesisir utara mulai beralih ke rumah prisma "
    "berdinding plastik agar tetap bisa memanen ketika hujan turun di luar musim.",
    "“Dulu kalau hujan datang, semua hasil kerja seminggu hilang begitu saja,” kata Slamet, "
    "salah satu petani, saat ditemui di lahannya pada Rabu sore.",
    "Dinas kelautan setempat mencatat sedikitnya empat puluh petani sudah memakai rumah "
    "prisma sejak awal tahun, dan jumlahnya diperkirakan terus bertambah.",
    "Menurut petugas dinas, hasil panen dengan cara ini lebih bersih sehingga harga jualnya "
    "bisa naik hingga sepertiga dibandingkan garam biasa.",
]
SALT_PAGE = "\n".join([
    "Home", "Nasional", "Ekonomi", "Teknologi",
    "Petani Garam di Pesisir Utara Mulai Gunakan Rumah Prisma",
    "Kamis, 24/10/2024 09:35 WIB",
    "Oleh: Rina Wulandari",
    SALT[0],
    SALT[1],
    "Baca juga: Harga Garam Lokal Turun Dua Pekan Berturut-turut",
    "ADVERTISEMENT",
    SALT[2],
    SALT[3],
    "Bagikan: Facebook Twitter WhatsApp",
    "Copyright © 2024 Kabar Pesisir. All rights reserved.",
])

LIBRARY = [
    "The city library has opened a reading room that stays open until two in the morning, "
    "aimed at nurses, drivers and factory staff who finish work long after the usual "
    "closing time.",
    "Librarians said the idea came from a survey last spring, in which many respondents "
    "wrote that they had never visited the library because it was always closed when they "
    "were free.",
    "The room has forty seats, a small shelf of new arrivals and a self-service desk, and "
    "two staff members will be on duty every night during the first three months.",
]
LIBRARY_PAGE = "\n".join([
    "Menu",
    "Home | World | Business | Sport",
    "City Library Opens Late Reading Room for Night Shift Workers",
    "Published: October 30, 2024",
    "By Daniel Okafor",
    LIBRARY[0],
    LIBRARY[1],
    "ADVERTISEMENT",
    "Read more: Council Votes to Extend Bus Routes to the Harbour",
    LIBRARY[2],
    "Share this article: Facebook Twitter Email",
    "© 2024 Harbour City Times. All rights reserved.",
])

CHROME_ONLY_PAGE = "\n".join([
    "Home", "Nasional", "Ekonomi",
    "ADVERTISEMENT",
    "Baca juga: Harga Garam Lokal Turun Dua Pekan Berturut-turut",
    "Bagikan: Facebook Twitter WhatsApp",
    "Copyright © 2024 Kabar Pesisir. All rights reserved.",
])

HTML_PAGE = textwrap.dedent(f"""\
    <!DOCTYPE html>
    <html lang="id"><head><meta charset="utf-8">
    <title>Warga Desa Sukamaju Bangun Jembatan Bambu - Kabar Contoh</title>
    <meta property="article:published_time" content="2024-11-04T10:15:00+07:00">
    </head>
    <body>
    <nav><a href="/">Beranda</a> <a href="/n">Nasional</a> <a href="/e">Ekonomi</a></nav>
    <article>
    <h1>Warga Desa Sukamaju Bangun Jembatan Bambu Secara Gotong Royong</h1>
    <p>{VILLAGE[0]}</p>
    <p>{VILLAGE[1]}</p>
    <p>Baca juga: <a href="/x">Harga Cabai Naik Jelang Akhir Tahun</a></p>
    <div class="ads">ADVERTISEMENT</div>
    <p>{VILLAGE[2]}</p>
    <p>{VILLAGE[3]}</p>
    </article>
    <div class="share">Bagikan: Facebook Twitter WhatsApp</div>
    <footer>Copyright © 2024 Kabar Contoh. All rights reserved.</footer>
    </body></html>
    """)

# path -> (content type, body bytes)
PAGES: dict[str, tuple[str, bytes]] = {
    "/berita/jembatan-bambu": ("text/plain; charset=utf-8", VILLAGE_PAGE.encode("utf-8")),
    "/berita/garam-prisma": ("text/plain; charset=windows-1252", SALT_PAGE.encode("cp1252")),
    "/news/late-reading-room": ("text/plain; charset=utf-8", LIBRARY_PAGE.encode("utf-8")),
    "/berita/kosong": ("text/plain; charset=utf-8", CHROME_ONLY_PAGE.encode("utf-8")),
    "/berita/jembatan-bambu.html": ("text/html; charset=utf-8", HTML_PAGE.encode("utf-8")),
}

SPIDER = '''
import json
import re

import scrapy


class ArticleSpider(scrapy.Spider):
    name = "articles"
    custom_settings = {
        "ITEM_PIPELINES": {"cleaner.integrations.scrapy.CleanerPipeline": 300},
        "CLEANER_ON_EMPTY": "drop",
        "FEED_EXPORT_FIELDS": ["url", "cleaned"],  # the raw body stays out of the feed
        "FEED_EXPORT_ENCODING": "utf-8",
        "ROBOTSTXT_OBEY": False,
        "TELNETCONSOLE_ENABLED": False,
        "HTTPPROXY_ENABLED": False,
        "LOG_LEVEL": "INFO",
    }

    def __init__(self, urls="", stats_path="", **kwargs):
        super().__init__(**kwargs)
        self.start_urls = urls.split(",")
        self.stats_path = stats_path

    def parse(self, response):
        yield {"url": response.url, "body": response.body, "encoding": response.encoding}

    def closed(self, reason):
        with open(self.stats_path, "w", encoding="utf-8") as f:
            json.dump(self.crawler.stats.get_stats(), f, default=str)
'''


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        page = PAGES.get(self.path)
        if page is None:
            self.send_error(404)
            return
        ctype, body = page
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # keep pytest output quiet
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)  # port 0: a free port
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="module")
def crawl(server: str, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Run the crawl once; return exported items by URL path and the crawl stats."""
    work = tmp_path_factory.mktemp("crawl")
    (work / "spider.py").write_text(SPIDER, encoding="utf-8")
    paths = [p for p in PAGES if HAS_HTML or not p.endswith(".html")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    proc = subprocess.run(
        [sys.executable, "-m", "scrapy", "runspider", "spider.py",
         "-O", "items.jsonl",
         "-a", "urls=" + ",".join(server + p for p in paths),
         "-a", f"stats_path={work / 'stats.json'}"],
        cwd=work, env=env, capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    items = [json.loads(line) for line in
             (work / "items.jsonl").read_text("utf-8").splitlines() if line.strip()]
    stats = json.loads((work / "stats.json").read_text("utf-8"))
    # An exception inside the pipeline is logged, not raised: show it here.
    assert stats.get("log_count/ERROR", 0) == 0, proc.stderr[-4000:]
    by_path = {item["url"][len(server):]: item for item in items}
    assert len(by_path) == len(items)
    return {"items": by_path, "stats": stats, "paths": paths, "log": proc.stderr}


# ---------------------------------------------------------------------- the real crawl
def test_crawl_exports_clean_text_and_metadata(crawl: dict) -> None:
    items = crawl["items"]
    village = items["/berita/jembatan-bambu"]
    assert set(village) == {"url", "cleaned"}  # FEED_EXPORT_FIELDS kept the body out
    rec = village["cleaned"]
    assert rec["text"] == "\n".join(VILLAGE)
    meta = rec["metadata"]
    assert meta["url"].endswith("/berita/jembatan-bambu")
    assert meta["title"] == "Warga Desa Sukamaju Bangun Jembatan Bambu Secara Gotong Royong"
    assert meta["published"] == "2024-11-04T10:15:00+07:00"
    assert meta["dateline"] == "BANDUNG"
    assert meta["signature"] == "(abc/xyz)"
    assert meta["language"] == "id"
    assert meta["removed"]["related"] == 1 and meta["removed"]["ad"] == 1

    salt = items["/berita/garam-prisma"]["cleaned"]
    assert salt["text"] == "\n".join(SALT)  # curly quotes decoded with the HTTP charset
    assert salt["metadata"]["encoding"] == "cp1252"
    assert salt["metadata"]["author"] == "Rina Wulandari"
    assert salt["metadata"]["published"] == "2024-10-24T09:35:00+07:00"

    library = items["/news/late-reading-room"]["cleaned"]
    assert library["text"] == "\n".join(LIBRARY)
    assert library["metadata"]["title"] == (
        "City Library Opens Late Reading Room for Night Shift Workers")
    assert library["metadata"]["author"] == "Daniel Okafor"
    assert library["metadata"]["language"] == "en"

    for item in items.values():
        assert "flag" not in item["cleaned"]
        for chrome in CHROME:
            assert chrome not in item["cleaned"]["text"], (item["url"], chrome)


def test_crawl_drops_the_chrome_only_page(crawl: dict) -> None:
    assert "/berita/kosong" not in crawl["items"]
    assert len(crawl["items"]) == len(crawl["paths"]) - 1
    stats = crawl["stats"]
    assert stats["cleaner/dropped/empty"] == 1
    assert stats["item_dropped_count"] == 1


def test_crawl_stats_count_outcomes(crawl: dict) -> None:
    stats = crawl["stats"]
    n = len(crawl["paths"])
    assert stats["cleaner/items"] == n
    assert stats["cleaner/cleaned"] == n - 1
    assert stats["cleaner/empty"] == 1
    assert stats["cleaner/profile/none"] == n
    # every page carries one ad label and one "Baca juga" / "Read more" line
    assert stats["cleaner/removed/ad"] == n
    assert stats["cleaner/removed/related"] == n
    assert "cleaner/no_input" not in stats


@pytest.mark.skipif(not HAS_HTML, reason="cleaner.html (the HTML route) is not written yet")
def test_crawl_cleans_an_html_page(crawl: dict) -> None:
    rec = crawl["items"]["/berita/jembatan-bambu.html"]["cleaned"]
    assert rec["text"] == "\n".join(VILLAGE)  # nav, related link, ad, share, footer gone
    assert rec["metadata"]["title"] == (
        "Warga Desa Sukamaju Bangun Jembatan Bambu Secara Gotong Royong")
    assert rec["metadata"]["published"] == "2024-11-04T10:15:00+07:00"
    assert rec["metadata"]["dateline"] == "BANDUNG"


# ---------------------------------------------------------------------- in-process
def _pipeline(**settings: object) -> tuple[CleanerPipeline, dict]:
    crawler = get_crawler(settings_dict=settings)
    return CleanerPipeline.from_crawler(crawler), crawler.stats


@pytest.mark.parametrize("policy", ["keep", "flag", "drop"])
def test_empty_body_policy(policy: str) -> None:
    pipe, stats = _pipeline(CLEANER_ON_EMPTY=policy)
    item = {"url": "http://127.0.0.1/berita/kosong", "body": CHROME_ONLY_PAGE}
    if policy == "drop":
        with pytest.raises(DropItem, match="no article body"):
            pipe.process_item(item)
        assert "cleaned" not in item
        assert stats.get_value("cleaner/dropped/empty") == 1
        return
    out = pipe.process_item(item)
    assert out is item
    assert out["cleaned"]["text"] == ""
    assert stats.get_value("cleaner/empty") == 1
    if policy == "flag":
        assert out["cleaned"]["flag"] == "empty"
        assert stats.get_value("cleaner/flagged/empty") == 1
    else:
        assert "flag" not in out["cleaned"]


@pytest.mark.parametrize("policy", ["flag", "drop"])
def test_refused_input_policy(policy: str) -> None:
    pipe, stats = _pipeline(CLEANER_ON_ERROR=policy)
    item = {"url": "http://127.0.0.1/file.bin", "body": b"\x00\x01\x02binary"}
    assert stats.get_value("cleaner/error/InputError") is None
    if policy == "drop":
        with pytest.raises(DropItem, match="InputError"):
            pipe.process_item(item)
    else:
        rec = pipe.process_item(item)["cleaned"]
        assert rec["flag"] == "error"
        assert rec["error"]["type"] == "InputError"
        assert "binary" in rec["error"]["message"]
        assert rec["metadata"]["url"] == "http://127.0.0.1/file.bin"
    assert item["body"] == b"\x00\x01\x02binary"  # the input is never touched
    assert stats.get_value("cleaner/error/InputError") == 1


def test_custom_fields_and_str_or_list_bodies() -> None:
    pipe, stats = _pipeline(CLEANER_INPUT_FIELD="page", CLEANER_URL_FIELD="link",
                            CLEANER_OUTPUT_FIELD="article")
    a = pipe.process_item({"link": "http://127.0.0.1/a", "page": LIBRARY_PAGE})
    b = pipe.process_item({"link": "http://127.0.0.1/b", "page": LIBRARY_PAGE.split("\n")})
    assert a["article"]["text"] == b["article"]["text"] == "\n".join(LIBRARY)
    assert a["article"]["metadata"]["url"] == "http://127.0.0.1/a"
    other = {"link": "http://127.0.0.1/c", "kind": "listing"}
    assert pipe.process_item(other) == {"link": "http://127.0.0.1/c", "kind": "listing"}
    assert stats.get_value("cleaner/no_input") == 1
    assert stats.get_value("cleaner/cleaned") == 2


def test_options_and_profiles_dir_reach_the_cleaner(tmp_path: Path) -> None:
    (tmp_path / "kabar.toml").write_text(textwrap.dedent("""\
        id = "kabar.example"
        version = "2024.1"
        domains = ["kabar.example"]
        """), encoding="utf-8")
    pipe, stats = _pipeline(CLEANER_PROFILES_DIR=str(tmp_path),
                            CLEANER_OPTIONS={"keep_removed": True, "strip_dateline": True})
    rec = pipe.process_item({"url": "https://kabar.example/read/1", "body": VILLAGE_PAGE})
    assert rec["cleaned"]["metadata"]["profile"] == "kabar.example@2024.1"
    assert rec["cleaned"]["text"].startswith("Warga Desa Sukamaju bergotong royong")
    assert any(d["rule"] == "id.read-also" for d in rec["cleaned"]["metadata"]["lines"])
    assert stats.get_value("cleaner/profile/kabar.example@2024.1") == 1


class _ArticleItem(Item):
    url = Field()
    body = Field()


def test_item_without_output_field_gets_a_clear_error() -> None:
    pipe, _ = _pipeline()
    with pytest.raises(KeyError, match=re.escape("cleaned = scrapy.Field")):
        pipe.process_item(_ArticleItem(url="http://127.0.0.1/a", body=LIBRARY_PAGE))


def test_bad_settings_are_named() -> None:
    with pytest.raises(ValueError, match="CLEANER_ON_EMPTY"):
        _pipeline(CLEANER_ON_EMPTY="ignore")
    with pytest.raises(ValueError, match="CLEANER_ON_ERROR"):
        _pipeline(CLEANER_ON_ERROR="keep")
    with pytest.raises(ValueError, match="CLEANER_OPTIONS"):
        _pipeline(CLEANER_OPTIONS={"no_such_option": 1})
    with pytest.raises(NotConfigured):
        _pipeline(CLEANER_ENABLED=False)


def test_import_cleaner_does_not_import_frameworks() -> None:
    code = textwrap.dedent("""\
        import sys
        import cleaner
        import cleaner.integrations
        cleaner.clean("Judul\\nJAKARTA - Isi berita yang cukup panjang untuk paragraf.")
        heavy = sorted({m.split(".")[0] for m in sys.modules}
                       & {"scrapy", "datatrove", "twisted", "itemadapter"})
        print(",".join(heavy))
        """)
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == ""

"""``cleaner clean`` on every input kind: txt and HTML folders, JSONL (.gz, .zst), WARC
(plain, .gz, .zst), stdin; and corrupt input.  All text here is synthetic.

Assertions are on record counts, ids, sources and errors, not on the exact cleaning of
a page (the text pipeline is tuned elsewhere).
"""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
import zstandard
from typer.testing import CliRunner

from cleaner.cli import app


def article(i: int) -> str:
    return (f"Judul berita sintetis nomor {i}\n"
            f"JAKARTA - Ini paragraf pertama berita sintetis nomor {i} yang cukup panjang "
            "untuk dianggap isi berita oleh pembersih.\n"
            "Baca juga: Berita lain yang tidak ada hubungannya\n"
            f"Paragraf kedua menjelaskan kejadian nomor {i} dengan kalimat yang lengkap dan "
            "jelas bagi pembaca.\n"
            "ADVERTISEMENT\n")


def page(i: int, charset: str = "utf-8", meta: bool = True) -> bytes:
    head = f'<meta charset="{charset}">' if meta else ""
    html = (f"<html><head>{head}<title>Judul {i}</title></head><body><article>"
            f"<h1>Judul {i}</h1><p>Paragraf pertama halaman nomor {i} tentang kafé di "
            "Jakarta, cukup panjang untuk dianggap isi berita.</p>"
            f"<p>Paragraf kedua halaman nomor {i} menjelaskan hal lain dengan kalimat yang "
            "lengkap.</p></article></body></html>")
    return html.encode(charset)


def run(args: list[str], stdin: bytes | None = None) -> tuple[int, list[dict], str]:
    """Run the real CLI in process; return exit code, stdout records and stderr."""
    result = CliRunner().invoke(app, ["clean", "-q", *args], input=stdin)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    records = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    return result.exit_code, records, result.stderr


def read_jsonl(path: Path) -> list[dict]:
    raw = path.read_bytes()
    assert raw == b"" or raw.endswith(b"\n")
    return [json.loads(line) for line in raw.split(b"\n") if line]


def jsonl_bytes(n: int, **extra) -> bytes:
    return b"".join(json.dumps({"id": f"doc-{i}", "url": f"https://contoh.id/berita/{i}",
                                "text": article(i), **extra}).encode() + b"\n"
                    for i in range(n))


# ---------------------------------------------------------------------- folders
def test_txt_folder_recursive_ids_sources_and_glob(tmp_path: Path) -> None:
    src = tmp_path / "dump"
    (src / "sub").mkdir(parents=True)
    (src / "b.txt").write_text(article(2))
    (src / "a.txt").write_text(article(1))
    (src / "sub" / "c.txt").write_text(article(3))
    (src / ".hidden.txt").write_text(article(4))
    (src / "notes.log").write_text(article(5))
    code, recs, _ = run([str(src), "-j", "0"])
    assert code == 0
    assert [r["id"] for r in recs] == ["a.txt", "b.txt", "notes.log", "sub/c.txt"]
    assert recs[0]["source"] == {"file": str(src / "a.txt")}
    assert all("error" not in r and r["text"] for r in recs)
    code, recs, _ = run([str(src), "-j", "0", "--glob", "*.txt"])
    assert [r["id"] for r in recs] == ["a.txt", "b.txt", "sub/c.txt"]
    code, recs, _ = run([str(src / "sub" / "c.txt"), "-j", "0"])  # a file: its name
    assert [r["id"] for r in recs] == ["c.txt"]


def test_html_folder_with_declared_charsets(tmp_path: Path) -> None:
    src = tmp_path / "html"
    src.mkdir()
    (src / "a.html").write_bytes(page(1))
    (src / "b.htm").write_bytes(page(2, "windows-1252"))
    (src / "c.html.gz").write_bytes(gzip.compress(page(3)))
    code, recs, _ = run([str(src), "-j", "0"])
    assert [r["id"] for r in recs] == ["a.html", "b.htm", "c.html.gz"]
    assert [r["source"]["file"] for r in recs] == [str(src / n)
                                                    for n in ("a.html", "b.htm", "c.html.gz")]
    assert all("error" not in r for r in recs), recs
    assert code == 0
    assert recs[1]["metadata"]["encoding"] == "cp1252"
    assert "kafé" in recs[1]["text"]


# ---------------------------------------------------------------------- JSONL
@pytest.mark.parametrize("suffix", ["", ".gz", ".zst"])
def test_jsonl_plain_gz_zst(tmp_path: Path, suffix: str) -> None:
    data = jsonl_bytes(3) + b"\n"  # a blank line is not a record
    if suffix == ".gz":
        data = gzip.compress(data)
    elif suffix == ".zst":
        data = zstandard.ZstdCompressor().compress(data)
    path = tmp_path / f"dump.jsonl{suffix}"
    path.write_bytes(data)
    out = tmp_path / "out.jsonl"
    code, _, _ = run([str(path), "-o", str(out), "-j", "0"])
    recs = read_jsonl(out)
    assert code == 0
    assert [r["id"] for r in recs] == ["doc-0", "doc-1", "doc-2"]
    assert [r["source"] for r in recs] == [{"file": str(path), "line": n} for n in (1, 2, 3)]
    assert recs[1]["metadata"]["url"] == "https://contoh.id/berita/1"
    assert not (tmp_path / "out.jsonl.part").exists()


def test_jsonl_keys_and_defaults(tmp_path: Path) -> None:
    lines = [
        {"id": "x", "content": article(1)},                  # 'content' is a default text key
        {"text": article(2)},                                # no id: FILE:LINE
        {"uid": 7, "body": article(3), "link": "https://contoh.id/7"},
        {"id": "h", "html": page(4).decode()},               # 'html' key: an HTML page
    ]
    path = tmp_path / "mixed.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in lines))
    code, recs, _ = run([str(path), "-j", "0"])
    assert [r["id"] for r in recs] == ["x", "mixed.jsonl:2", "mixed.jsonl:3", "h"]
    assert "error" in recs[2] and "no document" in recs[2]["error"]["message"]
    assert all("error" not in r for i, r in enumerate(recs) if i != 2)
    assert code == 1
    code, recs, _ = run([str(path), "-j", "0", "--text-key", "body", "--id-key", "uid",
                         "--url-key", "link", "--html-key", ""])
    assert recs[2]["id"] == "7" and recs[2]["metadata"]["url"] == "https://contoh.id/7"
    assert "error" not in recs[2]


# ---------------------------------------------------------------------- WARC
def make_warc(gz: bool) -> tuple[bytes, list[tuple[str, int]]]:
    """A WARC with two pages, an image, a redirect and a request; returns the bytes and
    the (record id, offset) of the two pages as warcio reads them back."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=gz)

    def response(url: str, status: str, ctype: str, body: bytes) -> None:
        http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(body),
                                            http_headers=http))

    w.write_record(w.create_warc_record("https://contoh.id/1", "request",
                                        payload=io.BytesIO(b"GET /1 HTTP/1.1\r\n\r\n")))
    response("https://contoh.id/1", "200 OK", "text/html; charset=utf-8", page(1))
    response("https://contoh.id/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n")
    response("https://contoh.id/old", "301 Moved Permanently", "text/html", b"")
    # declared only in the HTTP header, not in the page
    response("https://contoh.id/2", "200 OK", "text/html; charset=windows-1252",
             page(2, "windows-1252", meta=False))
    data = buf.getvalue()
    pages = []
    it = ArchiveIterator(io.BytesIO(data))
    for rec in it:
        if rec.rec_type == "response" and rec.http_headers.get_statuscode() == "200" \
                and "html" in rec.http_headers.get_header("Content-Type"):
            rec.content_stream().read()
            pages.append((rec.rec_headers.get_header("WARC-Record-ID").strip("<>"),
                          it.get_record_offset()))
    return data, pages


@pytest.mark.parametrize("kind", ["warc", "warc.gz", "warc.zst"])
def test_warc_pages_with_ids_offsets_and_header_charset(tmp_path: Path, kind: str) -> None:
    data, pages = make_warc(gz=kind == "warc.gz")
    if kind == "warc.zst":
        data = zstandard.ZstdCompressor().compress(data)
    path = tmp_path / f"crawl.{kind}"
    path.write_bytes(data)
    code, recs, _ = run([str(path), "-j", "0"])
    assert code == 0, recs
    assert [r["id"] for r in recs] == [rid for rid, _ in pages]
    assert [r["source"] for r in recs] == [{"file": str(path), "offset": off}
                                           for _, off in pages]
    assert [r["metadata"]["url"] for r in recs] == ["https://contoh.id/1", "https://contoh.id/2"]
    assert recs[1]["metadata"]["encoding"] == "cp1252"
    assert "kafé" in recs[1]["text"]


# ---------------------------------------------------------------------- stdin
def test_stdin_document_jsonl_and_gzip_jsonl() -> None:
    code, recs, _ = run(["-", "-j", "0"], stdin=article(1).encode())
    assert code == 0 and [r["id"] for r in recs] == ["-"]
    assert recs[0]["source"] == {"file": "-"} and recs[0]["text"]
    code, recs, err = run(["-", "-j", "0"], stdin=jsonl_bytes(2))
    assert code == 0, err
    assert [r["id"] for r in recs] == ["doc-0", "doc-1"]
    assert recs[1]["source"] == {"file": "-", "line": 2}
    code, recs, err = run(["-", "-j", "0"], stdin=gzip.compress(jsonl_bytes(2)))
    assert code == 0, err
    assert [r["id"] for r in recs] == ["doc-0", "doc-1"]


# ---------------------------------------------------------------------- corrupt input
def test_corrupt_records_each_give_one_error_or_empty_record(tmp_path: Path) -> None:
    src = tmp_path / "bad"
    src.mkdir()
    (src / "a_good.txt").write_text(article(1))
    (src / "b_bad_utf8.txt").write_bytes(article(2).encode() + b"\xff\xfe\xc3(\x80 rusak\n")
    (src / "c_binary.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    (src / "d_empty.txt").write_bytes(b"")
    (src / "e_truncated.txt.gz").write_bytes(gzip.compress(article(5).encode())[:-12])
    good = [json.dumps({"id": f"j{i}", "text": article(i)}).encode() for i in range(3)]
    (src / "f.jsonl").write_bytes(
        good[0] + b"\n"
        + b'{"id": "j-bad-utf8", "text": "caf\xe9"}\n'     # not UTF-8
        + b"[1, 2, 3]\n"                                  # not an object
        + good[1] + b"\n"
        + b'{"id": "j-null", "text": null}\n'             # no document
        + good[2] + b"\n"
        + b'{"id": "j-cut", "text": "Paragraf yang terpot')  # truncated last line
    out, errs = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    code, _, _ = run([str(src), "-o", str(out), "--errors", str(errs), "-j", "0"])
    assert code == 1
    recs, errors = read_jsonl(out), read_jsonl(errs)
    assert [r["id"] for r in recs] == ["a_good.txt", "b_bad_utf8.txt", "d_empty.txt",
                                       "j0", "j1", "j2"]
    by_id = {r["id"]: r for r in recs}
    assert by_id["a_good.txt"]["text"] and by_id["j1"]["text"]
    assert by_id["d_empty.txt"]["text"] == ""
    assert by_id["b_bad_utf8.txt"]["text"]  # decoded by charset detection, not lost
    assert {e["id"]: e["error"]["type"] for e in errors} == {
        "c_binary.txt": "InputError",
        "e_truncated.txt.gz": "EOFError",
        "f.jsonl:2": "UnicodeDecodeError",
        "f.jsonl:3": "InputError",
        "j-null": "InputError",
        "f.jsonl:7": "JSONDecodeError",
    }
    assert all(set(e) == {"id", "error", "source"} and e["error"]["message"] for e in errors)
    assert {e["id"]: e["source"].get("line") for e in errors}["f.jsonl:7"] == 7
    assert (src / "d_empty.txt").read_bytes() == b""  # inputs never modified


def test_unreadable_compressed_jsonl_keeps_records_before_the_damage(tmp_path: Path) -> None:
    path = tmp_path / "cut.jsonl.gz"
    blob = gzip.compress(jsonl_bytes(400))
    path.write_bytes(blob[: len(blob) * 2 // 3])
    code, recs, _ = run([str(path), "-j", "0"])
    assert code == 1
    assert "error" in recs[-1] and recs[-1]["id"] == "cut.jsonl.gz#read-error"
    ok = [r["id"] for r in recs[:-1]]
    assert ok == [f"doc-{i}" for i in range(len(ok))] and len(ok) > 100

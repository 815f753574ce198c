"""Input integrity (issue 15 items 7-12 and 21, issue 16 items 4, 15, 16): truncated
compressed input and WARC records are error records, a whole-file gzipped WARC reads
whole, one bad JSONL line is one error record, FIFOs, unreadable folders, closed stdin
and ``clean <(...)``, JSON array files, WARC crawler logs, huge WARC header lines.
Every input is built here; the text is synthetic."""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import zstandard
from _synthetic import article
from typer.testing import CliRunner

from cleaner.cli import app
from cleaner.io import Inputs

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
CLI = [sys.executable, "-c", "from cleaner.cli import main; main()", "clean"]


def run(args: list[str], stdin: bytes | None = None) -> tuple[int, list[dict], str]:
    result = CliRunner().invoke(app, ["clean", "-j", "0", *args], input=stdin)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    recs = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    return result.exit_code, recs, result.stderr


def page(i: int) -> bytes:
    return (f"<html><head><title>Judul {i}</title></head><body><article><h1>Judul {i}</h1>"
            f"<p>Paragraf pertama halaman nomor {i} tentang sebuah kejadian di Jakarta, "
            "cukup panjang untuk dianggap isi berita.</p><p>Paragraf kedua halaman nomor "
            f"{i} menjelaskan hal lain dengan kalimat yang lengkap.</p></article></body>"
            "</html>").encode()


def warc(n: int, gz: bool, extra=None) -> bytes:
    """A WARC of ``n`` HTML responses (per-record gzip when ``gz``)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=gz)
    for i in range(n):
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                protocol="HTTP/1.1")
        w.write_record(w.create_warc_record(f"https://contoh.id/{i}", "response",
                                            payload=io.BytesIO(page(i)), http_headers=http))
    if extra:
        extra(w)
    return buf.getvalue()


def lines_jsonl(n: int, prefix: str = "doc") -> bytes:
    return b"".join(json.dumps({"id": f"{prefix}-{i}", "text": article(i)}).encode() + b"\n"
                    for i in range(n))


# ---------------------------------------------------------------------- item 7
def test_per_record_warc_gz_cut_inside_a_record_ends_with_an_error_record(
        tmp_path: Path) -> None:
    data = warc(5, gz=True)
    cut = data[: len(data) - 40]  # inside the last record's gzip member
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(cut)
    code, recs, _ = run([str(path)])
    assert code == 1
    assert [("error" in r) for r in recs] == [False] * 4 + [True]
    assert recs[-1]["error"]["type"] == "EOFError"
    assert "truncated" in recs[-1]["error"]["message"]
    assert recs[-1]["source"]["offset"] >= 0


def test_truncated_warc_zst_is_an_error_record(tmp_path: Path) -> None:
    data = zstandard.ZstdCompressor().compress(warc(3, gz=False))
    path = tmp_path / "cut.warc.zst"
    path.write_bytes(data[:-30])
    code, recs, _ = run([str(path)])
    assert code == 1
    assert recs and recs[-1]["error"]["type"] == "EOFError"
    assert all("error" not in r and r["text"] for r in recs[:-1])


def test_truncated_multi_frame_jsonl_zst_keeps_whole_frames_then_says_so(
        tmp_path: Path) -> None:
    c = zstandard.ZstdCompressor()
    frames = [c.compress(lines_jsonl(3, f"f{k}")) for k in range(3)]
    path = tmp_path / "cut.jsonl.zst"
    path.write_bytes(b"".join(frames)[:-20])
    code, recs, _ = run([str(path)])
    assert code == 1
    good = [r["id"] for r in recs if "error" not in r]
    assert good[:6] == ["f0-0", "f0-1", "f0-2", "f1-0", "f1-1", "f1-2"]
    assert recs[-1]["error"]["type"] == "EOFError"
    assert recs[-1]["id"].endswith("#read-error")


def test_truncated_txt_zst_is_an_error_not_a_partial_article(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt.zst"
    path.write_bytes(zstandard.ZstdCompressor().compress(article(1).encode() * 3)[:-12])
    code, recs, _ = run([str(path)])
    assert code == 1 and len(recs) == 1
    assert recs[0]["error"]["type"] == "EOFError" and "truncated" in recs[0]["error"]["message"]


def test_a_warc_record_shorter_than_its_content_length_is_an_error(tmp_path: Path) -> None:
    data = warc(3, gz=False)
    path = tmp_path / "short.warc"
    path.write_bytes(data[: len(data) - 120])  # inside the last record's body
    code, recs, _ = run([str(path)])
    assert code == 1
    assert [("error" in r) for r in recs] == [False, False, True]
    assert "shorter than its Content-Length" in recs[-1]["error"]["message"]


# ---------------------------------------------------------------------- item 8
def test_whole_file_gzipped_warc_reads_every_record(tmp_path: Path) -> None:
    path = tmp_path / "whole.warc.gz"
    path.write_bytes(gzip.compress(warc(5, gz=False)))
    code, recs, err = run([str(path)])
    assert code == 0, (recs, err)
    assert [r["metadata"]["url"] for r in recs] == [f"https://contoh.id/{i}" for i in range(5)]
    offsets = [r["source"]["offset"] for r in recs]
    assert offsets == sorted(offsets) and offsets[0] >= 0


# ---------------------------------------------------------------------- item 9
def test_a_deeply_nested_jsonl_line_is_one_error_and_reading_goes_on(tmp_path: Path) -> None:
    deep = b'{"id": "deep", "text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n"
    path = tmp_path / "d.jsonl"
    path.write_bytes(lines_jsonl(2, "a") + deep + lines_jsonl(3, "b"))
    code, recs, _ = run([str(path)])
    assert code == 1
    assert [r["id"] for r in recs] == ["a-0", "a-1", "d.jsonl:3", "b-0", "b-1", "b-2"]
    assert recs[2]["error"]["type"] == "RecursionError"
    assert recs[2]["source"] == {"file": str(path), "line": 3}


# ---------------------------------------------------------------------- item 10
def test_a_fifo_in_a_folder_is_skipped_and_counted(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(article(1))
    os.mkfifo(folder / "pipe")  # nobody writes to it: reading would hang
    os.mkfifo(folder / "pipe.txt")
    res = subprocess.run([*CLI, str(folder), "-j", "0", "--timeout", "5"], env=ENV,
                         capture_output=True, timeout=120)
    assert res.returncode == 0, res.stderr.decode()
    assert [json.loads(x)["id"] for x in res.stdout.splitlines()] == ["a.txt"]
    assert "skipped: not a regular file (FIFO, socket, device)" in res.stderr.decode()
    row = res.stderr.decode().split("not a regular file")[1].splitlines()[0]
    assert row.replace("|", " ").split()[-1] == "2"


def test_a_fifo_named_on_the_command_line_is_read_as_a_stream(tmp_path: Path) -> None:
    fifo = tmp_path / "feed"
    os.mkfifo(fifo)

    def writer() -> None:
        with open(fifo, "wb") as fh:
            fh.write(lines_jsonl(3))

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    res = subprocess.run([*CLI, str(fifo), "-j", "1", "-q"], env=ENV, capture_output=True,
                         timeout=120)
    thread.join(10)
    assert res.returncode == 0, res.stderr.decode()
    assert [json.loads(x)["id"] for x in res.stdout.splitlines()] == [
        "doc-0", "doc-1", "doc-2"]


# ---------------------------------------------------------------------- item 11
@pytest.mark.parametrize("bad", ["a_sub", "z_sub"])  # one in the middle, one last
def test_unreadable_folders_are_reported_in_walk_order(tmp_path: Path, bad: str,
                                                       monkeypatch: pytest.MonkeyPatch
                                                       ) -> None:
    top = tmp_path / "in"
    for sub in ("a_sub", "m_sub", "z_sub"):
        (top / sub).mkdir(parents=True)
        (top / sub / "x.txt").write_text(article(1))
    (top / "top.txt").write_text(article(2))
    real_scandir = os.scandir

    def scandir(path):  # tests run as root, which reads any folder: refuse one here
        if str(path).endswith(bad):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    got = [(r.id, r.error[0] if r.error else None) for r in Inputs([str(top)])]
    want = [("top.txt", None), ("a_sub/x.txt", None), ("m_sub/x.txt", None),
            ("z_sub/x.txt", None)]
    where = want.index((f"{bad}/x.txt", None))
    want[where] = (bad, "PermissionError")
    assert got == want


# ---------------------------------------------------------------------- item 12
def test_closed_stdin_is_one_line_exit_2() -> None:
    res = subprocess.run([*CLI, "-", "-j", "0"], env=ENV, capture_output=True, timeout=120,
                         preexec_fn=lambda: os.close(0))
    err = res.stderr.decode()
    assert res.returncode == 2 and "Traceback" not in err
    assert err.strip() == "error: '-' reads stdin, but stdin is closed"


def test_process_substitution_is_read_by_the_parent() -> None:
    """``cleaner clean <(...)`` gets ``/dev/fd/N``, open only in the parent process."""
    r, w = os.pipe()
    proc = subprocess.Popen([*CLI, f"/dev/fd/{r}", "-j", "1", "-q"], env=ENV, pass_fds=(r,),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    os.close(r)
    with os.fdopen(w, "wb") as fh:
        fh.write(article(7).encode())
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err.decode()
    rec = json.loads(out)
    assert rec["id"] == str(r) and "nomor 7" in rec["text"]


# ---------------------------------------------------------------------- issue 16
def test_a_json_array_file_is_read_as_its_records(tmp_path: Path) -> None:
    items = [{"id": f"s{i}", "url": f"https://contoh.id/{i}", "text": article(i)}
             for i in range(4)]
    path = tmp_path / "items.json"  # what scrapy crawl -O items.json writes
    path.write_text("[\n" + ",\n".join(json.dumps(x) for x in items) + "\n]")
    code, recs, err = run([str(path)])
    assert code == 0, err
    assert [r["id"] for r in recs] == ["s0", "s1", "s2", "s3"]
    assert recs[3]["source"] == {"file": str(path), "item": 4}
    code, recs, _ = run(["-"], stdin=json.dumps(items[:2]).encode())  # one line, on stdin
    assert code == 0 and [r["id"] for r in recs] == ["s0", "s1"]


def test_warc_crawler_logs_are_skipped_counted_and_warnings_name_the_file(
        tmp_path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders

    def logs(w) -> None:
        for uri in ("urn:X-wpull:log", "metadata://gnu.org/software/wget/warc/wget.log"):
            headers = StatusAndHeaders("", [("WARC-Type", "resource")], protocol="WARC/1.0")
            w.write_record(w.create_warc_record(uri, "resource", payload=io.BytesIO(
                b"2024-01-01 INFO fetched 200 https://contoh.id/0\n" * 5),
                warc_content_type="text/plain", warc_headers=headers))

    data = warc(2, gz=False, extra=logs)
    # a record followed by junk instead of its blank lines: warcio warns about it
    first_end = data.index(b"WARC/1.0", 10)
    data = data[:first_end - 4] + b"xx\r\n" + data[first_end:]
    path = tmp_path / "crawl.warc"
    path.write_bytes(data)
    res = subprocess.run([*CLI, str(path), "-j", "0"], env=ENV, capture_output=True,
                         timeout=120)
    err = res.stderr.decode()
    ids = [json.loads(x)["metadata"]["url"] for x in res.stdout.splitlines()]
    assert ids == ["https://contoh.id/0", "https://contoh.id/1"]
    assert "skipped: WARC resource record not from the web (crawler log, manifest)" in err
    assert f"warning: {path}: a WARC record is not followed by a blank line" in err
    assert "Remainder:" not in err  # warcio's raw warning does not leak


def test_missing_text_key_points_to_text_key(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps({"id": "x", "body": article(1)}) + "\n")
    code, recs, _ = run([str(path)])
    assert code == 1
    msg = recs[0]["error"]["message"]
    assert "'body'" in msg and "--text-key" in msg


# ---------------------------------------------------------------------- item 21
def test_a_huge_warc_header_line_is_an_error_record(tmp_path: Path) -> None:
    good = warc(1, gz=False)
    bad = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://contoh.id/x"
           + b"a" * 5_000_000 + b"\r\nContent-Length: 0\r\n\r\n\r\n\r\n")
    path = tmp_path / "huge.warc"
    path.write_bytes(good + bad)
    code, recs, _ = run([str(path)])
    assert code == 1
    assert "error" not in recs[0]
    assert recs[1]["error"]["type"] == "WarcError"
    assert "header line is over 65536 bytes" in recs[1]["error"]["message"]
    assert recs[1]["source"]["offset"] == len(good)

"""``cleaner explain`` reads what ``clean`` reads: one record of a JSONL or WARC file
(by id, URL or position), compressed files, stdin; ``--format json``; the text column
fits the terminal; parts removed from a kept line are shown.  Synthetic text only."""

from __future__ import annotations

import gzip
import io
import json
import os
import pty
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import pytest
import zstandard
from _synthetic import article
from rich.console import Console
from typer.testing import CliRunner

from cleaner import Cleaner
from cleaner.cli import app
from cleaner.cli import explain as explain_mod


def invoke(args: list[str], **kw):
    result = CliRunner().invoke(app, ["explain", *args], **kw)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def corpus(tmp_path: Path) -> Path:
    lines = [json.dumps({"id": f"x{i}", "text": article(i)}) for i in (1, 2, 3)]
    lines.insert(1, '{"id": "broken", ')
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join(lines) + "\n")
    return path


def body_lines(stdout: str) -> list[str]:
    return [line for line in stdout.splitlines() if " + body " in line]


def test_jsonl_record_by_id(tmp_path: Path) -> None:
    res = invoke([str(corpus(tmp_path)), "--id", "x3"])
    assert res.exit_code == 0, res.stderr
    assert res.stdout.startswith(f"# {tmp_path / 'c.jsonl'} x3  profile=-")
    body = body_lines(res.stdout)
    assert body and all("nomor 3" in line for line in body)
    row = "    3 - related        id.read-also                 Baca juga: Berita lain"
    assert row in res.stdout


def test_jsonl_record_by_position_and_the_first_by_default(tmp_path: Path) -> None:
    path = corpus(tmp_path)
    second = invoke([str(path), "--n", "3"])  # line 2 is the broken record
    assert second.exit_code == 0 and "nomor 2" in body_lines(second.stdout)[0]
    first = invoke([str(path)])
    assert first.exit_code == 0 and "nomor 1" in body_lines(first.stdout)[0]


@pytest.mark.parametrize(("args", "code", "message"), [
    (["--id", "nope"], 2, "no record with id or URL 'nope'"),
    (["--n", "9"], 2, "has 4 records, not 9"),
    (["--n", "0"], 2, "--n counts from 1"),
    (["--id", "x1", "--n", "1"], 2, "give --id or --n, not both"),
    (["--n", "2"], 1, "c.jsonl:2: JSONDecodeError: not valid JSON"),
    (["--outlet", "nope.com"], 2, "--outlet nope.com: no profile has this id or domain"),
])
def test_what_cannot_be_explained_is_one_line(tmp_path: Path, args: list[str], code: int,
                                             message: str) -> None:
    res = invoke([str(corpus(tmp_path)), *args])
    assert res.exit_code == code
    assert res.stdout == ""
    assert res.stderr.startswith("error: ") and message in res.stderr, res.stderr


@pytest.mark.parametrize("suffix", ["txt.gz", "txt.zst", "jsonl.gz", "jsonl.zst"])
def test_compressed_inputs(tmp_path: Path, suffix: str) -> None:
    raw = (article(7) if suffix.startswith("txt")
           else json.dumps({"id": "z", "text": article(7)}) + "\n").encode()
    data = gzip.compress(raw) if suffix.endswith("gz") else zstandard.compress(raw)
    path = tmp_path / f"page.{suffix}"
    path.write_bytes(data)
    res = invoke([str(path)])
    assert res.exit_code == 0, res.stderr
    assert "nomor 7" in body_lines(res.stdout)[0]


def test_stdin(tmp_path: Path) -> None:
    res = invoke(["-"], input=article(8))
    assert res.exit_code == 0 and "nomor 8" in body_lines(res.stdout)[0]


def test_terminal_stdin_is_announced_and_one_ctrl_d_ends_it(tmp_path: Path) -> None:
    master, slave = pty.openpty()
    try:
        proc = subprocess.Popen(
            [sys.executable, "-c", "from cleaner.cli import main; main()", "explain", "-"],
            stdin=slave, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path)
        os.write(master, article(9).encode() + b"\x04")
        out, err = proc.communicate(timeout=120)
    finally:
        os.close(master)
        os.close(slave)
    assert proc.returncode == 0, err
    assert b"end it with Ctrl-D" in err and b"nomor 9" in out


def warc(tmp_path: Path) -> Path:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=True)
    for i in (1, 2):
        page = f"<html><body><h1>Judul {i}</h1><p>{article(i)}</p></body></html>".encode()
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                protocol="HTTP/1.1")
        w.write_record(w.create_warc_record(
            f"https://contoh.id/{i}", "response", payload=io.BytesIO(page),
            http_headers=http, warc_headers_dict={"WARC-Record-ID": f"<urn:uuid:rec-{i}>"}))
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(buf.getvalue())
    return path


@pytest.mark.parametrize("key", ["urn:uuid:rec-2", "https://contoh.id/2"])
def test_warc_record_by_id_or_url(tmp_path: Path, key: str) -> None:
    res = invoke([str(warc(tmp_path)), "--id", key])
    assert res.exit_code == 0, res.stderr
    assert res.stdout.startswith(f"# {tmp_path / 'crawl.warc.gz'} urn:uuid:rec-2 ")
    assert "nomor 2" in res.stdout and "nomor 1" not in res.stdout


def test_json_format_is_the_keep_removed_record(tmp_path: Path) -> None:
    res = invoke([str(corpus(tmp_path)), "--id", "x1", "--format", "json"])
    assert res.exit_code == 0
    rec = json.loads(res.stdout)
    expected = Cleaner().clean(article(1), id="x1").to_dict(keep_removed=True)
    assert rec["profile"] is None
    assert {k: v for k, v in rec.items() if k != "profile"} == expected
    dropped = [d for d in rec["metadata"]["lines"] if d["decision"] == "dropped"]
    assert [(d["n"], d["rule"], d["reason"]) for d in dropped] == [(3, "id.read-also",
                                                                    "related")]


def test_lines_are_whole_off_a_terminal_and_cut_with_width(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(article(1))
    whole = invoke([str(tmp_path / "a.txt")])
    assert "untuk dianggap isi berita oleh pembersih." in whole.stdout
    cut = invoke([str(tmp_path / "a.txt"), "--width", "30"])
    assert "JAKARTA - Ini paragraf pertam…" in cut.stdout
    assert "oleh pembersih." not in cut.stdout


class _Line(NamedTuple):
    n: int
    text: str
    decision: str
    rule: str
    reason: str
    spans: tuple = ()


class _Art(NamedTuple):
    lines: tuple
    profile: str | None = None
    outlet: str | None = None

    def to_dict(self) -> dict:
        return {"metadata": {}}


def test_a_terminal_fits_the_text_column_and_removed_spans_are_marked(monkeypatch) -> None:
    out = io.StringIO()
    monkeypatch.setattr(explain_mod, "stdout_console", lambda: _terminal(out, 100))
    text = "Harga beras naik lagi di pasar induk (Baca juga: Harga Cabai) kata pedagang."
    span = (36, 61, "(Baca juga: Harga Cabai)", "id.related-inline", "related")
    explain_mod._print(_Art((_Line(3, text * 2, "kept", "generic.window", "body",
                                   (span,)),)), "page.txt", None)
    rows = out.getvalue().splitlines()
    assert len(rows[1]) == 100 and rows[1].endswith("…")  # fitted, not wrapped
    assert rows[2].split() == ["~", "related", "id.related-inline", "(Baca", "juga:",
                               "Harga", "Cabai)"]


def _terminal(out: io.StringIO, width: int) -> Console:
    return Console(file=out, force_terminal=True, width=width, color_system=None,
                   highlight=False, soft_wrap=True)

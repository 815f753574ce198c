"""Size and time limits, in the library and in the batch: huge, bomb-like and binary
inputs become InputError / error records, quickly and with bounded memory.  (The 200 MB
file and the timings are measured by hand, see docs/security.md; these tests use small
limits so they stay fast.)"""

from __future__ import annotations

import gzip
import json
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

import cleaner
from cleaner.cli import app
from cleaner.profiles import BUILTIN_DIR, parse

ARTICLE = ("Judul berita sintetis\nJAKARTA - Ini paragraf pertama berita sintetis yang cukup "
           "panjang untuk dianggap isi berita oleh pembersih.\n")


def invoke(args: list[str]):
    result = CliRunner().invoke(app, ["clean", "-q", *args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


# ---------------------------------------------------------------------- library
@pytest.mark.parametrize("data", [b"a" * 1001, "a" * 1001, "\u00e9" * 1001])
def test_max_bytes_in_the_library(data: bytes | str) -> None:
    with pytest.raises(cleaner.InputError, match="max_bytes=1000"):
        cleaner.clean(data, max_bytes=1000)


@pytest.mark.parametrize("brk", ["\n", "\r", "\r\n", "\u2028", "\x0b", "\x85"])
def test_max_lines_counts_every_line_break(brk: str) -> None:
    with pytest.raises(cleaner.InputError, match="max_lines=100"):
        cleaner.clean(brk.join(["baris"] * 102), max_lines=100, kind="text")
    assert cleaner.clean(brk.join(["baris"] * 100), max_lines=100, kind="text").lines


def test_not_str_or_bytes_is_an_input_error() -> None:
    with pytest.raises(cleaner.InputError, match="expected str or bytes"):
        cleaner.clean(12345)  # type: ignore[arg-type]


def _slow_cleaner(**options) -> cleaner.Cleaner:
    """A Cleaner with a profile holding a catastrophic pattern, smuggled past the
    load-time check (as if the check had missed it): the time budget must still hold."""
    c = cleaner.Cleaner(**options)
    prof = parse({"id": "slow.test", "version": "1", "drop": [
        {"id": "slow.evil", "pattern": "(a|aa)+$", "reason": "test"}]},
        str(BUILTIN_DIR / "slow.test.toml"))  # a built-in path skips the check
    c.registry.profiles[prof.id] = prof
    return c


SLOW_DOC = ARTICLE + "a" * 60 + "b\n"


def test_time_budget_turns_a_hang_into_an_input_error() -> None:
    c = _slow_cleaner(timeout=0.5)
    with pytest.raises(cleaner.InputError, match=r"took longer than timeout=0\.5s"):
        c.clean(SLOW_DOC, outlet="slow.test")
    assert c.clean(ARTICLE, outlet="slow.test").text  # the next document is fine
    with pytest.raises(cleaner.InputError, match=r"timeout=0\.2s"):  # per call, too
        _slow_cleaner().clean(SLOW_DOC, outlet="slow.test", timeout=0.2)


def test_time_budget_outside_the_main_thread_is_not_an_error() -> None:
    """SIGALRM only reaches the main thread: elsewhere the budget is not enforced, and
    setting it must not break anything (documented in Options)."""
    out = []
    t = threading.Thread(target=lambda: out.append(cleaner.clean(ARTICLE, timeout=0.5)))
    t.start()
    t.join()
    assert out and out[0].text


def test_lone_surrogates_never_reach_the_output() -> None:
    art = cleaner.clean("Judul\nJAKARTA - Paragraf \ud800 pertama yang cukup panjang untuk "
                        "dianggap isi berita oleh pembersih.\n")
    assert "\ud800" not in art.text and "\ufffd" in art.text
    assert any("surrogate" in w for w in art.warnings)
    json.dumps(art.to_dict(), ensure_ascii=False).encode("utf-8")  # encodable


# ---------------------------------------------------------------------- batch
def test_huge_single_line_file_is_an_error_record(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:  # 3 MB on one line, against a 1 MB limit
        for _ in range(3):
            fh.write(b"a" * 1_000_000)
    (tmp_path / "ok.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "o.jsonl"
    res = invoke([str(big), str(tmp_path / "ok.txt"), "-o", str(out), "-j", "1",
                  "--max-bytes", "1000000"])
    assert res.exit_code == 1
    bad, good = records(out)
    assert bad["error"]["type"] == "InputError" and "max_bytes" in bad["error"]["message"]
    assert good["text"]


def test_gzip_bomb_is_an_error_record(tmp_path: Path) -> None:
    """20 KB of gzip that expands to 20 MB: refused at the limit, never inflated whole."""
    bomb = tmp_path / "bomb.txt.gz"
    with gzip.open(bomb, "wb", compresslevel=9) as fh:
        for _ in range(20):
            fh.write(b"\n" * 1_000_000)
    assert bomb.stat().st_size < 100_000
    jsonl_bomb = tmp_path / "bomb.jsonl.gz"
    with gzip.open(jsonl_bomb, "wb", compresslevel=9) as fh:
        fh.write(b'{"id": "x", "text": "' + b"a" * 20_000_000 + b'"}\n')
        fh.write(json.dumps({"id": "after", "text": ARTICLE}).encode() + b"\n")
    out = tmp_path / "o.jsonl"
    res = invoke([str(bomb), str(jsonl_bomb), "-o", str(out), "-j", "0",
                  "--max-bytes", "1000000"])
    assert res.exit_code == 1
    recs = records(out)
    assert [r["id"] for r in recs] == ["bomb.txt.gz", "bomb.jsonl.gz:1", "after"]
    assert "max_bytes" in recs[0]["error"]["message"]
    assert "over" in recs[1]["error"]["message"]
    assert recs[2]["text"]  # the record after the bomb line is still read


def test_binary_files_are_error_records_and_the_batch_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (folder / "b.txt").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + bytes(range(128, 256)) * 8)
    (folder / "c.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "d").write_bytes(bytes(range(1, 32)) * 100)  # no suffix, control bytes
    out = tmp_path / "o.jsonl"
    res = invoke([str(folder), "-o", str(out), "-j", "1"])
    assert res.exit_code == 1
    recs = {r["id"]: r for r in records(out)}
    assert set(recs) == {"a.html", "b.txt", "c.txt", "d"}
    assert "PNG" in recs["a.html"]["error"]["message"]
    assert "PDF" in recs["b.txt"]["error"]["message"]
    assert "binary" in recs["d"]["error"]["message"]
    assert recs["c.txt"]["text"]


def test_lone_surrogates_in_jsonl_do_not_stop_the_batch(tmp_path: Path) -> None:
    src = tmp_path / "s.jsonl"
    src.write_text('{"id": "a\\udc80", "text": "Judul\\nJAKARTA - Paragraf \\ud800 pertama '
                   'yang cukup panjang untuk dianggap isi berita oleh pembersih."}\n'
                   + json.dumps({"id": "b", "text": ARTICLE}) + "\n", encoding="utf-8")
    for fmt in ("jsonl", "txt"):
        out = tmp_path / f"o-{fmt}"
        args = ["-o", str(out)] if fmt == "jsonl" else ["--format", "txt", "--output-dir",
                                                         str(out)]
        assert invoke([str(src), *args, "-j", "0"]).exit_code == 0
        index = out if fmt == "jsonl" else out / "index.jsonl"
        assert [r["id"] for r in records(index)] == ["a\udc80", "b"]  # same id back
    # resume reads the escaped id back and skips it
    assert invoke([str(src), "-o", str(tmp_path / "o-jsonl"), "--resume", "-j", "0"]
                  ).exit_code == 0
    assert len(records(tmp_path / "o-jsonl")) == 2


# ---------------------------------------------------------------------- one budget
def test_core_and_batch_share_one_time_budget_and_nest() -> None:
    """Issue 12: one budget module.  The batch's budget firing inside ``Cleaner.clean``
    (whose own budget is longer or off) is the batch's DocumentTimeout, not an
    InputError about the library's timeout."""
    import inspect

    from cleaner import batch, budget, core
    from cleaner.io import Record

    for module in (core, batch):
        assert "setitimer" not in inspect.getsource(module)  # no second SIGALRM timer
    slow = _slow_cleaner(timeout=30)
    rec = Record(id="slow", source={"file": "t"}, data=SLOW_DOC, outlet="slow.test")
    out = batch._clean_timed(batch.clean_record, slow, rec, False, 0.3)
    assert out["error"]["type"] == "DocumentTimeout"
    assert "0.3s" in out["error"]["message"]
    with pytest.raises(budget.Expired), budget.time_budget(0.2):
        slow.clean(SLOW_DOC, outlet="slow.test", timeout=None)

"""``cleaner clean`` as a batch tool: same bytes whatever the workers, limits and crashes
as error records, txt/md output, summary, exit codes.  Synthetic text only."""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path

import pytest
from _synthetic import article
from typer.testing import CliRunner

from cleaner import Cleaner
from cleaner.batch import clean_record, run
from cleaner.cli import app
from cleaner.io import Record


def invoke(args: list[str]):
    result = CliRunner().invoke(app, ["clean", *args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def mixed_inputs(tmp_path: Path) -> list[str]:
    """A folder, a JSONL file with a broken line, and an empty document."""
    folder = tmp_path / "dir"
    folder.mkdir()
    for i in range(6):
        (folder / f"{i:02d}.txt").write_text(article(i) * (1 + i % 3))
    (folder / "empty.txt").write_text("")
    lines = [json.dumps({"id": f"j{i}", "text": article(100 + i)}) for i in range(25)]
    lines.insert(7, '{"id": "broken", "text": ')
    (tmp_path / "d.jsonl").write_text("\n".join(lines) + "\n")
    return [str(folder), str(tmp_path / "d.jsonl")]


def test_workers_0_1_2_give_byte_identical_output(tmp_path: Path) -> None:
    inputs = mixed_inputs(tmp_path)
    outs = []
    for n in ("0", "1", "2"):
        out = tmp_path / f"out{n}.jsonl"
        res = invoke([*inputs, "-o", str(out), "-q", "--workers", n])
        assert res.exit_code == 1  # the broken line
        outs.append(out.read_bytes())
    assert outs[0] == outs[1] == outs[2]
    recs = [json.loads(line) for line in outs[0].splitlines()]
    assert len(recs) == 7 + 26
    assert [r["id"] for r in recs[7:10]] == ["j0", "j1", "j2"]
    assert recs[7 + 7]["id"] == "d.jsonl:8" and "error" in recs[7 + 7]


def test_max_bytes_and_keep_removed(tmp_path: Path) -> None:
    (tmp_path / "small.txt").write_text(article(1))
    (tmp_path / "big.txt").write_text(article(2) * 50)
    out = tmp_path / "o.jsonl"
    res = invoke([str(tmp_path / "small.txt"), str(tmp_path / "big.txt"), "-o", str(out),
                  "-q", "-j", "0", "--max-bytes", "2000", "--keep-removed"])
    assert res.exit_code == 1
    small, big = (json.loads(x) for x in out.read_text().splitlines())
    assert big["error"]["type"] == "InputError" and "max_bytes" in big["error"]["message"]
    assert big["source"] == {"file": str(tmp_path / "big.txt")}
    lines = small["metadata"]["lines"]
    assert lines and {"n", "text", "decision", "rule", "reason"} <= set(lines[0])


# ---------------------------------------------------------------------- crash and hang
def crashing_clean(cleaner: Cleaner, record: Record, keep_removed: bool) -> dict:
    """Test stand-in for clean_record: 'boom' kills its worker, 'hang' sleeps, 'stuck'
    sleeps with SIGALRM blocked (like native code that never returns to Python)."""
    if record.id == "boom":
        os.kill(os.getpid(), signal.SIGKILL)
    if record.id == "hang":
        time.sleep(30)
    if record.id == "stuck":
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(30)
    return clean_record(cleaner, record, keep_removed)


def test_crash_and_time_limit_become_error_records_and_the_batch_goes_on() -> None:
    ids = ["a", "boom", "b", "hang", "c", "stuck", "d"]
    records = [Record(id=i, source={"file": "t", "line": n}, data=article(n))
               for n, i in enumerate(ids)]
    out = list(run(records, Cleaner(), workers=2, timeout=1.0, grace=1.0,
                   clean_fn=crashing_clean))
    got = {rec["id"]: rec for _, rec in out}
    assert [rec["id"] for _, rec in out] == ids  # input order, nothing lost
    assert got["boom"]["error"]["type"] == "WorkerCrashed"
    assert "SIGKILL" in got["boom"]["error"]["message"]
    assert got["hang"]["error"]["type"] == "DocumentTimeout"
    assert got["stuck"]["error"]["type"] == "DocumentTimeout"
    assert got["stuck"]["source"] == {"file": "t", "line": 5}
    assert all(got[i]["text"] for i in "abcd")


# ---------------------------------------------------------------------- txt / md
@pytest.mark.parametrize("fmt", ["txt", "md"])
def test_txt_md_output_dir_mirrors_inputs(tmp_path: Path, fmt: str) -> None:
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "a.txt").write_text(article(1))
    (src / "a.html").write_text(f"<html><body><p>{article(9)}</p></body></html>")
    (src / "sub" / "b.txt").write_text(article(2))
    (tmp_path / "d.jsonl").write_text(json.dumps({"id": "k/1?", "text": article(3)}) + "\n")
    out = tmp_path / "out"
    res = invoke([str(src), str(tmp_path / "d.jsonl"), "--format", fmt,
                  "--output-dir", str(out), "-q", "-j", "0"])
    assert res.exit_code == 0, res.stderr
    index = [json.loads(x) for x in (out / "index.jsonl").read_text().splitlines()]
    files = [r["file"] for r in index]
    assert files[0] == f"a.{fmt}" and files[1] == f"a~2.{fmt}"  # same stem: deterministic
    assert files[2] == f"sub/b.{fmt}"
    assert files[3].startswith("d.jsonl/k_1-") and files[3].endswith(f".{fmt}")
    assert all((out / f).is_file() and "text" not in r for f, r in zip(files, index, strict=True))
    body = (out / "sub" / f"b.{fmt}").read_text()
    assert "kejadian nomor 2" in body
    if fmt == "md":
        assert body.startswith("# ")


# ---------------------------------------------------------------------- reporting
def test_plain_progress_lines_summary_and_exit_codes(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for i in range(3):
        (src / f"{i}.txt").write_text(article(i))
    res = invoke([str(src), "-o", str(tmp_path / "o.jsonl"), "-j", "0",
                  "--log-interval", "0"])
    assert res.exit_code == 0
    err = res.stderr
    assert "cleaner: 3 docs" in err  # plain lines (stderr is not a terminal here)
    for row in ("documents in", "cleaned", "empty body", "errors", "seconds", "per outlet",
                "per profile", "removed lines per reason", "related"):
        assert row in err, row
    quiet = invoke([str(src / "0.txt"), "-q", "-j", "0"])
    assert quiet.stderr == "" and json.loads(quiet.stdout)["id"] == "0.txt"


@pytest.mark.parametrize("args", [
    ["does-not-exist"],
    ["{src}", "--format", "txt", "-o", "{tmp}/o.txt"],  # txt: --output-dir or stdout
    ["{src}", "--output-dir", "{tmp}/o"],              # --output-dir needs txt/md
    ["{src}", "--resume"],                             # nothing to resume on stdout
    ["{src}", "--workers", "-1"],
    ["{src}", "--bogus-flag"],
    ["{src}", "-o", "{src}/a.txt"],                    # output over an input
    ["{src}", "--profiles", "{tmp}/badprof"],          # broken profile
])
def test_usage_and_configuration_errors_exit_2_before_any_work(tmp_path: Path,
                                                                args: list[str]) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text(article(1))
    (tmp_path / "badprof").mkdir()
    (tmp_path / "badprof" / "x.toml").write_text('id = "x"\n[[drop]]\nmatch = "nope"\n')
    argv = [a.format(src=src, tmp=tmp_path) for a in args]
    res = invoke(["-q", "-j", "0", *argv])
    assert res.exit_code == 2, (res.stdout, res.stderr)
    assert res.stdout == ""
    assert (src / "a.txt").read_text() == article(1)

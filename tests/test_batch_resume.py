"""Nothing lost, nothing twice: kill -9 part-way, then ``--resume``.  Synthetic text."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from _synthetic import article
from typer.testing import CliRunner

from cleaner.cli import app

ROOT = Path(__file__).resolve().parents[1]


def write_jsonl(path: Path, ids: list[str]) -> None:
    path.write_text("".join(json.dumps({"id": i, "text": article(n)}) + "\n"
                            for n, i in enumerate(ids)))


def ids_in(path: Path) -> list[str]:
    raw = path.read_bytes()
    assert raw.endswith(b"\n"), "a partial last line"
    return [json.loads(line)["id"] for line in raw.split(b"\n") if line]


def invoke(args: list[str]):
    result = CliRunner().invoke(app, ["clean", "-q", "-j", "0", *args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def test_sigkill_mid_run_then_resume_gives_every_id_exactly_once(tmp_path: Path) -> None:
    ids = [f"doc-{i}" for i in range(600)]
    src = tmp_path / "in.jsonl"
    write_jsonl(src, ids)
    out = tmp_path / "out.jsonl"
    part = tmp_path / "out.jsonl.part"
    cmd = [sys.executable, "-c", "from cleaner.cli import main; main()", "clean", str(src),
           "-o", str(out), "-q", "--workers", "2"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            if part.exists() and part.read_bytes().count(b"\n") >= 50:
                break
            time.sleep(0.02)
        assert proc.poll() is None, "the run ended before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)  # the parent only: workers must go by themselves
        proc.wait(10)
    finally:
        time.sleep(0.5)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)  # leave nothing behind if they did not
    assert not out.exists()  # never a half-finished final output
    written = part.read_bytes()
    assert 50 <= written.count(b"\n") < len(ids)
    with part.open("ab") as fh:  # as if the kill had landed in the middle of a line
        fh.write(b'{"id": "doc-7", "text": "Paragraf yang terpo')

    done = subprocess.run([*cmd, "--resume"], env=env, capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    assert ids_in(out) == ids  # each id once, in input order
    assert not part.exists()


def test_resume_a_finished_output_appends_only_new_inputs(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for i in range(3):
        (src / f"{i}.txt").write_text(article(i))
    out = tmp_path / "out.jsonl"
    assert invoke([str(src), "-o", str(out)]).exit_code == 0
    first = out.read_bytes()
    for i in range(3, 5):
        (src / f"{i}.txt").write_text(article(i))
    assert invoke([str(src), "-o", str(out), "--resume"]).exit_code == 0
    assert out.read_bytes().startswith(first)
    assert ids_in(out) == [f"{i}.txt" for i in range(5)]
    assert invoke([str(src), "-o", str(out), "--resume"]).exit_code == 0  # nothing left
    assert ids_in(out) == [f"{i}.txt" for i in range(5)]


def test_resume_counts_errors_file_and_duplicate_ids(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    write_jsonl(src, ["a", "b", "a", "c"])
    with src.open("a") as fh:
        fh.write('{"id": "cut", "text": \n')
    out, errs = tmp_path / "out.jsonl", tmp_path / "err.jsonl"
    # an interrupted run that had written "a" and the error line
    (tmp_path / "out.jsonl.part").write_text(json.dumps({"id": "a", "text": "x"}) + "\n")
    (tmp_path / "err.jsonl.part").write_text(json.dumps(
        {"id": "in.jsonl:5", "error": {"type": "JSONDecodeError", "message": "m"},
         "source": {"file": str(src), "line": 5}}) + "\n")
    res = invoke([str(src), "-o", str(out), "--errors", str(errs), "--resume"])
    assert res.exit_code == 0  # the only error was written by the earlier run
    assert ids_in(out) == ["a", "b", "a", "c"]
    assert ids_in(errs) == ["in.jsonl:5"]


def test_without_resume_a_stale_part_is_replaced_and_a_bad_part_refuses_resume(
        tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    write_jsonl(src, ["a", "b"])
    out = tmp_path / "out.jsonl"
    part = tmp_path / "out.jsonl.part"
    part.write_text(json.dumps({"id": "zzz", "text": ""}) + "\n")
    assert invoke([str(src), "-o", str(out)]).exit_code == 0
    assert ids_in(out) == ["a", "b"] and not part.exists()
    part.write_text("this is not json\n")
    res = invoke([str(src), "-o", str(out), "--resume"])
    assert res.exit_code == 2 and "cannot resume" in res.stderr


def test_resume_txt_output_keeps_names(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(article(1))
    (src / "a.html").write_text(f"<html><body><p>{article(2)}</p></body></html>")
    outdir = tmp_path / "out"
    assert invoke([str(src), "--format", "txt", "--output-dir", str(outdir)]).exit_code == 0
    index = outdir / "index.jsonl"
    full = index.read_bytes()
    # keep only the first line, as if killed after it: the second gets the same name again
    index.rename(outdir / "index.jsonl.part")
    (outdir / "index.jsonl.part").write_bytes(full.split(b"\n")[0] + b"\n")
    res = invoke([str(src), "--format", "txt", "--output-dir", str(outdir), "--resume"])
    assert res.exit_code == 0
    assert index.read_bytes() == full
    assert sorted(p.name for p in outdir.iterdir()) == ["a.txt", "a~2.txt", "index.jsonl"]

"""No data loss when the batch itself is attacked: SIGTERM to the run, a worker killed
from outside in the middle of a document, then ``--resume``.  Synthetic text only.
(Extends tests/test_batch_resume.py, which covers SIGKILL of the parent.)"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from _synthetic import wait_for

from cleaner import Cleaner
from cleaner.batch import clean_record, run
from cleaner.io import Record

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def article(i: int) -> str:
    return (f"Judul berita sintetis nomor {i}\n"
            f"JAKARTA - Ini paragraf pertama berita sintetis nomor {i} yang cukup panjang "
            "untuk dianggap isi berita oleh pembersih.\n"
            f"Paragraf kedua menjelaskan kejadian nomor {i} dengan kalimat yang lengkap.\n")


def write_jsonl(path: Path, ids: list[str]) -> None:
    path.write_text("".join(json.dumps({"id": i, "text": article(n)}) + "\n"
                            for n, i in enumerate(ids)), encoding="utf-8")


def lines(path: Path) -> list[dict]:
    raw = path.read_bytes() if path.exists() else b""
    return [json.loads(line) for line in raw.split(b"\n") if line.strip()]


def children(pid: int) -> list[int]:
    """Worker processes of ``pid`` (multiprocessing spawn children, not the tracker)."""
    out = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            cmd = Path(f"/proc/{entry}/cmdline").read_bytes()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == pid and b"spawn_main" in cmd:
            out.append(int(entry))
    return out




def start(args: list[str]) -> subprocess.Popen:
    cmd = [sys.executable, "-c", "from cleaner.cli import main; main()", "clean", *args]
    return subprocess.Popen(cmd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)


def finish(proc: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)  # leave nothing behind
    proc.wait(10)


# ---------------------------------------------------------------------- SIGTERM
def test_sigterm_stops_cleanly_and_resume_gives_every_id_once(tmp_path: Path) -> None:
    ids = [f"doc-{i}" for i in range(500)]
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    part = Path(f"{out}.part")
    write_jsonl(src, ids)
    args = [str(src), "-o", str(out), "-q", "--workers", "2"]
    proc = start(args)
    try:
        assert wait_for(lambda: part.exists() and part.read_bytes().count(b"\n") >= 40)
        assert proc.poll() is None, "the run ended before it could be stopped"
        os.killpg(proc.pid, signal.SIGTERM)  # the whole group, as systemd or docker do
        proc.wait(60)
    finally:
        finish(proc)
    assert proc.returncode == 143, proc.stderr.read().decode()[-2000:]
    assert not out.exists()
    written = lines(part)
    assert 40 <= len(written) < len(ids)
    assert all("error" not in r for r in written)  # workers told to stop did not "crash"
    assert [r["id"] for r in written] == ids[:len(written)]

    done = subprocess.run([sys.executable, "-c", "from cleaner.cli import main; main()",
                           "clean", *args, "--resume"], env=ENV, capture_output=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    assert [r["id"] for r in lines(out)] == ids


# ---------------------------------------------------------------------- killed workers
def sleepy_clean(cleaner: Cleaner, record: Record, keep_removed: bool) -> dict:
    """Test stand-in for clean_record: 'slow' writes its pid to the file named by its
    url, then sleeps, so that the test can kill its worker from outside mid-document."""
    if record.id.startswith("slow") and record.url:
        marker = Path(record.url)
        if not marker.exists():  # the first worker to get it; a retry goes through
            marker.write_text(str(os.getpid()))
            time.sleep(60)
    return clean_record(cleaner, record, keep_removed)


def _killed_mid_document(tmp_path: Path, sig: int) -> dict[str, dict]:
    marker = tmp_path / "pid"
    ids = ["a", "b", "slow", "c", "d", "e"]
    records = [Record(id=i, source={"file": "t", "line": n}, data=article(n),
                      url=str(marker) if i == "slow" else None) for n, i in enumerate(ids)]

    def killer() -> None:
        if wait_for(lambda: marker.exists() and marker.read_text().strip()):
            time.sleep(0.2)
            os.kill(int(marker.read_text()), sig)

    thread = threading.Thread(target=killer, daemon=True)
    thread.start()
    out = list(run(records, Cleaner(), workers=2, timeout=None, clean_fn=sleepy_clean))
    thread.join(5)
    assert [rec["id"] for _, rec in out] == ids  # input order, each exactly once
    return {rec["id"]: rec for _, rec in out}


def test_worker_killed_mid_document_is_an_error_record_and_the_batch_goes_on(
        tmp_path: Path) -> None:
    got = _killed_mid_document(tmp_path, signal.SIGKILL)
    assert got["slow"]["error"]["type"] == "WorkerCrashed"
    assert "SIGKILL" in got["slow"]["error"]["message"]
    assert all(got[i]["text"] for i in "abcde")


def test_worker_told_to_stop_mid_document_hands_it_on(tmp_path: Path) -> None:
    """SIGTERM means "stop", not "this document broke me": the document is cleaned by
    another worker, with its data (a JSONL record's text is not on disk)."""
    got = _killed_mid_document(tmp_path, signal.SIGTERM)
    assert "error" not in got["slow"]
    assert "nomor 2" in got["slow"]["text"]
    assert all(got[i]["text"] for i in "abcde")


def test_cli_worker_killed_then_resume_loses_nothing(tmp_path: Path) -> None:
    """kill -9 of a worker of a real run: one WorkerCrashed record, every other id
    cleaned once; deleting the error line and resuming cleans that one too."""
    ids = [f"doc-{i}" for i in range(400)]
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    errs = tmp_path / "errors.jsonl"
    write_jsonl(src, ids)
    args = [str(src), "-o", str(out), "--errors", str(errs), "-q", "--workers", "2"]
    proc = start(args)
    part = Path(f"{out}.part")
    try:
        assert wait_for(lambda: part.exists() and part.read_bytes().count(b"\n") >= 40)
        workers = children(proc.pid)
        assert workers, "no worker process found"
        os.kill(workers[0], signal.SIGKILL)
        proc.wait(300)
    finally:
        finish(proc)
    assert proc.returncode in (0, 1), proc.stderr.read().decode()[-2000:]
    cleaned, failed = lines(out), lines(errs)
    assert sorted(r["id"] for r in cleaned + failed) == sorted(ids)  # each exactly once
    assert [r["id"] for r in cleaned] == [i for i in ids if i not in {r["id"] for r in failed}]
    assert len(failed) <= 1  # the document in hand, if it had one
    assert all(r["error"]["type"] == "WorkerCrashed" for r in failed)

    errs.write_text("")  # "to retry them, delete their lines and resume"
    done = subprocess.run([sys.executable, "-c", "from cleaner.cli import main; main()",
                           "clean", *args, "--resume"], env=ENV, capture_output=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    assert sorted(r["id"] for r in lines(out)) == sorted(ids)
    assert lines(errs) == []

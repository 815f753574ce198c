"""Output safety of ``cleaner clean`` (issue 15 items 1-6, issue 16 items 3 and 5): two
runs on one output, special files, directories, a failed resume, an input that is the
output, write errors, compressed outputs by name, no input at all.  End to end through
a subprocess; every input is built here from synthetic text."""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import resource
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from _synthetic import article, wait_for

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
CLI = [sys.executable, "-c", "from cleaner.cli import main; main()", "clean"]


def cli(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], env=ENV, capture_output=True, timeout=300, **kw)


def write_jsonl(path: Path, n: int, prefix: str = "doc") -> list[str]:
    ids = [f"{prefix}-{i}" for i in range(n)]
    path.write_text("".join(json.dumps({"id": i, "text": article(k)}) + "\n"
                            for k, i in enumerate(ids)), encoding="utf-8")
    return ids


def records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_bytes().splitlines() if line.strip()]




def one_line(stderr: bytes) -> str:
    text = stderr.decode()
    assert "Traceback" not in text, text
    lines = [x for x in text.splitlines() if x.strip()]
    assert len(lines) == 1, text
    return lines[0]


# ---------------------------------------------------------------------- item 1
def test_second_run_on_the_same_output_refuses_naming_the_first(tmp_path: Path) -> None:
    """The first run reads stdin, which the test holds open: it is mid-run, for sure,
    while the second one starts."""
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    part = Path(f"{out}.part")
    ids = write_jsonl(src, 60)
    lines = src.read_bytes().splitlines(keepends=True)
    first = subprocess.Popen([*CLI, "-", "-o", str(out), "-q", "-j", "1"], env=ENV,
                             stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, start_new_session=True)
    try:
        assert first.stdin is not None
        first.stdin.write(b"".join(lines[:40]))  # more than the 8 KiB format sniff
        first.stdin.flush()
        assert wait_for(lambda: part.exists() and part.read_bytes().count(b"\n") >= 5)
        second = cli(str(src), "-o", str(out), "-q", "-j", "0")
        assert first.poll() is None
        first.stdin.write(b"".join(lines[40:]))
        first.stdin.close()
        first.wait(300)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(first.pid, signal.SIGKILL)
        first.wait(10)
    assert second.returncode == 2
    msg = one_line(second.stderr)
    assert "being written by another cleaner run" in msg and f"pid {first.pid}" in msg
    assert first.returncode == 0, first.stderr.read().decode()[-2000:]
    data = out.read_bytes()
    assert b"\x00" not in data
    assert [r["id"] for r in records(out)] == ids  # the first run's output is whole


# ---------------------------------------------------------------------- item 2
def test_a_fifo_output_is_written_through_and_stays_a_fifo(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(article(1))
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    res = cli(str(src), "-o", str(fifo), "-q", "-j", "0")
    reader.join(30)
    assert res.returncode == 0, res.stderr.decode()
    assert fifo.is_fifo()
    assert not Path(f"{fifo}.part").exists()
    assert json.loads(got[0])["id"] == "a.txt"
    resumed = cli(str(src), "-o", str(fifo), "-q", "-j", "0", "--resume")
    assert resumed.returncode == 2 and "nothing to --resume" in one_line(resumed.stderr)


def test_dev_fd_of_a_pipe_is_written_through(tmp_path: Path) -> None:
    """``-o >(gzip > x.gz)`` hands the command a ``/dev/fd/N`` pipe."""
    src = tmp_path / "a.txt"
    src.write_text(article(2))
    r, w = os.pipe()
    proc = subprocess.Popen([*CLI, str(src), "-o", f"/dev/fd/{w}", "-q", "-j", "0"],
                            env=ENV, pass_fds=(w,), stderr=subprocess.PIPE)
    os.close(w)
    with os.fdopen(r, "rb") as fh:
        data = fh.read()
    proc.wait(120)
    assert proc.returncode == 0, proc.stderr.read().decode()
    assert json.loads(data)["id"] == "a.txt"


# ---------------------------------------------------------------------- item 3
@pytest.mark.parametrize("target, says", [
    ("{tmp}/outdir", "is a directory"),
    ("{tmp}/newdir/", "names a folder"),
    ("{tmp}/missing/out.jsonl", "does not exist"),
])
def test_output_naming_a_folder_is_refused_before_any_work(tmp_path: Path, target: str,
                                                           says: str) -> None:
    (tmp_path / "outdir").mkdir()
    src = tmp_path / "in.jsonl"
    write_jsonl(src, 3)
    out = target.format(tmp=tmp_path)
    res = cli(str(src), "-o", out, "-q", "-j", "0")
    assert res.returncode == 2
    msg = one_line(res.stderr)
    assert says in msg and out in msg and ".part" not in msg
    assert not list(tmp_path.rglob("*.part"))


# ---------------------------------------------------------------------- item 4
def test_a_refused_resume_leaves_the_finished_output_in_place(tmp_path: Path) -> None:
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_jsonl(src, 3)
    out.write_text('{"id": "x", "text": ""}\nnot a record\n')
    before = out.read_bytes()
    res = cli(str(src), "-o", str(out), "-q", "-j", "0", "--resume")
    assert res.returncode == 2 and "not a cleaner record" in one_line(res.stderr)
    assert out.read_bytes() == before


def test_a_killed_resume_leaves_the_finished_output_in_place(tmp_path: Path) -> None:
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    first = write_jsonl(src, 5)
    assert cli(str(src), "-o", str(out), "-q", "-j", "0").returncode == 0
    before = out.read_bytes()
    more = tmp_path / "more.jsonl"
    write_jsonl(more, 600, "more")
    part = Path(f"{out}.part")
    proc = subprocess.Popen([*CLI, str(src), str(more), "-o", str(out), "-q", "-j", "1",
                             "--resume"], env=ENV, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        assert wait_for(lambda: part.exists() and part.read_bytes().count(b"\n") >= 20)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(30)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
    assert out.read_bytes() == before  # still there, untouched, until a complete one
    again = cli(str(src), str(more), "-o", str(out), "-q", "-j", "0", "--resume")
    assert again.returncode == 0, again.stderr.decode()
    ids = [r["id"] for r in records(out)]
    assert ids == first + [f"more-{i}" for i in range(600)]


# ---------------------------------------------------------------------- item 5
def test_the_outputs_part_given_as_input_is_refused_and_left_alone(tmp_path: Path) -> None:
    out = tmp_path / "X"
    part = tmp_path / "X.part"
    part.write_text(article(3))
    res = cli(str(part), "-o", str(out), "-q", "-j", "0")
    assert res.returncode == 2
    msg = one_line(res.stderr)
    assert "X.part" in msg and "inputs are never written to" in msg
    assert part.read_text() == article(3)
    errs = tmp_path / "errs.jsonl"
    errs.write_text("keep me\n")
    res = cli(str(errs), "-o", str(tmp_path / "o.jsonl"), "--errors", str(errs), "-q")
    assert res.returncode == 2 and errs.read_text() == "keep me\n"


def test_a_symlink_to_the_runs_own_part_is_not_read_back(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    ids = write_jsonl(folder / "a.jsonl", 200)
    out = tmp_path / "out.jsonl"
    (folder / "loop.jsonl").symlink_to(Path(f"{out}.part"))
    (folder / "loop2.jsonl").symlink_to(out)
    res = cli(str(folder), "-o", str(out), "-q", "-j", "0")
    assert res.returncode == 0, res.stderr.decode()
    assert [r["id"] for r in records(out)] == ids


# ---------------------------------------------------------------------- item 6
def _small_files() -> None:
    """In the child: files may not grow past 3 KB (like a full disk), and the signal
    that limit sends is ignored so the write fails with EFBIG instead."""
    resource.setrlimit(resource.RLIMIT_FSIZE, (3000, 3000))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)


def test_a_write_error_is_one_line_its_own_exit_code_and_keeps_the_part(
        tmp_path: Path) -> None:
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    ids = write_jsonl(src, 60)
    res = cli(str(src), "-o", str(out), "-j", "0", preexec_fn=_small_files)
    assert res.returncode == 74
    msg = one_line(res.stderr)
    assert f"cannot write {out}.part" in msg and "errno 27" in msg and "--resume" in msg
    assert not out.exists()
    whole = Path(f"{out}.part").read_bytes().split(b"\n")[:-1]  # the cut line is not whole
    kept = [json.loads(x)["id"] for x in whole]
    assert kept and kept == ids[:len(kept)]
    done = cli(str(src), "-o", str(out), "-q", "-j", "0", "--resume")
    assert done.returncode == 0 and [r["id"] for r in records(out)] == ids


def test_a_write_error_in_txt_mode_leaves_no_temporary_file(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    body = "".join(f"Paragraf ke-{i} menjelaskan kejadian yang berbeda dengan kalimat yang "
                   f"lengkap dan cukup panjang untuk isi berita nomor {i}.\n" for i in range(60))
    (src / "big.txt").write_text("Judul berita panjang\n" + body)  # over the 3 KB limit
    out = tmp_path / "out"
    res = cli(str(src), "--format", "txt", "--output-dir", str(out), "-j", "0",
              preexec_fn=_small_files)
    assert res.returncode == 74
    assert "cannot write" in one_line(res.stderr)
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]


# ---------------------------------------------------------------------- issue 16
@pytest.mark.parametrize("suffix", [".gz", ".zst"])
def test_compressed_output_name_writes_that_compression(tmp_path: Path, suffix: str) -> None:
    src = tmp_path / "in.jsonl"
    ids = write_jsonl(src, 4)
    out = tmp_path / f"out.jsonl{suffix}"
    res = cli(str(src), "-o", str(out), "-q", "-j", "0")
    assert res.returncode == 0, res.stderr.decode()
    raw = out.read_bytes()
    if suffix == ".gz":
        assert raw[:2] == b"\x1f\x8b"
        data = gzip.decompress(raw)
    else:
        import zstandard

        assert raw[:4] == b"\x28\xb5\x2f\xfd"
        data = zstandard.ZstdDecompressor().stream_reader(raw).read()
    assert [json.loads(x)["id"] for x in data.splitlines()] == ids


@pytest.mark.parametrize("extra", [[], ["--glob", "*.nothing"]])
def test_no_input_documents_says_so_and_exits_non_zero(tmp_path: Path,
                                                       extra: list[str]) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    if extra:
        (folder / "a.txt").write_text(article(6))
    res = cli(str(folder), "-q", "-j", "0", *extra)
    assert res.returncode == 2
    assert one_line(res.stderr) == "error: no input documents"
    assert res.stdout == b""


def test_which_targets_are_written_through(tmp_path: Path) -> None:
    from cleaner.io.output import is_special

    fifo = tmp_path / "f"
    os.mkfifo(fifo)
    assert is_special(str(fifo)) and is_special("/dev/null") and is_special("/dev/stdout")
    assert is_special("/dev/fd/1")
    assert not is_special(str(tmp_path / "out.jsonl"))
    assert not is_special("/dev/shm/cleaner-out.jsonl")  # a file, even under /dev

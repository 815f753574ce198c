"""``cleaner clean`` options of issue 16: txt/md on stdout, --outlet, every broken
profile named, Ctrl-C and terminal-stdin messages, progress that ends exact,
--only-articles.  Synthetic text only."""

from __future__ import annotations

import io
import json
import os
import pty
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import typer
from _synthetic import article
from rich.console import Console
from typer.testing import CliRunner

from cleaner.batch import Stats, Terminated
from cleaner.cli import app
from cleaner.cli.clean import NOT_ARTICLE, CleanArgs, Format, InputFormat, OnlyArticles
from cleaner.cli.clean import _interrupted as interrupted
from cleaner.io.report import BatchProgress


def invoke(args: list[str], **kw):
    result = CliRunner().invoke(app, ["clean", *args], **kw)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def two_docs(tmp_path: Path) -> list[str]:
    for i in (1, 2):
        (tmp_path / f"{i}.txt").write_text(article(i))
    return [str(tmp_path / "1.txt"), str(tmp_path / "2.txt")]


# ---------------------------------------------------------------------- txt/md stdout
def test_txt_without_output_dir_prints_the_articles_separated_by_a_blank_line(
        tmp_path: Path) -> None:
    res = invoke([*two_docs(tmp_path), "--format", "txt", "-q", "-j", "0"])
    assert res.exit_code == 0, res.stderr
    first, second = res.stdout.split("\n\n")
    assert first.startswith("JAKARTA - Ini paragraf pertama berita sintetis nomor 1 ")
    assert "Baca juga" not in res.stdout  # cleaned text, not the dump
    assert second.startswith("JAKARTA - Ini paragraf pertama berita sintetis nomor 2 ")
    assert res.stdout.endswith("dengan kalimat yang lengkap.\n")


def test_md_to_stdout_separates_articles_with_a_rule(tmp_path: Path) -> None:
    res = invoke([*two_docs(tmp_path), "--format", "md", "-q", "-j", "0"])
    assert res.exit_code == 0, res.stderr
    parts = res.stdout.split("\n---\n\n")
    assert len(parts) == 2
    assert all(p.startswith("# Judul berita sintetis nomor") for p in parts)


def test_txt_stdout_error_records_go_to_stderr_and_exit_1(tmp_path: Path) -> None:
    (tmp_path / "d.jsonl").write_text(json.dumps({"id": "ok", "text": article(3)}) + "\n"
                                      + '{"id": "broken", "text": \n')
    res = invoke([str(tmp_path / "d.jsonl"), "--format", "txt", "-q", "-j", "0"])
    assert res.exit_code == 1
    assert "nomor 3" in res.stdout and "broken" not in res.stdout
    assert res.stderr.startswith("error: d.jsonl:2: JSONDecodeError: not valid JSON")


@pytest.mark.parametrize(("args", "message"), [
    (["--format", "txt", "-o", "{tmp}/o.txt"], "--format txt|md writes to --output-dir"),
    (["--format", "md", "--resume"], "--resume needs an output file or --output-dir"),
])
def test_txt_md_refusals_are_one_line_usage_errors(tmp_path: Path, args: list[str],
                                                  message: str) -> None:
    res = invoke([*two_docs(tmp_path), "-q", *[a.format(tmp=tmp_path) for a in args]])
    assert res.exit_code == 2
    assert res.stderr.startswith(f"error: {message}") and res.stderr.count("\n") == 1
    assert res.stdout == ""


# ---------------------------------------------------------------------- --outlet
def test_outlet_picks_the_profile_of_records_that_name_none(tmp_path: Path) -> None:
    (tmp_path / "d.jsonl").write_text(
        json.dumps({"id": "own", "text": article(1), "outlet": "tempo.co"}) + "\n"
        + json.dumps({"id": "none", "text": article(2)}) + "\n")
    res = invoke([str(tmp_path / "d.jsonl"), "--outlet", "kompas.com", "-q", "-j", "0"])
    assert res.exit_code == 0, res.stderr
    own, none = (json.loads(x)["metadata"] for x in res.stdout.splitlines())
    assert own["profile"].startswith("tempo.co@")  # the record's own outlet wins
    assert none["profile"].startswith("kompas.com@")
    plain = invoke([str(tmp_path / "d.jsonl"), "-q", "-j", "0"])
    assert json.loads(plain.stdout.splitlines()[1])["metadata"]["profile"] is None


def test_outlet_without_a_profile_is_a_usage_error(tmp_path: Path) -> None:
    res = invoke([*two_docs(tmp_path), "--outlet", "nope.com", "-q"])
    assert res.exit_code == 2 and res.stdout == ""
    assert res.stderr == ("error: --outlet nope.com: no profile has this id or domain "
                          "(see 'cleaner profiles list')\n")


@pytest.mark.parametrize("command", ["clean", "explain"])
def test_outlet_does_not_go_with_no_profiles(tmp_path: Path, command: str) -> None:
    res = CliRunner().invoke(app, [command, two_docs(tmp_path)[0], "--outlet", "kompas.com",
                                   "--no-profiles"])
    assert res.exit_code == 2 and res.stdout == ""
    assert res.stderr == "error: --outlet picks a profile; it does not go with --no-profiles\n"


# ---------------------------------------------------------------------- --profiles
def test_every_broken_profile_file_gets_its_own_line(tmp_path: Path) -> None:
    prof = tmp_path / "prof"
    prof.mkdir()
    (prof / "a.toml").write_text('id = "a"\n[[drop]]\nmatch = "nope"\n')
    (prof / "b.toml").write_text('id = "b"\ndomains = 3\n')
    (prof / "c.toml").write_text('id = "c"\nversion = "1"\ndomains = ["c.example"]\n')
    for args in (["clean", *two_docs(tmp_path)], ["explain", two_docs(tmp_path)[0]],
                 ["profiles", "list"]):
        res = CliRunner().invoke(app, [*args, "-q", "--profiles", str(prof)]
                                 if args[0] == "clean" else [*args, "--profiles", str(prof)])
        assert res.exit_code == 2, args
        lines = res.stderr.splitlines()
        assert len(lines) == 2, (args, res.stderr)
        assert "a.toml" in lines[0] and "b.toml" in lines[1]
        assert all(line.startswith("error: ") for line in lines)


# ---------------------------------------------------------------------- interruptions
def _args(**kw) -> CleanArgs:
    base = dict(paths=["in"], output=None, fmt=Format.jsonl, output_dir=None, errors=None,
                resume=False, keep_removed=False, workers=0, timeout=60.0, max_bytes=10,
                glob=None, input_format=InputFormat.auto, text_key=None, html_key="html",
                url_key="url", id_key="id", outlet_key="outlet", outlet=None, profiles=None,
                no_profiles=False, learn=False, only_articles=False, quiet=False,
                log_interval=10.0)
    return CleanArgs(**{**base, **kw})


@pytest.mark.parametrize(("kw", "resume_hint", "code"), [
    ({}, False, 130),                                  # stdout: nothing to resume
    ({"errors": Path("err.jsonl")}, False, 130),       # still stdout for the records
    ({"output": "out.jsonl"}, True, 130),
    ({"output_dir": Path("docs"), "fmt": Format.txt}, True, 143),
])
def test_interrupt_message_suggests_resume_only_when_it_can_work(
        capsys, kw: dict, resume_hint: bool, code: int) -> None:
    exc = Terminated() if code == 143 else KeyboardInterrupt()
    with pytest.raises(typer.Exit) as stop:
        interrupted(_args(**kw), exc)
    assert stop.value.exit_code == code
    err = capsys.readouterr().err
    assert err.startswith("interrupted: ")
    assert ("--resume" in err) is resume_hint
    if "output" in kw:
        assert "out.jsonl.part" in err


def test_terminal_stdin_says_it_waits_for_input_and_one_ctrl_d_ends_it(
        tmp_path: Path) -> None:
    master, slave = pty.openpty()
    try:
        proc = subprocess.Popen(
            [sys.executable, "-c", "from cleaner.cli import main; main()", "clean", "-",
             "-j", "0"], stdin=slave, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            cwd=tmp_path)
        os.write(master, article(4).encode() + b"\x04")  # the text, then one Ctrl-D
        out, err = proc.communicate(timeout=120)
    finally:
        os.close(master)
        os.close(slave)
    assert proc.returncode == 0, err
    assert b"reading a document from the terminal (stdin); end it with Ctrl-D" in err
    assert json.loads(out)["id"] == "-"


def test_piped_stdin_gets_no_terminal_hint() -> None:
    res = invoke(["-", "-j", "0"], input=article(5))
    assert res.exit_code == 0
    assert "Ctrl-D" not in res.stderr


# ---------------------------------------------------------------------- progress
def test_log_lines_say_how_much_of_the_input_is_read(tmp_path: Path) -> None:
    res = invoke([*two_docs(tmp_path), "-j", "0", "--log-interval", "0"])
    assert res.exit_code == 0
    size = sum(len(article(i).encode()) for i in (1, 2)) / 1e6
    assert f"cleaner: 2 docs, {size:.1f} MB of {size:.1f} MB (100%)," in res.stderr


def test_the_progress_bar_ends_on_the_final_counts() -> None:
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=200)
    stats = Stats()
    with BatchProgress("bar", lambda: 100, 100, console) as bar:
        for _ in range(5097):  # far faster than the bar's refresh: most updates skipped
            stats.docs += 1
            bar(None, {}, stats)  # type: ignore[arg-type]
    final = out.getvalue().rsplit("\r", 1)[-1]
    assert "5097 docs" in final


# ---------------------------------------------------------------------- --only-articles
class _ListSink:
    def __init__(self) -> None:
        self.done: Counter[str] = Counter()
        self.written: list[str] = []

    def write(self, rec: dict, record: object = None) -> None:
        self.written.append(rec["id"])

    def close(self, complete: bool) -> None:
        pass


def test_only_articles_leaves_out_other_page_kinds_and_counts_them() -> None:
    sink = _ListSink()
    only = OnlyArticles(sink)
    only.write({"id": "a", "text": "x", "metadata": {"page_kind": "article"}})
    only.write({"id": "i", "text": "", "metadata": {"page_kind": "index"}})
    only.write({"id": "old", "text": "x", "metadata": {}})  # before page_kind exists
    only.write({"id": "e", "error": {"type": "InputError", "message": "m"}, "source": {}})
    assert sink.written == ["a", "old", "e"]  # errors are never hidden
    assert only.skipped == Counter({NOT_ARTICLE: 1})


def test_only_articles_on_the_command_line(tmp_path: Path) -> None:
    res = invoke([*two_docs(tmp_path), "--only-articles", "-j", "0"])
    assert res.exit_code == 0
    assert len(res.stdout.splitlines()) == 2  # both are articles
    assert "documents in" in res.stderr

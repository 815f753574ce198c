"""``cleaner learn`` on a terminal: it says which pass runs and renders the summary
table with rich; elsewhere it prints the Markdown as before.  Synthetic text only."""

from __future__ import annotations

import io
from pathlib import Path

import rich.console
from _synthetic import article
from typer.testing import CliRunner

from cleaner.cli import app
from cleaner.cli import learn as learn_cli
from cleaner.io import InputOptions
from cleaner.learn._corpus import PathCorpus

TABLE = "| outlet | documents | rules |\n|---|---|---|\n| contoh.id | 12 | 3 |\n\n## Guards\n"
RealConsole = rich.console.Console


def terminal(out: io.StringIO) -> rich.console.Console:
    return RealConsole(file=out, force_terminal=True, width=80, color_system=None)


def test_summary_is_a_rich_table_on_a_terminal(monkeypatch) -> None:
    out = io.StringIO()
    monkeypatch.setattr(rich.console, "Console", lambda *a, **k: terminal(out))
    learn_cli._print_summary(TABLE)
    text = out.getvalue()
    assert "contoh.id" in text and "12" in text
    assert "|---|" not in text and "## Guards" not in text  # rendered, and cut at "## "
    assert "━" in text or "─" in text  # rich's table rules


def test_summary_is_markdown_off_a_terminal(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(6):
        (folder / f"{i}.txt").write_text(article(i))
    res = CliRunner().invoke(app, ["learn", str(folder), "--out", str(tmp_path / "out")])
    assert res.exit_code == 0, res.stderr
    assert "|---" in res.stdout  # the pipe table as written to summary.md


def test_progress_names_the_pass_and_changes_no_document(tmp_path: Path) -> None:
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(article(i))
    out = io.StringIO()
    corpus = learn_cli._corpus([str(tmp_path)], InputOptions(), terminal(out))
    plain = PathCorpus([str(tmp_path)], input_options=InputOptions())
    assert [d.text for d in corpus] == [d.text for d in plain]
    assert [d.id for d in corpus] == [d.id for d in plain]  # a second pass, the same
    shown = out.getvalue()
    assert "learn: pass 1 of 2, counting lines" in shown
    assert "learn: pass 2 of 2, studying candidates" in shown

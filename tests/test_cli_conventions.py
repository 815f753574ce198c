"""The conventions a user of any Unix tool expects: -h/--help, -V/--version, bare
``cleaner`` shows its menu, help without type-name metavariables, descriptions that are
whole sentences, a quiet 141 when the reader of stdout leaves, and ``--help`` that
imports no sub-command."""

from __future__ import annotations

import inspect
import os
import subprocess
import sys
from pathlib import Path

import pytest
from _synthetic import article
from typer.testing import CliRunner

import cleaner
from cleaner.cli import COMMANDS, app, load_command

RUN = [sys.executable, "-c", "import sys; sys.argv[0] = 'cleaner'; "
       "from cleaner.cli import main; main()"]
#: every command and group, as typed after ``cleaner``
ALL = [[], ["clean"], ["explain"], ["learn"], ["profiles"], ["profiles", "list"],
       ["profiles", "show"], ["profiles", "check"]]


def invoke(args: list[str], **kw):
    return CliRunner().invoke(app, args, **kw)


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version(flag: str) -> None:
    res = invoke([flag])
    assert res.exit_code == 0
    assert res.stdout == f"cleaner {cleaner.__version__}\n"


def test_python_dash_m_is_the_same_command() -> None:
    done = subprocess.run([sys.executable, "-m", "cleaner", "-V"], capture_output=True,
                          text=True, check=False)
    assert (done.returncode, done.stdout) == (0, f"cleaner {cleaner.__version__}\n")


@pytest.mark.parametrize("args", ALL)
def test_dash_h_is_help_everywhere(args: list[str]) -> None:
    short, long = invoke([*args, "-h"]), invoke([*args, "--help"])
    assert short.exit_code == long.exit_code == 0
    assert short.stdout == long.stdout
    assert short.stdout.startswith("Usage: ")


@pytest.mark.parametrize("args", [[], ["profiles"]])
def test_a_group_without_command_prints_its_menu_and_exits_0(args: list[str]) -> None:
    res = invoke(args)
    assert res.exit_code == 0
    assert res.stdout == invoke([*args, "--help"]).stdout
    assert "Commands:" in res.stdout


def test_a_command_without_its_arguments_is_a_usage_error() -> None:
    res = invoke(["clean"])
    assert res.exit_code == 2
    assert "Error: Missing argument 'INPUT'." in res.stderr


@pytest.mark.parametrize("args", ALL)
def test_help_shows_no_type_names_as_metavariables(args: list[str]) -> None:
    text = invoke([*args, "--help"]).stdout
    for bad in ("<bool>", "<list[", "<str>", "<path>", "<int>", "<float>", "{INPUT}",
                "[required]"):
        assert bad not in text, (args, bad)


def test_usage_lines_follow_click_conventions() -> None:
    assert "Usage: cleaner clean [OPTIONS] INPUT...\n" in invoke(["clean", "-h"]).stdout
    assert "Usage: cleaner explain [OPTIONS] INPUT\n" in invoke(["explain", "-h"]).stdout
    assert "Usage: cleaner profiles show [OPTIONS] ID\n" in invoke(
        ["profiles", "show", "-h"]).stdout
    assert "  -o, --output FILE " in invoke(["clean", "-h"]).stdout
    assert "  --resume  " in invoke(["clean", "-h"]).stdout  # a flag: no metavariable


@pytest.mark.parametrize("name", list(COMMANDS))
def test_top_level_descriptions_are_the_commands_own_whole_sentences(name: str) -> None:
    short = COMMANDS[name][2]
    command = load_command(name)
    first = inspect.cleandoc(command.help or "").split("\n")[0]
    assert short == first, "COMMANDS and the command's docstring disagree"
    assert short.endswith(".") and len(short) <= 60  # fits the listing on one line
    listing = invoke(["--help"]).stdout
    assert f"  {name:<8}  {short}\n" in listing


@pytest.mark.parametrize("group", [[], ["profiles"]])
def test_command_listings_are_never_cut(group: list[str]) -> None:
    listing = invoke([*group, "--help"]).stdout.split("Commands:\n", 1)[1]
    rows = [line for line in listing.splitlines() if line.strip()]
    assert rows and all(row.rstrip().endswith(".") and not row.rstrip().endswith("...")
                        for row in rows), rows


def test_top_level_help_imports_no_sub_command() -> None:
    code = ("import sys\nsys.argv = ['cleaner', '--help']\nfrom cleaner.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(' '.join(sorted(sys.modules)), file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    loaded = set(done.stderr.split())
    assert "Commands:" in done.stdout
    for heavy in ("cleaner.cli.clean", "cleaner.cli.explain", "cleaner.cli.learn",
                  "cleaner.cli.profiles", "cleaner.batch", "cleaner.io", "cleaner.learn",
                  "typer.rich_utils", "rich.markdown", "trafilatura", "lxml"):
        assert heavy not in loaded, heavy


# ---------------------------------------------------------------------- closed pipe
def _closed_pipe_run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    """Run with stdout a pipe whose reader is already gone: the first write fails."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run([*RUN, *args], stdout=write_end, stderr=subprocess.PIPE,
                              cwd=cwd, check=False, timeout=120)
    finally:
        os.close(write_end)


@pytest.mark.parametrize("args", [
    ["clean", "a.txt", "-j", "0", "-q"],
    ["clean", "a.txt", "-j", "0", "-q", "--format", "txt"],
    ["explain", "a.txt"],
    ["explain", "a.txt", "--format", "json"],
    ["profiles", "list"],
])
def test_closed_stdout_exits_141_quietly(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "a.txt").write_text(article(1))
    done = _closed_pipe_run(args, tmp_path)
    assert done.returncode == 141, done.stderr
    assert done.stderr == b""  # no traceback, no "error records" message


def test_exit_codes_table_matches_the_shell_convention() -> None:
    import signal

    from cleaner.cli import _common

    assert _common.EXIT_PIPE == 128 + signal.SIGPIPE
    assert _common.EXIT_INTERRUPTED == 128 + signal.SIGINT
    assert _common.EXIT_TERMINATED == 128 + signal.SIGTERM

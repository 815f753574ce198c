"""Profiles: loading, validation errors that name file and key, selection, CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

import cleaner
from cleaner.cli import app
from cleaner.profiles import ProfileRegistry, load_file, load_packs

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()

GOOD = '''id = "contoh.com"
version = "2025.1"
domains = ["contoh.com", "*.contoh.com"]
signatures = ["CONTOH.com -"]

[[drop]]
id = "contoh.promo"
match = "prefix"
text = "Langganan Contoh"
reason = "promo"
'''


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_builtin_profiles_load_and_are_listed() -> None:
    reg = ProfileRegistry()
    for pid in ("sindonews.com", "jurnas.com", "cnnindonesia.com", "kompas.com", "bisnis.com"):
        prof = reg.get(pid)
        assert prof is not None and prof.version
        assert all(r.id and r.reason for rs in prof.rules.values() for r in rs)


def test_toml_syntax_error_is_one_line_naming_file_and_key(tmp_path: Path) -> None:
    path = _write(tmp_path, "broken.toml", GOOD.replace('text = "Langganan Contoh"',
                                                         'text = "Langganan Contoh'))
    with pytest.raises(cleaner.ProfileError) as exc:
        load_file(path)
    msg = str(exc.value)
    assert "\n" not in msg
    assert str(path) in msg and "line 9 (text)" in msg and "TOML syntax error" in msg


def test_unknown_key_is_one_line_naming_file_and_key(tmp_path: Path) -> None:
    path = _write(tmp_path, "typo.toml", GOOD.replace('reason = "promo"',
                                                      'reason = "promo"\nreaso = "x"'))
    with pytest.raises(cleaner.ProfileError) as exc:
        load_file(path)
    assert str(exc.value) == f"{path}: drop[0].reaso: unknown key"


@pytest.mark.parametrize(
    ("change", "key", "problem"),
    [
        (('match = "prefix"', 'match = "glob"'), "drop[0].match", "must be one of"),
        (('reason = "promo"', ''), "drop[0].reason", "must be a reason"),
        (('version = "2025.1"', 'version = 2025'), "version", "must be a string"),
        (('match = "prefix"\ntext = "Langganan Contoh"', 'pattern = "(a+)+$"'),
         "drop[0].pattern", "nested quantifier"),
        (('match = "prefix"\ntext = "Langganan Contoh"', 'pattern = "(unclosed"'),
         "drop[0].pattern", "invalid regex"),
        (('domains = ["contoh.com", "*.contoh.com"]', 'domains = ["http://contoh"]'),
         "domains[0]", "not a domain"),
    ],
)
def test_bad_values_name_the_key(tmp_path: Path, change, key: str, problem: str) -> None:
    path = _write(tmp_path, "bad.toml", GOOD.replace(*change))
    with pytest.raises(cleaner.ProfileError) as exc:
        load_file(path)
    assert exc.value.key == key and problem in exc.value.problem


def test_user_profile_overrides_builtin_with_same_id(tmp_path: Path) -> None:
    _write(tmp_path, "k.toml", 'id = "kompas.com"\nversion = "mine"\ndomains = ["kompas.com"]\n')
    c = cleaner.Cleaner(profile_dirs=[tmp_path])
    art = c.clean("Isi berita yang cukup panjang untuk menjadi paragraf di sini.",
                  url="https://kompas.com/read/2024/01/02/x")
    assert art.profile == "kompas.com@mine"


def test_learned_rules_merge_under_builtin(tmp_path: Path) -> None:
    _write(tmp_path, "k.toml", 'id = "kompas.com"\nversion = "learned"\n'
           '[[drop]]\nid = "learned.x"\nmatch = "exact"\ntext = "Promo X"\nreason = "promo"\n')
    c = cleaner.Cleaner(learned_dirs=[tmp_path])
    prof = c.registry.get("kompas.com")
    assert prof is not None and prof.version.endswith("+learned")
    ids = [r.id for r in prof.ruleset("drop")]
    assert ids[-1] == "learned.x" and "kompas.copy" in ids


def test_selection_by_domain_signature_and_outlet(tmp_path: Path) -> None:
    _write(tmp_path, "c.toml", GOOD)
    c = cleaner.Cleaner(profile_dirs=[tmp_path])
    body = "JAKARTA, CONTOH.com - Isi berita yang cukup panjang untuk menjadi paragraf."
    assert c.clean(body, url="https://news.contoh.com/a").profile == "contoh.com@2025.1"
    assert c.clean(body).profile == "contoh.com@2025.1"  # signature
    assert c.clean("Isi berita.", outlet="contoh.com").profile == "contoh.com@2025.1"
    assert cleaner.Cleaner(use_profiles=False).clean(body).profile is None


def test_cli_profiles_check_reports_each_broken_file(tmp_path: Path) -> None:
    good = _write(tmp_path, "good.toml", GOOD)
    bad = _write(tmp_path, "bad.toml", "colour = 1\n" + GOOD)
    result = runner.invoke(app, ["profiles", "check", str(good), str(bad)])
    assert result.exit_code == 2
    assert f"ok: {good}: contoh.com@2025.1" in result.output
    assert f"error: {bad}: colour: unknown key" in result.output


def test_cli_profiles_list_and_show() -> None:
    result = runner.invoke(app, ["profiles", "list"])
    assert result.exit_code == 0
    assert "kompas.com@" in result.output and "sindonews.com@" in result.output
    result = runner.invoke(app, ["profiles", "show", "kompas.com"])
    assert result.exit_code == 0 and "kompas.terkini" in result.output
    assert runner.invoke(app, ["profiles", "show", "nope.example"]).exit_code == 2


def test_cli_bad_profile_dir_exits_2(tmp_path: Path) -> None:
    _write(tmp_path, "bad.toml", "id = 3\n")
    result = runner.invoke(app, ["explain", str(ROOT / "samples" / "000_191e96b50d166b09.txt"),
                                 "--profiles", str(tmp_path)])
    assert result.exit_code == 2
    assert "bad.toml: id: must be a string" in result.output


def test_cli_explain_gives_rule_and_reason_for_every_dropped_line() -> None:
    sample = ROOT / "samples" / "000_191e96b50d166b09.txt"
    result = runner.invoke(app, ["explain", str(sample)])
    assert result.exit_code == 0
    rows = [line for line in result.output.splitlines() if line[:5].strip().isdigit()]
    assert len(rows) == sum(1 for line in sample.read_text("utf-8").splitlines() if line.strip())
    dropped = [r for r in rows if r[6] == "-"]
    assert len(dropped) == 54  # the lines tests/gold labels "chrome"
    for row in dropped:
        reason, rule = row[8:].split()[:2]
        assert reason and "." in rule, row
    assert "sindonews.register-promo" in result.output
    assert "published: '2024-10-25T15:40:00+07:00'" in result.output


# ---------------------------------------------------------------- language packs
PACK = '''id = "xx"
version = "1"
language = "xx"

[words]
stopwords = ["ka", "ke"]
'''


@pytest.mark.parametrize("action", ["keep", "cut_after", "cut_before"])
def test_pack_rules_that_would_never_run_are_refused(tmp_path: Path, action: str) -> None:
    rule = f'[[{action}]]\nid = "xx.a"\ntext = "A"\nreason = "x"\n'
    path = _write(tmp_path, "xx.toml", PACK + rule)
    with pytest.raises(cleaner.ProfileError) as exc:
        load_file(path, "pack")
    assert (exc.value.path, exc.value.key) == (str(path), action)
    assert "a language pack takes only drop, list_after and meta rules" in exc.value.problem
    # the same table is fine in an outlet profile
    prof = _write(tmp_path, "p.toml", 'id = "p"\nversion = "1"\n' + rule)
    assert [r.id for r in load_file(prof).ruleset(action)] == ["xx.a"]


@pytest.mark.parametrize(("words", "key", "problem"), [
    ('stopword = ["ka"]', "words.stopword", "unknown key (one of"),
    ('byline = "oleh"', "words.byline", "must be a list of strings"),
    ("byline = [1]", "words.byline[0]", "must be a string"),
    ("[words.months]\njanuari = 13", "words.months.januari", "a month number 1..12"),
    ('[words.timezones]\nWIB = "7"', "words.timezones.WIB", "UTC offset"),
    ('[words.learn_hints]\nad = "iklan"', "words.learn_hints.ad", "a list of non-empty"),
])
def test_pack_words_are_validated(tmp_path: Path, words: str, key: str, problem: str) -> None:
    path = _write(tmp_path, "xx.toml", PACK + words + "\n")
    with pytest.raises(cleaner.ProfileError) as exc:
        load_file(path, "pack")
    assert (exc.value.path, exc.value.key) == (str(path), key)
    assert problem in exc.value.problem


def test_builtin_packs_pass_the_words_check() -> None:
    packs = {p.id: p for p in load_packs()}
    assert set(packs) == {"common", "en", "id"}
    assert packs["id"].words["months"]["oktober"] == 10
    assert "learn_hints" in packs["common"].words


def test_learn_reason_words_come_from_the_packs() -> None:
    from cleaner.learn._select import reason_hints

    hints = dict(reason_hints(load_packs()))
    assert list(hints)[:3] == ["embed", "ad", "related"]  # the order they are tried in
    assert "baca juga" in hints["related"] and "read more" in hints["related"]
    assert not reason_hints([])  # no packs, no words: nothing in the code

"""``cleaner learn`` on a synthetic corpus written by the test (no corpus text).

Outlet ``warta-contoh.id`` has 100 documents: a chrome line in 30 of them (at the end of
the body), a real quote carried in 3 follow-up stories, a "Dengarkan Siniar: <title>"
template, a related-list header followed by other documents' titles, and an archive
header that ends the article.  Outlet ``kabar-lain.id`` has 40 clean documents.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from typer.testing import CliRunner

import cleaner
from cleaner.cli import app
from cleaner.learn import Doc, LearnOptions, learn
from cleaner.learn._sketch import BitSet, BloomFilter, CountMinSketch
from cleaner.profiles import load_file

CHROME = "Kirim kabar dari lingkunganmu ke meja redaksi WartaContoh"
QUOTE = ("“Kami akan mengawal kasus ini sampai tuntas dan terang benderang bagi warga,” "
         "kata Kepala Dinas Lingkungan Budi Santoso.")
LIST_HEADER = "Jelajahi Tulisan Lain"
ARCHIVE = "Arsip Redaksi WartaContoh"
PODCAST = "Dengarkan Siniar:"

_WORDS = [
    "pemerintah", "kabupaten", "warga", "desa", "jalan", "jembatan", "anggaran", "sekolah",
    "petani", "panen", "harga", "beras", "pasar", "nelayan", "pelabuhan", "hujan", "banjir",
    "sungai", "relawan", "bantuan", "kantor", "camat", "dinas", "kesehatan", "puskesmas",
    "vaksin", "guru", "murid", "lapangan", "pemuda", "koperasi", "listrik", "air", "bersih",
    "sampah", "truk", "terminal", "angkutan", "pedagang", "modal", "pinjaman", "bank",
    "laporan", "rapat", "dewan", "kebijakan", "program", "pelatihan", "keterampilan",
]
_VERBS = ["membangun", "memperbaiki", "membahas", "menyalurkan", "meninjau", "meresmikan",
          "menunda"]


def _sentence(rng: random.Random, n: int = 14) -> str:
    words = [rng.choice(_WORDS) for _ in range(n)]
    words.insert(2, rng.choice(_VERBS))
    return " ".join(words).capitalize() + "."


def _title(rng: random.Random) -> str:
    return " ".join(w.capitalize() for w in rng.sample(_WORDS, 6))


def _corpus(seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    titles = [_title(rng) for _ in range(100)]
    records = []
    for i in range(100):
        lines = [titles[i], "Jakarta, WartaContoh - " + _sentence(rng)]
        lines += [_sentence(rng, rng.randint(12, 22)) for _ in range(3)]
        if i % 5 in (1, 2):  # 40%: a podcast link inside the body
            lines.append(f"{PODCAST} {titles[(i + 7) % 100]}")
        if i % 4 == 0:  # 25%: a related list inside the body
            lines += [LIST_HEADER, titles[(i + 1) % 100], titles[(i + 2) % 100]]
        if i in (40, 41, 42):  # a quote carried in three follow-up stories
            lines.append(QUOTE)
        lines += [_sentence(rng, rng.randint(12, 22)) for _ in range(3)]
        if i % 10 < 3:  # 30%: the chrome line, at the end of the body
            lines.append(CHROME)
        if i % 2 == 1:  # 50%: an archive list ends the page
            lines += [ARCHIVE, _title(rng), _title(rng), _title(rng)]
        records.append({"id": f"w{i}", "url": f"https://www.warta-contoh.id/berita/{i}/x",
                        "text": "\n".join(lines)})
    for i in range(40):
        lines = [_title(rng), "Bandung, KabarLain - " + _sentence(rng)]
        lines += [_sentence(rng, 16) for _ in range(5)]
        records.append({"id": f"k{i}", "url": f"https://kabar-lain.id/{i}",
                        "text": "\n".join(lines)})
    return records


@pytest.fixture(scope="module")
def corpus_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "corpus.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in _corpus()),
                    encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def learned(corpus_file: Path, tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("learned")
    report = learn([str(corpus_file)], out)
    return out, report


def _rule_ids(path: Path) -> list[str]:
    prof = load_file(path)
    return [r.id for rs in prof.rules.values() for r in rs] + [m.id for m in prof.meta]


def _matching(path: Path, line: str) -> list[tuple[str, str]]:
    prof = load_file(path)
    lower = line.casefold()
    hits = []
    for action in ("drop", "cut_after", "list_after"):
        rule = prof.ruleset(action).find(line, lower)
        if rule is not None:
            hits.append((action, rule.id))
    return hits


def test_chrome_in_30_percent_becomes_a_rule_with_evidence(learned) -> None:
    out, _ = learned
    path = out / "warta-contoh.id.toml"
    hits = _matching(path, CHROME)
    assert hits and hits[0][0] == "drop", hits
    text = path.read_text("utf-8")
    block = text[: text.index(f"id = '{hits[0][1]}'")].rsplit("\n\n", 1)[1]
    assert "# 30 of 100 documents (30.0%)" in block
    assert CHROME in block  # an example in the evidence comment


def test_quote_in_three_documents_is_not_a_rule(learned) -> None:
    out, report = learned
    assert _matching(out / "warta-contoh.id.toml", QUOTE) == []
    res = next(r for r in report.results if r.stats.name == "warta-contoh.id")
    assert all(QUOTE not in f.cand.examples for f in res.findings)


def test_templates_and_actions(learned) -> None:
    out, _ = learned
    path = out / "warta-contoh.id.toml"
    assert _matching(path, f"{PODCAST} Jembatan Baru Diresmikan Warga Desa")[0][0] == "drop"
    assert ("list_after", "warta-contoh.id.learned.jelajahi-tulisan-lain") in \
        _matching(path, LIST_HEADER)
    assert _matching(path, ARCHIVE)[0][0] == "cut_after"
    # the clean outlet learns nothing
    assert not (out / "kabar-lain.id.toml").exists()


def test_learned_profile_loads_and_cleans(learned) -> None:
    out, _ = learned
    prof = load_file(out / "warta-contoh.id.toml")
    assert prof.id == "warta-contoh.id" and "*.warta-contoh.id" in prof.domains
    rng = random.Random(99)
    body = [_sentence(rng, 16) for _ in range(4)]
    page = "\n".join(["Jakarta, WartaContoh - " + _sentence(rng), body[0], QUOTE,
                      *body[1:], CHROME, ARCHIVE, "Judul Lama Satu", "Judul Lama Dua"])
    art = cleaner.Cleaner(learned_dirs=[out]).clean(page, url="https://warta-contoh.id/a/1")
    by_text = {d.text: d for d in art.lines}
    assert by_text[CHROME].decision == "dropped"
    assert by_text[CHROME].rule.startswith("warta-contoh.id.learned.")
    assert by_text[QUOTE].decision == "kept"
    assert by_text["Judul Lama Dua"].rule == by_text[ARCHIVE].rule
    assert art.profile == "warta-contoh.id@learned"


def test_summary_written(learned) -> None:
    out, report = learned
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    assert summary["documents_read"] == 140
    outlets = {o["outlet"]: o for o in summary["outlets"]}
    assert outlets["warta-contoh.id"]["documents"] == 100
    assert outlets["warta-contoh.id"]["rules"]["drop"] >= 2
    assert "| warta-contoh.id | 100 |" in (out / "summary.md").read_text("utf-8")
    assert report.summary["memory"]["sketch_bytes"] == 4 * 4 * (1 << 20)


def test_repeated_sentence_inside_body_is_content() -> None:
    """A quote in 20% of the documents, always mid-body, is content, not chrome."""
    rng = random.Random(3)
    docs = []
    for i in range(50):
        lines = [_sentence(rng) for _ in range(3)]
        if i % 5 == 0:
            lines.append(QUOTE)
        lines += [_sentence(rng) for _ in range(3)]
        docs.append(Doc("\n".join(lines), url=f"https://contoh.id/{i}"))
    report = learn(docs, options=LearnOptions(min_docs=3))
    res = report.results[0]
    assert res.findings == []
    assert [r.guard for r in res.rejected if r.cand.kind == "E"
            and QUOTE in r.cand.examples] == ["repeated-sentence"]


def test_grouping_without_url(tmp_path: Path) -> None:
    """No URL: the record's outlet key, then --outlet for the rest."""
    rng = random.Random(5)
    docs = [Doc("\n".join([_sentence(rng), CHROME, _sentence(rng)]), outlet="koran-a.id")
            for _ in range(10)]
    docs += [Doc("\n".join([_sentence(rng), ARCHIVE, _sentence(rng)])) for _ in range(10)]
    report = learn(docs, tmp_path, outlet="koran-b")
    names = {r.stats.name: r.stats.via for r in report.results}
    assert names == {"koran-a.id": "record", "koran-b": "option"}
    assert load_file(tmp_path / "koran-b.toml").domains == ()


def test_iterator_is_refused() -> None:
    with pytest.raises(TypeError, match="twice"):
        learn(Doc("x") for _ in range(3))


def test_cli_learn_writes_loadable_toml(corpus_file: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["learn", str(corpus_file), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "| warta-contoh.id | 100 |" in result.output
    files = sorted(tmp_path.glob("*.toml"))
    assert [f.name for f in files] == ["warta-contoh.id.toml"]
    for f in files:
        assert load_file(f).version == "learned"
    ids = _rule_ids(files[0])
    assert len(ids) >= 4
    assert all(i.startswith("warta-contoh.id.learned.") for i in ids)


def test_cli_learn_reads_stdin_twice(corpus_file: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["learn", "-", "--out", str(tmp_path), "-q"],
                                input=corpus_file.read_bytes())
    assert result.exit_code == 0, result.output
    assert (tmp_path / "warta-contoh.id.toml").exists()


def test_cli_learn_bad_arguments(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["learn", str(tmp_path / "nope"), "--out",
                                      str(tmp_path / "o")])
    assert result.exit_code == 2
    assert "no such file" in result.output
    result = CliRunner().invoke(app, ["learn", str(tmp_path), "--out", str(tmp_path / "o"),
                                      "--min-share", "2"])
    assert result.exit_code == 2


def test_sketch_never_undercounts() -> None:
    cms = CountMinSketch(bits=8, depth=3)  # tiny: many collisions
    truth = {f"k{i}": (i % 7) + 1 for i in range(600)}
    for key, n in truth.items():
        for _ in range(n):
            cms.add(key)
    assert all(cms.estimate(k) >= n for k, n in truth.items())
    assert sum(cms.estimate(k) == n for k, n in truth.items()) > 50
    bloom = BloomFilter(bits=16)
    assert bloom.add("a") is False and bloom.add("a") is True and "a" in bloom
    bits = BitSet()
    bits.add(70_000)
    assert 70_000 in bits and 69_999 not in bits


def test_cli_clean_learn_two_passes(corpus_file: Path, tmp_path: Path) -> None:
    """``cleaner clean --learn``: learned rules decide lines in the same run."""
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["clean", str(corpus_file), "--learn", "-o", str(out),
                                      "--workers", "0", "--keep-removed", "-q"])
    assert result.exit_code == 0, result.output
    records = {r["id"]: r for r in map(json.loads, out.read_text("utf-8").splitlines())}
    assert len(records) == 140
    lines = records["w1"]["metadata"]["lines"]
    chrome = next(d for d in lines if d["text"] == CHROME)
    assert chrome["decision"] == "dropped"
    assert chrome["rule"] == "warta-contoh.id.learned.kirim-kabar-dari-lingkunganmu-ke"
    assert records["w1"]["metadata"]["profile"] == "warta-contoh.id@learned"
    assert CHROME not in records["w1"]["text"]
    assert records["k0"]["metadata"]["profile"] is None


def test_cli_clean_learn_refuses_stdin(corpus_file: Path) -> None:
    result = CliRunner().invoke(app, ["clean", "-", "--learn"],
                                input=corpus_file.read_bytes())
    assert result.exit_code == 2
    assert "--learn" in result.output

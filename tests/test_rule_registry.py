"""One registry of the engine's rule ids: ``disable`` honours every id it accepts, refuses
the rest at load (naming the file and key), and no id the code emits is missing from it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

import cleaner
from cleaner.cli import app
from cleaner.profiles import load_file, load_packs
from cleaner.rules.registry import ENGINE_RULES

ROOT = Path(__file__).resolve().parent.parent

_BODY = (
    "Pasar ikan yang baru itu dibuka pada Senin pagi oleh wali kota di hadapan ratusan "
    "warga yang datang sejak subuh.\n"
    "Bangunan dua lantai itu menampung lebih dari dua ratus pedagang yang sebelumnya "
    "berjualan di tepi jalan.\n"
    "Menurut pengelola, lantai atas akan dipakai untuk gudang pendingin dan ruang lelang "
    "ikan setiap pagi.\n"
    "Warga berharap harga ikan tetap terjangkau setelah para pedagang pindah ke gedung "
    "yang baru ini.\n"
)
# Written for these tests: a page header with a date line and a byline no pack rule
# reads, then a body with a repeated paragraph, a related list, a teaser and a line in
# another script.
HEADER_FACTS = (
    "Portal Contoh\nPasar Ikan Baru Dibuka di Pelabuhan Lama\n"
    "- Kiriman warga (Pelabuhan) 4 November 2024, foto udara pasar\n"
    "- Liputan oleh Budi Santoso (Pelabuhan) untuk portal\n" + _BODY
    + "Pasar ikan yang baru itu dibuka pada Senin pagi oleh wali kota di hadapan ratusan "
    "warga yang datang sejak subuh.\n"
    "Kabar Lain Dari Kota Pelabuhan Hari Ini\n"
    "Jembatan Baru Menghubungkan Dua Desa Nelayan\n"
    "Festival Perahu Hias Kembali Digelar Tahun Depan\n"
    "Sekolah Pantai Mendapat Bantuan Buku Bacaan\n"
    "Jembatan Baru Menghubungkan Dua Desa...\n"
    "Портал новостей города и области сегодня\n"
)
# a standfirst under the title, parted from the body by a share button and a caption
STANDFIRST = (
    "Portal Contoh\nPasar Ikan Baru Dibuka di Pelabuhan Lama\n"
    "Pedagang menyambut pasar baru yang lebih bersih, lebih luas dan lebih terang dari "
    "yang lama.\nBagikan\nPasar ikan dari udara. Dok/Warga Pelabuhan\n"
    "PELABUHAN, Portal Contoh - " + _BODY
)
#: a page on which each id that can be disabled fires
FIRES_ON = {
    "generic.foreign-script": HEADER_FACTS,
    "generic.teaser": HEADER_FACTS,
    "generic.duplicate": HEADER_FACTS,
    "generic.headline-run": HEADER_FACTS,
    "generic.title": HEADER_FACTS,
    "generic.date": HEADER_FACTS,
    "generic.byline": HEADER_FACTS,
    "generic.description": STANDFIRST,
    "id.share": STANDFIRST,  # a pack rule
    # cleaner.structures: a list a closer ends, a comment section, a tag cloud
    "generic.list": _BODY + "Jembatan Baru Menghubungkan Dua Desa Nelayan\n"
    "Festival Perahu Hias Kembali Digelar Tahun Depan\n"
    "Sekolah Pantai Mendapat Bantuan Buku Bacaan Baru\nLihat semua »\n",
    "generic.comments": _BODY + "Pengelola juga menyiapkan tempat parkir yang luas bagi "
    "pembeli yang datang dengan mobil dari kota sebelah setiap akhir pekan.\n"
    "12 Komentar untuk berita ini\n"
    "Semoga pasar baru ini tetap bersih dan harga ikan tidak naik setelah pindah gedung.\n",
    "generic.tag-cloud": _BODY + "Pasar Ikan Pelabuhan Nelayan Perahu Festival Jembatan "
    "Sekolah Pantai Gudang Lelang Kota Desa Laut Cuaca Banjir Harga Ikan Segar\n",
}


def _profile(tmp_path: Path, disable: list[str]) -> Path:
    folder = tmp_path / "profiles"
    folder.mkdir(exist_ok=True)
    path = folder / "contoh.toml"
    ids = ", ".join(f'"{d}"' for d in disable)
    path.write_text(f'id = "contoh"\nversion = "1"\ndisable = [{ids}]\n', encoding="utf-8")
    return path


def _rules(tmp_path: Path, text: str, disable: list[str]) -> list[str]:
    path = _profile(tmp_path, disable)
    art = cleaner.Cleaner(profile_dirs=[path.parent]).clean(text, outlet="contoh")
    return [d.rule for d in art.lines]


def test_every_id_that_can_be_disabled_has_a_page_here() -> None:
    switchable = {rid for rid, r in ENGINE_RULES.items() if r.disable is not None}
    assert switchable <= set(FIRES_ON)


@pytest.mark.parametrize("rule_id", sorted(FIRES_ON))
def test_disable_switches_the_rule_off(tmp_path: Path, rule_id: str) -> None:
    text = FIRES_ON[rule_id]
    assert rule_id in _rules(tmp_path, text, [])
    assert rule_id not in _rules(tmp_path, text, [rule_id])


def test_disabled_header_facts_are_not_read(tmp_path: Path) -> None:
    path = _profile(tmp_path, ["generic.date", "generic.byline", "generic.title"])
    art = cleaner.Cleaner(profile_dirs=[path.parent]).clean(HEADER_FACTS, outlet="contoh")
    assert (art.published, art.author, art.title) == (None, None, None)
    on = cleaner.Cleaner().clean(HEADER_FACTS)
    assert (on.published, on.author) == ("2024-11-04", "Budi Santoso")


@pytest.mark.parametrize("rule_id", sorted(r for r, v in ENGINE_RULES.items() if v.disable is None))
def test_ids_that_cannot_be_disabled_are_refused(tmp_path: Path, rule_id: str) -> None:
    path = _profile(tmp_path, ["generic.duplicate", rule_id])
    with pytest.raises(cleaner.ProfileError) as exc:
        load_file(path)
    assert (exc.value.path, exc.value.key) == (str(path), "disable[1]")
    assert "cannot be disabled" in exc.value.problem


def test_unknown_id_is_an_error_naming_file_and_key(tmp_path: Path) -> None:
    path = _profile(tmp_path, ["generic.duplicat"])
    with pytest.raises(cleaner.ProfileError) as exc:
        load_file(path)
    assert (exc.value.path, exc.value.key) == (str(path), "disable[0]")
    assert "unknown rule id 'generic.duplicat'" in exc.value.problem
    res = CliRunner().invoke(app, ["profiles", "check", str(path)])
    assert res.exit_code == 2
    assert f"{path}: disable[0]: unknown rule id" in res.stderr


def test_every_engine_id_in_the_code_is_registered() -> None:
    """Ids written as string literals in cleaner/ (``"generic.x"``, ``"html.x"``) are in
    the registry; ``common.`` ids are rules of the common pack."""
    pack_ids = {r.id for p in load_packs() for rs in p.rules.values() for r in rs} \
        | {m.id for p in load_packs() for m in p.meta}
    found: set[str] = set()
    for path in (ROOT / "cleaner").rglob("*.py"):
        if path.name == "html_meta.py":  # its "html.jsonld" etc. name sources, not rules
            continue
        found |= set(re.findall(r"""["']((?:generic|html|common)\.[a-z][a-z.-]*)["']""",
                                path.read_text("utf-8")))
    assert "generic.window.before" in found and "common.url-only" in found
    missing = {i for i in found if i not in ENGINE_RULES and i not in pack_ids}
    assert not missing
    # and every registered id is emitted somewhere (no stale entries)
    assert set(ENGINE_RULES) <= found


def test_registry_reasons_are_what_the_engine_records() -> None:
    art = cleaner.Cleaner().clean(HEADER_FACTS)
    for d in art.lines:
        if d.rule in ENGINE_RULES:
            assert d.reason == ENGINE_RULES[d.rule].reason, d

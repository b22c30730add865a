"""The whole catalogue: references between files, region rules, and how results are returned.

Tests break a copy of tests/fixtures/minimal (the `scratch` fixture) and assert every problem,
as (path, line, column, code, field).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.content.check import check, load_catalogue
from generator.content.messages import message
from generator.content.problems import CatalogueError

REPO = Path(__file__).parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
PROVINCE = "regions/provinsi-jawa-barat.yml"
KABUPATEN = "regions/kabupaten-sumedang.yml"
INNOVATION = "innovations/kabupaten-sumedang/command-center.yml"
AGREEMENT = "agreements/mou-jawa-barat-sumedang-2025.yml"
VISIT = "visits/2025-07-jawa-barat-ke-sumedang.yml"


def only(scratch, code: str):
    (found,) = [p for p in scratch.check().problems if p.code == code]
    return found


def region(name: str, kind: str, code: str, province: str | None = "provinsi-jawa-barat") -> str:
    text = f'name: {name}\ntype: {kind}\ncode: "{code}"\n'
    return text + (f"province: {province}\n" if province else "")


# --- Valid catalogues ---------------------------------------------------------------------------


def test_shipped_content_passes():
    result = check(REPO)
    assert [(p.path, p.line, p.code) for p in result.problems] == []
    assert result.ok
    catalogue = result.catalogue
    assert catalogue is not None
    assert list(catalogue.regions) == sorted(p.stem for p in (REPO / "regions").glob("*.yml"))
    assert result.files == len(list(REPO.glob("regions/*.yml"))) + len(
        list(REPO.glob("innovations/*/*.yml"))
    ) + len(list(REPO.glob("agreements/*.yml"))) + len(list(REPO.glob("visits/*.yml")))


def test_minimal_fixture_gives_a_resolved_catalogue():
    result = check(FIXTURES / "minimal")
    assert result.problems == []
    assert (result.files, result.invalid_files) == (5, 0)
    catalogue = result.catalogue
    assert catalogue is not None
    assert list(catalogue.regions) == ["kabupaten-sumedang", "provinsi-jawa-barat"]
    innovation = catalogue.innovations["kabupaten-sumedang/command-center"]
    assert (innovation.region, innovation.id, innovation.ref) == (
        "kabupaten-sumedang",
        "command-center",
        "kabupaten-sumedang/command-center",
    )
    assert innovation.status == "active"  # the default
    assert innovation.themes == ()
    assert catalogue.regions["kabupaten-sumedang"].id == "kabupaten-sumedang"
    assert catalogue.agreements["mou-jawa-barat-sumedang-2025"].parties == (
        "provinsi-jawa-barat",
        "kabupaten-sumedang",
    )
    assert catalogue.agency("kabupaten-sumedang", "setda").name == "Sekretariat Daerah"
    assert catalogue.agency("kabupaten-sumedang", "bappeda") is None
    assert catalogue.sources == {
        "kabupaten-sumedang": "regions/kabupaten-sumedang.yml",
        "provinsi-jawa-barat": "regions/provinsi-jawa-barat.yml",
        "kabupaten-sumedang/command-center": INNOVATION,
        "agreements/mou-jawa-barat-sumedang-2025": AGREEMENT,
        "visits/2025-07-jawa-barat-ke-sumedang": VISIT,
    }
    assert load_catalogue(FIXTURES / "minimal") == catalogue


def test_the_result_knows_where_each_field_of_each_record_stands():
    result = check(FIXTURES / "minimal")
    lines = (FIXTURES / "minimal" / INNOVATION).read_text(encoding="utf-8").splitlines()
    title = next(n for n, line in enumerate(lines, 1) if line.startswith("title: "))
    assert result.place("kabupaten-sumedang/command-center", "title") == (INNOVATION, title, 8)
    assert result.place("agreements/mou-jawa-barat-sumedang-2025", "parties")[0] == AGREEMENT
    # A build asks for none: the catalogue is the same without them.
    without = check(FIXTURES / "minimal", positions=False)
    assert (without.positions, without.catalogue) == ({}, result.catalogue)


# --- Errors are values until the end -----------------------------------------------------------


BROKEN = [
    ("innovations/kabupaten-sumedang/command-center.yml", 1, 1, "missing-field", "title"),
    ("innovations/kabupaten-sumedang/command-center.yml", 1, 1, "unknown-field-suggest", "titel"),
    ("innovations/kabupaten-sumedang/layanan-cepat.yml", 1, 21, "yaml-colon", ""),
]


def test_one_broken_file_never_hides_another():
    result = check(FIXTURES / "broken")
    assert [(p.path, p.line, p.column, p.code, p.field) for p in result.problems] == BROKEN
    assert result.catalogue is None
    assert not result.ok
    assert (result.files, result.invalid_files) == (4, 2)


def test_load_catalogue_raises_with_every_problem():
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(FIXTURES / "broken")
    assert [(p.path, p.line, p.column, p.code, p.field) for p in raised.value.problems] == BROKEN
    assert str(raised.value) == "3 problem(s) in the catalogue"


def test_problems_across_kinds_in_one_run(scratch):
    scratch.edit(PROVINCE, 'code: "32"', "code: 32")
    scratch.edit(INNOVATION, "stage: implementation", "stage: implementasi")
    scratch.edit(AGREEMENT, "signed: 2025-07-04", "signed: 2025-02-30")
    assert scratch.found() == [
        (AGREEMENT, 4, 9, "impossible-date", "signed"),
        (INNOVATION, 5, 8, "bad-vocab", "stage"),
        (PROVINCE, 3, 7, "yaml-trap", "code"),
    ]
    assert scratch.check().catalogue is None


def test_an_invalid_record_still_has_its_references_checked(scratch):
    scratch.edit(INNOVATION, "stage: implementation", "stage: implementasi")
    scratch.edit(INNOVATION, "agencies: [diskominfosanditik, setda]", "agencies: [diskominfo, setda]")
    assert scratch.found() == [
        (INNOVATION, 4, 12, "unknown-agency", "agencies[0]"),
        (INNOVATION, 5, 8, "bad-vocab", "stage"),
    ]


def test_a_file_that_cannot_be_read_does_not_stop_the_others(scratch):
    scratch.write(KABUPATEN, b"name: Sumedang\xff\n")
    scratch.edit(AGREEMENT, "kind: mou", "kind: nota")
    found = scratch.found()
    assert (KABUPATEN, 1, 15, "not-utf8", "") in found
    assert (AGREEMENT, 2, 7, "bad-vocab", "kind") in found


@pytest.mark.parametrize(
    ("content", "line", "column", "code"),
    [
        pytest.param("name: Sumedang\nname: Sumedang\n", 2, 1, "duplicate-key", id="duplicate-key"),
        pytest.param("name: &n Sumedang\n", 1, 7, "anchor", id="anchor"),
        pytest.param("name: !!str Sumedang\n", 1, 7, "yaml-tag", id="tag"),
        pytest.param("name: Sume\x1bdang\n", 1, 11, "control-character", id="escape-character"),
        pytest.param("name: Sumedang\n  type: kabupaten\n", 2, 7, "yaml-colon", id="syntax"),
        pytest.param("", 0, 0, "empty-file", id="empty"),
        pytest.param("[" * 13 + "]" * 13, 1, 13, "too-deep", id="too-deep"),
        pytest.param(b"name: Sumedang \xe9\n", 1, 16, "not-utf8", id="not-utf8"),
        pytest.param(b"#" * (256 * 1024 + 1), 0, 0, "file-too-large", id="too-large"),
    ],
)
def test_file_level_problem_reaches_the_report(scratch, content, line, column, code):
    scratch.write(KABUPATEN, content)
    found = scratch.found()
    assert (KABUPATEN, line, column, code, "") in found
    assert scratch.check().catalogue is None


def test_billion_laughs_through_the_checker(scratch):
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]" for n in range(1, 9)]
    scratch.write(INNOVATION, "\n".join(lines) + "\n")
    result = scratch.check()
    assert {p.path for p in result.problems} == {INNOVATION}
    assert {"anchor", "alias", "missing-field", "unknown-field"} == {p.code for p in result.problems}
    assert (INNOVATION, 2, 10, "alias", "") in scratch.found()


# --- References ---------------------------------------------------------------------------------


def test_agency_not_in_the_region_lists_the_region_agencies(scratch):
    scratch.edit(
        INNOVATION, "agencies: [diskominfosanditik, setda]", "agencies: [diskominfosanditik, bappeda]"
    )
    assert scratch.found() == [(INNOVATION, 4, 32, "unknown-agency", "agencies[1]")]
    item = only(scratch, "unknown-agency")
    assert item.arguments == {
        "value": "bappeda",
        "region": "kabupaten-sumedang",
        "allowed": "diskominfosanditik, setda",
    }
    assert message(item) == (
        'Perangkat daerah "bappeda" tidak terdaftar di kabupaten-sumedang. Id yang ada: '
        "diskominfosanditik, setda. Tambahkan perangkat daerahnya di regions/kabupaten-sumedang.yml "
        "bila belum ada."
    )
    assert message(item, "en") == (
        'The agency "bappeda" is not listed in kabupaten-sumedang. Known ids: diskominfosanditik, '
        "setda. Add the agency to regions/kabupaten-sumedang.yml if it is missing."
    )


@pytest.mark.parametrize(
    ("line", "where", "field"),
    [
        ("adopted_from: kabupaten-sumedang/command-centre", (23, 15), "adopted_from"),
        ("related: [kabupaten-sumedang/comand-center]", (23, 11), "related[0]"),
    ],
)
def test_reference_to_a_missing_innovation_suggests_the_closest(scratch, line, where, field):
    scratch.write(INNOVATION, scratch.read(INNOVATION) + line + "\n")
    assert scratch.found() == [(INNOVATION, *where, "unknown-innovation", field)]
    item = only(scratch, "unknown-innovation")
    assert item.arguments["suggestions"] == "kabupaten-sumedang/command-center"
    assert message(item, "en") == (
        f'There is no innovation "{item.arguments["value"]}" in the catalogue. '
        "Did you mean: kabupaten-sumedang/command-center?"
    )


def test_replaced_by_a_missing_innovation(scratch):
    scratch.edit(
        INNOVATION, "status: active", "status: replaced\nreplaced_by: kabupaten-sumedang/command-centre"
    )
    assert scratch.found() == [(INNOVATION, 18, 14, "unknown-innovation", "replaced_by")]


def test_reference_without_any_close_match(scratch):
    scratch.write(INNOVATION, scratch.read(INNOVATION) + "related: [kota-jayapura/e-samsat]\n")
    assert only(scratch, "unknown-innovation").arguments == {
        "value": "kota-jayapura/e-samsat",
        "suggestions": "-",
    }


def test_replaced_by_an_existing_innovation(scratch):
    scratch.write(
        "innovations/kabupaten-sumedang/command-center-2.yml",
        scratch.read(INNOVATION).replace(
            "status: active", "status: active\nadopted_from: kabupaten-sumedang/command-center"
        ),
    )
    scratch.edit(
        INNOVATION, "status: active", "status: replaced\nreplaced_by: kabupaten-sumedang/command-center-2"
    )
    assert scratch.found() == []


def test_innovation_refers_to_itself(scratch):
    scratch.write(INNOVATION, scratch.read(INNOVATION) + "related: [kabupaten-sumedang/command-center]\n")
    assert scratch.found() == [(INNOVATION, 23, 11, "self-reference", "related[0]")]


def test_agreement_party_unknown(scratch):
    scratch.edit(
        AGREEMENT, "[provinsi-jawa-barat, kabupaten-sumedang]", "[provinsi-jawa-barta, kabupaten-sumedang]"
    )
    assert scratch.found() == [(AGREEMENT, 3, 11, "unknown-region", "parties[0]")]
    item = only(scratch, "unknown-region")
    assert item.arguments == {"value": "provinsi-jawa-barta", "suggestions": "provinsi-jawa-barat"}
    assert message(item) == (
        'Daerah "provinsi-jawa-barta" tidak ada di regions/. Mungkin maksud Anda: provinsi-jawa-barat.'
    )


@pytest.mark.parametrize("region_id", ["kabupaten-garut", "kabupaten-bandung"])
def test_agreement_agency_of_a_region_that_is_not_a_party(scratch, region_id):
    # kabupaten-garut exists in regions/, kabupaten-bandung does not: neither is a party.
    scratch.write("regions/kabupaten-garut.yml", region("Garut", "kabupaten", "32.05"))
    scratch.edit(AGREEMENT, "agencies: [kabupaten-sumedang/setda]", f"agencies: [{region_id}/setda]")
    assert scratch.found() == [(AGREEMENT, 5, 12, "agency-not-party", "agencies[0]")]
    assert message(only(scratch, "agency-not-party"), "en") == (
        f'The agency "{region_id}/setda" belongs to {region_id}, which is not a party to this '
        'agreement. Add the region to "parties" or delete this line.'
    )


def test_agreement_agency_unknown_in_a_party_region(scratch):
    scratch.edit(AGREEMENT, "kabupaten-sumedang/setda", "kabupaten-sumedang/bappeda")
    assert scratch.found() == [(AGREEMENT, 5, 12, "unknown-agency", "agencies[0]")]
    assert only(scratch, "unknown-agency").arguments["allowed"] == "diskominfosanditik, setda"


def test_agreement_innovation_unknown(scratch):
    scratch.edit(
        AGREEMENT, "innovations: [kabupaten-sumedang/command-center]", "innovations: [kabupaten-sumedang/cc]"
    )
    assert scratch.found() == [(AGREEMENT, 6, 15, "unknown-innovation", "innovations[0]")]


def test_agreement_innovation_of_a_region_that_is_not_a_party(scratch):
    scratch.write("regions/kabupaten-garut.yml", region("Garut", "kabupaten", "32.05"))
    scratch.edit(AGREEMENT, "kabupaten-sumedang]", "kabupaten-garut]")
    scratch.edit(AGREEMENT, "agencies: [kabupaten-sumedang/setda]\n", "")
    scratch.edit(VISIT, "agreement: mou-jawa-barat-sumedang-2025\n", "")
    assert scratch.found() == [(AGREEMENT, 5, 15, "innovation-not-party", "innovations[0]")]


def test_innovation_folder_of_an_unknown_region(scratch):
    rel = "innovations/kabupaten-sumedangg/command-center.yml"
    scratch.write(rel, scratch.read(INNOVATION))
    assert scratch.found() == [(rel, 0, 0, "unknown-region-folder", "")]
    assert only(scratch, "unknown-region-folder").arguments == {
        "value": "kabupaten-sumedangg",
        "suggestions": "kabupaten-sumedang",
    }


# --- Innovation status and dates ----------------------------------------------------------------


def test_status_replaced_without_replaced_by(scratch):
    scratch.edit(INNOVATION, "status: active", "status: replaced")
    assert scratch.found() == [(INNOVATION, 17, 9, "missing-replaced-by", "status")]


def test_replaced_by_without_status_replaced(scratch):
    scratch.write("innovations/kabupaten-sumedang/command-center-2.yml", scratch.read(INNOVATION))
    scratch.edit(
        INNOVATION, "status: active", "status: stopped\nreplaced_by: kabupaten-sumedang/command-center-2"
    )
    assert scratch.found() == [(INNOVATION, 18, 14, "replaced-by-without-status", "replaced_by")]
    assert message(only(scratch, "replaced-by-without-status"), "en") == (
        '"replaced_by" is only used with status "replaced" (now: stopped). Change the status or delete this line.'
    )


def test_dates_out_of_order(scratch):
    scratch.edit(INNOVATION, "trial_date: 2020-06-01", "trial_date: 2021-02-02")
    assert scratch.found() == [(INNOVATION, 10, 22, "dates-out-of-order", "implementation_date")]


def test_trial_and_implementation_on_the_same_day(scratch):
    scratch.edit(INNOVATION, "trial_date: 2020-06-01", "trial_date: 2021-02-01")
    assert scratch.found() == []


# --- Regions ------------------------------------------------------------------------------------


def test_duplicate_region_code(scratch):
    scratch.write("regions/kabupaten-bandung.yml", region("Bandung", "kabupaten", "32.11"))
    assert scratch.found() == [(KABUPATEN, 3, 7, "duplicate-code", "code")]
    item = only(scratch, "duplicate-code")
    assert item.arguments == {"code": "32.11", "other": "regions/kabupaten-bandung.yml"}
    assert message(item, "en") == (
        "The region code 32.11 is already used by regions/kabupaten-bandung.yml. "
        "Each region has its own code; check it."
    )


@pytest.mark.parametrize(
    ("file", "text", "prefix", "suggestion"),
    [
        ("garut", region("Garut", "kabupaten", "32.05"), "kabupaten-", "kabupaten-garut.yml"),
        ("kab-garut", region("Garut", "kabupaten", "32.05"), "kabupaten-", "kabupaten-garut.yml"),
        ("kabupaten-bandung", region("Bandung", "kota", "32.73"), "kota-", "kota-bandung.yml"),
        (
            "jawa-tengah",
            region("Jawa Tengah", "provinsi", "33", None),
            "provinsi-",
            "provinsi-jawa-tengah.yml",
        ),
    ],
    ids=["no-prefix", "short-prefix", "wrong-type", "province"],
)
def test_region_id_carries_its_type(scratch, file, text, prefix, suggestion):
    rel = f"regions/{file}.yml"
    scratch.write(rel, text)
    assert scratch.found() == [(rel, 1, 1, "region-id-prefix", "")]
    item = only(scratch, "region-id-prefix")
    assert (item.arguments["prefix"], item.arguments["suggestion"]) == (prefix, suggestion)


@pytest.mark.parametrize(
    ("file", "text", "code"),
    [
        ("provinsi-jawa-tengah", region("Jawa Tengah", "provinsi", "33.01", None), "code-shape-province"),
        ("kabupaten-garut", region("Garut", "kabupaten", "33"), "code-shape-regency"),
        ("kota-bandung", region("Bandung", "kota", "32.05"), "code-type-mismatch"),
        ("kabupaten-bandung", region("Bandung", "kabupaten", "32.73"), "code-type-mismatch"),
        ("kabupaten-garut", region("Garut", "kabupaten", "33.05"), "code-province-mismatch"),
    ],
    ids=["province-with-dot", "regency-without-dot", "kota-below-71", "kabupaten-from-71", "other-province"],
)
def test_region_code_rules(scratch, file, text, code):
    rel = f"regions/{file}.yml"
    scratch.write(rel, text)
    assert scratch.found() == [(rel, 3, 7, code, "code")]


def test_kota_numbers_start_at_71(scratch):
    scratch.write("regions/kota-bandung.yml", region("Bandung", "kota", "32.73"))
    scratch.write("regions/kabupaten-garut.yml", region("Garut", "kabupaten", "32.70"))
    scratch.write("regions/kota-banjar.yml", region("Banjar", "kota", "32.79"))
    assert scratch.found() == []


def test_code_rule_messages(scratch):
    scratch.write("regions/kota-bandung.yml", region("Bandung", "kota", "32.05"))
    assert message(only(scratch, "code-type-mismatch"), "en") == (
        "The code 32.05 does not fit the type kota: Kemendagri numbers kota from 71 up and kabupaten "
        "below 71. Check the type or the code."
    )


def test_kabupaten_without_province(scratch):
    scratch.edit(KABUPATEN, "province: provinsi-jawa-barat\n", "")
    assert scratch.found() == [(KABUPATEN, 1, 1, "missing-field", "province")]


def test_province_that_is_not_a_province(scratch):
    scratch.write("regions/kabupaten-garut.yml", region("Garut", "kabupaten", "32.05", "kabupaten-sumedang"))
    assert scratch.found() == [("regions/kabupaten-garut.yml", 4, 11, "province-not-province", "province")]


def test_province_unknown(scratch):
    scratch.edit(KABUPATEN, "province: provinsi-jawa-barat", "province: provinsi-jawa-barta")
    assert scratch.found() == [(KABUPATEN, 4, 11, "unknown-region", "province")]
    assert only(scratch, "unknown-region").arguments["suggestions"] == "provinsi-jawa-barat"


def test_province_written_badly_is_not_also_called_missing(scratch):
    scratch.edit(KABUPATEN, "province: provinsi-jawa-barat", "province: Jawa Barat")
    assert scratch.found() == [(KABUPATEN, 4, 11, "region-by-name", "province")]


def test_province_on_a_province(scratch):
    scratch.write(PROVINCE, scratch.read(PROVINCE) + "province: provinsi-jawa-barat\n")
    assert scratch.found() == [(PROVINCE, 4, 11, "province-on-province", "province")]


def test_administrative_flag_on_a_province(scratch):
    scratch.write(PROVINCE, scratch.read(PROVINCE) + "administrative: true\n")
    assert scratch.found() == [(PROVINCE, 4, 17, "administrative-province", "administrative")]


def test_administrative_flag_on_a_kota_is_accepted(scratch):
    scratch.write("regions/kota-bandung.yml", region("Bandung", "kota", "32.73", "provinsi-jawa-barat"))
    scratch.write(
        "regions/kota-bandung.yml", scratch.read("regions/kota-bandung.yml") + "administrative: true\n"
    )
    assert scratch.found() == []


def test_duplicate_agency_id_in_a_region(scratch):
    extra = "  - id: setda\n    name: Sekretariat DPRD\n    acronym: Setwan\n    kind: dprd-secretariat\n"
    scratch.write(KABUPATEN, scratch.read(KABUPATEN) + extra)
    assert scratch.found() == [(KABUPATEN, 15, 9, "duplicate-agency", "agencies[2].id")]


def test_the_catalogue_is_none_whenever_there_is_an_error(scratch, tmp_path):
    scratch.edit(INNOVATION, "status: active", "status: replaced")
    result = scratch.check()
    assert [p.code for p in result.problems] == ["missing-replaced-by"]
    assert result.catalogue is None
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(scratch.root)
    assert [p.code for p in raised.value.problems] == ["missing-replaced-by"]


def test_content_folders_may_be_missing(tmp_path):
    shutil.copytree(FIXTURES / "minimal" / "regions", tmp_path / "regions")
    result = check(tmp_path)
    assert result.problems == []
    assert result.catalogue is not None
    assert (len(result.catalogue.regions), result.catalogue.innovations) == (2, {})


# --- Visits ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # The host is not a visitor too; visitors and the host are regions that exist.
        (
            "visitors: [provinsi-jawa-barat]",
            "visitors: [kabupaten-sumedang]",
            (6, 12, "visit-host-visits-itself", "visitors[0]"),
        ),
        (
            "visitors: [provinsi-jawa-barat]",
            "visitors: [provinsi-jawa-barta]",
            (6, 12, "unknown-region", "visitors[0]"),
        ),
        ("host: kabupaten-sumedang", "host: kabupaten-sumedangg", (5, 7, "unknown-region", "host")),
        # A host agency belongs to the host, and is declared in its file.
        (
            "host_agencies: [kabupaten-sumedang/diskominfosanditik]",
            "host_agencies: [provinsi-jawa-barat/setda]",
            (7, 17, "visit-agency-not-party", "host_agencies[0]"),
        ),
        (
            "host_agencies: [kabupaten-sumedang/diskominfosanditik]",
            "host_agencies: [kabupaten-sumedang/bappeda]",
            (7, 17, "unknown-agency", "host_agencies[0]"),
        ),
        (
            "innovations: [kabupaten-sumedang/command-center]",
            "innovations: [kabupaten-sumedang/cc]",
            (8, 15, "unknown-innovation", "innovations[0]"),
        ),
        (
            "agreement: mou-jawa-barat-sumedang-2025",
            "agreement: mou-jawa-barat-sumedang-2026",
            (9, 12, "unknown-agreement", "agreement"),
        ),
        (
            "date: 2025-07-10",
            "date: 2025-07-10\nend_date: 2025-07-09",
            (5, 11, "visit-end-before-start", "end_date"),
        ),
    ],
)
def test_a_visit_names_what_exists_at_the_field_that_names_it(scratch, old, new, expected):
    scratch.edit(VISIT, old, new)
    assert scratch.found() == [(VISIT, *expected)]
    assert message(only(scratch, expected[2]), "en")


def test_a_visit_without_visitors_says_where_to_write_them(scratch):
    scratch.edit(VISIT, "visitors: [provinsi-jawa-barat]\n", "")
    scratch.edit(VISIT, "agreement: mou-jawa-barat-sumedang-2025\n", "")
    assert scratch.found() == [(VISIT, 1, 1, "visit-without-visitors", "visitors")]
    assert "other_visitors" in message(only(scratch, "visit-without-visitors"))
    # A visitor that is not a regional government is enough.
    scratch.edit(VISIT, "host:", "other_visitors: [DPRD Provinsi Jawa Barat]\nhost:")
    assert scratch.found() == []


def test_a_studied_innovation_belongs_to_a_region_taking_part(scratch):
    scratch.write("regions/kabupaten-garut.yml", region("Garut", "kabupaten", "32.05"))
    scratch.write(
        "innovations/kabupaten-garut/pasar-daring.yml",
        scratch.read(INNOVATION).replace("agencies: [diskominfosanditik, setda]", "agencies: []"),
    )
    scratch.edit(
        VISIT,
        "kabupaten-sumedang/command-center]",
        "kabupaten-sumedang/command-center, kabupaten-garut/pasar-daring]",
    )
    found = [f for f in scratch.found() if f[0] == VISIT]
    assert found == [(VISIT, 8, 50, "visit-innovation-not-party", "innovations[1]")]


def test_an_agreement_signing_names_its_agreement_of_the_host(scratch):
    scratch.edit(VISIT, "kind: working-visit", "kind: agreement-signing")
    assert scratch.found() == []
    scratch.edit(VISIT, "agreement: mou-jawa-barat-sumedang-2025\n", "")
    assert scratch.found() == [(VISIT, 2, 7, "visit-signing-without-agreement", "kind")]
    scratch.edit(VISIT, "kind: agreement-signing", "kind: agreement-signing\nagreement: mou-lain")
    scratch.write(
        "agreements/mou-lain.yml",
        "title: Lain\nkind: mou\nparties: [provinsi-jawa-barat, kabupaten-garut]\nsigned: 2025-01-01\n",
    )
    scratch.write("regions/kabupaten-garut.yml", region("Garut", "kabupaten", "32.05"))
    assert scratch.found() == [(VISIT, 3, 12, "visit-agreement-not-party", "agreement")]


# --- Names where ids belong ------------------------------------------------------------------------


def test_an_agency_written_by_its_name_gets_its_id(scratch):
    scratch.edit(
        INNOVATION,
        "agencies: [diskominfosanditik, setda]",
        "agencies: [Dinas Komunikasi, Informatika, Persandian dan Statistik, sekretariat daerah]",
    )
    assert scratch.found() == [
        (INNOVATION, 4, 12, "agency-by-name", "agencies[0]"),
        (INNOVATION, 4, 69, "agency-by-name", "agencies[3]"),
    ]
    first = next(p for p in scratch.check().problems if p.code == "agency-by-name")
    assert first.arguments == {
        "value": "Dinas Komunikasi, Informatika, Persandian dan Statistik",
        "region": "kabupaten-sumedang",
        "ids": "diskominfosanditik",
    }
    assert message(first, "en").startswith(
        '"Dinas Komunikasi, Informatika, Persandian dan Statistik" is the name or acronym of an agency '
        "of kabupaten-sumedang; write its id here: diskominfosanditik."
    )


def test_an_agency_written_by_its_acronym_gets_its_id(scratch):
    scratch.edit(INNOVATION, "agencies: [diskominfosanditik, setda]", "agencies: [diskominfosanditik, Setda]")
    assert scratch.found() == [(INNOVATION, 4, 32, "agency-by-name", "agencies[1]")]


def test_a_name_of_no_agency_keeps_its_own_message(scratch):
    scratch.edit(INNOVATION, "agencies: [diskominfosanditik, setda]", "agencies: [Dinas Pariwisata, setda]")
    assert scratch.found() == [(INNOVATION, 4, 12, "bad-agency-ref", "agencies[0]")]


def test_a_region_written_by_its_name_gets_its_id(scratch):
    scratch.edit(
        AGREEMENT,
        "parties: [provinsi-jawa-barat, kabupaten-sumedang]",
        "parties: [provinsi-jawa-barat, Kab. Sumedang]",
    )
    (item,) = [p for p in scratch.check().problems if p.code == "region-by-name"]
    assert item.arguments == {"value": "Kab. Sumedang", "ids": "kabupaten-sumedang"}

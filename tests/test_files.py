"""Finding the record files: where each kind lives, names, extensions, links."""

from __future__ import annotations

import os

import pytest

from generator.content.files import find_files, suggest_id
from generator.content.messages import message

INNOVATION = "innovations/kabupaten-sumedang/command-center.yml"
AGREEMENT = "agreements/mou-jawa-barat-sumedang-2025.yml"

needs_symlinks = pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")


def only(scratch, code: str):
    (found,) = [p for p in scratch.check().problems if p.code == code]
    return found


def test_finds_every_record_file_by_key(scratch):
    scratch.write("regions/README.md", "Satu berkas per daerah.\n")
    scratch.write("innovations/.gitkeep", "")
    found = find_files(scratch.root)
    assert found.problems == []
    assert list(found.regions) == ["kabupaten-sumedang", "provinsi-jawa-barat"]
    assert list(found.innovations) == ["kabupaten-sumedang/command-center"]
    assert list(found.agreements) == ["mou-jawa-barat-sumedang-2025"]
    assert list(found.visits) == ["2025-07-jawa-barat-ke-sumedang"]
    path, rel = found.innovations["kabupaten-sumedang/command-center"]
    assert (path, rel) == (str(scratch.root / INNOVATION), INNOVATION)
    assert found.count == 5


@pytest.mark.parametrize(
    ("name", "suggestion"),
    [
        ("Command Center", "command-center"),
        ("command_center", "command-center"),
        ("  Sumedang -- Command  Center! ", "sumedang-command-center"),
        ("MoU 2025", "mou-2025"),
        ("Inovasi\u00e9", "inovasie"),
        ("!!!", "nama"),
    ],
)
def test_suggest_id(name, suggestion):
    assert suggest_id(name) == suggestion


def test_misnamed_file_gets_a_suggestion_and_its_content_is_still_checked(scratch):
    rel = "innovations/kabupaten-sumedang/Command Center.yml"
    scratch.write(rel, scratch.read(INNOVATION).replace("stage: implementation", "stage: implementasi"))
    assert scratch.found() == [
        (rel, 0, 0, "bad-file-name", ""),
        (rel, 5, 8, "bad-vocab", "stage"),
    ]
    item = only(scratch, "bad-file-name")
    assert item.arguments == {"name": "Command Center", "suggestion": "command-center"}
    assert message(item) == (
        'Nama berkas "Command Center" tidak sah: pakai huruf kecil, angka dan tanda hubung saja. '
        'Ganti nama menjadi "command-center.yml".'
    )
    assert message(item, "en") == (
        'The file name "Command Center" is not valid: use lower-case letters, digits and hyphens only. '
        'Rename it to "command-center.yml".'
    )
    result = scratch.check()
    assert result.catalogue is None
    assert result.files == 6  # read and checked, so counted


@pytest.mark.parametrize(
    ("rel", "kind_problem"),
    [
        ("regions/Kota Bandung.yml", ("missing-field", "code")),
        ("agreements/MoU_2025.yml", ("missing-field", "kind")),
    ],
)
def test_misnamed_region_and_agreement_files_are_checked_too(scratch, rel, kind_problem):
    scratch.write(rel, "name: Bandung\ntitle: x\nparties: [a, b]\nsigned: 2025-07-04\ntype: kota\n")
    found = scratch.found()
    assert found[0] == (rel, 0, 0, "bad-file-name", "")
    assert (rel, 1, 1, *kind_problem) in found


def test_bad_region_folder_name(scratch):
    scratch.write("innovations/Kabupaten Garut/command-center.yml", scratch.read(INNOVATION))
    assert scratch.found() == [("innovations/Kabupaten Garut", 0, 0, "bad-folder-name", "")]
    assert only(scratch, "bad-folder-name").arguments == {
        "name": "Kabupaten Garut",
        "suggestion": "kabupaten-garut",
    }


def test_innovation_directly_under_innovations(scratch):
    scratch.write("innovations/command-center.yml", scratch.read(INNOVATION))
    assert scratch.found() == [
        ("innovations/command-center.yml", 0, 0, "innovation-outside-region-folder", "")
    ]
    assert message(only(scratch, "innovation-outside-region-folder"), "en") == (
        "Innovation files belong in their region's folder: innovations/<region-id>/command-center.yml."
    )


@pytest.mark.parametrize("folder", ["regions", "agreements", "innovations/kabupaten-sumedang"])
def test_subfolder_where_files_belong(scratch, folder):
    scratch.write(f"{folder}/arsip/lama.yml", "title: x\n")
    assert scratch.found() == [(f"{folder}/arsip", 0, 0, "unexpected-folder", "")]
    assert only(scratch, "unexpected-folder").arguments == {"folder": folder}


@pytest.mark.parametrize(
    ("name", "code", "suggestion"),
    [
        ("command-center-2.yaml", "wrong-extension", "command-center-2.yml"),
        ("Command Center.YML", "wrong-extension", "command-center.yml"),
        ("catatan.txt", "unexpected-file", "catatan.yml"),
        ("command-center-2", "unexpected-file", "command-center-2.yml"),
    ],
)
def test_file_that_is_not_a_yml_record(scratch, name, code, suggestion):
    rel = f"innovations/kabupaten-sumedang/{name}"
    scratch.write(rel, scratch.read(INNOVATION))
    assert scratch.found() == [(rel, 0, 0, code, "")]
    assert only(scratch, code).arguments == {"suggestion": suggestion}


def test_yaml_extension_message(scratch):
    scratch.write("agreements/pks-2025.yaml", scratch.read(AGREEMENT))
    assert (
        message(only(scratch, "wrong-extension"), "en")
        == 'Content files must end in .yml. Rename it to "pks-2025.yml".'
    )


@needs_symlinks
def test_symlinked_file_is_refused(scratch, tmp_path):
    outside = tmp_path / "outside.yml"
    outside.write_text(scratch.read(INNOVATION))
    (scratch.root / "innovations/kabupaten-sumedang/link.yml").symlink_to(outside)
    assert scratch.found() == [("innovations/kabupaten-sumedang/link.yml", 0, 0, "symlink", "")]
    assert "kabupaten-sumedang/link" not in find_files(scratch.root).innovations


@needs_symlinks
def test_symlinked_region_folder_is_refused(scratch):
    (scratch.root / "innovations/kabupaten-lain").symlink_to(scratch.root / "innovations/kabupaten-sumedang")
    assert scratch.found() == [("innovations/kabupaten-lain", 0, 0, "symlink", "")]


@needs_symlinks
@pytest.mark.parametrize("folder", ["regions", "innovations", "agreements"])
def test_symlinked_content_folder_is_refused(scratch, tmp_path, folder):
    moved = tmp_path / "elsewhere"
    (scratch.root / folder).rename(moved)
    (scratch.root / folder).symlink_to(moved, target_is_directory=True)
    found = scratch.found()
    assert (folder, 0, 0, "symlink", "") in found
    assert not any(path.startswith(f"{folder}/") for path, *_ in found)  # nothing read through it
    assert scratch.check().catalogue is None


def test_files_are_found_in_a_stable_order(scratch):
    for name in ["zz-akhir", "aa-awal", "mm-tengah"]:
        scratch.write(f"innovations/kabupaten-sumedang/{name}.yml", scratch.read(INNOVATION))
    assert list(find_files(scratch.root).innovations) == [
        "kabupaten-sumedang/aa-awal",
        "kabupaten-sumedang/command-center",
        "kabupaten-sumedang/mm-tengah",
        "kabupaten-sumedang/zz-akhir",
    ]


def test_suggested_ids_keep_the_base_of_accented_letters():
    assert suggest_id("Ékspres Layanan Çepat") == "ekspres-layanan-cepat"
    assert suggest_id("Command Center") == "command-center"
    assert suggest_id("日本") == "nama"

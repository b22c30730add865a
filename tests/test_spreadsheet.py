"""`katalog import`: innovation sheets (CSV and XLSX) into YAML files, all or nothing.

Each test imports into a temporary copy of tests/fixtures/minimal (region kabupaten-sumedang with
the agencies `diskominfosanditik` and `setda`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from generator.content.check import check
from generator.contrib import sheets
from generator.contrib.import_template import template_columns, write_templates
from generator.contrib.spreadsheet import apply, plan_import

REPO = Path(__file__).parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
TEMPLATES = REPO / "docs" / "templat"
KATALOG = Path(sys.executable).parent / "katalog"
REGION = "kabupaten-sumedang"
FOLDER = f"innovations/{REGION}"
HEADER = [c.header for c in template_columns("id")]

GOOD_ROWS = [
    {
        "Nama Inovasi": "Sistem Antrean Puskesmas Daring",
        "Tahapan Inovasi": "Uji coba",
        "Inisiator Inovasi": "OPD",
        "Jenis Inovasi": "Non Digital",
        "Bentuk Inovasi Daerah": "Tata kelola pemerintahan daerah",
        "Urusan Pemerintahan": "Kesehatan; Komunikasi dan informatika",
        "Waktu Uji Coba": "01/02/2021",
        "Waktu Penerapan": "2022-03-01",
        "Rancang Bangun": "Warga mengambil nomor antrean dari rumah.\n\n- daftar lewat aplikasi\n- datang tepat waktu",
        "Tujuan Inovasi": "Mengurangi antrean.",
        "Manfaat yang Diperoleh": "Waktu tunggu lebih singkat.",
        "Hasil Inovasi": "",
        "Perangkat Daerah": "Setda; diskominfosanditik",
        "Ringkasan": "Nomor antrean puskesmas diambil dari rumah lewat aplikasi, sehingga warga datang tepat waktu "
        "dan ruang tunggu tidak penuh.",
    },
    {
        "Nama Inovasi": "Kafé Inovasi: Ruang Belajar",
        "Tahapan Inovasi": "PENERAPAN",
        "Inisiator Inovasi": "",
        "Jenis Inovasi": "digital",
        "Bentuk Inovasi Daerah": "public-service",
        "Urusan Pemerintahan": "Health",
        "Waktu Uji Coba": "",
        "Waktu Penerapan": "",
        "Rancang Bangun": "",
        "Tujuan Inovasi": "",
        "Manfaat yang Diperoleh": "",
        "Hasil Inovasi": "",
        "Perangkat Daerah": "Dinas Komunikasi, Informatika, Persandian dan Statistik",
        "Ringkasan": "Ruang belajar bersama.",
    },
]

FIRST_FILE = """\
# yaml-language-server: $schema=../../schemas/innovation.schema.json
title: Sistem Antrean Puskesmas Daring
summary: >-
  Nomor antrean puskesmas diambil dari rumah lewat aplikasi, sehingga warga datang tepat waktu dan
  ruang tunggu tidak penuh.
agencies: [setda, diskominfosanditik]
stage: trial
kind: non-digital
form: governance
affairs: [health, communication-informatics]
initiator: agency
trial_date: 2021-02-01
implementation_date: 2022-03-01
description: |
  Warga mengambil nomor antrean dari rumah.

  - daftar lewat aplikasi
  - datang tepat waktu
goals: Mengurangi antrean.
benefits: Waktu tunggu lebih singkat.
"""

SECOND_FILE = """\
# yaml-language-server: $schema=../../schemas/innovation.schema.json
title: "Kafé Inovasi: Ruang Belajar"
summary: Ruang belajar bersama.
agencies: [diskominfosanditik]
stage: implementation
kind: digital
form: public-service
affairs: [health]
"""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    target = tmp_path / "catalogue"
    shutil.copytree(FIXTURES / "minimal", target)
    return target


def write_csv(
    path: Path, rows: list[dict[str, str]], header: list[str] = HEADER, delimiter: str = ","
) -> Path:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(name, "") for name in header])
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def write_xlsx(path: Path, rows: list[dict[str, object]]) -> Path:
    """Fill the shipped template, as an agency would."""
    book = openpyxl.load_workbook(TEMPLATES / "inovasi.xlsx")
    sheet = book["Inovasi"]
    header = [cell.value for cell in sheet[1]]
    for number, row in enumerate(rows, start=2):
        for column, name in enumerate(header, start=1):
            sheet.cell(row=number, column=column, value=row.get(str(name)) or None)
    book.save(path)
    return path


def innovation_files(root: Path) -> dict[str, str]:
    folder = root / FOLDER
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())}


def problems(plan) -> list[str]:
    return [plan.describe(p, "en") for p in sorted(plan.problems)]


# --- Round trips ------------------------------------------------------------------------------------


def test_csv_round_trip(root, tmp_path):
    sheet = write_csv(tmp_path / "inovasi.csv", GOOD_ROWS)
    before = innovation_files(root)
    plan = plan_import(sheet, root, REGION)
    assert (problems(plan), list(plan.new)) == (
        [],
        [f"{FOLDER}/sistem-antrean-puskesmas-daring.yml", f"{FOLDER}/kafe-inovasi-ruang-belajar.yml"],
    )
    assert innovation_files(root) == before  # planning writes nothing
    assert apply(plan, root) == list(plan.new)
    files = innovation_files(root)
    assert files["sistem-antrean-puskesmas-daring.yml"] == FIRST_FILE
    assert files["kafe-inovasi-ruang-belajar.yml"] == SECOND_FILE
    assert check(root).ok
    again = plan_import(sheet, root, REGION)
    assert (again.problems, again.new, len(again.files)) == ([], {}, 2)
    assert again.report("id") == f"Tidak ada yang berubah: 2 inovasi di berkas ini sudah ada di {FOLDER}.\n"
    assert innovation_files(root) == files


@pytest.mark.parametrize("written", ["1 Februari 2021", "Senin, 1 Feb 2021", "01-02-2021", "01.02.2021"])
def test_a_date_written_out_is_read_as_the_checker_reads_it(root, tmp_path, written):
    rows = [{**GOOD_ROWS[0], "Waktu Uji Coba": written}]
    plan = plan_import(write_csv(tmp_path / "inovasi.csv", rows), root, REGION)
    assert problems(plan) == []
    (text, _) = plan.files[f"{FOLDER}/sistem-antrean-puskesmas-daring.yml"]
    assert "trial_date: 2021-02-01\n" in text


def test_xlsx_round_trip(root, tmp_path):
    rows: list[dict[str, object]] = [dict(row) for row in GOOD_ROWS]
    # Date cells, as a spreadsheet stores what people type into the template's date columns.
    rows[0]["Waktu Uji Coba"] = dt.datetime(2021, 2, 1)
    rows[0]["Waktu Penerapan"] = dt.date(2022, 3, 1)
    sheet = write_xlsx(tmp_path / "inovasi.xlsx", rows)
    plan = plan_import(sheet, root, REGION)
    assert problems(plan) == []
    apply(plan, root)
    files = innovation_files(root)
    assert (files["sistem-antrean-puskesmas-daring.yml"], files["kafe-inovasi-ruang-belajar.yml"]) == (
        FIRST_FILE,
        SECOND_FILE,
    )
    assert check(root).ok
    assert plan_import(sheet, root, REGION).new == {}


def test_csv_and_xlsx_of_one_sheet_give_the_same_files(root, tmp_path):
    from_csv = plan_import(write_csv(tmp_path / "a.csv", GOOD_ROWS), root, REGION)
    from_xlsx = plan_import(write_xlsx(tmp_path / "a.xlsx", GOOD_ROWS), root, REGION)  # type: ignore[arg-type]
    assert from_csv.new == from_xlsx.new


def fill(sheet, rows: list[dict[str, object]], first: int = 2) -> None:
    """Write rows under a sheet's header, as a person types them."""
    header = [cell.value for cell in sheet[1]]
    for number, row in enumerate(rows, start=first):
        for column, name in enumerate(header, start=1):
            sheet.cell(row=number, column=column, value=row.get(str(name)) or None)


def template_book():
    return openpyxl.load_workbook(TEMPLATES / "inovasi.xlsx")


def book_with_a_year_sheet():
    """The template with a copy of its sheet named for a year, as agencies keep one a year."""
    book = template_book()
    year = book.copy_worksheet(book["Inovasi"])
    year.title = "2025"
    return book, year


def test_rows_on_every_sheet_with_the_template_header_are_imported(root, tmp_path):
    book, year = book_with_a_year_sheet()
    fill(book["Inovasi"], GOOD_ROWS[:1])
    fill(year, GOOD_ROWS[1:])
    book.save(tmp_path / "two.xlsx")
    plan = plan_import(tmp_path / "two.xlsx", root, REGION)
    assert problems(plan) == []
    assert sorted(plan.new) == [
        f"{FOLDER}/kafe-inovasi-ruang-belajar.yml",
        f"{FOLDER}/sistem-antrean-puskesmas-daring.yml",
    ]
    assert plan.new[f"{FOLDER}/kafe-inovasi-ruang-belajar.yml"] == SECOND_FILE


def test_a_sheet_without_the_template_header_is_named_and_refused(root, tmp_path):
    book = template_book()
    fill(book["Inovasi"], GOOD_ROWS)
    notes = book.create_sheet("Catatan")
    notes["A1"] = "Daftar usulan tahun depan"
    notes["A2"] = "Posyandu digital"
    book.create_sheet("Kosong")  # an empty sheet holds nothing to lose
    book.save(tmp_path / "notes.xlsx")
    plan = plan_import(tmp_path / "notes.xlsx", root, REGION)
    assert problems(plan) == [
        'notes.xlsx: sheet "Catatan": This sheet is not read: its row 1 is not the template\'s header row (no '
        'known column, such as "Nama Inovasi"). Copy the template\'s header into row 1, move its rows to a '
        "sheet that has it, or delete this sheet."
    ]
    assert apply(plan, root) == []


def test_problems_name_the_sheet_and_a_name_repeated_on_another_sheet(root, tmp_path):
    book, year = book_with_a_year_sheet()
    fill(book["Inovasi"], GOOD_ROWS)
    fill(year, [{**GOOD_ROWS[1], "Jenis Inovasi": "Digitall"}, GOOD_ROWS[1]])
    book.save(tmp_path / "x.xlsx")
    plan = plan_import(tmp_path / "x.xlsx", root, REGION)
    assert problems(plan) == [
        'x.xlsx: sheet "2025": row 2, column D (Jenis Inovasi): "Digitall" is not recognised. Choose one of: '
        "Digital, Non-digital.",
        'x.xlsx: sheet "2025": row 3, column A (Nama Inovasi): This name gives the id '
        '"kafe-inovasi-ruang-belajar", as sheet "Inovasi" row 3 does. Make the names differ.',
    ]
    assert (
        plan.report("id")
        .splitlines()[1]
        .startswith('x.xlsx: lembar "2025": baris 3, kolom A (Nama Inovasi):')
    )


def test_merged_cells_are_named_not_called_empty(root, tmp_path):
    book = template_book()
    sheet = book["Inovasi"]
    fill(sheet, [GOOD_ROWS[0], {**GOOD_ROWS[0], "Nama Inovasi": "Antrean Kedua", "Urusan Pemerintahan": ""}])
    sheet.merge_cells("F2:F3")  # one "Urusan Pemerintahan" meant for both rows
    book.save(tmp_path / "merged.xlsx")
    plan = plan_import(tmp_path / "merged.xlsx", root, REGION)
    assert problems(plan) == [
        'merged.xlsx: sheet "Inovasi": row 2, column F (Urusan Pemerintahan): Cells F2:F3 are merged: the value '
        "is stored in the first cell only, and the others are empty to the import. Unmerge the cells and fill "
        "in each one."
    ]


def test_a_formula_without_a_saved_value_is_named_and_one_with_a_value_is_read(root, tmp_path):
    book = template_book()
    sheet = book["Inovasi"]
    fill(sheet, GOOD_ROWS)
    sheet["N2"] = "=A2"  # openpyxl, like some programs, saves formulas without their results
    book.save(tmp_path / "formula.xlsx")
    plan = plan_import(tmp_path / "formula.xlsx", root, REGION)
    assert problems(plan) == [
        'formula.xlsx: sheet "Inovasi": row 2, column N (Ringkasan): This cell holds a formula (=A2) with no '
        "saved result, perhaps because the program that saved the file does not calculate formulas. Open and "
        "save it again in Excel or LibreOffice, or copy it and paste it as values (Paste Special → Values)."
    ]
    # The same workbook as a spreadsheet program saves it: the formula's result beside it.
    saved = tmp_path / "saved.xlsx"
    with zipfile.ZipFile(tmp_path / "formula.xlsx") as source, zipfile.ZipFile(saved, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                cell = re.search(rb'<c r="N2"[^>]*><f>A2</f><v\s*/?>(</v>)?</c>', data)
                assert cell is not None
                data = data.replace(
                    cell.group(), b'<c r="N2" t="str"><f>A2</f><v>Ringkasan dari rumus.</v></c>'
                )
            target.writestr(info, data)
    plan = plan_import(saved, root, REGION)
    assert problems(plan) == []
    assert "summary: Ringkasan dari rumus.\n" in plan.new[f"{FOLDER}/sistem-antrean-puskesmas-daring.yml"]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_the_row_limit_counts_every_sheet_and_says_to_split(root, tmp_path, monkeypatch, kind):
    monkeypatch.setattr(sheets, "MAX_ROWS", 2)
    rows = [{**GOOD_ROWS[1], "Nama Inovasi": f"Ruang Belajar {n}"} for n in range(3)]
    if kind == "csv":
        path = write_csv(tmp_path / "big.csv", rows)
    else:
        book, year = book_with_a_year_sheet()
        fill(book["Inovasi"], rows[:2])
        fill(year, rows[2:])
        path = tmp_path / "big.xlsx"
        book.save(path)
    plan = plan_import(path, root, REGION)
    assert problems(plan) == [
        f"big.{kind}: This file holds more than 2 innovation rows (all its sheets counted). Split it into files "
        "of at most 2 rows each, and import them one by one."
    ]
    assert "Bagi menjadi beberapa berkas" in plan.report("id")
    monkeypatch.setattr(sheets, "MAX_ROWS", 3)
    assert problems(plan_import(path, root, REGION)) == []


def test_excel_indonesian_csv_with_semicolons_and_bom(root, tmp_path):
    sheet = write_csv(tmp_path / "excel.csv", GOOD_ROWS, delimiter=";")
    sheet.write_bytes(b"\xef\xbb\xbf" + sheet.read_bytes())
    plan = plan_import(sheet, root, REGION)
    assert problems(plan) == []
    assert plan.new[f"{FOLDER}/sistem-antrean-puskesmas-daring.yml"] == FIRST_FILE


def test_headers_and_labels_ignore_case_spaces_and_hyphens(root, tmp_path):
    header = [
        "nama  inovasi",
        "TAHAPAN INOVASI",
        "jenis-inovasi",
        "form",
        "Government affairs",
        "perangkat_daerah",
        "ringkasan",
    ]
    row = {
        "nama  inovasi": "Satu",
        "TAHAPAN INOVASI": "  uji   COBA ",
        "jenis-inovasi": "NON-DIGITAL",
        "form": "Inovasi pelayanan publik",
        "Government affairs": "kesehatan;SOSIAL",
        "perangkat_daerah": "SETDA",
        "ringkasan": "Satu.",
    }
    plan = plan_import(write_csv(tmp_path / "x.csv", [row], header), root, REGION)
    assert problems(plan) == []
    text = plan.new[f"{FOLDER}/satu.yml"]
    assert "stage: trial\nkind: non-digital\nform: public-service\naffairs: [health, social]\n" in text


# --- Bad rows ---------------------------------------------------------------------------------------


def test_bad_rows_are_reported_with_row_and_column_and_nothing_is_written(root, tmp_path):
    bad = [
        GOOD_ROWS[1],  # row 2 is fine, and still not written
        {**GOOD_ROWS[0], "Tahapan Inovasi": "Ujicoba massal", "Jenis Inovasi": "Digitall"},  # row 3
        {
            **GOOD_ROWS[0],
            "Nama Inovasi": "Dua",
            "Waktu Uji Coba": "31/02/2021",
            "Perangkat Daerah": "Bappeda",
        },
        {
            **GOOD_ROWS[0],
            "Nama Inovasi": "Tiga",
            "Ringkasan": "",
            "Bentuk Inovasi Daerah": "Tata kelola; Lainnya",
        },
        {**GOOD_ROWS[1], "Nama Inovasi": "kafe inovasi ruang belajar"},  # row 6: the id of row 2
        {**GOOD_ROWS[0], "Nama Inovasi": "Empat", "Waktu Uji Coba": "2023-01-01"},  # after implementation
        {**GOOD_ROWS[0], "Nama Inovasi": "Lima\u202e", "Urusan Pemerintahan": ""},
    ]
    before = innovation_files(root)
    plan = plan_import(write_csv(tmp_path / "inovasi.csv", bad), root, REGION)
    assert problems(plan) == [
        'inovasi.csv: row 3, column B (Tahapan Inovasi): "Ujicoba massal" is not recognised. Choose one of: '
        "Inisiatif, Uji coba, Penerapan.",
        'inovasi.csv: row 3, column D (Jenis Inovasi): "Digitall" is not recognised. Choose one of: '
        "Digital, Non-digital.",
        'inovasi.csv: row 4, column G (Waktu Uji Coba): "31/02/2021" is not a valid date. Write YYYY-MM-DD '
        "(2021-02-01) or DD/MM/YYYY (01/02/2021).",
        'inovasi.csv: row 4, column M (Perangkat Daerah): "Bappeda" is not an agency of Sumedang. Write the id, '
        "acronym or name of one of: diskominfosanditik (Diskominfosanditik), setda (Setda).",
        "inovasi.csv: row 5, column E (Bentuk Inovasi Daerah): This column takes one value only.",
        "inovasi.csv: row 5, column N (Ringkasan): This column must be filled in.",
        'inovasi.csv: row 6, column A (Nama Inovasi): This name gives the id "kafe-inovasi-ruang-belajar", '
        "as row 2 does. Make the names differ.",
        "inovasi.csv: row 7, column H (Waktu Penerapan): The implementation date is before the trial date. "
        "Check both dates.",
        "inovasi.csv: row 8, column A (Nama Inovasi): This cell holds a hidden or control character (U+202E). "
        "Retype it.",
        "inovasi.csv: row 8, column F (Urusan Pemerintahan): This column must be filled in.",
    ]
    assert plan.report("id").endswith("10 masalah di berkas ini; tidak ada berkas yang ditulis.\n")
    assert apply(plan, root) == []
    assert innovation_files(root) == before


def test_header_problems(root, tmp_path):
    header = [h for h in HEADER if h != "Jenis Inovasi"] + ["Warna", "Nama Inovasi"]
    plan = plan_import(write_csv(tmp_path / "x.csv", [GOOD_ROWS[0]], header), root, REGION)
    found = problems(plan)
    assert (
        found[0]
        == 'x.csv: row 1: The required column "Jenis Inovasi" is missing from the header row (row 1).'
    )
    warna, again = (get_column_letter(len(header) - n) for n in (1, 0))
    assert found[1].startswith(
        f'x.csv: row 1, column {warna} (Warna): Unknown column "Warna". Known columns: Nama Inovasi,'
    )
    assert (
        found[2]
        == f'x.csv: row 1, column {again} (Nama Inovasi): Column "Nama Inovasi" appears twice (also column A).'
    )
    assert len(found) == 3


def test_an_existing_file_with_other_content_is_never_overwritten(root, tmp_path):
    sheet = write_csv(tmp_path / "x.csv", GOOD_ROWS)
    apply(plan_import(sheet, root, REGION), root)
    target = root / FOLDER / "kafe-inovasi-ruang-belajar.yml"
    edited = target.read_text(encoding="utf-8") + "tags: [belajar]\n"
    target.write_text(edited, encoding="utf-8")
    plan = plan_import(sheet, root, REGION)
    assert problems(plan) == [
        f"x.csv: row 3: {FOLDER}/kafe-inovasi-ruang-belajar.yml already exists with different content. "
        "Update that file directly, or delete it first if this sheet is right."
    ]
    assert target.read_text(encoding="utf-8") == edited


def test_empty_template_and_unreadable_files(root, tmp_path):
    plan = plan_import(TEMPLATES / "inovasi.csv", root, REGION)
    assert problems(plan) == ["inovasi.csv: The sheet has no innovation rows below its header row."]
    latin = tmp_path / "latin.csv"
    latin.write_bytes("Nama Inovasi\nKafé\n".encode("latin-1"))
    assert problems(plan_import(latin, root, REGION)) == [
        "latin.csv: This file cannot be read as a spreadsheet: not UTF-8 text (save the CSV as UTF-8)."
    ]
    fake = tmp_path / "fake.xlsx"
    fake.write_text("not a zip")
    assert problems(plan_import(fake, root, REGION))[0].startswith(
        "fake.xlsx: This file cannot be read as a spreadsheet: not a readable XLSX workbook"
    )


def test_one_problem_reads_right_in_english(root, tmp_path):
    latin = tmp_path / "latin.csv"
    latin.write_bytes("Nama Inovasi\nKafé\n".encode("latin-1"))
    assert (
        plan_import(latin, root, REGION)
        .report("en")
        .endswith("Problems in this file: 1. No file was written.\n")
    )


# The file is named by the line's start and again by SheetError's text (sheets.py puts `{path.name}:`
# in front of every message): the owner of sheets.py removes that prefix, then this passes.
def test_an_unreadable_file_is_named_once(root, tmp_path):
    latin = tmp_path / "latin1.csv"
    latin.write_bytes("Nama Inovasi\nKafé\n".encode("latin-1"))
    assert problems(plan_import(latin, root, REGION))[0].count("latin1.csv") == 1


# --- The template -----------------------------------------------------------------------------------


def test_shipped_templates_are_what_the_generator_writes(tmp_path):
    written = write_templates(tmp_path)
    assert [p.name for p in written] == ["inovasi.csv", "inovasi.xlsx"]
    for path in written:
        assert path.read_bytes() == (TEMPLATES / path.name).read_bytes(), (
            f"docs/templat/{path.name} is stale: run `katalog import-template`"
        )


def test_template_columns_follow_the_innovation_index_form():
    assert HEADER == [
        "Nama Inovasi",
        "Tahapan Inovasi",
        "Inisiator Inovasi",
        "Jenis Inovasi",
        "Bentuk Inovasi Daerah",
        "Urusan Pemerintahan",
        "Waktu Uji Coba",
        "Waktu Penerapan",
        "Rancang Bangun",
        "Tujuan Inovasi",
        "Manfaat yang Diperoleh",
        "Hasil Inovasi",
        "Perangkat Daerah",
        "Ringkasan",
        # Beyond the form, after its columns.
        "Permasalahan",
        "Penerima Manfaat",
    ]
    book = openpyxl.load_workbook(TEMPLATES / "inovasi.xlsx")
    assert book.sheetnames == ["Inovasi", "Pilihan", "Petunjuk"]
    assert [c.value for c in book["Inovasi"][1]] == HEADER
    lists = {str(v.sqref): v.formula1 for v in book["Inovasi"].data_validations.dataValidation}
    assert lists["B2:B1000"] == "'Pilihan'!$A$2:$A$4"
    assert [c.value for c in book["Pilihan"]["A"] if c.value][1:] == ["Inisiatif", "Uji coba", "Penerapan"]


# --- The command ----------------------------------------------------------------------------------


def katalog(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(KATALOG), *args], cwd=REPO, capture_output=True, text=True, timeout=60, check=False
    )


def test_command(root, tmp_path):
    sheet = str(write_csv(tmp_path / "inovasi.csv", GOOD_ROWS))
    shown = katalog("import", sheet, "--region", REGION, "--root", str(root))
    assert shown.returncode == 0, shown.stderr
    assert f"+++ b/{FOLDER}/sistem-antrean-puskesmas-daring.yml" in shown.stdout
    assert shown.stdout.endswith(
        "2 berkas baru, 0 tidak berubah. Jalankan lagi dengan --write untuk menulisnya.\n"
    )
    written = katalog("import", sheet, "--region", REGION, "--root", str(root), "--write", "--lang", "en")
    assert (written.returncode, written.stdout) == (0, f"2 files written to {FOLDER}, 0 unchanged.\n")
    assert check(root).ok
    unknown = katalog("import", sheet, "--region", "kota-atlantis", "--root", str(root))
    assert (unknown.returncode, unknown.stderr) == (
        2,
        "katalog import: no region kota-atlantis: regions/kota-atlantis.yml does not exist\n",
    )
    bad = write_csv(tmp_path / "bad.csv", [{**GOOD_ROWS[0], "Nama Inovasi": "Baru", "Jenis Inovasi": "x"}])
    refused = katalog("import", str(bad), "--region", REGION, "--root", str(root))
    assert refused.returncode == 1
    assert "bad.csv: baris 2, kolom D (Jenis Inovasi):" in refused.stdout


def test_a_cell_that_would_start_a_formula_is_imported_with_a_warning(root, tmp_path):
    """`katalog import` keeps the value (the exports neutralise it) but says where it is."""
    formula = '=HYPERLINK("https://contoh.invalid","Klik")'
    sheet = write_csv(tmp_path / "rumus.csv", [{**GOOD_ROWS[1], "Ringkasan": formula}])
    shown = katalog("import", str(sheet), "--region", REGION, "--root", str(root))
    assert shown.returncode == 0, shown.stdout
    warning = next(line for line in shown.stdout.splitlines() if "rumus" in line)
    assert warning.startswith("rumus.csv: baris 2, kolom ") and '"=HYPERLINK(' in warning
    written = katalog("import", str(sheet), "--region", REGION, "--root", str(root), "--write")
    assert written.returncode == 0 and "rumus.csv: baris 2" in written.stdout

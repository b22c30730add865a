"""Spreadsheets as plain rows: read a CSV or XLSX sheet, write the innovation template.

Everything here is about the file formats; what the columns mean is `spreadsheet.py`'s business.
XLSX goes through openpyxl, imported only when an XLSX file is read or written.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# The sheet the template names, where its rows go.
SHEET_NAME = "Inovasi"
# Data rows a file may hold, over all its sheets: a region's whole innovation list fits many times over.
MAX_ROWS = 5_000
# Fixed ZIP entry times, so that the template is byte-identical however often it is regenerated.
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
_TEMPLATE_TIME = dt.datetime(2025, 1, 1)
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


class SheetError(Exception):
    """The file is not a sheet we can read (format, encoding, size).

    Attributes:
        code: why, as a key of the import's messages (`reasons` in data/spreadsheet.yml, or
            "too-many-rows").
        detail: what the reader said, where it says more than the code.
    """

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


@dataclass(frozen=True, slots=True)
class Sheet:
    """A sheet's header and data rows, cells as text (dates as YYYY-MM-DD). Rows are numbered as the
    spreadsheet shows them (the header is row 1), columns from 0.

    Attributes:
        header: the first row.
        rows: (row number, cells) for each row after the first that is not empty.
        name: the sheet's name in its workbook; "" for a CSV file.
        merged: (row, column, range such as "B2:B4") of each merged range whose first cell holds a
            value: the import sees that value in the first cell only.
        covered: the other cells of those ranges, which read as empty.
        formulas: formula cells saved without a computed value, (row, column) → the formula.
    """

    header: list[str]
    rows: list[tuple[int, list[str]]]
    name: str = ""
    merged: tuple[tuple[int, int, str], ...] = ()
    covered: frozenset[tuple[int, int]] = frozenset()
    formulas: Mapping[tuple[int, int], str] = field(default_factory=dict)


def column_letter(index: int) -> str:
    """A 0-based column index as a spreadsheet shows it: 0 → A, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def read_sheets(path: Path, ignore: Collection[str] = ()) -> list[Sheet]:
    """Read a `.csv` file (one sheet) or every sheet of an `.xlsx` workbook that holds anything.

    Args:
        ignore: names of sheets not to read (the template's help sheets), compared without case.

    Raises:
        SheetError: the file cannot be read as a sheet, or holds more than MAX_ROWS rows in all.
    """
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return [Sheet(*_header_and_rows(_csv_rows(path)))]
    if suffix == ".xlsx":
        return _xlsx_sheets(path, {name.casefold() for name in ignore})
    raise SheetError("not-a-sheet")


def _header_and_rows(
    rows: list[list[str]], formula_rows: Collection[int] = ()
) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the rows that hold something (a formula without a value counts)."""
    if not rows:
        return [], []
    body = [
        (number, cells)
        for number, cells in enumerate(rows[1:], start=2)
        if any(c.strip() for c in cells) or number in formula_rows
    ]
    return [c.strip() for c in rows[0]], body


class _RowLimit:
    """Counts the data rows read over all of a file's sheets; more than MAX_ROWS is refused."""

    def __init__(self) -> None:
        self.count = 0

    def read(self, number: int, cells: list[str]) -> list[str]:
        """`cells`, the row `number` of a sheet, once counted."""
        if number > 1 and any(c.strip() for c in cells):
            self.count += 1
            if self.count > MAX_ROWS:
                raise SheetError("too-many-rows", str(MAX_ROWS))
        return cells


def _csv_rows(path: Path) -> list[list[str]]:
    try:
        # utf-8-sig: Excel writes a byte order mark in front of UTF-8 CSV.
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise SheetError("not-utf8") from error
    except OSError as error:
        raise SheetError("os-error", f"{error.strerror or error}") from error
    first_line = text.split("\n", 1)[0]
    # Excel set to Indonesian separates cells with semicolons (the comma is the decimal mark).
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    limit = _RowLimit()
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return [
            limit.read(number, [cell.replace("\r\n", "\n") for cell in row])
            for number, row in enumerate(rows, start=1)
        ]
    except csv.Error as error:
        raise SheetError("bad-csv", str(error)) from error


def _xlsx_sheets(path: Path, ignore: set[str]) -> list[Sheet]:
    """Two readings: a streaming one of the saved values, which also stops an oversized workbook
    early, then (only for a workbook within the limit) a full one of formulas and merged cells."""
    import openpyxl  # only XLSX needs it: CSV imports work without it
    from openpyxl.utils.exceptions import InvalidFileException

    unreadable = (OSError, InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError)
    try:
        # data_only reads a formula's last computed value, not its text.
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except unreadable as error:
        raise SheetError("bad-xlsx", str(error)) from error
    values: dict[str, list[list[str]]] = {}
    limit = _RowLimit()
    try:
        for sheet in book.worksheets:
            if sheet.title.casefold() in ignore:
                continue
            rows = _trimmed(
                [
                    limit.read(number, [_cell_text(value) for value in row])
                    for number, row in enumerate(sheet.iter_rows(values_only=True), start=1)
                ]
            )
            if rows:
                values[sheet.title] = rows
    finally:
        book.close()
    if not values:
        return []
    try:
        full = openpyxl.load_workbook(path, data_only=False)
    except unreadable as error:
        raise SheetError("bad-xlsx", str(error)) from error
    return [_with_formulas_and_merges(full[name], rows) for name, rows in values.items()]


def _trimmed(rows: list[list[str]]) -> list[list[str]]:
    """Rows without the empty ones at the end (a template formats a thousand rows ahead)."""
    while rows and not any(c.strip() for c in rows[-1]):
        rows.pop()
    return rows


def _with_formulas_and_merges(sheet: Any, rows: list[list[str]]) -> Sheet:
    formulas = {}
    for row in sheet.iter_rows(min_row=1, max_row=len(rows)):
        for cell in row:
            number, column = cell.row, cell.column - 1
            if cell.data_type == "f" and not _text_at(rows, number, column):
                formulas[(number, column)] = str(cell.value)
    merged = []
    covered = set()
    for cells in sorted(sheet.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col)):
        if not _text_at(rows, cells.min_row, cells.min_col - 1):
            continue  # an empty merged block gives nothing to lose
        merged.append((cells.min_row, cells.min_col - 1, cells.coord))
        for number in range(cells.min_row, cells.max_row + 1):
            for column in range(cells.min_col - 1, cells.max_col):
                covered.add((number, column))
        covered.discard((cells.min_row, cells.min_col - 1))
    header, body = _header_and_rows(rows, {number for number, _ in formulas})
    return Sheet(header, body, sheet.title, tuple(merged), frozenset(covered), formulas)


def _text_at(rows: list[list[str]], number: int, column: int) -> str:
    if number > len(rows) or column >= len(rows[number - 1]):
        return ""
    return rows[number - 1][column].strip()


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        # A date cell; a time of day on it would be a typing slip, and is dropped.
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).replace("\r\n", "\n")


# --- The template -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TemplateColumn:
    """One column of the template: header, whether it must be filled, help text, allowed labels."""

    header: str
    required: bool
    help: str
    choices: Sequence[str] = ()
    several: bool = False  # several values in one cell, separated by the list separator
    date: bool = False


def template_csv(columns: Sequence[TemplateColumn]) -> bytes:
    """The CSV template: the header row alone."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow([c.header for c in columns])
    return out.getvalue().encode("utf-8")


def template_xlsx(columns: Sequence[TemplateColumn], labels: dict[str, str]) -> bytes:
    """The XLSX template: the sheet to fill, a help sheet, and drop-down lists of allowed labels.

    Args:
        columns: the template's columns, in order.
        labels: the texts of the workbook itself: sheet names "help" and "choices", and the help
            sheet's headers "column", "required", "content", "allowed", "yes", "no".
    """
    import openpyxl
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET_NAME
    choices = book.create_sheet(labels["choices"])
    guide = book.create_sheet(labels["help"])
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    wrap = Alignment(wrap_text=True, vertical="top")
    last_row = 1000  # drop-downs and date formats reach this far
    choice_column = 0
    for index, column in enumerate(columns):
        letter = column_letter(index)
        cell = sheet.cell(row=1, column=index + 1, value=column.header)
        cell.font, cell.fill, cell.alignment = bold, fill, wrap
        sheet.column_dimensions[letter].width = 40 if column.choices or len(column.header) > 20 else 24
        if column.date:
            for row in range(2, last_row + 1):
                sheet.cell(row=row, column=index + 1).number_format = "yyyy-mm-dd"
        if column.choices:
            choice_letter = column_letter(choice_column)
            choice_column += 1
            choices.cell(row=1, column=choice_column, value=column.header).font = bold
            for row, label in enumerate(column.choices, start=2):
                choices.cell(row=row, column=choice_column, value=label)
            choices.column_dimensions[choice_letter].width = 48
            source = f"'{labels['choices']}'!${choice_letter}$2:${choice_letter}${len(column.choices) + 1}"
            # A cell with several values (affairs) may hold text the list does not: warn, never refuse.
            rule = DataValidation(type="list", formula1=source, allow_blank=True)
            rule.showErrorMessage = not column.several
            sheet.add_data_validation(rule)
            rule.add(f"{letter}2:{letter}{last_row}")
    sheet.freeze_panes = "A2"
    heads = [labels["column"], labels["required"], labels["content"], labels["allowed"]]
    for index, text in enumerate(heads, start=1):
        guide.cell(row=1, column=index, value=text).font = bold
    for row, column in enumerate(columns, start=2):
        values = [
            column.header,
            labels["yes"] if column.required else labels["no"],
            column.help,
            "; ".join(column.choices),
        ]
        for index, value in enumerate(values, start=1):
            guide.cell(row=row, column=index, value=value).alignment = wrap
    for letter, width in zip("ABCD", (28, 10, 70, 70), strict=True):
        guide.column_dimensions[letter].width = width
    book.properties.creator = "katalog"
    book.properties.created = book.properties.modified = _TEMPLATE_TIME
    raw = io.BytesIO()
    book.save(raw)
    return _fixed_zip_times(raw.getvalue())


def _fixed_zip_times(data: bytes) -> bytes:
    """The same workbook without the time it was saved: openpyxl stamps it on every ZIP entry and,
    whatever the workbook says, as the document's modification time."""
    out = io.BytesIO()
    stamp = _TEMPLATE_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_EPOCH)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _MODIFIED.sub(rb"\g<1>" + stamp + rb"\g<2>", content)
            target.writestr(entry, content)
    return out.getvalue()

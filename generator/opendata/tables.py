"""CSV tables of a checked catalogue, one per kind, safe to open in a spreadsheet.

Nested records become `parent.field` columns; lists of records are left out (they are in the JSON),
lists of ids and vocabulary values are joined with `CSV_SEPARATOR`. Markdown texts (an innovation's
description, problem, goals …) are left out too: they are in the JSON and on the record's page
(`page`), and at national scale they would be most of the table (nine tenths of the 158 MiB of
inovasi.csv at 30,000 innovations of several hundred words), in cells no spreadsheet shows well.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from ..content.fields import FieldInfo, input_fields
from ..content.text_safety import FORMULA_START

# Between the items of a list in a CSV cell. Lists in the CSV hold ids and vocabulary values only,
# which never contain it.
CSV_SEPARATOR = "; "


def csv_table(cls: type, first: list[str], rows: list[dict[str, Any]]) -> bytes:
    """The table of `rows` (records of `cls` as JSON data): columns `first`, the model's, then `page`."""
    return _csv([*first, *_csv_columns(cls), "page"], rows)


def _csv_columns(cls: type) -> list[str]:
    columns = []
    for name, info in input_fields(cls).items():
        if info.record is None:
            columns += [name] if _in_table(info) else []
        elif not info.is_list:
            fields = input_fields(info.record).items()
            columns += [f"{name}.{sub}" for sub, s in fields if s.record is None and _in_table(s)]
    return columns


def _in_table(info: FieldInfo) -> bool:
    return info.fmt != "markdown"


def _cell(row: dict[str, Any], column: str) -> str:
    name, _, sub = column.partition(".")
    value = row.get(name)
    if sub:
        value = value.get(sub) if isinstance(value, dict) else None
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return _inert(CSV_SEPARATOR.join(str(item) for item in value))
    return _inert(value) if isinstance(value, str) else str(value)


def _inert(text: str) -> str:
    """Text a spreadsheet shows as text: one that would start a formula gets a ' in front (OWASP's
    rule for CSV injection; docs/data/referensi/index.md). Numbers and dates are written as they are; a phone
    number "+62 …" gets the ' too, which a spreadsheet shows as the number and no formula."""
    return "'" + text if text.startswith(FORMULA_START) else text


def _csv(columns: list[str], rows: list[dict[str, Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row, column) for column in columns])
    return out.getvalue().encode("utf-8")

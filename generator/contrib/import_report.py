"""What `katalog import` says: its settings file, a problem's place in the sheet, and the plan it reports.

A place is named as the spreadsheet shows it: the file, the sheet of a workbook, the row and the
column letter with its header, so that a contributor finds the cell without counting.
"""

from __future__ import annotations

import difflib
import functools
from dataclasses import dataclass, field
from typing import Any

from ..content.data_files import read_data
from ..content.messages import message
from .sheets import column_letter


@functools.cache
def settings() -> dict[str, Any]:
    """`data/spreadsheet.yml`: columns, accepted words and messages."""
    data: dict[str, Any] = read_data("data/spreadsheet.yml")
    return data


def columns() -> list[dict[str, str]]:
    """The template's columns, in order: field, Indonesian and English header."""
    result: list[dict[str, str]] = settings()["columns"]
    return result


def text(section: str, key: str, lang: str, **args: Any) -> str:
    """A text of the settings file, filled in."""
    return str(settings()[section][key][lang].format(**args))


@dataclass(frozen=True, slots=True)
class SheetPlace:
    """A sheet of the file being imported: its name ("" for a CSV file) and its header row."""

    name: str
    header: list[str]


@dataclass(frozen=True, slots=True, order=True)
class RowProblem:
    """A problem in the file. `sheet` indexes the plan's sheets (-1: the whole file); `row` 0: the
    whole sheet; `column` -1: the whole row."""

    sheet: int
    row: int
    column: int
    code: str
    args: tuple[tuple[str, Any], ...] = ()


def problem(sheet: int, row: int, column: int, code: str, **args: Any) -> RowProblem:
    return RowProblem(sheet, row, column, code, tuple(sorted(args.items())))


@dataclass(slots=True)
class ImportPlan:
    """The files a sheet becomes, and its problems (then nothing may be written)."""

    file: str
    folder: str
    sheets: list[SheetPlace] = field(default_factory=list)
    files: dict[str, tuple[str, bool]] = field(default_factory=dict)  # rel → (text, exists already)
    problems: list[RowProblem] = field(default_factory=list)
    # What the checker warns of in the new files (a text that would start a formula, …): printed,
    # never a reason to refuse the sheet.
    warnings: list[RowProblem] = field(default_factory=list)

    @property
    def new(self) -> dict[str, str]:
        return {rel: text for rel, (text, exists) in self.files.items() if not exists}

    def describe(self, item: RowProblem, lang: str) -> str:
        """One problem as a line: where it is, then what it is."""
        args = dict(item.args)
        if item.code == "checker":  # a problem of the catalogue checker, in its own words
            args = {"message": message(args["problem"], lang)}
        elif item.code == "unreadable":
            args["detail"] = text("reasons", args["reason"], lang, detail=args.get("detail", ""))
        elif item.code == "duplicate-name":
            args["first"] = self._row_place(args["first_sheet"], args["first_row"], lang)
        return f"{self._place(item, lang)}: {text('messages', item.code, lang, **args)}"

    def _sheet_place(self, sheet: int, lang: str) -> str:
        if sheet < 0 or not self.sheets[sheet].name:
            return text("where", "file", lang, file=self.file)
        return text("where", "sheet", lang, file=self.file, sheet=self.sheets[sheet].name)

    def _row_place(self, sheet: int, row: int, lang: str) -> str:
        name = self.sheets[sheet].name
        return text("where", "sheet-row" if name else "row", lang, sheet=name, row=row)

    def _place(self, item: RowProblem, lang: str) -> str:
        place = self._sheet_place(item.sheet, lang)
        if item.row == 0:
            return place
        if item.column < 0:
            return text("where", "row-of", lang, place=place, row=item.row)
        header = self.sheets[item.sheet].header
        name = header[item.column] if item.column < len(header) else ""
        return text(
            "where", "cell", lang, place=place, row=item.row, column=column_letter(item.column), header=name
        )

    def report(self, lang: str, written: bool = False) -> str:
        """The problems, or the diff of the new files; then a summary line."""
        if self.problems:
            lines = [self.describe(p, lang) for p in sorted(self.problems)]
            lines.append(text("summary", "problems", lang, count=len(self.problems)))
            return "\n".join(lines) + "\n"
        warned = "".join(self.describe(p, lang) + "\n" for p in sorted(self.warnings))
        counts = {"new": len(self.new), "unchanged": len(self.files) - len(self.new), "folder": self.folder}
        if not self.new:
            return text("summary", "nothing", lang, count=len(self.files), folder=self.folder) + "\n"
        if written:
            return warned + text("summary", "written", lang, **counts) + "\n"
        diff = "".join(
            "".join(difflib.unified_diff([], body.splitlines(keepends=True), "/dev/null", f"b/{rel}"))
            for rel, body in self.new.items()
        )
        return diff + warned + text("summary", "plan", lang, **counts) + "\n"

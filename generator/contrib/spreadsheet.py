"""`katalog import`: a sheet of innovations (CSV or XLSX) in, one YAML file per row out.

All or nothing: every row is converted and checked (each cell against its column, then the written
files against the whole catalogue, in a scratch copy) before anything is written, and any problem,
reported with its sheet row and column, stops the import. Re-importing the same sheet writes nothing;
a row whose file exists with other content is a problem, never overwritten, so hand edits made after
an import are not lost.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import shutil
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

from ..content import yamlkeys
from ..content.check import check
from ..content.date_text import written_date
from ..content.fields import FieldInfo, input_fields
from ..content.files import CONTENT_DIRS, INNOVATIONS_DIR, REGIONS_DIR, suggest_id
from ..content.limits import MAX_LENGTH
from ..content.load import load_file
from ..content.model import Innovation, Region
from ..content.text_safety import unsafe_character
from ..content.validate import Validator
from ..content.vocab import vocabulary
from .import_report import ImportPlan, RowProblem, SheetPlace, columns, problem, settings
from .sheets import Sheet, SheetError, column_letter, read_sheets

SCHEMA_COMMENT = "# yaml-language-server: $schema=../../schemas/innovation.schema.json"
_FIELD_ROOT = re.compile(r"[a-z_]+")


def _key(text: str) -> str:
    """How labels and headers are compared: case, spaces, hyphens and underscores do not matter."""
    return " ".join(text.replace("-", " ").replace("_", " ").split()).casefold()


def _report(problems: list[RowProblem], sheet: int, row: int, column: int, code: str, **args: Any) -> None:
    problems.append(problem(sheet, row, column, code, **args))


def plan_import(sheet_path: Path, root: Path, region_id: str) -> ImportPlan:
    """What importing `sheet_path` into `region_id`'s folder would write; nothing is written."""
    plan = ImportPlan(sheet_path.name, f"{INNOVATIONS_DIR}/{region_id}")
    try:
        sheets = read_sheets(sheet_path, ignore=_help_sheet_names())
    except SheetError as error:
        if error.code == "too-many-rows":
            plan.problems.append(problem(-1, 0, -1, "too-many-rows", limit=int(error.detail)))
        else:
            plan.problems.append(problem(-1, 0, -1, "unreadable", reason=error.code, detail=error.detail))
        return plan
    plan.sheets = [SheetPlace(sheet.name, sheet.header) for sheet in sheets]
    chosen = _innovation_sheets(sheets, plan.problems)
    if not any(sheet.rows for _, sheet, _ in chosen):
        plan.problems.append(problem(-1, 0, -1, "no-rows"))
    # Unknown columns are reported with the rows' problems; without a required column no row can pass.
    if any(p.code in ("no-rows", "missing-column") for p in plan.problems):
        return plan
    region = _region(root, region_id)
    rows: dict[str, tuple[int, int]] = {}  # file → (sheet, row)
    for index, sheet, by_column in chosen:
        for row, column, merged in sheet.merged:
            plan.problems.append(problem(index, row, column, "merged-cells", range=merged))
        for number, cells in sheet.rows:
            values = _row_values(index, sheet, number, cells, by_column, region, plan.problems)
            if values is None:
                continue
            ident = _id_from(values["title"])
            rel = f"{plan.folder}/{ident}.yml"
            if rel in rows:
                title = next(i for i, info in by_column.items() if info.name == "title")
                first_sheet, first_row = rows[rel]
                plan.problems.append(
                    problem(
                        index,
                        number,
                        title,
                        "duplicate-name",
                        id=ident,
                        first_sheet=first_sheet,
                        first_row=first_row,
                    )
                )
                continue
            rows[rel] = (index, number)
            text = render(values)
            target = root / rel
            exists = target.is_file()
            if exists and target.read_text(encoding="utf-8") != text:
                plan.problems.append(problem(index, number, -1, "exists", path=rel))
                continue
            plan.files[rel] = (text, exists)
    _check_with_catalogue(root, plan, rows, {index: by_column for index, _, by_column in chosen})
    return plan


def _help_sheet_names() -> set[str]:
    """The template's own sheets of help and drop-down lists, in either language: never rows."""
    return {names[key] for names in settings()["template"].values() for key in ("help", "choices")}


def _innovation_sheets(
    sheets: list[Sheet], problems: list[RowProblem]
) -> list[tuple[int, Sheet, dict[int, FieldInfo]]]:
    """The sheets whose first row names a template column, each with its columns' fields; every
    other sheet is reported, so that no row is left behind unseen. A file where no sheet has such a
    header is read as its first sheet, whose header problems then say what is wrong."""
    known = set(_header_names())
    chosen = [i for i, sheet in enumerate(sheets) if any(_key(h) in known for h in sheet.header if h)]
    if not chosen and sheets:
        chosen = [0]
    for index in range(len(sheets)):
        if index not in chosen:
            problems.append(problem(index, 0, -1, "unread-sheet", example=columns()[0]["id"]))
    return [(index, sheets[index], _map_header(index, sheets[index], problems)) for index in chosen]


@functools.cache
def _header_names() -> dict[str, str]:
    """Every header a column may have (field name, Indonesian, English), compared as keys → field."""
    names = {}
    for column in columns():
        for header in (column["field"], column["id"], column["en"]):
            names[_key(header)] = column["field"]
    return names


def apply(plan: ImportPlan, root: Path) -> list[str]:
    """Write the plan's new files; nothing at all when it has problems. Returns the paths written."""
    if plan.problems:
        return []
    for rel, text in plan.new.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")
    return list(plan.new)


def _region(root: Path, region_id: str) -> Region:
    """The region the sheet is for. Raises ValueError when it is missing or invalid."""
    rel = f"{REGIONS_DIR}/{region_id}.yml"
    path = root / rel
    if not path.is_file():
        raise ValueError(f"no region {region_id}: {rel} does not exist")
    loaded = load_file(path, rel)
    validator = Validator(rel)
    region = validator.record(Region, loaded.root) if loaded.root is not None else None
    if region is None or loaded.problems:
        raise ValueError(f"{rel} has errors; run `katalog check` first")
    assert isinstance(region, Region)
    return region


def _map_header(index: int, sheet: Sheet, problems: list[RowProblem]) -> dict[int, FieldInfo]:
    fields = input_fields(Innovation)
    names = _header_names()
    by_column: dict[int, FieldInfo] = {}
    seen: dict[str, int] = {}
    for column, header in enumerate(sheet.header):
        if not header:
            continue
        name = names.get(_key(header))
        if name is None:
            allowed = ", ".join(c["id"] for c in columns())
            problems.append(problem(index, 1, column, "unknown-column", value=header, allowed=allowed))
        elif name in seen:
            first = column_letter(seen[name])
            problems.append(problem(index, 1, column, "duplicate-column", value=header, first=first))
        else:
            seen[name] = column
            by_column[column] = fields[name]
    for template_column in columns():
        if fields[template_column["field"]].required and template_column["field"] not in seen:
            problems.append(problem(index, 1, -1, "missing-column", value=template_column["id"]))
    return by_column


def _row_values(
    index: int,
    sheet: Sheet,
    number: int,
    cells: list[str],
    by_column: dict[int, FieldInfo],
    region: Region,
    problems: list[RowProblem],
) -> dict[str, Any] | None:
    """One row as field values, or None when any cell is wrong (each problem reported)."""
    before = len(problems)
    values: dict[str, Any] = {}
    merged = False
    for column, info in by_column.items():
        if (number, column) in sheet.covered:
            merged = True  # reported once, with its merged range; the row is not whole without it
            continue
        if (number, column) in sheet.formulas:
            formula = sheet.formulas[(number, column)]
            problems.append(problem(index, number, column, "formula-without-value", formula=formula))
            continue
        text = cells[column].strip() if column < len(cells) else ""
        if not text:
            if info.required:
                problems.append(problem(index, number, column, "missing-value"))
            continue
        multiline = info.fmt in ("prose", "markdown")
        bad = unsafe_character(text, allow_newlines=multiline)
        if bad is not None:
            problems.append(problem(index, number, column, "unsafe-character", codepoint=f"U+{ord(bad):04X}"))
            continue
        report = functools.partial(_report, problems, index, number, column)
        value = _cell_value(info, text, region, report)
        if value is not None:
            values[info.name] = value
    return values if len(problems) == before and not merged else None


def _cell_value(info: FieldInfo, text: str, region: Region, report: Any) -> Any:
    items = [i.strip() for i in re.split(rf"[{settings()['separator']}\n]", text) if i.strip()]
    if info.kind == "date":
        return _date(text, report)
    if info.fmt == "vocab":
        assert info.vocab is not None
        if not info.is_list and len(items) > 1:
            report("one-value")
            return None
        found = [_vocab_value(info.vocab, item, report) for item in items]
        if None in found:
            return None
        return tuple(dict.fromkeys(found)) if info.is_list else found[0]
    if info.fmt == "agency-ref":
        agencies: dict[str, str] = {}
        for agency in region.agencies:
            for text_ in (agency.id, agency.acronym, agency.name):
                agencies.setdefault(_key(text_), agency.id)
        found = [agencies.get(_key(item)) for item in items]
        for item, agency_id in zip(items, found, strict=True):
            if agency_id is None:
                allowed = ", ".join(f"{a.id} ({a.acronym})" for a in region.agencies) or "-"
                report("unknown-agency", value=item, region=region.name, allowed=allowed)
        return None if None in found else tuple(dict.fromkeys(found))
    if info.fmt not in ("prose", "markdown") and "\n" in text:
        report("multiline")
        return None
    return text.replace("\r\n", "\n")


def _date(text: str, report: Any) -> dt.date | None:
    """A cell's date: YYYY-MM-DD, or as the checker reads a date written out ("4 Juli 2025")."""
    try:
        return dt.datetime.strptime(text, "%Y-%m-%d").date()
    except ValueError:
        found = written_date(text)
    if found is None:
        report("bad-date", value=text)
    return found


def _vocab_value(name: str, text: str, report: Any) -> str | None:
    table = _labels(name)
    value = table.get(_key(text))
    if value is None:
        allowed = ", ".join(v["id"] for v in vocabulary(name).values.values())
        report("bad-label", value=text, allowed=allowed)
    return value


@functools.cache
def _labels(name: str) -> dict[str, str]:
    """Every way of writing a vocabulary's values (value, Indonesian, English label, aliases)."""
    table: dict[str, str] = {}
    for value, labels in vocabulary(name).values.items():
        for text in (value, labels["id"], labels["en"]):
            table.setdefault(_key(text), value)
    for alias, value in settings()["aliases"].get(name, {}).items():
        table.setdefault(_key(alias), value)
    return table


def _id_from(title: str) -> str:
    """The file name of an innovation: its name in ASCII kebab-case, cut at a word within the limit."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    ident = suggest_id(ascii_title)
    limit = MAX_LENGTH["id"]
    if len(ident) > limit:
        ident = ident[: limit + 1].rsplit("-", 1)[0]
    return ident


def render(values: dict[str, Any]) -> str:
    """The YAML file of one innovation: fields in model order, in the house layout."""
    lines = [SCHEMA_COMMENT]
    for name, info in input_fields(Innovation).items():
        value = values.get(name)
        if value is None:
            continue
        if info.is_list:
            lines.append(f"{name}: {yamlkeys.flow_list(list(value))}")
        elif info.kind == "date":
            lines.append(f"{name}: {value.isoformat()}")
        elif info.fmt == "prose":
            lines.append(yamlkeys.prose(name, value))
        elif info.fmt == "markdown":
            lines.append(yamlkeys.markdown(name, value))
        else:
            lines.append(f"{name}: {yamlkeys.scalar(value)}")
    return "\n".join(lines) + "\n"


def _check_with_catalogue(
    root: Path, plan: ImportPlan, rows: dict[str, tuple[int, int]], fields: dict[int, dict[int, FieldInfo]]
) -> None:
    """Check the new files together with the catalogue, in a scratch copy; report what they break.

    Args:
        rows: the sheet and row each new file comes from.
        fields: by sheet, its columns' fields.
    """
    if not plan.new:
        return
    with tempfile.TemporaryDirectory(prefix="katalog-import-") as scratch:
        copy = Path(scratch)
        for name in CONTENT_DIRS:
            if (root / name).is_dir():
                shutil.copytree(root / name, copy / name, symlinks=True)
        for rel, text in plan.new.items():
            (copy / rel).parent.mkdir(parents=True, exist_ok=True)
            (copy / rel).write_text(text, encoding="utf-8")
        result = check(copy)
    for item in result.problems:
        if item.path not in plan.new:
            continue
        sheet, row = rows[item.path]
        root_field = _FIELD_ROOT.match(item.field)
        name = root_field.group() if root_field else ""
        column = next((i for i, info in fields[sheet].items() if info.name == name), -1)
        found = plan.problems if item.severity == "error" else plan.warnings
        found.append(problem(sheet, row, column, "checker", problem=item))

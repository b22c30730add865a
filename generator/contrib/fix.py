"""`katalog fix`: repair what can be repaired mechanically without changing meaning, and nothing else.

The repairs: file names to kebab-case `.yml` (when the new name is free), unquoted region codes
(`code: 32.10` → `code: "32.10"`, from the text as written, never from the number YAML reads),
dates written out (`4 Juli 2025`, `04/07/2025` → `2025-07-04`, in date fields only), a missing final newline, trailing whitespace, and the top-level keys in the model's order, each
key moving with its comments and lines.

Every content repair is checked before it is kept: the file is parsed again and its values must
be the same as before (quoting the code keeps its text; the other repairs keep values and types).
A repair that would change a value is dropped. Files whose YAML cannot be read are left alone.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..content.date_text import written_date
from ..content.fields import FieldInfo, input_fields
from ..content.files import (
    AGREEMENTS_DIR,
    IGNORED_NAMES,
    INNOVATIONS_DIR,
    REGIONS_DIR,
    VISITS_DIR,
    suggest_id,
)
from ..content.load import Mapping, Node, Scalar, Sequence, parse, read_text
from ..content.model import Agreement, Innovation, Region, Visit
from ..content.validate import ID_PATTERN

# The repairs, in the order they are made (the order also names them in reports).
KINDS = ("rename", "code", "date", "newline", "whitespace", "order")
EXTENSIONS = (".yml", ".yaml")
BOM = "\ufeff"


@dataclass(slots=True)
class FileFix:
    """The repairs of one file: its path before and after, its text before and after."""

    old: str
    new: str
    before: str
    after: str
    kinds: list[str] = field(default_factory=list)


@dataclass(slots=True)
class FixPlan:
    """Every repair found, and what was left alone and why."""

    fixes: list[FileFix] = field(default_factory=list)
    # (path, the name it would get): renames refused because the new name is taken.
    blocked: list[tuple[str, str]] = field(default_factory=list)
    # Files whose YAML cannot be read: their content is not touched.
    unreadable: list[str] = field(default_factory=list)


def plan_fixes(root: Path) -> FixPlan:
    """Everything `katalog fix` would change under `root`; changes nothing."""
    plan = FixPlan()
    taken: set[str] = set()
    for rel, cls in _content_files(root):
        new = _renamed(root, rel, taken)
        if new is None:
            plan.blocked.append((rel, _target(rel)))
            new = rel
        path = root / rel
        text, _ = read_text(path, rel)
        before = path.read_bytes().decode("utf-8", "replace") if text is None else _with_bom(path, text)
        after, kinds = before, list[str]()
        if text is None:
            plan.unreadable.append(rel)
        else:
            body, made = fix_text(text, cls)
            if made is None:
                plan.unreadable.append(rel)
            kinds = made or []
            after = before[: len(before) - len(text)] + body  # keeps a byte-order mark
        if new != rel:
            kinds = ["rename", *kinds]
        if kinds:
            plan.fixes.append(FileFix(rel, new, before, after, kinds))
    return plan


def _with_bom(path: Path, text: str) -> str:
    return BOM + text if path.read_bytes().startswith(BOM.encode()) else text


def _content_files(root: Path) -> Iterator[tuple[str, type]]:
    """Content files that look like YAML, by path, with the record kind of their folder."""
    folders = [(REGIONS_DIR, Region), (AGREEMENTS_DIR, Agreement), (VISITS_DIR, Visit)]
    innovations = root / INNOVATIONS_DIR
    if innovations.is_dir() and not innovations.is_symlink():
        folders += [
            (f"{INNOVATIONS_DIR}/{entry.name}", Innovation)
            for entry in sorted(innovations.iterdir())
            if entry.is_dir() and not entry.is_symlink()
        ]
    for folder, cls in folders:
        path = root / folder
        if not path.is_dir() or path.is_symlink():
            continue
        for entry in sorted(path.iterdir(), key=lambda p: p.name):
            if entry.is_symlink() or not entry.is_file() or entry.name in IGNORED_NAMES:
                continue
            if entry.suffix.lower() in EXTENSIONS:
                yield f"{folder}/{entry.name}", cls


def _target(rel: str) -> str:
    folder, _, name = rel.rpartition("/")
    stem = name[: name.rfind(".")]
    if not ID_PATTERN.fullmatch(stem):
        stem = suggest_id(stem)  # the checker's own suggestion, so its message and fix agree
    return f"{folder}/{stem}.yml"


def _renamed(root: Path, rel: str, taken: set[str]) -> str | None:
    """The file's kebab-case name; None when that name is taken (by a file or another rename)."""
    target = _target(rel)
    if target == rel:
        return rel
    folder, _, name = target.rpartition("/")
    # Compared by exact name, not `exists()`, which on case-insensitive disks finds the file itself.
    if name in {p.name for p in (root / folder).iterdir()} or target in taken:
        return None
    taken.add(target)
    return target


# --- Content repairs --------------------------------------------------------------------------------


def fix_text(text: str, cls: type) -> tuple[str, list[str] | None]:
    """The repaired text and the repairs made; None instead of the list when the YAML is unreadable."""
    loaded = parse(text, "")
    if loaded.problems or not isinstance(loaded.root, Mapping):
        return text, None
    kinds = []
    quoted = _quote_code(text, loaded.root) if cls is Region else text
    if quoted != text and _same(text, quoted, _loose):
        text = quoted
        kinds.append("code")
    dated = _iso_dates(text, loaded.root, cls)
    if dated != text and _same(text, dated, _dates_read):
        text = dated
        kinds.append("date")
    steps: list[tuple[str, Callable[[str], str]]] = [
        ("newline", _final_newline),
        ("whitespace", _strip_trailing),
        ("order", lambda t: _reorder(t, cls)),
    ]
    # Until nothing changes: a reordered block can leave its trailing blank lines where a second
    # pass would strip them, and `fix --write` must need one run.
    for _ in range(len(steps)):
        before = text
        for kind, step in steps:
            changed = step(text)
            if changed != text and _same(text, changed, _strict):
                text = changed
                kinds.append(kind)
        if text == before:
            break
    return text, list(dict.fromkeys(kinds))


def _strict(node: Node) -> Any:
    """What the checker reads from a node: values with their YAML types; key order ignored."""
    if isinstance(node, Scalar):
        return (node.tag, node.value.strip())
    if isinstance(node, Sequence):
        return [_strict(item) for item in node.items]
    return {key: _strict(value) for key, (_, value) in node.pairs.items()}


def _loose(node: Node) -> Any:
    """As `_strict`, but a scalar is its text only: `32.10` and `"32.10"` are the same."""
    if isinstance(node, Scalar):
        return node.value.strip()
    if isinstance(node, Sequence):
        return [_loose(item) for item in node.items]
    return {key: _loose(value) for key, (_, value) in node.pairs.items()}


def _dates_read(node: Node) -> Any:
    """As `_strict`, but a date written out and its ISO form are the same."""
    if isinstance(node, Scalar):
        written = written_date(node.value) if node.tag == "str" else None
        return ("timestamp", written.isoformat()) if written else (node.tag, node.value.strip())
    if isinstance(node, Sequence):
        return [_dates_read(item) for item in node.items]
    return {key: _dates_read(value) for key, (_, value) in node.pairs.items()}


def _same(before: str, after: str, view: Callable[[Node], Any]) -> bool:
    old, new = parse(before, ""), parse(after, "")
    if new.problems or new.root is None or old.root is None:
        return False
    return bool(view(old.root) == view(new.root))


def _quote_code(text: str, root: Mapping) -> str:
    """`code: 32.10` → `code: "32.10"`, from the characters in the file."""
    node = root.pairs.get("code", (None, None))[1]
    if not isinstance(node, Scalar) or not node.plain or node.tag not in ("int", "float"):
        return text
    lines = text.splitlines(keepends=True)
    line, start = lines[node.line - 1], node.column - 1
    if line[start : start + len(node.value)] != node.value:
        return text
    lines[node.line - 1] = f'{line[:start]}"{node.value}"{line[start + len(node.value) :]}'
    return "".join(lines)


def _iso_dates(text: str, root: Mapping, cls: type) -> str:
    """Each date field written out ("4 Juli 2025") in the ISO form, from the characters in the file."""
    lines = text.splitlines(keepends=True)
    for node in sorted(_date_nodes(root, input_fields(cls)), key=lambda n: (n.line, -n.column)):
        written = written_date(node.value)
        line, start = lines[node.line - 1], node.column - 1
        token = node.value if node.plain else line[start] + node.value + line[start]
        if written is None or line[start : start + len(token)] != token:
            continue
        lines[node.line - 1] = line[:start] + written.isoformat() + line[start + len(token) :]
    return "".join(lines)


def _date_nodes(node: Node, fields: dict[str, FieldInfo]) -> Iterator[Scalar]:
    """The scalars of a record's date fields, nested records and lists included."""
    if not isinstance(node, Mapping):
        return
    for key, (_, value) in node.pairs.items():
        info = fields.get(key)
        if info is None:
            continue
        for item in value.items if info.is_list and isinstance(value, Sequence) else [value]:
            if info.kind == "date" and isinstance(item, Scalar) and item.tag == "str":
                yield item
            elif info.kind == "record" and info.record is not None:
                yield from _date_nodes(item, input_fields(info.record))


def _final_newline(text: str) -> str:
    if not text or text.endswith(("\n", "\r")):
        return text
    return text + ("\r\n" if "\r\n" in text else "\n")


def _block_scalar_lines(text: str) -> set[int]:
    """0-based lines inside literal (`|`) and folded (`>`) blocks, where spaces are content."""
    protected: set[int] = set()
    for event in yaml.parse(text, Loader=yaml.CSafeLoader):
        if isinstance(event, yaml.ScalarEvent) and event.style in ("|", ">"):
            assert event.start_mark is not None and event.end_mark is not None  # the parser marks events
            start, end = event.start_mark.line, event.end_mark.line
            last = end - 1 if event.end_mark.column == 0 else end
            protected.update(range(start + 1, last + 1))
    return protected


def _strip_trailing(text: str) -> str:
    protected = _block_scalar_lines(text)
    lines = text.splitlines(keepends=True)
    for index, line in enumerate(lines):
        if index in protected:
            continue
        body = line.rstrip("\r\n")
        lines[index] = body.rstrip(" \t") + line[len(body) :]
    return "".join(lines)


def _is_comment(line: str) -> bool:
    return line.startswith("#") and not line.startswith("# yaml-language-server:")


def _is_blank(line: str) -> bool:
    return not line.strip()


def _reorder(text: str, cls: type) -> str:
    """Top-level keys in the model's order. Each key takes along the comment lines right above it
    and every line up to the next key; blank lines between keys stay where they are."""
    loaded = parse(text, "")
    root = loaded.root
    if loaded.problems or not isinstance(root, Mapping) or not root.pairs:
        return text
    keys = sorted((key_node.line, key_node.column, name) for name, (key_node, _) in root.pairs.items())
    # Only a block mapping at the left margin: a flow mapping (`{…}`) is left as written.
    if any(column != 1 for _, column, _ in keys) or (root.line, root.column) != (keys[0][0], 1):
        return text
    lines = text.splitlines(keepends=True)
    starts = []
    for index, (line, _, _) in enumerate(keys):
        start, floor = line - 1, (keys[index - 1][0] if index else 0)
        while start > floor and _is_comment(lines[start - 1]):
            start -= 1
        starts.append(start)
    bodies = [lines[a:b] for a, b in zip(starts, [*starts[1:], len(lines)], strict=True)]
    footer: list[str] = []
    while len(bodies[-1]) > 1 and (_is_blank(bodies[-1][-1]) or _is_comment(bodies[-1][-1])):
        footer.insert(0, bodies[-1].pop())
    separators = []
    for body in bodies:
        blank: list[str] = []
        while len(body) > 1 and _is_blank(body[-1]):
            blank.insert(0, body.pop())
        separators.append(blank)
    order = {name: index for index, name in enumerate(input_fields(cls))}
    # Keys the model does not know (misspelt ones) go last, in the order they were written.
    ranked = sorted(range(len(keys)), key=lambda i: (order.get(keys[i][2], len(order)), i))
    if ranked == list(range(len(keys))):
        return text
    out = lines[: starts[0]]
    for position, index in enumerate(ranked):
        out += bodies[index] + separators[position]
    return "".join(out + footer)


# --- Showing and applying -----------------------------------------------------------------------------


def unified_diff(plan: FixPlan) -> str:
    """The changes as a git-style patch (`git apply` takes it), renames included."""
    out = []
    for fix in plan.fixes:
        out.append(f"diff --git a/{fix.old} b/{fix.new}\n")
        if fix.old != fix.new:
            out += [f"rename from {fix.old}\n", f"rename to {fix.new}\n"]
        if fix.before == fix.after:
            continue
        before, after = fix.before.splitlines(keepends=True), fix.after.splitlines(keepends=True)
        for line in difflib.unified_diff(before, after, f"a/{fix.old}", f"b/{fix.new}"):
            out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def apply(root: Path, plan: FixPlan) -> list[str]:
    """Make the planned changes; returns the paths written (after renaming)."""
    written = []
    for fix in plan.fixes:
        source, target = root / fix.old, root / fix.new
        if fix.new != fix.old:
            if target.exists():  # appeared since the plan was made: leave both alone
                continue
            source.rename(target)
        if fix.after != fix.before:
            target.write_bytes(fix.after.encode("utf-8"))
        written.append(fix.new)
    return written

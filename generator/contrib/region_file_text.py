"""A region file as text: where its top-level keys stand, its text with registry keys set in place
(every other byte kept, comments included), and the whole text of a new file."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..content.load import read_text
from ..content.yamlkeys import prose, scalar
from .registry import REGISTRY_KEYS, RegistryRegion, registry_values, settings

# --- Reading an existing region file ---------------------------------------------------------------


@dataclass(slots=True)
class Slot:
    """Where one top-level key and its value stand in a file's text."""

    key_start: int
    value_start: int
    value_end: int
    value: str | None  # the scalar's text, None when the value is a list or mapping
    plain: bool


@dataclass(slots=True)
class RegionFile:
    """An existing region file: its id, path, text and where each top-level key stands."""

    id: str
    rel: str
    text: str
    slots: dict[str, Slot]
    block: bool  # a block-style top-level mapping, so lines can be added and removed

    def value(self, key: str) -> str | None:
        slot = self.slots.get(key)
        return slot.value if slot is not None else None


def read_region_file(path: Path, rel: str) -> tuple[RegionFile | None, str | None]:
    """The file's top-level keys with their positions, or the reason it cannot be edited."""
    text, problems = read_text(path, rel)
    if text is None:
        return None, f"cannot read it ({problems[0].code}); run `katalog check`"
    slots: dict[str, Slot] = {}
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
                    slots.setdefault(key[0], Slot(key[1], start, _index(event.end_mark), None, False))
                    key, start = None, None
            elif isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent)) and depth == 1:
                value = event.value if isinstance(event, yaml.ScalarEvent) else None
                if key is None:
                    key = (value or "", _index(event.start_mark))
                    continue
                plain = isinstance(event, yaml.ScalarEvent) and event.style in (None, "")
                slot = Slot(key[1], _index(event.start_mark), _index(event.end_mark), value, plain)
                slots.setdefault(key[0], slot)
                key = None
    except yaml.YAMLError:
        return None, "it is not valid YAML; run `katalog check`"
    return RegionFile(path.stem, rel, text, slots, block), None


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


def edited_text(file: RegionFile, wanted: dict[str, str | bool | None]) -> str:
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


def _insert_at(file: RegionFile, key: str) -> int:
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
    for key, value in registry_values(region, province_id).items():
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

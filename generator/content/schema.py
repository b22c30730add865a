"""JSON Schema for each record kind, generated from the model (for editors and other tools)."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from .data_files import read_data
from .fields import FieldInfo, input_fields
from .limits import DEFAULT_MAX_LENGTH, MAX_ITEMS, MAX_LENGTH
from .model import RECORD_KINDS
from .validate import PATTERNS, URL_SCHEMES, YEAR_RANGE
from .vocab import vocabulary

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


@functools.cache
def field_help() -> dict[str, dict[str, dict[str, str]]]:
    """Per record type and field: what it means, in each language (`data/fields.yml`)."""
    data: dict[str, dict[str, dict[str, str]]] = read_data("data/fields.yml")
    return data


def _string_schema(info: FieldInfo) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string", "minLength": 1}
    schema["maxLength"] = info.max_length or MAX_LENGTH.get(info.fmt, DEFAULT_MAX_LENGTH)
    if info.fmt == "vocab":
        assert info.vocab is not None
        vocab = vocabulary(info.vocab)
        schema["enum"] = list(vocab.values)
        schema["markdownEnumDescriptions"] = [f"{v['id']} — {v['en']}" for v in vocab.values.values()]
    elif info.fmt == "url":
        schema["pattern"] = "^(" + "|".join(URL_SCHEMES) + "):"
    elif info.fmt in PATTERNS:
        schema["pattern"] = f"^{PATTERNS[info.fmt].pattern}$"
    return schema


def _item_schema(info: FieldInfo) -> dict[str, Any]:
    if info.kind == "record":
        assert info.record is not None
        return _record_schema(info.record)
    if info.kind == "bool":
        return {"type": "boolean"}
    if info.kind == "date":
        return {"type": "string", "format": "date", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
    if info.kind == "int":
        return {"type": "integer", "minimum": YEAR_RANGE[0], "maximum": YEAR_RANGE[1]}
    if info.kind == "number":
        return {"type": "number"}
    return _string_schema(info)


def _field_schema(info: FieldInfo, owner: str) -> dict[str, Any]:
    item = _item_schema(info)
    schema = item
    if info.is_list:
        schema = {"type": "array", "items": item, "maxItems": MAX_ITEMS}
        if info.min_items:
            schema["minItems"] = info.min_items
        if info.unique:
            schema["uniqueItems"] = True
    help_text = field_help().get(owner, {}).get(info.name)
    if help_text:
        schema = {**schema, "description": f"{help_text['id']} / {help_text['en']}"}
    return schema


def _record_schema(cls: type) -> dict[str, Any]:
    fields = input_fields(cls)
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [name for name, info in fields.items() if info.required],
        "properties": {name: _field_schema(info, cls.__name__) for name, info in fields.items()},
    }


def record_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of one record kind ("region", "innovation", "agreement")."""
    schema = _record_schema(RECORD_KINDS[kind])
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": f"{kind}.schema.json",
        "title": f"Katalog Inovasi Daerah: {kind}",
        **schema,
    }


def schema_text(kind: str) -> str:
    """The schema as the JSON text that is shipped in `schemas/`."""
    return json.dumps(record_schema(kind), ensure_ascii=False, indent=2) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    """Write `<kind>.schema.json` for every record kind; returns the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in RECORD_KINDS:
        path = folder / f"{kind}.schema.json"
        path.write_text(schema_text(kind), encoding="utf-8")
        written.append(path)
    return written

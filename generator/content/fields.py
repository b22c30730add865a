"""Reads the model's dataclasses into flat field descriptions for the checker and the schema."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import types
import typing
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class FieldInfo:
    """What the checker needs to know about one field of a record.

    Attributes:
        name: the YAML key.
        kind: "str", "bool", "date", "int", "number" or "record".
        is_list: the value is a list of `kind`.
        record: the nested dataclass when `kind` is "record".
        required: must be present.
        default: value when absent.
        fmt, vocab, min_items, max_length, unique, derived: from `model.spec`.
    """

    name: str
    kind: str
    is_list: bool
    record: type | None
    required: bool
    default: Any
    fmt: str
    vocab: str | None
    min_items: int
    max_length: int | None
    unique: bool
    derived: bool


def _kind_of(annotation: Any) -> tuple[str, type | None]:
    if annotation is str:
        return "str", None
    if annotation is bool:
        return "bool", None
    if annotation is dt.date:
        return "date", None
    if annotation is int:
        return "int", None
    if dataclasses.is_dataclass(annotation):
        return "record", typing.cast(type, annotation)
    raise TypeError(f"unsupported field type {annotation!r}")


def _describe(name: str, annotation: Any, f: dataclasses.Field[Any]) -> FieldInfo:
    is_list = False
    origin = typing.get_origin(annotation)
    if origin in (types.UnionType, typing.Union):
        members = [a for a in typing.get_args(annotation) if a is not type(None)]
        annotation = members[0] if len(members) == 1 else tuple(members)
    if annotation == (int, float):
        kind, record = "number", None
    else:
        if typing.get_origin(annotation) is tuple:
            is_list = True
            annotation = typing.get_args(annotation)[0]
        kind, record = _kind_of(annotation)
    meta = f.metadata
    required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    return FieldInfo(
        name=name,
        kind=kind,
        is_list=is_list,
        record=record,
        required=required,
        default=None if required else f.default,
        fmt=meta.get("fmt", "text"),
        vocab=meta.get("vocab"),
        min_items=meta.get("min_items", 0),
        max_length=meta.get("max_length"),
        unique=meta.get("unique", False),
        derived=meta.get("derived", False),
    )


@functools.cache
def fields_of(cls: type) -> tuple[FieldInfo, ...]:
    """The fields of a model dataclass, in declaration order."""
    hints = typing.get_type_hints(cls)
    return tuple(_describe(f.name, hints[f.name], f) for f in dataclasses.fields(cls))


@functools.cache
def input_fields(cls: type) -> dict[str, FieldInfo]:
    """The fields a contributor writes in YAML (derived ones excluded), by name."""
    return {f.name: f for f in fields_of(cls) if not f.derived}

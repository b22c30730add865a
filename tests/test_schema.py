"""The JSON Schemas in schemas/: generated from the model, valid, and in agreement with the content.

The shipped schemas are golden files. After a change to the model, regenerate them with

    katalog schema

and review the diff.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from generator.content.fields import input_fields
from generator.content.model import RECORD_KINDS
from generator.content.schema import SCHEMA_DIALECT, record_schema, schema_text

REPO = Path(__file__).parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
SCHEMAS = REPO / "schemas"
# Where each kind's files live, under a catalogue root.
PATTERNS = {
    "region": "regions/*.yml",
    "innovation": "innovations/*/*.yml",
    "agreement": "agreements/*.yml",
    "visit": "visits/*.yml",
}


def content_files(kind: str) -> list[Path]:
    files = [*REPO.glob(PATTERNS[kind]), *(FIXTURES / "minimal").glob(PATTERNS[kind])]
    assert files, kind
    return sorted(files)


def as_json(value: Any) -> Any:
    """YAML data as an editor's JSON view of it: dates become their ISO text."""
    if isinstance(value, dict):
        return {key: as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def validator(kind: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


@pytest.mark.parametrize("kind", sorted(RECORD_KINDS))
def test_shipped_schema_is_what_the_model_generates(kind):
    shipped = (SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8")
    assert shipped == schema_text(kind), f"schemas/{kind}.schema.json is stale: run `katalog schema`"


def test_katalog_schema_regenerates_the_shipped_files(tmp_path):
    done = subprocess.run(
        [str(Path(sys.executable).parent / "katalog"), "schema", "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    written = sorted(path.name for path in tmp_path.iterdir())
    assert written == sorted(f"{kind}.schema.json" for kind in RECORD_KINDS)
    for name in written:
        assert (tmp_path / name).read_text(encoding="utf-8") == (SCHEMAS / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", sorted(RECORD_KINDS))
def test_schema_is_valid_draft_2020_12(kind):
    schema = json.loads((SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8"))
    assert schema["$schema"] == SCHEMA_DIALECT
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("kind", sorted(RECORD_KINDS))
def test_schema_fields_are_the_model_fields(kind):
    cls = RECORD_KINDS[kind]
    schema = record_schema(kind)
    fields = input_fields(cls)
    assert list(schema["properties"]) == list(fields)  # derived fields (id, region) excluded
    assert schema["required"] == [name for name, info in fields.items() if info.required]
    assert schema["additionalProperties"] is False
    for name, prop in schema["properties"].items():
        assert " / " in prop["description"], (kind, name)  # Indonesian / English help for editors


@pytest.mark.parametrize(
    ("kind", "path"),
    [(kind, path) for kind in sorted(RECORD_KINDS) for path in content_files(kind)],
    ids=lambda value: value.relative_to(REPO).as_posix() if isinstance(value, Path) else value,
)
def test_schema_accepts_the_content(kind, path):
    data = as_json(yaml.safe_load(path.read_text(encoding="utf-8")))
    errors = [error.message for error in validator(kind).iter_errors(data)]
    assert errors == []


def _innovation() -> dict[str, Any]:
    path = FIXTURES / "minimal" / "innovations" / "kabupaten-sumedang" / "command-center.yml"
    data: dict[str, Any] = as_json(yaml.safe_load(path.read_text(encoding="utf-8")))
    return data


@pytest.mark.parametrize(
    ("change", "keyword"),
    [
        pytest.param({"titel": "Sumedang Command Center"}, "additionalProperties", id="unknown-field"),
        pytest.param({"id": "command-center"}, "additionalProperties", id="derived-field"),
        pytest.param({"stage": "implementasi"}, "enum", id="vocabulary"),
        pytest.param({"agencies": []}, "minItems", id="too-few"),
        pytest.param({"tags": ["cctv", "cctv"]}, "uniqueItems", id="duplicate"),
        pytest.param({"tags": ["Command Center"]}, "pattern", id="id-format"),
        pytest.param({"links": [{"title": "x", "url": "javascript:alert(1)"}]}, "pattern", id="url-scheme"),
        pytest.param({"trial_date": "2020-6-1"}, "pattern", id="date-format"),
        pytest.param({"title": 2024}, "type", id="yaml-trap"),
    ],
)
def test_schema_rejects(change, keyword):
    data = {**_innovation(), **change}
    keywords = {error.validator for error in validator("innovation").iter_errors(data)}
    assert keyword in keywords


def test_schema_rejects_a_missing_required_field():
    data = _innovation()
    del data["title"]
    (error,) = validator("innovation").iter_errors(data)
    assert (error.validator, error.message) == ("required", "'title' is a required property")

"""`katalog show REF`: a record as the checker sees it, references resolved, driven as a user would."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.content.check import check
from generator.content.messages import command_text

KATALOG = Path(sys.executable).parent / "katalog"
FIXTURES = Path(__file__).parent / "fixtures"
COMMAND_CENTER = "kabupaten-sumedang/command-center"
ADOPTER = """title: Command Center Jawa Barat
summary: Pusat kendali provinsi,
  ditiru dari Sumedang.
agencies: [diskominfo]
stage: trial
kind: digital
form: governance
affairs: [communication-informatics]
adopted_from: kabupaten-sumedang/command-center
related: [kabupaten-sumedang/command-center]
"""


def show(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(KATALOG), "show", *args, "--root", str(root)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.fixture
def adopted(scratch):
    """The minimal catalogue plus a province innovation adopted from Sumedang's."""
    scratch.write(
        "regions/provinsi-jawa-barat.yml",
        scratch.read("regions/provinsi-jawa-barat.yml")
        + "agencies:\n  - id: diskominfo\n    name: Dinas Komunikasi dan Informatika\n"
        "    acronym: Diskominfo\n    kind: diskominfo\n",
    )
    scratch.write("innovations/provinsi-jawa-barat/command-center.yml", ADOPTER)
    assert scratch.check().problems == []
    return scratch


def test_innovation_with_references_resolved(adopted):
    done = show(adopted.root, "provinsi-jawa-barat/command-center")
    assert (done.returncode, done.stderr) == (0, "")
    data = yaml.safe_load(done.stdout)
    assert data["ref"] == "provinsi-jawa-barat/command-center"
    assert data["source"] == "innovations/provinsi-jawa-barat/command-center.yml"
    assert data["region"] == {"id": "provinsi-jawa-barat", "name": "Jawa Barat", "type": "provinsi"}
    assert data["agencies"] == [
        {"id": "diskominfo", "name": "Dinas Komunikasi dan Informatika", "acronym": "Diskominfo"}
    ]
    assert data["adopted_from"] == {"ref": COMMAND_CENTER, "title": "Sumedang Command Center"}
    assert data["related"] == [{"ref": COMMAND_CENTER, "title": "Sumedang Command Center"}]
    # As the checker sees it: prose joined into one paragraph, the default status filled in.
    assert data["summary"] == "Pusat kendali provinsi, ditiru dari Sumedang."
    assert data["status"] == "active"


def test_json_is_the_same_view_as_yaml(adopted):
    as_yaml = yaml.safe_load(show(adopted.root, COMMAND_CENTER).stdout)
    done = show(adopted.root, COMMAND_CENTER, "--format", "json")
    assert done.returncode == 0
    as_json = json.loads(done.stdout)

    def dates_as_text(value):
        if isinstance(value, dict):
            return {k: dates_as_text(v) for k, v in value.items()}
        if isinstance(value, list):
            return [dates_as_text(v) for v in value]
        return value.isoformat() if isinstance(value, dt.date) else value

    assert as_json == dates_as_text(as_yaml)
    assert as_json["last_verified"] == "2025-07-04"


def test_plain_values_are_the_checkers(scratch):
    """Every field that is not a reference shows exactly the validated value."""
    record = check(scratch.root).catalogue.innovations[COMMAND_CENTER]
    data = json.loads(show(scratch.root, COMMAND_CENTER, "--format", "json").stdout)
    for name in ("title", "summary", "stage", "kind", "form", "status"):
        assert data[name] == getattr(record, name)
    assert data["affairs"] == list(record.affairs) and data["tags"] == list(record.tags)
    # Absent optional values are left out of the view.
    assert data["metrics"] == [
        {k: v for k, v in dataclasses.asdict(m).items() if v is not None} for m in record.metrics
    ]


def test_region(scratch):
    data = yaml.safe_load(show(scratch.root, "kabupaten-sumedang").stdout)
    assert data["id"] == "kabupaten-sumedang" and data["code"] == "32.11"
    assert data["province"] == {"id": "provinsi-jawa-barat", "name": "Jawa Barat", "type": "provinsi"}
    assert [a["id"] for a in data["agencies"]] == ["diskominfosanditik", "setda"]


def test_visit_with_references_resolved(scratch):
    data = yaml.safe_load(show(scratch.root, "visits/2025-07-jawa-barat-ke-sumedang").stdout)
    assert (data["id"], data["source"]) == (
        "2025-07-jawa-barat-ke-sumedang",
        "visits/2025-07-jawa-barat-ke-sumedang.yml",
    )
    assert data["host"] == {"id": "kabupaten-sumedang", "name": "Sumedang", "type": "kabupaten"}
    assert data["visitors"] == [{"id": "provinsi-jawa-barat", "name": "Jawa Barat", "type": "provinsi"}]
    assert data["agreement"]["id"] == "mou-jawa-barat-sumedang-2025"
    assert data["learners"] == "visitors"  # the default, filled in as the checker reads it
    assert yaml.safe_load(show(scratch.root, "visits/2025-07-jawa-barat-ke-sumedang.yml").stdout) == data


def test_agency(scratch):
    data = yaml.safe_load(show(scratch.root, "kabupaten-sumedang/setda").stdout)
    assert data == {
        "ref": "kabupaten-sumedang/setda",
        "source": "regions/kabupaten-sumedang.yml",
        "region": {"id": "kabupaten-sumedang", "name": "Sumedang", "type": "kabupaten"},
        "id": "setda",
        "name": "Sekretariat Daerah",
        "acronym": "Setda",
        "kind": "regional-secretariat",
    }


def test_agreement(scratch):
    data = yaml.safe_load(show(scratch.root, "agreements/mou-jawa-barat-sumedang-2025").stdout)
    assert [p["name"] for p in data["parties"]] == ["Jawa Barat", "Sumedang"]
    assert data["agencies"] == [
        {"ref": "kabupaten-sumedang/setda", "name": "Sekretariat Daerah", "acronym": "Setda"}
    ]
    assert data["innovations"] == [{"ref": COMMAND_CENTER, "title": "Sumedang Command Center"}]
    assert data["signed"] == dt.date(2025, 7, 4)


@pytest.mark.parametrize(
    "ref",
    ["innovations/kabupaten-sumedang/command-center.yml", "./innovations/kabupaten-sumedang/command-center"],
)
def test_a_file_path_works_as_ref(scratch, ref):
    assert yaml.safe_load(show(scratch.root, ref).stdout)["ref"] == COMMAND_CENTER


def test_unknown_ref_is_a_usage_error_with_suggestions(scratch):
    done = show(scratch.root, "kabupaten-sumedang/comand-center")
    assert (done.returncode, done.stdout) == (2, "")
    suggestions = (
        "kabupaten-sumedang/command-center, kabupaten-sumedang/setda, kabupaten-sumedang/diskominfosanditik"
    )
    assert done.stderr == "".join(
        command_text("show-unknown", lang, value="kabupaten-sumedang/comand-center", suggestions=suggestions)
        + "\n"
        for lang in ("id", "en")
    )


def test_unknown_ref_without_anything_close(scratch):
    done = show(scratch.root, "agreements/zzzz-qqqq")
    assert done.returncode == 2
    assert '"agreements/zzzz-qqqq" tidak ada di katalog. Mungkin maksud Anda: -.' in done.stderr


def test_invalid_catalogue_prints_the_problems():
    done = show(FIXTURES / "broken", COMMAND_CENTER)
    assert (done.returncode, done.stdout) == (1, "")
    lines = done.stderr.splitlines()
    assert lines[:2] == [command_text("show-invalid", lang) for lang in ("id", "en")]
    assert '[titel] Isian "titel" tidak dikenal. Mungkin maksud Anda "title"?' in done.stderr
    assert lines[-1].startswith("3 kesalahan")


def test_bad_format_is_a_usage_error(scratch):
    done = show(scratch.root, COMMAND_CENTER, "--format", "xml")
    assert done.returncode == 2 and "invalid choice" in done.stderr


def test_a_draft_elsewhere_does_not_hide_a_valid_record(scratch):
    """A half-written file from `katalog new` is left out, and named; the rest is shown."""
    done = subprocess.run(
        [str(KATALOG), "new", "innovation", "kabupaten-sumedang", "draf", "--root", str(scratch.root)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    shown = show(scratch.root, COMMAND_CENTER)
    assert shown.returncode == 0
    assert yaml.safe_load(shown.stdout)["ref"] == COMMAND_CENTER
    left_out = [
        command_text("show-left-out", lang, files="innovations/kabupaten-sumedang/draf.yml")
        for lang in ("id", "en")
    ]
    assert shown.stderr.splitlines() == left_out
    # The draft itself cannot be shown: it is the record asked for.
    assert show(scratch.root, "kabupaten-sumedang/draf").returncode != 0

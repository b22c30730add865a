"""The GitHub issue forms: generated from the vocabularies, committed, and valid issue forms.

Regenerate the committed copies with: `katalog forms --out .github/ISSUE_TEMPLATE`.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.content.fields import input_fields
from generator.content.model import Innovation
from generator.content.vocab import vocabulary
from generator.contrib.issue_forms import FORMS, PROPOSAL, elements, form, form_texts

KATALOG = Path(sys.executable).parent / "katalog"
TEMPLATES = Path(__file__).parent.parent / ".github" / "ISSUE_TEMPLATE"
ELEMENT_ID = re.compile(r"[A-Za-z0-9_-]+")


def test_committed_forms_are_the_generated_ones():
    committed = {p.name: p.read_text(encoding="utf-8") for p in sorted(TEMPLATES.glob("*.yml"))}
    assert committed == form_texts(), "run: katalog forms --out .github/ISSUE_TEMPLATE"


def test_katalog_forms_writes_them(tmp_path):
    done = subprocess.run(
        [str(KATALOG), "forms", "--out", str(tmp_path / "forms")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0
    written = {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / "forms").iterdir()}
    assert written == form_texts()
    assert done.stdout.splitlines() == [str(tmp_path / "forms" / f"{name}.yml") for name in FORMS]


@pytest.mark.parametrize("name", FORMS)
def test_form_follows_githubs_form_schema(name):
    data = yaml.safe_load(form_texts()[f"{name}.yml"])
    assert set(data) == {"name", "description", "title", "labels", "body"}
    assert data["name"].strip() and data["description"].strip() and data["labels"]
    ids, labels = [], []
    for element in data["body"]:
        assert element["type"] in ("markdown", "input", "textarea", "dropdown", "checkboxes")
        attributes = element["attributes"]
        if element["type"] == "markdown":
            assert "id" not in element and attributes["value"].strip()
            continue
        ids.append(element["id"])
        labels.append(attributes["label"])
        assert ELEMENT_ID.fullmatch(element["id"])
        if element["type"] == "dropdown":
            options = attributes["options"]
            assert options and len(set(options)) == len(options)
            assert all(isinstance(o, str) and o.strip() and o != "None" for o in options)
            assert isinstance(attributes["multiple"], bool)
        if element["type"] != "checkboxes":
            assert isinstance(element["validations"]["required"], bool)
    assert len(set(ids)) == len(ids) and len(set(labels)) == len(labels)


def test_dropdown_choices_come_from_the_vocabularies_label_first():
    body = {e["id"]: e for e in form(PROPOSAL)["body"] if "id" in e}
    for name, info in input_fields(Innovation).items():
        element = body.get(name)
        if info.vocab is None or element is None:
            continue
        vocab = vocabulary(info.vocab)
        assert element["type"] == "dropdown"
        assert element["attributes"]["options"] == [
            f"{v['id']} ({value})" for value, v in vocab.values.items()
        ]
        assert element["attributes"]["multiple"] is info.is_list


def test_stopped_form_offers_only_the_statuses_of_a_stopped_innovation():
    status = next(e for e in form("laporkan-inovasi-berhenti")["body"] if e.get("id") == "status")
    assert status["attributes"]["options"] == ["Berhenti (stopped)", "Digantikan (replaced)"]


def test_proposal_asks_every_required_field_and_requires_it():
    asked = {e.field: e for e in elements(PROPOSAL) if e.field}
    for name, info in input_fields(Innovation).items():
        if info.required:
            assert asked[name].required, name
    assert asked["region"].required and not asked["id"].required
    assert asked["sources"].required  # every fact needs its source, even where the model allows none


def test_labels_are_indonesian_first_then_english():
    for name in FORMS:
        data = form(name)
        assert data["name"] in {
            "Usulkan inovasi / Propose an innovation",
            "Laporkan kunjungan / Report a visit",
            "Koreksi entri / Correct an entry",
            "Laporkan inovasi berhenti / Report a stopped innovation",
        }
        for element in data["body"]:
            if element["type"] != "markdown":
                assert " / " in element["attributes"]["label"]

"""`katalog new`: commented templates in the right place, and every refusal, driven as a user would."""

from __future__ import annotations

import re
import string
import subprocess
import sys
from pathlib import Path

import pytest

from generator.content.fields import input_fields
from generator.content.messages import command_keys, command_text
from generator.content.model import Innovation
from generator.content.vocab import vocabulary

KATALOG = Path(sys.executable).parent / "katalog"
INNOVATION = "innovations/kabupaten-sumedang/layanan-cepat.yml"
EMPTY_KEY = re.compile(r"^(?P<key>[a-z_]+):[ \t]*$")
CHOICE = re.compile(r"^#   (?P<label>[^:]+): (?P<value>[a-z0-9-]+)$")
EXAMPLE = re.compile(r"^# Contoh / Example: (?P<key>[a-z_]+): (?P<value>.+)$")


def katalog(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(KATALOG), *args], capture_output=True, text=True, timeout=60, check=False)


def new(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return katalog("new", *args, "--root", str(root))


def comments_above(lines: list[str], index: int) -> list[str]:
    """The comment block right above line `index`."""
    block = []
    while index > 0 and lines[index - 1].startswith("#"):
        index -= 1
        block.insert(0, lines[index])
    return block


def fill(text: str, given: dict[str, str]) -> str:
    """Fill every empty required key the way a contributor would: from `given`, else from the
    template's own comments (the first listed choice, or the example)."""
    lines = text.splitlines()
    for index, line in enumerate(lines):
        empty = EMPTY_KEY.match(line)
        if not empty:
            continue
        key = empty["key"]
        if key in given:
            value = given[key]
        else:
            above = comments_above(lines, index)
            choices = [m["value"] for m in map(CHOICE.match, above) if m]
            examples = [m["value"] for m in map(EXAMPLE.match, above) if m and m["key"] == key]
            if choices:
                plural = key in ("agencies", "affairs", "parties")
                value = f"[{choices[0]}]" if plural else choices[0]
            else:
                value = examples[0]
        lines[index] = f"{key}: {value}"
    return "\n".join(lines) + "\n"


# --- Templates that pass the checker once filled in ---------------------------------------------


def test_innovation_template_is_written_in_place_and_passes_check_once_filled(scratch):
    done = new(scratch.root, "innovation", "kabupaten-sumedang", "layanan-cepat")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == "".join(
        command_text("new-created", lang, path=INNOVATION) + "\n" for lang in ("id", "en")
    )
    text = scratch.read(INNOVATION)
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../../schemas/innovation.schema.json"
    # Unfilled, the checker asks for exactly the required fields, each on its own line.
    found = [(code, field) for path, _, _, code, field in scratch.found() if path == INNOVATION]
    required = [name for name, info in input_fields(Innovation).items() if info.required]
    assert found == [("missing-value", name) for name in required]
    scratch.write(INNOVATION, fill(text, {}))
    result = scratch.check()
    assert result.problems == [] and result.catalogue is not None
    innovation = result.catalogue.innovations["kabupaten-sumedang/layanan-cepat"]
    assert (innovation.title, innovation.agencies, innovation.stage) == (
        "Sumedang Command Center",
        ("diskominfosanditik",),
        "initiative",
    )


def test_region_template_knows_its_type_and_passes_check_once_filled(scratch):
    done = new(scratch.root, "region", "kabupaten-bandung-barat")
    assert done.returncode == 0
    rel = "regions/kabupaten-bandung-barat.yml"
    text = scratch.read(rel)
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../schemas/region.schema.json"
    assert re.search(r"^type: kabupaten  # ", text, re.MULTILINE)
    assert "#   Jawa Barat: provinsi-jawa-barat" in text.splitlines()  # the provinces, name first
    scratch.write(rel, fill(text, {"name": "Bandung Barat", "code": '"32.17"'}))
    assert scratch.check().problems == []


def test_province_template_has_no_province_field(scratch):
    assert new(scratch.root, "region", "provinsi-banten").returncode == 0
    text = scratch.read("regions/provinsi-banten.yml")
    assert "province:" not in text and "type: provinsi  #" in text
    scratch.write("regions/provinsi-banten.yml", fill(text, {"name": "Banten", "code": '"36"'}))
    assert scratch.check().problems == []


def test_agreement_template_passes_check_once_filled(scratch):
    assert new(scratch.root, "agreement", "pks-jawa-barat-sumedang-2026").returncode == 0
    rel = "agreements/pks-jawa-barat-sumedang-2026.yml"
    text = scratch.read(rel)
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../schemas/agreement.schema.json"
    scratch.write(rel, fill(text, {"parties": "[provinsi-jawa-barat, kabupaten-sumedang]"}))
    assert scratch.check().problems == []


def test_visit_template_passes_check_once_filled(scratch):
    assert new(scratch.root, "visit", "2026-03-jawa-barat-ke-sumedang").returncode == 0
    rel = "visits/2026-03-jawa-barat-ke-sumedang.yml"
    text = scratch.read(rel)
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../schemas/visit.schema.json"
    filled = fill(text, {"host": "kabupaten-sumedang", "sources": ""})
    # The one source, written into the template's own block, and a visiting region.
    filled = filled.replace(
        "  - title:\n    url:\n    publisher:\n    date:\n",
        "  - title: Berita kunjungan\n    url: https://sumedangkab.go.id\n",
    )
    scratch.write(rel, filled.replace("# visitors:\n", "visitors: [provinsi-jawa-barat]\n"))
    assert scratch.check().problems == []


def test_template_lists_every_vocabulary_value_label_first(scratch):
    new(scratch.root, "innovation", "kabupaten-sumedang", "layanan-cepat")
    lines = scratch.read(INNOVATION).splitlines()
    for info in input_fields(Innovation).values():
        if info.vocab is None:
            continue
        vocab = vocabulary(info.vocab)
        start = lines.index(f"# {vocab.label['id']} / {vocab.label['en']}:")
        listed = [CHOICE.match(line) for line in lines[start + 1 : start + 1 + len(vocab.values)]]
        assert [(m["label"], m["value"]) for m in listed if m] == [
            (labels["id"], value) for value, labels in vocab.values.items()
        ]


def test_template_names_the_regions_agencies_and_explains_each_field(scratch):
    new(scratch.root, "innovation", "kabupaten-sumedang", "layanan-cepat")
    lines = scratch.read(INNOVATION).splitlines()
    assert "#   Sekretariat Daerah: setda" in lines
    assert "# WAJIB. Nama inovasi." in lines and "# REQUIRED. Name of the innovation." in lines
    # Optional fields are there to switch on, commented out.
    assert "# themes:" in lines and "# sources:" in lines and "#   - title:" in lines


# --- Refusals: exit status 2, the reason in both languages, nothing written ---------------------


def refusal(key: str, **args: str) -> str:
    return "".join(command_text(key, lang, **args) + "\n" for lang in ("id", "en"))


@pytest.mark.parametrize(
    ("args", "key", "message_args"),
    [
        pytest.param(
            ["innovation", "kabupaten-sumedan", "layanan-cepat"],
            "new-unknown-region",
            {"value": "kabupaten-sumedan", "suggestions": "kabupaten-sumedang"},
            id="unknown-region",
        ),
        pytest.param(
            ["innovation", "kabupaten-sumedang", "Layanan Cepat"],
            "new-bad-id",
            {"value": "Layanan Cepat", "suggestion": "layanan-cepat"},
            id="bad-innovation-id",
        ),
        pytest.param(
            ["region", "bogor"],
            "new-region-prefix",
            {"value": "bogor", "suggestion": "kabupaten-bogor, kota-bogor"},
            id="region-without-type",
        ),
        pytest.param(
            ["region", "kab-bogor"],
            "new-region-prefix",
            {"value": "kab-bogor", "suggestion": "kabupaten-bogor"},
            id="region-with-short-type",
        ),
        pytest.param(
            ["region", "Kota Bogor"],
            "new-bad-id",
            {"value": "Kota Bogor", "suggestion": "kota-bogor"},
            id="bad-region-id",
        ),
        pytest.param(
            ["agreement", "PKS 2026"],
            "new-bad-id",
            {"value": "PKS 2026", "suggestion": "pks-2026"},
            id="bad-agreement-id",
        ),
        pytest.param(
            ["innovation", "kabupaten-sumedang", "command-center"],
            "new-exists",
            {"path": "innovations/kabupaten-sumedang/command-center.yml"},
            id="innovation-exists",
        ),
        pytest.param(
            ["region", "kabupaten-sumedang"],
            "new-exists",
            {"path": "regions/kabupaten-sumedang.yml"},
            id="region-exists",
        ),
        pytest.param(
            ["agreement", "mou-jawa-barat-sumedang-2025"],
            "new-exists",
            {"path": "agreements/mou-jawa-barat-sumedang-2025.yml"},
            id="agreement-exists",
        ),
    ],
)
def test_refusals(scratch, args, key, message_args):
    before = {p: p.read_bytes() for p in scratch.root.rglob("*") if p.is_file()}
    done = new(scratch.root, *args)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == refusal(key, **message_args)
    assert {p: p.read_bytes() for p in scratch.root.rglob("*") if p.is_file()} == before


def test_root_outside_a_catalogue_is_a_usage_error(tmp_path):
    done = new(tmp_path, "region", "kota-bogor")
    assert done.returncode == 2
    assert "is not a catalogue" in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_missing_arguments_are_usage_errors(scratch):
    done = katalog("new", "innovation", "kabupaten-sumedang", "--root", str(scratch.root))
    assert done.returncode == 2 and "ID" in done.stderr


# --- The messages of the contributor commands ---------------------------------------------------


@pytest.mark.parametrize("key", command_keys())
def test_command_message_has_both_languages_with_the_same_placeholders(key):
    from generator.content.messages import _catalogue

    entry = _catalogue()["commands"][key]
    assert set(entry) == {"id", "en"} and entry["id"].strip() and entry["en"].strip()
    fields = [
        {name for _, name, _, _ in string.Formatter().parse(entry[lang]) if name} for lang in ("id", "en")
    ]
    assert fields[0] == fields[1]

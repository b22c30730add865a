"""Property-based: no file, however broken, makes the checker raise, and every problem it reports
has a place, a known message code and a message in both languages.

Inputs: YAML-looking text, arbitrary bytes, random structures dumped as YAML, random Unicode, and
random edits of a valid innovation file. Each example replaces one file of a copy of
tests/fixtures/minimal, so the cross-file checks run on half-valid records too.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.content.check import check
from generator.content.fields import input_fields
from generator.content.load import load_file
from generator.content.messages import message, message_codes
from generator.content.model import Innovation

FIXTURES = Path(__file__).parent / "fixtures"
FILES = (
    "regions/provinsi-jawa-barat.yml",
    "regions/kabupaten-sumedang.yml",
    "innovations/kabupaten-sumedang/command-center.yml",
    "agreements/mou-jawa-barat-sumedang-2025.yml",
)
INNOVATION = FILES[2]
KNOWN_CODES = frozenset(message_codes())
VALID_INNOVATION = (FIXTURES / "minimal" / INNOVATION).read_text(encoding="utf-8")

# Seeded and without an example database: the same examples on every run and machine.
fuzz = settings(
    max_examples=200,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fuzz") / "catalogue"
    shutil.copytree(FIXTURES / "minimal", root)
    return root


def assert_reportable(root: Path, rel: str, content: bytes) -> None:
    """Put `content` in place of `rel`, load and check; restore the file afterwards."""
    path = root / rel
    original = path.read_bytes()
    path.write_bytes(content)
    try:
        loaded = load_file(path, rel)
        result = check(root)
    finally:
        path.write_bytes(original)
    assert all(p.path == rel for p in loaded.problems)
    for item in [*loaded.problems, *result.problems]:
        assert item.path and not item.path.startswith(("/", "..")) and "\\" not in item.path
        assert item.line >= 0 and item.column >= 0
        assert item.code in KNOWN_CODES, item.code
        assert item.severity in ("error", "warning")
        for lang in ("id", "en"):
            text = message(item, lang)
            assert isinstance(text, str) and text.strip()
    if result.problems:
        assert result.catalogue is None
    else:
        assert result.catalogue is not None


# --- Strategies -----------------------------------------------------------------------------------

# Characters that carry meaning in YAML, mixed with a little plain text and whitespace.
YAML_ISH = st.text(
    alphabet=st.sampled_from(list(":-?[]{},#&*!|>'\"%@`\\ \n\t.~0123456789eEabkty\r\x85\u2028\ufeff")),
    max_size=120,
)
FIELD_NAMES = st.sampled_from([*sorted(input_fields(Innovation)), "id", "region", "titel", "<<"])
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**12), max_value=10**12)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
    | st.dates(min_value=dt.date(1, 1, 1))
    | st.sampled_from(
        ["kabupaten-sumedang/command-center", "setda", "https://x.id", "javascript:x", "2025-02-30"]
    )
)
STRUCTURES = st.recursive(
    SCALARS,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(FIELD_NAMES | st.text(max_size=8), children, max_size=5)
    ),
    max_leaves=25,
)


@st.composite
def dumped(draw: st.DrawFn) -> bytes:
    """A random structure, often an innovation with some fields replaced, written by PyYAML."""
    data: Any = draw(STRUCTURES)
    if draw(st.booleans()):
        valid = yaml.safe_load(VALID_INNOVATION)
        data = {**valid, **draw(st.dictionaries(FIELD_NAMES, STRUCTURES, min_size=1, max_size=4))}
    text = yaml.safe_dump(
        data,
        allow_unicode=draw(st.booleans()),
        default_flow_style=draw(st.sampled_from([None, True, False])),
        sort_keys=draw(st.booleans()),
    )
    return text.encode("utf-8")


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """The valid innovation file after a few random edits: cut, insert, duplicate or swap lines."""
    text = VALID_INNOVATION
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        edit = draw(st.sampled_from(["cut", "insert", "duplicate", "swap", "indent"]))
        lines = text.splitlines(keepends=True)
        if edit == "cut" and text:
            start = draw(st.integers(0, len(text) - 1))
            text = text[:start] + text[start + draw(st.integers(1, 40)) :]
        elif edit == "insert":
            at = draw(st.integers(0, len(text)))
            text = text[:at] + draw(YAML_ISH | st.text(max_size=10)) + text[at:]
        elif edit == "duplicate" and lines:
            index = draw(st.integers(0, len(lines) - 1))
            lines.insert(draw(st.integers(0, len(lines))), lines[index])
            text = "".join(lines)
        elif edit == "swap" and len(lines) > 1:
            a, b = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[a], lines[b] = lines[b], lines[a]
            text = "".join(lines)
        elif edit == "indent" and lines:
            index = draw(st.integers(0, len(lines) - 1))
            lines[index] = draw(st.sampled_from([" ", "  ", "\t", "- "])) + lines[index]
            text = "".join(lines)
    return text.encode("utf-8")


# --- Properties -----------------------------------------------------------------------------------


@fuzz
@given(text=YAML_ISH, rel=st.sampled_from(FILES))
def test_yaml_ish_text(catalogue, text, rel):
    assert_reportable(catalogue, rel, text.encode("utf-8"))


@fuzz
@given(content=st.binary(max_size=300), rel=st.sampled_from(FILES))
def test_arbitrary_bytes(catalogue, content, rel):
    assert_reportable(catalogue, rel, content)


@fuzz
@given(content=dumped(), rel=st.sampled_from(FILES))
def test_random_structures(catalogue, content, rel):
    assert_reportable(catalogue, rel, content)


@fuzz
@given(value=st.text(max_size=60), field=FIELD_NAMES)
def test_random_unicode_in_a_value(catalogue, value, field):
    quoted = yaml.safe_dump(value, allow_unicode=True, width=10**6).removesuffix("...\n").strip()
    line = f"{field}: {quoted}\n"
    assert_reportable(catalogue, INNOVATION, (VALID_INNOVATION + line).encode("utf-8"))
    assert_reportable(catalogue, INNOVATION, (VALID_INNOVATION + f"{field}: {value}\n").encode("utf-8"))


@fuzz
@given(content=mutated())
def test_edits_of_a_valid_file(catalogue, content):
    assert_reportable(catalogue, INNOVATION, content)

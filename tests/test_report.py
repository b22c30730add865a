"""Reporting: the message catalogue in two languages and the text, GitHub and JSON formats."""

from __future__ import annotations

import ast
import json
import string
from pathlib import Path

import pytest

from generator.content import load, validate
from generator.content.check import CheckResult
from generator.content.messages import message, message_codes, summary, word
from generator.content.problems import CatalogueError, Problem, problem
from generator.content.report import format_github, format_json, format_text, summary_line

GENERATOR = Path(validate.__file__).parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
# Modules that report problems, and which positional argument of each reporting call is the code.
# review.py adds warnings to the checker's report; from_issue.py reports on issue form answers.
CHECKER_MODULES = (
    "content/load.py",
    "content/validate.py",
    "content/check.py",
    "content/check_regions.py",
    "content/check_innovations.py",
    "content/check_agreements.py",
    "content/check_visits.py",
    "content/check_media.py",
    "content/duplicates.py",
    "content/files.py",
    "content/confusables.py",
    "content/named_refs.py",
    "content/review.py",
    "contrib/from_issue.py",
)
CODE_ARGUMENT = {
    "problem": 3,
    "report": 1,
    "_report": 3,
    "_unknown": 3,
    "report_field": 3,
    "report_unknown": 3,
}


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _codes_in_source() -> set[str]:
    """Every message code the checker's source can produce, read from its syntax tree."""
    codes: set[str] = set()
    for name in CHECKER_MODULES:
        tree = ast.parse((GENERATOR / name).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                called = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
                index = CODE_ARGUMENT.get(called or "")
                if index is not None and len(node.args) > index:
                    argument = node.args[index]
                    if isinstance(argument, ast.Constant):
                        codes.add(argument.value)
            # `return "code", {…}`: a problem handed back as its code and arguments
            if (
                isinstance(node, ast.Return)
                and isinstance(node.value, ast.Tuple)
                and node.value.elts
                and isinstance(node.value.elts[0], ast.Constant)
                and isinstance(node.value.elts[0].value, str)
            ):
                codes.add(node.value.elts[0].value)
            # `code = "a" if … else "b"` before a reporting call
            if (
                isinstance(node, ast.Assign)
                and any(isinstance(t, ast.Name) and t.id == "code" for t in node.targets)
                and isinstance(node.value, ast.IfExp)
            ):
                codes |= {
                    branch.value
                    for branch in (node.value.body, node.value.orelse)
                    if isinstance(branch, ast.Constant)
                }
    codes |= {code for _, code in load._SYNTAX_CODES}
    codes |= {f"bad-{fmt}" for fmt in validate.PATTERNS}
    return codes


# --- The message catalogue ----------------------------------------------------------------------


def test_every_code_the_checker_produces_has_a_message_and_every_message_is_used():
    produced = _codes_in_source()
    known = set(message_codes())
    assert produced - known == set(), "codes without a message"
    assert known - produced == set(), "messages no code produces"


@pytest.mark.parametrize("code", message_codes())
def test_message_has_both_languages_with_the_same_placeholders(code):
    from generator.content.messages import _catalogue

    entry = _catalogue()["messages"][code]
    assert set(entry) == {"id", "en"}
    assert entry["id"].strip() and entry["en"].strip()
    assert _placeholders(entry["id"]) == _placeholders(entry["en"])
    args = {name: f"<{name}>" for name in _placeholders(entry["en"])}
    item = problem("regions/x.yml", 1, 1, code, "", **args)
    for lang in ("id", "en"):
        text = message(item, lang)
        assert "{" not in text  # every placeholder was filled
        for value in args.values():
            assert value in text


def test_words_translate_value_kinds():
    item = problem("regions/x.yml", 3, 7, "yaml-trap", "code", value="no", read_as="bool")
    assert (
        message(item)
        == 'Nilai no akan dibaca YAML sebagai nilai ya/tidak (boolean), bukan teks. Apit dengan tanda kutip: "no".'
    )
    assert (
        message(item, "en")
        == 'YAML reads no as a yes/no value (boolean), not as text. Put it in quotes: "no".'
    )
    assert (word("error"), word("error", "en"), word("warning", "en")) == ("galat", "error", "warning")


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="unknown language"):
        message(problem("regions/x.yml", 0, 0, "empty-file"), "fr")


def test_summary_lines():
    assert summary("clean", files=8) == "Katalog bersih: 8 berkas diperiksa, tidak ada kesalahan."
    assert summary("clean", "en", files=8) == "The catalogue is clean: 8 files checked, no errors."
    counts = {"errors": 3, "warnings": 0, "bad_files": 2, "files": 4}
    assert summary("problems", **counts) == "3 kesalahan dan 0 peringatan di 2 dari 4 berkas."
    assert summary("problems", "en", **counts) == "3 errors and 0 warnings in 2 of 4 files."


def test_summary_counts_agree_in_english():
    one = {"errors": 1, "warnings": 1, "bad_files": 1, "files": 1}
    assert summary("problems", "en", **one) == "1 error and 1 warning in 1 of 1 file."
    assert summary("problems", **one) == "1 kesalahan dan 1 peringatan di 1 dari 1 berkas."
    assert summary("clean", "en", files=1) == "The catalogue is clean: 1 file checked, no errors."


def test_problems_sort_by_place_and_carry_their_arguments():
    later = problem("regions/b.yml", 1, 1, "empty-file")
    first = problem("regions/a.yml", 9, 1, "duplicate-key", "", key="title", first_line=2)
    same_line = problem("regions/a.yml", 9, 1, "anchor", "", name="x")
    assert sorted([later, first, same_line]) == [same_line, first, later]
    assert first.arguments == {"first_line": 2, "key": "title"}
    assert CatalogueError([later, first]).problems == [first, later]


# --- Formats --------------------------------------------------------------------------------------


def result_of(*problems: Problem, files: int = 4) -> CheckResult:
    return CheckResult(None, sorted(problems), files, len({p.path for p in problems}))


DUPLICATE = problem("regions/a.yml", 3, 1, "duplicate-key", "", key="title", first_line=1)
TRAP = problem("regions/a.yml", 4, 7, "yaml-trap", "code", value="32.10", read_as="float")
EMPTY = problem("regions/b.yml", 0, 0, "empty-file")


def test_text_format():
    text = format_text(result_of(DUPLICATE, TRAP, EMPTY), "en")
    assert text.splitlines() == [
        'regions/a.yml:3:1: error: The field "title" is written twice (first on line 1). '
        "YAML would silently keep the last one; delete one of them.",
        'regions/a.yml:4:7: error: [code] YAML reads 32.10 as a decimal number, not as text. Put it in quotes: "32.10".',
        "regions/b.yml: error: The file is empty. Fill in the entry's data, or delete the file.",
        "3 errors and 0 warnings in 2 of 4 files.",
    ]
    assert text.endswith("\n")


def test_text_format_in_indonesian_by_default():
    (line, last) = format_text(result_of(TRAP), "id").splitlines()
    assert line.startswith(
        "regions/a.yml:4:7: galat: [code] Nilai 32.10 akan dibaca YAML sebagai angka desimal"
    )
    assert last == "1 kesalahan dan 0 peringatan di 1 dari 4 berkas."


def test_clean_result():
    clean = result_of(files=8)
    assert format_text(clean, "id") == "Katalog bersih: 8 berkas diperiksa, tidak ada kesalahan.\n"
    assert summary_line(clean, "en") == "The catalogue is clean: 8 files checked, no errors."
    assert json.loads(format_json(clean, "en")) == {
        "ok": True,
        "summary": {"errors": 0, "warnings": 0, "bad_files": 0, "files": 8},
        "problems": [],
    }


def test_warnings_are_counted_apart():
    warning = problem("regions/a.yml", 1, 1, "empty-value", "name", severity="warning", name="name")
    result = result_of(warning)
    assert result.ok
    assert format_text(result, "en").splitlines()[0].startswith("regions/a.yml:1:1: warning: [name]")
    assert summary_line(result, "en") == "0 errors and 1 warning in 1 of 4 files."


def test_github_format():
    lines = format_github(result_of(TRAP, EMPTY), "en").splitlines()
    assert lines == [
        "::error file=regions/a.yml,line=4,col=7,title=code::YAML reads 32.10 as a decimal number, "
        'not as text. Put it in quotes: "32.10".',
        "::error file=regions/b.yml::The file is empty. Fill in the entry's data, or delete the file.",
        "2 errors and 0 warnings in 2 of 4 files.",
    ]


def test_github_format_escapes_data_and_properties():
    item = problem(
        "innovations/kabupaten-sumedang/a,b:c.yml", 2, 5, "bad-date", "metrics[0].date", value="50%\r\nx"
    )
    (line, _) = format_github(result_of(item), "en").splitlines()
    assert line == (
        "::error file=innovations/kabupaten-sumedang/a%2Cb%3Ac.yml,line=2,col=5,title=metrics[0].date::"
        '"50%25%0D%0Ax" is not a valid date. Write dates as YYYY-MM-DD, e.g. 2025-07-04.'
    )


def test_json_format():
    document = json.loads(format_json(result_of(DUPLICATE, EMPTY), "id"))
    assert document["ok"] is False
    assert document["summary"] == {"errors": 2, "warnings": 0, "bad_files": 2, "files": 4}
    assert document["problems"][0] == {
        "path": "regions/a.yml",
        "line": 3,
        "column": 1,
        "severity": "error",
        "code": "duplicate-key",
        "field": "",
        "message": 'Isian "title" ditulis dua kali (pertama di baris 1). YAML diam-diam memakai yang '
        "terakhir; hapus salah satunya.",
    }
    assert [p["code"] for p in document["problems"]] == ["duplicate-key", "empty-file"]


def test_json_keeps_non_ascii_text_readable():
    item = problem("regions/a.yml", 1, 8, "bad-date", "signed", value="4 Juli 2025 – Sumedang")
    assert "– Sumedang" in format_json(result_of(item), "en")

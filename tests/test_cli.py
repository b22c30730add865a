"""`katalog check` driven as a user would: in a subprocess, reading its output and exit status."""

from __future__ import annotations

import errno
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main
from generator.content.messages import file_error_line

REPO = Path(__file__).parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
KATALOG = Path(sys.executable).parent / "katalog"
INNOVATION = "innovations/kabupaten-sumedang/command-center.yml"
TEXT_LINE = re.compile(r"^(?P<path>[^:]+)(?::(?P<line>\d+):(?P<column>\d+))?: (?P<severity>galat|error): .+$")


def katalog(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(KATALOG), *args], cwd=cwd, capture_output=True, text=True, timeout=60, check=False
    )


def module(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def shipped_file_count() -> int:
    return sum(
        len(list(REPO.glob(pattern)))
        for pattern in ("regions/*.yml", "innovations/*/*.yml", "agreements/*.yml", "visits/*.yml")
    )


# --- Exit status 0 --------------------------------------------------------------------------------


def test_shipped_content_is_clean():
    """No errors; the only warnings are honest ones: entries whose newest source is more than two
    years old (`last_verified` is the date of that source, never the day the file was written)."""
    done = katalog("check", "--today", "2026-11-28", "--format", "json")
    assert (done.returncode, done.stderr) == (0, "")
    problems = json.loads(done.stdout)["problems"]
    assert [p for p in problems if p["severity"] == "error"] == []
    assert {p["code"] for p in problems} <= {"stale-entry"}
    done = katalog("check", "--today", "2026-11-28", "--stale-after", "100000")
    assert done.stdout == f"Katalog bersih: {shipped_file_count()} berkas diperiksa, tidak ada kesalahan.\n"


def test_fixture_is_clean_in_english():
    done = katalog("check", "--root", "tests/fixtures/minimal", "--lang", "en", "--today", "2026-11-28")
    assert (done.returncode, done.stdout) == (0, "The catalogue is clean: 5 files checked, no errors.\n")


# --- Exit status 1: content errors ------------------------------------------------------------------


def test_content_errors_in_text():
    done = katalog("check", "--root", str(FIXTURES / "broken"))
    assert done.returncode == 1
    *lines, last = done.stdout.splitlines()
    assert last == "3 kesalahan dan 0 peringatan di 2 dari 4 berkas."
    assert [TEXT_LINE.match(line).group("path", "line", "column", "severity") for line in lines] == [
        (INNOVATION, "1", "1", "galat"),
        (INNOVATION, "1", "1", "galat"),
        ("innovations/kabupaten-sumedang/layanan-cepat.yml", "1", "21", "galat"),
    ]
    assert (
        lines[1]
        == f'{INNOVATION}:1:1: galat: [titel] Isian "titel" tidak dikenal. Mungkin maksud Anda "title"?'
    )


def test_content_errors_in_english():
    done = katalog("check", "--root", str(FIXTURES / "broken"), "--lang", "en")
    assert done.returncode == 1
    assert (
        f'{INNOVATION}:1:1: error: [titel] Unknown field "titel". Did you mean "title"?'
        in done.stdout.splitlines()
    )
    assert done.stdout.splitlines()[-1] == "3 errors and 0 warnings in 2 of 4 files."


def test_json_format():
    done = katalog("check", "--root", str(FIXTURES / "broken"), "--format", "json", "--lang", "en")
    assert done.returncode == 1
    document = json.loads(done.stdout)
    assert document["ok"] is False
    assert document["summary"] == {"errors": 3, "warnings": 0, "bad_files": 2, "files": 4}
    assert [(p["path"], p["line"], p["column"], p["code"], p["field"]) for p in document["problems"]] == [
        (INNOVATION, 1, 1, "missing-field", "title"),
        (INNOVATION, 1, 1, "unknown-field-suggest", "titel"),
        ("innovations/kabupaten-sumedang/layanan-cepat.yml", 1, 21, "yaml-colon", ""),
    ]
    assert document["problems"][1]["message"] == 'Unknown field "titel". Did you mean "title"?'


def test_github_annotations_escape_their_data(tmp_path):
    root = tmp_path / "catalogue"
    shutil.copytree(FIXTURES / "minimal", root)
    original = (root / INNOVATION).read_text(encoding="utf-8")
    (root / "innovations/kabupaten-sumedang/a,b:c.yml").write_text(
        original.replace("trial_date: 2020-06-01", 'trial_date: "50%\\nx"'), encoding="utf-8"
    )
    done = katalog("check", "--root", str(root), "--format", "github", "--lang", "en")
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        '::error file=innovations/kabupaten-sumedang/a%2Cb%3Ac.yml::The file name "a,b:c" is not valid: '
        'use lower-case letters, digits and hyphens only. Rename it to "a-b-c.yml".',
        "::error file=innovations/kabupaten-sumedang/a%2Cb%3Ac.yml,line=9,col=13,title=trial_date::"
        '"50%25%0Ax" is not a valid date. Write dates as YYYY-MM-DD, e.g. 2025-07-04.',
        "2 errors and 0 warnings in 1 of 6 files.",
    ]


# --- Exit status 2: usage errors ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "complaint"),
    [
        pytest.param(
            ["check", "--root", "/no/such/folder"], "no such folder: /no/such/folder", id="no-such-root"
        ),
        pytest.param(["check", "--root", "tests"], "tests is not a catalogue", id="not-a-catalogue"),
        pytest.param(["check", "--format", "xml"], "invalid choice: 'xml'", id="bad-format"),
        pytest.param(["check", "--lang", "fr"], "invalid choice: 'fr'", id="bad-lang"),
        pytest.param([], "required: COMMAND", id="no-command"),
    ],
)
def test_usage_errors(args, complaint):
    done = katalog(*args)
    assert done.returncode == 2
    assert done.stdout == ""
    assert complaint in done.stderr


def test_default_root_outside_a_catalogue_is_a_usage_error(tmp_path):
    # Run from the wrong folder, a CI job must fail, not report an empty catalogue as clean.
    done = katalog("check", cwd=tmp_path)
    assert done.returncode == 2
    assert ". is not a catalogue" in done.stderr


# --- `python -m generator` is the same command ----------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["check"],
        ["check", "--root", "tests/fixtures/broken", "--format", "json", "--lang", "en"],
        ["check", "--root", "tests/fixtures/broken", "--format", "github"],
        ["check", "--format", "yaml"],
    ],
)
def test_python_m_generator_behaves_the_same(args):
    script, as_module = katalog(*args), module(*args)
    assert (as_module.returncode, as_module.stdout) == (script.returncode, script.stdout)
    assert as_module.stderr.replace("__main__.py", "katalog") == script.stderr


# --- A checkout the commands cannot write to -------------------------------------------------------


def read_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file write fails as on a read-only mount (root ignores chmod, so tests cannot use it)."""

    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system", str(self))

    monkeypatch.setattr(Path, "write_text", refuse)
    monkeypatch.setattr(Path, "write_bytes", refuse)
    monkeypatch.setattr(Path, "mkdir", refuse)


@pytest.mark.parametrize(
    ("args", "path"),
    [
        (["new", "innovation", "kabupaten-sumedang", "contoh-baru"], "innovations/kabupaten-sumedang"),
        (["fix", "--write"], "command-center.yml"),
        (["preview", INNOVATION, "--out", "keluaran"], "keluaran"),
    ],
)
def test_a_read_only_checkout_ends_in_one_line_that_names_the_file(tmp_path, monkeypatch, capsys, args, path):
    catalogue = tmp_path / "catalogue"
    shutil.copytree(FIXTURES / "site-relations", catalogue)
    shutil.copy(REPO / "mkdocs.yml", catalogue)
    for folder in ("overrides", "docs"):
        shutil.copytree(REPO / folder, catalogue / folder)
    record = catalogue / INNOVATION
    record.write_text(
        record.read_text(encoding="utf-8").replace("\n", "   \n", 1), encoding="utf-8"
    )  # to fix
    monkeypatch.chdir(catalogue)
    read_only(monkeypatch)
    assert main(args) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1, err
    assert re.fullmatch(
        rf"katalog {args[0]}: tidak dapat menulis \S*{re.escape(path)} \(Read-only file system\): kerjakan di "
        r"salinan katalog yang dapat ditulis, atau periksa izin foldernya / cannot write \S+ \(Read-only file "
        r"system\): work in a copy of the catalogue you can write to, or check the folder's permissions",
        err[0],
    ), err[0]


def test_other_file_errors_are_one_line_in_the_system_s_words():
    error = NotADirectoryError(errno.ENOTDIR, "Not a directory", "site/index.html")
    assert file_error_line(error) == "site/index.html: Not a directory / site/index.html: Not a directory"

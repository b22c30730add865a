"""The per-file checks: the same outcome in parallel processes and from the cache."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.content import file_checks
from generator.content.check import check
from generator.content.file_checks import FileCache

FIXTURES = Path(__file__).parent / "fixtures"


def _summary(root: Path, **options: object) -> tuple[object, ...]:
    result = check(root, **options)  # type: ignore[arg-type]
    return (result.problems, result.files, result.invalid_files, result.catalogue, result.positions)


@pytest.mark.parametrize("fixture", ["broken", "site-relations", "hostile"])
def test_parallel_check_finds_what_one_process_finds(fixture: str, monkeypatch: pytest.MonkeyPatch) -> None:
    alone = _summary(FIXTURES / fixture, jobs=1)
    monkeypatch.setattr(file_checks, "PARALLEL_FROM", 1)
    assert _summary(FIXTURES / fixture, jobs=2) == alone


def test_cache_reuses_unchanged_files_and_reads_changed_ones(tmp_path: Path, validated: list[str]) -> None:
    root = tmp_path / "catalogue"
    shutil.copytree(FIXTURES / "site-relations", root)
    read = validated
    cache = FileCache()
    first = _summary(root, jobs=1, cache=cache)
    files = len(read)
    assert first == _summary(root, jobs=1)
    read.clear()
    assert _summary(root, jobs=1, cache=cache) == first
    assert read == []  # nothing changed: nothing read again

    edited = root / "innovations" / "kabupaten-sumedang" / "command-center.yml"
    edited.write_text(edited.read_text(encoding="utf-8").replace("stage:", "stage: nonsense\nx:"), "utf-8")
    result = check(root, jobs=1, cache=cache)
    assert read == ["innovations/kabupaten-sumedang/command-center.yml"]
    assert result.catalogue is None
    assert {p.path for p in result.problems} == {"innovations/kabupaten-sumedang/command-center.yml"}
    # The cached outcome of every other file is what a fresh check gives.
    read.clear()
    assert _summary(root, jobs=1, cache=cache) == _summary(root, jobs=1)
    assert len(read) == files


def test_a_removed_file_is_not_taken_from_the_cache(tmp_path: Path) -> None:
    root = tmp_path / "catalogue"
    shutil.copytree(FIXTURES / "site-relations", root)
    cache = FileCache()
    check(root, jobs=1, cache=cache)
    (root / "innovations" / "kabupaten-sumedang" / "antrean-manual.yml").unlink()
    assert _summary(root, jobs=1, cache=cache) == _summary(root, jobs=1)

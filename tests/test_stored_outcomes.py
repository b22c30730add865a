"""The outcomes a preview keeps on disk: the next preview checks only the files that changed, and
a store that is stale, broken or cannot be written changes nothing but the time taken."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.content import file_checks, stored_outcomes
from generator.content.model import Innovation
from generator.contrib.preview import OUTCOMES_DIR, preview

FIXTURES = Path(__file__).parent / "fixtures"
RECORD = "innovations/kabupaten-sumedang/command-center.yml"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    target = tmp_path / "catalogue"
    shutil.copytree(FIXTURES / "site-relations", target)
    return target


def _pages(root: Path) -> dict[str, str]:
    found = preview(root, root / RECORD)
    assert found.result.ok, found.result.problems
    return {path: write() for path, write in found.pages.items()}


def test_a_second_preview_checks_no_file_and_makes_the_same_pages(root: Path, validated: list[str]) -> None:
    first = _pages(root)
    assert RECORD in validated and any(rel.startswith("regions/") for rel in validated)
    validated.clear()
    assert _pages(root) == first
    assert validated == []


def test_an_edit_of_the_same_size_is_checked_again_and_its_error_reported(
    root: Path, validated: list[str]
) -> None:
    _pages(root)
    validated.clear()
    file = root / RECORD
    text = file.read_text(encoding="utf-8")
    # Same length, same folder, written at once: only the bytes tell it changed.
    file.write_text(text.replace("stage: implementation", "stage: implementatiox"), encoding="utf-8")
    found = preview(root, file)
    assert validated == [RECORD]
    assert [(p.path, p.code) for p in found.result.problems if p.severity == "error"] == [
        (RECORD, "bad-vocab")
    ]


def test_a_file_deleted_since_is_dropped_from_the_store(root: Path) -> None:
    _pages(root)
    rel = "innovations/kabupaten-sumedang/antrean-manual.yml"
    gone = root / rel
    text = gone.read_bytes()
    gone.unlink()
    _pages(root)
    gone.write_bytes(text)  # the same bytes again: only a kept outcome would be found for them
    task = (str(gone), rel, Innovation, "kabupaten-sumedang/antrean-manual")
    assert stored_outcomes.StoredFileCache(root, root / OUTCOMES_DIR).get(task) is None


def test_a_broken_store_is_ignored(root: Path, validated: list[str]) -> None:
    first = _pages(root)
    shards = list((root / OUTCOMES_DIR).rglob("*.pickle"))
    assert shards
    for shard in shards:
        shard.write_bytes(b"not a pickle")
    validated.clear()
    assert _pages(root) == first
    assert RECORD in validated


def test_a_store_of_another_checker_is_not_used_and_is_removed(
    root: Path, validated: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _pages(root)
    old = {p.name for p in (root / OUTCOMES_DIR).iterdir()}
    monkeypatch.setattr(stored_outcomes, "checker_digest", lambda: "another-checker")
    validated.clear()
    assert _pages(root) == first
    assert RECORD in validated
    assert {p.name for p in (root / OUTCOMES_DIR).iterdir()} == {"another-checker"} != old


def test_a_store_that_cannot_be_written_is_no_error(root: Path, validated: list[str]) -> None:
    (root / ".cache").write_text("a file where the store's folder would go", encoding="utf-8")
    first = _pages(root)
    validated.clear()
    assert _pages(root) == first
    assert RECORD in validated  # nothing was kept


def test_a_symbolic_link_is_never_read_for_the_store(root: Path, tmp_path: Path) -> None:
    """A link a pull request adds could point anywhere, at a device that never ends: the store
    reads files as the checker does, keeps nothing for a link, and the check reports it."""
    outside = tmp_path / "outside.yml"
    outside.write_bytes((root / RECORD).read_bytes())
    link = root / "innovations" / "kabupaten-sumedang" / "tautan.yml"
    link.symlink_to(outside)
    rel = "innovations/kabupaten-sumedang/tautan.yml"
    task = (str(link), rel, Innovation, "kabupaten-sumedang/tautan")
    cache = stored_outcomes.StoredFileCache(root, root / OUTCOMES_DIR)
    cache.put(task, file_checks.FileOutcome(None, ()))
    assert cache.get(task) is None
    found = preview(root, root / RECORD)
    assert (rel, "symlink") in {(p.path, p.code) for p in [*found.result.problems, *found.left_out]}

"""`mkdocs build --dirty` with the saved build state (generator/engine/build_state.py), as a CI run whose
cache restored the site folder and the state: it rewrites only the pages an edit touches, and the
site it leaves is byte-identical to a clean build of the same content.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).parents[2]
FIXTURES = REPO / "tests" / "fixtures"
STATE = Path(".cache/katalog/build-state.json")
INNOVATION = "innovations/kabupaten-sumedang/command-center.yml"
_CHANGED = re.compile(r"incremental build: (\d+) of (\d+) pages changed")
_SEARCH_READ = re.compile(r"search index: (\d+) page\(s\) read now, (\d+) kept from the last build")


def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def dirty_build(run_mkdocs: Callable[..., Any], project: Path) -> tuple[int, int]:
    """`mkdocs build --dirty`; (pages changed, pages in all) as the plugin reports them."""
    done = run_mkdocs(project, "build", "--strict", "--dirty")
    assert done.returncode == 0, done.stdout + done.stderr
    found = _CHANGED.search(done.stderr)
    assert found is not None, done.stderr
    return int(found[1]), int(found[2])


def clean_build(run_mkdocs: Callable[..., Any], project: Path, site: Path) -> dict[str, bytes]:
    done = run_mkdocs(project, "build", "--strict", "--site-dir", str(site))
    assert done.returncode == 0, done.stdout + done.stderr
    return tree(site)


@pytest.fixture
def project(tmp_path: Path, project_factory: Callable[..., Path]) -> Path:
    return project_factory(tmp_path / "project", FIXTURES / "site-relations")


def test_first_dirty_build_builds_everything_and_saves_the_state(
    project: Path, run_mkdocs: Callable[..., Any]
) -> None:
    changed, total = dirty_build(run_mkdocs, project)
    assert changed == total > 20
    assert (project / STATE).is_file()
    # Nothing changed: nothing to rebuild, even after a fresh checkout gives every file a new time.
    for path in project.rglob("*.yml"):
        os.utime(path, (1, 1))
    assert dirty_build(run_mkdocs, project) == (0, total)


def test_an_edit_rebuilds_its_pages_and_matches_a_clean_build(
    project: Path, run_mkdocs: Callable[..., Any], tmp_path: Path
) -> None:
    _, total = dirty_build(run_mkdocs, project)
    source = project / INNOVATION
    source.write_text(
        source.read_text(encoding="utf-8").replace("title: ", "title: Diperbarui ", 1), encoding="utf-8"
    )
    changed, _ = dirty_build(run_mkdocs, project)
    assert 0 < changed < total
    assert tree(project / "site") == clean_build(run_mkdocs, project, tmp_path / "clean")


def test_the_search_index_reads_only_the_pages_a_dirty_build_writes(
    project: Path, run_mkdocs: Callable[..., Any], tmp_path: Path
) -> None:
    dirty_build(run_mkdocs, project)
    source = project / INNOVATION
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("title: ", "title: Terkini ", 1), encoding="utf-8")
    done = run_mkdocs(project, "build", "--strict", "--dirty")
    assert done.returncode == 0, done.stderr
    found = _SEARCH_READ.search(done.stderr)
    assert found is not None, done.stderr
    read, kept = int(found[1]), int(found[2])
    entry = json.loads((project / "site" / "search-index" / "index.json").read_text(encoding="utf-8"))
    assert read > 0 and kept > 0 and read + kept == entry["documents"]
    # The kept documents and the new ones make the index a clean build makes.
    assert tree(project / "site") == clean_build(run_mkdocs, project, tmp_path / "clean")
    index = (project / "site" / "search-index").rglob("*.json")
    assert any("Terkini" in p.read_text(encoding="utf-8") for p in index)


def test_a_removed_record_loses_its_page(
    project: Path, run_mkdocs: Callable[..., Any], tmp_path: Path
) -> None:
    dirty_build(run_mkdocs, project)
    page = project / "site" / "inovasi" / "kabupaten-lampung-selatan" / "posyandu-keliling" / "index.html"
    assert page.is_file()
    (project / "innovations" / "kabupaten-lampung-selatan" / "posyandu-keliling.yml").unlink()
    dirty_build(run_mkdocs, project)
    assert not page.exists() and not page.parent.exists()
    assert tree(project / "site") == clean_build(run_mkdocs, project, tmp_path / "clean")


def test_a_lost_page_or_a_template_change_is_built_again(
    project: Path, run_mkdocs: Callable[..., Any]
) -> None:
    _, total = dirty_build(run_mkdocs, project)
    lost = project / "site" / "inovasi" / "kabupaten-sumedang" / "command-center" / "index.html"
    before = lost.read_bytes()
    lost.unlink()
    assert dirty_build(run_mkdocs, project) == (0, total)
    assert lost.read_bytes() == before
    # The theme overrides are an input of every page: a change there invalidates the state.
    override = project / "overrides" / "main.html"
    override.write_text(override.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert dirty_build(run_mkdocs, project) == (total, total)
    shutil.rmtree(project / "site")

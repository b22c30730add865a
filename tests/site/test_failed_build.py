"""A failed `mkdocs build` leaves the last good site and build state (generator/engine/site_swap.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).parents[2]
INNOVATION = "innovations/kabupaten-sumedang/command-center.yml"


def test_a_failed_build_keeps_the_last_good_site(
    tmp_path: Path, project_factory: Callable[..., Path], run_mkdocs: Callable[..., Any]
) -> None:
    project = project_factory(tmp_path / "project", REPO / "tests" / "fixtures" / "site-relations")
    done = run_mkdocs(project, "build", "--strict")
    assert done.returncode == 0, done.stderr
    home = (project / "site" / "index.html").read_bytes()
    source = project / INNOVATION
    good = source.read_text(encoding="utf-8")
    source.write_text(good + "\n: [broken\n", encoding="utf-8")
    assert run_mkdocs(project, "build", "--strict").returncode != 0
    assert (project / "site" / "index.html").read_bytes() == home
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == []
    source.write_text(good.replace("title: ", "title: Baru ", 1), encoding="utf-8")
    done = run_mkdocs(project, "build", "--strict")
    assert done.returncode == 0, done.stderr
    assert not any(p.name.startswith(".site") for p in project.iterdir())


def test_a_failed_dirty_build_then_a_fixed_one_matches_a_clean_build(
    tmp_path: Path, project_factory: Callable[..., Path], run_mkdocs: Callable[..., Any]
) -> None:
    project = project_factory(tmp_path / "project", REPO / "tests" / "fixtures" / "site-relations")
    assert run_mkdocs(project, "build", "--strict", "--dirty").returncode == 0
    source = project / INNOVATION
    good = source.read_text(encoding="utf-8")
    # A link to a missing page: a strict warning, raised by MkDocs after the pages are written.
    source.write_text(good.replace("title: ", "title: Baru ", 1), encoding="utf-8")
    docs = project / "docs" / "tentang.md"
    docs.write_text(docs.read_text(encoding="utf-8") + "\n[x](missing.md)\n", encoding="utf-8")
    assert run_mkdocs(project, "build", "--strict", "--dirty").returncode != 0
    # Fixed by undoing the edit: the pages the failed build rewrote must be written again.
    source.write_text(good, encoding="utf-8")
    docs.write_text(docs.read_text(encoding="utf-8").replace("\n[x](missing.md)\n", ""), encoding="utf-8")
    assert run_mkdocs(project, "build", "--strict", "--dirty").returncode == 0
    clean = tmp_path / "clean"
    assert run_mkdocs(project, "build", "--strict", "--site-dir", str(clean)).returncode == 0

    def tree(site: Path) -> dict[str, bytes]:
        return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}

    built, fresh = tree(project / "site"), tree(clean)
    assert sorted(k for k in built.keys() | fresh.keys() if built.get(k) != fresh.get(k)) == []


def test_a_site_folder_that_cannot_be_written_ends_the_build_in_one_line(
    tmp_path: Path, project_factory: Callable[..., Path], run_mkdocs: Callable[..., Any]
) -> None:
    # A regular file where the site's folder would go fails as a read-only checkout does (root,
    # who runs the tests, ignores file permissions): at the start, in the one line MkDocs prints.
    project = project_factory(tmp_path / "project", REPO / "tests" / "fixtures" / "site-relations")
    (project / "taken").write_text("not a folder", encoding="utf-8")
    for args in (["build"], ["build", "--dirty"]):
        done = run_mkdocs(project, *args, "--site-dir", "taken/site")
        assert done.returncode != 0
        assert "Traceback" not in done.stderr
        errors = [line for line in done.stderr.splitlines() if line.startswith("ERROR")]
        assert len(errors) == 1 and "taken/" in errors[0] and "Not a directory" in errors[0], done.stderr

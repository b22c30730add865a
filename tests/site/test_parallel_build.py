"""`mkdocs build` renders pages in several processes (plugin option `jobs`): same site, same failures."""

from __future__ import annotations

import filecmp
import os
import random
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

import pytest

from generator.engine.parallel_build import CHUNK, _Claims

FIXTURE = Path(__file__).parents[1] / "fixtures" / "site-relations"


def same_tree(left: Path, right: Path) -> list[str]:
    """Paths that differ between two folders (missing on one side, or different bytes)."""
    different: list[str] = []

    def walk(compared: filecmp.dircmp[str], prefix: str) -> None:
        different.extend(prefix + name for name in compared.left_only + compared.right_only)
        _, mismatch, errors = filecmp.cmpfiles(
            compared.left, compared.right, compared.common_files, shallow=False
        )
        different.extend(prefix + name for name in mismatch + errors)
        for name, sub in compared.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right), "")
    return sorted(different)


@pytest.fixture(scope="module")
def builds(
    tmp_path_factory: pytest.TempPathFactory,
    project_factory: Callable[..., Path],
    set_jobs: Callable[[Path, int], None],
    run_mkdocs: Callable[..., CompletedProcess[str]],
) -> dict[int, Path]:
    sites = {}
    for jobs in (1, 3):
        project = project_factory(tmp_path_factory.mktemp(f"jobs{jobs}"), FIXTURE)
        set_jobs(project, jobs)
        site = project / "built"
        done = run_mkdocs(project, "build", "--strict", "-d", str(site))
        assert done.returncode == 0, done.stderr
        sites[jobs] = site
    return sites


def test_several_processes_build_the_same_site_as_one(builds: dict[int, Path]) -> None:
    assert len(list(builds[1].rglob("*.html"))) > 30
    assert same_tree(builds[1], builds[3]) == []


@pytest.mark.parametrize("page", ["a.md", "b.md", "c.md", "d.md", "e.md", "f.md"])
def test_a_warning_in_any_process_fails_the_strict_build(
    tmp_path: Path,
    project_factory: Callable[..., Path],
    set_jobs: Callable[[Path, int], None],
    run_mkdocs: Callable[..., CompletedProcess[str]],
    page: str,
) -> None:
    # Processes claim pages a chunk at a time; among six names some land in each process.
    project = project_factory(tmp_path / "project", FIXTURE)
    set_jobs(project, 2)
    (project / "docs" / page).write_text("# Rusak\n\n[ke mana](tidak-ada.md)\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("  /data.md\n", f"  /data.md\n  /{page}\n"), "utf-8"
    )
    done = run_mkdocs(project, "build", "--strict", "-d", str(tmp_path / "site"))
    assert done.returncode != 0
    assert "tidak-ada.md" in done.stderr


def test_the_processes_take_every_page_exactly_once(tmp_path: Path) -> None:
    pages = 40 * CHUNK + 3
    claims = _Claims(2)
    rng = random.Random(os.getpid())
    child = os.fork()
    taken = []
    for index in range(pages):
        time.sleep(rng.random() / 2000)  # processes that run at uneven speeds
        if claims.mine():
            taken.append(index)
    (tmp_path / ("child" if child == 0 else "parent")).write_text(" ".join(map(str, taken)))
    if child == 0:
        os._exit(0)
    os.waitpid(child, 0)
    both = [(tmp_path / name).read_text().split() for name in ("parent", "child")]
    assert all(both)
    assert sorted(int(index) for index in both[0] + both[1]) == list(range(pages))


@pytest.mark.parametrize(
    ("error", "said"),
    [
        ("BuildError('halaman rusak di b.md')", "halaman rusak di b.md"),
        ("ValueError('tak terduga')", "ValueError: tak terduga"),
    ],
)
def test_a_child_that_fails_says_why_before_it_leaves(error: str, said: str) -> None:
    # MkDocs logs a BuildError (and Python a traceback) only after `on_build_error`, where a
    # child leaves; without its own word the parent's "failed (see above)" would point at nothing.
    script = (
        "from mkdocs.exceptions import BuildError\n"
        "from generator.engine.parallel_build import ParallelBuild\n"
        "build = ParallelBuild(2, shared=frozenset(), anchor_level=30)\n"
        "build.share = 1\n"
        f"build.abort({error})\n"
        "print('not reached')\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert said in done.stderr
    assert "not reached" not in done.stdout

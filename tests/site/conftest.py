"""Built-site fixtures: the real `mkdocs build --strict`, run in a subprocess, once per catalogue.

A project is a temporary folder holding copies of the repository's mkdocs.yml, overrides/ and
docs/ next to a catalogue's regions/, innovations/ and agreements/. The shipped content is built
from the repository root itself. Sites are always built into temporary folders, never into site/.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from generator.content.catalogue import Catalogue
from generator.content.check import load_catalogue
from generator.content.files import CONTENT_DIRS
from generator.site import paths
from generator.site.pages import build_pages, record_page_paths

REPO = Path(__file__).parents[2]
FIXTURES = REPO / "tests" / "fixtures"
SITE_FILES = ("mkdocs.yml", "overrides", "docs")
# A build takes about a second; anything near this means MkDocs or Pagefind hangs.
BUILD_TIMEOUT = 120
# The engines a site is built with: MkDocs in the tests' own environment; ProperDocs, MkDocs'
# maintained fork, in one without MkDocs (`make engines`), where the plugin must work as well.
ENGINES = {
    "mkdocs": [sys.executable, "-m", "mkdocs"],
    "properdocs": [str(REPO / ".venv-properdocs" / "bin" / "python"), "-m", "properdocs"],
}


def mkdocs_env() -> dict[str, str]:
    # NO_MKDOCS_2_WARNING silences a banner of Material 9.7 that would otherwise fill stderr.
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUTF8": "1"}


def make_project(dest: Path, catalogue: Path, *, reverse: bool = False) -> Path:
    """Copy the site's configuration and `catalogue`'s content folders into `dest`.

    With `reverse`, files are created in reverse name order, so that anything depending on the
    order in which the file system lists them would show up as a difference.
    """
    dest.mkdir(parents=True, exist_ok=True)
    sources = [REPO / name for name in SITE_FILES] + [catalogue / name for name in CONTENT_DIRS]
    files = []
    for source in sources:
        if source.is_dir():
            files += [
                (p, dest / source.name / p.relative_to(source)) for p in source.rglob("*") if p.is_file()
            ]
        elif source.is_file():
            files.append((source, dest / source.name))
    for source, target in sorted(files, reverse=reverse):
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    return dest


def with_jobs(project: Path, jobs: int) -> None:
    """Set the plugin's `jobs` option (processes that build pages) in the project's mkdocs.yml."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "      lang: id\n" in text
    config.write_text(
        text.replace("      lang: id\n", f"      lang: id\n      jobs: {jobs}\n", 1), encoding="utf-8"
    )


def mkdocs(project: Path, *args: str, timeout: float = BUILD_TIMEOUT) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs ARGS` in `project`, as a user would."""
    return run_engine("mkdocs", project, *args, timeout=timeout)


def run_engine(
    engine: str, project: Path, *args: str, timeout: float = BUILD_TIMEOUT
) -> subprocess.CompletedProcess[str]:
    """Run `ENGINE ARGS` (`mkdocs` or `properdocs`, see ENGINES) in `project`."""
    command = ENGINES[engine]
    if not Path(command[0]).is_file():
        pytest.fail(f"{command[0]} is missing: run `make engines` first")
    return subprocess.run(
        [*command, *args],
        cwd=project,
        env=mkdocs_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@dataclass
class Built:
    """A built site and what went into it."""

    project: Path
    site: Path
    catalogue: Catalogue
    pages: dict[str, str]
    records: set[str]
    log: str

    def html_path(self, page: str) -> Path:
        """Where MkDocs (use_directory_urls) writes the HTML of docs page `page`."""
        return self.site / paths.built_file(paths.url(page))

    def html(self, page: str) -> str:
        return self.html_path(page).read_text(encoding="utf-8")


def build(project: Path, site: Path) -> Built:
    """`mkdocs build --strict` of `project` into `site`; fails the test with MkDocs' output if it fails."""
    done = mkdocs(project, "build", "--strict", "--site-dir", str(site))
    assert done.returncode == 0, f"mkdocs build failed:\n{done.stdout}{done.stderr}"
    catalogue = load_catalogue(project)
    return Built(
        project,
        site,
        catalogue,
        build_pages(catalogue),
        record_page_paths(catalogue),
        done.stdout + done.stderr,
    )


# Test modules get the helpers as fixtures: importing from a conftest is fragile (pytest swaps
# modules named `conftest` as it goes).


@pytest.fixture(scope="session")
def project_factory() -> Callable[..., Path]:
    """`make_project(dest, catalogue, reverse=False)`."""
    return make_project


@pytest.fixture(scope="session")
def set_jobs() -> Callable[[Path, int], None]:
    """`with_jobs(project, jobs)`."""
    return with_jobs


@pytest.fixture(scope="session")
def run_mkdocs() -> Callable[..., subprocess.CompletedProcess[str]]:
    """`mkdocs(project, *args)`."""
    return mkdocs


@pytest.fixture(scope="session")
def engine_commands() -> dict[str, list[str]]:
    """ENGINES: how to run each engine (`mkdocs`, `properdocs`), its arguments to follow."""
    for command in ENGINES.values():
        if not Path(command[0]).is_file():
            pytest.fail(f"{command[0]} is missing: run `make engines` first")
    return ENGINES


@pytest.fixture(scope="session")
def engine_run() -> Callable[..., subprocess.CompletedProcess[str]]:
    """`run_engine(engine, project, *args)`: `mkdocs` or `properdocs` (ENGINES)."""
    return run_engine


@pytest.fixture(scope="session")
def build_site() -> Callable[[Path, Path], Built]:
    """`build(project, site)`: a strict build that must succeed."""
    return build


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The repository's own content and configuration."""
    return build(REPO, tmp_path_factory.mktemp("shipped") / "site")


@pytest.fixture(scope="session")
def relations_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """tests/fixtures/site-relations: every relation kind (see its README)."""
    project = make_project(tmp_path_factory.mktemp("relations"), FIXTURES / "site-relations")
    return build(project, project / "site")


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """tests/fixtures/site-hostile: syntax in every text field (see its README)."""
    project = make_project(tmp_path_factory.mktemp("hostile"), FIXTURES / "site-hostile")
    return build(project, project / "site")


@pytest.fixture(params=["shipped", "relations", "hostile"])
def any_site(request: pytest.FixtureRequest) -> Built:
    site: Built = request.getfixturevalue(f"{request.param}_site")
    return site


# --- Browser tests: a real Chromium against a built site, nothing leaving 127.0.0.1 -----------------


@pytest.fixture(scope="session")
def chromium(browser: Any) -> Any:
    """The session's Chromium (tests/conftest.py), under the name these tests use."""
    return browser

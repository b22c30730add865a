"""A build in several processes (plugin option `jobs`) warns as a one-process build would.

Each warning is printed once, `--strict` fails on it, a build without `--strict` passes, and a link
to an anchor is checked against its page whichever process rendered each of them. Under both
engines the plugin runs on: MkDocs and ProperDocs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

import pytest

FIXTURE = Path(__file__).parents[1] / "fixtures" / "site-relations"
ENGINES = ["mkdocs", "properdocs"]
# Pages of each kind, far apart in the order the processes take pages in chunks: without the
# parent's check, a link from keamanan.md to each would be checked only in the process that
# rendered both.
TARGETS = [
    "daerah/kabupaten-lampung-selatan.md",
    "inovasi/kabupaten-sumedang/command-center.md",
    "perangkat-daerah/kabupaten-sumedang/setda.md",
    "tema/stunting.md",
]
# A heading on each of TARGETS' first three pages.
PRESENT = {TARGETS[0]: "sekilas", TARGETS[1]: "ringkasan", TARGETS[2]: "mitra-sejenis-di-daerah-lain"}
BROKEN_PAGE_LINK = "Doc file 'keamanan.md' contains a link 'tidak-ada.md', but the target is not found"

Run = Callable[..., CompletedProcess[str]]


def missing_anchor(target: str) -> str:
    """MkDocs' warning for keamanan.md's link to `target#tidak-ada`."""
    return (
        f"Doc file 'keamanan.md' contains a link '{target}#tidak-ada', "
        f"but the doc '{target}' does not contain an anchor '#tidak-ada'."
    )


@pytest.fixture
def project(
    tmp_path: Path, project_factory: Callable[..., Path], set_jobs: Callable[[Path, int], None]
) -> Callable[..., Path]:
    """`project(jobs, page=…, links=…)`: site-relations built in `jobs` processes, with `links`
    (Markdown) added to the hand-written page `page`."""

    def make(jobs: int, *, links: list[str], page: str = "keamanan.md") -> Path:
        made = project_factory(tmp_path / "project", FIXTURE)
        set_jobs(made, jobs)
        written = made / "docs" / page
        written.write_text(written.read_text(encoding="utf-8") + "\n" + "\n\n".join(links) + "\n", "utf-8")
        return made

    return make


def build(engine_run: Run, engine: str, project: Path, *args: str) -> CompletedProcess[str]:
    return engine_run(engine, project, "build", *args, "-d", str(project.parent / "site"))


def test_the_shipped_configuration_warns_on_missing_anchors() -> None:
    # What the cases below rely on: without it, MkDocs reports a missing anchor at INFO only.
    config = (Path(__file__).parents[2] / "mkdocs.yml").read_text(encoding="utf-8")
    assert "validation:\n" in config and "\n  anchors: warn\n" in config


@pytest.mark.parametrize("jobs", [2, 4])
@pytest.mark.parametrize("engine", ENGINES)
def test_a_missing_anchor_on_a_page_another_process_rendered_fails_the_strict_build(
    project: Callable[..., Path], engine_run: Run, engine: str, jobs: int
) -> None:
    built = project(jobs, links=[f"[ke sana]({target}#tidak-ada)" for target in TARGETS])
    done = build(engine_run, engine, built, "--strict")
    assert done.returncode != 0
    for target in TARGETS:
        assert done.stderr.count(missing_anchor(target)) == 1, done.stderr
    assert f"Aborted with {len(TARGETS)} warnings in strict mode!" in done.stdout
    assert not (built.parent / "site").exists()


@pytest.mark.parametrize("engine", ENGINES)
def test_a_missing_anchor_without_strict_passes_with_one_warning(
    project: Callable[..., Path], engine_run: Run, engine: str
) -> None:
    built = project(4, links=[f"[ke sana]({TARGETS[1]}#tidak-ada)"])
    done = build(engine_run, engine, built)
    assert done.returncode == 0, done.stderr
    assert done.stderr.count(missing_anchor(TARGETS[1])) == 1, done.stderr
    assert done.stderr.count("WARNING") == 1, done.stderr


@pytest.mark.parametrize(("level", "shown"), [("info", "INFO"), ("ignore", None)])
@pytest.mark.parametrize("engine", ENGINES)
def test_the_configured_level_of_the_anchor_check_is_kept(
    project: Callable[..., Path], engine_run: Run, engine: str, level: str, shown: str | None
) -> None:
    built = project(4, links=[f"[ke sana]({TARGETS[1]}#tidak-ada)"])
    config = built / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("  anchors: warn\n", f"  anchors: {level}\n"), "utf-8"
    )
    done = build(engine_run, engine, built, "--strict")
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stderr.splitlines() if missing_anchor(TARGETS[1]) in line]
    assert [line.split()[0] for line in lines] == ([shown] if shown else [])


@pytest.mark.parametrize("engine", ENGINES)
def test_links_to_anchors_present_on_pages_another_process_rendered_pass_strict(
    project: Callable[..., Path], engine_run: Run, engine: str
) -> None:
    built = project(4, links=[f"[ke sana]({target}#{anchor})" for target, anchor in PRESENT.items()])
    done = build(engine_run, engine, built, "--strict")
    assert done.returncode == 0, done.stderr
    assert "does not contain an anchor" not in done.stderr


@pytest.mark.parametrize("engine", ENGINES)
def test_a_broken_page_link_warns_once_and_fails_only_the_strict_build(
    project: Callable[..., Path], engine_run: Run, engine: str
) -> None:
    built = project(4, links=["[ke mana](tidak-ada.md)"])
    warns_once_and_fails_only_strict(engine_run, engine, built, BROKEN_PAGE_LINK)


@pytest.mark.parametrize("engine", ENGINES)
def test_a_warning_on_a_page_every_process_reads_is_printed_once(
    project: Callable[..., Path], engine_run: Run, engine: str
) -> None:
    # tentang.md is in the navigation: every process reads it, for its title.
    built = project(4, page="tentang.md", links=["[ke mana](tidak-ada.md)"])
    warning = "Doc file 'tentang.md' contains a link 'tidak-ada.md', but the target is not found"
    warns_once_and_fails_only_strict(engine_run, engine, built, warning)


def warns_once_and_fails_only_strict(engine_run: Run, engine: str, built: Path, warning: str) -> None:
    """A build of `built` prints `warning` once and passes; with `--strict` it prints it once and fails."""
    done = build(engine_run, engine, built)
    assert done.returncode == 0, done.stderr
    assert done.stderr.count(warning) == 1, done.stderr
    strict = build(engine_run, engine, built, "--strict")
    assert strict.returncode != 0
    assert strict.stderr.count(warning) == 1, strict.stderr
    assert "Aborted with 1 warnings in strict mode!" in strict.stdout

"""The site under ProperDocs (MkDocs' maintained fork, in an environment without MkDocs) and the
`katalog build` source rendered by an engine without the plugin (README, "Engines").
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.content.labels import labels
from generator.site import paths
from generator.site.pages import record_page_paths

if TYPE_CHECKING:
    from conftest import Built

REPO = Path(__file__).parents[2]
FIXTURES = REPO / "tests" / "fixtures"
PROPERDOCS_BIN = REPO / ".venv-properdocs" / "bin"
GENERATOR_TAG = re.compile(rb'<meta name="generator" content="[^"]*">')
INNOVATION_FILE = "innovations/kabupaten-sumedang/command-center.yml"


def _tree(site: Path) -> dict[str, bytes]:
    """Every file of a site, the engine's generator tag taken out of the pages."""
    return {
        p.relative_to(site).as_posix(): GENERATOR_TAG.sub(b"", p.read_bytes())
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def _run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {"NO_MKDOCS_2_WARNING": "1", "PYTHONUTF8": "1", "PATH": "/usr/bin:/bin"}
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False)


def test_properdocs_builds_what_mkdocs_builds_but_its_name(
    relations_site: Built, engine_run: Any, tmp_path: Path
) -> None:
    site = tmp_path / "properdocs-site"
    done = engine_run("properdocs", relations_site.project, "build", "--strict", "--site-dir", str(site))
    assert done.returncode == 0, done.stderr
    assert b"ProperDocs" in (site / "index.html").read_bytes()
    mkdocs_tree, properdocs_tree = _tree(relations_site.site), _tree(site)
    assert properdocs_tree.keys() == mkdocs_tree.keys()
    assert [p for p in mkdocs_tree if properdocs_tree[p] != mkdocs_tree[p]] == []


def test_a_dirty_properdocs_build_rebuilds_only_the_pages_an_edit_touches(
    project_factory: Any, engine_run: Any, tmp_path: Path
) -> None:
    project = project_factory(tmp_path / "project", FIXTURES / "site-relations")
    first = engine_run("properdocs", project, "build", "--strict", "--dirty")
    assert first.returncode == 0, first.stderr
    innovation = next(iter(sorted((project / "innovations").rglob("*.yml"))))
    text = innovation.read_text(encoding="utf-8")
    title = re.search(r"^title: (.+)$", text, re.M)
    assert title is not None
    innovation.write_text(text.replace(title.group(0), "title: Judul Yang Diubah"), encoding="utf-8")
    second = engine_run("properdocs", project, "build", "--strict", "--dirty")
    assert second.returncode == 0, second.stderr
    changed, total = map(int, re.findall(r"incremental build: (\d+) of (\d+) pages", second.stderr)[-1])
    assert 1 <= changed < total / 2
    ref = f"{innovation.parent.name}/{innovation.stem}"
    page = project / "site" / paths.built_file(paths.url(paths.innovation(ref)))
    assert "Judul Yang Diubah" in page.read_text(encoding="utf-8")


def test_preview_and_the_offline_copy_need_no_mkdocs(engine_commands: Any, tmp_path: Path) -> None:
    python = str(PROPERDOCS_BIN / "python")
    absent = _run([python, "-c", "import mkdocs"], REPO)
    assert absent.returncode != 0 and "No module named 'mkdocs'" in absent.stderr

    preview = _run(
        [str(PROPERDOCS_BIN / "katalog"), "preview", INNOVATION_FILE, "--out", str(tmp_path / "p")], REPO
    )
    assert preview.returncode == 0, preview.stderr
    page = tmp_path / "p" / "inovasi" / "kabupaten-sumedang" / "command-center" / "index.html"
    assert "Sumedang Command Center" in page.read_text(encoding="utf-8")

    packed = tmp_path / "offline.zip"
    offline = _run([str(PROPERDOCS_BIN / "katalog"), "offline", "--out", str(packed)], REPO)
    assert offline.returncode == 0, offline.stderr
    with zipfile.ZipFile(packed) as archive:
        names = set(archive.namelist())
    assert "katalog-inovasi-daerah/inovasi/kabupaten-sumedang/command-center.html" in names


def test_an_engine_without_the_plugin_renders_the_katalog_build_source(
    relations_site: Built, engine_commands: Any, tmp_path: Path
) -> None:
    # ProperDocs' environment has no MkDocs: `katalog build` there drives ProperDocs, no plugin.
    out = tmp_path / "built"
    config = relations_site.project / "mkdocs.yml"
    katalog = str(PROPERDOCS_BIN / "katalog")
    done = _run(
        [
            katalog,
            "build",
            "--config",
            str(config),
            "--out",
            str(out),
            "--engine",
            str(PROPERDOCS_BIN / "properdocs"),
            "--strict",
        ],
        REPO,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    site = out / "site"
    for page in sorted(record_page_paths(relations_site.catalogue)):
        assert (site / paths.built_file(paths.url(page))).is_file(), page
    # The theme's overrides fall back to its own blocks, and read their labels from the config.
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "katalog_shared" not in home and labels()["propose_innovation"]["id"] in home
    assert labels()["not_found_title"]["id"] in (site / "404.html").read_text(encoding="utf-8")
    # What the plugin would add is there: search index, open data, catalogue browser's index.
    assert (site / "search-index" / "index.json").is_file()
    assert (site / "data" / "katalog.json").is_file()
    assert (site / "sitemap.xml.gz").is_file()

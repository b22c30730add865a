"""The second engine: Zensical renders the `katalog build` source of the shipped content with no
plugin; `katalog finish` completes it. Every record has its page, every link resolves, and the
search page finds records in a real Chromium from the index the `katalog` step wrote.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.content.check import load_catalogue
from generator.quality.linkcheck import check_links
from generator.site import paths
from generator.site.pages import record_page_paths

REPO = Path(__file__).parents[2]
ZENSICAL = REPO / ".venv-zensical" / "bin" / "zensical"


@pytest.fixture(scope="module")
def zensical_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The `katalog build` folder of the shipped content, rendered by Zensical and finished."""
    if not ZENSICAL.is_file():
        pytest.fail(f"{ZENSICAL} is missing: run `make engines` first")
    out = tmp_path_factory.mktemp("zensical") / "built"
    katalog = Path(__file__).parents[2] / ".venv" / "bin" / "katalog"
    command = [str(katalog), "build", "--config", str(REPO / "mkdocs.yml"), "--out", str(out)]
    done = subprocess.run(
        [*command, "--engine", str(ZENSICAL), "--strict"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "search index of" in done.stdout
    return out


def test_every_record_has_its_page(zensical_build: Path) -> None:
    site = zensical_build / "site"
    pages = record_page_paths(load_catalogue(REPO))
    assert len(pages) > 100
    missing = [page for page in sorted(pages) if not (site / paths.built_file(paths.url(page))).is_file()]
    assert missing == []
    # Zensical built them, not MkDocs.
    assert "mkdocs-1." not in (site / "index.html").read_text(encoding="utf-8")


def test_every_link_resolves(zensical_build: Path) -> None:
    report = check_links(zensical_build / "site")
    assert report.pages > 100
    assert report.broken == []


def test_a_missing_record_page_fails_the_finish_step(zensical_build: Path, tmp_path: Path) -> None:
    # A copy, with one record page gone as an engine setting might drop it.
    copy = tmp_path / "built"
    shutil.copytree(zensical_build, copy)
    manifest = copy / "katalog-build.json"
    # The catalogue is named relative to the folder; the copy is elsewhere.
    settings = json.loads(manifest.read_text(encoding="utf-8"))
    manifest.write_text(json.dumps(settings | {"root": str(REPO)}), encoding="utf-8")
    gone = copy / "site" / "inovasi" / "kabupaten-sumedang" / "command-center" / "index.html"
    gone.unlink()
    katalog = REPO / ".venv" / "bin" / "katalog"
    done = subprocess.run([str(katalog), "finish", str(copy)], capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert "inovasi/kabupaten-sumedang/command-center.md" in done.stderr


@pytest.fixture
def base(zensical_build: Path, static_server: Any) -> Iterator[str]:
    with static_server(zensical_build / "site") as url:
        yield url


@pytest.mark.browser
def test_the_search_page_finds_records_from_the_katalog_index(browser: Any, base: str) -> None:
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(base + "cari/")
        page.locator(".kid-search__input").fill("command center")
        results = page.locator(".kid-search__title")
        expect(results.first).to_be_visible(timeout=10_000)
        hrefs = results.evaluate_all("a => a.map(x => x.getAttribute('href'))")
        assert any(href.endswith("inovasi/kabupaten-sumedang/command-center/") for href in hrefs), hrefs
        results.first.click()
        expect(page.locator("h1")).to_be_visible()
    finally:
        context.close()
    assert errors == []

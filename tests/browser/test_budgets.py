"""Size budgets (generator/quality/budgets.yml) on the shipped site and on a generated catalogue.

A change that puts every page in the navigation makes every page carry the whole catalogue; the
last test makes that change and proves the budgets catch it.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from playwright.sync_api import Page, Response, expect

from generator.contrib.synthetic import write_synthetic_catalogue
from generator.quality.budgets import budgets, measure, page_type

from .conftest import REPO, build_site, copy_project

# Enough innovations that listings page, few enough to build in about ten seconds.
GENERATED_INNOVATIONS = 150

# An MkDocs hook that undoes the plugin's choice to keep record pages out of the navigation.
NAV_EVERYTHING_HOOK = """
from mkdocs.structure.files import InclusionLevel

def on_files(files, config):
    for file in files:
        if file.src_uri.endswith(".md"):
            file.inclusion = InclusionLevel.INCLUDED
    return files
"""


@pytest.fixture(scope="module")
def generated_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("generated")
    write_synthetic_catalogue(REPO, project / "catalogue", GENERATED_INNOVATIONS, seed=7)
    copy_project(project / "site-src", catalogue=project / "catalogue")
    return build_site(project / "site-src", project / "site")


def test_page_types_cover_the_site(shipped_site: Path) -> None:
    kinds = {page.type for page in measure(shipped_site).pages}
    assert {
        "home",
        "innovation",
        "region",
        "province",
        "agency",
        "agency-kind",
        "agreement",
        "brief",
    } <= kinds
    assert page_type("inovasi/kabupaten-a/b/index.html") == "innovation"
    assert page_type("tema/x/dari-kota-a--b/index.html") == "listing"
    assert page_type("tag/t/daftar/dari-kota-a--b/index.html") == "listing"
    assert page_type("perangkat-daerah/jenis/bappeda/dari-kota-a--bappeda/index.html") == "listing"
    # An innovation or an agency whose own id starts with "dari-" is no listing page.
    assert page_type("inovasi/kota-a/dari-desa/index.html") == "innovation"
    assert page_type("perangkat-daerah/kota-a/dari-x/index.html") == "agency"


def test_shipped_site_is_within_budgets(shipped_site: Path) -> None:
    assert measure(shipped_site).over == []


def test_generated_catalogue_is_within_budgets(generated_site: Path) -> None:
    report = measure(generated_site)
    assert len(report.pages) > GENERATED_INNOVATIONS
    assert report.over == []


def test_search_first_query_downloads_little(guarded_page: Page, site_url: str) -> None:
    downloaded: list[bytes] = []

    def keep(response: Response) -> None:
        if "/search-index/" in response.url or response.url.endswith("/search.js"):
            downloaded.append(response.body())

    guarded_page.on("response", keep)
    guarded_page.goto(site_url + "cari/")
    guarded_page.locator(".kid-search__input").fill("inovasi")
    expect(guarded_page.locator(".kid-search__title").first).to_be_visible(timeout=10_000)
    guarded_page.wait_for_load_state("networkidle")
    assert len(downloaded) >= 3, "the search must load its script and index files"
    # On the wire, as any static host serves text: gzip-compressed.
    on_the_wire = sum(min(len(body), len(gzip.compress(body))) for body in downloaded)
    assert on_the_wire <= budgets()["search_first_query_bytes"]


def test_putting_every_page_in_the_navigation_breaks_the_budgets(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "nav_everything.py").write_text(NAV_EVERYTHING_HOOK, encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = config[: config.index("\nnav:")] + "\nhooks:\n  - nav_everything.py\n"
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    report = measure(build_site(project, tmp_path / "site"))
    assert any("navigation links" in line for line in report.over)

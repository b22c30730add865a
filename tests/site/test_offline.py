"""The offline copy (`katalog offline`): a deterministic zip that works from file:// in Chromium.

Built from `tests/fixtures/site-visit` as a user builds it (the CLI, in a subprocess), twice, then
unpacked and browsed by clicking: home → region → innovation, the catalogue browser (from its
script shards) and the theme's search box. Nothing may be requested except file:// addresses.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest

from generator.content.check import load_catalogue
from generator.content.labels import labels
from generator.engine.offline import ZIP_ROOT
from generator.site import paths

pytestmark = pytest.mark.browser

REPO = Path(__file__).parents[2]
VISIT = REPO / "tests" / "fixtures" / "site-visit"
KATALOG = Path(sys.executable).parent / "katalog"
BUILD_TIMEOUT = 120
_NOT_FILE = re.compile(r"^(?!file://)")


def t(key: str) -> str:
    return str(labels()[key]["id"])


@dataclass
class Offline:
    zips: list[Path]
    root: Path  # the unpacked katalog-inovasi-daerah/ folder
    log: str

    def uri(self, rel: str) -> str:
        return (self.root / rel).as_uri()


@pytest.fixture(scope="module")
def offline(tmp_path_factory: pytest.TempPathFactory, project_factory: Any) -> Offline:
    tmp = tmp_path_factory.mktemp("offline")
    project = project_factory(tmp / "project", VISIT)
    shutil.copyfile(REPO / "mkdocs-offline.yml", project / "mkdocs-offline.yml")
    # The Web Worker shim of the theme's search comes from node_modules (npm ci).
    (project / "node_modules").symlink_to(REPO / "node_modules", target_is_directory=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUTF8": "1"}
    zips = [tmp / "x.zip", tmp / "y.zip"]
    # Both builds at once, from a folder that is not the project: paths come from --config.
    runs = [
        subprocess.Popen(
            [str(KATALOG), "offline", "--config", str(project / "mkdocs-offline.yml"), "--out", str(out)],
            cwd=tmp,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for out in zips
    ]
    logs = []
    for run in runs:
        output, _ = run.communicate(timeout=BUILD_TIMEOUT)
        assert run.returncode == 0, output
        logs.append(output)
    with zipfile.ZipFile(zips[0]) as archive:
        archive.extractall(tmp / "unpacked")
    return Offline(zips, tmp / "unpacked" / ZIP_ROOT, "".join(logs))


def test_offline_zip_builds_and_says_how_to_open_it(offline: Offline) -> None:
    assert f"{ZIP_ROOT}/index.html" in offline.log
    with zipfile.ZipFile(offline.zips[0]) as archive:
        names = archive.namelist()
    # Sorted as paths (folder by folder), so the same site always packs in the same order.
    assert names == sorted(names, key=lambda n: n.split("/"))
    assert all(name.startswith(f"{ZIP_ROOT}/") for name in names)
    assert f"{ZIP_ROOT}/index.html" in names
    # The browser's index as scripts (file:// refuses fetch), and no Pagefind (it fetches too).
    assert f"{ZIP_ROOT}/katalog/index.js" in names
    assert not [n for n in names if n.startswith(f"{ZIP_ROOT}/katalog/") and n.endswith(".json")]
    assert not [n for n in names if n.startswith(f"{ZIP_ROOT}/search-index/")]


def test_two_builds_are_byte_identical(offline: Offline) -> None:
    first, second = (z.read_bytes() for z in offline.zips)
    assert first == second


def test_pages_use_file_urls(offline: Offline) -> None:
    catalogue = load_catalogue(VISIT)
    for ref in catalogue.innovations:
        assert (offline.root / paths.innovation(ref).removesuffix(".md")).with_suffix(".html").is_file()
    index = (offline.root / "katalog" / "shard-provinsi-lampung.js").read_text(encoding="utf-8")
    assert '"inovasi/kota-metro/perizinan-kilat.html"' in index


@dataclass
class FileTab:
    page: Any
    requests: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@pytest.fixture
def tab(chromium: Any) -> Iterator[FileTab]:
    context = chromium.new_context(service_workers="block")
    page = context.new_page()
    opened = FileTab(page)

    def refuse(route: Any) -> None:
        opened.refused.append(route.request.url)
        route.abort()

    context.route(_NOT_FILE, refuse)
    page.on("request", lambda request: opened.requests.append(request.url))
    page.on("console", lambda m: opened.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: opened.errors.append(str(error)))
    yield opened
    context.close()
    assert opened.errors == [], opened.errors
    assert opened.refused == [], opened.refused
    assert {urlsplit(u).scheme for u in opened.requests} <= {"file", "data", "blob"}, opened.requests


def test_navigate_by_clicking(offline: Offline, tab: FileTab) -> None:
    from playwright.sync_api import expect

    page = tab.page
    page.goto(offline.uri("index.html"))
    expect(page.locator("h1")).to_be_visible()
    page.locator(".md-content").get_by_role("link", name="Kabupaten Sumedang", exact=True).first.click()
    expect(page.locator("h1")).to_have_text("Kabupaten Sumedang")
    assert page.url == offline.uri("daerah/kabupaten-sumedang.html")
    page.locator(".md-content").get_by_role("link", name="Layanan Adminduk Daring").first.click()
    expect(page.locator("h1")).to_have_text("Layanan Adminduk Daring")
    assert page.url == offline.uri("inovasi/kabupaten-sumedang/layanan-adminduk-daring.html")
    expect(page.get_by_role("heading", name=t("study_visit"), level=2)).to_be_visible()
    # The photo travels with the copy (the fixture's is far below the offline limit) and loads.
    photo = page.get_by_role("img", name="Loket pelayanan dengan layar antrean.")
    photo.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=photo.element_handle())


def test_catalogue_browser_loads_and_filters_from_scripts(offline: Offline, tab: FileTab) -> None:
    from playwright.sync_api import expect

    catalogue = load_catalogue(VISIT)
    page = tab.page
    page.goto(offline.uri("index.html"))
    page.locator(".md-tabs").get_by_role("link", name=t("innovations")).click()
    items = page.locator(".kid-browse__item > a")
    everything = sorted((i.title for i in catalogue.innovations.values()), key=str.casefold)
    expect(items).to_have_text(everything)
    page.locator("#kid-filter-provinsi").select_option("provinsi-lampung")
    lampung = [
        i
        for i in catalogue.innovations.values()
        if catalogue.regions[i.region].province == "provinsi-lampung"
    ]
    expect(items).to_have_text(sorted((i.title for i in lampung), key=str.casefold))
    assert dict(parse_qsl(urlsplit(page.url).query)) == {"provinsi": "provinsi-lampung"}
    page.locator("#kid-filter-tema").select_option("stunting")
    expect(items).to_have_text(["Lampung Selatan Sehat"])
    scripts = sorted({u.rsplit("/", 1)[1] for u in tab.requests if "/katalog/" in u})
    assert scripts == ["index.js", "shard-provinsi-jawa-barat.js", "shard-provinsi-lampung.js"]
    # A row opens its page.
    items.first.click()
    expect(page.locator("h1")).to_have_text("Lampung Selatan Sehat")


def test_a_province_link_loads_only_its_script_shard(offline: Offline, tab: FileTab) -> None:
    from playwright.sync_api import expect

    page = tab.page
    page.goto(offline.uri("inovasi/index.html") + "?provinsi=provinsi-lampung")
    expect(page.locator(".kid-browse__item > a")).to_have_count(3)
    shards = [u.rsplit("/", 1)[1] for u in tab.requests if "/katalog/shard-" in u]
    assert shards == ["shard-provinsi-lampung.js"]


def open_search(page: Any, query: str) -> Any:
    page.keyboard.press("s")
    field_ = page.locator("input[data-md-component='search-query']")
    from playwright.sync_api import expect

    expect(field_).to_be_focused()
    page.keyboard.type(query)
    return page.locator(".md-search-result__item")


def test_theme_search_finds_innovations(offline: Offline, tab: FileTab) -> None:
    from playwright.sync_api import expect

    page = tab.page
    page.goto(offline.uri("index.html"))
    results = open_search(page, "posyandu")
    expect(results.first).to_be_visible()
    links = page.locator(".md-search-result__item a").evaluate_all("links => links.map(a => a.href)")
    assert offline.uri("inovasi/kabupaten-sumedang/posyandu-digital.html") in [u.split("#")[0] for u in links]
    # Pages kept out of search online (visit briefs, the browser, the network) stay out of it here.
    kept_out = [u for u in links if "/kunjungan" in u or u.startswith(offline.uri("inovasi/index.html"))]
    assert kept_out == []
    page.locator(".md-search-result__item a").first.click()
    expect(page.locator("h1")).to_have_text("Posyandu Digital")


def test_search_box_opens_by_clicking_its_label(offline: Offline, tab: FileTab) -> None:
    from playwright.sync_api import expect

    page = tab.page
    # On a phone the search box hides behind its header button (a label).
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(offline.uri("inovasi/kota-metro/perizinan-kilat.html"))
    page.locator("label[for='__search']").first.click()
    field_ = page.locator("input[data-md-component='search-query']")
    expect(field_).to_be_focused()
    page.keyboard.type("perizinan")
    expect(page.locator(".md-search-result__item").first).to_contain_text("Perizinan Kilat Metro")

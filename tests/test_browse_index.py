"""The catalogue browser's index: manifest and shards decode back to the records, one shard per
province, safe inside HTML, deterministic, and (for the offline copy) wrapped as scripts.

Most checks run on `build_browse_index` directly; one module-wide `mkdocs build` of
`tests/fixtures/site-visit` checks the files the plugin writes and that every row's URL is the
URL of a built page.
"""

from __future__ import annotations

import dataclasses
import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.content.catalogue import Catalogue
from generator.content.check import load_catalogue
from generator.content.files import CONTENT_DIRS
from generator.content.vocab import vocabulary
from generator.search.browse_index import (
    COLUMNS,
    FORMAT_VERSION,
    INDEX_DIR,
    MANIFEST,
    as_scripts,
    build_browse_index,
)
from generator.site import paths
from generator.site.render import PageRenderer

ROOT = Path(__file__).parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
VISIT = FIXTURES / "site-visit"
CATALOGUES = {"site-visit": VISIT, "site-hostile": FIXTURES / "site-hostile", "shipped": ROOT}
VOCABS = {
    "stage": "stages",
    "kind": "innovation-kinds",
    "form": "forms",
    "status": "statuses",
    "theme": "themes",
    "agency_kind": "agency-kinds",
}
COLUMN = {name: n for n, name in enumerate(COLUMNS)}


def decode(files: dict[str, bytes]) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    manifest = json.loads(files[MANIFEST])
    shards = {path: json.loads(data) for path, data in files.items() if path != MANIFEST}
    return manifest, shards


def rows(files: dict[str, bytes]) -> list[list[Any]]:
    _, shards = decode(files)
    return [row for shard in shards.values() for row in shard["rows"]]


@pytest.fixture(scope="module", params=sorted(CATALOGUES))
def indexed(request: pytest.FixtureRequest) -> tuple[Catalogue, dict[str, bytes]]:
    catalogue = load_catalogue(CATALOGUES[request.param])
    return catalogue, build_browse_index(catalogue, paths.url)


def test_manifest_and_shards_decode(indexed: tuple[Catalogue, dict[str, bytes]]) -> None:
    catalogue, files = indexed
    manifest, shards = decode(files)
    assert set(files) == {MANIFEST} | {f"{INDEX_DIR}/{s['file']}" for s in manifest["shards"]}
    assert manifest["version"] == FORMAT_VERSION
    assert manifest["columns"] == list(COLUMNS)
    assert manifest["count"] == len(catalogue.innovations)
    for entry in manifest["shards"]:
        shard = shards[f"{INDEX_DIR}/{entry['file']}"]
        assert shard["version"] == FORMAT_VERSION
        assert entry["count"] == len(shard["rows"]) > 0
        assert all(len(row) == len(COLUMNS) for row in shard["rows"])
        # Rows by title, as the browser shows them before any sorting.
        assert [r[0].casefold() for r in shard["rows"]] == sorted(r[0].casefold() for r in shard["rows"])


def test_one_row_per_innovation_with_its_page_url(indexed: tuple[Catalogue, dict[str, bytes]]) -> None:
    catalogue, files = indexed
    found = rows(files)
    assert len(found) == len(catalogue.innovations)
    by_url = {
        paths.url(paths.innovation(ref)): innovation for ref, innovation in catalogue.innovations.items()
    }
    assert sorted(row[COLUMN["url"]] for row in found) == sorted(by_url)
    for row in found:
        assert row[COLUMN["title"]] == by_url[row[COLUMN["url"]]].title


def test_rows_decode_to_the_records(indexed: tuple[Catalogue, dict[str, bytes]]) -> None:
    catalogue, files = indexed
    manifest, _ = decode(files)
    values = {name: [entry[0] for entry in manifest["dict"][name]] for name in (*VOCABS, "region")}
    by_url = {
        paths.url(paths.innovation(ref)): innovation for ref, innovation in catalogue.innovations.items()
    }
    for row in rows(files):
        innovation = by_url[row[COLUMN["url"]]]
        region = catalogue.regions[innovation.region]
        day = innovation.implementation_date or innovation.trial_date
        assert values["region"][row[COLUMN["region"]]] == innovation.region
        for name in ("stage", "kind", "form", "status"):
            assert values[name][row[COLUMN[name]]] == getattr(innovation, name)
        assert row[COLUMN["year"]] == (day.year if day else None)
        assert {values["theme"][n] for n in row[COLUMN["themes"]]} == set(innovation.themes)
        kinds = {a.kind for a in region.agencies if a.id in innovation.agencies}
        assert {values["agency_kind"][n] for n in row[COLUMN["agency_kinds"]]} == kinds
        assert row[COLUMN["themes"]] == sorted(row[COLUMN["themes"]])
        assert row[COLUMN["agency_kinds"]] == sorted(row[COLUMN["agency_kinds"]])


def test_dictionaries_match_vocabularies(indexed: tuple[Catalogue, dict[str, bytes]]) -> None:
    catalogue, files = indexed
    manifest, _ = decode(files)
    for name, vocab in VOCABS.items():
        assert manifest["dict"][name] == [[v, labels["id"]] for v, labels in vocabulary(vocab).values.items()]
    name = PageRenderer("id").region_name
    provinces = sorted((r for r in catalogue.regions.values() if r.type == "provinsi"), key=lambda r: r.code)
    assert manifest["dict"]["province"] == [[p.id, name(p)] for p in provinces]
    province_ids = [p.id for p in provinces]
    with_innovations = sorted(
        {i.region for i in catalogue.innovations.values()}, key=lambda r: catalogue.regions[r].code
    )
    assert manifest["dict"]["region"] == [
        [r, name(catalogue.regions[r]), province_ids.index(catalogue.regions[r].province or r)]
        for r in with_innovations
    ]


def test_one_shard_per_province_with_innovations(indexed: tuple[Catalogue, dict[str, bytes]]) -> None:
    catalogue, files = indexed
    manifest, shards = decode(files)
    provinces = [p[0] for p in manifest["dict"]["province"]]
    regions = [r[0] for r in manifest["dict"]["region"]]
    having = {catalogue.regions[i.region].province or i.region for i in catalogue.innovations.values()}
    assert sorted(e["file"] for e in manifest["shards"]) == sorted(f"shard-{p}.json" for p in having)
    for entry in manifest["shards"]:
        province = provinces[entry["province"]]
        assert entry["file"] == f"shard-{province}.json"
        for row in shards[f"{INDEX_DIR}/{entry['file']}"]["rows"]:
            region = catalogue.regions[regions[row[COLUMN["region"]]]]
            assert (region.province or region.id) == province


def test_visit_fixture_shards() -> None:
    files = build_browse_index(load_catalogue(VISIT), paths.url)
    manifest, shards = decode(files)
    assert [(e["file"], e["count"]) for e in manifest["shards"]] == [
        ("shard-provinsi-lampung.json", 3),
        ("shard-provinsi-jawa-barat.json", 5),
    ]
    assert [row[0] for row in shards["katalog/shard-provinsi-lampung.json"]["rows"]] == [
        "Adminduk Online Lampung Selatan",
        "Lampung Selatan Sehat",
        "Perizinan Kilat Metro",
    ]


def test_no_less_than_sign_survives(indexed: tuple[Catalogue, dict[str, bytes]]) -> None:
    catalogue, _ = indexed
    # Every title made hostile: the index must still be safe to paste inside a <script> element.
    hostile = {
        ref: dataclasses.replace(i, title=f"</script><script>alert(1)</script> <!-- {i.title}")
        for ref, i in catalogue.innovations.items()
    }
    files = build_browse_index(dataclasses.replace(catalogue, innovations=hostile), paths.url)
    for path, data in files.items():
        assert b"<" not in data, path
        assert b"\\u003c" in data or path == MANIFEST
    titles = sorted(row[0] for row in rows(files))
    assert titles == sorted(i.title for i in hostile.values())


def test_the_index_is_deterministic(indexed: tuple[Catalogue, dict[str, bytes]]) -> None:
    catalogue, files = indexed
    shuffled = dataclasses.replace(
        catalogue,
        innovations=dict(reversed(catalogue.innovations.items())),
        regions=dict(reversed(catalogue.regions.items())),
    )
    again = build_browse_index(shuffled, paths.url)
    assert again == files
    assert list(again) == list(files)
    assert build_browse_index(catalogue, paths.url) == files


def test_as_scripts_wraps_each_file(indexed: tuple[Catalogue, dict[str, bytes]]) -> None:
    _, files = indexed
    scripts = as_scripts(files)
    assert sorted(scripts) == sorted(p.removesuffix(".json") + ".js" for p in files)
    pattern = re.compile(rb'\Awindow\.kidBrowseData\(("[^"]+"),(.*)\);\n\Z', re.S)
    for path, data in files.items():
        match = pattern.match(scripts[path.removesuffix(".json") + ".js"])
        assert match is not None, path
        # The name is what browse.js asks for (the .json file name); the data is the JSON itself.
        assert json.loads(match[1]) == path.rsplit("/", 1)[1]
        assert match[2] == data
        assert b"<" not in scripts[path.removesuffix(".json") + ".js"]


# --- What the plugin writes into a real build ---------------------------------------------------


@pytest.fixture(scope="module")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`mkdocs build --strict` of the visit fixture, with the site's configuration."""
    project = tmp_path_factory.mktemp("browse-index")
    for name in ("mkdocs.yml", "overrides", "docs"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name)
        else:
            shutil.copyfile(source, project / name)
    for name in CONTENT_DIRS:
        if (VISIT / name).is_dir():
            shutil.copytree(VISIT / name, project / name)
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(project / "site")],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return project / "site"


def test_built_index_is_the_library_index(built_site: Path) -> None:
    files = build_browse_index(load_catalogue(VISIT), paths.url)
    written = {
        p.relative_to(built_site).as_posix(): p.read_bytes() for p in (built_site / INDEX_DIR).iterdir()
    }
    assert written == files


def test_every_row_url_is_a_built_page_of_that_innovation(built_site: Path) -> None:
    found = rows(
        {p.relative_to(built_site).as_posix(): p.read_bytes() for p in (built_site / INDEX_DIR).iterdir()}
    )
    assert found
    for row in found:
        page = built_site / row[COLUMN["url"]] / "index.html"
        assert page.is_file(), row
        heading = re.search(r"<h1[^>]*>(.*?)</h1>", page.read_text(encoding="utf-8"), re.S)
        assert heading is not None and html.unescape(heading[1]).strip() == row[COLUMN["title"]]


def test_browse_index_sizes(built_site: Path) -> None:
    """Small enough for a phone: the manifest plus one shard per province stays a few kilobytes."""
    sizes = {p.name: p.stat().st_size for p in (built_site / INDEX_DIR).iterdir()}
    assert sum(sizes.values()) < 8_000, sizes

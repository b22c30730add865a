"""Open-data exports: JSON valid against its own schema, CSV, per-record JSON, Atom; deterministic.

Most tests build the exports of the shipped catalogue in memory; one runs the real
`mkdocs build --strict` on the minimal fixture to see the plugin write them into the site.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from generator.content.catalogue import Catalogue
from generator.content.check import load_catalogue
from generator.opendata.exports import build_exports, export_schema
from generator.opendata.feeds import FEED_LIMIT

REPO = Path(__file__).parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
SITE = "https://katalog-inovasi-daerah.example.org/"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(REPO)


@pytest.fixture(scope="module")
def exports(catalogue: Catalogue) -> dict[str, bytes]:
    return build_exports(catalogue, site_url=SITE)


def as_json(exports: dict[str, bytes], path: str):
    return json.loads(exports[path].decode("utf-8"))


def validator(exports: dict[str, bytes], definition: str | None = None) -> jsonschema.Draft202012Validator:
    schema = as_json(exports, "data/katalog.schema.json")
    if definition is not None:  # one record's schema, as a reuser of a per-record file takes it
        schema = {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": f"#/$defs/{definition}"}
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def table(exports: dict[str, bytes], path: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(exports[path].decode("utf-8"), newline="")))


# --- JSON and its schema --------------------------------------------------------------------------


def test_schema_is_valid_and_generated_from_the_model(exports):
    schema = as_json(exports, "data/katalog.schema.json")
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema == export_schema()
    region = schema["$defs"]["region"]
    assert list(region["properties"])[:3] == ["id", "name", "type"]
    assert region["properties"]["administrative"]["type"] == "boolean"
    assert schema["$defs"]["innovation"]["required"][:2] == ["id", "region"]


def test_catalogue_json_is_valid_against_its_schema(catalogue, exports):
    data = as_json(exports, "data/katalog.json")
    assert [error.message for error in validator(exports).iter_errors(data)] == []
    assert data["license"]["id"] == "CC-BY-4.0"
    counts = (len(data["regions"]), len(data["innovations"]), len(data["agreements"]), len(data["visits"]))
    assert counts == (552, len(catalogue.innovations), len(catalogue.agreements), len(catalogue.visits))
    assert [f"{i['region']}/{i['id']}" for i in data["innovations"]] == sorted(catalogue.innovations)
    for key in ("regions", "agreements", "visits"):
        ids = [r["id"] for r in data[key]]
        assert ids == sorted(ids), key


def test_one_json_document_per_record_at_a_stable_path(catalogue, exports):
    """Regions, agreements and visits have one each; innovations are in katalog.json only."""
    expected = {f"data/daerah/{r}.json" for r in catalogue.regions}
    expected |= {f"data/kerja-sama/{a}.json" for a in catalogue.agreements}
    expected |= {f"data/kunjungan/{v}.json" for v in catalogue.visits}
    assert {p for p in exports if p.endswith(".json") and p.count("/") > 1} == expected
    whole = as_json(exports, "data/katalog.json")
    kinds = (
        ("region", "daerah", "regions"),
        ("agreement", "kerja-sama", "agreements"),
        ("visit", "kunjungan", "visits"),
    )
    for kind, folder, key in kinds:
        check = validator(exports, kind)
        for record in whole[key]:
            single = as_json(exports, f"data/{folder}/{record['id']}.json")
            assert list(check.iter_errors(single)) == [], record["id"]
            assert single == record
    ref = "kabupaten-sumedang/command-center"
    command_center = whole["innovations"][sorted(catalogue.innovations).index(ref)]
    assert list(validator(exports, "innovation").iter_errors(command_center)) == []
    assert command_center["description"] == catalogue.innovations[ref].description
    assert command_center["page"] == f"{SITE}inovasi/kabupaten-sumedang/command-center/"
    assert command_center["last_verified"] == catalogue.innovations[ref].last_verified.isoformat()
    visit = as_json(exports, "data/kunjungan/2025-07-lampung-selatan-ke-sumedang.json")
    assert visit["page"] == f"{SITE}kunjungan/2025-07-lampung-selatan-ke-sumedang/"
    assert visit["agreement"] == "mou-lampung-selatan-sumedang-2025"


def test_records_without_a_page_have_no_page_link(catalogue, exports):
    sumedang = as_json(exports, "data/daerah/kabupaten-sumedang.json")
    assert sumedang["page"] == f"{SITE}daerah/kabupaten-sumedang/"
    assert len(sumedang["agencies"]) == len(catalogue.regions["kabupaten-sumedang"].agencies)
    assert sumedang["administrative"] is False
    garut = as_json(exports, "data/daerah/kabupaten-garut.json")
    assert "page" not in garut
    assert as_json(exports, "data/daerah/kota-jakarta-pusat.json")["administrative"] is True


def test_links_are_relative_without_a_site_address(catalogue):
    exports = build_exports(catalogue)
    record = as_json(exports, "data/kunjungan/2025-07-lampung-selatan-ke-sumedang.json")
    assert record["page"] == "../../kunjungan/2025-07-lampung-selatan-ke-sumedang/"
    whole = as_json(exports, "data/katalog.json")
    assert "site" not in whole
    first = sorted(catalogue.innovations)[0]
    assert whole["innovations"][0]["page"] == f"../inovasi/{first}/"
    feed = ET.fromstring(exports["data/inovasi.atom"])
    assert feed.find(f"{ATOM}id").text == "urn:katalog-inovasi-daerah:data/inovasi.atom"
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == "inovasi.atom"


def test_page_urls_come_from_the_caller():
    flat = build_exports(
        load_catalogue(FIXTURES / "minimal"), url_of=lambda p: p.removesuffix(".md") + ".html"
    )
    (record,) = as_json(flat, "data/katalog.json")["innovations"]
    assert record["page"] == "../inovasi/kabupaten-sumedang/command-center.html"


# --- CSV ------------------------------------------------------------------------------------------


def test_csv_tables(catalogue, exports):
    regions = table(exports, "data/daerah.csv")
    assert len(regions) == 552
    assert list(regions[0])[:7] == ["id", "name", "type", "code", "province", "administrative", "head.title"]
    sumedang = next(r for r in regions if r["id"] == "kabupaten-sumedang")
    assert (sumedang["code"], sumedang["province"], sumedang["head.name"]) == (
        "32.11",
        "provinsi-jawa-barat",
        "Dony Ahmad Munir",
    )
    innovations = table(exports, "data/inovasi.csv")
    assert [f"{r['region']}/{r['id']}" for r in innovations] == sorted(catalogue.innovations)
    command_center = next(
        r for r in innovations if r["id"] == "command-center" and r["region"] == "kabupaten-sumedang"
    )
    assert command_center["affairs"] == "communication-informatics; statistics"
    assert "metrics" not in innovations[0] and "sources" not in innovations[0]  # lists of records: JSON only
    # Markdown texts are in the JSON and on the page, not in the tables.
    for name in ("problem", "description", "goals", "benefits", "results"):
        assert name not in innovations[0], name
    assert command_center["summary"] == catalogue.innovations["kabupaten-sumedang/command-center"].summary
    assert "account" not in table(exports, "data/kunjungan.csv")[0]
    agencies = table(exports, "data/perangkat-daerah.csv")
    assert len(agencies) == sum(len(r.agencies) for r in catalogue.regions.values())
    assert agencies[0]["page"].startswith(f"{SITE}perangkat-daerah/")
    agreements = table(exports, "data/kerja-sama.csv")
    assert [a["id"] for a in agreements] == sorted(catalogue.agreements)
    visits = table(exports, "data/kunjungan.csv")
    assert [v["id"] for v in visits] == sorted(catalogue.visits)
    signing = next(v for v in visits if v["id"] == "2025-07-lampung-selatan-ke-sumedang")
    assert (signing["host"], signing["visitors"]) == ("kabupaten-sumedang", "kabupaten-lampung-selatan")
    assert exports["data/inovasi.csv"].count(b"\r\n") >= 3  # RFC 4180 line ends
    assert not exports["data/daerah.csv"].startswith(b"\xef\xbb\xbf")


# --- Atom -----------------------------------------------------------------------------------------


def entries(feed: ET.Element) -> list[tuple[str, str]]:
    return [
        (e.find(f"{ATOM}title").text, e.find(f"{ATOM}updated").text) for e in feed.findall(f"{ATOM}entry")
    ]


def test_atom_feeds_are_well_formed_with_the_shipped_innovations(catalogue, exports):
    dated = [
        i for i in catalogue.innovations.values() if i.last_verified or i.implementation_date or i.trial_date
    ]
    regions = sorted({i.region for i in dated})
    feeds = sorted(p for p in exports if p.endswith(".atom"))
    assert feeds == sorted(
        [*(f"data/daerah/{r}.atom" for r in regions), "data/inovasi.atom", "data/kunjungan.atom"]
    )
    for path in feeds:
        assert exports[path].startswith(b'<?xml version="1.0" encoding="utf-8"?>\n')
        feed = ET.fromstring(exports[path])
        assert feed.tag == f"{ATOM}feed"
        for required in ("id", "title", "updated", "author"):
            assert feed.find(f"{ATOM}{required}") is not None, (path, required)
        stamps = [updated for _, updated in entries(feed)]
        assert stamps and stamps == sorted(stamps, reverse=True), path  # newest first
        # The feed's own date is its newest entry's, never the clock's.
        assert feed.find(f"{ATOM}updated").text == stamps[0]
    sumedang = ET.fromstring(exports["data/daerah/kabupaten-sumedang.atom"])
    assert sumedang.find(f"{ATOM}title").text == "Inovasi Kabupaten Sumedang: baru dan diperbarui"
    entry = next(
        e
        for e in sumedang.findall(f"{ATOM}entry")
        if e.find(f"{ATOM}id").text == f"{SITE}inovasi/kabupaten-sumedang/command-center/"
    )
    assert entry.find(f"{ATOM}author/{ATOM}name").text == "Kabupaten Sumedang"
    links = {link.get("type"): link.get("href") for link in entry.findall(f"{ATOM}link")}
    assert links == {"text/html": f"{SITE}inovasi/kabupaten-sumedang/command-center/"}
    visits = ET.fromstring(exports["data/kunjungan.atom"])
    assert len(visits.findall(f"{ATOM}entry")) == min(len(catalogue.visits), FEED_LIMIT)
    newest = max(catalogue.visits.values(), key=lambda v: (v.date, [-ord(c) for c in v.id]))
    assert entries(visits)[0] == (newest.title, f"{newest.date.isoformat()}T00:00:00Z")


def test_feed_dates_come_from_the_records(tmp_path):
    root = tmp_path / "catalogue"
    shutil.copytree(FIXTURES / "minimal", root)
    catalogue = load_catalogue(root)
    innovation = catalogue.innovations["kabupaten-sumedang/command-center"]
    dates = {"last_verified": None, "implementation_date": None, "trial_date": None}

    def feed_of(**changes) -> ET.Element:
        changed = dataclasses.replace(innovation, **{**dates, **changes})
        altered = dataclasses.replace(catalogue, innovations={changed.ref: changed})
        return ET.fromstring(build_exports(altered, site_url=SITE)["data/inovasi.atom"])

    assert entries(feed_of()) == []  # no date of its own: not in the feed, whatever the clock says
    assert feed_of().find(f"{ATOM}updated").text == "1970-01-01T00:00:00Z"
    import datetime as dt

    trial, start, checked = dt.date(2020, 6, 1), dt.date(2021, 2, 1), dt.date(2024, 5, 6)
    only_trial = feed_of(trial_date=trial)
    assert entries(only_trial) == [("Sumedang Command Center", "2020-06-01T00:00:00Z")]
    full = feed_of(trial_date=trial, implementation_date=start, last_verified=checked)
    assert entries(full) == [("Sumedang Command Center", "2024-05-06T00:00:00Z")]
    assert full.find(f"{ATOM}entry/{ATOM}published").text == "2020-06-01T00:00:00Z"
    assert full.find(f"{ATOM}updated").text == "2024-05-06T00:00:00Z"


def test_site_and_region_feeds_are_limited_to_the_newest(catalogue):
    import datetime as dt

    base = catalogue.innovations["kabupaten-sumedang/command-center"]
    many = {}
    for day in range(FEED_LIMIT + 5):
        checked = dt.date(2020, 1, 1) + dt.timedelta(day)
        copy = dataclasses.replace(base, id=f"inovasi-{day:03d}", related=(), last_verified=checked)
        many[copy.ref] = copy
    exports = build_exports(dataclasses.replace(catalogue, innovations=many), site_url=SITE)
    site_feed = entries(ET.fromstring(exports["data/inovasi.atom"]))
    assert len(site_feed) == FEED_LIMIT
    assert site_feed[0][1] == "2020-04-14T00:00:00Z"  # newest first
    assert entries(ET.fromstring(exports["data/daerah/kabupaten-sumedang.atom"])) == site_feed


# --- Determinism ----------------------------------------------------------------------------------


def test_two_builds_are_byte_identical(catalogue, exports):
    again = build_exports(load_catalogue(REPO), site_url=SITE)
    assert again == exports
    assert list(again) == sorted(again)


def test_record_order_does_not_depend_on_the_catalogue_order(catalogue, exports):
    reversed_catalogue = dataclasses.replace(
        catalogue,
        regions=dict(reversed(catalogue.regions.items())),
        innovations=dict(reversed(catalogue.innovations.items())),
        agreements=dict(reversed(catalogue.agreements.items())),
    )
    assert build_exports(reversed_catalogue, site_url=SITE) == exports


def test_every_date_in_the_exports_comes_from_the_content(exports):
    written = set()
    for pattern in ("regions/*.yml", "innovations/*/*.yml", "agreements/*.yml", "visits/*.yml"):
        for path in REPO.glob(pattern):
            written |= set(re.findall(r"\b\d{4}-\d{2}-\d{2}\b", path.read_text(encoding="utf-8")))
    exported = set()
    for data in exports.values():
        exported |= set(re.findall(r"\b\d{4}-\d{2}-\d{2}\b", data.decode("utf-8")))
    assert exported and exported <= written


# --- The site build -------------------------------------------------------------------------------


def test_mkdocs_build_writes_the_exports_into_the_site(tmp_path):
    project = tmp_path / "project"
    for name in ("mkdocs.yml", "overrides", "docs"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, project / name)
        else:
            project.mkdir(exist_ok=True)
            shutil.copyfile(source, project / name)
    for name in ("regions", "innovations", "agreements", "visits"):
        shutil.copytree(FIXTURES / "minimal" / name, project / name)
    site = tmp_path / "site"
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    expected = build_exports(load_catalogue(project), site_url=SITE)
    for path, data in expected.items():
        assert (site / path).read_bytes() == data, path
    assert (site / "data" / "index.html").is_file()  # docs/data/index.md, beside the files it documents
    assert (site / "templat" / "inovasi.xlsx").is_file()


def test_csv_cells_never_start_a_spreadsheet_formula(tmp_path):
    """OWASP's rule: a text cell starting with = + - @ tab or CR gets a ' in front; JSON keeps it."""
    root = tmp_path / "catalogue"
    shutil.copytree(FIXTURES / "minimal", root)
    catalogue = load_catalogue(root)
    ref = "kabupaten-sumedang/command-center"
    hostile = {
        "title": '=HYPERLINK("https://contoh.invalid","Klik")',
        "summary": "+cmd|' /C calc'!A0",
        "implementation_time": "@SUM(1+1)",
        "tags": ("tag-a",),
    }
    changed = dataclasses.replace(catalogue.innovations[ref], **hostile)
    exports = build_exports(dataclasses.replace(catalogue, innovations={ref: changed}))
    (row,) = table(exports, "data/inovasi.csv")
    for name in ("title", "summary", "implementation_time"):
        assert row[name] == "'" + hostile[name], name
    assert row["tags"] == "tag-a"
    (record,) = as_json(exports, "data/katalog.json")["innovations"]
    assert (record["title"], record["summary"]) == (hostile["title"], hostile["summary"])
    for data in (v for k, v in exports.items() if k.endswith(".csv")):
        for cells in csv.reader(io.StringIO(data.decode("utf-8"), newline="")):
            assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)

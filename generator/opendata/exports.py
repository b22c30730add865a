"""Machine-readable exports of a checked catalogue: catalogue in, `{site path: bytes}` out.

- `data/katalog.json`, the whole catalogue, and `data/katalog.schema.json`, its JSON Schema
  (built from the same model as the checker and the editor schemas);
- `data/daerah.csv`, `perangkat-daerah.csv`, `inovasi.csv`, `kerja-sama.csv`, `kunjungan.csv`, one
  table per kind;
- one JSON document per record at a stable path: `data/daerah/<region-id>.json`,
  `data/inovasi/<region-id>/<innovation-id>.json`, `data/kerja-sama/<agreement-id>.json`,
  `data/kunjungan/<visit-id>.json`;
- Atom feeds of new and updated innovations: `data/inovasi.atom`, `data/daerah/<region-id>.atom`;
  and of visits: `data/kunjungan.atom`.

Engine-agnostic: the caller says where pages end up (`url_of`) and writes the files. Deterministic
by construction: records sorted by id, keys in model order, and every date comes from the records,
never from the clock, so two builds of the same content are byte-identical (docs/data/referensi/index.md).
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import json
import posixpath
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import is_dataclass, replace
from pathlib import Path
from typing import Any

from ..content.catalogue import Catalogue
from ..content.data_files import read_data
from ..content.fields import fields_of, input_fields
from ..content.model import RECORD_KINDS, Agency, Agreement, Innovation, Region, Visit
from ..content.schema import SCHEMA_DIALECT, record_schema
from ..content.text_safety import FORMULA_START
from ..content.validate import ID_PATTERN
from ..content.vocab import vocabulary
from ..site import paths
from ..site.relations import build_relations
from ..site.render import PageRenderer

EXPORT_DIR = "data"
CATALOGUE_JSON = f"{EXPORT_DIR}/katalog.json"
CATALOGUE_SCHEMA = f"{EXPORT_DIR}/katalog.schema.json"
FEED = f"{EXPORT_DIR}/inovasi.atom"
VISITS_FEED = f"{EXPORT_DIR}/kunjungan.atom"
# Each feed keeps the newest entries only: readers poll it, and a list of thousands would make every
# poll a megabyte. A region's feed too: one that imports its whole Indeks list holds thousands.
FEED_LIMIT = 100
ATOM = "http://www.w3.org/2005/Atom"
# Between the items of a list in a CSV cell. Lists in the CSV hold ids and vocabulary values only,
# which never contain it.
CSV_SEPARATOR = "; "

UrlOf = Callable[[str], str]


@functools.cache
def settings() -> dict[str, Any]:
    """`data/exports.yml`: the content licence and the feeds' texts."""
    data: dict[str, Any] = read_data("data/exports.yml")
    return data


def build_exports(
    catalogue: Catalogue, *, site_url: str = "", url_of: UrlOf = paths.url, lang: str = "id"
) -> dict[str, bytes]:
    """Every export file, by path under the site root, sorted by path.

    Args:
        catalogue: a checked catalogue.
        site_url: the site's address; links and feed ids are absolute when given, relative otherwise.
        url_of: the URL, relative to the site root, of a generated page given by its docs path.
        lang: language of the feeds' texts and region names.
    """
    return dict(sorted(_Exporter(catalogue, site_url, url_of, lang).files().items()))


def write_exports(files: dict[str, bytes], site: Path) -> None:
    """Write `build_exports` output under the built site's folder.

    The per-record folders (`data/inovasi/`, …) belong to the exports alone: a file there that is
    not written now is a removed record's, left by an earlier build into the same folder.
    """
    for rel, data in files.items():
        target = site / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    owned = {site.joinpath(*Path(rel).parts[:2]) for rel in files if len(Path(rel).parts) > 2}
    for folder in sorted(owned):
        for path in sorted(folder.rglob("*"), reverse=True):
            if path.is_file() and path.relative_to(site).as_posix() not in files:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()


def export_schema() -> dict[str, Any]:
    """JSON Schema of `katalog.json`; `$defs` has one schema per record, for the per-record files."""
    defs = {}
    for kind, cls in RECORD_KINDS.items():
        base = record_schema(kind)
        derived = [info.name for info in fields_of(cls) if info.derived]
        properties: dict[str, Any] = {
            name: {"type": "string", "pattern": f"^{ID_PATTERN.pattern}$", "description": _DERIVED[name]}
            for name in sorted(derived)
        }
        properties.update(base["properties"])
        properties["page"] = {"type": "string", "format": "uri-reference", "description": _PAGE}
        defs[kind] = {
            "type": "object",
            "additionalProperties": False,
            "required": [*sorted(derived), *base["required"]],
            "properties": properties,
        }
    license_schema = {
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "name", "url"],
        "properties": {"id": {"type": "string"}, "name": {"type": "string"}, "url": {"type": "string"}},
    }
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": "katalog.schema.json",
        "title": "Katalog Inovasi Daerah: the whole catalogue",
        "type": "object",
        "additionalProperties": False,
        "required": ["title", "license", "regions", "innovations", "agreements", "visits"],
        "properties": {
            "title": {"type": "string"},
            "license": license_schema,
            "site": {"type": "string", "format": "uri"},
            "regions": {"type": "array", "items": {"$ref": "#/$defs/region"}},
            "innovations": {"type": "array", "items": {"$ref": "#/$defs/innovation"}},
            "agreements": {"type": "array", "items": {"$ref": "#/$defs/agreement"}},
            "visits": {"type": "array", "items": {"$ref": "#/$defs/visit"}},
        },
        "$defs": defs,
    }


_DERIVED = {
    "id": "Id dari nama berkas / Id from the file name.",
    "region": "Id daerah dari folder berkas / Region id from the file's folder.",
}
_PAGE = "Halaman situs rekaman ini / The record's page on the site (absent when it has none)."


def _json(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _compact_json(data: Any) -> bytes:
    """For the catalogue and its records: a program reads them (a browser shows them indented),
    and indenting would add a third to their size: 25 MB at 30,000 innovations."""
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def _plain(value: Any) -> Any:
    """A model value as JSON data: records as objects in model order, absent fields left out."""
    if is_dataclass(value):
        cls: type = type(value)
        return {
            info.name: _plain(getattr(value, info.name))
            for info in fields_of(cls)
            if not info.derived and getattr(value, info.name) is not None
        }
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _stamp(day: dt.date) -> str:
    """An Atom date (RFC 3339) for a day: midnight UTC, as the records know days only."""
    return f"{day.isoformat()}T00:00:00Z"


def _dates(innovation: Innovation) -> tuple[dt.date, dt.date | None] | None:
    """(updated, published) of a feed entry, or None when the record has no date of its own.

    Updated is the latest of last_verified, implementation_date and trial_date; published is when
    the innovation started (trial, else implementation).
    """
    own = [d for d in (innovation.last_verified, innovation.implementation_date, innovation.trial_date) if d]
    if not own:
        return None
    return max(own), innovation.trial_date or innovation.implementation_date


class _Exporter:
    def __init__(self, catalogue: Catalogue, site_url: str, url_of: UrlOf, lang: str) -> None:
        # Sorted here, whoever built the catalogue: every list in every file follows these keys.
        self.catalogue = replace(
            catalogue,
            regions=dict(sorted(catalogue.regions.items())),
            innovations=dict(sorted(catalogue.innovations.items())),
            agreements=dict(sorted(catalogue.agreements.items())),
            visits=dict(sorted(catalogue.visits.items())),
        )
        self.site_url = site_url.rstrip("/") + "/" if site_url else ""
        self.url_of = url_of
        self.lang = lang
        self.rel = build_relations(catalogue)
        self.renderer = PageRenderer(lang)

    def link(self, site_path: str, start: str) -> str:
        """A link to `site_path` from the export file `start`: absolute with a site URL, else relative."""
        if self.site_url:
            return self.site_url + site_path
        relative = posixpath.relpath(site_path or ".", posixpath.dirname(start) or ".")
        return relative + ("/" if site_path.endswith("/") and not relative.endswith("/") else "")

    def page(self, docs_path: str, start: str) -> str:
        return self.link(self.url_of(docs_path), start)

    # --- Records ---------------------------------------------------------------------------------

    def region(self, region: Region, start: str) -> dict[str, Any]:
        data = {"id": region.id, **_plain(region)}
        if self.rel.has_page(region):
            data["page"] = self.page(paths.region(region.id), start)
        return data

    def innovation(self, innovation: Innovation, start: str) -> dict[str, Any]:
        return {
            "id": innovation.id,
            "region": innovation.region,
            **_plain(innovation),
            "page": self.page(paths.innovation(innovation.ref), start),
        }

    def agreement(self, agreement: Agreement, start: str) -> dict[str, Any]:
        return {
            "id": agreement.id,
            **_plain(agreement),
            "page": self.page(paths.agreement(agreement.id), start),
        }

    def visit(self, visit: Visit, start: str) -> dict[str, Any]:
        return {"id": visit.id, **_plain(visit), "page": self.page(paths.visit(visit.id), start)}

    def files(self) -> dict[str, bytes]:
        catalogue = self.catalogue
        files: dict[str, bytes] = {}
        for region in catalogue.regions.values():
            rel = f"{EXPORT_DIR}/daerah/{region.id}.json"
            files[rel] = _compact_json(self.region(region, rel))
        for innovation in catalogue.innovations.values():
            rel = f"{EXPORT_DIR}/inovasi/{innovation.region}/{innovation.id}.json"
            files[rel] = _compact_json(self.innovation(innovation, rel))
        for agreement in catalogue.agreements.values():
            rel = f"{EXPORT_DIR}/kerja-sama/{agreement.id}.json"
            files[rel] = _compact_json(self.agreement(agreement, rel))
        for visit in catalogue.visits.values():
            rel = f"{EXPORT_DIR}/kunjungan/{visit.id}.json"
            files[rel] = _compact_json(self.visit(visit, rel))
        whole = {
            "title": settings()["publisher"],
            "license": settings()["license"],
            **({"site": self.site_url} if self.site_url else {}),
            "regions": [self.region(r, CATALOGUE_JSON) for r in catalogue.regions.values()],
            "innovations": [self.innovation(i, CATALOGUE_JSON) for i in catalogue.innovations.values()],
            "agreements": [self.agreement(a, CATALOGUE_JSON) for a in catalogue.agreements.values()],
            "visits": [self.visit(v, CATALOGUE_JSON) for v in catalogue.visits.values()],
        }
        files[CATALOGUE_JSON] = _compact_json(whole)
        files[CATALOGUE_SCHEMA] = _json(export_schema())
        files.update(self.tables(whole))
        files.update(self.feeds())
        return files

    # --- CSV -------------------------------------------------------------------------------------

    def tables(self, whole: dict[str, Any]) -> dict[str, bytes]:
        """One CSV per kind. Nested records become `parent.field` columns; lists of records are
        left out (they are in the JSON), lists of ids are joined with `CSV_SEPARATOR`."""
        agencies = []
        for region in self.catalogue.regions.values():
            for agency in region.agencies:
                start = f"{EXPORT_DIR}/perangkat-daerah.csv"
                page = self.page(paths.agency(region.id, agency.id), start)
                agencies.append({"region": region.id, **_plain(agency), "page": page})
        # The tables' links are relative to data/, as the JSON's are (or absolute with a site URL).
        tables = {
            "daerah.csv": (
                Region,
                ["id"],
                [self.region(r, CATALOGUE_JSON) for r in self.catalogue.regions.values()],
            ),
            "perangkat-daerah.csv": (Agency, ["region"], agencies),
            "inovasi.csv": (Innovation, ["id", "region"], whole["innovations"]),
            "kerja-sama.csv": (Agreement, ["id"], whole["agreements"]),
            "kunjungan.csv": (Visit, ["id"], whole["visits"]),
        }
        out = {}
        for name, (cls, first, rows) in tables.items():
            columns = [*first, *_csv_columns(cls), "page"]
            out[f"{EXPORT_DIR}/{name}"] = _csv(columns, rows)
        return out

    # --- Atom ------------------------------------------------------------------------------------

    def feeds(self) -> dict[str, bytes]:
        dated = []
        for innovation in self.catalogue.innovations.values():
            dates = _dates(innovation)
            if dates is not None:
                dated.append((dates, innovation))
        # Newest first; the reference breaks ties so that the order never depends on the file system.
        dated.sort(key=lambda d: (-d[0][0].toordinal(), d[1].ref))
        texts = settings()["feed"][self.lang]
        feeds = {FEED: self.feed(FEED, texts["title"], paths.INNOVATIONS, dated[:FEED_LIMIT])}
        by_region: dict[str, list[Any]] = {}
        for entry in dated:
            by_region.setdefault(entry[1].region, []).append(entry)
        for region_id, entries in sorted(by_region.items()):
            region = self.catalogue.regions[region_id]
            rel = f"{EXPORT_DIR}/daerah/{region_id}.atom"
            title = texts["region_title"].format(region=self.renderer.region_name(region))
            feeds[rel] = self.feed(rel, title, paths.region(region_id), entries[:FEED_LIMIT])
        feeds[VISITS_FEED] = self.visits_feed()
        return feeds

    def visits_feed(self) -> bytes:
        """The newest visits; a visit's entry is dated by the visit, the only date it has."""
        visits = sorted(self.catalogue.visits.values(), key=lambda v: (-v.date.toordinal(), v.id))
        texts = settings()["feed"][self.lang]
        root = self.feed_root(
            VISITS_FEED, texts["visits_title"], paths.VISITS, visits[0].date if visits else None
        )
        for visit in visits[:FEED_LIMIT]:
            page_path = self.url_of(paths.visit(visit.id))
            entry = ET.SubElement(root, "entry")
            ET.SubElement(entry, "title").text = visit.title
            ET.SubElement(entry, "id").text = self.ident(page_path)
            link = {"rel": "alternate", "type": "text/html", "href": self.link(page_path, VISITS_FEED)}
            ET.SubElement(entry, "link", link)
            record = f"{EXPORT_DIR}/kunjungan/{visit.id}.json"
            json_link = {
                "rel": "alternate",
                "type": "application/json",
                "href": self.link(record, VISITS_FEED),
            }
            ET.SubElement(entry, "link", json_link)
            ET.SubElement(entry, "updated").text = _stamp(visit.date)
            author = ET.SubElement(entry, "author")
            ET.SubElement(author, "name").text = self.renderer.region_name(self.catalogue.regions[visit.host])
            ET.SubElement(entry, "summary").text = visit.summary
            label = vocabulary("visit-kinds").text(visit.kind, self.lang)
            ET.SubElement(entry, "category", {"term": visit.kind, "label": label})
        return _atom_bytes(root)

    def feed(self, rel: str, title: str, alternate: str, entries: list[Any]) -> bytes:
        root = self.feed_root(rel, title, alternate, entries[0][0][0] if entries else None)
        for (updated, published), innovation in entries:
            root.append(self.entry(rel, innovation, updated, published))
        return _atom_bytes(root)

    def feed_root(self, rel: str, title: str, alternate: str, newest: dt.date | None) -> ET.Element:
        """A feed's element with everything but its entries."""
        texts = settings()["feed"][self.lang]
        root = ET.Element("feed", {"xmlns": ATOM, "xml:lang": self.lang})
        ET.SubElement(root, "title").text = title
        ET.SubElement(root, "subtitle").text = texts["subtitle"]
        ET.SubElement(root, "id").text = self.ident(rel)
        ET.SubElement(
            root, "link", {"rel": "self", "type": "application/atom+xml", "href": self.link(rel, rel)}
        )
        ET.SubElement(
            root, "link", {"rel": "alternate", "type": "text/html", "href": self.page(alternate, rel)}
        )
        # An empty feed is still valid Atom; its date is the epoch rather than the build time.
        ET.SubElement(root, "updated").text = _stamp(newest or dt.date(1970, 1, 1))
        author = ET.SubElement(root, "author")
        ET.SubElement(author, "name").text = settings()["publisher"]
        licence = settings()["license"]
        ET.SubElement(root, "rights").text = f"{licence['name']} ({licence['url']})"
        return root

    def ident(self, site_path: str) -> str:
        """A permanent Atom id: the absolute address when the site's is known."""
        return self.site_url + site_path if self.site_url else f"urn:katalog-inovasi-daerah:{site_path}"

    def entry(
        self, rel: str, innovation: Innovation, updated: dt.date, published: dt.date | None
    ) -> ET.Element:
        region = self.catalogue.regions[innovation.region]
        page_path = self.url_of(paths.innovation(innovation.ref))
        entry = ET.Element("entry")
        ET.SubElement(entry, "title").text = innovation.title
        ET.SubElement(entry, "id").text = self.ident(page_path)
        ET.SubElement(
            entry, "link", {"rel": "alternate", "type": "text/html", "href": self.link(page_path, rel)}
        )
        record = f"{EXPORT_DIR}/inovasi/{innovation.region}/{innovation.id}.json"
        ET.SubElement(
            entry, "link", {"rel": "alternate", "type": "application/json", "href": self.link(record, rel)}
        )
        if published is not None:
            ET.SubElement(entry, "published").text = _stamp(published)
        ET.SubElement(entry, "updated").text = _stamp(updated)
        author = ET.SubElement(entry, "author")
        ET.SubElement(author, "name").text = self.renderer.region_name(region)
        ET.SubElement(entry, "summary").text = innovation.summary
        for scheme, value in [("stages", innovation.stage), *(("affairs", a) for a in innovation.affairs)]:
            label = vocabulary(scheme).text(value, self.lang)
            ET.SubElement(entry, "category", {"term": value, "label": label})
        return entry


def _atom_bytes(root: ET.Element) -> bytes:
    ET.indent(root)
    return (
        b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode").encode() + b"\n"
    )


def _csv_columns(cls: type) -> list[str]:
    columns = []
    for name, info in input_fields(cls).items():
        if info.record is None:
            columns.append(name)
        elif not info.is_list:
            columns += [f"{name}.{sub}" for sub, s in input_fields(info.record).items() if s.record is None]
    return columns


def _cell(row: dict[str, Any], column: str) -> str:
    name, _, sub = column.partition(".")
    value = row.get(name)
    if sub:
        value = value.get(sub) if isinstance(value, dict) else None
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return _inert(CSV_SEPARATOR.join(str(item) for item in value))
    return _inert(value) if isinstance(value, str) else str(value)


def _inert(text: str) -> str:
    """Text a spreadsheet shows as text: one that would start a formula gets a ' in front (OWASP's
    rule for CSV injection; docs/data/referensi/index.md). Numbers and dates are written as they are; a phone
    number "+62 …" gets the ' too, which a spreadsheet shows as the number and no formula."""
    return "'" + text if text.startswith(FORMULA_START) else text


def _csv(columns: list[str], rows: list[dict[str, Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row, column) for column in columns])
    return out.getvalue().encode("utf-8")

"""Machine-readable exports of a checked catalogue: catalogue in, `{site path: bytes}` out.

- `data/katalog.json`, the whole catalogue, and `data/katalog.schema.json`, its JSON Schema
  (built from the same model as the checker and the editor schemas);
- `data/daerah.csv`, `perangkat-daerah.csv`, `inovasi.csv`, `kerja-sama.csv`, `kunjungan.csv`, one
  table per kind;
- one JSON document per region, agreement and visit at a stable path: `data/daerah/<region-id>.json`,
  `data/kerja-sama/<agreement-id>.json`, `data/kunjungan/<visit-id>.json`. Innovations, the bulk
  of a national catalogue, have none: each is in `katalog.json` and on its page, and at 30,000
  innovations of several hundred words a file each would add 169 MiB to the site (and 30,000 files);
- Atom feeds of new and updated innovations: `data/inovasi.atom`, `data/daerah/<region-id>.atom`;
  and of visits: `data/kunjungan.atom`.

This module writes the JSON and gathers the rest: the tables come from `tables`, the feeds from
`feeds`, and every link in them from `export_links`.

Engine-agnostic: the caller says where pages end up (`url_of`) and writes the files. Deterministic
by construction: records sorted by id, keys in model order, and every date comes from the records,
never from the clock, so two builds of the same content are byte-identical (docs/data/referensi/index.md).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import is_dataclass, replace
from pathlib import Path
from typing import Any

from ..content.catalogue import Catalogue
from ..content.fields import fields_of
from ..content.model import RECORD_KINDS, Agency, Agreement, Innovation, Region, Visit
from ..content.schema import SCHEMA_DIALECT, record_schema
from ..content.validate import ID_PATTERN
from ..site import paths
from ..site.relations import build_relations
from ..site.render import PageRenderer
from .export_links import EXPORT_DIR, ExportLinks, UrlOf
from .export_settings import settings
from .feeds import build_feeds
from .tables import csv_table

CATALOGUE_JSON = f"{EXPORT_DIR}/katalog.json"
CATALOGUE_SCHEMA = f"{EXPORT_DIR}/katalog.schema.json"


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

    The per-record folders (`data/daerah/`, …) belong to the exports alone: a file there that is
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
        self.links = ExportLinks.for_site(site_url, url_of)
        self.lang = lang
        self.rel = build_relations(catalogue)
        self.renderer = PageRenderer(lang)

    # --- Records ---------------------------------------------------------------------------------

    def region(self, region: Region, start: str) -> dict[str, Any]:
        data = {"id": region.id, **_plain(region)}
        if self.rel.has_page(region):
            data["page"] = self.links.page(paths.region(region.id), start)
        return data

    def innovation(self, innovation: Innovation, start: str) -> dict[str, Any]:
        return {
            "id": innovation.id,
            "region": innovation.region,
            **_plain(innovation),
            "page": self.links.page(paths.innovation(innovation.ref), start),
        }

    def agreement(self, agreement: Agreement, start: str) -> dict[str, Any]:
        return {
            "id": agreement.id,
            **_plain(agreement),
            "page": self.links.page(paths.agreement(agreement.id), start),
        }

    def visit(self, visit: Visit, start: str) -> dict[str, Any]:
        return {"id": visit.id, **_plain(visit), "page": self.links.page(paths.visit(visit.id), start)}

    def files(self) -> dict[str, bytes]:
        catalogue = self.catalogue
        files: dict[str, bytes] = {}
        for region in catalogue.regions.values():
            rel = f"{EXPORT_DIR}/daerah/{region.id}.json"
            files[rel] = _compact_json(self.region(region, rel))
        for agreement in catalogue.agreements.values():
            rel = f"{EXPORT_DIR}/kerja-sama/{agreement.id}.json"
            files[rel] = _compact_json(self.agreement(agreement, rel))
        for visit in catalogue.visits.values():
            rel = f"{EXPORT_DIR}/kunjungan/{visit.id}.json"
            files[rel] = _compact_json(self.visit(visit, rel))
        whole = {
            "title": settings()["publisher"],
            "license": settings()["license"],
            **({"site": self.links.site_url} if self.links.site_url else {}),
            "regions": [self.region(r, CATALOGUE_JSON) for r in catalogue.regions.values()],
            "innovations": [self.innovation(i, CATALOGUE_JSON) for i in catalogue.innovations.values()],
            "agreements": [self.agreement(a, CATALOGUE_JSON) for a in catalogue.agreements.values()],
            "visits": [self.visit(v, CATALOGUE_JSON) for v in catalogue.visits.values()],
        }
        files[CATALOGUE_JSON] = _compact_json(whole)
        files[CATALOGUE_SCHEMA] = _json(export_schema())
        files.update(self.tables(whole))
        files.update(build_feeds(catalogue, self.links, self.lang, self.renderer))
        return files

    # --- CSV -------------------------------------------------------------------------------------

    def tables(self, whole: dict[str, Any]) -> dict[str, bytes]:
        """One CSV per kind (`tables`), with the JSON's rows and an agency's row per agency."""
        agencies = []
        for region in self.catalogue.regions.values():
            for agency in region.agencies:
                start = f"{EXPORT_DIR}/perangkat-daerah.csv"
                page = self.links.page(paths.agency(region.id, agency.id), start)
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
        return {f"{EXPORT_DIR}/{name}": csv_table(*table) for name, table in tables.items()}

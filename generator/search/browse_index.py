"""The catalogue browser's data: a compact JSON index, split into one shard per province.

Columnar and dictionary-coded so that 30,000 innovations stay small: each row stores small integers
that point into shared lists (regions, stages, themes, …) instead of repeating their labels. The
browser loads the manifest first, then only the shards it needs (one province when the visitor
filters by province), so a phone never downloads the whole catalogue to see one region.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from ..content.catalogue import Catalogue
from ..content.model import Innovation
from ..content.vocab import vocabulary
from ..site import paths
from ..site.render import PageRenderer

INDEX_DIR = "katalog"
MANIFEST = f"{INDEX_DIR}/index.json"
FORMAT_VERSION = 1
# Row layout, shared with docs/javascripts/browse.js.
COLUMNS = ("title", "url", "region", "stage", "kind", "form", "status", "year", "themes", "agency_kinds")
_VOCAB_FILTERS = {
    "stage": "stages",
    "kind": "innovation-kinds",
    "form": "forms",
    "status": "statuses",
    "theme": "themes",
    "agency_kind": "agency-kinds",
}


def _json(document: Any) -> bytes:
    # No spaces, sorted keys, and "<" escaped so the text is also safe inside an HTML <script>.
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return text.replace("<", "\\u003c").encode("utf-8")


def _year(innovation: Innovation) -> int | None:
    day = innovation.implementation_date or innovation.trial_date
    return day.year if day else None


def build_browse_index(
    catalogue: Catalogue, url_of: Callable[[str], str], lang: str = "id"
) -> dict[str, bytes]:
    """The manifest and shards, by path relative to the site root.

    Args:
        catalogue: the validated catalogue.
        url_of: maps a generated page path (`inovasi/x/y.md`) to its URL relative to the site root.
        lang: language of the labels.
    """
    renderer = PageRenderer(lang)
    regions = catalogue.regions
    provinces = sorted((r for r in regions.values() if r.type == "provinsi"), key=lambda r: (r.code, r.id))
    province_index = {p.id: i for i, p in enumerate(provinces)}
    with_innovations = sorted(
        {i.region for i in catalogue.innovations.values()}, key=lambda r: (regions[r].code, r)
    )
    region_index = {r: i for i, r in enumerate(with_innovations)}
    codes = {
        name: {value: i for i, value in enumerate(vocabulary(vocab).values)}
        for name, vocab in _VOCAB_FILTERS.items()
    }

    shards: dict[int, list[list[Any]]] = {}
    for innovation in catalogue.innovations.values():
        region = regions[innovation.region]
        province = province_index[region.province or region.id]
        kinds = sorted(
            {codes["agency_kind"][_agency_kind(catalogue, innovation, a)] for a in innovation.agencies}
        )
        shards.setdefault(province, []).append(
            [
                innovation.title,
                url_of(paths.innovation(innovation.ref)),
                region_index[innovation.region],
                codes["stage"][innovation.stage],
                codes["kind"][innovation.kind],
                codes["form"][innovation.form],
                codes["status"][innovation.status],
                _year(innovation),
                sorted(codes["theme"][t] for t in innovation.themes),
                kinds,
            ]
        )

    files: dict[str, bytes] = {}
    shard_list = []
    for province, rows in sorted(shards.items()):
        name = f"shard-{provinces[province].id}.json"
        rows.sort(key=lambda row: (str(row[0]).casefold(), row[1]))
        files[f"{INDEX_DIR}/{name}"] = _json({"version": FORMAT_VERSION, "rows": rows})
        shard_list.append({"file": name, "province": province, "count": len(rows)})
    dictionaries: dict[str, Any] = {
        "province": [[p.id, renderer.region_name(p)] for p in provinces],
        "region": [
            [r, renderer.region_name(regions[r]), province_index[regions[r].province or r]]
            for r in with_innovations
        ],
    }
    for name, vocab in _VOCAB_FILTERS.items():
        dictionaries[name] = [[value, labels[lang]] for value, labels in vocabulary(vocab).values.items()]
    files[MANIFEST] = _json(
        {
            "version": FORMAT_VERSION,
            "count": len(catalogue.innovations),
            "columns": list(COLUMNS),
            "dict": dictionaries,
            "shards": shard_list,
        }
    )
    return files


def _agency_kind(catalogue: Catalogue, innovation: Innovation, agency_id: str) -> str:
    agency = catalogue.agency(innovation.region, agency_id)
    return agency.kind if agency is not None else "other"


def as_scripts(files: dict[str, bytes]) -> dict[str, bytes]:
    """The index as scripts (`x.json` → `x.js`) for the offline copy: from file:// a browser refuses
    to fetch JSON but still runs a script, which hands its data to the browser's loader."""
    scripts = {}
    for path, data in files.items():
        name = path.rsplit("/", 1)[-1]
        scripts[path.removesuffix(".json") + ".js"] = (
            b"window.kidBrowseData(" + json.dumps(name).encode("utf-8") + b"," + data + b");\n"
        )
    return scripts

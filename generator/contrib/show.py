"""`katalog show REF`: one record as the checker sees it, with its references resolved.

The view holds the validated values (prose joined into one paragraph, defaults filled in) and
replaces each reference by what it points to: agency ids by the agency's name, an innovation
reference by its title, a region id by the region's name and type.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from ..content.catalogue import Catalogue
from ..content.fields import FieldInfo, fields_of
from ..content.files import AGREEMENTS_DIR, INNOVATIONS_DIR, REGIONS_DIR, VISITS_DIR
from ..content.model import Agency, Agreement, Innovation, Region, Visit
from ..content.validate import closest
from ..content.yamltext import dump

_PREFIXES = (f"{INNOVATIONS_DIR}/", f"{REGIONS_DIR}/")


def normalise_ref(ref: str) -> str:
    """Accept a file path too: `innovations/r/i.yml` → `r/i`, `regions/r.yml` → `r`."""
    ref = ref.strip().removeprefix("./").removesuffix(".yml")
    for prefix in _PREFIXES:
        if ref.startswith(prefix):
            return ref.removeprefix(prefix)
    return ref


def refs(catalogue: Catalogue) -> list[str]:
    """Every REF `show` knows, sorted: regions, agencies, innovations, agreements, visits."""
    known = list(catalogue.regions)
    known += [f"{r.id}/{a.id}" for r in catalogue.regions.values() for a in r.agencies]
    known += list(catalogue.innovations)
    known += [f"{AGREEMENTS_DIR}/{ident}" for ident in catalogue.agreements]
    known += [f"{VISITS_DIR}/{ident}" for ident in catalogue.visits]
    return sorted(known)


def suggestions(catalogue: Catalogue, ref: str) -> list[str]:
    """The known REFs closest to an unknown one."""
    return closest(normalise_ref(ref), refs(catalogue))


def view(catalogue: Catalogue, ref: str) -> dict[str, Any] | None:
    """The record `ref` names, as plain data; None when there is no such record.

    An innovation wins over an agency of the same name: `r/x` is looked up as an innovation first.
    """
    ref = normalise_ref(ref)
    for folder, records, cls in (
        (AGREEMENTS_DIR, catalogue.agreements, Agreement),
        (VISITS_DIR, catalogue.visits, Visit),
    ):
        if ref.startswith(f"{folder}/"):
            ident = ref.removeprefix(f"{folder}/")
            record = records.get(ident)
            if record is None:
                return None
            head: dict[str, Any] = {"id": ident, "source": catalogue.sources[ref]}
            return head | _record(catalogue, cls, record, None)
    if "/" not in ref:
        region = catalogue.regions.get(ref)
        if region is None:
            return None
        head = {"id": ref, "source": catalogue.sources[ref]}
        return head | _record(catalogue, Region, region, ref)
    innovation = catalogue.innovations.get(ref)
    if innovation is not None:
        head = {
            "ref": ref,
            "source": catalogue.sources[ref],
            "region": _region(catalogue, innovation.region),
        }
        return head | _record(catalogue, Innovation, innovation, innovation.region)
    region_id, _, agency_id = ref.partition("/")
    agency = catalogue.agency(region_id, agency_id)
    if agency is None:
        return None
    head = {"ref": ref, "source": catalogue.sources[region_id], "region": _region(catalogue, region_id)}
    return head | _record(catalogue, Agency, agency, region_id)


def _record(catalogue: Catalogue, cls: type, record: Any, region: str | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for info in fields_of(cls):
        value = getattr(record, info.name)
        # Derived fields are in the head; absent values are not shown, a false flag neither.
        if info.derived or value is None or value == () or (info.kind == "bool" and value is False):
            continue
        if info.is_list:
            out[info.name] = [_value(catalogue, info, item, region) for item in value]
        else:
            out[info.name] = _value(catalogue, info, value, region)
    return out


def _region(catalogue: Catalogue, region_id: str) -> dict[str, str]:
    region = catalogue.regions[region_id]
    return {"id": region_id, "name": region.name, "type": region.type}


def _value(catalogue: Catalogue, info: FieldInfo, value: Any, region: str | None) -> Any:
    if info.record is not None:
        return _record(catalogue, info.record, value, region)
    fmt = info.fmt
    if fmt == "region-ref":
        return _region(catalogue, value)
    if fmt == "agency-ref" and region is not None:
        agency = catalogue.agency(region, value)
        assert agency is not None  # a valid catalogue resolves every reference
        return {"id": value, "name": agency.name, "acronym": agency.acronym}
    if fmt == "qualified-agency-ref":
        agency = catalogue.agency(*value.split("/", 1))
        assert agency is not None
        return {"ref": value, "name": agency.name, "acronym": agency.acronym}
    # A record left out because its file is not valid yet (`valid_part`) is named by its id alone.
    if fmt == "innovation-ref":
        named = catalogue.innovations.get(value)
        return {"ref": value, "title": named.title} if named else {"ref": value}
    if fmt == "agreement-ref":
        signed = catalogue.agreements.get(value)
        return {"id": value, "title": signed.title} if signed else {"id": value}
    return value


def _json_default(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot show {type(value).__name__}")


def render(data: dict[str, Any], fmt: str) -> str:
    """The view as readable YAML ("yaml") or as JSON ("json")."""
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2, default=_json_default) + "\n"
    return dump(data)

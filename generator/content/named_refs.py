"""Agencies and regions written by their names where an id is wanted: name the id to write instead.

`agencies: [Dinas Komunikasi, Informatika, Persandian dan Statistik]` is three id errors, because
YAML splits a flow list at its commas, and each would suggest an agency that merely looks like a
fragment. After the other checks, this pass finds the runs of such errors in one list that together
spell the name or the acronym of one of the region's agencies (or a region's name), and puts a
single problem that names the id in their place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from .file_checks import Parsed
from .problems import Problem, problem

_AGENCY_CODES = frozenset({"bad-agency-ref", "unknown-agency"})
_REGION_CODES = frozenset({"bad-region-ref", "unknown-region"})
_INDEXED = re.compile(r"(?P<list>.+)\[(?P<index>[0-9]+)\]")
_ABBREVIATIONS = {"kab": "kabupaten", "prov": "provinsi", "pemkab": "kabupaten", "pemkot": "kota"}
_WORD = re.compile(r"[^\W_]+")


def name_key(text: str) -> str:
    """A name as compared: its words in lower case, punctuation and spacing ignored."""
    words = [w.casefold() for w in _WORD.findall(text)]
    return " ".join(_ABBREVIATIONS.get(w, w) for w in words)


def named_refs(problems: list[Problem], regions: dict[str, Parsed]) -> list[Problem]:
    """`problems` with each run of id errors that spells a known name replaced by one problem."""
    agencies = {key: _agency_names(parsed.record) for key, parsed in regions.items()}
    region_names = _region_names(regions)
    out: list[Problem] = []
    run: list[Problem] = []
    for item in problems:
        if run and not _continues(run[-1], item):
            out += _resolved(run, agencies, region_names)
            run = []
        if _candidate(item):
            run.append(item)
        else:
            out.append(item)
    return out + _resolved(run, agencies, region_names)


def _candidate(item: Problem) -> bool:
    return item.code in _AGENCY_CODES | _REGION_CODES


def _continues(last: Problem, item: Problem) -> bool:
    """Whether `item` is the next item of the same list as `last`, with the same kind of error."""
    if not _candidate(item) or item.path != last.path:
        return False
    a, b = _INDEXED.fullmatch(last.field), _INDEXED.fullmatch(item.field)
    if a is None or b is None:
        return False
    same_kind = (last.code in _AGENCY_CODES) == (item.code in _AGENCY_CODES)
    return same_kind and a["list"] == b["list"] and int(b["index"]) == int(a["index"]) + 1


def _resolved(
    run: list[Problem], agencies: dict[str, dict[str, str]], region_names: dict[str, list[str]]
) -> list[Problem]:
    """The run's problems, the longest stretches that spell a name merged into one problem each."""
    if not run:
        return []
    agency = run[0].code in _AGENCY_CODES
    region = _region_of(run[0]) if agency else None
    names = {k: [v] for k, v in agencies.get(region or "", {}).items()} if agency else region_names
    code = "agency-by-name" if agency else "region-by-name"
    extra: dict[str, Any] = {"region": region} if agency else {}
    out: list[Problem] = []
    start = 0
    while start < len(run):
        for end in range(len(run), start, -1):
            value = ", ".join(str(p.arguments["value"]) for p in run[start:end])
            ids = names.get(name_key(value))
            if ids:
                first = run[start]
                out.append(
                    problem(
                        first.path,
                        first.line,
                        first.column,
                        code,
                        first.field,
                        **extra,
                        value=value,
                        ids=", ".join(ids),
                    )
                )
                start = end
                break
        else:
            out.append(run[start])
            start += 1
    return out


def _region_of(item: Problem) -> str | None:
    """The region whose agencies an innovation's `agencies` list names (from the file's folder)."""
    parts = item.path.split("/")
    return parts[1] if len(parts) == 3 and parts[0] == "innovations" else None


def _agency_names(region: Any) -> dict[str, str]:
    found: dict[str, str] = {}
    for agency in getattr(region, "agencies", None) or ():
        for text in (agency.name, agency.acronym):
            if text:
                found.setdefault(name_key(text), agency.id)
    return found


def _region_names(regions: dict[str, Parsed]) -> dict[str, list[str]]:
    """Each way of naming a region ("Kabupaten Sumedang", "Kab. Sumedang", "Sumedang") → its ids."""
    found: dict[str, list[str]] = {}
    for key, parsed in sorted(regions.items()):
        name, kind = getattr(parsed.record, "name", None), getattr(parsed.record, "type", None)
        if not name:
            continue
        for text in _spellings(name, kind):
            ids = found.setdefault(name_key(text), [])
            if key not in ids:
                ids.append(key)
    return found


def _spellings(name: str, kind: str | None) -> Iterable[str]:
    yield name
    if kind:
        yield f"{kind} {name}"

"""Which pages an edit touches: a fingerprint of everything each page is written from.

`mkdocs serve` cannot rewrite 40,000 pages after every edit. A page's Markdown is a function of
its template and of what the template is given, so a page whose inputs are unchanged needs no
rebuild. The fingerprint walks those inputs: a record counts by the version of its file and of
the files of the records it names (an innovation names its region and related innovations; an
agreement its parties), a string that is a record's id counts as that record (templates look
records up by id), and anything else counts by value. The catalogue-wide lookup tables every page
receives are not walked: whatever a template looks up in them, it looks up by an id it was given.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from .catalogue import Catalogue
from .pages import PagePlan

# A record's version from its key (region id, innovation ref, or "agreements/<id>"): any value
# that changes when the record's file does, such as the file's size and modification time.
VersionOf = Callable[[str], object]
_SCALARS = (str, int, float, bool, type(None), dt.date)


class _Inputs:
    def __init__(self, catalogue: Catalogue, version_of: VersionOf) -> None:
        keyed: dict[str, Any] = {**catalogue.regions, **catalogue.innovations}
        keyed.update({f"agreements/{k}": v for k, v in catalogue.agreements.items()})
        # Strings that name a record, and the record key each stands for.
        self.names: dict[str, str] = {k: k for k in keyed}
        self.names.update({k: f"agreements/{k}" for k in catalogue.agreements})
        self.record_keys = {id(record): key for key, record in keyed.items()}
        self.version_of = version_of
        self.versions: dict[str, int] = {}
        self.walked: dict[int, Any] = {}
        self.tables = {id(catalogue.regions), id(catalogue.innovations), id(catalogue.agreements)}
        self.records = keyed

    def version(self, key: str) -> int:
        """The record's own version, combined with those of the records it names."""
        if key not in self.versions:
            named = sorted({self.names[s] for s in _strings(self.records[key]) if s in self.names} - {key})
            self.versions[key] = hash((self.version_of(key), *(self.version_of(n) for n in named)))
        return self.versions[key]

    def walk(self, value: Any) -> Any:
        if isinstance(value, str):
            key = self.names.get(value)
            return value if key is None else ("record", key, self.version(key))
        if isinstance(value, _SCALARS):
            return value
        key = self.record_keys.get(id(value))
        if key is not None:
            return ("record", key, self.version(key))
        if id(value) in self.tables:
            return "table"
        found = self.walked.get(id(value))
        if found is None:
            found = self.walked[id(value)] = self._walk_container(value)
        return found

    def _walk_container(self, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return tuple(self.walk(item) for item in value)
        if isinstance(value, Mapping):
            return tuple((self.walk(k), self.walk(v)) for k, v in value.items())
        if isinstance(value, set | frozenset):
            return frozenset(self.walk(item) for item in value)
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            fields = dataclasses.fields(value)
            return (type(value).__name__, *(self.walk(getattr(value, f.name)) for f in fields))
        # Something this walk does not know: never call it unchanged.
        return ("unknown", id(value), object())


def _strings(value: Any, depth: int = 3) -> Iterable[str]:
    """The strings inside a record's fields (a few levels deep), where it names other records."""
    if isinstance(value, str):
        yield value
    elif depth == 0:
        return
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item, depth - 1)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from _strings(getattr(value, f.name), depth - 1)


def fingerprints(plan: PagePlan, catalogue: Catalogue, version_of: VersionOf) -> dict[str, int]:
    """A number per page that changes whenever the page's Markdown may have changed."""
    inputs = _Inputs(catalogue, version_of)
    return {path: hash((page.template, path, inputs.walk(page.context))) for path, page in plan.items()}

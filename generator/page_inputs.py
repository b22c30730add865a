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
import functools
import hashlib
import os
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from .catalogue import Catalogue
from .pages import PagePlan

# A record's version from its key (region id, innovation ref, or "agreements/<id>"): any value
# that changes when the record's file does, such as the file's size and modification time.
VersionOf = Callable[[str], object]
_SCALARS = (str, int, float, bool, type(None), dt.date)


class RecordStrings:
    """The strings inside each record, where it names other records; kept across the rebuilds of
    one `mkdocs serve`, where the records of unchanged files stay the same objects (the checker's
    FileCache), so that only edited records are walked again."""

    def __init__(self) -> None:
        # id(record) → (record, its strings): holding the record keeps its id from being reused.
        self._found: dict[int, tuple[Any, frozenset[str]]] = {}

    def of(self, record: Any) -> frozenset[str]:
        found = self._found.get(id(record))
        if found is None or found[0] is not record:
            found = self._found[id(record)] = (record, frozenset(_strings(record)))
        return found[1]

    def keep_only(self, records: Iterable[Any]) -> None:
        """Forget the records that are gone."""
        self._found = {id(r): self._found[id(r)] for r in records if id(r) in self._found}


class _Inputs:
    """Digests of page inputs: stable across processes (a saved build state compares them)."""

    def __init__(self, catalogue: Catalogue, version_of: VersionOf, strings: RecordStrings) -> None:
        keyed: dict[str, Any] = {**catalogue.regions, **catalogue.innovations}
        keyed.update({f"agreements/{k}": v for k, v in catalogue.agreements.items()})
        # Strings that name a record, and the record key each stands for.
        self.names: dict[str, str] = {k: k for k in keyed}
        self.names.update({k: f"agreements/{k}" for k in catalogue.agreements})
        self.record_keys = {id(record): key for key, record in keyed.items()}
        self.version_of = version_of
        self.versions: dict[str, bytes] = {}
        # Memos: the same records, strings and shared lists recur on thousands of pages.
        self.record_digests: dict[str, bytes] = {}
        self.strings: dict[str, bytes] = {}
        self.walked: dict[int, bytes] = {}
        self.tables = {id(catalogue.regions), id(catalogue.innovations), id(catalogue.agreements)}
        self.records = keyed
        self.strings_of = strings.of

    def version(self, key: str) -> bytes:
        """The record's own version, combined with those of the records it names."""
        if key not in self.versions:
            strings = self.strings_of(self.records[key]) & self.names.keys()
            named = sorted({self.names[s] for s in strings} - {key})
            versions = (repr(self.version_of(n)) for n in [key, *named])
            self.versions[key] = _digest(b"v", *(v.encode() for v in versions))
        return self.versions[key]

    def walk(self, value: Any) -> bytes:
        if isinstance(value, str):
            found = self.strings.get(value)
            if found is None:
                key = self.names.get(value)
                found = _digest(b"s", value.encode()) if key is None else self.record(key)
                self.strings[value] = found
            return found
        if isinstance(value, _SCALARS):
            return _digest(b"=", repr(value).encode())
        key = self.record_keys.get(id(value))
        if key is not None:
            return self.record(key)
        if id(value) in self.tables:
            return b"table"
        found = self.walked.get(id(value))
        if found is None:
            found = self.walked[id(value)] = self._walk_container(value)
        return found

    def record(self, key: str) -> bytes:
        found = self.record_digests.get(key)
        if found is None:
            found = self.record_digests[key] = _digest(b"r", key.encode(), self.version(key))
        return found

    def _walk_container(self, value: Any) -> bytes:
        if isinstance(value, list | tuple):
            return _digest(b"[", *(self.walk(item) for item in value))
        if isinstance(value, Mapping):
            return _digest(b"{", *(self.walk(k) + self.walk(v) for k, v in value.items()))
        if isinstance(value, set | frozenset):
            return _digest(b"(", *sorted(self.walk(item) for item in value))
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            names = _field_names(type(value))
            return _digest(type(value).__name__.encode(), *(self.walk(getattr(value, n)) for n in names))
        # Something this walk does not know: never call it unchanged.
        return os.urandom(16)


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def _digest(tag: bytes, *parts: bytes) -> bytes:
    """A digest of `parts` that tells their boundaries apart."""
    data = b"".join([tag, *(len(part).to_bytes(4, "little") + part for part in parts)])
    return hashlib.blake2b(data, digest_size=16).digest()


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


def fingerprints(
    plan: PagePlan, catalogue: Catalogue, version_of: VersionOf, strings: RecordStrings | None = None
) -> dict[str, str]:
    """A digest per page that changes whenever the page's Markdown may have changed; the same in
    every process for the same inputs, as long as `version_of` is (a file's content digest).

    `strings`: what earlier calls found inside the records, to reuse for those that are the same
    objects now (and kept for the next call).
    """
    strings = strings if strings is not None else RecordStrings()
    inputs = _Inputs(catalogue, version_of, strings)
    found = {
        path: _digest(b"page", page.template.encode(), path.encode(), inputs.walk(page.context)).hex()
        for path, page in plan.items()
    }
    strings.keep_only(inputs.records.values())
    return found

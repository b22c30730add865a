"""Which pages an edit touches: a fingerprint of everything each page is written from.

`mkdocs serve` cannot rewrite 40,000 pages after every edit. A page's Markdown is a function of
its template and of what the template is given, so a page whose inputs are unchanged needs no
rebuild. The fingerprint walks those inputs: a record counts by the version of its file and of
the files of the records it names (an innovation names its region and related innovations; an
agreement its parties), a string that is a record's id counts as that record (templates look
records up by id), and anything else counts by value. The catalogue-wide lookup tables every page
receives are not walked: whatever a template looks up in them, it looks up by an id it was given.

Walking 44,000 pages takes seconds; `KnownPages` lets a serve rebuild walk only the pages whose
inputs may have changed since the last one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import operator
import os
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from ..content.catalogue import Catalogue
from .pages import PagePlan, PlannedPage

# A record's version from its key (region id, innovation ref, "agreements/<id>" or "visits/<id>"): any value
# that changes when the record's file does, such as the file's size and modification time.
VersionOf = Callable[[str], object]
_SCALARS = (str, int, float, bool, type(None), dt.date)
# A dependency no record has: what a page was made from includes a value the walk cannot see into.
_UNKNOWN = "\0unknown"
# Lists and mappings at least this long are compared once per pair of objects (`unchanged`).
_SHARED_FROM = 64


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
    """Digests of page inputs: stable across processes (a saved build state compares them).

    Each digest comes with the keys of the records it was made from (its dependencies).
    """

    def __init__(self, catalogue: Catalogue, version_of: VersionOf, strings: RecordStrings) -> None:
        keyed: dict[str, Any] = {**catalogue.regions, **catalogue.innovations}
        keyed.update({f"agreements/{k}": v for k, v in catalogue.agreements.items()})
        keyed.update({f"visits/{k}": v for k, v in catalogue.visits.items()})
        # Strings that name a record, and the record key each stands for.
        self.names: dict[str, str] = {k: k for k in keyed}
        self.names.update({k: f"visits/{k}" for k in catalogue.visits})
        self.names.update({k: f"agreements/{k}" for k in catalogue.agreements})
        self.record_keys = {id(record): key for key, record in keyed.items()}
        self.version_of = version_of
        self.versions: dict[str, bytes] = {}
        # Memos: the same records, strings and shared lists recur on thousands of pages.
        self.record_digests: dict[str, bytes] = {}
        self.strings: dict[str, tuple[bytes, str | None]] = {}
        self.walked: dict[int, tuple[bytes, frozenset[str]]] = {}
        self.tables = {
            id(catalogue.regions),
            id(catalogue.innovations),
            id(catalogue.agreements),
            id(catalogue.visits),
        }
        self.records = keyed
        self.strings_of = strings.of
        # The dependencies of what is being walked, innermost container last.
        self.deps: list[set[str]] = [set()]

    def page(self, template: str, path: str, context: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
        """A page's fingerprint, and the keys of the records it was made from."""
        self.deps = [set()]
        digest = _digest(b"page", template.encode(), path.encode(), self.walk(context)).hex()
        return digest, tuple(self.deps[0])

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
                digest = _digest(b"s", value.encode()) if key is None else self.record(key)
                found = self.strings[value] = (digest, key)
            if found[1] is not None:
                self.deps[-1].add(found[1])
            return found[0]
        if isinstance(value, _SCALARS):
            return _digest(b"=", repr(value).encode())
        key = self.record_keys.get(id(value))
        if key is not None:
            self.deps[-1].add(key)
            return self.record(key)
        if id(value) in self.tables:
            return b"table"
        walked = self.walked.get(id(value))
        if walked is None:
            self.deps.append(set())
            digest = self._walk_container(value)
            walked = self.walked[id(value)] = (digest, frozenset(self.deps.pop()))
        self.deps[-1].update(walked[1])
        return walked[0]

    def with_namers(self, keys: set[str], among: Iterable[str] | None = None) -> set[str]:
        """`keys`, and the records (of `among`, else of all) that name one of them: their
        versions include those keys'."""
        names = {name for name, key in self.names.items() if key in keys}
        candidates = self.records.keys() if among is None else among
        return keys | {
            k
            for k in candidates
            if k in self.records and not self.strings_of(self.records[k]).isdisjoint(names)
        }

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
        self.deps[-1].add(_UNKNOWN)
        return os.urandom(16)


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def _digest(tag: bytes, *parts: bytes) -> bytes:
    """A digest of `parts` that tells their boundaries apart."""
    data = b"".join([tag, *(len(part).to_bytes(4, "little") + part for part in parts)])
    return hashlib.blake2b(data, digest_size=16).digest()


def _strings(value: Any, depth: int = 3) -> list[str]:
    """The strings inside a record's fields (a few levels deep), where it names other records."""
    if isinstance(value, str):
        return [value]
    found: list[str] = []
    if depth > 0:
        _collect_strings(value, depth, found)
    return found


def _collect_strings(value: Any, depth: int, found: list[str]) -> None:
    """The strings of a list or dataclass `value` and, `depth` levels down, of what it holds.
    A list, not a generator, and no call for a leaf: a region of 13,000 records is walked for
    every preview of one of them."""
    if isinstance(value, list | tuple):
        items = value
    else:
        kind: type = type(value)
        items = _record_values(kind)(value)
    for item in items:
        if isinstance(item, str):
            found.append(item)
        elif depth > 1 and item is not None:
            _collect_strings(item, depth - 1, found)


@functools.cache
def _record_values(cls: type) -> Callable[[Any], tuple[Any, ...]]:
    """What gives the field values of a dataclass `cls` in one call; none for any other type
    (numbers, dates)."""
    names = _field_names(cls) if dataclasses.is_dataclass(cls) else ()
    if len(names) > 1:
        return operator.attrgetter(*names)
    return lambda value: tuple(getattr(value, name) for name in names)


class KnownPages:
    """What one `mkdocs serve` remembers of its last fingerprints, so that a rebuild walks only the
    pages whose inputs may have changed.

    A page needs no new walk when its template is the same, every value it is given equals the
    last one (records compare by identity first: those of unchanged files are the same objects,
    from the checker's FileCache), and none of the records it was made from has a new version:
    neither edited nor naming an edited record. Values of one kind keep their type from build to
    build (they come from the same planning code), so equality cannot confuse `1` with `True`.
    When records are added or removed, strings may start or stop naming one: then every page is
    walked again.
    """

    def __init__(self) -> None:
        self.strings = RecordStrings()
        self.records: dict[str, Any] = {}
        # The last plan (which keeps its catalogue's tables alive: `tables` holds their ids), each
        # page's fingerprint and the keys of the records it was made from (tuples of strings: the
        # cycle collector stops looking at them).
        self.plan: PagePlan = {}
        self.tables: set[int] = set()
        self.prints: dict[str, str] = {}
        self.deps: dict[str, tuple[str, ...]] = {}
        # Pages walked by the last call (the others kept their fingerprint without a walk).
        self.walked = 0

    def edited(self, inputs: _Inputs) -> frozenset[str] | None:
        """Keys of the records whose version changed since the last call (None: all may have)."""
        if not self.plan or self.records.keys() != inputs.records.keys():
            return None
        changed = {k for k, record in inputs.records.items() if self.records[k] is not record}
        return frozenset({*inputs.with_namers(changed), _UNKNOWN})

    def unchanged(
        self,
        path: str,
        page: PlannedPage,
        edited: frozenset[str],
        tables: set[int],
        compared: dict[tuple[int, int], bool],
    ) -> bool:
        """Whether the page's fingerprint is the last one: the same template, inputs equal with the
        type of every value the same (the catalogue's tables left out), and no record it was made
        from `edited`. Large values that many pages share (a count per region) are compared once
        per pair (`compared`)."""
        last = self.plan.get(path)
        if last is None or last.template != page.template or not edited.isdisjoint(self.deps[path]):
            return False
        old, new = last.context, page.context
        if old.keys() != new.keys():
            return False
        for name, value in new.items():
            before = old[name]
            if before is value:
                continue
            if id(value) in tables and id(before) in self.tables:
                continue
            if type(before) is not type(value):
                return False
            if isinstance(value, list | tuple | Mapping) and len(value) >= _SHARED_FROM:
                pair = (id(before), id(value))
                if pair not in compared:
                    compared[pair] = before == value
                if not compared[pair]:
                    return False
            elif before != value:
                return False
        return True


def fingerprints(
    plan: PagePlan, catalogue: Catalogue, version_of: VersionOf, known: KnownPages | None = None
) -> dict[str, str]:
    """A digest per page that changes whenever the page's Markdown may have changed; the same in
    every process for the same inputs, as long as `version_of` is (a file's content digest).

    `known`: what the last call saw (`mkdocs serve`), to walk only the pages that may have
    changed since; updated for the next call.
    """
    known = known if known is not None else KnownPages()
    inputs = _Inputs(catalogue, version_of, known.strings)
    edited = known.edited(inputs)
    compared: dict[tuple[int, int], bool] = {}
    prints: dict[str, str] = {}
    deps: dict[str, tuple[str, ...]] = {}
    known.walked = 0
    for path, page in plan.items():
        if edited is not None and known.unchanged(path, page, edited, inputs.tables, compared):
            prints[path], deps[path] = known.prints[path], known.deps[path]
        else:
            prints[path], deps[path] = inputs.page(page.template, path, page.context)
            known.walked += 1
    known.strings.keep_only(inputs.records.values())
    known.records, known.plan, known.tables = inputs.records, plan, inputs.tables
    known.prints, known.deps = prints, deps
    return dict(prints)  # the caller's to change


def pages_showing(plan: PagePlan, catalogue: Catalogue, key: str) -> list[str]:
    """The pages of `plan` whose fingerprint changes with the version of record `key` (a region id,
    an innovation ref or "agreements/<id>"): those made from it, from a record that names it, or
    from a value the walk cannot see into. One walk of the plan; only the records the pages were
    made from are asked whether they name `key`."""
    inputs = _Inputs(catalogue, lambda _: 0, RecordStrings())
    deps = {path: inputs.page(page.template, path, page.context)[1] for path, page in plan.items()}
    among = {k for found in deps.values() for k in found}
    showing = frozenset({*inputs.with_namers({key}, among), _UNKNOWN})
    return [path for path, found in deps.items() if not showing.isdisjoint(found)]

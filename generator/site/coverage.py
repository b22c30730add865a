"""Nothing lost between checker and site: every record the checker accepted has its page.

The page generator decides which pages to make; this module states, independently and per record
kind, which pages must exist, so that a bug (or a path that two records share) can never publish a
site that silently lacks a record. Engine-agnostic: the MkDocs plugin runs it on the generated pages
and again on the built HTML files.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from ..content.catalogue import Catalogue
from . import paths
from .relations import regions_with_pages

KINDS = ("innovations", "regions", "agencies", "agreements", "visits")


@dataclass(frozen=True, slots=True)
class KindCoverage:
    """One record kind: how many records went in, which pages they need, which of those are missing.

    Attributes:
        kind: one of `KINDS`.
        records: records of this kind the checker accepted.
        expected: the page of each record that has one, by record key.
        missing: expected pages that were not generated (or not built), sorted.
        listed_elsewhere: records deliberately without a page of their own (a kabupaten/kota with no
            content is a line on its province's page).
    """

    kind: str
    records: int
    expected: dict[str, str]
    missing: tuple[str, ...]
    listed_elsewhere: int = 0

    @property
    def pages(self) -> int:
        return len(self.expected) - len(self.missing)


def expected_pages(catalogue: Catalogue) -> dict[str, dict[str, str]]:
    """The page each record must have, by kind then record key."""
    with_pages = regions_with_pages(catalogue)
    regions = catalogue.regions.values()
    return {
        "innovations": {ref: paths.innovation(ref) for ref in catalogue.innovations},
        "regions": {r.id: paths.region(r.id) for r in regions if r.id in with_pages},
        "agencies": {f"{r.id}/{a.id}": paths.agency(r.id, a.id) for r in regions for a in r.agencies},
        "agreements": {a: paths.agreement(a) for a in catalogue.agreements},
        "visits": {v: paths.visit(v) for v in catalogue.visits},
    }


def coverage(
    catalogue: Catalogue, built: Collection[str], expected: dict[str, dict[str, str]] | None = None
) -> list[KindCoverage]:
    """Per kind, which record pages are among `built` (docs paths such as `inovasi/x/y.md`).

    `expected`: `expected_pages(catalogue)`, when the caller has it already.
    """
    expected = expected if expected is not None else expected_pages(catalogue)
    totals = {
        "innovations": len(catalogue.innovations),
        "regions": len(catalogue.regions),
        "agencies": sum(len(r.agencies) for r in catalogue.regions.values()),
        "agreements": len(catalogue.agreements),
        "visits": len(catalogue.visits),
    }
    # Two records sharing one path would leave one of them without a page while every count matched.
    owners: dict[str, str] = {}
    shared = set()
    for kind in KINDS:
        for key, path in expected[kind].items():
            if path in owners:
                shared.add(path)
            owners[path] = f"{kind}:{key}"
    result = []
    for kind in KINDS:
        pages = expected[kind]
        missing = tuple(sorted(p for p in pages.values() if p not in built or p in shared))
        result.append(KindCoverage(kind, totals[kind], pages, missing, totals[kind] - len(pages)))
    return result


def summary(report: list[KindCoverage]) -> str:
    """One line for the build log: "innovations 3 in → 3 pages, regions 5 in → 4 pages (+1 …), …"."""
    parts = []
    for item in report:
        text = f"{item.kind} {item.records} in → {item.pages} page{'' if item.pages == 1 else 's'}"
        if item.listed_elsewhere:
            text += f" (+{item.listed_elsewhere} listed on their province's page)"
        parts.append(text)
    return ", ".join(parts)


def missing_pages(report: list[KindCoverage]) -> list[str]:
    """Every missing record page, as "kind: path"."""
    return [f"{item.kind}: {path}" for item in report for path in item.missing]

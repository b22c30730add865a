"""The floor of the shipped catalogue: real, cited content that must not silently shrink.

Counts are floors, not exact numbers: adding records never breaks these tests, losing them does.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from generator.content.catalogue import Catalogue
from generator.content.check import load_catalogue

REPO = Path(__file__).parents[1]
SUMEDANG = "kabupaten-sumedang"
LAMPUNG_SELATAN = "kabupaten-lampung-selatan"
AGREEMENT = "mou-lampung-selatan-sumedang-2025"


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(REPO)


def test_the_catalogue_holds_its_floor(catalogue: Catalogue) -> None:
    regions = Counter(i.region for i in catalogue.innovations.values())
    assert len(catalogue.innovations) >= 30
    assert len(regions) >= 6
    assert regions[SUMEDANG] >= 14 and regions[LAMPUNG_SELATAN] >= 8
    assert len(catalogue.visits) >= 12
    assert len(catalogue.agreements) >= 2 and AGREEMENT in catalogue.agreements


def test_the_innovations_the_sources_describe_are_there(catalogue: Catalogue) -> None:
    """Sumedang's SPBE, Command Center and digital services; Lampung Selatan's own; the JAKI copy."""
    for ref in (
        "kabupaten-sumedang/transformasi-spbe",
        "kabupaten-sumedang/command-center",
        "kabupaten-sumedang/ekosistem-aplikasi-terintegrasi",
        "kabupaten-sumedang/e-office-desa",
        "kabupaten-sumedang/e-sakip-desa",
        "kabupaten-sumedang/wa-kepo",
        "kabupaten-sumedang/simpati",
        "kabupaten-sumedang/satu-data-satu-peta",
        "kabupaten-lampung-selatan/hallo-lamsel",
        "kabupaten-lampung-selatan/l-betik",
        "kabupaten-lampung-selatan/desa-helau",
        "provinsi-daerah-khusus-ibukota-jakarta/jaki",
        "provinsi-lampung/lampung-in",
    ):
        assert ref in catalogue.innovations, ref
    lampung_in = catalogue.innovations["provinsi-lampung/lampung-in"]
    assert lampung_in.adopted_from == "provinsi-daerah-khusus-ibukota-jakarta/jaki"


def test_every_record_is_sourced(catalogue: Catalogue) -> None:
    records = [
        *catalogue.innovations.values(),
        *catalogue.agreements.values(),
        *catalogue.visits.values(),
        *(r for r in catalogue.regions.values() if r.agencies or r.summary),
    ]
    for record in records:
        assert record.sources, record
        assert any(s.url for s in record.sources), record


def test_the_visits_the_sources_report_are_there(catalogue: Catalogue) -> None:
    visits = catalogue.visits.values()
    pairs = {(v, visit.host, visit.date.year) for visit in visits for v in visit.visitors}
    for pair in (
        ("kabupaten-kuningan", SUMEDANG, 2026),
        ("kabupaten-majalengka", SUMEDANG, 2025),
        ("kabupaten-bandung", SUMEDANG, 2021),
        (SUMEDANG, "provinsi-kalimantan-tengah", 2023),
        (LAMPUNG_SELATAN, SUMEDANG, 2025),
    ):
        assert pair in pairs, pair
    signing = [v for v in visits if v.agreement == AGREEMENT]
    assert [v.kind for v in signing] == ["agreement-signing"]
    assert {f"{LAMPUNG_SELATAN}/{a}" for a in ("disdukcapil", "bappeda")} <= set(signing[0].visiting_agencies)


def test_statuses_and_dates_are_honest(catalogue: Catalogue) -> None:
    """`last_verified` is the date of a cited source, never later than the newest one; a visit that
    was held was reported after it happened."""
    for innovation in catalogue.innovations.values():
        dated = [s.date for s in innovation.sources if s.date]
        if innovation.last_verified and dated:
            assert innovation.last_verified <= max(dated), innovation.ref
    for visit in catalogue.visits.values():
        dated = [s.date for s in visit.sources if s.date]
        if visit.status == "held" and dated:
            assert visit.date <= max(dated), visit.id
    statuses = Counter(i.status for i in catalogue.innovations.values())
    assert statuses["planned"] >= 1  # announced-only programmes are not called active


def test_most_delegation_agencies_find_a_sumedang_counterpart(catalogue: Catalogue) -> None:
    """Of the 14 Lampung Selatan agencies of the agreement, most have a Sumedang agency of the same
    kind with innovations: what each of them comes to learn."""
    sumedang = catalogue.regions[SUMEDANG]
    with_innovations = {
        a.kind
        for a in sumedang.agencies
        if any(a.id in i.agencies for i in catalogue.innovations.values() if i.region == SUMEDANG)
    }
    delegation = [catalogue.agency(*ref.split("/")) for ref in catalogue.agreements[AGREEMENT].agencies]
    matched = [a for a in delegation if a is not None and a.kind in with_innovations]
    assert len(delegation) == 14
    assert len(matched) >= 12

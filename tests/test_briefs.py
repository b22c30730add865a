"""Visit briefs: who visits (the delegation), what they should see (matches by agency kind), in
which order, which region pairs get a brief, and what the printed brief page holds.

Expectations are computed from the records of `tests/fixtures/site-visit` (see its README), not
from `briefs.py`, plus named checks that spell out the fixture's agreement.
"""

from __future__ import annotations

import dataclasses
import html
import itertools
import re
import shutil
from pathlib import Path

import pytest

from generator.content.catalogue import Catalogue
from generator.content.check import check, load_catalogue
from generator.content.file_checks import FileCache
from generator.content.model import Agency, Agreement, Innovation
from generator.site import paths
from generator.site.briefs import (
    Brief,
    BriefMemo,
    agreement_briefs,
    build_brief,
    delegation,
    related_pairs,
)
from generator.site.pages import REGION_LIST_LENGTH, build_pages, plan_pages, record_page_paths
from generator.site.render import labels

VISIT = Path(__file__).parent / "fixtures" / "site-visit"
AGREEMENT = "pks-lampung-selatan-sumedang-2025"
LAMSEL, SUMEDANG = "kabupaten-lampung-selatan", "kabupaten-sumedang"
AGREEMENT_BRIEF = paths.agreement_brief(AGREEMENT, LAMSEL, SUMEDANG)
_LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]+)\)")


def t(key: str, **args: str) -> str:
    text = str(labels()[key]["id"])
    return text.format(**args) if args else text


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(VISIT)


@pytest.fixture(scope="module")
def pages(catalogue: Catalogue) -> dict[str, str]:
    return build_pages(catalogue)


def agreement(catalogue: Catalogue) -> Agreement:
    return catalogue.agreements[AGREEMENT]


def ids(agencies: tuple[Agency, ...]) -> list[str]:
    return [a.id for a in agencies]


def titles(innovations: list[Innovation] | tuple[Innovation, ...]) -> list[str]:
    return [i.title for i in innovations]


def kinds_of(catalogue: Catalogue, innovation: Innovation) -> set[str]:
    region = catalogue.regions[innovation.region]
    return {a.kind for a in region.agencies if a.id in innovation.agencies}


def expected_delegation(catalogue: Catalogue, visitor: str, agreement: Agreement | None) -> list[str]:
    region = catalogue.regions[visitor]
    named = {
        ref.split("/")[1] for ref in (agreement.agencies if agreement else ()) if ref.split("/")[0] == visitor
    }
    return [a.id for a in region.agencies if not named or a.id in named]


# --- The delegation -----------------------------------------------------------------------------


def test_delegation_is_the_agencies_the_agreement_names_for_the_visitor(catalogue: Catalogue) -> None:
    # The agreement names Disdukcapil and Dinkes of Lampung Selatan, not its Diskominfo or Bappeda.
    assert ids(delegation(catalogue, LAMSEL, agreement(catalogue))) == ["disdukcapil", "dinkes"]
    assert ids(delegation(catalogue, SUMEDANG, agreement(catalogue))) == ["disdukcapil"]


def test_delegation_without_an_agreement_is_every_agency(catalogue: Catalogue) -> None:
    for region in catalogue.regions.values():
        assert delegation(catalogue, region.id) == region.agencies


def test_delegation_is_every_agency_when_the_agreement_names_none_of_the_visitor(
    catalogue: Catalogue,
) -> None:
    only_lamsel = dataclasses.replace(
        agreement(catalogue), agencies=tuple(a for a in agreement(catalogue).agencies if a.startswith(LAMSEL))
    )
    assert delegation(catalogue, SUMEDANG, only_lamsel) == catalogue.regions[SUMEDANG].agencies
    assert ids(delegation(catalogue, LAMSEL, only_lamsel)) == ["disdukcapil", "dinkes"]


# --- Matching and order -------------------------------------------------------------------------


def all_briefs(catalogue: Catalogue) -> list[Brief]:
    """A brief for every ordered pair of regions, with and without the fixture's agreement."""
    found = []
    for visitor, host in itertools.permutations(sorted(catalogue.regions), 2):
        found.append(build_brief(catalogue, visitor, host))
        if {visitor, host} <= set(agreement(catalogue).parties):
            found.append(build_brief(catalogue, visitor, host, agreement(catalogue)))
    return found


def test_every_host_innovation_is_matched_or_listed_under_others(catalogue: Catalogue) -> None:
    for brief in all_briefs(catalogue):
        host_innovations = [i for i in catalogue.innovations.values() if i.region == brief.host]
        shown = [m.innovation.ref for m in brief.matches] + [i.ref for i in brief.others]
        assert sorted(shown) == sorted(i.ref for i in host_innovations), (brief.visitor, brief.host)
        assert ids(brief.delegation) == expected_delegation(catalogue, brief.visitor, brief.agreement)


def test_a_match_lists_exactly_the_visitors_of_the_same_agency_kind(catalogue: Catalogue) -> None:
    for brief in all_briefs(catalogue):
        for match in brief.matches:
            kinds = kinds_of(catalogue, match.innovation)
            assert match.visitors == tuple(a for a in brief.delegation if a.kind in kinds)
            assert match.visitors, match.innovation.ref
        for other in brief.others:
            assert not kinds_of(catalogue, other) & {a.kind for a in brief.delegation}, other.ref


def test_matches_active_first_then_most_visitors_then_title(catalogue: Catalogue) -> None:
    for brief in all_briefs(catalogue):
        keys = [
            (m.innovation.status != "active", -len(m.visitors), m.innovation.title.casefold())
            for m in brief.matches
        ]
        assert keys == sorted(keys), (brief.visitor, brief.host)
        assert titles(list(brief.others)) == sorted(titles(list(brief.others)), key=str.casefold)


def test_agreement_brief_of_the_fixture(catalogue: Catalogue) -> None:
    brief = build_brief(catalogue, LAMSEL, SUMEDANG, agreement(catalogue))
    # Posyandu Digital interests two visiting agencies (Dinkes and Disdukcapil run it) and so comes
    # before Layanan Adminduk Daring, although its title sorts after; the stopped one comes last.
    assert [(m.innovation.title, ids(m.visitors)) for m in brief.matches] == [
        ("Posyandu Digital", ["disdukcapil", "dinkes"]),
        ("Layanan Adminduk Daring", ["disdukcapil"]),
        ("Antrean Manual Kecamatan", ["disdukcapil"]),
    ]
    # Diskominfo is not in the delegation: the command centre is only "other".
    assert titles(brief.others) == ["Sumedang Command Center"]
    assert brief.agreement is agreement(catalogue)


def test_brief_without_agreement_brings_every_agency(catalogue: Catalogue) -> None:
    brief = build_brief(catalogue, LAMSEL, SUMEDANG)
    assert [(m.innovation.title, ids(m.visitors)) for m in brief.matches] == [
        ("Posyandu Digital", ["disdukcapil", "dinkes"]),
        ("Layanan Adminduk Daring", ["disdukcapil"]),
        ("Sumedang Command Center", ["diskominfo"]),
        ("Antrean Manual Kecamatan", ["disdukcapil"]),
    ]
    assert brief.others == ()
    assert brief.agreement is None


def test_brief_with_no_shared_agency_kind_has_only_others(catalogue: Catalogue) -> None:
    # Kota Metro's DPMPTSP has no counterpart in Sumedang; its Disdukcapil and Dinkes do.
    lone = dataclasses.replace(
        catalogue.regions["kota-metro"],
        agencies=tuple(a for a in catalogue.regions["kota-metro"].agencies if a.kind == "investment-office"),
    )
    changed = dataclasses.replace(catalogue, regions={**catalogue.regions, "kota-metro": lone})
    brief = build_brief(changed, "kota-metro", SUMEDANG)
    assert brief.matches == ()
    assert sorted(titles(brief.others)) == sorted(
        i.title for i in catalogue.innovations.values() if i.region == SUMEDANG
    )


# --- Which pairs get a brief --------------------------------------------------------------------


def expected_pairs(catalogue: Catalogue) -> list[tuple[str, str]]:
    innovations = catalogue.innovations
    hosts = {i.region for i in innovations.values()}
    pairs = set()
    for item in catalogue.agreements.values():
        pairs |= set(itertools.permutations(item.parties, 2))
    for innovation in innovations.values():
        if innovation.adopted_from:
            pairs.add((innovation.region, innovation.adopted_from.split("/")[0]))
        for replication in innovation.replications:
            pairs.add((replication.region, innovation.region))
    for visit in catalogue.visits.values():
        pairs |= {(visitor, visit.host) for visitor in visit.visitors}
    return sorted((v, h) for v, h in pairs if v != h and h in hosts)


def test_related_pairs_come_from_agreements_adoptions_and_replications(catalogue: Catalogue) -> None:
    assert related_pairs(catalogue) == expected_pairs(catalogue)
    assert related_pairs(catalogue) == [
        (LAMSEL, SUMEDANG),  # the agreement, the adoption and the done replication
        (SUMEDANG, LAMSEL),  # the agreement
        ("kota-bandung", SUMEDANG),  # the adoption inside the province and the replication in progress
        ("kota-metro", SUMEDANG),  # the planned replication
    ]


def test_related_pairs_skip_hosts_without_innovations(catalogue: Catalogue) -> None:
    without_metro = {k: v for k, v in catalogue.innovations.items() if not k.startswith("kota-metro/")}
    pact = dataclasses.replace(agreement(catalogue), id="mou-metro", parties=("kota-metro", "kota-bandung"))
    changed = dataclasses.replace(
        catalogue, innovations=without_metro, agreements={**catalogue.agreements, "mou-metro": pact}
    )
    pairs = related_pairs(changed)
    assert ("kota-metro", "kota-bandung") in pairs
    assert ("kota-bandung", "kota-metro") not in pairs
    assert pairs == expected_pairs(changed)
    assert [(b.visitor, b.host) for b in agreement_briefs(changed, pact)] == [("kota-metro", "kota-bandung")]


def test_agreement_briefs_go_both_ways(catalogue: Catalogue) -> None:
    briefs = agreement_briefs(catalogue, agreement(catalogue))
    assert [(b.visitor, b.host) for b in briefs] == [(LAMSEL, SUMEDANG), (SUMEDANG, LAMSEL)]
    assert all(b.agreement is agreement(catalogue) for b in briefs)
    back = briefs[1]
    assert [(m.innovation.title, ids(m.visitors)) for m in back.matches] == [
        ("Adminduk Online Lampung Selatan", ["disdukcapil"])
    ]
    assert titles(back.others) == ["Lampung Selatan Sehat"]


def test_every_brief_has_a_page_out_of_the_navigation(catalogue: Catalogue, pages: dict[str, str]) -> None:
    wanted = {paths.brief(v, h) for v, h in expected_pairs(catalogue)}
    wanted |= {
        paths.agreement_brief(a.id, v, h)
        for a in catalogue.agreements.values()
        for v, h in itertools.permutations(a.parties, 2)
    }
    # Briefs are two levels under kunjungan/ (a visitor, then a host); visits and the index one.
    found = {p for p in pages if (p.count("/") == 2 and p.startswith("kunjungan/")) or "/kunjungan-" in p}
    assert found == wanted
    assert wanted <= record_page_paths(catalogue)


# --- The brief page -----------------------------------------------------------------------------


def section(text: str, heading: str) -> str:
    """The lines under a `## ` or `### ` heading, up to the next heading of the same or higher level."""
    lines = text.splitlines()
    assert heading in lines, f"no heading {heading!r}"
    depth = len(heading) - len(heading.lstrip("#"))
    start = lines.index(heading) + 1
    end = next(
        (
            i
            for i in range(start, len(lines))
            if lines[i].startswith("#") and len(lines[i]) - len(lines[i].lstrip("#")) <= depth
        ),
        len(lines),
    )
    return "\n".join(lines[start:end])


def test_brief_page_lists_matches_in_brief_order(catalogue: Catalogue, pages: dict[str, str]) -> None:
    brief = build_brief(catalogue, LAMSEL, SUMEDANG, agreement(catalogue))
    text = pages[AGREEMENT_BRIEF]
    matches = section(text, f"## {t('brief_matches')}")
    assert re.findall(r"^### (.+)$", matches, re.M) == [m.innovation.title for m in brief.matches]
    delegation_links = _LINK.findall(section(text, f"## {t('brief_delegation')}"))
    assert delegation_links == [
        ("Disdukcapil", "../../perangkat-daerah/kabupaten-lampung-selatan/disdukcapil.md"),
        ("Dinkes", "../../perangkat-daerah/kabupaten-lampung-selatan/dinkes.md"),
    ]
    others = section(text, f"## {t('brief_others')}")
    assert [x[0] for x in _LINK.findall(others)] == ["Sumedang Command Center"]
    # Each match links to its full page, relative to the brief.
    for match in brief.matches:
        target = "../../" + paths.innovation(match.innovation.ref)
        assert f"]({target})" in section(text, f"### {match.innovation.title}")


def test_brief_page_carries_contact_prerequisites_and_time(
    catalogue: Catalogue, pages: dict[str, str]
) -> None:
    innovation = catalogue.innovations[f"{SUMEDANG}/layanan-adminduk-daring"]
    assert innovation.visit_contact is not None and innovation.prerequisites is not None
    # Text as a reader sees it: generated pages write punctuation as character references.
    block = html.unescape(section(pages[AGREEMENT_BRIEF], f"### {innovation.title}"))
    contact = innovation.visit_contact
    assert t("visit_contact") in block
    assert contact.office in block
    assert f'href="mailto:{contact.email}"' in block
    assert contact.phone is not None and contact.phone in block
    # The contact's own page (often a booking form) is on the printed brief too.
    assert f'href="{contact.url}"' in block
    for key in ("regulation", "team", "infrastructure", "budget"):
        assert t(f"prerequisite_{key}") in block
        assert getattr(innovation.prerequisites, key) in block
    assert f"{t('implementation_time')}\n:   {innovation.implementation_time}" in block
    assert f"{t('brief_for')}\n:   Disdukcapil\n" in block
    # A match without study-visit content shows none of those labels.
    bare = section(pages[AGREEMENT_BRIEF], "### Posyandu Digital")
    assert t("visit_contact") not in bare and t("prerequisite_budget") not in bare
    assert f"{t('brief_for')}\n:   Disdukcapil, Dinkes\n" in bare


def test_brief_page_has_scope_and_notes(catalogue: Catalogue, pages: dict[str, str]) -> None:
    text = pages[AGREEMENT_BRIEF]
    scope = section(text, f"## {t('brief_scope')}")
    assert "<strong>pendampingan replikasi</strong>" in scope
    assert f"[{agreement(catalogue).title}](index.md)" in text
    notes = section(text, f"## {t('brief_notes')}")
    assert '<div class="kid-notes" aria-hidden="true"></div>' in notes
    assert text.rstrip().endswith("</div>")
    title = t("brief_title", visitor="Kabupaten Lampung Selatan", host="Kabupaten Sumedang")
    assert f"# {title}" in text.splitlines()
    # A brief kept out of search: it repeats what the innovation pages say.
    assert "\nsearch: false\n" in text.split("---")[1] + "\n"


def test_brief_page_without_agreement_has_no_scope(pages: dict[str, str]) -> None:
    text = pages[paths.brief(LAMSEL, SUMEDANG)]
    assert f"## {t('brief_scope')}" not in text
    assert f"## {t('brief_others')}" not in text  # every host innovation matches some agency
    assert f"## {t('brief_notes')}" in text


def test_region_and_agreement_pages_link_their_briefs(catalogue: Catalogue, pages: dict[str, str]) -> None:
    for region in catalogue.regions.values():
        page = paths.region(region.id)
        wanted = [p for p in related_pairs(catalogue) if region.id in p]
        if not wanted:
            assert f"## {t('briefs')}" not in pages.get(page, "")
            continue
        links = [x[1] for x in _LINK.findall(section(pages[page], f"## {t('briefs')}"))]
        # A region page names its first few briefs; the rest are on the partner regions' pages.
        shown = wanted[:REGION_LIST_LENGTH]
        assert links == [paths.relative(paths.brief(v, h), page) for v, h in shown]
    page = paths.agreement(AGREEMENT)
    links = [x[1] for x in _LINK.findall(section(pages[page], f"## {t('briefs')}"))]
    assert links == [
        paths.relative(paths.agreement_brief(AGREEMENT, v, h), page)
        for v, h in [(LAMSEL, SUMEDANG), (SUMEDANG, LAMSEL)]
    ]


def test_a_memo_of_the_last_plan_gives_the_briefs_a_new_plan_would(tmp_path: Path) -> None:
    root = tmp_path / "site-visit"
    shutil.copytree(VISIT, root)
    cache, memo = FileCache(), BriefMemo()

    def briefs(memo: BriefMemo | None) -> dict[str, str]:
        result = check(root, jobs=1, cache=cache)
        assert result.catalogue is not None, result.problems
        plan = plan_pages(result.catalogue, briefs=memo)
        return {p: write() for p, write in plan.items() if p.startswith("kunjungan/") or "/kunjungan-" in p}

    first = briefs(memo)
    assert first
    # What a brief is made from: the delegation's agencies and kinds, the host's innovations.
    edits = [
        ("regions/kabupaten-lampung-selatan.yml", "    kind: health-office", "    kind: bappeda"),
        ("innovations/kabupaten-sumedang/layanan-adminduk-daring.yml", "status: active", "status: stopped"),
        ("innovations/kabupaten-sumedang/posyandu-digital.yml", "[dinkes, disdukcapil]", "[dinkes]"),
    ]
    for rel, old, new in edits:
        text = (root / rel).read_text(encoding="utf-8")
        assert old in text
        (root / rel).write_text(text.replace(old, new), encoding="utf-8")
        remembered = briefs(memo)
        assert remembered == briefs(None), rel
        assert remembered != first, rel
        first = remembered


def test_a_memo_reuses_a_brief_made_from_the_same_records(catalogue: Catalogue) -> None:
    memo = BriefMemo()
    host = [i for i in catalogue.innovations.values() if i.region == SUMEDANG]
    made = memo.brief(catalogue, LAMSEL, SUMEDANG, None, host)
    memo.plan_done()
    assert memo.brief(catalogue, LAMSEL, SUMEDANG, None, list(host)) is made
    assert memo.brief(catalogue, LAMSEL, SUMEDANG, None, host[1:]) is not made
    memo.plan_done()
    assert memo.brief(catalogue, LAMSEL, SUMEDANG, None, host) == build_brief(
        catalogue, LAMSEL, SUMEDANG, None, host
    )

"""Visit briefs: who visits (the delegation), what each of its agencies can learn (matches by agency
kind), in which order, which region pairs get a brief, and what the printed brief page holds.

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
from generator.content.labels import labels
from generator.content.model import Agency, Agreement, Innovation
from generator.site import paths
from generator.site.briefs import (
    Brief,
    BriefLimits,
    BriefMemo,
    HostIndex,
    build_brief,
    delegation,
    pair_agreements,
    related_pairs,
)
from generator.site.pages import REGION_LIST_LENGTH, build_pages, plan_pages, record_page_paths
from generator.site.redirects import moved_pages

VISIT = Path(__file__).parent / "fixtures" / "site-visit"
AGREEMENT = "pks-lampung-selatan-sumedang-2025"
LAMSEL, SUMEDANG = "kabupaten-lampung-selatan", "kabupaten-sumedang"
BRIEF = paths.brief(LAMSEL, SUMEDANG)
SITE = "https://katalog.example.id"
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


@pytest.fixture(scope="module")
def published(catalogue: Catalogue) -> dict[str, str]:
    """The pages as built for the published site, whose address printed pages give."""
    return {path: write() for path, write in plan_pages(catalogue, site_url=SITE).items()}


def agreement(catalogue: Catalogue) -> Agreement:
    return catalogue.agreements[AGREEMENT]


def ids(agencies: tuple[Agency, ...] | list[Agency]) -> list[str]:
    return [a.id for a in agencies]


def titles(innovations: list[Innovation] | tuple[Innovation, ...]) -> list[str]:
    return [i.title for i in innovations]


def kinds_of(catalogue: Catalogue, innovation: Innovation) -> set[str]:
    region = catalogue.regions[innovation.region]
    return {a.kind for a in region.agencies if a.id in innovation.agencies}


def expected_delegation(catalogue: Catalogue, visitor: str, host: str) -> list[str]:
    """The agencies the pair's agreements name for the visitor, else those with a counterpart kind."""
    named = {
        ref.split("/")[1]
        for a in catalogue.agreements.values()
        if {visitor, host} <= set(a.parties)
        for ref in a.agencies
        if ref.split("/")[0] == visitor
    }
    host_kinds = {a.kind for a in catalogue.regions[host].agencies}
    return [
        a.id
        for a in catalogue.regions[visitor].agencies
        if (a.id in named if named else a.kind in host_kinds)
    ]


# --- The delegation -----------------------------------------------------------------------------


def test_delegation_is_the_agencies_the_agreement_names_for_the_visitor(catalogue: Catalogue) -> None:
    # The agreement names Disdukcapil and Dinkes of Lampung Selatan, not its Diskominfo or Bappeda.
    assert ids(delegation(catalogue, LAMSEL, SUMEDANG, [agreement(catalogue)])) == ["disdukcapil", "dinkes"]
    assert ids(delegation(catalogue, SUMEDANG, LAMSEL, [agreement(catalogue)])) == ["disdukcapil"]


def test_delegation_without_an_agreement_is_the_agencies_with_a_counterpart_kind(
    catalogue: Catalogue,
) -> None:
    # Lampung Selatan's Bappeda has no counterpart in Sumedang; Sumedang's Setda none in Lampung Selatan.
    assert ids(delegation(catalogue, LAMSEL, SUMEDANG)) == ["diskominfo", "disdukcapil", "dinkes"]
    assert ids(delegation(catalogue, SUMEDANG, LAMSEL)) == ["diskominfosanditik", "disdukcapil", "dinkes"]
    for visitor, host in itertools.permutations(sorted(catalogue.regions), 2):
        assert ids(delegation(catalogue, visitor, host)) == expected_delegation(
            dataclasses.replace(catalogue, agreements={}), visitor, host
        )


def test_the_delegation_merges_every_agreement_of_the_pair(catalogue: Catalogue) -> None:
    second = dataclasses.replace(
        agreement(catalogue), id="mou-kedua", agencies=(f"{LAMSEL}/bappeda", f"{LAMSEL}/dinkes")
    )
    both = [agreement(catalogue), second]
    assert ids(delegation(catalogue, LAMSEL, SUMEDANG, both)) == ["disdukcapil", "dinkes", "bappeda"]


def test_an_agreement_that_names_none_of_the_visitor_falls_back_to_counterpart_kinds(
    catalogue: Catalogue,
) -> None:
    only_lamsel = dataclasses.replace(
        agreement(catalogue), agencies=tuple(a for a in agreement(catalogue).agencies if a.startswith(LAMSEL))
    )
    assert ids(delegation(catalogue, SUMEDANG, LAMSEL, [only_lamsel])) == ids(
        delegation(catalogue, SUMEDANG, LAMSEL)
    )


# --- Matching and order -------------------------------------------------------------------------


def all_briefs(catalogue: Catalogue) -> list[Brief]:
    """A brief for every ordered pair of regions."""
    return [build_brief(catalogue, v, h) for v, h in itertools.permutations(sorted(catalogue.regions), 2)]


def test_every_host_innovation_is_matched_or_listed_under_others(catalogue: Catalogue) -> None:
    for brief in all_briefs(catalogue):
        host_innovations = [i for i in catalogue.innovations.values() if i.region == brief.host]
        shown = [m.innovation.ref for m in brief.matches] + [i.ref for i in brief.others]
        assert sorted(shown) == sorted(i.ref for i in host_innovations), (brief.visitor, brief.host)
        assert ids(brief.delegation) == expected_delegation(catalogue, brief.visitor, brief.host)


def test_a_match_lists_exactly_the_visitors_of_the_same_agency_kind(catalogue: Catalogue) -> None:
    for brief in all_briefs(catalogue):
        for match in brief.matches:
            kinds = kinds_of(catalogue, match.innovation)
            assert match.visitors == tuple(a for a in brief.delegation if a.kind in kinds)
            assert match.visitors, match.innovation.ref
        for other in brief.others:
            assert not kinds_of(catalogue, other) & {a.kind for a in brief.delegation}, other.ref


def test_every_agency_of_the_delegation_has_its_counterparts_and_innovations(catalogue: Catalogue) -> None:
    for brief in all_briefs(catalogue):
        host = catalogue.regions[brief.host]
        for need in brief.needs:
            assert need.counterparts == tuple(a for a in host.agencies if a.kind == need.agency.kind)
            wanted = [
                m.innovation
                for m in sorted(brief.matches, key=lambda m: m.innovation.title.casefold())
                if need.agency in m.visitors
            ]
            assert sorted(titles(need.innovations), key=str.casefold) == titles(wanted)
            assert [i.status != "active" for i in need.innovations] == sorted(
                i.status != "active" for i in need.innovations
            )


def test_matches_active_first_then_most_visitors_then_title(catalogue: Catalogue) -> None:
    for brief in all_briefs(catalogue):
        keys = [
            (m.innovation.status != "active", -len(m.visitors), m.innovation.title.casefold())
            for m in brief.matches
        ]
        assert keys == sorted(keys), (brief.visitor, brief.host)
        assert titles(list(brief.others)) == sorted(titles(list(brief.others)), key=str.casefold)


def test_the_brief_of_the_fixture_pair(catalogue: Catalogue) -> None:
    brief = build_brief(catalogue, LAMSEL, SUMEDANG)
    assert brief.agreements == (agreement(catalogue),) and brief.named
    # Posyandu Digital interests two visiting agencies (Dinkes and Disdukcapil run it) and so comes
    # before Layanan Adminduk Daring, although its title sorts after; the stopped one comes last.
    assert [(m.innovation.title, ids(m.visitors)) for m in brief.matches] == [
        ("Posyandu Digital", ["disdukcapil", "dinkes"]),
        ("Layanan Adminduk Daring", ["disdukcapil"]),
        ("Antrean Manual Kecamatan", ["disdukcapil"]),
    ]
    assert [(n.agency.id, ids(n.counterparts), titles(n.innovations)) for n in brief.needs] == [
        (
            "disdukcapil",
            ["disdukcapil"],
            ["Layanan Adminduk Daring", "Posyandu Digital", "Antrean Manual Kecamatan"],
        ),
        ("dinkes", ["dinkes"], ["Posyandu Digital"]),
    ]
    # Diskominfo is not in the delegation: the command centre is only "other".
    assert titles(brief.others) == ["Sumedang Command Center"]
    # Whom to ask where nothing matches: the host agencies the agreement names.
    assert ids(brief.coordinators) == ["disdukcapil"]


def test_a_pair_without_agreement_brings_the_agencies_with_counterparts(catalogue: Catalogue) -> None:
    brief = build_brief(dataclasses.replace(catalogue, agreements={}), LAMSEL, SUMEDANG)
    assert [(m.innovation.title, ids(m.visitors)) for m in brief.matches] == [
        ("Posyandu Digital", ["disdukcapil", "dinkes"]),
        ("Layanan Adminduk Daring", ["disdukcapil"]),
        ("Sumedang Command Center", ["diskominfo"]),
        ("Antrean Manual Kecamatan", ["disdukcapil"]),
    ]
    assert brief.others == () and brief.agreements == () and not brief.named


def test_brief_with_no_shared_agency_kind_has_only_others(catalogue: Catalogue) -> None:
    # Kota Metro's DPMPTSP has no counterpart in Sumedang; its Disdukcapil and Dinkes do.
    lone = dataclasses.replace(
        catalogue.regions["kota-metro"],
        agencies=tuple(a for a in catalogue.regions["kota-metro"].agencies if a.kind == "investment-office"),
    )
    changed = dataclasses.replace(catalogue, regions={**catalogue.regions, "kota-metro": lone})
    brief = build_brief(changed, "kota-metro", SUMEDANG)
    assert brief.matches == () and brief.needs == ()
    assert sorted(titles(brief.others)) == sorted(
        i.title for i in catalogue.innovations.values() if i.region == SUMEDANG
    )


def test_pair_agreements_are_those_of_both_regions_oldest_first(catalogue: Catalogue) -> None:
    older = dataclasses.replace(
        agreement(catalogue), id="mou-lama", signed=agreement(catalogue).signed.replace(year=2020)
    )
    other = dataclasses.replace(agreement(catalogue), id="mou-lain", parties=(LAMSEL, "kota-metro"))
    found = pair_agreements([agreement(catalogue), other, older], SUMEDANG, LAMSEL)
    assert [a.id for a in found] == ["mou-lama", AGREEMENT]


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


def test_one_brief_page_per_pair_and_the_old_agreement_addresses_lead_to_it(
    catalogue: Catalogue, pages: dict[str, str]
) -> None:
    wanted = {paths.brief(v, h) for v, h in expected_pairs(catalogue)}
    # Briefs are two levels under kunjungan/ (a visitor, then a host); visits and the index one.
    found = {p for p in pages if (p.count("/") == 2 and p.startswith("kunjungan/")) or "/kunjungan-" in p}
    assert found == wanted
    assert wanted <= record_page_paths(catalogue)
    briefs_moved = {old: new for old, new in moved_pages(catalogue).items() if old.startswith("kerja-sama/")}
    assert briefs_moved == {
        paths.agreement_brief(AGREEMENT, LAMSEL, SUMEDANG): paths.brief(LAMSEL, SUMEDANG),
        paths.agreement_brief(AGREEMENT, SUMEDANG, LAMSEL): paths.brief(SUMEDANG, LAMSEL),
    }


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


def item(text: str, innovation: Innovation) -> str:
    """An innovation's block in the brief's "to study" section, as a reader sees its text."""
    start = text.index(f"{{: #i-{innovation.id} }}")
    end = text.find('<div class="kid-brief-item"', start + 1)
    return html.unescape(text[start : end if end > 0 else len(text)])


def test_the_brief_page_goes_through_every_agency_of_the_delegation(
    catalogue: Catalogue, pages: dict[str, str]
) -> None:
    text = pages[BRIEF]
    part = section(text, f"## {t('brief_delegation')}")
    brief = build_brief(catalogue, LAMSEL, SUMEDANG)
    headings = re.findall(r"^### (.+)$", part, re.M)
    assert [html.unescape(h) for h in headings] == [
        f"{n.agency.acronym} — {n.agency.name}" for n in brief.needs
    ]
    assert t("brief_delegation_from_agreements", visitor="Kabupaten Lampung Selatan") in part
    disdukcapil = html.unescape(section(part, f"### {headings[0]}"))
    # What it can learn: each innovation once, linked to its description further down the page.
    learned = [x for x in _LINK.findall(disdukcapil) if x[1].startswith("#i-")]
    assert [x[0] for x in learned] == titles(brief.needs[0].innovations)


def test_an_agency_with_nothing_recorded_is_told_whom_to_ask(catalogue: Catalogue) -> None:
    wider = dataclasses.replace(
        agreement(catalogue), agencies=(*agreement(catalogue).agencies, f"{LAMSEL}/bappeda")
    )
    changed = dataclasses.replace(catalogue, agreements={AGREEMENT: wider})
    text = html.unescape(build_pages(changed)[BRIEF])
    bappeda = section(text, "### Bappeda — Badan Perencanaan Pembangunan Daerah")
    assert t("brief_no_counterpart") in bappeda
    assert f"{t('brief_nothing_yet')} {t('brief_ask_coordinators', agencies='Disdukcapil')}" in bappeda


def test_the_brief_page_carries_contact_prerequisites_and_belum_diisi(
    catalogue: Catalogue, pages: dict[str, str]
) -> None:
    innovation = catalogue.innovations[f"{SUMEDANG}/layanan-adminduk-daring"]
    assert innovation.visit_contact is not None and innovation.prerequisites is not None
    block = item(pages[BRIEF], innovation)
    contact = innovation.visit_contact
    assert contact.office in block
    assert f'href="mailto:{contact.email}"' in block
    assert contact.phone is not None and contact.phone in block
    assert f'href="{contact.url}"' in block
    for key in ("regulation", "team", "infrastructure", "budget"):
        assert f"{t(f'prerequisite_{key}')}\n:   {getattr(innovation.prerequisites, key)}" in block
    assert f"{t('implementation_time')}\n:   {innovation.implementation_time}" in block
    assert f"{t('brief_for')}\n:   Disdukcapil\n" in block
    # A match without study-visit content says plainly that nobody filled it in yet.
    bare = item(pages[BRIEF], catalogue.innovations[f"{SUMEDANG}/posyandu-digital"])
    missing = f'<span class="kid-missing">{t("not_filled")}</span>'
    assert f"{t('visit_contact')}\n:   {missing}" in bare
    for key in ("regulation", "team", "infrastructure", "budget"):
        assert f"{t(f'prerequisite_{key}')}\n:   {missing}" in bare
    assert f"{t('brief_for')}\n:   Disdukcapil, Dinkes\n" in bare


def test_the_brief_page_carries_cost_awards_and_documents_where_recorded(
    catalogue: Catalogue, pages: dict[str, str]
) -> None:
    innovation = catalogue.innovations[f"{SUMEDANG}/layanan-adminduk-daring"]
    block = item(pages[BRIEF], innovation)
    assert f"{t('costs')}\n:   Rp150.000.000 (2020, APBD, pengembangan aplikasi) · " in block
    assert '<a href="https://adminduk.example.org/anggaran" rel="nofollow noopener ugc">sumber</a>' in block
    assert f"{t('awards')}\n:   **Top 45 Kompetisi Inovasi Pelayanan Publik** (2021, KemenPAN-RB)\n" in block
    # The SOP is a document a copying region asks for; the app is not listed as one.
    documents = block.split(f"{t('documents')}\n:   ", 1)[1].split("\n", 1)[0]
    assert "SOP layanan adminduk daring" in documents and "Portal layanan" not in documents
    # Nothing recorded, nothing shown: these are no prerequisites to fill in.
    bare = item(pages[BRIEF], catalogue.innovations[f"{SUMEDANG}/posyandu-digital"])
    assert not any(f"{t(key)}\n:" in bare for key in ("costs", "awards", "documents"))


def test_the_brief_page_has_its_agreements_scope_date_and_notes(
    catalogue: Catalogue, pages: dict[str, str]
) -> None:
    text = pages[BRIEF]
    scope = section(text, f"## {t('brief_scope')}")
    assert "<strong>pendampingan replikasi</strong>" in scope
    assert f"[{agreement(catalogue).title}](../../{paths.agreement(AGREEMENT)})" in html.unescape(text)
    # Last verified: the newest `last_verified` of the innovations described (no clock).
    described = [
        catalogue.innovations[f"{SUMEDANG}/{i}"]
        for i in ("posyandu-digital", "layanan-adminduk-daring", "antrean-manual")
    ]
    newest = max(i.last_verified for i in described if i.last_verified)
    assert newest.isoformat() == "2025-07-04"
    assert f"{t('brief_verified')}\n:   4 Juli 2025" in text
    notes = section(text, f"## {t('brief_notes')}")
    assert '<div class="kid-notes" aria-hidden="true"></div>' in notes
    title = t("brief_title", visitor="Kabupaten Lampung Selatan", host="Kabupaten Sumedang")
    assert f"# {title}" in text.splitlines()
    # A brief kept out of search: it repeats what the innovation pages say.
    assert "\nsearch: false\n" in text.split("---")[1] + "\n"


def test_a_published_brief_gives_its_address_a_qr_code_and_its_links_addresses(
    pages: dict[str, str], published: dict[str, str]
) -> None:
    own = f"{SITE}/kunjungan/{LAMSEL}/{SUMEDANG}/"
    text = html.unescape(published[BRIEF])
    assert f"{t('brief_address')}\n:   {own}" in text
    assert '<div class="kid-qr" aria-hidden="true"><svg' in text
    assert f'{{: data-print-url="{SITE}/perangkat-daerah/{SUMEDANG}/disdukcapil/" }}' in text
    # Without a site address (the offline copy): the page's path, no QR code, no printed addresses.
    plain = html.unescape(pages[BRIEF])
    assert f"{t('brief_address')}\n:   /kunjungan/{LAMSEL}/{SUMEDANG}/" in plain
    assert "kid-qr" not in plain and "data-print-url" not in plain


def test_region_home_and_agreement_pages_link_the_briefs_near_the_top(
    catalogue: Catalogue, pages: dict[str, str]
) -> None:
    for region in catalogue.regions.values():
        page = paths.region(region.id)
        facts = pages.get(page, "").split("</div>", 1)[0]
        for key, side in (("briefs_as_visitor", 0), ("briefs_as_host", 1)):
            wanted = [p for p in related_pairs(catalogue) if p[side] == region.id][:REGION_LIST_LENGTH]
            if not wanted:
                assert f"{t(key)}\n:" not in facts
                continue
            line = facts.split(f"{t(key)}\n:   ", 1)[1].split("\n", 1)[0]
            assert [x[1] for x in _LINK.findall(line)] == [
                paths.relative(paths.brief(v, h), page) for v, h in wanted
            ]
    home = section(pages[paths.HOME], f"## {t('home_briefs')}")
    # The newest agreement's pairs first.
    assert [x[1] for x in _LINK.findall(home)][:2] == [
        paths.brief(LAMSEL, SUMEDANG),
        paths.brief(SUMEDANG, LAMSEL),
    ]
    page = paths.agreement(AGREEMENT)
    line = pages[page].split(f"{t('briefs')}\n:   ", 1)[1].split("\n", 1)[0]
    assert [x[1] for x in _LINK.findall(line)] == [
        paths.relative(paths.brief(v, h), page) for v, h in [(LAMSEL, SUMEDANG), (SUMEDANG, LAMSEL)]
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
    agencies = catalogue.regions[SUMEDANG].agencies
    host = HostIndex.of(catalogue, SUMEDANG).innovations
    made = memo.brief(catalogue, LAMSEL, SUMEDANG, (), HostIndex(agencies, host), BriefLimits())
    memo.plan_done()
    assert memo.brief(catalogue, LAMSEL, SUMEDANG, (), HostIndex(agencies, list(host)), BriefLimits()) is made
    assert (
        memo.brief(catalogue, LAMSEL, SUMEDANG, (), HostIndex(agencies, host[1:]), BriefLimits()) is not made
    )
    memo.plan_done()
    again = memo.brief(catalogue, LAMSEL, SUMEDANG, (), HostIndex(agencies, host), BriefLimits())
    assert again == build_brief(catalogue, LAMSEL, SUMEDANG, ())


@pytest.mark.parametrize("limits", [BriefLimits(1, 1, 1), BriefLimits(2, 3, 1), BriefLimits(0, 5, 0)])
def test_a_limited_brief_keeps_the_first_of_the_whole_brief_and_counts_the_rest(
    catalogue: Catalogue, limits: BriefLimits
) -> None:
    """What a printed brief keeps, read straight from the host's index, is the whole brief cut:
    each need's first innovations, the matches among those, the first others, and the counts."""
    per_agency, matches_kept, others_kept = limits.per_agency, limits.matches, limits.others
    assert per_agency is not None and matches_kept is not None and others_kept is not None
    for visitor, host in itertools.permutations(sorted(catalogue.regions), 2):
        whole = build_brief(catalogue, visitor, host)
        cut = build_brief(catalogue, visitor, host, limits=limits)
        expected_needs = [
            (n.agency, n.counterparts, n.innovations[:per_agency], len(n.innovations) - per_agency)
            for n in whole.needs
        ]
        assert [tuple(n) for n in cut.needs] == [
            (a, c, i, max(0, more)) for a, c, i, more in expected_needs
        ], (visitor, host)
        wanted = {i.ref for n in cut.needs for i in n.innovations}
        assert cut.matches == tuple(m for m in whole.matches if m.innovation.ref in wanted)[:matches_kept]
        assert cut.others == whole.others[:others_kept]
        assert cut.more_others == len(whole.others) - len(cut.others)
        assert (cut.agreements, cut.coordinators, cut.named) == (
            whole.agreements,
            whole.coordinators,
            whole.named,
        )


def test_the_briefs_of_a_region_with_partners_all_over_go_on_over_pages(catalogue: Catalogue) -> None:
    """One list of 184 briefs was 38 KB, over its page's budget: the list is paged like any long
    listing, every brief on exactly one page, as guest before as host."""
    from generator.content.model import Replication
    from generator.site.page_cuts import PAGE_MAX

    lamsel = catalogue.regions[LAMSEL]
    copies = {
        f"kabupaten-salinan-{n:02d}": dataclasses.replace(
            lamsel, id=f"kabupaten-salinan-{n:02d}", name=f"Salinan {n:02d}"
        )
        for n in range(90)
    }
    host = next(i for i in catalogue.innovations.values() if i.region == SUMEDANG)
    copied = dataclasses.replace(
        host, replications=tuple(Replication(region=r, status="done") for r in sorted(copies))
    )
    wide = dataclasses.replace(
        catalogue,
        regions={**catalogue.regions, **copies},
        innovations={**catalogue.innovations, copied.ref: copied},
    )
    pages = build_pages(wide)
    first = paths.region_briefs(SUMEDANG)
    folder = first.removesuffix(".md") + "/"
    further = sorted(p for p in pages if p.startswith(folder))  # dari-<first brief>.md …, akhir.md
    listing = [first, *(p for p in further if p != f"{folder}akhir.md"), f"{folder}akhir.md"]
    assert len(listing) >= 3
    shown = [
        [t for _, t in _LINK.findall(pages[p]) if "kunjungan/" in t and "bahan-" not in t] for p in listing
    ]
    ours = [p for p in related_pairs(wide) if SUMEDANG in p]
    as_guest = [p for p in ours if p[0] == SUMEDANG]
    order = [f"kunjungan/{v}/{h}.md" for v, h in [*as_guest, *(p for p in ours if p not in as_guest)]]
    assert [target.rsplit("kunjungan/", 1)[1] for links in shown for target in links] == [
        o.removeprefix("kunjungan/") for o in order
    ]
    assert all(len(links) <= PAGE_MAX for links in shown)
    # Each further page says where it starts and links back to the first.
    for page in listing[1:]:
        assert t("first_page") in pages[page] and "Salinan" in pages[page]

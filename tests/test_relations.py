"""Every relation between records shows on the pages at both of its ends.

The links are read back from the generated Markdown, section by section, so a relation that is
computed but not printed (or printed under the wrong heading) fails. Expectations come from the
records themselves, not from `relations.py`, plus named checks on `tests/fixtures/site-relations`,
whose README lists the relation each record is there for.
"""

from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path

import pytest
from mkdocs.utils.yaml import yaml_load  # reads mkdocs.yml's !ENV settings as MkDocs does

from generator.content.catalogue import Catalogue
from generator.content.check import load_catalogue
from generator.content.labels import labels
from generator.content.vocab import vocabulary
from generator.site import paths
from generator.site.pages import COUNTERPART_INNOVATIONS_SHOWN, COUNTERPARTS_SHOWN, build_pages
from generator.site.pages.sizes import REGION_AGREEMENTS_SHOWN
from generator.site.relations import build_relations

ROOT = Path(__file__).parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
RELATIONS = FIXTURES / "site-relations"
# Every catalogue the generic checks run on: the relation fixture, the smallest one, the shipped one.
CATALOGUES = {"site-relations": RELATIONS, "minimal": FIXTURES / "minimal", "shipped": ROOT}

# A link as `render.link` writes it; link text is escaped, so it never holds a bracket.
_LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]+)\)")


def t(key: str, **args: str) -> str:
    text = str(labels()[key]["id"])
    return text.format(**args) if args else text


def status(value: str) -> str:
    return vocabulary("statuses").text(value, "id")


def _listing_base(page: str) -> str | None:
    """The first page of the long listing that `page` goes on (`paths.listing_page`), if it is one."""
    folder, _, name = page.rpartition("/")
    if not (name == "akhir.md" or name.startswith("dari-")):
        return None
    if folder.endswith("/daftar"):
        return folder.removesuffix("/daftar") + "/index.md"
    return folder + ".md"


class Site:
    """Generated pages, read back as links."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.pages = build_pages(catalogue)

    def text(self, page: str) -> str:
        assert page in self.pages, f"no page {page}"
        return self.pages[page]

    def section(self, page: str, heading: str) -> str:
        """The lines under `heading` (a Markdown heading, a `**Label:**` line or an admonition)
        up to the next heading of the same or a higher level."""
        lines = self.text(page).splitlines()
        assert heading in lines, f"{page} has no line {heading!r}"
        depth = len(heading) - len(heading.lstrip("#")) if heading.startswith("#") else 6
        found = []
        for line in lines[lines.index(heading) + 1 :]:
            hashes = len(line) - len(line.lstrip("#"))
            if hashes and line[hashes : hashes + 1] == " " and hashes <= depth:
                break
            if heading.startswith("**") and line.startswith("**") and line.endswith(":**"):
                break
            found.append(line)
        return "\n".join(found)

    def in_listing(self, target: str, first: str, heading: str | None = None) -> bool:
        """Whether a long listing that starts on `first` (in its section `heading`) links `target`,
        on its first page or on one of the pages it goes on over."""
        if target in self.links(first, heading):
            return True
        further = [p for p in self.pages if _listing_base(p) == first]
        return any(target in self.links(p) for p in further)

    def links(self, page: str, heading: str | None = None) -> list[str]:
        """Targets of the Markdown links of a page (or of one section), as docs paths."""
        text = self.text(page) if heading is None else self.section(page, heading)
        base = posixpath.dirname(page)
        return [posixpath.normpath(posixpath.join(base, href)) for _, href in _LINK.findall(text)]


@pytest.fixture(scope="module")
def site() -> Site:
    return Site(load_catalogue(RELATIONS))


@pytest.fixture(scope="module", params=sorted(CATALOGUES), ids=sorted(CATALOGUES))
def any_site(request: pytest.FixtureRequest) -> Site:
    return Site(load_catalogue(CATALOGUES[request.param]))


ADOPTED = f"## {t('adopted_from')} / {t('adopted_by')}"

CC = "kabupaten-sumedang/command-center"
ANTREAN = "kabupaten-sumedang/antrean-manual"
ADMINDUK = "kabupaten-sumedang/layanan-adminduk-daring"
CC_LAMSEL = "kabupaten-lampung-selatan/command-center-lamsel"
POSYANDU = "kabupaten-lampung-selatan/posyandu-keliling"
MOU = "mou-lampung-selatan-sumedang-2025"


# --- Generic: every relation of every catalogue, from the records -----------------------------


def test_adoption_shows_on_both_ends(any_site: Site) -> None:
    for innovation in any_site.catalogue.innovations.values():
        if not innovation.adopted_from:
            continue
        copy, source = paths.innovation(innovation.ref), paths.innovation(innovation.adopted_from)
        assert source in any_site.links(copy, f"**{t('adopted_from')}:**")
        assert copy in any_site.links(source, f"**{t('adopted_by')}:**")


def test_related_is_symmetric_even_when_one_side_names_it(any_site: Site) -> None:
    pairs = {
        frozenset((i.ref, other)) for i in any_site.catalogue.innovations.values() for other in i.related
    }
    for pair in pairs:
        a, b = sorted(pair)
        heading = f"## {t('related')}"
        assert any_site.links(paths.innovation(a), heading).count(paths.innovation(b)) == 1
        assert any_site.links(paths.innovation(b), heading).count(paths.innovation(a)) == 1
    named = {ref for pair in pairs for ref in pair}
    for ref in any_site.catalogue.innovations.keys() - named:
        assert f"## {t('related')}" not in any_site.text(paths.innovation(ref))


def test_replacement_shows_on_both_ends(any_site: Site) -> None:
    for innovation in any_site.catalogue.innovations.values():
        if not innovation.replaced_by:
            continue
        old, new = paths.innovation(innovation.ref), paths.innovation(innovation.replaced_by)
        assert new in any_site.links(old, f'!!! warning "{status("replaced")}"')
        assert old in any_site.links(new, f"## {t('replaces')}")


def test_innovation_and_its_agencies_region_themes_and_tags_link_each_other(any_site: Site) -> None:
    for innovation in any_site.catalogue.innovations.values():
        page = paths.innovation(innovation.ref)
        links = any_site.links(page)
        region = paths.region(innovation.region)
        assert region in links
        assert any_site.in_listing(page, region, f"## {t('innovations_of_region')}")
        for agency_id in innovation.agencies:
            agency = paths.agency(innovation.region, agency_id)
            assert agency in links
            assert any_site.in_listing(page, agency, f"## {t('innovations_of_agency')}")
        for theme in innovation.themes:
            assert paths.theme(theme) in links
            assert any_site.in_listing(page, paths.theme(theme))
        for tag in innovation.tags:
            assert paths.tag(tag) in any_site.links(page, f"## {t('tags')}")
            assert any_site.in_listing(page, paths.tag(tag))


def test_agreement_links_parties_agencies_and_innovations_and_back(any_site: Site) -> None:
    for agreement in any_site.catalogue.agreements.values():
        page = paths.agreement(agreement.id)
        links = any_site.links(page)
        for party in agreement.parties:
            assert paths.region(party) in links
            # The newest few on the region page, which then links the index of all of them.
            newest = sorted(
                (a for a in any_site.catalogue.agreements.values() if party in a.parties),
                key=lambda a: (-a.signed.toordinal(), a.id),
            )
            listed = any_site.links(paths.region(party), f"## {t('agreements_of_region')}")
            if agreement in newest[:REGION_AGREEMENTS_SHOWN]:
                assert page in listed
            else:
                assert page not in listed and paths.AGREEMENTS in listed
                assert any_site.in_listing(page, paths.AGREEMENTS)
        for ref in agreement.agencies:
            agency = paths.agency(*ref.split("/"))
            assert agency in any_site.links(page, f"## {t('agreement_agencies')}")
            assert page in any_site.links(agency, f"## {t('agreements_of_agency')}")
        for ref in agreement.innovations:
            innovation = paths.innovation(ref)
            assert innovation in any_site.links(page, f"## {t('agreement_innovations')}")
            assert page in any_site.links(innovation, f"## {t('covered_by_agreements')}")


def test_visit_links_its_regions_agencies_innovations_and_agreement_and_back(any_site: Site) -> None:
    """A visit's page links everything it names, and each of those pages links the visit."""
    for visit in any_site.catalogue.visits.values():
        page = paths.visit(visit.id)
        links = any_site.links(page)
        assert any_site.in_listing(page, paths.VISITS)
        for region_id in visit.regions:
            assert paths.region(region_id) in links
            # The newest on the region page, every one on the region's own list of visits.
            region_page = paths.region(region_id)
            on_region_page = page in any_site.links(region_page, f"## {t('visits_of_region')}")
            assert on_region_page or any_site.in_listing(page, paths.region_visits(region_id))
        for ref in (*visit.host_agencies, *visit.visiting_agencies):
            agency = paths.agency(*ref.split("/"))
            assert agency in links
            assert page in any_site.links(agency, f"## {t('visits_of_agency')}")
        for ref in visit.innovations:
            innovation = paths.innovation(ref)
            assert innovation in any_site.links(page, f"## {t('visit_innovations')}")
            # The newest on the innovation's page, every one in the visits index it links.
            studied = any_site.links(innovation, f"## {t('studied_by')}")
            assert page in studied or (paths.VISITS in studied and any_site.in_listing(page, paths.VISITS))
        if visit.agreement:
            agreement = paths.agreement(visit.agreement)
            assert agreement in links
            assert page in any_site.links(agreement, f"## {t('visits_of_agreement')}")


def test_visits_show_on_the_brief_of_their_pair(any_site: Site) -> None:
    for visit in any_site.catalogue.visits.values():
        for visitor in visit.visitors:
            brief = paths.brief(visitor, visit.host)
            if brief in any_site.pages:
                assert paths.visit(visit.id) in any_site.links(brief, f"## {t('past_visits')}")


def test_technical_assistance_points_the_network_from_the_visitor_to_the_host() -> None:
    """Learners decide the arrow: the host learned from Sumedang's team, so Sumedang → host; a
    visit at which an agreement was signed is that agreement's, not an edge of its own."""
    relations = build_relations(load_catalogue(FIXTURES / "site-relations"))
    assert relations.visit_edges() == [("kabupaten-sumedang", "kabupaten-lampung-selatan", 1)]


def test_agencies_not_named_by_an_agreement_do_not_list_it(any_site: Site) -> None:
    for region in any_site.catalogue.regions.values():
        for agency in region.agencies:
            named = [
                a.id
                for a in any_site.catalogue.agreements.values()
                if f"{region.id}/{agency.id}" in a.agencies
            ]
            links = any_site.links(paths.agency(region.id, agency.id))
            listed = [a for a in any_site.catalogue.agreements if paths.agreement(a) in links]
            assert listed == sorted(named)


def test_counterparts_are_same_kind_agencies_of_other_regions(any_site: Site) -> None:
    regions = any_site.catalogue.regions.values()
    everyone = [(r, a) for r in regions for a in r.agencies]
    for region, agency in everyone:
        page = paths.agency(region.id, agency.id)
        expected = {
            paths.agency(r.id, a.id) for r, a in everyone if a.kind == agency.kind and r.id != region.id
        }
        heading = f"## {t('counterparts')}"
        listed = {link for link in any_site.links(page, heading) if link.startswith("perangkat-daerah/")}
        if len(expected) <= COUNTERPARTS_SHOWN:
            assert listed == expected, page
        else:
            assert listed < expected
        if not expected:
            assert t("no_counterparts") in any_site.section(page, heading)
        # The counterparts' first innovations (by title) are listed with them, the rest counted.
        for other_region, other in ((r, a) for r, a in everyone if paths.agency(r.id, a.id) in listed):
            theirs = sorted(
                (
                    i
                    for i in any_site.catalogue.innovations.values()
                    if i.region == other_region.id and other.id in i.agencies
                ),
                key=lambda i: (i.title.casefold(), i.ref),
            )
            for innovation in theirs[:COUNTERPART_INNOVATIONS_SHOWN]:
                assert paths.innovation(innovation.ref) in any_site.links(page, heading)
            if len(theirs) > COUNTERPART_INNOVATIONS_SHOWN:
                more = str(t("and_more")).format(n=len(theirs) - COUNTERPART_INNOVATIONS_SHOWN)
                assert more in any_site.section(page, heading)


@pytest.fixture(scope="module")
def national(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """A synthetic catalogue over every region: hundreds of agencies of each kind."""
    from generator.contrib.synthetic import write_synthetic_catalogue

    root = tmp_path_factory.mktemp("national")
    write_synthetic_catalogue(ROOT, root, 1200, seed=5)
    return Site(load_catalogue(root))


def test_counterparts_shown_are_the_nearest_with_innovations_first(national: Site) -> None:
    """Own province first, then provinces by code distance: an agency shows on its neighbours'
    pages, not on every page of its kind."""
    catalogue = national.catalogue
    with_innovations = {paths.agency(i.region, a) for i in catalogue.innovations.values() for a in i.agencies}
    province = {
        paths.agency(r.id, a.id): int(r.code.partition(".")[0])
        for r in catalogue.regions.values()
        for a in r.agencies
    }
    checked = 0
    for region in catalogue.regions.values():
        mine = int(region.code.partition(".")[0])
        for agency in region.agencies:
            page = paths.agency(region.id, agency.id)
            others = [
                paths.agency(r.id, a.id)
                for r in catalogue.regions.values()
                if r.id != region.id
                for a in r.agencies
                if a.kind == agency.kind
            ]
            listed = [
                link
                for link in national.links(page, f"## {t('counterparts')}")
                if link.startswith("perangkat-daerah/") and link != paths.agency_kind(agency.kind)
            ]
            assert len(listed) == min(len(others), COUNTERPARTS_SHOWN), page

            def rank(target: str, mine: int = mine) -> tuple[bool, int]:
                return (target not in with_innovations, abs(province[target] - mine))

            worst_listed = max(map(rank, listed), default=None)
            left_out = [rank(o) for o in others if o not in listed]
            if worst_listed is not None and left_out:
                assert worst_listed <= min(left_out), page
                checked += 1
    assert checked > 1000


def test_agency_kind_page_lists_every_agency_of_that_kind(any_site: Site) -> None:
    for region in any_site.catalogue.regions.values():
        for agency in region.agencies:
            kind = paths.agency_kind(agency.kind)
            assert paths.agency(region.id, agency.id) in any_site.links(kind)
            assert kind in any_site.links(paths.agency(region.id, agency.id))
            assert kind in any_site.links(paths.AGENCIES)


def test_province_and_its_regions_link_each_other(any_site: Site) -> None:
    rel = build_relations(any_site.catalogue)
    for region in any_site.catalogue.regions.values():
        if not region.province:
            continue
        province = paths.region(region.province)
        if paths.region(region.id) in any_site.pages:
            assert paths.region(region.id) in any_site.links(province, f"## {t('regions_in_province')}")
            assert province in any_site.links(paths.region(region.id))
        else:
            assert not rel.has_page(region)
            listed = html.unescape(any_site.section(province, f"## {t('regions_in_province')}"))
            assert f"{region.name} ({region.code})" in listed


def test_index_pages_link_every_record_of_their_kind(any_site: Site) -> None:
    catalogue = any_site.catalogue
    for agreement in catalogue.agreements:
        assert paths.agreement(agreement) in any_site.links(paths.AGREEMENTS)
    # Provinces on the regions index; their kabupaten and kota on the province pages.
    provinces = {paths.region(r.id) for r in catalogue.regions.values() if r.type == "provinsi"}
    assert provinces <= set(any_site.links(paths.REGIONS))
    themes = {t for i in catalogue.innovations.values() for t in i.themes}
    assert {paths.theme(t) for t in themes} <= set(any_site.links(paths.THEMES))
    tags = {t for i in catalogue.innovations.values() for t in i.tags}
    assert all(any_site.in_listing(paths.tag(tag), paths.TAGS) for tag in tags)
    kinds = {a.kind for r in catalogue.regions.values() for a in r.agencies}
    assert {paths.agency_kind(k) for k in kinds} <= set(any_site.links(paths.AGENCIES))


def test_every_page_is_reachable_from_home_without_javascript(any_site: Site) -> None:
    """From the sections of the site's navigation, following the links of the pages alone (no
    search, no list built by a script) reaches every page."""
    nav = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    sections = {next(iter(item.values())) if isinstance(item, dict) else item for item in nav}
    seen = sections & set(any_site.pages)
    assert paths.HOME in seen
    todo = sorted(seen)
    while todo:
        for target in any_site.links(todo.pop()):
            if target in any_site.pages and target not in seen:
                seen.add(target)
                todo.append(target)
    assert seen == set(any_site.pages)


# --- Named: the relation fixture, record by record --------------------------------------------


def test_fixture_holds_every_relation_kind(site: Site) -> None:
    innovations = site.catalogue.innovations
    assert innovations[CC_LAMSEL].adopted_from == CC
    assert innovations[ANTREAN].status == "replaced"
    assert innovations[ANTREAN].replaced_by == ADMINDUK
    assert innovations[POSYANDU].status == "stopped"
    assert ADMINDUK in innovations[POSYANDU].related
    assert POSYANDU not in innovations[ADMINDUK].related
    assert site.catalogue.regions["kabupaten-garut"].province == "provinsi-jawa-barat"


def test_adopted_from_across_regions(site: Site) -> None:
    lamsel, sumedang = paths.innovation(CC_LAMSEL), paths.innovation(CC)
    assert site.links(lamsel, ADOPTED) == [sumedang]
    assert site.links(sumedang, ADOPTED) == [lamsel]
    # The regions show the exchange too: who learned from whom.
    assert site.links("daerah/kabupaten-lampung-selatan.md", f"## {t('learned_from')}") == [lamsel, sumedang]
    assert site.links("daerah/kabupaten-sumedang.md", f"## {t('taught_to')}") == [sumedang, lamsel]
    assert f"## {t('taught_to')}" not in site.text("daerah/kabupaten-lampung-selatan.md")


def test_one_sided_related_shows_on_both_pages(site: Site) -> None:
    heading = f"## {t('related')}"
    assert site.links(paths.innovation(POSYANDU), heading) == [paths.innovation(ADMINDUK)]
    # Named by the posyandu and by the command center: both listed, each once, by title.
    assert site.links(paths.innovation(ADMINDUK), heading) == [
        paths.innovation(POSYANDU),
        paths.innovation(CC),
    ]


def test_replaced_and_stopped_innovations_say_so(site: Site) -> None:
    antrean = site.text(paths.innovation(ANTREAN))
    assert '!!! warning "Digantikan"' in antrean
    assert site.links(paths.innovation(ANTREAN), '!!! warning "Digantikan"') == [paths.innovation(ADMINDUK)]
    assert site.links(paths.innovation(ADMINDUK), f"## {t('replaces')}") == [paths.innovation(ANTREAN)]
    posyandu = site.text(paths.innovation(POSYANDU))
    assert '!!! warning "Berhenti"' in posyandu
    assert t("status_notice_stopped") in posyandu
    assert "!!! warning" not in site.text(paths.innovation(ADMINDUK))
    # Lists elsewhere mark the status next to the title.
    region = site.section("daerah/kabupaten-lampung-selatan.md", f"## {t('innovations_of_region')}")
    assert re.search(r"\[Posyandu Keliling\]\([^)]+\).*\*\*Berhenti\*\*", region)


def test_agreement_pages(site: Site) -> None:
    page = paths.agreement(MOU)
    assert site.links(page, f"## {t('agreement_agencies')}") == [
        "perangkat-daerah/kabupaten-lampung-selatan/diskominfo.md",
        "perangkat-daerah/kabupaten-sumedang/diskominfosanditik.md",
    ]
    assert site.links(page, f"## {t('agreement_innovations')}") == [
        paths.innovation(CC),
        paths.innovation(CC_LAMSEL),
    ]
    for region in ("kabupaten-lampung-selatan", "kabupaten-sumedang"):
        assert site.links(paths.region(region), f"## {t('agreements_of_region')}") == [page]
    assert page not in site.links("perangkat-daerah/kabupaten-sumedang/disdukcapil.md")
    assert f"## {t('agreements_of_region')}" not in site.text("daerah/provinsi-jawa-barat.md")


def test_agency_lists_every_innovation_it_runs_lead_or_not(site: Site) -> None:
    heading = f"## {t('innovations_of_agency')}"
    # Layanan Adminduk Daring is led by Disdukcapil, with Diskominfosanditik second.
    assert site.links("perangkat-daerah/kabupaten-sumedang/diskominfosanditik.md", heading) == [
        paths.innovation(ADMINDUK),
        paths.innovation(CC),
    ]
    assert site.links("perangkat-daerah/kabupaten-sumedang/disdukcapil.md", heading) == [
        paths.innovation(ANTREAN),
        paths.innovation(ADMINDUK),
    ]
    assert t("no_innovations") in site.section(
        "perangkat-daerah/kabupaten-lampung-selatan/disdukcapil.md", heading
    )


def test_counterparts_in_the_fixture(site: Site) -> None:
    heading = f"## {t('counterparts')}"
    assert site.links("perangkat-daerah/kabupaten-lampung-selatan/diskominfo.md", heading) == [
        "perangkat-daerah/kabupaten-sumedang/diskominfosanditik.md",
        paths.innovation(ADMINDUK),
        paths.innovation(CC),
    ]
    assert site.links("perangkat-daerah/kabupaten-sumedang/disdukcapil.md", heading) == [
        "perangkat-daerah/kabupaten-lampung-selatan/disdukcapil.md"
    ]
    assert site.links("perangkat-daerah/kabupaten-lampung-selatan/dinkes.md", heading) == []
    assert t("no_counterparts") in site.section(
        "perangkat-daerah/kabupaten-lampung-selatan/dinkes.md", heading
    )


def test_province_lists_its_regions_with_and_without_pages(site: Site) -> None:
    heading = f"## {t('regions_in_province')}"
    assert site.links("daerah/provinsi-jawa-barat.md", heading) == ["daerah/kabupaten-sumedang.md"]
    listed = site.section("daerah/provinsi-jawa-barat.md", heading)
    assert f"{t('regions_without_content', n='1')} Kabupaten Garut (32&#46;05)" in listed
    assert site.links("daerah/provinsi-lampung.md", heading) == ["daerah/kabupaten-lampung-selatan.md"]
    assert t("regions_without_content", n="1").split(" ", 1)[1] not in site.text("daerah/provinsi-lampung.md")
    # The province shows its regions' innovations (the newest few, then the full list elsewhere).
    assert set(site.links("daerah/provinsi-jawa-barat.md", f"## {t('newest_in_province')}")) == {
        paths.innovation(ANTREAN),
        paths.innovation(ADMINDUK),
        paths.innovation(CC),
        paths.INNOVATIONS,
    }
    assert "daerah/provinsi-jawa-barat.md" in site.links("daerah/kabupaten-sumedang.md")


def test_tags_and_themes_group_innovations(site: Site) -> None:
    assert site.links(paths.tag("command-center")) == [
        paths.HOME,
        paths.TAGS,
        paths.innovation(CC_LAMSEL),
        paths.innovation(CC),
    ]
    assert site.links(paths.theme("public-service")) == [
        paths.HOME,
        paths.THEMES,
        paths.innovation(ANTREAN),
        paths.innovation(ADMINDUK),
    ]


def test_region_facts_count_the_visits_of_the_region_and_its_regions(any_site: Site) -> None:
    """The facts box counts by kind what the visit lists hold: a province, its regions' visits too."""
    catalogue = any_site.catalogue
    for region in catalogue.regions.values():
        page = paths.region(region.id)
        if page not in any_site.pages:
            continue
        members = {region.id, *(r.id for r in catalogue.regions.values() if r.province == region.id)}
        visits = [v for v in catalogue.visits.values() if members & set(v.regions)]
        facts = any_site.text(page).split('<div class="kid-facts" markdown>', 1)[1].split("</div>", 1)[0]
        if not visits:
            assert f"\n{t('visits')}\n" not in facts, page
            continue
        counts = facts.split(f"\n{t('visits')}\n:   ", 1)[1].split("\n", 1)[0]
        assert sum(int(part.rsplit(" ", 1)[1]) for part in counts.split(" · ")) == len(visits), page

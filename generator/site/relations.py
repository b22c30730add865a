"""Every relation of the catalogue, indexed from both ends.

If record A names record B, B's page must show A: these indexes are computed once per build so that
page rendering only looks things up. Lists are sorted so that output is deterministic.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ..content.catalogue import Catalogue
from ..content.model import Agency, Agreement, Innovation, Region, Replication, Visit


def title_key(innovation: Innovation) -> tuple[str, str]:
    """The order of innovations in every listing: by title, then reference."""
    return (innovation.title.casefold(), innovation.ref)


@dataclass(slots=True)
class Relations:
    """Reverse and grouped indexes over a catalogue."""

    catalogue: Catalogue
    by_region: dict[str, list[Innovation]] = field(default_factory=dict)
    by_agency: dict[tuple[str, str], list[Innovation]] = field(default_factory=dict)
    by_theme: dict[str, list[Innovation]] = field(default_factory=dict)
    by_tag: dict[str, list[Innovation]] = field(default_factory=dict)
    adopted_by: dict[str, list[Innovation]] = field(default_factory=dict)
    replaces: dict[str, list[Innovation]] = field(default_factory=dict)
    related: dict[str, list[Innovation]] = field(default_factory=dict)
    agreements_by_region: dict[str, list[Agreement]] = field(default_factory=dict)
    agreements_by_agency: dict[tuple[str, str], list[Agreement]] = field(default_factory=dict)
    agreements_by_innovation: dict[str, list[Agreement]] = field(default_factory=dict)
    children: dict[str, list[Region]] = field(default_factory=dict)
    agencies_by_kind: dict[str, list[tuple[Region, Agency]]] = field(default_factory=dict)
    # Replications (studi tiru that became a copy) by the copying region and by agreement.
    replications_by_region: dict[str, list[tuple[Innovation, Replication]]] = field(default_factory=dict)
    replications_by_agreement: dict[str, list[tuple[Innovation, Replication]]] = field(default_factory=dict)
    # Visits by each region taking part (host or visitor), agency, innovation studied and agreement,
    # newest first.
    visits_by_region: dict[str, list[Visit]] = field(default_factory=dict)
    visits_by_agency: dict[tuple[str, str], list[Visit]] = field(default_factory=dict)
    visits_by_innovation: dict[str, list[Visit]] = field(default_factory=dict)
    visits_by_agreement: dict[str, list[Visit]] = field(default_factory=dict)
    # Ids of the regions that have a page of their own (`regions_with_pages`).
    with_pages: frozenset[str] = frozenset()

    def learning_edges(self) -> list[tuple[str, str, int]]:
        """Who learned from whom: (from region, to region, count), adoptions and replications together."""
        counts: dict[tuple[str, str], int] = defaultdict(int)
        innovations = self.catalogue.innovations
        for innovation in innovations.values():
            if innovation.adopted_from:
                source = innovations[innovation.adopted_from].region
                if source != innovation.region:
                    counts[(source, innovation.region)] += 1
            for replication in innovation.replications:
                copy = innovations.get(replication.innovation or "")
                # A replication that names its copy is the same event as the copy's adopted_from.
                if copy is not None and copy.adopted_from == innovation.ref:
                    continue
                counts[(innovation.region, replication.region)] += 1
        return sorted((a, b, n) for (a, b), n in counts.items())

    def visit_edges(self) -> list[tuple[str, str, int]]:
        """Who learned from whom through visits: (from region, to region, count of visits held).

        A visit at which an agreement was signed is that agreement's edge, not a second one.
        """
        counts: dict[tuple[str, str], int] = defaultdict(int)
        for visit in self.catalogue.visits.values():
            if visit.status != "held" or (visit.kind == "agreement-signing" and visit.agreement):
                continue
            for visitor in visit.visitors:
                if visit.learners in ("visitors", "both"):
                    counts[(visit.host, visitor)] += 1
                if visit.learners in ("host", "both"):
                    counts[(visitor, visit.host)] += 1
        return sorted((a, b, n) for (a, b), n in counts.items())

    def visits_between(self, first: str, second: str) -> list[Visit]:
        """The visits both regions took part in, newest first (a pair's brief lists them)."""
        return [v for v in self.visits_by_region.get(first, []) if second in v.regions]

    def innovations_of_region(self, region_id: str) -> list[Innovation]:
        return self.by_region.get(region_id, [])

    def has_page(self, region: Region) -> bool:
        return region.id in self.with_pages


def regions_with_pages(catalogue: Catalogue) -> frozenset[str]:
    """Provinces always have a page; a kabupaten/kota only when it has content of its own: its
    innovations, replications of others' innovations, agencies, agreements, visits, a summary or a head."""
    named = {p for a in catalogue.agreements.values() for p in a.parties}
    named.update(r for v in catalogue.visits.values() for r in v.regions)
    for innovation in catalogue.innovations.values():
        named.add(innovation.region)
        named.update(r.region for r in innovation.replications)
    return frozenset(
        r.id
        for r in catalogue.regions.values()
        if r.type == "provinsi" or r.id in named or r.agencies or r.summary or r.head
    )


def build_relations(catalogue: Catalogue) -> Relations:
    """Compute every index of `catalogue`."""
    rel = Relations(catalogue, with_pages=regions_with_pages(catalogue))
    by_region: defaultdict[str, list[Innovation]] = defaultdict(list)
    by_agency: defaultdict[tuple[str, str], list[Innovation]] = defaultdict(list)
    by_theme: defaultdict[str, list[Innovation]] = defaultdict(list)
    by_tag: defaultdict[str, list[Innovation]] = defaultdict(list)
    adopted_by: defaultdict[str, list[Innovation]] = defaultdict(list)
    replaces: defaultdict[str, list[Innovation]] = defaultdict(list)
    related: defaultdict[str, dict[str, Innovation]] = defaultdict(dict)
    innovations = catalogue.innovations
    # Taken in title order once, every group is filled in title order: no sort per group.
    in_title_order = sorted(innovations.values(), key=title_key)
    for innovation in in_title_order:
        by_region[innovation.region].append(innovation)
        for agency_id in innovation.agencies:
            by_agency[(innovation.region, agency_id)].append(innovation)
        for theme in innovation.themes:
            by_theme[theme].append(innovation)
        for tag in innovation.tags:
            by_tag[tag].append(innovation)
        if innovation.adopted_from:
            adopted_by[innovation.adopted_from].append(innovation)
        if innovation.replaced_by:
            replaces[innovation.replaced_by].append(innovation)
        for other in innovation.related:
            # Related is symmetric: naming B on A's page shows A on B's page too.
            related[innovation.ref][other] = innovations[other]
            related[other][innovation.ref] = innovation

    rel.by_region = dict(sorted(by_region.items()))
    rel.by_agency = dict(sorted(by_agency.items()))
    rel.by_theme = dict(sorted(by_theme.items()))
    rel.by_tag = dict(sorted(by_tag.items()))
    rel.adopted_by = dict(sorted(adopted_by.items()))
    rel.replaces = dict(sorted(replaces.items()))
    rank = {innovation.ref: n for n, innovation in enumerate(in_title_order)}
    rel.related = {k: sorted(v.values(), key=lambda i: rank[i.ref]) for k, v in sorted(related.items())}

    agreements_by_region: defaultdict[str, list[Agreement]] = defaultdict(list)
    agreements_by_agency: defaultdict[tuple[str, str], list[Agreement]] = defaultdict(list)
    agreements_by_innovation: defaultdict[str, list[Agreement]] = defaultdict(list)
    for agreement in catalogue.agreements.values():
        for party in agreement.parties:
            agreements_by_region[party].append(agreement)
        for ref in agreement.agencies:
            region_id, _, agency_id = ref.partition("/")
            agreements_by_agency[(region_id, agency_id)].append(agreement)
        for ref in agreement.innovations:
            agreements_by_innovation[ref].append(agreement)
    newest_first = lambda a: (-a.signed.toordinal(), a.id)  # noqa: E731
    rel.agreements_by_region = {
        k: sorted(v, key=newest_first) for k, v in sorted(agreements_by_region.items())
    }
    rel.agreements_by_agency = {
        k: sorted(v, key=newest_first) for k, v in sorted(agreements_by_agency.items())
    }
    rel.agreements_by_innovation = {
        k: sorted(v, key=newest_first) for k, v in sorted(agreements_by_innovation.items())
    }

    replications_by_region: defaultdict[str, list[tuple[Innovation, Replication]]] = defaultdict(list)
    replications_by_agreement: defaultdict[str, list[tuple[Innovation, Replication]]] = defaultdict(list)
    for innovation in innovations.values():
        for replication in innovation.replications:
            replications_by_region[replication.region].append((innovation, replication))
            if replication.agreement:
                replications_by_agreement[replication.agreement].append((innovation, replication))
    by_copy = lambda pair: (pair[0].title.casefold(), pair[0].ref, pair[1].region)  # noqa: E731
    rel.replications_by_region = {
        k: sorted(v, key=by_copy) for k, v in sorted(replications_by_region.items())
    }
    rel.replications_by_agreement = {
        k: sorted(v, key=by_copy) for k, v in sorted(replications_by_agreement.items())
    }

    _index_visits(rel, catalogue)

    children: defaultdict[str, list[Region]] = defaultdict(list)
    agencies_by_kind: defaultdict[str, list[tuple[Region, Agency]]] = defaultdict(list)
    for region in catalogue.regions.values():
        if region.province:
            children[region.province].append(region)
        for agency in region.agencies:
            agencies_by_kind[agency.kind].append((region, agency))
    rel.children = {k: sorted(v, key=lambda r: (r.code, r.id)) for k, v in sorted(children.items())}
    rel.agencies_by_kind = {
        k: sorted(v, key=lambda ra: (ra[0].code, ra[1].id)) for k, v in sorted(agencies_by_kind.items())
    }
    return rel


def visit_order(visit: Visit) -> tuple[int, str]:
    """Newest first, then by id: the order of visits in every list."""
    return (-visit.date.toordinal(), visit.id)


def _index_visits(rel: Relations, catalogue: Catalogue) -> None:
    by_region: defaultdict[str, list[Visit]] = defaultdict(list)
    by_agency: defaultdict[tuple[str, str], list[Visit]] = defaultdict(list)
    by_innovation: defaultdict[str, list[Visit]] = defaultdict(list)
    by_agreement: defaultdict[str, list[Visit]] = defaultdict(list)
    for visit in sorted(catalogue.visits.values(), key=visit_order):
        for region_id in visit.regions:
            by_region[region_id].append(visit)
        for ref in (*visit.host_agencies, *visit.visiting_agencies):
            region_id, _, agency_id = ref.partition("/")
            by_agency[(region_id, agency_id)].append(visit)
        for ref in visit.innovations:
            by_innovation[ref].append(visit)
        if visit.agreement:
            by_agreement[visit.agreement].append(visit)
    rel.visits_by_region = dict(sorted(by_region.items()))
    rel.visits_by_agency = dict(sorted(by_agency.items()))
    rel.visits_by_innovation = dict(sorted(by_innovation.items()))
    rel.visits_by_agreement = dict(sorted(by_agreement.items()))

"""Region pages (with charts, listing pages and a learning-network picture) and the network page."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from ...content.model import Innovation, Region, Source, Visit
from ...content.vocab import vocabulary
from .. import paths
from ..charts import bar_chart
from ..network import network_svg
from ..page_cuts import cut
from .base import PageBase, in_region, page_pager, start_day
from .planned import Planned
from .sizes import (
    HOME_LIST_LENGTH,
    NETWORK_DRAWN_EDGES,
    NETWORK_TABLE_ROWS,
    REGION_AGENCY_ROWS,
    REGION_AGREEMENTS_SHOWN,
    REGION_LIST_LENGTH,
    REGION_NETWORK_EDGES,
    REGION_PAGE_SIZE,
    REGION_SOURCES_SHOWN,
    VISITS_SHOWN,
)


def newest_sources(sources: tuple[Source, ...]) -> list[Source]:
    """Dated sources newest first, then the undated in the file's order (a stable sort)."""
    return sorted(sources, key=lambda s: -s.date.toordinal() if s.date else 1)


class RegionPages(PageBase):
    """A region's pages, and the learning network between regions."""

    def region(self, region: Region) -> Iterator[Planned]:
        innovations = self.rel.innovations_of_region(region.id)
        # Listed by lead agency (in the region file's order), then by title, and paged.
        agency_order = {a.id: n for n, a in enumerate(region.agencies)}
        ordered = sorted(
            innovations, key=lambda i: (agency_order.get(i.agencies[0], 0), i.title.casefold(), i.ref)
        )
        lead_groups: dict[str, list[Innovation]] = {}
        for innovation in ordered[:REGION_PAGE_SIZE]:
            lead_groups.setdefault(innovation.agencies[0], []).append(innovation)
        by_agency = [(a, lead_groups[a.id]) for a in region.agencies if a.id in lead_groups]
        children = self.rel.children.get(region.id, [])
        # A province's regions' innovations: its count, its charts and its "newest" list share them.
        family = [i for c in children for i in self.rel.innovations_of_region(c.id)]
        province = self.regions.get(region.province or "")
        trail: list[tuple[str, str]] = [(self.renderer.label("home"), paths.HOME)]
        if province is not None:
            trail.append((self.renderer.region_name(province), paths.region(province.id)))
        else:
            trail.append((self.renderer.label("regions"), paths.REGIONS))
        learned_from = [
            (i, self.catalogue.innovations[i.adopted_from])
            for i in innovations
            if i.adopted_from and i.adopted_from.partition("/")[0] != region.id
        ]
        taught_to = [
            (i, copy)
            for i in innovations
            for copy in self.rel.adopted_by.get(i.ref, [])
            if copy.region != region.id
        ]
        base = paths.region(region.id)
        visits = self.rel.visits_by_region.get(region.id, [])
        agreements = self.rel.agreements_by_region.get(region.id, [])
        sources = newest_sources(region.sources)
        agency_counts = {a.id: len(self.rel.by_agency.get((region.id, a.id), [])) for a in region.agencies}
        # Every agency, by acronym, so that a visiting official finds their counterpart at a glance;
        # the table with full names is a page of its own once the region has many.
        agencies_listed = sorted(region.agencies, key=lambda a: (a.acronym.casefold(), a.id))
        rest = ordered[REGION_PAGE_SIZE:]
        chunks = [ordered[:REGION_PAGE_SIZE], *(cut(rest, in_region) if rest else [])]
        network = self._ego_network(region)
        pages = self.listing_pages(base, chunks, "innovations", in_region)
        # Its visit briefs near the top: as guest first (preparing its own visits), then as host.
        briefs = self.pairs_of.get(region.id, [])
        briefs_out = [pair for pair in briefs if pair[0] == region.id]
        briefs_in = [pair for pair in briefs if pair[1] == region.id]
        shown_briefs = briefs_out[:REGION_LIST_LENGTH] + briefs_in[:REGION_LIST_LENGTH]
        yield self.render(
            "region.md.j2",
            base,
            pager=page_pager(pages, 1),
            region=region,
            trail=trail,
            province=province,
            # One count for the facts box, the charts and the lists (a province's includes `family`).
            innovation_count=len(innovations) + len(family),
            own_innovations=len(innovations),
            innovations_by_agency=by_agency,
            agency_counts=agency_counts,
            agencies_listed=agencies_listed,
            agency_table=paths.region_agencies(region.id)
            if len(region.agencies) > REGION_AGENCY_ROWS
            else None,
            children_with_pages=[c for c in children if self.rel.has_page(c)],
            children_without_pages=[c for c in children if not self.rel.has_page(c)],
            counts=self.counts,
            province_innovations=sorted(
                family,
                key=lambda i: (-start_day(i), i.ref),
            )[:HOME_LIST_LENGTH],
            region_agreements=agreements[:REGION_AGREEMENTS_SHOWN],
            more_agreements=max(0, len(agreements) - REGION_AGREEMENTS_SHOWN),
            sources=sources[:REGION_SOURCES_SHOWN],
            all_sources=paths.region_sources(region.id) if len(sources) > REGION_SOURCES_SHOWN else None,
            learned_from=learned_from[:REGION_LIST_LENGTH],
            more_learned_from=max(0, len(learned_from) - REGION_LIST_LENGTH),
            taught_to=taught_to[:REGION_LIST_LENGTH],
            more_taught_to=max(0, len(taught_to) - REGION_LIST_LENGTH),
            replications_here=self.rel.replications_by_region.get(region.id, [])[:REGION_LIST_LENGTH],
            charts=self._charts(region, innovations + family),
            network=network,
            briefs_out=briefs_out[:REGION_LIST_LENGTH],
            briefs_in=briefs_in[:REGION_LIST_LENGTH],
            all_briefs=paths.region_briefs(region.id) if len(briefs) > len(shown_briefs) else None,
            visits=visits[:VISITS_SHOWN],
            all_visits=paths.region_visits(region.id) if len(visits) > VISITS_SHOWN else None,
            visits_hosted=sum(1 for v in visits if v.host == region.id),
            visits_made=sum(1 for v in visits if v.host != region.id),
            visit_kinds=self._visit_kinds(
                # A province counts the visits of its regions too; one between two of them, once.
                {
                    v.id: v for r in [region, *children] for v in self.rel.visits_by_region.get(r.id, [])
                }.values()
            ),
        )
        yield from self.more_pages(
            base, chunks, pages, self.renderer.region_name(region), trail, "innovations"
        )
        if len(briefs) > len(shown_briefs):
            trail_here = [*trail, (self.renderer.region_name(region), base)]
            yield from self._briefs_pages(region, trail_here, [*briefs_out, *briefs_in])
        if len(region.agencies) > REGION_AGENCY_ROWS:
            yield self.render(
                "region_agencies.md.j2",
                paths.region_agencies(region.id),
                region=region,
                agency_counts=agency_counts,
                trail=[*trail, (self.renderer.region_name(region), base)],
            )
        if len(sources) > REGION_SOURCES_SHOWN:
            title = str(self.renderer.label("sources_of_region", region=self.renderer.region_name(region)))
            yield self.render(
                "sources.md.j2",
                paths.region_sources(region.id),
                heading=title,
                sources=sources,
                crumbs=[*trail, (self.renderer.region_name(region), base)],
            )
        if len(visits) > VISITS_SHOWN:
            title = str(
                self.renderer.label("visits_of_region_title", region=self.renderer.region_name(region))
            )
            crumbs = [*trail, (self.renderer.region_name(region), base)]
            yield from self.listing(
                "visits_index.md.j2",
                paths.region_visits(region.id),
                visits,
                title,
                crumbs,
                kind="visits",
                list_name="visits",
                heading=title,
                crumbs=crumbs,
            )
        if network is not None:
            # On a page of its own: the drawing alone would take a third of the region page's budget.
            yield self.render(
                "region_network.md.j2",
                paths.region_network(region.id),
                region=region,
                network=network,
                edges=self.edges_of.get(region.id, [])[:REGION_NETWORK_EDGES],
                trail=[*trail, (self.renderer.region_name(region), base)],
            )

    def _briefs_pages(
        self, region: Region, trail: list[tuple[str, str]], ordered: list[tuple[str, str]]
    ) -> Iterator[Planned]:
        """Every visit brief of a region (`ordered`: as guest, then as host) in pages of PAGE_MIN
        to PAGE_MAX: a region with partners all over the country (one page of 184 was 38 KB) keeps
        each page within its size budget."""
        listing = paths.region_briefs(region.id)
        chunks = cut(ordered, _pair_key)
        pages = self.listing_pages(listing, chunks, "briefs", _pair_key)
        title = self.renderer.label("all_briefs_link", region=self.renderer.region_name(region))
        for number, chunk in enumerate(chunks, 1):
            yield self.render(
                "region_briefs.md.j2",
                pages[number - 1][1] if pages else listing,
                title=title,
                guide_words=pages[number - 1][0] if number > 1 else None,
                region=region,
                trail=trail if number == 1 else [*trail, (title, listing)],
                briefs_out=[pair for pair in chunk if pair[0] == region.id],
                briefs_in=[pair for pair in chunk if pair[0] != region.id],
                pager=page_pager(pages, number),
            )

    def _visit_kinds(self, visits: Iterable[Visit]) -> list[tuple[str, int]]:
        """(kind label, count) of the visits, in the vocabulary's order."""
        kinds = Counter(v.kind for v in visits)
        order = vocabulary("visit-kinds").values
        return [(self.renderer.vocab_label("visit-kinds", k), kinds[k]) for k in order if kinds[k]]

    def _charts(self, region: Region, innovations: list[Innovation]) -> list[Any]:
        """Counts by theme and by stage, as small SVG charts (none for a region without innovations)."""
        if not innovations:
            return []
        label = self.renderer.label
        stages = Counter(i.stage for i in innovations)
        themes = Counter(t for i in innovations for t in i.themes)
        headers = (str(label("stage")), str(label("count")))
        charts = [
            bar_chart(
                str(label("chart_by_stage")),
                [
                    (self.renderer.vocab_label("stages", s), stages[s])
                    for s in vocabulary("stages").values
                    if stages[s]
                ],
                f"chart-stage-{region.id}",
                headers,
            )
        ]
        if themes:
            charts.append(
                bar_chart(
                    str(label("chart_by_theme")),
                    [
                        (self.renderer.vocab_label("themes", t), themes[t])
                        for t in vocabulary("themes").values
                        if themes[t]
                    ],
                    f"chart-theme-{region.id}",
                    (str(label("theme")), str(label("count"))),
                )
            )
        return charts

    def _network_svg(self, edges: list[tuple[str, str, int, str]], chart_id: str) -> Any:
        edges = edges[:NETWORK_DRAWN_EDGES]
        ids = sorted({e[0] for e in edges} | {e[1] for e in edges}, key=lambda r: (self.regions[r].code, r))
        nodes = [(r, self.renderer.region_name(self.regions[r])) for r in ids]
        return network_svg(str(self.renderer.label("network")), nodes, edges, chart_id)

    def _ego_network(self, region: Region) -> Any:
        edges = self.edges_of.get(region.id, [])[:REGION_NETWORK_EDGES]
        return self._network_svg(edges, f"network-{region.id}") if edges else None

    def network(self) -> Planned:
        edges = self.edges
        svg = self._network_svg(edges, "network-all") if edges else None
        busiest = edges[:NETWORK_TABLE_ROWS]
        return self.render(
            "network.md.j2",
            paths.NETWORK,
            edges=busiest,
            more_edges=len(edges) - len(busiest),
            network=svg,
            agreement_count=len(self.catalogue.agreements),
            visit_count=len(self.catalogue.visits),
        )


def _pair_key(pair: tuple[str, str]) -> str:
    """A visit brief's key in its listing: visitor and host (`paths.listing_page`)."""
    return f"{pair[0]}--{pair[1]}"

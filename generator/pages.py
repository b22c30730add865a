"""Validated catalogue in, a deterministic set of Markdown pages out: `{docs path: Markdown}`.

Engine-agnostic: plain Markdown with front matter and relative `.md` links, plus the Python-Markdown
extensions that MkDocs-compatible engines share (tables, admonition, attr_list, md_in_html).
"""

from __future__ import annotations

import dataclasses
import itertools
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from . import paths
from .briefs import Brief, agreement_briefs, build_brief, related_pairs
from .catalogue import Catalogue
from .charts import bar_chart
from .model import Innovation, Region
from .network import network_svg
from .relations import Relations, build_relations
from .render import PageRenderer
from .vocab import vocabulary

# How many entries the home page and an agency's counterpart list show before "see all".
HOME_LIST_LENGTH = 10
COUNTERPARTS_SHOWN = 12
# Entries of each secondary list on a region page (adoptions, replications, briefs): the rest are
# on the linked pages; keeps region pages within their size budget at national scale.
REGION_LIST_LENGTH = 3
# Links drawn in a region's own learning-network picture (the busiest first).
REGION_NETWORK_EDGES = 12
# Agencies in a region page's table (the busiest); a region has 30 to 45, all on a page of their own.
REGION_AGENCY_ROWS = 12
# Items per page of a long listing: keeps every page within its size budget (budgets.yml).
LIST_PAGE_SIZE = 40
# A region page carries charts and its agency table too, so it lists fewer innovations; its
# further pages are plain listings of LIST_PAGE_SIZE.
REGION_PAGE_SIZE = 10
# Links drawn in a learning-network picture; the busiest first, the rest are in the tables.
NETWORK_DRAWN_EDGES = 20
# Rows of the learning network's table; the busiest links come first.
NETWORK_TABLE_ROWS = 20


# A printed visit brief: matching innovations described in full, then others named only.
BRIEF_MATCHES_SHOWN = 10
BRIEF_OTHERS_SHOWN = 15

# Entries not checked against their sources for longer than this get a visible notice.
DEFAULT_STALE_AFTER_DAYS = 365


@dataclass(frozen=True, slots=True)
class PlannedPage:
    """A page to write: its template and what the template is given. Calling it writes it."""

    renderer: PageRenderer
    template: str
    path: str
    context: dict[str, Any]

    def __call__(self) -> str:
        return self.renderer.render(self.template, self.path, **self.context)


# Every page by path, sorted.
PagePlan = dict[str, PlannedPage]
_Planned = tuple[str, PlannedPage]


def plan_pages(
    catalogue: Catalogue,
    lang: str = "id",
    stale_after_days: int = DEFAULT_STALE_AFTER_DAYS,
    offline: bool = False,
) -> PagePlan:
    """Every generated page of the site, sorted by path, each with the function that writes it.

    Relations and lists are worked out here, once; the templates run only when a page is written,
    so a build writes each page in the process that builds it and need not hold them all.

    Args:
        catalogue: the validated catalogue.
        lang: language of the labels.
        stale_after_days: age of `last_verified` after which an entry shows a "check again" notice.
        offline: pages for the copy opened from the file system (search through the theme's box).
    """
    builder = _PageBuilder(catalogue, PageRenderer(lang), stale_after_days)
    builder.offline = offline
    return dict(sorted(builder.pages()))


def build_pages(
    catalogue: Catalogue,
    lang: str = "id",
    stale_after_days: int = DEFAULT_STALE_AFTER_DAYS,
    offline: bool = False,
) -> dict[str, str]:
    """Every generated page of the site as Markdown, sorted by path (see `plan_pages`)."""
    return {path: write() for path, write in plan_pages(catalogue, lang, stale_after_days, offline).items()}


def record_page_paths(catalogue: Catalogue) -> set[str]:
    """Pages kept out of the navigation (records and listing pages: there are thousands)."""
    return set(plan_pages(catalogue)) - set(paths.NAV)


class _PageBuilder:
    def __init__(self, catalogue: Catalogue, renderer: PageRenderer, stale_after_days: int) -> None:
        self.catalogue = catalogue
        self.rel: Relations = build_relations(catalogue)
        self.renderer = renderer
        self.regions = catalogue.regions
        self.stale_after_days = stale_after_days
        self.offline = False
        # Computed once: every region page looks these up.
        self.pairs = related_pairs(catalogue)
        self.edges = sorted(self.rel.learning_edges(), key=lambda e: (-e[2], e[0], e[1]))
        self._counterparts: dict[str, list[tuple[Region, Any, list[Innovation]]]] = {}
        self._briefs: dict[str, list[Brief]] = {}
        # Innovations per region: one table that every page showing counts shares.
        self.counts = Counter({region: len(items) for region, items in self.rel.by_region.items()})
        self.agency_acronyms = {
            (r.id, a.id): a.acronym for r in catalogue.regions.values() for a in r.agencies
        }

    def render(self, template: str, page: str, **context: Any) -> _Planned:
        context.update(
            regions=self.regions,
            innovation_by_ref=self.catalogue.innovations,
            agreement_by_id=self.catalogue.agreements,
        )
        return page, PlannedPage(self.renderer, template, page, context)

    def listing(
        self,
        template: str,
        base: str,
        items: list[Any],
        title: str,
        trail: list[tuple[str, str]],
        kind: str = "innovations",
        list_name: str = "innovations",
        **context: Any,
    ) -> Iterator[_Planned]:
        """A page rendered from `template` with the first items, then plain pages for the rest."""
        chunks = _chunks(items)
        pager = _pager(base, len(chunks))
        yield self.render(template, base, pager=pager, **{list_name: chunks[0]}, **context)
        yield from self.more_pages(base, chunks, pager, title, trail, kind)

    def more_pages(
        self,
        base: str,
        chunks: list[list[Any]],
        pager: list[tuple[int, str]],
        title: str,
        trail: list[tuple[str, str]],
        kind: str,
    ) -> Iterator[_Planned]:
        """Pages 2, 3, … of a long listing whose first page is `base`."""
        for number, chunk in enumerate(chunks[1:], 2):
            yield self.render(
                "listing.md.j2",
                paths.page_of(base, number),
                title=title,
                number=number,
                items=chunk,
                kind=kind,
                pager=pager,
                trail=[*trail, (title, base)],
            )

    def pages(self) -> Iterator[_Planned]:
        yield self.home()
        yield self.render("search.md.j2", paths.SEARCH, offline=self.offline)
        yield self.innovations_index()
        yield self.regions_index()
        yield self.agencies_index()
        yield from self.agreements_index()
        yield self.themes_index()
        yield from self.tags_index()
        for innovation in self.catalogue.innovations.values():
            yield self.innovation(innovation)
        for region in self.regions.values():
            if self.rel.has_page(region):
                yield from self.region(region)
            for agency in region.agencies:
                yield from self.agency(region, agency)
        for agreement in self.catalogue.agreements.values():
            yield self.agreement(agreement)
        for kind in self.rel.agencies_by_kind:
            yield from self.agency_kind(kind)
        for theme, items in self.rel.by_theme.items():
            yield from self.listing(
                "theme.md.j2",
                paths.theme(theme),
                items,
                str(self.renderer.vocab_label("themes", theme)),
                [(self.renderer.label("home"), paths.HOME), (self.renderer.label("themes"), paths.THEMES)],
                theme=theme,
            )
        for tag, items in self.rel.by_tag.items():
            yield from self.listing(
                "tag.md.j2",
                paths.tag(tag),
                items,
                f"#{tag}",
                [(self.renderer.label("home"), paths.HOME), (self.renderer.label("tags"), paths.TAGS)],
                tag=tag,
            )
        yield self.network()
        for visitor, host in self.pairs:
            brief = build_brief(
                self.catalogue, visitor, host, host_innovations=self.rel.innovations_of_region(host)
            )
            trail = [
                (self.renderer.label("home"), paths.HOME),
                (self.renderer.region_name(self.regions[visitor]), paths.region(visitor)),
            ]
            yield self.brief(paths.brief(visitor, host), brief, trail)
        for agreement in self.catalogue.agreements.values():
            for brief in self._agreement_briefs(agreement):
                trail = [
                    (self.renderer.label("home"), paths.HOME),
                    (agreement.title, paths.agreement(agreement.id)),
                ]
                yield self.brief(paths.agreement_brief(agreement.id, brief.visitor, brief.host), brief, trail)

    # --- Record pages ---------------------------------------------------------------------------

    def innovation(self, innovation: Innovation) -> _Planned:
        innovations = self.catalogue.innovations
        region = self.regions[innovation.region]
        agencies = [self.catalogue.agency(region.id, a) for a in innovation.agencies]
        return self.render(
            "innovation.md.j2",
            paths.innovation(innovation.ref),
            innovation=innovation,
            region=region,
            agencies=agencies,
            adopted_from=innovations.get(innovation.adopted_from or ""),
            adopted_by=self.rel.adopted_by.get(innovation.ref, []),
            replaced_by=innovations.get(innovation.replaced_by or ""),
            replaces=self.rel.replaces.get(innovation.ref, []),
            related=self.rel.related.get(innovation.ref, []),
            covered_by=self.rel.agreements_by_innovation.get(innovation.ref, []),
            has_visit=any(
                (
                    innovation.visit_contact,
                    innovation.on_site,
                    innovation.prerequisites,
                    innovation.implementation_time,
                    innovation.lessons,
                )
            ),
            stale_after_days=self.stale_after_days,
        )

    def region(self, region: Region) -> Iterator[_Planned]:
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
        agency_counts = {a.id: len(self.rel.by_agency.get((region.id, a.id), [])) for a in region.agencies}
        agencies_shown = list(region.agencies)
        if len(region.agencies) > REGION_AGENCY_ROWS:
            busiest = sorted(enumerate(region.agencies), key=lambda p: (-agency_counts[p[1].id], p[0]))
            agencies_shown = [a for _, a in busiest[:REGION_AGENCY_ROWS]]
        rest = ordered[REGION_PAGE_SIZE:]
        chunks = [ordered[:REGION_PAGE_SIZE], *(_chunks(rest) if rest else [])]
        network = self._ego_network(region)
        pager = _pager(base, len(chunks))
        yield self.render(
            "region.md.j2",
            base,
            pager=pager,
            region=region,
            trail=trail,
            province=province,
            innovation_count=len(innovations),
            innovations_by_agency=by_agency,
            agency_counts=agency_counts,
            agencies_shown=agencies_shown,
            more_agencies=len(region.agencies) - len(agencies_shown),
            children_with_pages=[c for c in children if self.rel.has_page(c)],
            children_without_pages=[c for c in children if not self.rel.has_page(c)],
            counts=self.counts,
            province_innovations=sorted(
                (i for c in children for i in self.rel.innovations_of_region(c.id)),
                key=lambda i: (-_start(i), i.ref),
            )[:HOME_LIST_LENGTH],
            region_agreements=self.rel.agreements_by_region.get(region.id, []),
            learned_from=learned_from[:REGION_LIST_LENGTH],
            more_learned_from=max(0, len(learned_from) - REGION_LIST_LENGTH),
            taught_to=taught_to[:REGION_LIST_LENGTH],
            more_taught_to=max(0, len(taught_to) - REGION_LIST_LENGTH),
            replications_here=self.rel.replications_by_region.get(region.id, [])[:REGION_LIST_LENGTH],
            charts=self._charts(
                region, innovations + [i for c in children for i in self.rel.innovations_of_region(c.id)]
            ),
            network=network,
            briefs=[(v, h) for v, h in self.pairs if region.id in (v, h)][:REGION_LIST_LENGTH],
        )
        yield from self.more_pages(
            base, chunks, pager, self.renderer.region_name(region), trail, "innovations"
        )
        if len(agencies_shown) < len(region.agencies):
            yield self.render(
                "region_agencies.md.j2",
                paths.region_agencies(region.id),
                region=region,
                agency_counts=agency_counts,
                trail=[*trail, (self.renderer.region_name(region), base)],
            )
        if network is not None:
            # On a page of its own: the drawing alone would take a third of the region page's budget.
            yield self.render(
                "region_network.md.j2",
                paths.region_network(region.id),
                region=region,
                network=network,
                edges=[e for e in self.edges if region.id in e[:2]][:REGION_NETWORK_EDGES],
                trail=[*trail, (self.renderer.region_name(region), base)],
            )

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

    def _network_svg(self, edges: list[tuple[str, str, int]], chart_id: str) -> Any:
        edges = edges[:NETWORK_DRAWN_EDGES]
        ids = sorted({e[0] for e in edges} | {e[1] for e in edges}, key=lambda r: (self.regions[r].code, r))
        nodes = [(r, self.renderer.region_name(self.regions[r])) for r in ids]
        return network_svg(str(self.renderer.label("network")), nodes, edges, chart_id)

    def _ego_network(self, region: Region) -> Any:
        edges = [e for e in self.edges if region.id in e[:2]][:REGION_NETWORK_EDGES]
        return self._network_svg(edges, f"network-{region.id}") if edges else None

    def network(self) -> _Planned:
        edges = self.edges
        svg = self._network_svg(edges, "network-all") if edges else None
        busiest = edges[:NETWORK_TABLE_ROWS]
        return self.render(
            "network.md.j2", paths.NETWORK, edges=busiest, more_edges=len(edges) - len(busiest), network=svg
        )

    def brief(self, page: str, brief: Brief, trail: list[tuple[str, str]]) -> _Planned:
        # A brief is printed: it lists the best matches in full and names the rest.
        matches, others = brief.matches[:BRIEF_MATCHES_SHOWN], brief.others[:BRIEF_OTHERS_SHOWN]
        return self.render(
            "brief.md.j2",
            page,
            # Only what the page shows: a page's inputs are what tells a rebuild it changed.
            brief=dataclasses.replace(brief, matches=matches, others=others),
            matches=matches,
            more_matches=max(0, len(brief.matches) - BRIEF_MATCHES_SHOWN),
            others=others,
            more_others=max(0, len(brief.others) - BRIEF_OTHERS_SHOWN),
            trail=trail,
            agency_acronyms=self.agency_acronyms,
        )

    def agency(self, region: Region, agency: Any) -> Iterator[_Planned]:
        ranked = self._ranked_counterparts(agency.kind)
        shown = list(itertools.islice((c for c in ranked if c[0].id != region.id), COUNTERPARTS_SHOWN))
        others = len(ranked) - sum(1 for a in region.agencies if a.kind == agency.kind)
        title = f"{agency.acronym} {self.renderer.region_name(region)}"
        trail = [
            (self.renderer.label("home"), paths.HOME),
            (self.renderer.region_name(region), paths.region(region.id)),
        ]
        yield from self.listing(
            "agency.md.j2",
            paths.agency(region.id, agency.id),
            self.rel.by_agency.get((region.id, agency.id), []),
            title,
            trail,
            region=region,
            agency=agency,
            agreements=self.rel.agreements_by_agency.get((region.id, agency.id), []),
            counterparts=shown,
            more_counterparts=others - len(shown),
        )

    def _ranked_counterparts(self, kind: str) -> list[tuple[Region, Any, list[Innovation]]]:
        """Agencies of one kind, those with innovations first (what a visitor came to compare).

        Ranked once per kind, not once per agency page: 6,000 agencies share two dozen kinds.
        """
        if kind not in self._counterparts:
            members = self.rel.agencies_by_kind.get(kind, [])
            ranked = [(r, a, self.rel.by_agency.get((r.id, a.id), [])) for r, a in members]
            ranked.sort(key=lambda c: (not c[2], c[0].code, c[1].id))
            self._counterparts[kind] = ranked
        return self._counterparts[kind]

    def agency_kind(self, kind: str) -> Iterator[_Planned]:
        members = [
            (r, a, len(self.rel.by_agency.get((r.id, a.id), []))) for r, a in self.rel.agencies_by_kind[kind]
        ]
        yield from self.listing(
            "agency_kind.md.j2",
            paths.agency_kind(kind),
            members,
            self.renderer.vocab_label("agency-kinds", kind),
            [(self.renderer.label("home"), paths.HOME), (self.renderer.label("agencies"), paths.AGENCIES)],
            kind="agencies",
            list_name="members",
            agency_kind=kind,
        )

    def agreement(self, agreement: Any) -> _Planned:
        grouped: dict[str, list[Any]] = {}
        for ref in agreement.agencies:
            region_id, _, agency_id = ref.partition("/")
            grouped.setdefault(region_id, []).append(self.catalogue.agency(region_id, agency_id))
        parties = [self.regions[p] for p in agreement.parties]
        return self.render(
            "agreement.md.j2",
            paths.agreement(agreement.id),
            agreement=agreement,
            parties=parties,
            agencies_by_region=[(p, grouped[p.id]) for p in parties if p.id in grouped],
            agreement_innovations=[self.catalogue.innovations[r] for r in agreement.innovations],
            replications=self.rel.replications_by_agreement.get(agreement.id, []),
            briefs=self._agreement_briefs(agreement),
        )

    def _agreement_briefs(self, agreement: Any) -> list[Brief]:
        """Its briefs, worked out once: the agreement's page and the briefs' own pages show them."""
        if agreement.id not in self._briefs:
            self._briefs[agreement.id] = agreement_briefs(self.catalogue, agreement, self.rel.by_region)
        return self._briefs[agreement.id]

    # --- Index pages ----------------------------------------------------------------------------

    def _agreements_newest(self) -> list[Any]:
        return sorted(self.catalogue.agreements.values(), key=lambda a: (-a.signed.toordinal(), a.id))

    def innovations_index(self) -> _Planned:
        label = self.renderer.label
        names = {
            "all": "browse_all",
            "filters": "browse_filters",
            "text": "browse_text",
            "province": "province",
            "region": "region",
            "agency_kind": "agency_kinds",
            "theme": "theme",
            "stage": "stage",
            "kind": "kind",
            "form": "form",
            "status": "status",
            "year": "browse_year",
            "sort": "browse_sort",
            "sort_title": "browse_sort_title",
            "sort_year": "browse_sort_year",
            "sort_region": "browse_sort_region",
            "more": "browse_more",
            "count": "browse_count",
            "failed": "browse_failed",
        }
        labels = json.dumps(
            {k: str(label(v)) for k, v in sorted(names.items())}, ensure_ascii=False, sort_keys=True
        )
        # A JSON island: "<" escaped so no label can close the <script> element.
        return self.render(
            "innovations_index.md.j2", paths.INNOVATIONS, browse_labels=Markup(labels.replace("<", "\\u003c"))
        )

    def regions_index(self) -> _Planned:
        provinces = sorted(
            (r for r in self.regions.values() if r.type == "provinsi"), key=lambda r: (r.code, r.id)
        )
        counts = self.counts
        rows = []
        for province in provinces:
            children = [c for c in self.rel.children.get(province.id, []) if self.rel.has_page(c)]
            total = counts[province.id] + sum(counts[c.id] for c in self.rel.children.get(province.id, []))
            rows.append((province, len(children), total))
        # Only provinces here: each province page lists its kabupaten and kota (552 regions in all).
        return self.render("regions_index.md.j2", paths.REGIONS, provinces=rows)

    def agencies_index(self) -> _Planned:
        kinds = [
            (kind, len(members), sum(len(self.rel.by_agency.get((r.id, a.id), [])) for r, a in members))
            for kind, members in self.rel.agencies_by_kind.items()
        ]
        order = list(vocabulary("agency-kinds").values)
        kinds.sort(key=lambda k: order.index(k[0]))
        return self.render("agencies_index.md.j2", paths.AGENCIES, kinds=kinds)

    def themes_index(self) -> _Planned:
        order = list(vocabulary("themes").values)
        themes = sorted(((t, len(i)) for t, i in self.rel.by_theme.items()), key=lambda x: order.index(x[0]))
        return self.render("themes_index.md.j2", paths.THEMES, themes=themes)

    def tags_index(self) -> Iterator[_Planned]:
        tags = [(tag, len(items)) for tag, items in self.rel.by_tag.items()]
        yield from self.listing(
            "tags_index.md.j2",
            paths.TAGS,
            tags,
            self.renderer.label("tags"),
            [(self.renderer.label("home"), paths.HOME)],
            kind="tags",
            list_name="tags",
        )

    def agreements_index(self) -> Iterator[_Planned]:
        yield from self.listing(
            "agreements_index.md.j2",
            paths.AGREEMENTS,
            self._agreements_newest(),
            self.renderer.label("agreements"),
            [(self.renderer.label("home"), paths.HOME)],
            kind="agreements",
            list_name="agreements",
        )

    def home(self) -> _Planned:
        innovations = list(self.catalogue.innovations.values())
        stage_order = list(vocabulary("stages").values)
        stages = Counter(i.stage for i in innovations)
        theme_order = list(vocabulary("themes").values)
        dated = [i for i in innovations if i.implementation_date or i.trial_date]
        newest = sorted(dated, key=lambda i: (-_start(i), i.ref))[:HOME_LIST_LENGTH]
        verified = [i for i in innovations if i.last_verified]
        verified.sort(key=lambda i: (-i.last_verified.toordinal(), i.ref))  # type: ignore[union-attr]
        counts = self.counts
        top_regions = sorted(
            ((self.regions[r], n) for r, n in counts.items()), key=lambda x: (-x[1], x[0].code, x[0].id)
        )
        return self.render(
            "home.md.j2",
            paths.HOME,
            offline=self.offline,
            totals={
                "innovations": len(innovations),
                "regions": sum(1 for r in self.regions.values() if self.rel.has_page(r)),
                "agencies": sum(len(r.agencies) for r in self.regions.values()),
                "agreements": len(self.catalogue.agreements),
            },
            top_regions=top_regions[:HOME_LIST_LENGTH],
            stages=[(s, stages[s]) for s in stage_order if stages[s]],
            themes=sorted(
                ((t, len(i)) for t, i in self.rel.by_theme.items()), key=lambda x: theme_order.index(x[0])
            ),
            newest=newest,
            verified=verified[:HOME_LIST_LENGTH],
            agreements=self._agreements_newest()[:HOME_LIST_LENGTH],
        )


def _chunks(items: list[Any]) -> list[list[Any]]:
    """`items` in pages of LIST_PAGE_SIZE; always at least one (possibly empty) page."""
    return [items[i : i + LIST_PAGE_SIZE] for i in range(0, len(items), LIST_PAGE_SIZE)] or [[]]


def _pager(base: str, count: int) -> list[tuple[int, str]]:
    """(number, path) of each page of a listing; empty when it fits on one page."""
    return [(n, paths.page_of(base, n)) for n in range(1, count + 1)] if count > 1 else []


def _start(innovation: Innovation) -> int:
    """The day an innovation started, for "newest first" (implementation, else trial)."""
    day = innovation.implementation_date or innovation.trial_date
    return day.toordinal() if day else 0

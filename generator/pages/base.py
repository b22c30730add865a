"""What every kind of page is planned with: the catalogue's relations, worked out once, and the
listing and pager helpers."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from .. import paths
from ..briefs import Brief, BriefMemo, related_pairs
from ..catalogue import Catalogue
from ..model import Innovation, Region
from ..relations import Relations, build_relations
from ..render import PageRenderer
from .planned import Planned, PlannedPage
from .sizes import LIST_PAGE_SIZE


class PageBase:
    """The state the page planners share, and how a page or a paged listing is planned."""

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
        # Each region's pairs and edges, in the order above: a region page lists only its own.
        self.pairs_of: dict[str, list[tuple[str, str]]] = {}
        for pair in self.pairs:
            for region_id in dict.fromkeys(pair):
                self.pairs_of.setdefault(region_id, []).append(pair)
        self.edges_of: dict[str, list[tuple[str, str, int]]] = {}
        for edge in self.edges:
            for region_id in dict.fromkeys(edge[:2]):
                self.edges_of.setdefault(region_id, []).append(edge)
        self._counterparts: dict[str, list[tuple[Region, Any, list[Innovation]]]] = {}
        self._briefs: dict[str, list[Brief]] = {}
        # The briefs of an earlier plan to reuse (`mkdocs serve`), else none.
        self.brief_memo = BriefMemo()
        # Innovations per region: one table that every page showing counts shares.
        self.counts = Counter({region: len(items) for region, items in self.rel.by_region.items()})
        self.agency_acronyms = {
            (r.id, a.id): a.acronym for r in catalogue.regions.values() for a in r.agencies
        }

    def render(self, template: str, page: str, **context: Any) -> Planned:
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
    ) -> Iterator[Planned]:
        """A page rendered from `template` with the first items, then plain pages for the rest."""
        chunks = chunked(items)
        pager = pager_links(base, len(chunks))
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
    ) -> Iterator[Planned]:
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


def chunked(items: list[Any]) -> list[list[Any]]:
    """`items` in pages of LIST_PAGE_SIZE; always at least one (possibly empty) page."""
    return [items[i : i + LIST_PAGE_SIZE] for i in range(0, len(items), LIST_PAGE_SIZE)] or [[]]


def pager_links(base: str, count: int) -> list[tuple[int, str]]:
    """(number, path) of each page of a listing; empty when it fits on one page."""
    return [(n, paths.page_of(base, n)) for n in range(1, count + 1)] if count > 1 else []


def start_day(innovation: Innovation) -> int:
    """The day an innovation started, for "newest first" (implementation, else trial)."""
    day = innovation.implementation_date or innovation.trial_date
    return day.toordinal() if day else 0

"""What every kind of page is planned with: the catalogue's relations, worked out once, and the
listing and pager helpers."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

from ...content.catalogue import Catalogue
from ...content.model import Innovation, Region
from .. import paths
from ..briefs import BriefMemo, HostIndex, pair_agreements, related_pairs
from ..page_cuts import cut
from ..pager import Pager, guide, pager
from ..relations import Relations, build_relations
from ..render import PageRenderer
from .planned import Planned, PlannedPage

# What names a listing's item in page addresses (and places its page cuts), by kind of listing:
# slugs, or two joined by "--", which no slug contains. A listing within one region names its
# innovations by their own id (`in_region`): shorter addresses, on pages near their size budget.
ITEM_KEYS: dict[str, Callable[[Any], str]] = {
    "innovations": lambda innovation: innovation.ref.replace("/", "--"),
    "agreements": lambda agreement: agreement.id,
    "agencies": lambda member: f"{member[0].id}--{member[1].id}",  # (region, agency, count)
    "tags": lambda tag: tag[0],  # (tag, count)
    "visits": lambda visit: visit.id,
}


def in_region(innovation: Innovation) -> str:
    """An innovation's key in a listing within its region: its own id."""
    return innovation.id


class PageBase:
    """The state the page planners share, and how a page or a paged listing is planned."""

    def __init__(self, catalogue: Catalogue, renderer: PageRenderer, stale_after_days: int) -> None:
        self.catalogue = catalogue
        self.rel: Relations = build_relations(catalogue)
        self.renderer = renderer
        self.regions = catalogue.regions
        self.stale_after_days = stale_after_days
        self.offline = False
        # Whether pages show the photos (not in an offline copy too heavy with them).
        self.photos = True
        # Computed once: every region page looks these up.
        self.pairs = related_pairs(catalogue)
        self.pair_set = frozenset(self.pairs)
        # (from, to, count, how): copies (adoptions, replications) and visits, drawn apart.
        kinded = [(*e, "copy") for e in self.rel.learning_edges()]
        kinded += [(*e, "visit") for e in self.rel.visit_edges()]
        self.edges = sorted(kinded, key=lambda e: (-e[2], e[0], e[1], e[3]))
        # Each region's pairs and edges, in the order above: a region page lists only its own.
        self.pairs_of: dict[str, list[tuple[str, str]]] = {}
        for pair in self.pairs:
            for region_id in dict.fromkeys(pair):
                self.pairs_of.setdefault(region_id, []).append(pair)
        self.edges_of: dict[str, list[tuple[str, str, int, str]]] = {}
        for edge in self.edges:
            for region_id in dict.fromkeys(edge[:2]):
                self.edges_of.setdefault(region_id, []).append(edge)
        self._counterparts: dict[str, dict[int, list[tuple[Region, Any, list[tuple[str, str]], int]]]] = {}
        # Each pair's agreements, for its brief (a pair of an agreement of many parties has none here).
        self.pair_agreements = {
            (v, h): pair_agreements(self.rel.agreements_by_region.get(v, []), v, h) for v, h in self.pairs
        }
        # The briefs of an earlier plan to reuse (`mkdocs serve`), else none.
        self.brief_memo = BriefMemo()
        self._host_indexes: dict[str, HostIndex] = {}
        # Innovations per region: one table that every page showing counts shares.
        self.counts = Counter({region: len(items) for region, items in self.rel.by_region.items()})
        # Visits per innovation studied: the home page's "most studied" and the innovation pages.
        self.studied = Counter({ref: len(v) for ref, v in self.rel.visits_by_innovation.items()})
        self.agency_acronyms = {
            (r.id, a.id): a.acronym for r in catalogue.regions.values() for a in r.agencies
        }

    def host_index(self, host: str) -> HostIndex:
        """The host's innovations arranged for its briefs, once per plan."""
        index = self._host_indexes.get(host)
        if index is None:
            innovations = self.rel.innovations_of_region(host)
            index = self._host_indexes[host] = HostIndex(self.regions[host].agencies, innovations)
        return index

    def agreement_pairs(self, agreement: Any) -> list[tuple[str, str]]:
        """The (visitor, host) pairs of an agreement's parties that have a brief."""
        return [(v, h) for v in agreement.parties for h in agreement.parties if (v, h) in self.pair_set]

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
        alphabetical: bool = False,
        key: Callable[[Any], str] | None = None,
        **context: Any,
    ) -> Iterator[Planned]:
        """A page rendered from `template` with the first items, then plain pages for the rest.

        The first page of a long `alphabetical` listing links each initial to the page where its
        items start: pages are not numbered, and a listing of a hundred pages is walked by letter.
        """
        key = key or ITEM_KEYS[kind]
        chunks = cut(items, key)
        pages = self.listing_pages(base, chunks, kind, key)
        letters = initials(chunks, pages, self.item_label(kind)) if alphabetical else []
        yield self.render(
            template, base, pager=page_pager(pages, 1), letters=letters, **{list_name: chunks[0]}, **context
        )
        yield from self.more_pages(base, chunks, pages, title, trail, kind)

    def more_pages(
        self,
        base: str,
        chunks: list[list[Any]],
        pages: list[tuple[str, str]],
        title: str,
        trail: list[tuple[str, str]],
        kind: str,
    ) -> Iterator[Planned]:
        """The further pages of a long listing whose first page is `base` (`pages` names them)."""
        label = self.item_label(kind)
        for number, (chunk, (guide_words, page)) in enumerate(zip(chunks[1:], pages[1:], strict=True), 2):
            yield self.render(
                "listing.md.j2",
                page,
                title=title,
                guide_words=guide_words,
                first=label(chunk[0]),
                last=label(chunk[-1]),
                items=chunk,
                kind=kind,
                pager=page_pager(pages, number),
                trail=[*trail, (title, base)],
            )

    def listing_pages(
        self, base: str, chunks: list[list[Any]], kind: str, key: Callable[[Any], str]
    ) -> list[tuple[str, str]]:
        """(guide words, path) of each page of a listing; empty when it fits on one page."""
        if len(chunks) < 2:
            return []
        label = self.item_label(kind)
        middle = [paths.listing_page(base, key(chunk[0])) for chunk in chunks[1:-1]]
        addresses = [base, *middle, paths.listing_last_page(base)]
        return [(guide(label(chunk[0])), address) for chunk, address in zip(chunks, addresses, strict=True)]

    def item_label(self, kind: str) -> Callable[[Any], str]:
        """How a listing's item of `kind` reads in its pager and its page's guide words."""
        if kind == "agencies":
            return lambda member: f"{member[1].acronym} {self.renderer.region_name(member[0])}"
        if kind == "tags":
            return lambda tag: f"#{tag[0]}"
        if kind == "briefs":
            name = self.renderer.region_name
            regions = self.catalogue.regions
            return lambda pair: f"{name(regions[pair[0]])} → {name(regions[pair[1]])}"
        return lambda record: str(record.title)  # an innovation or an agreement


def initials(
    chunks: list[list[Any]], pages: list[tuple[str, str]], label: Callable[[Any], str]
) -> list[tuple[str, str]]:
    """(initial, page) for each initial of a listing in title order: the page its first item is on.

    Titles that start with no letter (a digit, a quotation mark) share one entry, "#", at the first.
    Empty when the listing fits on one page, or every initial starts on the same page.
    """
    found: dict[str, str] = {}
    for chunk, (_, page) in zip(chunks, pages, strict=False):
        for item in chunk:
            head = label(item).lstrip("#")[:1].upper()[:1]  # a tag's label starts with "#"
            found.setdefault(head if head.isalpha() else "#", page)
    # Initials that all start on one page would only link that page.
    return list(found.items()) if len(set(found.values())) > 1 else []


def page_pager(pages: list[tuple[str, str]], number: int) -> Pager | None:
    """The pager of page `number` (from 1) of a listing (None when it has one page).

    Each page is given its own pager, not the listing's whole list of pages: a page is rebuilt
    when what it was given changes (`page_inputs`), and a page whose first item changes is shown
    in the pagers of its neighbours only.
    """
    return pager(pages, number) if pages else None


def start_day(innovation: Innovation) -> int:
    """The day an innovation started, for "newest first" (implementation, else trial)."""
    day = innovation.implementation_date or innovation.trial_date
    return day.toordinal() if day else 0

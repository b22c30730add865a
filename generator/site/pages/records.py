"""Record pages: an innovation, an agency, a kind of agency, an agreement, a visit brief."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from typing import Any

from ...content.model import Innovation, Region, Visit
from .. import paths
from ..briefs import BriefLimits
from .base import PageBase, in_region
from .planned import Planned
from .sizes import (
    BRIEF_MATCHES_SHOWN,
    BRIEF_OTHERS_SHOWN,
    BRIEF_PER_AGENCY_SHOWN,
    COUNTERPART_INNOVATIONS_SHOWN,
    COUNTERPARTS_SHOWN,
    VISITS_SHOWN,
)

# What a printed brief keeps: a page's inputs are only what it shows, and they are what tells a
# rebuild that it changed.
_BRIEF_LIMITS = BriefLimits(BRIEF_PER_AGENCY_SHOWN, BRIEF_MATCHES_SHOWN, BRIEF_OTHERS_SHOWN)
# Links to documents (link-kinds.yml): listed apart from apps and news, for a region copying it.
DOCUMENT_KINDS = frozenset({"regulation", "sop", "report"})
# A counterpart agency as an agency page lists it: region, agency, (title, page) of its first
# innovations, how many it has.
Counterpart = tuple[Region, Any, list[tuple[str, str]], int]


class RecordPages(PageBase):
    """Pages of one record each (an agency's with its listing pages)."""

    def innovation(self, innovation: Innovation) -> Planned:
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
            studied_by=self.rel.visits_by_innovation.get(innovation.ref, [])[:VISITS_SHOWN],
            more_studied_by=max(0, len(self.rel.visits_by_innovation.get(innovation.ref, [])) - VISITS_SHOWN),
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
            documents=[item for item in innovation.links if item.kind in DOCUMENT_KINDS],
            other_links=[item for item in innovation.links if item.kind not in DOCUMENT_KINDS],
            photos=self.photos,
        )

    def pair_brief(self, visitor: str, host: str) -> Planned:
        """The one visit brief of a pair: what the host has for each agency of the delegation."""
        agreements = self.pair_agreements.get((visitor, host), ())
        # A brief is printed: the innovations each agency should see first, described in full once
        # each; the rest are named, and all are on the host agencies' pages.
        brief = self.brief_memo.brief(
            self.catalogue, visitor, host, agreements, self.host_index(host), _BRIEF_LIMITS
        )
        return self.render(
            "brief.md.j2",
            paths.brief(visitor, host),
            brief=brief,
            described={m.innovation.ref for m in brief.matches},
            trail=[
                (self.renderer.label("home"), paths.HOME),
                (self.renderer.region_name(self.regions[visitor]), paths.region(visitor)),
            ],
            agency_acronyms=self.agency_acronyms,
            past_visits=self.rel.visits_between(visitor, host)[:VISITS_SHOWN],
            verified=_newest_verified([m.innovation for m in brief.matches]),
            document_kinds=DOCUMENT_KINDS,
        )

    def visit(self, visit: Visit) -> Planned:
        def agencies(refs: tuple[str, ...]) -> list[tuple[Region, Any]]:
            split = (ref.partition("/") for ref in refs)
            return [(self.regions[r], self.catalogue.agency(r, a)) for r, _, a in split]

        return self.render(
            "visit.md.j2",
            paths.visit(visit.id),
            visit=visit,
            agreement=self.catalogue.agreements.get(visit.agreement or ""),
            host_agencies=agencies(visit.host_agencies),
            visiting_agencies=agencies(visit.visiting_agencies),
            studied=[self.catalogue.innovations[ref] for ref in visit.innovations],
            briefs=[(v, visit.host) for v in visit.visitors if (v, visit.host) in self.pair_set],
        )

    def agency(self, region: Region, agency: Any) -> Iterator[Planned]:
        shown = self._nearest_counterparts(region, agency.kind)
        members = self.rel.agencies_by_kind.get(agency.kind, [])
        others = len(members) - sum(1 for a in region.agencies if a.kind == agency.kind)
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
            key=in_region,
            region=region,
            agency=agency,
            agreements=self.rel.agreements_by_agency.get((region.id, agency.id), []),
            visits=self.rel.visits_by_agency.get((region.id, agency.id), [])[:VISITS_SHOWN],
            more_visits=max(0, len(self.rel.visits_by_agency.get((region.id, agency.id), [])) - VISITS_SHOWN),
            counterparts=shown,
            more_counterparts=others - len(shown),
        )

    def _nearest_counterparts(self, region: Region, kind: str) -> list[Counterpart]:
        """The agencies of one kind a visitor from `region` sees first: those with innovations,
        then the nearest (its own province, then provinces by Kemendagri code, which runs
        island by island).

        Nearest, not the same few for everyone: an agency then shows on the pages of its
        neighbours only, so an edit of its innovations rewrites a dozen pages, not every page of
        its kind (the first twelve of 550 agencies by code were on all of them).
        """
        by_province = self._counterparts_by_province(kind)
        mine = _province_number(region)
        near = sorted(by_province, key=lambda number: (abs(number - mine), number))
        ranked = (
            c for has_items in (True, False) for n in near for c in by_province[n] if bool(c[3]) == has_items
        )
        return list(itertools.islice((c for c in ranked if c[0].id != region.id), COUNTERPARTS_SHOWN))

    def _counterparts_by_province(self, kind: str) -> dict[int, list[Counterpart]]:
        """Agencies of one kind by province number, each in code order; worked out once per kind:
        6,000 agencies share two dozen kinds.

        Each as its pages show it: what it shows of the agency's innovations, not the records (a
        page is rebuilt when what it was given changes, `page_inputs`, and a new description of one
        of them changes nothing there); and the same entry on every page, which the fingerprints
        then walk once.
        """
        if kind not in self._counterparts:
            grouped: dict[int, list[Counterpart]] = {}
            for r, a in self.rel.agencies_by_kind.get(kind, []):  # in code order
                items = self.rel.by_agency.get((r.id, a.id), [])
                firsts = [(i.title, paths.innovation(i.ref)) for i in items[:COUNTERPART_INNOVATIONS_SHOWN]]
                grouped.setdefault(_province_number(r), []).append((r, a, firsts, len(items)))
            self._counterparts[kind] = grouped
        return self._counterparts[kind]

    def agency_kind(self, kind: str) -> Iterator[Planned]:
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

    def agreement(self, agreement: Any) -> Planned:
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
            visits=self.rel.visits_by_agreement.get(agreement.id, []),
            briefs=self.agreement_pairs(agreement),
        )


def _newest_verified(innovations: list[Innovation]) -> dt.date | None:
    """The newest `last_verified` of the innovations a brief describes: the brief's date, from
    the content rather than a clock, so that the same content builds the same page."""
    return max((i.last_verified for i in innovations if i.last_verified), default=None)


def _province_number(region: Region) -> int:
    """The province part of a Kemendagri code ("32" of "32.11"), as a number to measure nearness."""
    return int(region.code.partition(".")[0])

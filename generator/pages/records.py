"""Record pages: an innovation, an agency, a kind of agency, an agreement, a visit brief."""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterator
from typing import Any

from .. import paths
from ..briefs import Brief, agreement_briefs
from ..model import Innovation, Region
from .base import PageBase
from .planned import Planned
from .sizes import BRIEF_MATCHES_SHOWN, BRIEF_OTHERS_SHOWN, COUNTERPARTS_SHOWN


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

    def brief(self, page: str, brief: Brief, trail: list[tuple[str, str]]) -> Planned:
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

    def agency(self, region: Region, agency: Any) -> Iterator[Planned]:
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
            briefs=self._agreement_briefs(agreement),
        )

    def agreement_briefs(self, agreement: Any) -> Iterator[Planned]:
        """The visit brief pages of an agreement, one per direction between its parties."""
        for brief in self._agreement_briefs(agreement):
            trail = [
                (self.renderer.label("home"), paths.HOME),
                (agreement.title, paths.agreement(agreement.id)),
            ]
            yield self.brief(paths.agreement_brief(agreement.id, brief.visitor, brief.host), brief, trail)

    def _agreement_briefs(self, agreement: Any) -> list[Brief]:
        """Its briefs, worked out once: the agreement's page and the briefs' own pages show them."""
        if agreement.id not in self._briefs:
            self._briefs[agreement.id] = agreement_briefs(
                self.catalogue, agreement, self.rel.by_region, self.brief_memo
            )
        return self._briefs[agreement.id]

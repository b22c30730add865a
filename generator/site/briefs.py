"""Visit briefs: which of a host region's innovations a visiting delegation should see.

A delegation is a set of agencies of the visiting region (the agencies an agreement names, or all
of the region's agencies). A host innovation matches when one of its agencies is of the same kind
as a visiting agency: Disdukcapil visits Disdukcapil.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple

from ..content.catalogue import Catalogue
from ..content.model import Agency, Agreement, Innovation
from .relations import title_key


class Match(NamedTuple):
    """A host innovation and the visiting agencies it is for (a tuple: a brief of a large host
    makes thousands, for every pair of linked regions)."""

    innovation: Innovation
    visitors: tuple[Agency, ...]


@dataclass(frozen=True, slots=True)
class Brief:
    """What one visiting region should see in one host region."""

    visitor: str
    host: str
    delegation: tuple[Agency, ...]
    matches: tuple[Match, ...]
    others: tuple[Innovation, ...]
    agreement: Agreement | None = None


def delegation(catalogue: Catalogue, visitor: str, agreement: Agreement | None = None) -> tuple[Agency, ...]:
    """The visiting agencies: those the agreement names for the visitor, else all of its agencies."""
    region = catalogue.regions[visitor]
    if agreement is not None:
        named = [ref.partition("/")[2] for ref in agreement.agencies if ref.partition("/")[0] == visitor]
        if named:
            return tuple(a for a in region.agencies if a.id in named)
    return region.agencies


def build_brief(
    catalogue: Catalogue,
    visitor: str,
    host: str,
    agreement: Agreement | None = None,
    host_innovations: list[Innovation] | None = None,
) -> Brief:
    """Match the host's innovations to the visiting delegation's agency kinds.

    `host_innovations`, the host's innovations sorted by title as `Relations.by_region` holds them,
    saves a scan of the whole catalogue and a sort per brief (there is a brief for every linked
    pair of regions).
    """
    visiting = delegation(catalogue, visitor, agreement)
    if host_innovations is None:
        host_innovations = sorted(
            (i for i in catalogue.innovations.values() if i.region == host),
            key=title_key,
        )
    kind_of = {agency.id: agency.kind for agency in catalogue.regions[host].agencies}
    # Innovations of one host share a few combinations of agencies: match each combination once.
    visitors_of: dict[tuple[str, ...], tuple[Agency, ...]] = {}
    # Innovations that interest the most visiting agencies first, stopped ones last; else in the
    # host's order, by title: grouped by that key in one pass, rather than sorted.
    groups: dict[tuple[bool, int], list[Match]] = {}
    others = []
    for innovation in host_innovations:
        visitors = visitors_of.get(innovation.agencies)
        if visitors is None:
            kinds = {kind_of[agency_id] for agency_id in innovation.agencies if agency_id in kind_of}
            visitors = visitors_of[innovation.agencies] = tuple(a for a in visiting if a.kind in kinds)
        if visitors:
            key = (innovation.status != "active", -len(visitors))
            groups.setdefault(key, []).append(Match(innovation, visitors))
        else:
            others.append(innovation)
    matches = [match for key in sorted(groups) for match in groups[key]]
    return Brief(visitor, host, visiting, tuple(matches), tuple(others), agreement)


class BriefMemo:
    """The briefs of the last plan of one `mkdocs serve`, reused while what each is made from is
    the same: the visiting and host regions and the agreement (the same objects: the checker's
    FileCache keeps the records of unchanged files) and the host's innovations in order (a list
    compared item by item, by identity first). There is a brief for every linked pair of regions:
    2,500 at 30,000 innovations, a third of a rebuild's planning.
    """

    def __init__(self) -> None:
        # (visitor, host, agreement id) → (its records, the host's innovations, the brief)
        self._last: dict[tuple[str, str, str], tuple[tuple[object, ...], list[Innovation], Brief]] = {}
        self._now: dict[tuple[str, str, str], tuple[tuple[object, ...], list[Innovation], Brief]] = {}

    def brief(
        self,
        catalogue: Catalogue,
        visitor: str,
        host: str,
        agreement: Agreement | None,
        host_innovations: list[Innovation],
    ) -> Brief:
        """`build_brief`'s brief, the last plan's when made from the same records."""
        key = (visitor, host, agreement.id if agreement is not None else "")
        records = (catalogue.regions[visitor], catalogue.regions[host], agreement)
        last = self._last.get(key)
        if (
            last is not None
            and all(a is b for a, b in zip(last[0], records, strict=True))
            and last[1] == host_innovations
        ):
            brief = last[2]
        else:
            brief = build_brief(catalogue, visitor, host, agreement, host_innovations)
        self._now[key] = (records, host_innovations, brief)
        return brief

    def plan_done(self) -> None:
        """Keep this plan's briefs for the next, and only those."""
        self._last, self._now = self._now, {}


# An agreement of many regions (a national MoU) would need a brief for every ordered pair of its
# parties; beyond this many parties its briefs are left to the pair pages of linked regions.
MAX_BRIEF_PARTIES = 6


def agreement_briefs(
    catalogue: Catalogue,
    agreement: Agreement,
    by_region: Mapping[str, list[Innovation]] | None = None,
    memo: BriefMemo | None = None,
) -> list[Brief]:
    """One brief per ordered pair of parties where the host has innovations.

    `by_region`, each region's innovations sorted by title when the caller has them
    (`Relations.by_region`), saves scans of the catalogue; `memo` gives the briefs of an earlier
    plan that are still the same.
    """
    if len(agreement.parties) > MAX_BRIEF_PARTIES:
        return []
    if by_region is None:
        grouped = defaultdict(list)
        for innovation in catalogue.innovations.values():
            grouped[innovation.region].append(innovation)
        by_region = {k: sorted(v, key=title_key) for k, v in grouped.items()}
    build = memo.brief if memo is not None else build_brief
    return [
        build(catalogue, visitor, host, agreement, by_region[host])
        for visitor in agreement.parties
        for host in agreement.parties
        if visitor != host and by_region.get(host)
    ]


def related_pairs(catalogue: Catalogue) -> list[tuple[str, str]]:
    """(visitor, host) pairs worth a brief page: linked by an agreement, an adoption, a replication
    or a visit."""
    hosts = {i.region for i in catalogue.innovations.values()}
    pairs: set[tuple[str, str]] = set()
    for agreement in catalogue.agreements.values():
        if len(agreement.parties) <= MAX_BRIEF_PARTIES:
            pairs |= {(v, h) for v in agreement.parties for h in agreement.parties if v != h}
    innovations = catalogue.innovations
    for innovation in innovations.values():
        if innovation.adopted_from:
            pairs.add((innovation.region, innovations[innovation.adopted_from].region))
        pairs |= {(r.region, innovation.region) for r in innovation.replications}
    for visit in catalogue.visits.values():
        pairs |= {(v, visit.host) for v in visit.visitors}
    return sorted((v, h) for v, h in pairs if v != h and h in hosts)

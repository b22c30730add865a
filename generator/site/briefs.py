"""Visit briefs: what a visiting delegation can learn from a host region, agency by agency.

There is one brief per (visitor, host) pair. The delegation is the visitor's agencies that the
pair's agreements name (all of them, merged); without such an agreement, the visitor's agencies
that have an agency of the same kind at the host. A host innovation matches a visiting agency when
one of its agencies is of the same kind: Disdukcapil visits Disdukcapil.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
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


class Need(NamedTuple):
    """One agency of the delegation: its counterparts at the host and their innovations."""

    agency: Agency
    counterparts: tuple[Agency, ...]
    innovations: tuple[Innovation, ...]


@dataclass(frozen=True, slots=True)
class Brief:
    """What one visiting region should see in one host region.

    Attributes:
        agreements: the pair's agreements, oldest first.
        needs: every agency of the delegation, in the visitor's order.
        matches: the host innovations that serve an agency of the delegation, those for the most
            agencies first, stopped ones last.
        others: the host's other innovations.
        coordinators: the host agencies the pair's agreements name: whom to ask where nothing
            matches yet.
        named: whether the agreements named the delegation (else it is the visitor's agencies
            with a counterpart kind at the host).
    """

    visitor: str
    host: str
    agreements: tuple[Agreement, ...]
    needs: tuple[Need, ...]
    matches: tuple[Match, ...]
    others: tuple[Innovation, ...]
    coordinators: tuple[Agency, ...] = ()
    named: bool = False

    @property
    def delegation(self) -> tuple[Agency, ...]:
        return tuple(need.agency for need in self.needs)


def pair_agreements(agreements: Iterable[Agreement], visitor: str, host: str) -> tuple[Agreement, ...]:
    """Of `agreements` (the catalogue's, or the visitor's), those both regions are parties to, oldest first."""
    found = [a for a in agreements if visitor in a.parties and host in a.parties]
    return tuple(sorted(found, key=lambda a: (a.signed, a.id)))


def _named(catalogue: Catalogue, region_id: str, agreements: Sequence[Agreement]) -> tuple[Agency, ...]:
    """The region's agencies that the agreements name, in the region's order."""
    named = {
        ref.partition("/")[2] for a in agreements for ref in a.agencies if ref.partition("/")[0] == region_id
    }
    return tuple(a for a in catalogue.regions[region_id].agencies if a.id in named)


def delegation(
    catalogue: Catalogue, visitor: str, host: str, agreements: Sequence[Agreement] = ()
) -> tuple[Agency, ...]:
    """The visiting agencies: those the agreements name for the visitor, else those with a
    counterpart kind at the host."""
    return _named(catalogue, visitor, agreements) or _with_counterparts(catalogue, visitor, host)


def _with_counterparts(catalogue: Catalogue, visitor: str, host: str) -> tuple[Agency, ...]:
    """The visitor's agencies that have an agency of the same kind at the host."""
    host_kinds = {a.kind for a in catalogue.regions[host].agencies}
    return tuple(a for a in catalogue.regions[visitor].agencies if a.kind in host_kinds)


def build_brief(
    catalogue: Catalogue,
    visitor: str,
    host: str,
    agreements: Sequence[Agreement] | None = None,
    host_innovations: list[Innovation] | None = None,
) -> Brief:
    """Match the host's innovations to the visiting delegation's agency kinds.

    Args:
        agreements: the pair's agreements (`pair_agreements`, worked out when None).
        host_innovations: the host's innovations sorted by title as `Relations.by_region` holds
            them; saves a scan of the whole catalogue and a sort per brief (there is a brief for
            every linked pair of regions).
    """
    if agreements is None:
        agreements = pair_agreements(catalogue.agreements.values(), visitor, host)
    named = _named(catalogue, visitor, agreements)
    visiting = named or _with_counterparts(catalogue, visitor, host)
    if host_innovations is None:
        host_innovations = sorted(
            (i for i in catalogue.innovations.values() if i.region == host), key=title_key
        )
    host_agencies = catalogue.regions[host].agencies
    kind_of = {agency.id: agency.kind for agency in host_agencies}
    # Innovations of one host share a few combinations of agencies: match each combination once.
    visitors_of: dict[tuple[str, ...], tuple[Agency, ...]] = {}
    # Innovations that interest the most visiting agencies first, stopped ones last; else in the
    # host's order, by title: grouped by that key in one pass, rather than sorted.
    groups: dict[tuple[bool, int], list[Match]] = {}
    by_agency: dict[str, list[Innovation]] = {a.id: [] for a in visiting}
    others = []
    for innovation in host_innovations:
        visitors = visitors_of.get(innovation.agencies)
        if visitors is None:
            kinds = {kind_of[agency_id] for agency_id in innovation.agencies if agency_id in kind_of}
            visitors = visitors_of[innovation.agencies] = tuple(a for a in visiting if a.kind in kinds)
        if visitors:
            groups.setdefault((innovation.status != "active", -len(visitors)), []).append(
                Match(innovation, visitors)
            )
            for agency in visitors:
                by_agency[agency.id].append(innovation)
        else:
            others.append(innovation)
    needs = tuple(
        Need(
            agency,
            tuple(a for a in host_agencies if a.kind == agency.kind),
            tuple(sorted(by_agency[agency.id], key=lambda i: i.status != "active")),
        )
        for agency in visiting
    )
    matches = tuple(match for key in sorted(groups) for match in groups[key])
    coordinators = _named(catalogue, host, agreements)
    return Brief(visitor, host, tuple(agreements), needs, matches, tuple(others), coordinators, bool(named))


class BriefMemo:
    """The briefs of the last plan of one `mkdocs serve`, reused while what each is made from is
    the same: the visiting and host regions and the pair's agreements (the same objects: the
    checker's FileCache keeps the records of unchanged files) and the host's innovations in order
    (a list compared item by item, by identity first). There is a brief for every linked pair of
    regions: 2,500 at 30,000 innovations, a third of a rebuild's planning.
    """

    def __init__(self) -> None:
        # (visitor, host) → (its records, the host's innovations, the brief)
        self._last: dict[tuple[str, str], tuple[tuple[object, ...], list[Innovation], Brief]] = {}
        self._now: dict[tuple[str, str], tuple[tuple[object, ...], list[Innovation], Brief]] = {}

    def brief(
        self,
        catalogue: Catalogue,
        visitor: str,
        host: str,
        agreements: Sequence[Agreement],
        host_innovations: list[Innovation],
    ) -> Brief:
        """`build_brief`'s brief, the last plan's when made from the same records."""
        key = (visitor, host)
        records = (catalogue.regions[visitor], catalogue.regions[host], *agreements)
        last = self._last.get(key)
        if (
            last is not None
            and len(last[0]) == len(records)
            and all(a is b for a, b in zip(last[0], records, strict=True))
            and last[1] == host_innovations
        ):
            brief = last[2]
        else:
            brief = build_brief(catalogue, visitor, host, agreements, host_innovations)
        self._now[key] = (records, host_innovations, brief)
        return brief

    def plan_done(self) -> None:
        """Keep this plan's briefs for the next, and only those."""
        self._last, self._now = self._now, {}


# An agreement of many regions (a national MoU) would make a brief for every ordered pair of its
# parties; beyond this many parties only pairs linked otherwise (a visit, an adoption) get one.
MAX_BRIEF_PARTIES = 6


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

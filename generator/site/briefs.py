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
    """A host innovation and the visiting agencies it is for."""

    innovation: Innovation
    visitors: tuple[Agency, ...]


class Need(NamedTuple):
    """One agency of the delegation: its counterparts at the host and their innovations, active
    ones first, and how many more it has than `innovations` holds (see `BriefLimits`)."""

    agency: Agency
    counterparts: tuple[Agency, ...]
    innovations: tuple[Innovation, ...]
    more: int = 0


@dataclass(frozen=True, slots=True)
class Brief:
    """What one visiting region should see in one host region.

    Attributes:
        agreements: the pair's agreements, oldest first.
        needs: every agency of the delegation, in the visitor's order.
        matches: the host innovations that serve an agency of the delegation (with limits, those of
            them the needs hold), those for the most agencies first, stopped ones last.
        others: the host's other innovations, by title.
        more_others: how many other innovations there are beyond `others`.
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
    more_others: int = 0
    coordinators: tuple[Agency, ...] = ()
    named: bool = False

    @property
    def delegation(self) -> tuple[Agency, ...]:
        return tuple(need.agency for need in self.needs)


@dataclass(frozen=True, slots=True)
class BriefLimits:
    """How much of a brief is kept, for a printed page (None: all of it): the innovations of each
    need, the matches (of the needs' innovations only), the others."""

    per_agency: int | None = None
    matches: int | None = None
    others: int | None = None


class HostIndex:
    """A host's innovations arranged once for all its briefs (a large host is in hundreds: one
    for every region linked to it), so that a brief reads only what it keeps: by agency kind,
    active ones and stopped ones apart, and by the set of kinds of an innovation's agencies."""

    def __init__(self, agencies: Sequence[Agency], innovations: list[Innovation]) -> None:
        self.agencies = tuple(agencies)
        self.innovations = innovations  # by title, as `Relations.by_region` holds them
        kind_of = {agency.id: agency.kind for agency in agencies}
        # Innovations of one host share a few combinations of agencies: their kinds worked out once.
        kinds_of: dict[tuple[str, ...], frozenset[str]] = {}
        self.kinds: list[frozenset[str]] = []
        self.by_kind: dict[str, tuple[list[int], list[int]]] = {}
        self.by_kinds: dict[frozenset[str], list[int]] = {}
        for position, innovation in enumerate(innovations):
            kinds = kinds_of.get(innovation.agencies)
            if kinds is None:
                kinds = kinds_of[innovation.agencies] = frozenset(
                    kind_of[a] for a in innovation.agencies if a in kind_of
                )
            self.kinds.append(kinds)
            self.by_kinds.setdefault(kinds, []).append(position)
            for kind in kinds:
                self.by_kind.setdefault(kind, ([], []))[innovation.status != "active"].append(position)

    @classmethod
    def of(cls, catalogue: Catalogue, host: str) -> HostIndex:
        innovations = sorted((i for i in catalogue.innovations.values() if i.region == host), key=title_key)
        return cls(catalogue.regions[host].agencies, innovations)


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
    index: HostIndex | None = None,
    limits: BriefLimits = BriefLimits(),
) -> Brief:
    """Match the host's innovations to the visiting delegation's agency kinds.

    Args:
        agreements: the pair's agreements (`pair_agreements`, worked out when None).
        index: the host's `HostIndex` (made here when None), shared by all the host's briefs.
        limits: how much to keep; the counts beyond are in `Need.more` and `Brief.more_others`.
    """
    if agreements is None:
        agreements = pair_agreements(catalogue.agreements.values(), visitor, host)
    index = index or HostIndex.of(catalogue, host)
    named = _named(catalogue, visitor, agreements)
    visiting = named or _with_counterparts(catalogue, visitor, host)
    innovations = index.innovations
    needs = []
    kept: dict[int, None] = {}  # positions of the needs' innovations, in order
    for agency in visiting:
        active, stopped = index.by_kind.get(agency.kind, ([], []))
        first = _first(active, limits.per_agency)
        first = first + _first(stopped, None if limits.per_agency is None else limits.per_agency - len(first))
        kept.update(dict.fromkeys(first))
        counterparts = tuple(a for a in index.agencies if a.kind == agency.kind)
        shown = tuple(innovations[p] for p in first)
        needs.append(Need(agency, counterparts, shown, len(active) + len(stopped) - len(shown)))

    def visitors(position: int) -> tuple[Agency, ...]:
        kinds = index.kinds[position]
        return tuple(a for a in visiting if a.kind in kinds)

    # Innovations that interest the most visiting agencies first, stopped ones last; else by title.
    ranked = sorted(
        ((innovations[p].status != "active", -len(v), p, v) for p in kept if (v := visitors(p))),
        key=lambda item: item[:3],
    )
    matches = tuple(Match(innovations[p], v) for _, _, p, v in ranked[: limits.matches])
    kinds = {a.kind for a in visiting}
    unmatched = [group for group_kinds, group in index.by_kinds.items() if group_kinds.isdisjoint(kinds)]
    others = sorted(p for group in unmatched for p in _first(group, limits.others))[: limits.others]
    return Brief(
        visitor,
        host,
        tuple(agreements),
        tuple(needs),
        matches,
        tuple(innovations[p] for p in others),
        sum(map(len, unmatched)) - len(others),
        _named(catalogue, host, agreements),
        bool(named),
    )


def _first(positions: list[int], limit: int | None) -> list[int]:
    return positions if limit is None else positions[: max(0, limit)]


class BriefMemo:
    """The briefs of the last plan of one `mkdocs serve`, reused while what each is made from is
    the same: the visiting and host regions and the pair's agreements (the same objects: the
    checker's FileCache keeps the records of unchanged files) and the host's innovations in order
    (a list compared item by item, by identity first). There is a brief for every linked pair of
    regions: 2,500 at 30,000 innovations.
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
        index: HostIndex,
        limits: BriefLimits,
    ) -> Brief:
        """`build_brief`'s brief, the last plan's when made from the same records."""
        key = (visitor, host)
        records = (catalogue.regions[visitor], catalogue.regions[host], *agreements)
        last = self._last.get(key)
        if (
            last is not None
            and len(last[0]) == len(records)
            and all(a is b for a, b in zip(last[0], records, strict=True))
            and last[1] == index.innovations
        ):
            brief = last[2]
        else:
            brief = build_brief(catalogue, visitor, host, agreements, index, limits)
        self._now[key] = (records, index.innovations, brief)
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

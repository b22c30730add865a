"""The validated catalogue: every record, every reference resolved."""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Agency, Agreement, Innovation, Region, Visit


@dataclass(slots=True)
class Catalogue:
    """All records of a catalogue that passed the checker, keyed and sorted by id.

    Attributes:
        regions: by region id.
        innovations: by reference `region-id/innovation-id`.
        agreements: by agreement id.
        visits: by visit id.
        sources: the file each record came from, by record key (region id, innovation ref,
            `agreements/<id>`, `visits/<id>`), relative to the catalogue root.
    """

    regions: dict[str, Region] = field(default_factory=dict)
    innovations: dict[str, Innovation] = field(default_factory=dict)
    agreements: dict[str, Agreement] = field(default_factory=dict)
    visits: dict[str, Visit] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    # (region id, agency id) → agency, made on first use: pages look agencies up tens of thousands
    # of times. A catalogue is not changed once made.
    _agencies: dict[tuple[str, str], Agency] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def agency(self, region_id: str, agency_id: str) -> Agency | None:
        """An agency by its region and id, or None."""
        if self._agencies is None:
            self._agencies = {(r.id, a.id): a for r in self.regions.values() for a in r.agencies}
        return self._agencies.get((region_id, agency_id))

    @property
    def record_count(self) -> int:
        """Regions, agencies, innovations, agreements and visits together."""
        agencies = sum(len(r.agencies) for r in self.regions.values())
        records = len(self.regions) + len(self.innovations) + len(self.agreements) + len(self.visits)
        return records + agencies

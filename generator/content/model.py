"""The content model: one typed dataclass per record kind.

The dataclasses are the single source of truth. The checker (`validate.py`) reads their fields to
validate YAML, `schema.py` turns them into JSON Schema for editors, and the page generator uses the
validated instances. Field metadata (made with `spec`) says what a string means: a vocabulary value,
a reference, a URL, Markdown. Fields marked `derived` come from the file path, never from YAML.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .pickling import pickled_by_fields

# How a string-valued field is read. Everything else is plain single-line text.
FORMATS = (
    "text",  # one line of plain text
    "prose",  # plain text, may wrap over several lines
    "markdown",  # contributor Markdown, rendered without raw HTML
    "id",  # lower-case kebab-case identifier
    "url",  # http(s) or mailto URL
    "email",
    "phone",
    "code",  # Kemendagri region code, "32" or "32.11"
    "vocab",  # a value from the vocabulary named by `vocab`
    "region-ref",  # a region id
    "agency-ref",  # an agency id of the record's own region
    "qualified-agency-ref",  # region-id/agency-id
    "innovation-ref",  # region-id/innovation-id
    "agreement-ref",  # an agreement id
    "media",  # a photo's path under media/: region-id/file-name.jpg
)


def spec(
    fmt: str = "text",
    *,
    vocab: str | None = None,
    min_items: int = 0,
    max_length: int | None = None,
    unique: bool = False,
    derived: bool = False,
    default: Any = None,
    required: bool = False,
) -> Any:
    """A dataclass field with the checker's metadata.

    Args:
        fmt: one of `FORMATS`; for lists, the format of each item.
        vocab: vocabulary file name (without `.yml`) when `fmt` is "vocab".
        min_items: for lists, the fewest items allowed.
        max_length: for strings, the most characters allowed (defaults per format in `limits.py`).
        unique: for lists, whether items must differ.
        derived: set from the file path, not read from YAML.
        default: value when absent (lists default to an empty tuple).
        required: the field must be present in YAML.
    """
    assert fmt in FORMATS, fmt
    metadata = {
        "fmt": fmt,
        "vocab": vocab,
        "min_items": min_items,
        "max_length": max_length,
        "unique": unique,
        "derived": derived,
    }
    if required:
        return field(metadata=metadata)
    return field(default=default, metadata=metadata)


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Source:
    """Where the facts of a record come from."""

    title: str = spec(required=True)
    url: str | None = spec("url")
    publisher: str | None = spec()
    date: dt.date | None = spec()


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Head:
    """Head of a region (bupati, wali kota, gubernur)."""

    title: str = spec(required=True)
    name: str = spec(required=True)


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Agency:
    """A regional agency (perangkat daerah), declared inside its region's file."""

    id: str = spec("id", required=True)
    name: str = spec(required=True)
    acronym: str = spec(required=True)
    kind: str = spec("vocab", vocab="agency-kinds", required=True)
    website: str | None = spec("url")
    summary: str | None = spec("prose")


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Region:
    """A province, kabupaten or kota: `regions/<region-id>.yml`."""

    name: str = spec(required=True)
    type: str = spec("vocab", vocab="region-types", required=True)
    code: str = spec("code", required=True)
    province: str | None = spec("region-ref")
    # The six units of DKI Jakarta (five Kota Administrasi, one Kabupaten Administrasi) are led by
    # an appointed wali kota/bupati and have no DPRD: not autonomous local governments.
    administrative: bool = spec(default=False)
    head: Head | None = spec()
    website: str | None = spec("url")
    summary: str | None = spec("prose")
    agencies: tuple[Agency, ...] = spec(default=())
    sources: tuple[Source, ...] = spec(default=())
    id: str = spec("id", derived=True, default="")


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Metric:
    """A measured result, always with its source: never an invented figure."""

    name: str = spec(required=True)
    value: int | float = spec(required=True)
    unit: str | None = spec()
    year: int | None = spec()
    source: str | None = spec("url")


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Cost:
    """What the innovation cost its region, as a source reports it: never an estimate of ours.

    What a region copying it must budget is `Prerequisites.budget` (prose); this is a figure."""

    amount: int | float = spec(required=True)
    year: int = spec(required=True)
    source: str = spec("url", required=True)
    # What the amount paid for and from which budget (APBD, a provincial grant), as the source says.
    note: str | None = spec()


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Award:
    """A prize or ranking the innovation won (Sinovik/KIPP Top 45, Innovative Government Award)."""

    name: str = spec(required=True)
    year: int = spec(required=True)
    by: str | None = spec()
    source: str | None = spec("url")


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Media:
    """A photo of the innovation, shipped in the repository under `media/` (never a hot link)."""

    file: str = spec("media", required=True)
    alt: str = spec(required=True)
    credit: str = spec(required=True)
    licence: str = spec("vocab", vocab="media-licences", required=True)
    caption: str | None = spec()


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Link:
    """A link to more about the innovation: an app, a document (Perbup, SOP, report), a video."""

    title: str = spec(required=True)
    url: str = spec("url", required=True)
    # Documents (regulation, SOP, report) are shown apart from the other links, on the page and the brief.
    kind: str | None = spec("vocab", vocab="link-kinds")


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Contact:
    """An office's official contact. Never a person's own phone or e-mail."""

    office: str = spec(required=True)
    email: str | None = spec("email")
    phone: str | None = spec("phone")
    url: str | None = spec("url")


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Prerequisites:
    """What a region needs before it can copy the innovation (for a study visit)."""

    regulation: str | None = spec("prose")
    team: str | None = spec("prose")
    infrastructure: str | None = spec("prose")
    budget: str | None = spec("prose")


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Replication:
    """Another region copying the innovation (replikasi), planned, in progress or done."""

    region: str = spec("region-ref", required=True)
    status: str = spec("vocab", vocab="replication-statuses", required=True)
    date: dt.date | None = spec()
    agreement: str | None = spec("agreement-ref")
    innovation: str | None = spec("innovation-ref")


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Innovation:
    """A regional innovation: `innovations/<region-id>/<innovation-id>.yml`.

    Fields follow the Indeks Inovasi Daerah form so that a region's entries map one to one.
    """

    title: str = spec(required=True)
    summary: str = spec("prose", required=True)
    agencies: tuple[str, ...] = spec("agency-ref", min_items=1, unique=True, required=True)
    stage: str = spec("vocab", vocab="stages", required=True)
    kind: str = spec("vocab", vocab="innovation-kinds", required=True)
    form: str = spec("vocab", vocab="forms", required=True)
    affairs: tuple[str, ...] = spec("vocab", vocab="affairs", min_items=1, unique=True, required=True)
    themes: tuple[str, ...] = spec("vocab", vocab="themes", unique=True, default=())
    # Beside the themes, where contributors write it: the order `katalog fix` keeps.
    spbe: tuple[str, ...] = spec("vocab", vocab="spbe", unique=True, default=())
    initiator: str | None = spec("vocab", vocab="initiators")
    trial_date: dt.date | None = spec()
    implementation_date: dt.date | None = spec()
    # The problem it answers, before how it works: the order of the Indeks Inovasi Daerah form.
    problem: str | None = spec("markdown")
    description: str | None = spec("markdown")
    goals: str | None = spec("markdown")
    benefits: str | None = spec("markdown")
    beneficiaries: str | None = spec("prose")
    results: str | None = spec("markdown")
    metrics: tuple[Metric, ...] = spec(default=())
    costs: tuple[Cost, ...] = spec(default=())
    awards: tuple[Award, ...] = spec(default=())
    media: tuple[Media, ...] = spec(default=())
    adopted_from: str | None = spec("innovation-ref")
    related: tuple[str, ...] = spec("innovation-ref", unique=True, default=())
    links: tuple[Link, ...] = spec(default=())
    contacts: tuple[Contact, ...] = spec(default=())
    tags: tuple[str, ...] = spec("id", unique=True, default=())
    status: str = spec("vocab", vocab="statuses", default="active")
    replaced_by: str | None = spec("innovation-ref")
    last_verified: dt.date | None = spec()
    # Study-visit (studi tiru) content: what a visiting delegation needs.
    visit_contact: Contact | None = spec()
    on_site: str | None = spec("markdown")
    prerequisites: Prerequisites | None = spec()
    implementation_time: str | None = spec()
    lessons: str | None = spec("markdown")
    replications: tuple[Replication, ...] = spec(default=())
    sources: tuple[Source, ...] = spec(default=())
    region: str = spec("id", derived=True, default="")
    id: str = spec("id", derived=True, default="")

    @property
    def ref(self) -> str:
        """The reference other records use: `region-id/innovation-id`."""
        return f"{self.region}/{self.id}"


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Agreement:
    """A cooperation agreement between regions: `agreements/<agreement-id>.yml`."""

    title: str = spec(required=True)
    kind: str = spec("vocab", vocab="agreement-kinds", required=True)
    parties: tuple[str, ...] = spec("region-ref", min_items=2, unique=True, required=True)
    signed: dt.date = spec(required=True)
    number: str | None = spec()
    place: str | None = spec()
    scope: str | None = spec("markdown")
    agencies: tuple[str, ...] = spec("qualified-agency-ref", unique=True, default=())
    innovations: tuple[str, ...] = spec("innovation-ref", unique=True, default=())
    sources: tuple[Source, ...] = spec(default=())
    id: str = spec("id", derived=True, default="")


@pickled_by_fields
# Keyword-only: the fields stand in the order a contributor writes them (and `fix` sorts them
# into), required ones among the optional.
@dataclass(frozen=True, slots=True, kw_only=True)
class Visit:
    """A visit between regions (studi banding, studi tiru, kunjungan kerja): `visits/<visit-id>.yml`.

    Visits are how regions mostly learn from each other: an edge of the learning network apart from
    agreements and replications. An agreement signed during a visit stays one agreement record; the
    visit names it in `agreement`.
    """

    title: str = spec(required=True)
    kind: str = spec("vocab", vocab="visit-kinds", required=True)
    status: str = spec("vocab", vocab="visit-statuses", required=True)
    date: dt.date = spec(required=True)
    end_date: dt.date | None = spec()
    # How the date was worked out (a weekday and day only) or where sources disagree.
    date_note: str | None = spec("prose")
    host: str = spec("region-ref", required=True)
    visitors: tuple[str, ...] = spec("region-ref", unique=True, default=())
    # Visitors that are not regional governments (a DPRD, a ministry, an agency), by name.
    other_visitors: tuple[str, ...] = spec(unique=True, default=())
    place: str | None = spec()
    # Who learned from whom: the visitors from the host, unless technical assistance ran the other way.
    learners: str = spec("vocab", vocab="visit-learners", default="visitors")
    host_agencies: tuple[str, ...] = spec("qualified-agency-ref", unique=True, default=())
    visiting_agencies: tuple[str, ...] = spec("qualified-agency-ref", unique=True, default=())
    innovations: tuple[str, ...] = spec("innovation-ref", unique=True, default=())
    agreement: str | None = spec("agreement-ref")
    summary: str = spec("prose", required=True)
    account: str | None = spec("markdown")
    sources: tuple[Source, ...] = spec(min_items=1, required=True)
    id: str = spec("id", derived=True, default="")

    @property
    def regions(self) -> tuple[str, ...]:
        """Every regional government taking part: the host first, then the visitors."""
        return (self.host, *self.visitors)


# The record kinds, by the folder their files live in.
RECORD_KINDS: dict[str, type] = {
    "region": Region,
    "innovation": Innovation,
    "agreement": Agreement,
    "visit": Visit,
}

"""The checks of visit records that need other files: regions, agencies, innovations, agreements."""

from __future__ import annotations

from .check_refs import report_field, report_unknown
from .file_checks import Parsed
from .files import CatalogueFiles
from .model import Visit
from .problems import Problem


def check_visits(
    visits: dict[str, Parsed],
    regions: dict[str, Parsed],
    agreements: dict[str, Parsed],
    files: CatalogueFiles,
    problems: list[Problem],
) -> None:
    """Each visit names existing regions, its agencies belong to its host or visitors, and what it
    studied and followed from exists."""
    for parsed in visits.values():
        visit: Visit = parsed.record
        _check_parties(parsed, visit, files, problems)
        # The checks against the parties need them: a host or visitor that is invalid (None, a
        # partial record) or unknown is reported already, and would only make them repeat it.
        known = files.regions
        if visit.host in known and (visit.visitors is not None and set(visit.visitors) <= known.keys()):
            _check_agencies(parsed, "host_agencies", visit.host_agencies, {visit.host}, regions, problems)
            visiting = set(visit.visitors)
            _check_agencies(parsed, "visiting_agencies", visit.visiting_agencies, visiting, regions, problems)
            _check_innovations(parsed, visit, files, problems)
            _check_agreement(parsed, visit, agreements, files, problems)
        if visit.date and visit.end_date and visit.end_date < visit.date:
            report_field(problems, parsed, "end_date", "visit-end-before-start")


def _check_parties(parsed: Parsed, visit: Visit, files: CatalogueFiles, problems: list[Problem]) -> None:
    regions = list(files.regions)
    if visit.host is not None and visit.host not in files.regions:
        report_unknown(problems, parsed, "host", "unknown-region", visit.host, regions)
    for index, visitor in enumerate(visit.visitors or ()):
        if visitor == visit.host:
            report_field(problems, parsed, f"visitors[{index}]", "visit-host-visits-itself", value=visitor)
        elif visitor not in files.regions:
            report_unknown(problems, parsed, f"visitors[{index}]", "unknown-region", visitor, regions)
    if visit.visitors == () and visit.other_visitors == ():
        report_field(problems, parsed, "visitors", "visit-without-visitors")


def _check_agencies(
    parsed: Parsed,
    name: str,
    refs: tuple[str, ...] | None,
    parties: set[str],
    regions: dict[str, Parsed],
    problems: list[Problem],
) -> None:
    """Agencies of `name` belong to one of `parties` and are declared in that region's file."""
    for index, ref in enumerate(refs or ()):
        region_id, _, agency_id = ref.partition("/")
        field = f"{name}[{index}]"
        if region_id not in parties:
            side = "host" if name == "host_agencies" else "visitors"
            report_field(
                problems, parsed, field, "visit-agency-not-party", value=ref, region=region_id, side=side
            )
        elif region_id in regions:
            agency_ids = [a.id for a in regions[region_id].record.agencies]
            if agency_id not in agency_ids:
                allowed = ", ".join(agency_ids) or "-"
                report_field(
                    problems,
                    parsed,
                    field,
                    "unknown-agency",
                    value=agency_id,
                    region=region_id,
                    allowed=allowed,
                )


def _check_innovations(parsed: Parsed, visit: Visit, files: CatalogueFiles, problems: list[Problem]) -> None:
    parties = {visit.host, *(visit.visitors or ())}
    for index, ref in enumerate(visit.innovations or ()):
        if ref not in files.innovations:
            report_unknown(
                problems, parsed, f"innovations[{index}]", "unknown-innovation", ref, list(files.innovations)
            )
        elif ref.partition("/")[0] not in parties:
            report_field(problems, parsed, f"innovations[{index}]", "visit-innovation-not-party", value=ref)


def _check_agreement(
    parsed: Parsed,
    visit: Visit,
    agreements: dict[str, Parsed],
    files: CatalogueFiles,
    problems: list[Problem],
) -> None:
    if visit.agreement is None:
        if visit.kind == "agreement-signing":
            report_field(problems, parsed, "kind", "visit-signing-without-agreement")
        return
    if visit.agreement not in files.agreements:
        report_unknown(
            problems, parsed, "agreement", "unknown-agreement", visit.agreement, list(files.agreements)
        )
        return
    agreement = agreements.get(visit.agreement)
    parties = agreement.record.parties if agreement is not None else None
    if parties is not None and visit.host not in parties:
        report_field(
            problems, parsed, "agreement", "visit-agreement-not-party", value=visit.agreement, host=visit.host
        )

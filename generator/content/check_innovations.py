"""The checks of innovation records that need other files: region, agencies, references, replications."""

from __future__ import annotations

from .check_refs import report_field, report_unknown
from .file_checks import Parsed
from .files import CatalogueFiles
from .model import Innovation
from .problems import Problem, problem
from .validate import closest


def check_innovations(
    innovations: dict[str, Parsed],
    regions: dict[str, Parsed],
    files: CatalogueFiles,
    problems: list[Problem],
) -> None:
    """Each innovation's region exists and has its agencies, what it names exists, and its status,
    replacement and dates agree."""
    for key, parsed in innovations.items():
        innovation: Innovation = parsed.record
        region = regions.get(innovation.region)
        if region is None:
            if innovation.region not in files.regions:
                problems.append(
                    problem(
                        parsed.path,
                        0,
                        0,
                        "unknown-region-folder",
                        "",
                        value=innovation.region,
                        suggestions=", ".join(closest(innovation.region, list(files.regions))) or "-",
                    )
                )
        else:
            agency_ids = [a.id for a in region.record.agencies]
            # None when the field itself is invalid (a partial record); that is reported already.
            for index, agency in enumerate(innovation.agencies or ()):
                if agency not in agency_ids:
                    report_field(
                        problems,
                        parsed,
                        f"agencies[{index}]",
                        "unknown-agency",
                        value=agency,
                        region=innovation.region,
                        allowed=", ".join(agency_ids) or "-",
                    )
        _check_innovation_refs(key, parsed, innovations, files, problems)
        if innovation.status == "replaced" and innovation.replaced_by is None:
            report_field(problems, parsed, "status", "missing-replaced-by")
        if innovation.replaced_by is not None and innovation.status != "replaced":
            report_field(
                problems, parsed, "replaced_by", "replaced-by-without-status", status=innovation.status
            )
        if (
            innovation.trial_date
            and innovation.implementation_date
            and innovation.trial_date > innovation.implementation_date
        ):
            report_field(problems, parsed, "implementation_date", "dates-out-of-order")


def _check_innovation_refs(
    key: str,
    parsed: Parsed,
    innovations: dict[str, Parsed],
    files: CatalogueFiles,
    problems: list[Problem],
) -> None:
    innovation: Innovation = parsed.record
    refs = [("adopted_from", innovation.adopted_from), ("replaced_by", innovation.replaced_by)]
    refs += [(f"related[{i}]", ref) for i, ref in enumerate(innovation.related)]
    for name, ref in refs:
        if ref is None:
            continue
        if ref == key:
            report_field(problems, parsed, name, "self-reference", value=ref)
        elif ref not in files.innovations:
            report_unknown(problems, parsed, name, "unknown-innovation", ref, list(files.innovations))
    _check_replications(parsed, files, problems)


def _check_replications(parsed: Parsed, files: CatalogueFiles, problems: list[Problem]) -> None:
    """Each replication names another region, and optionally its agreement and its copy."""
    innovation: Innovation = parsed.record
    for index, replication in enumerate(innovation.replications or ()):
        name = f"replications[{index}]"
        if replication.region == innovation.region:
            report_field(
                problems, parsed, f"{name}.region", "replication-own-region", value=replication.region
            )
        elif replication.region not in files.regions:
            report_unknown(
                problems, parsed, f"{name}.region", "unknown-region", replication.region, list(files.regions)
            )
        if replication.agreement is not None and replication.agreement not in files.agreements:
            report_unknown(
                problems,
                parsed,
                f"{name}.agreement",
                "unknown-agreement",
                replication.agreement,
                list(files.agreements),
            )
        copy = replication.innovation
        if copy is not None:
            if copy not in files.innovations:
                report_unknown(
                    problems,
                    parsed,
                    f"{name}.innovation",
                    "unknown-innovation",
                    copy,
                    list(files.innovations),
                )
            elif copy.partition("/")[0] != replication.region:
                report_field(
                    problems,
                    parsed,
                    f"{name}.innovation",
                    "replication-copy-region",
                    value=copy,
                    region=replication.region,
                )

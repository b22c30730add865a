"""The checks of agreement records that need other files: parties, their agencies and innovations."""

from __future__ import annotations

from .check_refs import report_field, report_unknown
from .file_checks import Parsed
from .files import CatalogueFiles
from .model import Agreement
from .problems import Problem


def check_agreements(
    agreements: dict[str, Parsed],
    regions: dict[str, Parsed],
    files: CatalogueFiles,
    problems: list[Problem],
) -> None:
    """Each agreement's parties exist, and its agencies and innovations belong to a party."""
    for parsed in agreements.values():
        agreement: Agreement = parsed.record
        # None when `parties` itself is invalid (a partial record, reported already): then nobody
        # can say whether an agency or innovation belongs to a party, so those checks are skipped.
        parties = agreement.parties
        for index, party in enumerate(parties or ()):
            if party not in files.regions:
                report_unknown(
                    problems, parsed, f"parties[{index}]", "unknown-region", party, list(files.regions)
                )
        for index, ref in enumerate(agreement.agencies):
            region_id, _, agency_id = ref.partition("/")
            name = f"agencies[{index}]"
            if parties is not None and region_id not in parties:
                report_field(problems, parsed, name, "agency-not-party", value=ref, region=region_id)
            elif region_id in regions:
                agency_ids = [a.id for a in regions[region_id].record.agencies]
                if agency_id not in agency_ids:
                    report_field(
                        problems,
                        parsed,
                        name,
                        "unknown-agency",
                        value=agency_id,
                        region=region_id,
                        allowed=", ".join(agency_ids) or "-",
                    )
        for index, ref in enumerate(agreement.innovations):
            if ref not in files.innovations:
                report_unknown(
                    problems,
                    parsed,
                    f"innovations[{index}]",
                    "unknown-innovation",
                    ref,
                    list(files.innovations),
                )
            elif parties is not None and ref.partition("/")[0] not in parties:
                report_field(problems, parsed, f"innovations[{index}]", "innovation-not-party", value=ref)

"""The checks of region records that need other files or each other: id prefix, province, code."""

from __future__ import annotations

from .check_refs import report_field, report_unknown
from .file_checks import Parsed
from .files import CatalogueFiles
from .model import Region
from .problems import Problem, problem

# Region ids carry their type, so that Kabupaten Bogor and Kota Bogor can never be confused.
REGION_ID_PREFIX = {"provinsi": "provinsi-", "kabupaten": "kabupaten-", "kota": "kota-"}
_TYPE_WORDS = frozenset({"provinsi", "kabupaten", "kota", "kab", "prov"})
# Kemendagri numbers kota from 71 upwards inside a province; kabupaten below.
FIRST_KOTA_NUMBER = 71


def check_regions(regions: dict[str, Parsed], files: CatalogueFiles, problems: list[Problem]) -> None:
    """Each region's id carries its type, its province exists and is one, its code has the shape of
    its type and lies in its province's, only a kabupaten or kota is administrative, and no code or
    agency id is used twice."""
    codes: dict[str, Parsed] = {}
    for key, parsed in regions.items():
        region: Region = parsed.record
        if region.type is not None:
            prefix = REGION_ID_PREFIX[region.type]
            if not key.startswith(prefix):
                rest = key.split("-", 1)[1] if key.split("-", 1)[0] in _TYPE_WORDS and "-" in key else key
                problems.append(
                    problem(
                        parsed.path,
                        1,
                        1,
                        "region-id-prefix",
                        "",
                        type=region.type,
                        prefix=prefix,
                        suggestion=f"{prefix}{rest}.yml",
                    )
                )
            _check_province(region, parsed, regions, files, problems)
            if region.code is not None:
                _check_code(region, parsed, problems)
        if region.administrative and region.type == "provinsi":
            report_field(problems, parsed, "administrative", "administrative-province")
        if region.code in codes:
            report_field(
                problems, parsed, "code", "duplicate-code", code=region.code, other=codes[region.code].path
            )
        elif region.code is not None:
            codes[region.code] = parsed
        seen: set[str] = set()
        for index, agency in enumerate(region.agencies):
            if agency.id in seen:
                report_field(problems, parsed, f"agencies[{index}].id", "duplicate-agency", id=agency.id)
            seen.add(agency.id)


def _check_code(region: Region, parsed: Parsed, problems: list[Problem]) -> None:
    parts = region.code.split(".")
    if region.type == "provinsi":
        if len(parts) != 1:
            report_field(problems, parsed, "code", "code-shape-province", code=region.code)
        return
    if len(parts) != 2:
        report_field(problems, parsed, "code", "code-shape-regency", code=region.code, type=region.type)
        return
    is_kota_number = int(parts[1]) >= FIRST_KOTA_NUMBER
    if is_kota_number != (region.type == "kota"):
        report_field(problems, parsed, "code", "code-type-mismatch", code=region.code, type=region.type)


def _check_province(
    region: Region,
    parsed: Parsed,
    regions: dict[str, Parsed],
    files: CatalogueFiles,
    problems: list[Problem],
) -> None:
    if region.type == "provinsi":
        if region.province is not None:
            report_field(problems, parsed, "province", "province-on-province")
        return
    if region.province is None:
        if "province" not in parsed.positions:  # written but invalid: reported already
            problems.append(problem(parsed.path, 1, 1, "missing-field", "province", name="province"))
        return
    province = regions.get(region.province)
    if province is None:
        if region.province not in files.regions:
            report_unknown(
                problems, parsed, "province", "unknown-region", region.province, list(files.regions)
            )
        return
    if province.record.type != "provinsi":
        report_field(problems, parsed, "province", "province-not-province", id=region.province)
    elif (
        region.code
        and province.record.code
        and "." in region.code  # a code of the wrong shape is reported by `_check_code`
        and not region.code.startswith(province.record.code + ".")
    ):
        report_field(
            problems,
            parsed,
            "code",
            "code-province-mismatch",
            code=region.code,
            province=province.record.code,
        )

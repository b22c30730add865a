"""Check a whole catalogue: find the files, validate each, then resolve every reference.

Every problem in every file is collected in one run; one broken file never hides another's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .catalogue import Catalogue
from .check_media import check_media
from .check_refs import report_field as _report
from .check_refs import report_unknown as _unknown
from .check_visits import check_visits
from .collector import collector_paused
from .confusables import Named, lookalike_problems
from .file_checks import FileCache, FileTask, Parsed, validate_files
from .files import CatalogueFiles, find_files
from .model import Agreement, Innovation, Region, Visit
from .named_refs import named_refs
from .problems import CatalogueError, Problem, problem, sort_key
from .validate import closest

# Region ids carry their type, so that Kabupaten Bogor and Kota Bogor can never be confused.
REGION_ID_PREFIX = {"provinsi": "provinsi-", "kabupaten": "kabupaten-", "kota": "kota-"}
_TYPE_WORDS = frozenset({"provinsi", "kabupaten", "kota", "kab", "prov"})
# Kemendagri numbers kota from 71 upwards inside a province; kabupaten below.
FIRST_KOTA_NUMBER = 71


@dataclass(slots=True)
class CheckResult:
    """What `check` found: the catalogue (None when invalid) and every problem."""

    catalogue: Catalogue | None
    problems: list[Problem]
    files: int
    invalid_files: int = 0
    # Where each field of each record of the catalogue stands, by the catalogue's source keys.
    positions: dict[str, dict[str, tuple[int, int]]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)

    def place(self, key: str, name: str) -> tuple[str, int, int]:
        """The file of the catalogue's record `key` and where its field `name` stands."""
        assert self.catalogue is not None
        line, column = self.positions[key].get(name, (1, 1))
        return self.catalogue.sources[key], line, column


# A check makes a million objects (records, node trees, positions) and no reference cycle: the cycle
# collector's passes over them found nothing and took a tenth of the time.
@collector_paused()
def check(
    root: Path,
    *,
    jobs: int = 0,
    cache: FileCache | None = None,
    only: Callable[[type, str], bool] | None = None,
    positions: bool = True,
) -> CheckResult:
    """Check the catalogue under `root` and return the result; never raises on bad content.

    Args:
        root: the catalogue folder (holding regions/, innovations/, agreements/).
        jobs: processes for the per-file checks of a large catalogue (0: one per CPU core).
        cache: per-file outcomes to reuse for files that have not changed (`mkdocs serve`).
        only: which records (kind, key) to read, for a partial catalogue (`katalog preview`);
            references to the others are checked against the files that exist.
        positions: keep where each field of a valid catalogue stands (`CheckResult.place`), for
            warnings found after the check; a build has no use for them (60 MB at 30,000 records).
    """
    files = find_files(root)
    problems = list(files.problems)
    kinds: list[tuple[dict[str, tuple[str, str]], type]] = [
        (files.regions, Region),
        (files.innovations, Innovation),
        (files.agreements, Agreement),
        (files.visits, Visit),
    ]
    tasks: list[FileTask] = list(files.misnamed)
    keys: list[tuple[type, str]] = []
    for found, cls in kinds:
        for key, (path, rel) in sorted(found.items()):
            if only is not None and not only(cls, key):
                continue
            tasks.append((path, rel, cls, key))
            keys.append((cls, key))
    outcomes = validate_files(tasks, jobs, cache)
    for outcome in outcomes:
        problems.extend(outcome.problems)
    # Misnamed files come first: their problems are reported, their records are not used.
    parsed: dict[type, dict[str, Parsed]] = {Region: {}, Innovation: {}, Agreement: {}, Visit: {}}
    for (cls, key), outcome in zip(keys, outcomes[len(files.misnamed) :], strict=True):
        if outcome.parsed is not None:
            parsed[cls][key] = outcome.parsed
    regions, innovations, agreements = parsed[Region], parsed[Innovation], parsed[Agreement]
    visits = parsed[Visit]
    _check_regions(regions, files, problems)
    _check_innovations(innovations, regions, files, problems)
    check_media(innovations, root, problems, whole=only is None)
    _check_agreements(agreements, regions, files, problems)
    check_visits(visits, regions, agreements, files, problems)
    problems.extend(_lookalikes(regions, innovations))
    problems.sort(key=sort_key)
    problems = named_refs(problems, regions)
    invalid = len({p.path for p in problems if p.severity == "error"})
    checked = files.count if only is None else len(tasks)
    result = CheckResult(None, problems, checked, invalid)
    groups = (regions, innovations, agreements, visits)
    if result.ok and all(p.valid for group in groups for p in group.values()):
        result.catalogue = Catalogue(
            regions={k: p.record for k, p in sorted(regions.items())},
            innovations={k: p.record for k, p in sorted(innovations.items())},
            agreements={k: p.record for k, p in sorted(agreements.items())},
            visits={k: p.record for k, p in sorted(visits.items())},
            sources={
                **{k: p.path for k, p in regions.items()},
                **{k: p.path for k, p in innovations.items()},
                **{f"agreements/{k}": p.path for k, p in agreements.items()},
                **{f"visits/{k}": p.path for k, p in visits.items()},
            },
        )
    if result.catalogue is not None and positions:
        result.positions = {
            **{k: p.positions for k, p in regions.items()},
            **{k: p.positions for k, p in innovations.items()},
            **{f"agreements/{k}": p.positions for k, p in agreements.items()},
            **{f"visits/{k}": p.positions for k, p in visits.items()},
        }
    return result


def load_catalogue(root: Path) -> Catalogue:
    """The validated catalogue under `root`.

    Raises:
        CatalogueError: with every problem, when the content is invalid.
    """
    result = check(root, positions=False)
    if result.catalogue is None:
        raise CatalogueError(result.problems)
    return result.catalogue


def _lookalikes(regions: dict[str, Parsed], innovations: dict[str, Parsed]) -> list[Problem]:
    """Names a reader could take for another entry's: regions, and per region its innovations and
    its agencies (see `confusables`)."""

    def named(parsed: Parsed, name: str, value: Any) -> list[Named]:
        if not isinstance(value, str):  # missing or invalid: reported already
            return []
        line, column = parsed.at(name)
        return [Named(parsed.path, line, column, name, value)]

    groups = [[n for parsed in regions.values() for n in named(parsed, "name", parsed.record.name)]]
    by_region: dict[str, list[Named]] = {}
    for parsed in innovations.values():
        by_region.setdefault(parsed.record.region, []).extend(named(parsed, "title", parsed.record.title))
    groups += by_region.values()
    for parsed in regions.values():
        agencies = enumerate(parsed.record.agencies or ())
        groups.append(
            [n for i, agency in agencies for n in named(parsed, f"agencies[{i}].name", agency.name)]
        )
    return lookalike_problems(groups)


def _check_regions(regions: dict[str, Parsed], files: CatalogueFiles, problems: list[Problem]) -> None:
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
            _report(problems, parsed, "administrative", "administrative-province")
        if region.code in codes:
            _report(
                problems, parsed, "code", "duplicate-code", code=region.code, other=codes[region.code].path
            )
        elif region.code is not None:
            codes[region.code] = parsed
        seen: set[str] = set()
        for index, agency in enumerate(region.agencies):
            if agency.id in seen:
                _report(problems, parsed, f"agencies[{index}].id", "duplicate-agency", id=agency.id)
            seen.add(agency.id)


def _check_code(region: Region, parsed: Parsed, problems: list[Problem]) -> None:
    parts = region.code.split(".")
    if region.type == "provinsi":
        if len(parts) != 1:
            _report(problems, parsed, "code", "code-shape-province", code=region.code)
        return
    if len(parts) != 2:
        _report(problems, parsed, "code", "code-shape-regency", code=region.code, type=region.type)
        return
    is_kota_number = int(parts[1]) >= FIRST_KOTA_NUMBER
    if is_kota_number != (region.type == "kota"):
        _report(problems, parsed, "code", "code-type-mismatch", code=region.code, type=region.type)


def _check_province(
    region: Region,
    parsed: Parsed,
    regions: dict[str, Parsed],
    files: CatalogueFiles,
    problems: list[Problem],
) -> None:
    if region.type == "provinsi":
        if region.province is not None:
            _report(problems, parsed, "province", "province-on-province")
        return
    if region.province is None:
        if "province" not in parsed.positions:  # written but invalid: reported already
            problems.append(problem(parsed.path, 1, 1, "missing-field", "province", name="province"))
        return
    province = regions.get(region.province)
    if province is None:
        if region.province not in files.regions:
            _unknown(problems, parsed, "province", "unknown-region", region.province, list(files.regions))
        return
    if province.record.type != "provinsi":
        _report(problems, parsed, "province", "province-not-province", id=region.province)
    elif (
        region.code
        and province.record.code
        and "." in region.code  # a code of the wrong shape is reported by `_check_code`
        and not region.code.startswith(province.record.code + ".")
    ):
        _report(
            problems,
            parsed,
            "code",
            "code-province-mismatch",
            code=region.code,
            province=province.record.code,
        )


def _check_innovations(
    innovations: dict[str, Parsed],
    regions: dict[str, Parsed],
    files: CatalogueFiles,
    problems: list[Problem],
) -> None:
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
                    _report(
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
            _report(problems, parsed, "status", "missing-replaced-by")
        if innovation.replaced_by is not None and innovation.status != "replaced":
            _report(problems, parsed, "replaced_by", "replaced-by-without-status", status=innovation.status)
        if (
            innovation.trial_date
            and innovation.implementation_date
            and innovation.trial_date > innovation.implementation_date
        ):
            _report(problems, parsed, "implementation_date", "dates-out-of-order")


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
            _report(problems, parsed, name, "self-reference", value=ref)
        elif ref not in files.innovations:
            _unknown(problems, parsed, name, "unknown-innovation", ref, list(files.innovations))
    _check_replications(parsed, files, problems)


def _check_replications(parsed: Parsed, files: CatalogueFiles, problems: list[Problem]) -> None:
    """Each replication names another region, and optionally its agreement and its copy."""
    innovation: Innovation = parsed.record
    for index, replication in enumerate(innovation.replications or ()):
        name = f"replications[{index}]"
        if replication.region == innovation.region:
            _report(problems, parsed, f"{name}.region", "replication-own-region", value=replication.region)
        elif replication.region not in files.regions:
            _unknown(
                problems, parsed, f"{name}.region", "unknown-region", replication.region, list(files.regions)
            )
        if replication.agreement is not None and replication.agreement not in files.agreements:
            _unknown(
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
                _unknown(
                    problems,
                    parsed,
                    f"{name}.innovation",
                    "unknown-innovation",
                    copy,
                    list(files.innovations),
                )
            elif copy.partition("/")[0] != replication.region:
                _report(
                    problems,
                    parsed,
                    f"{name}.innovation",
                    "replication-copy-region",
                    value=copy,
                    region=replication.region,
                )


def _check_agreements(
    agreements: dict[str, Parsed],
    regions: dict[str, Parsed],
    files: CatalogueFiles,
    problems: list[Problem],
) -> None:
    for parsed in agreements.values():
        agreement: Agreement = parsed.record
        # None when `parties` itself is invalid (a partial record, reported already): then nobody
        # can say whether an agency or innovation belongs to a party, so those checks are skipped.
        parties = agreement.parties
        for index, party in enumerate(parties or ()):
            if party not in files.regions:
                _unknown(problems, parsed, f"parties[{index}]", "unknown-region", party, list(files.regions))
        for index, ref in enumerate(agreement.agencies):
            region_id, _, agency_id = ref.partition("/")
            name = f"agencies[{index}]"
            if parties is not None and region_id not in parties:
                _report(problems, parsed, name, "agency-not-party", value=ref, region=region_id)
            elif region_id in regions:
                agency_ids = [a.id for a in regions[region_id].record.agencies]
                if agency_id not in agency_ids:
                    _report(
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
                _unknown(
                    problems,
                    parsed,
                    f"innovations[{index}]",
                    "unknown-innovation",
                    ref,
                    list(files.innovations),
                )
            elif parties is not None and ref.partition("/")[0] not in parties:
                _report(problems, parsed, f"innovations[{index}]", "innovation-not-party", value=ref)

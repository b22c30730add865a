"""Check a whole catalogue: find the files, validate each, then resolve every reference.

Every problem in every file is collected in one run; one broken file never hides another's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .catalogue import Catalogue
from .check_agreements import check_agreements
from .check_innovations import check_innovations
from .check_media import check_media
from .check_regions import check_regions
from .check_visits import check_visits
from .collector import collector_paused
from .confusables import Named, lookalike_problems
from .file_checks import FileCache, FileTask, Parsed, validate_files
from .files import find_files
from .model import Agreement, Innovation, Region, Visit
from .named_refs import named_refs
from .problems import CatalogueError, Problem, sort_key


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
    check_regions(regions, files, problems)
    check_innovations(innovations, regions, files, problems)
    check_media(innovations, root, problems, whole=only is None)
    check_agreements(agreements, regions, files, problems)
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

"""The valid part of a catalogue that has broken files: what `show` and `preview` can still use.

A half-written draft from `katalog new` must not stop a newcomer from looking at the examples. A
broken innovation, agreement or visit file is left out, and said so; a broken region file is not:
the records of its region, and pages across regions, depend on it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .check import CheckResult, check
from .file_checks import FileCache
from .files import find_files
from .model import Agreement, Innovation, Visit
from .problems import Problem


def without_broken(
    root: Path,
    result: CheckResult,
    *,
    keep: frozenset[str] = frozenset(),
    only: Callable[[type, str], bool] | None = None,
    cache: FileCache | None = None,
    positions: bool = True,
) -> tuple[CheckResult, list[Problem]]:
    """`result`, a check of `root`, or, when its errors are all in record files that can be left
    out (none of them in `keep`), a check without those files, and the problems of the files left
    out (to report apart: nothing is dropped silently).

    Args:
        root: the catalogue folder `result` checked.
        result: that check.
        keep: files (relative to `root`) that must not be left out: the record asked for.
        only: the records the check read, as `check` takes it.
        cache: per-file outcomes, as `check` takes them.
        positions: as `check` takes it.
    """
    broken = {p.path for p in result.problems if p.severity == "error"}
    if result.catalogue is not None or not broken or broken & keep:
        return result, []
    files = find_files(root)
    rel_of: dict[tuple[type, str], str] = {
        (cls, key): rel
        for cls, found in (
            (Innovation, files.innovations),
            (Agreement, files.agreements),
            (Visit, files.visits),
        )
        for key, (_, rel) in found.items()
    }
    if not broken <= set(rel_of.values()):  # a region file, a misnamed or misplaced one
        return result, []

    def valid(cls: type, key: str) -> bool:
        return (only is None or only(cls, key)) and rel_of.get((cls, key), "") not in broken

    again = check(root, only=valid, cache=cache, positions=positions)
    if again.catalogue is None:
        return result, []
    return again, [p for p in result.problems if p.path in broken]

"""The per-file half of `check`: load and validate each record file on its own.

It is most of a check's time, and files are independent: a large catalogue is split between
processes, and a `FileCache` lets a long-running process (`mkdocs serve`) skip the files that
have not changed since it last read them.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .load import load_file
from .model import Innovation
from .pickling import pickled_by_fields
from .problems import Problem
from .validate import Validator

# Below this many files, starting processes costs more than it saves.
PARALLEL_FROM = 2_000
# Files handed to a process at a time: large enough that passing them costs little.
_CHUNK = 256


@pickled_by_fields
@dataclass(slots=True)
class Parsed:
    """One record file after validation, with where its fields stand."""

    path: str
    key: str
    record: Any
    positions: dict[str, tuple[int, int]] = field(default_factory=dict)
    valid: bool = True

    def at(self, name: str) -> tuple[int, int]:
        return self.positions.get(name, (1, 1))


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class FileOutcome:
    """What one file gave: its record (None when it could not be read at all) and its problems."""

    parsed: Parsed | None
    problems: tuple[Problem, ...]


# (path on disk, path as reported, record class, record key: "" for a file whose name is refused)
FileTask = tuple[str, str, type, str]


def validate_file(path: str, rel: str, cls: type, key: str) -> FileOutcome:
    """Load and validate one file; its record gets the identity its path gives (`key`)."""
    loaded = load_file(path, rel)
    if loaded.root is None:
        return FileOutcome(None, tuple(loaded.problems))
    validator = Validator(rel)
    record = validator.record(cls, loaded.root, identity=_identity(cls, key))
    problems = (*loaded.problems, *validator.problems)
    valid = record is not None and not loaded.problems
    partial = record if record is not None else validator.partial
    if partial is None:
        return FileOutcome(None, problems)
    return FileOutcome(Parsed(rel, key, partial, validator.positions, valid), problems)


def _identity(cls: type, key: str) -> dict[str, str] | None:
    """The fields that come from the file path (none for a file whose name is refused)."""
    if not key:
        return None
    if cls is Innovation:
        region, _, ident = key.partition("/")
        return {"region": region, "id": ident}
    return {"id": key}


class FileCache:
    """Each file's outcome, reused while the file keeps its size, modification time and inode.

    Outcomes are shared, not copied: callers must not change them.
    """

    def __init__(self) -> None:
        # (rel, record class) → (the file's stamp, its outcome)
        self._entries: dict[tuple[str, type], tuple[object, FileOutcome]] = {}

    @staticmethod
    def _stamp(path: str) -> object:
        """What changes when the file does; None when it cannot be read."""
        try:
            status = os.lstat(path)
        except OSError:
            return None
        return (status.st_size, status.st_mtime_ns, status.st_ino)

    def get(self, task: FileTask) -> FileOutcome | None:
        path, rel, cls, _ = task  # the key follows from the path
        entry = self._entries.get((rel, cls))
        if entry is None or entry[0] != self._stamp(path):
            return None
        return entry[1]

    def put(self, task: FileTask, outcome: FileOutcome) -> None:
        path, rel, cls, _ = task
        stamp = self._stamp(path)
        if stamp is not None:
            self._entries[(rel, cls)] = (stamp, outcome)


def validate_files(
    tasks: Sequence[FileTask], jobs: int = 0, cache: FileCache | None = None
) -> list[FileOutcome]:
    """The outcome of each task, in order.

    Args:
        tasks: the files to check.
        jobs: processes to use for many files (0: one per CPU core; 1: none).
        cache: outcomes of unchanged files to reuse, and to keep the new ones in.
    """
    outcomes: list[FileOutcome | None] = [cache.get(t) if cache else None for t in tasks]
    todo = [i for i, outcome in enumerate(outcomes) if outcome is None]
    jobs = jobs or os.cpu_count() or 1
    if jobs > 1 and len(todo) >= PARALLEL_FROM and "fork" in multiprocessing.get_all_start_methods():
        # Forked workers share the loaded code and vocabularies; only outcomes travel back, which
        # costs about a third of checking them. A worker per core, and the parent checks a small
        # share itself between receiving theirs: at 30,000 long records on two cores 9 s, against
        # 10.5 s with one worker and the parent taking half (it fell behind, receiving).
        own = len(todo) // (2 * jobs)
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            theirs = pool.starmap_async(validate_file, [tasks[i] for i in todo[own:]], chunksize=_CHUNK)
            fresh = [validate_file(*tasks[i]) for i in todo[:own]]
            fresh += theirs.get()
    else:
        fresh = [validate_file(*tasks[i]) for i in todo]
    for i, outcome in zip(todo, fresh, strict=True):
        outcomes[i] = outcome
        if cache is not None:
            cache.put(tasks[i], outcome)
    return [o for o in outcomes if o is not None]

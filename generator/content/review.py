"""Review help on top of the checker: which files changed since a git ref, likely duplicates and
stale entries.

Duplicates and staleness are warnings, never errors: a reviewer decides. They are computed on a
valid catalogue only, so a contributor sees them once the errors are fixed. Nothing here reads the
clock; the caller passes today's date.
"""

from __future__ import annotations

import bisect
import datetime as dt
import difflib
import multiprocessing
import os
import re
import shutil
import subprocess
from collections import defaultdict
from dataclasses import replace
from pathlib import Path
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import Indel

from .check import CheckResult
from .collector import collector_paused
from .problems import Problem, problem, sort_key

# Entries not verified against their sources for two years are worth a second look.
DEFAULT_STALE_AFTER = 730
# Titles this similar (difflib ratio of the normalised text) are most likely the same innovation.
SIMILAR_TITLE_RATIO = 0.9
_NOT_WORD = re.compile(r"[^\w\s]+")
# A word long enough not to pass for an acronym: an all-caps title of two of them is shouted
# ("LAYANAN ADUAN WARGA"), while one acronym alone ("SIPD") or among lower-case words is a name.
_LONG_WORD = re.compile(r"[^\W\d_]{4,}")


class GitError(Exception):
    """`--changed-since` cannot be answered: no git, no repository or an unknown ref.

    Attributes:
        key: the message key in `data/messages.yml` (`commands`).
        params: the message's placeholders.
    """

    def __init__(self, key: str, **args: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = args


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, check=False, timeout=60)


def changed_files(root: Path, ref: str) -> set[str]:
    """Paths (relative to `root`) changed since `ref`: committed, staged, unstaged and untracked.

    Raises:
        GitError: when git is missing, `root` is outside a repository or `ref` is unknown.
    """
    if shutil.which("git") is None:
        raise GitError("git-missing")
    if _git(root, "rev-parse", "--is-inside-work-tree").returncode != 0:
        raise GitError("git-not-repository", root=str(root))
    # A ref that starts with "-" would be read as an option.
    resolved = (
        None if ref.startswith("-") else _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    )
    if resolved is None or resolved.returncode != 0:
        raise GitError("git-unknown-ref", ref=ref)
    commit = resolved.stdout.decode().strip()
    # -z: raw, NUL-separated paths (no quoting of non-ASCII names); --relative: paths from `root`.
    diff = _git(root, "diff", "--name-only", "-z", "--relative", commit, "--")
    untracked = _git(root, "ls-files", "--others", "--exclude-standard", "-z")
    names = diff.stdout.decode("utf-8", "replace").split("\0") + untracked.stdout.decode(
        "utf-8", "replace"
    ).split("\0")
    return {name for name in names if name}


def changed_first(result: CheckResult, changed: set[str], only: bool = False) -> CheckResult:
    """The result with problems in `changed` files first (or alone, with `only`)."""
    mine = [p for p in result.problems if p.path in changed]
    others = [] if only else [p for p in result.problems if p.path not in changed]
    return replace(result, problems=mine + others)


# Like the check, the review makes hundreds of thousands of objects and no reference cycle; the
# collector's passes would walk the whole checked catalogue again and again for nothing.
@collector_paused()
def review(result: CheckResult, today: dt.date, stale_after: int = DEFAULT_STALE_AFTER) -> CheckResult:
    """The result with the review warnings added (none when the catalogue is invalid)."""
    if result.catalogue is None:
        return result
    warnings = duplicate_warnings(result) + stale_warnings(result, today, stale_after) + caps_warnings(result)
    # Sorted by the fields a Problem is ordered by, compared in C: thousands of warnings.
    return replace(result, problems=sorted(result.problems + warnings, key=sort_key))


def normalise(text: str) -> str:
    """Text as compared for duplicates: case, punctuation and whitespace ignored."""
    return " ".join(_NOT_WORD.sub(" ", text.casefold()).split())


# Below this many title comparisons (the sum of each region's count squared), a second process
# costs more than it saves.
PARALLEL_COMPARISONS_FROM = 4_000_000
# Rounding slack for the float bounds: a bound may only ever let a pair through, never drop one.
_SLACK = 1e-9


def _similar_pairs(entries: list[tuple[str, str]]) -> set[frozenset[str]]:
    """The pairs of (ref, normalised title) whose titles are near-identical.

    A region can hold thousands of innovations, so two cheap bounds come before difflib's ratio.
    Titles are taken by length and compared only with those close enough in length to reach the
    ratio (2·shorter / (shorter + longer) bounds it). Those are compared first by rapidfuzz, in
    C++: its Indel similarity, 2·(longest common subsequence) / (total length), is never below
    difflib's ratio (difflib's matching blocks are a common subsequence), so it drops no pair that
    difflib would keep, and difflib decides the few left. difflib's ratio depends on which title
    comes first (its matching blocks are found greedily), so a pair counts when either order
    reaches the ratio: the warning does not depend on how the files sort.
    """
    ordered = sorted((len(title), ref, title) for ref, title in entries)
    lengths = [entry[0] for entry in ordered]
    titles = [entry[2] for entry in ordered]
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    backwards = difflib.SequenceMatcher(None, autojunk=False)
    pairs: set[frozenset[str]] = set()
    for index, (length, ref, title) in enumerate(ordered):
        shortest = bisect.bisect_left(
            lengths, SIMILAR_TITLE_RATIO * length / (2 - SIMILAR_TITLE_RATIO) - _SLACK
        )
        close = process.extract(
            title,
            titles[shortest:index],
            scorer=Indel.normalized_similarity,
            score_cutoff=SIMILAR_TITLE_RATIO - _SLACK,
            limit=None,
        )
        if close:
            matcher.set_seq2(title)
            backwards.set_seq1(title)
        for _, _, offset in close:
            other = titles[shortest + offset]
            matcher.set_seq1(other)
            if matcher.ratio() < SIMILAR_TITLE_RATIO:
                backwards.set_seq2(other)
                if backwards.ratio() < SIMILAR_TITLE_RATIO:
                    continue
            pairs.add(frozenset((ref, ordered[shortest + offset][1])))
    return pairs


def duplicate_warnings(result: CheckResult) -> list[Problem]:
    """Innovations submitted twice (same title and summary) and near-identical titles in one region,
    in a valid catalogue.

    The warning goes on the later entry (in sorted order), naming the earlier one.
    """
    catalogue = result.catalogue
    assert catalogue is not None
    warnings = []
    titles = {ref: normalise(innovation.title) for ref, innovation in catalogue.innovations.items()}
    same_title: dict[str, list[str]] = defaultdict(list)
    for ref, title in titles.items():
        same_title[title].append(ref)
    # Only entries that share a title can share title and summary: the others' summaries (long
    # text, thirty thousand of them) need no normalising.
    same_text: dict[tuple[str, str], list[str]] = defaultdict(list)
    for title, refs in same_title.items():
        if len(refs) > 1:
            for ref in refs:
                same_text[(title, normalise(catalogue.innovations[ref].summary))].append(ref)
    twice: set[frozenset[str]] = set()
    for refs in same_text.values():
        for other in refs[1:]:
            twice.add(frozenset((refs[0], other)))
            path, line, column = result.place(other, "title")
            warnings.append(
                problem(
                    path, line, column, "duplicate-innovation", "title", severity="warning", other=refs[0]
                )
            )
    by_region: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for ref, innovation in catalogue.innovations.items():
        by_region[innovation.region].append((ref, titles[ref]))
    for earlier, later in sorted(_similar_pairs_of_regions(list(by_region.values())) - twice, key=sorted):
        first, second = sorted((earlier, later))
        path, line, column = result.place(second, "title")
        other_title = catalogue.innovations[first].title
        warnings.append(
            problem(
                path,
                line,
                column,
                "similar-title",
                "title",
                severity="warning",
                other=first,
                title=other_title,
            )
        )
    return warnings


def _similar_pairs_in(groups: list[list[tuple[str, str]]]) -> set[frozenset[str]]:
    """The similar pairs within each group of (ref, normalised title)."""
    return set().union(*map(_similar_pairs, groups))


def _similar_pairs_of_regions(groups: list[list[tuple[str, str]]]) -> set[frozenset[str]]:
    """The similar pairs within each region's titles; split between two processes when the
    comparisons are many."""
    if (
        sum(len(group) ** 2 for group in groups) < PARALLEL_COMPARISONS_FROM
        or (os.cpu_count() or 1) < 2
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        return _similar_pairs_in(groups)
    # The largest region first, each to the lighter share: the shares end up nearly even.
    shares: tuple[list[list[tuple[str, str]]], ...] = ([], [])
    loads = [0, 0]
    for group in sorted(groups, key=len, reverse=True):
        lighter = loads.index(min(loads))
        shares[lighter].append(group)
        loads[lighter] += len(group) ** 2
    with multiprocessing.get_context("fork").Pool(1) as pool:
        theirs = pool.apply_async(_similar_pairs_in, (shares[1],))
        return _similar_pairs_in(shares[0]) | theirs.get()


def stale_warnings(result: CheckResult, today: dt.date, stale_after: int) -> list[Problem]:
    """Innovations of a valid catalogue whose `last_verified` is more than `stale_after` days
    before `today`."""
    catalogue = result.catalogue
    assert catalogue is not None
    warnings = []
    for ref, innovation in catalogue.innovations.items():
        verified = innovation.last_verified
        if verified is None:
            continue
        days = (today - verified).days
        if days > stale_after:
            path, line, column = result.place(ref, "last_verified")
            warnings.append(
                problem(
                    path,
                    line,
                    column,
                    "stale-entry",
                    "last_verified",
                    severity="warning",
                    date=verified.isoformat(),
                    days=days,
                    limit=stale_after,
                )
            )
    return warnings


def all_caps(title: str) -> bool:
    """Whether a title is written in capitals throughout: every letter upper case, and more than
    one word of four letters or more (so a lone acronym such as "SIPD" passes)."""
    letters = [c for c in title if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(_LONG_WORD.findall(title)) > 1


def caps_warnings(result: CheckResult) -> list[Problem]:
    """Innovations of a valid catalogue whose title is in capitals throughout."""
    catalogue = result.catalogue
    assert catalogue is not None
    warnings = []
    for ref, innovation in catalogue.innovations.items():
        if all_caps(innovation.title):
            path, line, column = result.place(ref, "title")
            warnings.append(problem(path, line, column, "title-all-caps", "title", severity="warning"))
    return warnings

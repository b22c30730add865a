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
import re
import shutil
import subprocess
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path
from typing import Any

from .catalogue import Catalogue
from .check import CheckResult
from .load import Mapping, load_file
from .problems import Problem, problem

# Entries not verified against their sources for two years are worth a second look.
DEFAULT_STALE_AFTER = 730
# Titles this similar (difflib ratio of the normalised text) are most likely the same innovation.
SIMILAR_TITLE_RATIO = 0.9
_NOT_WORD = re.compile(r"[^\w\s]+")


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


def review(
    result: CheckResult, root: Path, today: dt.date, stale_after: int = DEFAULT_STALE_AFTER
) -> CheckResult:
    """The result with the review warnings added (none when the catalogue is invalid)."""
    if result.catalogue is None:
        return result
    warnings = duplicate_warnings(result.catalogue, root) + stale_warnings(
        result.catalogue, root, today, stale_after
    )
    return replace(result, problems=sorted(result.problems + warnings))


def normalise(text: str) -> str:
    """Text as compared for duplicates: case, punctuation and whitespace ignored."""
    return " ".join(_NOT_WORD.sub(" ", text.casefold()).split())


# Characters of a normalised title, each with its own field in a title's signature; any other
# character shares the last field (a shared field only hides differences, so no pair is missed).
_SLOTS = {char: index for index, char in enumerate("abcdefghijklmnopqrstuvwxyz0123456789 ")}
# Occurrences of one character a signature counts, at most: more only hides differences too.
_FIELD = 8
# Rounding slack for the float bounds: a bound may only ever let a pair through, never drop one.
_SLACK = 1e-9


def _signature(text: str) -> int:
    """How often each character occurs, each count written in unary in its own field, so that
    `(a ^ b).bit_count()` never exceeds the characters of one title that the other lacks."""
    signature = 0
    for char, count in Counter(text).items():
        slot = _SLOTS.get(char, len(_SLOTS))
        signature |= ((1 << min(count, _FIELD)) - 1) << (slot * _FIELD)
    return signature


def _similar_pairs(entries: list[tuple[str, str]]) -> set[frozenset[str]]:
    """The pairs of (ref, normalised title) whose titles are near-identical.

    A region can hold thousands of innovations, so two cheap bounds come before difflib's ratio:
    titles are taken by length and compared only with those close enough in length to reach the
    ratio (2·shorter / (shorter + longer) bounds it), and only when their character counts differ
    little enough (the bound difflib's `quick_ratio` computes, here in one XOR of two integers).
    """
    ordered = sorted((len(title), ref, title, _signature(title)) for ref, title in entries)
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    pairs: set[frozenset[str]] = set()
    most_different = 1 - SIMILAR_TITLE_RATIO
    lengths = [entry[0] for entry in ordered]
    for index, (length, ref, title, signature) in enumerate(ordered):
        shortest = bisect.bisect_left(
            lengths, SIMILAR_TITLE_RATIO * length / (2 - SIMILAR_TITLE_RATIO) - _SLACK
        )
        close = [
            (other, other_title)
            for other_length, other, other_title, other_signature in ordered[shortest:index]
            if (signature ^ other_signature).bit_count() <= most_different * (length + other_length) + _SLACK
        ]
        if close:
            matcher.set_seq2(title)
        for other, other_title in close:
            matcher.set_seq1(other_title)
            if matcher.ratio() >= SIMILAR_TITLE_RATIO:
                pairs.add(frozenset((ref, other)))
    return pairs


def duplicate_warnings(catalogue: Catalogue, root: Path) -> list[Problem]:
    """Innovations submitted twice (same title and summary) and near-identical titles in one region.

    The warning goes on the later entry (in sorted order), naming the earlier one.
    """
    warnings = []
    same_text: dict[tuple[str, str], list[str]] = defaultdict(list)
    for ref, innovation in catalogue.innovations.items():
        same_text[(normalise(innovation.title), normalise(innovation.summary))].append(ref)
    twice: set[frozenset[str]] = set()
    for refs in same_text.values():
        for other in refs[1:]:
            twice.add(frozenset((refs[0], other)))
            path, line, column = _place(catalogue, root, other, "title")
            warnings.append(
                problem(
                    path, line, column, "duplicate-innovation", "title", severity="warning", other=refs[0]
                )
            )
    by_region: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for ref, innovation in catalogue.innovations.items():
        by_region[innovation.region].append((ref, normalise(innovation.title)))
    for entries in by_region.values():
        for earlier, later in sorted(_similar_pairs(entries) - twice, key=sorted):
            first, second = sorted((earlier, later))
            path, line, column = _place(catalogue, root, second, "title")
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


def stale_warnings(catalogue: Catalogue, root: Path, today: dt.date, stale_after: int) -> list[Problem]:
    """Innovations whose `last_verified` is more than `stale_after` days before `today`."""
    warnings = []
    for ref, innovation in catalogue.innovations.items():
        verified = innovation.last_verified
        if verified is None:
            continue
        days = (today - verified).days
        if days > stale_after:
            path, line, column = _place(catalogue, root, ref, "last_verified")
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


def _place(catalogue: Catalogue, root: Path, key: str, name: str) -> tuple[str, int, int]:
    """The file of record `key` and where its top-level field `name` stands, so that an annotation
    lands on that line. The catalogue keeps no positions; the few files with a warning are read again.
    """
    path = catalogue.sources[key]
    # Most files write the field as `name: value` at the left margin: found without parsing.
    try:
        text = (root / path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text = ""
    found = re.search(rf"^{re.escape(name)}:[ \t]+(?=\S)", text, re.MULTILINE)
    if found is not None:
        return path, text.count("\n", 0, found.start()) + 1, found.end() - found.start() + 1
    loaded = load_file(root / path, path)
    if isinstance(loaded.root, Mapping) and name in loaded.root.pairs:
        node = loaded.root.pairs[name][1]
        return path, node.line, node.column
    return path, 1, 1

"""Review help on top of the checker: which files changed since a git ref, likely duplicates and
stale entries.

Duplicates and staleness are warnings, never errors: a reviewer decides. They are computed on a
valid catalogue only, so a contributor sees them once the errors are fixed. Nothing here reads the
clock; the caller passes today's date.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from .check import CheckResult
from .collector import collector_paused
from .duplicates import duplicate_warnings
from .problems import Problem, problem, sort_key

# Entries not verified against their sources for two years are worth a second look.
DEFAULT_STALE_AFTER = 730
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
def review(
    result: CheckResult, today: dt.date, stale_after: int = DEFAULT_STALE_AFTER, prefer: Iterable[str] = ()
) -> CheckResult:
    """The result with the review warnings added (none when the catalogue is invalid); a group of
    likely duplicates is reported at a member in `prefer` (the files under review) if it has one."""
    if result.catalogue is None:
        return result
    warnings = (
        duplicate_warnings(result, prefer)
        + stale_warnings(result, today, stale_after)
        + caps_warnings(result)
    )
    # Sorted by the fields a Problem is ordered by, compared in C: thousands of warnings.
    return replace(result, problems=sorted(result.problems + warnings, key=sort_key))


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
    if not title.isupper():  # a lower-case letter (or none with case): most titles, at C speed
        return False
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

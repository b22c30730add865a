"""The review options of `katalog check`: `--changed-since`, `--only-changed`, `--stale-after`,
`--today`. Kept apart from `cli.py` so the command line stays a thin list of commands."""

from __future__ import annotations

import argparse
import datetime as dt

from .check import CheckResult
from .messages import both_languages
from .review import DEFAULT_STALE_AFTER, GitError, changed_files, changed_first, review


class ReviewUsageError(Exception):
    """The review options cannot be used as given; `text` says why, in both languages."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value}") from None


def _days(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"not a positive number of days: {value}")
    return int(value)


def add_review_arguments(parser: argparse.ArgumentParser) -> None:
    """The review options, on the `check` command's parser."""
    parser.add_argument(
        "--changed-since",
        metavar="REF",
        help="report problems in files changed since the git REF first (e.g. origin/main)",
    )
    parser.add_argument(
        "--only-changed",
        action="store_true",
        help="with --changed-since: report only problems in changed files (the exit status follows them)",
    )
    parser.add_argument(
        "--stale-after",
        type=_days,
        default=DEFAULT_STALE_AFTER,
        metavar="DAYS",
        help=f"warn when last_verified is older than DAYS (default: {DEFAULT_STALE_AFTER})",
    )
    parser.add_argument(
        "--today",
        type=_date,
        metavar="YYYY-MM-DD",
        help="the date staleness is measured from (default: today)",
    )


def changed_since(args: argparse.Namespace) -> set[str] | None:
    """The files changed since `--changed-since`, None without it.

    Raises:
        ReviewUsageError: no git, not a repository, an unknown ref, or `--only-changed` alone.
    """
    if args.changed_since is None:
        if args.only_changed:
            raise ReviewUsageError(both_languages("only-changed-needs-ref"))
        return None
    try:
        return changed_files(args.root, args.changed_since)
    except GitError as error:
        raise ReviewUsageError(both_languages(error.key, **error.params)) from None


def reviewed(result: CheckResult, args: argparse.Namespace, changed: set[str] | None) -> CheckResult:
    """The check result with review warnings, changed files first when asked."""
    # The one place the clock is read: the library itself takes the date as an argument.
    today = args.today or dt.date.today()
    result = review(result, today, args.stale_after, changed or ())
    if changed is not None:
        result = changed_first(result, changed, args.only_changed)
    return result

"""Reporting the problems that `check` finds across files, at the field that holds them."""

from __future__ import annotations

from typing import Any

from .file_checks import Parsed
from .problems import Problem, problem
from .validate import closest


def report_field(
    problems: list[Problem], parsed: Parsed, name: str, message_code: str, /, **args: Any
) -> None:
    """Add a problem at field `name` of the record `parsed`."""
    line, column = parsed.at(name)
    problems.append(problem(parsed.path, line, column, message_code, name, **args))


def report_unknown(
    problems: list[Problem], parsed: Parsed, name: str, code: str, value: str, options: list[str]
) -> None:
    """Report an unresolved reference, suggesting the closest existing ids."""
    suggestions = closest(value, options)
    report_field(problems, parsed, name, code, value=value, suggestions=", ".join(suggestions) or "-")

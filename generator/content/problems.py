"""Problems are values: collected with their place, rendered in the reader's language at the end."""

from __future__ import annotations

import dataclasses
import operator
from dataclasses import dataclass
from typing import Any

from .pickling import pickled_by_fields


@pickled_by_fields
@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One thing wrong with the content, and where.

    Attributes:
        path: file path relative to the catalogue root, with forward slashes.
        line: 1-based line (0 when the problem is about the whole file).
        column: 1-based column (0 when unknown).
        code: key of the message in `data/messages.yml`.
        field: dotted path of the field, e.g. `metrics[0].year` ("" for the whole file).
        args: values for the message's placeholders, as sorted (name, value) pairs.
        severity: "error" or "warning".
    """

    path: str
    line: int
    column: int
    code: str
    field: str = ""
    args: tuple[tuple[str, Any], ...] = ()
    severity: str = dataclasses.field(default="error", compare=False)

    @property
    def arguments(self) -> dict[str, Any]:
        return dict(self.args)


# The order Problems compare in, as a key compared in C: sorting by their own comparison builds two
# tuples for every comparison, a third of a second for the 20,000 warnings of a national catalogue.
sort_key = operator.attrgetter(*(f.name for f in dataclasses.fields(Problem) if f.compare))


def problem(
    path: str, line: int, column: int, code: str, field: str = "", /, severity: str = "error", **args: Any
) -> Problem:
    """Build a `Problem`; keyword arguments fill the message's placeholders."""
    return Problem(path, line, column, code, field, tuple(sorted(args.items())), severity)


class CatalogueError(Exception):
    """The catalogue is invalid. Carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(f"{len(self.problems)} problem(s) in the catalogue")

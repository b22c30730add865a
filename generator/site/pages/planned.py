"""A planned page: its template and what the template is given, written when called."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..render import PageRenderer


@dataclass(frozen=True, slots=True)
class PlannedPage:
    """A page to write: its template and what the template is given. Calling it writes it."""

    renderer: PageRenderer
    template: str
    path: str
    context: dict[str, Any]

    def __call__(self) -> str:
        return self.renderer.render(self.template, self.path, **self.context)


# Every page by path, sorted.
PagePlan = dict[str, PlannedPage]
# A page as the planners yield it: (path, planned page).
Planned = tuple[str, PlannedPage]

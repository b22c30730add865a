"""Which page links a long listing's pager shows, so that a pager stays small at any length.

A listing of 300 pages that linked every page would weigh more than the list itself; the pager
shows the first and last page, the pages near the current one, and a gap mark between.
"""

from __future__ import annotations

from dataclasses import dataclass

# Pages shown on each side of the current page.
SPREAD = 2


def window(count: int, current: int, spread: int = SPREAD) -> list[int | None]:
    """Page numbers 1…`count` to show around `current`, with None where pages are left out."""
    shown = sorted({1, count} | set(range(max(1, current - spread), min(count, current + spread) + 1)))
    out: list[int | None] = []
    for number in shown:
        if out and number - (out[-1] or 0) == 2:
            out.append(number - 1)  # one hidden page: show it rather than a gap mark
        elif out and number - (out[-1] or 0) > 2:
            out.append(None)
        out.append(number)
    return out


@dataclass(frozen=True)
class Pager:
    """The links of one page's pager: previous, the numbered pages (None for a gap), next."""

    previous: str | None
    items: list[tuple[int, str] | None]
    next: str | None


def pager(pages: list[tuple[int, str]], page: str) -> Pager:
    """The pager of `page`, one of the listing's `pages` as (number, path)."""
    targets = dict(pages)
    current = next(number for number, target in pages if target == page)
    items = [None if n is None else (n, targets[n]) for n in window(len(pages), current)]
    return Pager(targets.get(current - 1), items, targets.get(current + 1))

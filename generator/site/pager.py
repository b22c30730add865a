"""Which page links a long listing's pager shows, so that a pager stays small at any length.

A listing of 300 pages that linked every page would weigh more than the list itself; the pager
shows the first and last page, the pages near the current one, and a gap mark between. Pages are
not numbered (see `page_cuts`): each link reads as its page's first item, like a dictionary's
guide words.
"""

from __future__ import annotations

from dataclasses import dataclass

# Pages shown on each side of the current page: one, as each link reads as its page's first title
# (a pager of numbers showed two).
SPREAD = 1
# A link's text: its page's first item, shortened at a word to about this many characters.
GUIDE_LENGTH = 28


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


def guide(label: str, length: int = GUIDE_LENGTH) -> str:
    """`label` cut after the last whole word within `length` characters, marked "…" when cut."""
    if len(label) <= length:
        return label
    within = label[: length + 1]  # one more: a word that ends exactly at `length` is whole
    head = within.rsplit(" ", 1)[0] if " " in within.strip() else label[:length]
    return head.rstrip(" ,.;:-–—") + "…"


@dataclass(frozen=True)
class Pager:
    """The links of one page's pager: previous, the pages shown (None for a gap), next.

    The first and last pages come without their words (they read "first" and "last"): every page
    shows them, and would otherwise change whenever their first items do.
    """

    previous: str | None
    items: list[tuple[str, str] | None]
    next: str | None


def pager(pages: list[tuple[str, str]], current: int) -> Pager:
    """The pager of page number `current` (from 1) of a listing's `pages`, (guide words, path) in order."""
    count = len(pages)
    items = [
        None if n is None else ("", pages[n - 1][1]) if n in (1, count) and n != current else pages[n - 1]
        for n in window(count, current)
    ]
    previous = pages[current - 2][1] if current > 1 else None
    following = pages[current][1] if current < count else None
    return Pager(previous, items, following)

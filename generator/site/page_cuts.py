"""Where a long listing's pages end: chosen by the items themselves, so that one edit changes few pages.

Pages of a fixed length shift by one item wherever an item joins or leaves. A new title moves an
innovation from "S…" to "L…" in a theme listing of 4,500, and every page in between shows other
items: 845 pages rebuilt for one title at 30,000 innovations. Here a page ends after an item whose
key hashes to 0 modulo CUT_ONE_IN, once the page holds PAGE_MIN items, or at PAGE_MAX. An item
that joins or leaves changes its own page and, when it ends one, the next; the pages in between
keep their items. Pages are named by their first item's key, not numbered, so they keep their
addresses too (see `paths.listing_page`).

Measured on the 30,000 synthetic catalogue (600 title edits, listing pages changed): fixed pages
of 40, median 306 and 90th percentile 639; these cuts, median 15 and 90th percentile 27, for 16%
more listing pages (8,645 to 10,034). A hash of 1 in 10 between 20 and 40 items was the best of
the settings tried: rarer cuts leave more pages cut at PAGE_MAX, and a page cut there shifts the
cuts after it until a hashed cut falls past PAGE_MIN again.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Sequence
from typing import TypeVar

# Items per page: at most PAGE_MAX keeps every listing page within its size budget (budgets.yml).
PAGE_MIN = 20
PAGE_MAX = 40
# One item in CUT_ONE_IN ends a page (by its key's hash): pages of 28 items on average.
CUT_ONE_IN = 10

Item = TypeVar("Item")


def ends_page(key: str) -> bool:
    """Whether an item with this key ends its page (once the page holds PAGE_MIN items)."""
    # CRC32, not `hash()`: Python salts string hashes per process, and pages must not move between builds.
    return zlib.crc32(key.encode()) % CUT_ONE_IN == 0


def cut(items: Sequence[Item], key: Callable[[Item], str]) -> list[list[Item]]:
    """`items` in pages of PAGE_MIN to PAGE_MAX (the last may be shorter); always at least one page."""
    pages: list[list[Item]] = []
    page: list[Item] = []
    for item in items:
        page.append(item)
        if len(page) >= PAGE_MAX or (len(page) >= PAGE_MIN and ends_page(key(item))):
            pages.append(page)
            page = []
    if page or not pages:
        pages.append(page)
    return pages

"""Listing pages cut by their items: pages within bounds, and an edit moves few pages."""

from __future__ import annotations

import os
import random
import subprocess
import sys

from hypothesis import given
from hypothesis import strategies as st

from generator.site.page_cuts import PAGE_MAX, PAGE_MIN, cut, ends_page


def _pages_changed(before: list[list[str]], after: list[list[str]]) -> int:
    """Pages whose address (their first item) or items differ between two cuts of a listing."""
    old = {page[0]: page for page in before if page}
    new = {page[0]: page for page in after if page}
    return sum(1 for first in old.keys() | new.keys() if old.get(first) != new.get(first))


@given(st.lists(st.text(alphabet="abcdefgh-", min_size=1, max_size=6), max_size=400, unique=True))
def test_pages_hold_every_item_once_in_order_within_bounds(keys: list[str]) -> None:
    pages = cut(keys, str)
    assert [key for page in pages for key in page] == keys
    assert all(pages) if keys else pages == [[]]
    for page in pages[:-1]:
        assert PAGE_MIN <= len(page) <= PAGE_MAX
        # A page ends early only after an item whose key says so.
        assert len(page) == PAGE_MAX or ends_page(page[-1])
        assert not any(ends_page(key) for key in page[PAGE_MIN - 1 : -1])
    assert len(pages[-1]) <= PAGE_MAX


def test_an_empty_listing_has_one_empty_page() -> None:
    assert cut([], str) == [[]]


def test_the_cuts_are_the_same_in_every_process() -> None:
    keys = [f"kota-{n}--inovasi-{n}" for n in range(2000)]
    script = (
        "import sys\nfrom generator.site.page_cuts import cut\n"
        "keys = sys.stdin.read().split()\nprint([len(p) for p in cut(keys, str)])"
    )
    runs = {
        subprocess.run(
            [sys.executable, "-c", script],
            input="\n".join(keys),
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    }
    # Python salts string hashes per process; the cuts must not move between builds.
    assert runs == {str([len(p) for p in cut(keys, str)]) + "\n"}


def test_moving_one_item_changes_few_pages_where_fixed_pages_change_many() -> None:
    rng = random.Random(7)
    keys = [f"kota-{n:05d}--inovasi-{n}" for n in range(4500)]
    changed = []
    for _ in range(200):
        moved = rng.randrange(len(keys))
        target = rng.randrange(len(keys))
        after = keys[:moved] + keys[moved + 1 :]
        after.insert(target, keys[moved])
        changed.append(_pages_changed(cut(keys, str), cut(after, str)))
    changed.sort()
    fixed = [keys[i : i + PAGE_MAX] for i in range(0, len(keys), PAGE_MAX)]
    # For scale: pages of a fixed length change everywhere between the item's two places.
    far = [*keys[1:2000], keys[0], *keys[2000:]]
    fixed_after = [far[i : i + PAGE_MAX] for i in range(0, len(far), PAGE_MAX)]
    assert _pages_changed(fixed, fixed_after) >= 2000 // PAGE_MAX
    assert changed[len(changed) // 2] <= 4, changed
    assert changed[int(len(changed) * 0.9)] <= 8, changed

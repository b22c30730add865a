"""The pager of long listings: a few links at any length, every page reachable."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from generator import paths
from generator.pager import SPREAD, pager, window
from generator.render import PageRenderer


@given(st.integers(1, 2000).flatmap(lambda n: st.tuples(st.just(n), st.integers(1, n))))
def test_window_shows_the_ends_and_the_neighbours_in_order(case: tuple[int, int]) -> None:
    count, current = case
    shown = window(count, current)
    numbers = [n for n in shown if n is not None]
    assert numbers == sorted(set(numbers))
    assert {1, count, current} <= set(numbers)
    near = range(max(1, current - SPREAD), min(count, current + SPREAD) + 1)
    assert set(near) <= set(numbers)
    # A gap mark stands for at least two pages, and never starts or ends the list.
    for before, gap, after in zip(shown, shown[1:], shown[2:], strict=False):
        if gap is None:
            assert before is not None and after is not None and after - before > 2
    assert shown[0] == 1 and shown[-1] == count
    assert len(shown) <= 2 * SPREAD + 5


def test_window_of_a_short_listing_shows_every_page() -> None:
    assert window(7, 4) == [1, 2, 3, 4, 5, 6, 7]
    assert window(335, 143) == [1, None, 141, 142, 143, 144, 145, None, 335]


def test_pager_links_previous_and_next_and_marks_the_current_page() -> None:
    pages = [(n, paths.page_of("tag/data/index.md", n)) for n in range(1, 336)]
    page = pages[142][1]
    renderer = PageRenderer()
    html = renderer.env.from_string(
        "{% import '_macros.md.j2' as m with context %}{{ m.pager(pages) }}"
    ).render(pages=pages, page=page)
    links = re.findall(r"\[([^\]]+)\]\(([^)]+)\)", html)
    assert links[0] == ("‹ Sebelumnya", "halaman-142.md")
    assert links[-1] == ("Berikutnya ›", "halaman-144.md")
    assert [text for text, _ in links[1:-1]] == ["1", "141", "142", "144", "145", "335"]
    assert '<span aria-current="page">143</span>' in html
    assert html.count("…") == 2
    assert pager(pages, pages[0][1]).previous is None
    assert pager(pages, pages[-1][1]).next is None

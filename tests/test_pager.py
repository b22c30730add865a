"""The pager of long listings: a few links at any length, every page reachable."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from generator.site import paths
from generator.site.pager import SPREAD, guide, pager, window
from generator.site.render import PageRenderer


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
    assert window(5, 3) == [1, 2, 3, 4, 5]
    assert window(7, 4) == [1, 2, 3, 4, 5, 6, 7]  # a gap mark would hide a single page
    assert window(335, 143) == [1, None, 142, 143, 144, None, 335]


def _rendered(pages: list[tuple[str, str]], page: str) -> str:
    """The pager macro's Markdown on `page`, one of the listing's `pages`."""
    template = "{% import '_macros.md.j2' as m with context %}{{ m.pager(links) }}"
    number = [path for _, path in pages].index(page) + 1
    return PageRenderer().env.from_string(template).render(links=pager(pages, number), page=page)


def test_pager_links_previous_and_next_and_marks_the_current_page() -> None:
    pages = [(f"Judul {n}", paths.listing_page("tag/data/index.md", f"k{n}")) for n in range(1, 336)]
    page = pages[142][1]
    html = _rendered(pages, page)
    links = re.findall(r"\[([^\]]+)\]\(([^)]+)\)", html)
    assert links[0] == ("‹ Sebelumnya", "dari-k142.md")
    assert links[-1] == ("Berikutnya ›", "dari-k144.md")
    assert [text for text, _ in links[1:-1]] == [
        "« Awal",
        "Judul 142",
        "Judul 144",
        "Akhir »",
    ]
    assert '<span aria-current="page">Judul 143</span>' in html
    assert html.count("…") == 2
    assert pager(pages, 1).previous is None
    # On the first page, it reads as its first item like any page.
    first = _rendered(pages, pages[0][1])
    assert '<span aria-current="page">Judul 1</span>' in first and "Akhir »" in first
    assert pager(pages, len(pages)).next is None


def test_pager_text_is_escaped() -> None:
    pages = [("<b>*A*</b>", "tema/x.md"), ("[B](http://x)", "tema/x/dari-b.md")]
    html = _rendered(pages, "tema/x.md")
    assert "<b>" not in html and "*A*" not in html and "](http://x)" not in html


@given(st.text(alphabet=st.sampled_from("ab c-,."), max_size=60), st.integers(8, 40))
def test_guide_words_keep_whole_words_within_the_length(label: str, length: int) -> None:
    words = guide(label, length)
    if len(label) <= length:
        assert words == label
    else:
        assert words.endswith("…") and len(words) <= length + 1
        assert label.startswith(words[:-1])
        head = words[:-1]
        # Cut at a word's end, unless the first word alone is longer than `length`.
        assert label[len(head)] in " ,.-" or head == label[:length] or not head.strip()


def test_guide_words_of_a_long_title() -> None:
    title = "Aplikasi Sistem Informasi Pelayanan Kesehatan Terpadu"
    assert guide(title) == "Aplikasi Sistem Informasi…"
    assert guide("Pendek") == "Pendek"

"""The search box (docs/javascripts/search.js) forgiving what officials type, on the shipped site, in
a real Chromium on a phone (390×844) and a desktop: a misspelt word, a query of which only some
words match, a generic word that empty pages name too, and a query that finds nothing.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from generator.content.labels import labels
from generator.search.search_index import stem
from generator.search.search_text import EMPTY, words
from generator.site import paths

if TYPE_CHECKING:
    from conftest import Built

pytestmark = pytest.mark.browser

VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
PAGE_SIZE = 10


def _index(site: Path) -> tuple[dict[str, Any], dict[str, list[Any]], list[list[str]]]:
    """The entry, the postings by stem, and the records in order."""
    root = site / "search-index"
    entry = json.loads((root / "index.json").read_text(encoding="utf-8"))

    def chunks(letter: str) -> list[list[Any]]:
        files = sorted((root / entry["folder"]).glob(f"{letter}*.json"), key=lambda p: int(p.stem[1:]))
        return [json.loads(p.read_text(encoding="utf-8")) for p in files]

    postings = {row[0]: row for c in chunks("s") for row in c}
    return entry, postings, [row for c in chunks("d") for row in c]


def _pages_with(site: Path, word: str) -> set[str]:
    """The addresses of the pages whose words stem as `word` does, as the index lists them."""
    _, postings, records = _index(site)
    return {records[n][0] for n in itertools.accumulate(postings[stem(word)][1])}


@pytest.fixture
def base(shipped_site: Built, static_server: Any) -> Iterator[str]:
    """The shipped site served on 127.0.0.1, for one test (its page closes first)."""
    with static_server(shipped_site.site) as url:
        yield url


@pytest.fixture(params=sorted(VIEWPORTS))
def page(request: pytest.FixtureRequest, chromium: Any, base: str) -> Iterator[Any]:
    """A page of a fresh browser context sized as a phone or a desktop; fails on a page error."""
    phone = request.param == "phone"
    context = chromium.new_context(viewport=VIEWPORTS[request.param], is_mobile=phone, has_touch=phone)
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    yield opened
    context.close()
    assert errors == []


def _search(page: Any, base: str, query: str) -> str:
    """Type `query` into the search page's box; the status line once the results are shown."""
    from playwright.sync_api import expect

    page.goto(base + "cari/")
    page.locator(".kid-search__input").fill(query)
    status = page.locator(".kid-search__status")
    expect(status).to_contain_text(query.strip(), timeout=10_000)
    # A count in the status line: wait for the first page of results (shown all at once).
    page.wait_for_function(
        "() => document.querySelector('.kid-search__result')"
        " || !/^\\d/.test(document.querySelector('.kid-search__status').textContent)"
    )
    page.wait_for_load_state("networkidle")
    return str(status.text_content())


def _all_results(page: Any, base: str) -> list[str]:
    """Every result's address, in order, showing more until there is no more."""
    from playwright.sync_api import expect

    results = page.locator(".kid-search__title")
    more = page.locator(".kid-search__more")
    while more.is_visible():
        count = results.count()
        more.click()
        expect(results).not_to_have_count(count)
    hrefs = results.evaluate_all("a => a.map(x => x.getAttribute('href'))")
    return [href.removeprefix(base) for href in hrefs]


def _titles(page: Any) -> list[str]:
    return [str(t) for t in page.locator(".kid-search__title").all_inner_texts()]


# --- Typo tolerance -------------------------------------------------------------------------------


def _osa(a: str, b: str) -> int:
    """Optimal string alignment distance, the textbook way (the reference for the browser's)."""
    d = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i, j in itertools.product(range(1, len(a) + 1), range(1, len(b) + 1)):
        cost = a[i - 1] != b[j - 1]
        d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
        if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
            d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


def test_the_browser_counts_edits_as_the_textbook_does(
    shipped_site: Built, static_server: Any, chromium: Any
) -> None:
    words = ["command", "comand", "commnad", "center", "centre", "kependudukan", "kepndudkan", "ca", "abc"]
    words += ["", "a", "ab", "ba", "acb", "cab", "layanan", "pelayanan", "layana", "alyanan"]
    pairs = list(itertools.product(words, repeat=2))
    with static_server(shipped_site.site) as base:
        opened = chromium.new_page()
        opened.goto(base + "cari/")
        opened.wait_for_function("() => !!window.katalogSearch")
        # With a bound of 2, as the box uses it: the exact distance up to 2, else 3.
        found = opened.evaluate("ps => ps.map(p => window.katalogSearch.distance(p[0], p[1], 2))", pairs)
        opened.close()
    assert found == [min(_osa(a, b), 3) for a, b in pairs]
    assert _osa("comand", "command") == _osa("centre", "center") == 1  # a letter left out; a swap
    assert _osa("kepndudkan", "kependudukan") == 2


def test_a_misspelt_word_finds_the_word_meant_and_says_so(shipped_site: Built, base: str, page: Any) -> None:
    site = shipped_site.site
    entry, _, _ = _index(site)
    vocabulary_files = (site / "search-index" / entry["folder"]).glob("w*.json")
    assert not any('"comand"' in f.read_text(encoding="utf-8") for f in vocabulary_files)
    vocabulary: list[str] = []
    page.on("request", lambda r: vocabulary.append(r.url) if re.search(r"/w\d+\.json$", r.url) else None)
    # A trailing space: the word is typed out, so only the typo looks at the vocabulary.
    status = _search(page, base, "comand ")
    assert "Sumedang Command Center" in _titles(page)[:PAGE_SIZE]
    similar = labels()["search_similar"]["id"].format(words="command")
    assert similar in status
    assert 1 <= len(set(vocabulary)) <= 3, vocabulary  # the chunk where it sorts and one each side
    assert page.locator(".kid-search__excerpt mark").first.inner_text().lower() == "command"
    # Two edits in a long word ("kepndudkan" → "kependudukan").
    _search(page, base, "kepndudkan")
    found = set(_all_results(page, base))
    assert found == _pages_with(site, "kependudukan")


def test_an_exact_match_is_not_replaced_by_a_similar_word(shipped_site: Built, base: str, page: Any) -> None:
    # "centre" is on a few pages (Bandung's "Command Centre"): those, not every "center", are found.
    site = shipped_site.site
    status = _search(page, base, "centre ")
    assert set(_all_results(page, base)) == _pages_with(site, "centre")
    assert labels()["search_similar"]["id"].split("{")[0] not in status


def test_a_short_word_is_not_taken_for_another(base: str, page: Any) -> None:
    # "dsea" is one swap from "desa", but four letters have too many neighbours to guess from.
    status = _search(page, base, "dsea ")
    assert status == labels()["search_none"]["id"].format(q="dsea")


# --- Any word ---------------------------------------------------------------------------------------


def test_pages_with_every_word_come_first_then_those_with_some(
    shipped_site: Built, base: str, page: Any
) -> None:
    site = shipped_site.site
    command, kuningan = _pages_with(site, "command"), _pages_with(site, "kuningan")
    both = command & kuningan
    assert both and command - kuningan and kuningan - command, "the test needs pages of each kind"
    status = _search(page, base, "command kuningan xyzzyqw ")
    found = _all_results(page, base)
    # Nothing lost for the word no page has, nor for the pages with one word only.
    assert set(found) == command | kuningan and len(found) == len(set(found))
    assert set(found[: len(both)]) == both
    expected = labels()["search_results_some"]["id"].format(n=len(found), q="command kuningan xyzzyqw", all=0)
    assert status == expected  # no page has all three words, and the status line says so
    status = _search(page, base, "command kuningan ")
    assert status == labels()["search_results_some"]["id"].format(
        n=len(command | kuningan), q="command kuningan", all=len(both)
    )


# --- Ranking ----------------------------------------------------------------------------------------


def _ranked(site: Path, page: Any, base: str, query: str) -> tuple[list[str], list[str], list[int]]:
    """Every result's address and title for `query`, and the places of the empty pages among them."""

    def empty(address: str) -> bool:
        head = (site / paths.built_file(address)).read_text(encoding="utf-8")
        return EMPTY in head[: head.index(">", head.index("data-kid-searchable"))]

    _search(page, base, query + " ")
    found = _all_results(page, base)
    return found, _titles(page), [n for n, address in enumerate(found) if empty(address)]


@pytest.mark.parametrize("query", ["inovasi", "dinas", "lampung selatan"])
def test_no_empty_page_is_among_the_first_results(
    shipped_site: Built, base: str, page: Any, query: str
) -> None:
    found, _, empties = _ranked(shipped_site.site, page, base, query)
    assert empties, "the query must find empty pages, or the test proves nothing"
    assert min(empties) >= PAGE_SIZE, found[min(empties)]


def test_every_record_that_names_a_word_ranks_above_every_empty_page_that_does(
    shipped_site: Built, base: str, page: Any
) -> None:
    # "inovasi" is on nearly every page, and in no empty page's title (where a word counts in
    # full, so that "Dinas Pariwisata", empty or not, is found for "dinas").
    found, titles, empties = _ranked(shipped_site.site, page, base, "inovasi")
    assert not any("inovasi" in words(titles[n]) for n in empties)
    records = [n for n, address in enumerate(found) if address.startswith("inovasi/")]
    assert len(records) > PAGE_SIZE and len(empties) > PAGE_SIZE
    assert max(records) < min(empties), (found[min(empties)], found[max(records)])


def test_an_empty_region_is_still_found_first_by_its_name(base: str, page: Any) -> None:
    _search(page, base, "blora ")
    assert _all_results(page, base)[0] == "daerah/kabupaten-blora/"


# --- Nothing found ----------------------------------------------------------------------------------


def test_nothing_found_offers_the_catalogue_and_a_way_to_propose(base: str, page: Any) -> None:
    from playwright.sync_api import expect

    status = _search(page, base, "xyzzyqw ")
    assert status == labels()["search_none"]["id"].format(q="xyzzyqw")
    hint = page.locator(".kid-search__hint")
    expect(hint).to_be_visible()
    links = hint.locator("a")
    assert links.all_inner_texts() == [labels()["search_browse"]["id"], labels()["search_propose"]["id"]]
    footer = page.locator("a.kid-propose").get_attribute("href")
    assert links.nth(1).get_attribute("href") == page.evaluate(
        "href => new URL(href, location.href).href", footer
    )
    # A query that finds something hides the hint again.
    _search(page, base, "sumedang ")
    expect(hint).to_be_hidden()
    _search(page, base, "xyzzyqw ")
    links.first.click()
    page.wait_for_url(base + "inovasi/")
    expect(page.locator("h1")).to_have_text(labels()["innovations"]["id"])


def test_the_query_and_the_index_are_set_as_text(base: str, page: Any) -> None:
    query = '<img src=qqzz onerror="window.pwned=1">$&'
    status = _search(page, base, query)
    assert f"“{query}”" in status
    assert page.locator(".kid-search img").count() == 0
    assert page.evaluate("window.pwned") is None

"""What a visiting official does on the shipped site, in a real Chromium.

Every test fails on a console error or on a request that leaves 127.0.0.1 (see `guarded_page`).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from generator.content.labels import labels

from .conftest import Guard

# One page of each type in the shipped site.
PAGES = {
    "home": "",
    "innovation": "inovasi/kabupaten-sumedang/command-center/",
    "browser": "inovasi/",
    "region": "daerah/kabupaten-sumedang/",
    "province": "daerah/provinsi-jawa-barat/",
    "regions-index": "daerah/",
    "agency": "perangkat-daerah/kabupaten-lampung-selatan/disdukcapil/",
    "agency-kind": "perangkat-daerah/jenis/diskominfo/",
    "agencies-index": "perangkat-daerah/",
    "agreement": "kerja-sama/mou-lampung-selatan-sumedang-2025/",
    "agreements-index": "kerja-sama/",
    "brief": "kunjungan/kabupaten-lampung-selatan/kabupaten-sumedang/",
    "network": "jaringan/",
    "theme": "tema/layanan-digital/",
    "themes-index": "tema/",
    "tag": "tag/spbe/",
    "tags-index": "tag/",
    "search": "cari/",
    # The search page's states: results (with a similar spelling and a word matched by some only),
    # and nothing found (with its links).
    "search-results": "cari/?q=comand%20kuningan",
    "search-none": "cari/?q=xyzzyqw",
    "about": "tentang/",
    "open-data": "data/",
    "open-data-reference": "data/referensi/",
    "not-found": "halaman-yang-tidak-ada/",
}


def test_newcomer_path_home_region_agency_innovation_and_back(guarded_page: Page, site_url: str) -> None:
    page = guarded_page
    page.goto(site_url)
    page.get_by_role("link", name="Kabupaten Sumedang", exact=True).first.click()
    expect(page.locator("h1")).to_have_text("Kabupaten Sumedang")
    page.get_by_role("link", name="Diskominfosanditik", exact=True).first.click()
    expect(page.locator("h1")).to_have_text("Dinas Komunikasi, Informatika, Persandian dan Statistik")
    page.get_by_role("link", name="Sumedang Command Center").first.click()
    expect(page.locator("h1")).to_have_text("Sumedang Command Center")
    assert page.url == site_url + PAGES["innovation"]

    breadcrumb = page.get_by_role("navigation", name="Jejak navigasi")
    breadcrumb.get_by_role("link", name="Kabupaten Sumedang").click()
    expect(page.locator("h1")).to_have_text("Kabupaten Sumedang")
    page.get_by_role("navigation", name="Jejak navigasi").get_by_role("link", name="Beranda").click()
    assert page.url == site_url


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Neither word appears on any page; their stems do ("transformasi", "siaga"), in the title
        # of the page expected among the first results.
        ("mentransformasikan", "Transformasi birokrasi berbasis SPBE"),
        ("menyiagakan", "Sumedang Siaga 112, layanan panggilan darurat terintegrasi"),
    ],
)
def test_search_finds_an_indonesian_word_form_not_on_the_page(
    guarded_page: Page, site_url: str, shipped_site: Path, query: str, expected: str
) -> None:
    literal = subprocess.run(
        ["grep", "-rliw", query, str(shipped_site / "inovasi")], capture_output=True, text=True
    )
    assert literal.stdout == "", "the query must not appear literally, or the test proves nothing"
    page = guarded_page
    page.goto(site_url + PAGES["search"])
    page.locator(".kid-search__input").fill(query)
    expect(page.locator(".kid-search__title").first).to_be_visible(timeout=10_000)
    titles = page.locator(".kid-search__title").all_inner_texts()
    assert expected in titles


def test_not_found_page(guarded_page: Page, guard: Guard, site_url: str) -> None:
    guard.expected.append("404")
    response = guarded_page.goto(site_url + PAGES["not-found"])
    assert response is not None and response.status == 404
    expect(guarded_page.locator("h1")).to_have_text("Halaman tidak ditemukan")
    guarded_page.get_by_role("link", name="Kembali ke beranda").click()
    assert guarded_page.url == site_url


@pytest.mark.parametrize("name", sorted(PAGES))
def test_phone_viewport_never_scrolls_sideways(browser: Browser, site_url: str, name: str) -> None:
    guard = Guard()
    if name == "not-found":
        guard.expected.append("404")
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        guard.attach(page)
        page.goto(site_url + PAGES[name])
        page.wait_for_load_state("networkidle")
        if name.startswith("search-"):
            page.wait_for_selector(".kid-search__result, .kid-search__hint:not([hidden])")
        width = page.evaluate("document.documentElement.scrollWidth")
        viewport = page.evaluate("document.documentElement.clientWidth")
        assert width <= viewport, f"{name}: content is {width}px wide in a {viewport}px viewport"
    finally:
        context.close()
    guard.check()


def _tab_until(page: Page, predicate: str, limit: int = 60) -> bool:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(predicate):
            return True
    return False


def test_keyboard_reaches_main_content_through_the_skip_link(guarded_page: Page, site_url: str) -> None:
    page = guarded_page
    page.goto(site_url + PAGES["innovation"])
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#sumedang-command-center" or page.evaluate(
        "document.activeElement.classList.contains('md-skip')"
    ), "the first Tab must land on the skip link"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") != ""
    # The next Tab continues inside the main content, not back in the header.
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('.md-content')")


def test_the_colour_scheme_picked_stays_on_the_next_page(
    guarded_page: Page, guard: Guard, site_url: str
) -> None:
    """The pick is applied by javascripts/palette.js as the page loads, before the theme's script."""
    page = guarded_page
    page.goto(site_url + PAGES["innovation"])
    scheme = "document.body.getAttribute('data-md-color-scheme')"
    assert page.evaluate(scheme) == "default"  # the system's light setting
    page.locator("label[title='Mode gelap']").click()
    assert page.evaluate(scheme) == "slate"
    # Without the theme's script, only palette.js can have applied it.
    guard.expected.append("Failed to load resource")
    page.route("**/assets/javascripts/bundle.*.min.js", lambda route: route.abort())
    page.goto(site_url + PAGES["region"], wait_until="domcontentloaded")
    assert page.evaluate(scheme) == "slate"
    assert page.evaluate("document.body.getAttribute('data-md-color-primary')") == "custom"


def test_every_line_of_the_learning_network_ends_in_an_arrow(guarded_page: Page, site_url: str) -> None:
    """The arrow is set once on the lines' group (generator/site/network.py) and inherited."""
    page = guarded_page
    page.goto(site_url + PAGES["network"])
    ends = page.evaluate(
        "[...document.querySelectorAll('.kid-network line')].map(l => getComputedStyle(l).markerEnd)"
    )
    assert ends and all(end.endswith('-arrow")') and end.startswith('url("') for end in ends), ends


def test_keyboard_reaches_search_and_it_works(guarded_page: Page, site_url: str) -> None:
    page = guarded_page
    page.goto(site_url)
    assert _tab_until(page, "document.activeElement.classList.contains('kid-search__input')")
    page.keyboard.type("dipantau")
    # Searches for the partly typed word may render first; tab only once the whole word's results
    # are shown, or a late re-render takes the focus away.
    expect(page.locator(".kid-search__status")).to_contain_text("dipantau", timeout=10_000)
    expect(page.locator(".kid-search__title").first).to_be_visible(timeout=10_000)
    # Results are links the keyboard can reach.
    assert _tab_until(page, "!!document.activeElement.closest('.kid-search__result')", limit=10)


def test_keyboard_focus_is_visible(guarded_page: Page, site_url: str) -> None:
    page = guarded_page
    page.goto(site_url + PAGES["region"])
    assert _tab_until(page, "!!document.activeElement.closest('.md-content a')")
    outline = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, s.outlineWidth, s.boxShadow, s.textDecorationLine]; })()"
    )
    style, width, shadow, decoration = outline
    assert (style != "none" and width != "0px") or shadow != "none" or "underline" in decoration


def test_an_old_address_that_was_shared_opens_the_page_that_took_its_place(
    guarded_page: Page, site_url: str
) -> None:
    # Themes were named in English, and briefs sat under each agreement; both moved.
    page = guarded_page
    page.goto(site_url + "tema/digital-government/")
    page.wait_for_url(site_url + "tema/layanan-digital/")
    expect(page.locator("h1")).to_have_text("Digitalisasi layanan pemerintahan")
    old_brief = "kerja-sama/mou-lampung-selatan-sumedang-2025/kunjungan-kabupaten-lampung-selatan-ke-kabupaten-sumedang/"
    page.goto(site_url + old_brief)
    page.wait_for_url(site_url + "kunjungan/kabupaten-lampung-selatan/kabupaten-sumedang/")
    expect(page.locator("h1")).to_contain_text(
        "Bahan kunjungan Kabupaten Lampung Selatan ke Kabupaten Sumedang"
    )


def test_search_results_say_what_each_is(guarded_page: Page, site_url: str) -> None:
    page = guarded_page
    page.goto(site_url + "cari/?q=disdukcapil")
    expect(page.locator(".kid-search__title").first).to_be_visible(timeout=10_000)
    kinds = [pair.split("=") for pair in labels()["search_kinds"]["id"].split("|")]
    shown = page.locator(".kid-search__result").evaluate_all(
        "items => items.map(i => [i.querySelector('.kid-search__kind')?.textContent ?? '',"
        " i.querySelector('a').getAttribute('href')])"
    )
    assert len(shown) >= 5
    for kind, href in shown:
        address = href.removeprefix(site_url)
        expected = next(label for prefix, label in kinds if address.startswith(prefix))
        assert kind == expected, address
    assert {kind for kind, _ in shown} >= {"Inovasi", "Perangkat daerah"}

"""What an official reads and taps on the shipped site, on a phone (390 × 844) and a desktop, in a
real Chromium: tap targets, tables, badges and the navigation.

Every test fails on a console error or on a request that leaves 127.0.0.1 (see `Guard`).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from generator.content.labels import labels

from .conftest import Guard
from .test_journeys import PAGES

TAP_TARGETS = (Path(__file__).parent / "tap_targets.js").read_text(encoding="utf-8")
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
# Pages with the record tables an official reads on a phone: metrics with their source, the
# replications of an innovation, and the learning network.
METRICS = "inovasi/kabupaten-lampung-selatan/mal-pelayanan-publik/"
REPLICATIONS = "inovasi/provinsi-daerah-khusus-ibukota-jakarta/jaki/"


@pytest.fixture(scope="module", params=["phone", "desktop"])
def context(request: pytest.FixtureRequest, browser: Browser) -> Iterator[BrowserContext]:
    made = browser.new_context(**(PHONE if request.param == "phone" else DESKTOP))
    yield made
    made.close()


@pytest.fixture(scope="module")
def phone(browser: Browser) -> Iterator[BrowserContext]:
    made = browser.new_context(**PHONE)
    yield made
    made.close()


def _open(context: BrowserContext, url: str, guard: Guard) -> Page:
    page = context.new_page()
    guard.attach(page)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return page


def _label(key: str) -> str:
    return str(labels()[key]["id"])


@pytest.mark.parametrize("name", sorted(PAGES))
def test_every_link_and_button_is_a_tap_target_of_24_px(
    context: BrowserContext, site_url: str, name: str
) -> None:
    guard = Guard()
    if name == "not-found":
        guard.expected.append("404")
    page = _open(context, site_url + PAGES[name], guard)
    try:
        assert page.evaluate(TAP_TARGETS) == []
    finally:
        page.close()
    guard.check()


def test_the_tap_target_check_finds_a_small_link(phone: BrowserContext, site_url: str) -> None:
    """The check itself works: a link in running text without the site's padding is too short."""
    guard = Guard()
    page = _open(phone, site_url + PAGES["about"], guard)
    try:
        text = page.evaluate(
            "() => { const a = document.querySelector('article p a'); a.style.paddingBlock = '0';"
            " return a.textContent.trim(); }"
        )
        problems = page.evaluate(TAP_TARGETS)
    finally:
        page.close()
    guard.check()
    assert len(problems) == 1 and text[:30] in problems[0], problems


@pytest.mark.parametrize(
    ("path", "heading"),
    [(METRICS, "metric_source"), (REPLICATIONS, "replication_copy"), (PAGES["network"], "network_count")],
)
def test_every_column_of_a_record_table_is_on_a_phone_screen(
    phone: BrowserContext, site_url: str, path: str, heading: str
) -> None:
    guard = Guard()
    page = _open(phone, site_url + path, guard)
    try:
        table = page.locator("article table", has=page.get_by_role("columnheader", name=_label(heading)))
        expect(table).to_have_count(1)
        width = page.evaluate("document.documentElement.clientWidth")
        # The last column (a metric's source, the copy, the count) of every row, within the screen.
        cells = table.locator("tr > :last-child")
        assert cells.count() >= 2
        for box in (cells.nth(i).bounding_box() for i in range(cells.count())):
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width, (box, width)
        if heading == "metric_source":
            # Scrolled down to (the page scrolls only up and down), the source link is wholly in view.
            table.evaluate("t => window.scrollTo(0, t.getBoundingClientRect().top + window.scrollY - 100)")
            expect(table.locator("tbody tr:first-child > :last-child a")).to_be_in_viewport(ratio=1)
    finally:
        page.close()
    guard.check()


_BADGE_STYLE = """el => {
  const s = getComputedStyle(el);
  return {cursor: s.cursor, border: s.borderTopWidth, shadow: s.boxShadow, radius: parseFloat(s.borderTopLeftRadius),
          height: el.getBoundingClientRect().height, focusable: el.tabIndex >= 0 || !!el.closest('a, button, [role]'),
          text: el.textContent};
}"""


def test_badges_read_as_labels_and_buttons_as_buttons(context: BrowserContext, site_url: str) -> None:
    guard = Guard()
    page = _open(context, site_url + PAGES["innovation"], guard)
    try:
        badges = page.locator(".kid-badge").evaluate_all(f"els => els.map({_BADGE_STYLE})")
    finally:
        page.close()
    assert len(badges) >= 4
    for badge in badges:
        # Nothing that says "press me": no pointer, border or shadow, no rounded pill shape; a term
        # before the value ("Tahapan: Penerapan") says what it labels.
        assert badge["cursor"] != "pointer" and badge["border"] == "0px" and badge["shadow"] == "none", badge
        assert badge["radius"] < badge["height"] / 4 and not badge["focusable"], badge
        assert ": " in badge["text"], badge
    assert {b["text"].split(":")[0] for b in badges} >= {_label("stage"), _label("status")}
    # The real buttons of the catalogue browser look pressable: the difference is there to see.
    page = _open(context, site_url + PAGES["browser"] + "?tahap=implementation", guard)
    try:
        chip = page.locator(".kid-browse__chip").first
        expect(chip).to_be_visible()
        assert chip.evaluate("el => el.tagName") == "BUTTON"
        style = chip.evaluate(_BADGE_STYLE)
    finally:
        page.close()
    guard.check()
    assert style["cursor"] == "pointer" and style["border"] != "0px", style


def test_the_navigation_has_no_look_alike_entries_and_tema_leads_to_tag(
    context: BrowserContext, site_url: str
) -> None:
    guard = Guard()
    page = _open(context, site_url + PAGES["themes-index"], guard)
    try:
        if context.pages[0].viewport_size == PHONE["viewport"]:
            # On a phone the sections are in the drawer the menu button opens.
            page.locator("label.md-header__button[for='__drawer']").click()
            entries = page.locator(".md-nav--primary > .md-nav__list > .md-nav__item > .md-nav__link")
            expect(entries.first).to_be_visible()
            names = [n.strip() for n in entries.all_inner_texts()]
            # Closed again by a tap beside the drawer.
            page.locator(".md-overlay").click(position={"x": 370, "y": 400})
        else:
            names = [n.strip() for n in page.locator(".md-tabs__link").all_inner_texts()]
        assert _label("themes") in names and _label("network") in names
        assert _label("tags") not in names, names
        page.get_by_role("link", name=_label("themes_index_tags_link")).click()
        expect(page.locator("h1")).to_have_text(_label("tags"))
        page.get_by_role("link", name=_label("themes"), exact=True).last.click()
        expect(page.locator("h1")).to_have_text(_label("themes"))
    finally:
        page.close()
    guard.check()

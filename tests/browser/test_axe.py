"""Accessibility: axe-core finds no WCAG 2.0/2.1/2.2 A or AA violation on any page type, in both palettes.

WCAG 2.2 AA brings axe's `target-size` rule (2.5.8: targets of 24 × 24 px, or spaced apart);
tests/browser/test_reading.py measures every link and button more strictly than axe does.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext

from .conftest import REPO, Guard
from .test_journeys import PAGES

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `make install` (npm ci) first")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def contexts(browser: Browser, axe_source: str) -> Iterator[dict[str, BrowserContext]]:
    """One context per palette, axe preloaded: the palette follows the system colour scheme."""
    made = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
        # Injected through the DevTools protocol, so the page's CSP does not apply to axe itself.
        context.add_init_script(axe_source)
        made[scheme] = context
    yield made
    for context in made.values():
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", sorted(PAGES))
def test_no_wcag_violations(
    contexts: dict[str, BrowserContext], site_url: str, name: str, scheme: str
) -> None:
    guard = Guard()
    if name == "not-found":
        guard.expected.append("404")
    page = contexts[scheme].new_page()
    try:
        guard.attach(page)
        page.goto(site_url + PAGES[name], wait_until="load")
        if name in ("home", "search", "browser"):
            # Wait for the script-built parts (search box, filters) that axe must check too.
            page.wait_for_selector(".kid-search__input, .kid-browse__form", timeout=10_000)
        elif name.startswith("search-"):
            # The results, or the links shown when there are none.
            page.wait_for_selector(".kid-search__result, .kid-search__hint:not([hidden])", timeout=10_000)
        expected = "slate" if scheme == "dark" else "default"
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
        result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    finally:
        page.close()
    guard.check()
    violations = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]
    assert violations == [], f"{name} ({scheme}):\n" + "\n".join(violations)


def test_axe_finds_a_planted_violation(contexts: dict[str, BrowserContext], site_url: str) -> None:
    """The check itself works: an image without alt text is reported."""
    page = contexts["light"].new_page()
    try:
        page.goto(site_url + PAGES["home"])
        page.evaluate("document.querySelector('article').appendChild(document.createElement('img'))")
        result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    finally:
        page.close()
    assert "image-alt" in {v["id"] for v in result["violations"]}


def test_axe_checks_the_size_of_tap_targets(contexts: dict[str, BrowserContext], site_url: str) -> None:
    """WCAG 2.2's rule is on: two 10 px buttons side by side are reported."""
    page = contexts["light"].new_page()
    try:
        page.goto(site_url + PAGES["home"])
        page.evaluate(
            """() => {
              const box = document.querySelector('article').appendChild(document.createElement('p'));
              box.innerHTML = '<button style="all: unset; width: 10px; height: 10px">a</button>'
                + '<button style="all: unset; width: 10px; height: 10px">b</button>';
            }"""
        )
        result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    finally:
        page.close()
    assert "target-size" in {v["id"] for v in result["violations"]}

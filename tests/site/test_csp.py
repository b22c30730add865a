"""The built site passes its own Content Security Policy in Chromium, and hostile text stays text.

Each page is opened in headless Chromium from a local server (127.0.0.1 only). A listener added
before any page script records every `securitypolicyviolation` event, and the console is watched for
CSP errors: the home page, an innovation page and the search page (a query typed, so that Pagefind
fetches its index and compiles its WebAssembly) must report none. On the hostile catalogue
(tests/fixtures/hostile/catalogue), a search whose results show script-like titles and excerpts
must add no element or handler to the page and open no dialog.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from generator.site import paths

if TYPE_CHECKING:
    from conftest import Built
    from playwright.sync_api import ConsoleMessage, Dialog, Page

pytestmark = pytest.mark.browser

HOSTILE = Path(__file__).parents[1] / "fixtures" / "hostile" / "catalogue"
# Pagefind fetches its index in chunks before it answers: generous, for a loaded test machine.
SEARCH_TIMEOUT_MS = 30_000
# Runs before any script of the page (Playwright adds it through the DevTools protocol, outside the
# page's policy) and keeps every violation the browser reports.
_LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    [event.effectiveDirective, event.blockedURI, event.sourceFile, event.lineNumber, event.sample].join(" ")
  );
}, true);
"""
# Elements a search result must never contain, however its text reads.
_INJECTED = "script, img, iframe, object, embed, svg, form, style, meta, base, link"


@pytest.fixture(scope="module")
def served(
    static_server: Callable[[Path], contextlib.AbstractContextManager[str]],
) -> Iterator[Callable[[Path], str]]:
    """`served(site)`: the base URL of `site`, served on 127.0.0.1 until the module ends."""
    with contextlib.ExitStack() as stack:
        urls: dict[Path, str] = {}

        def serve(site: Path) -> str:
            if site not in urls:
                urls[site] = stack.enter_context(static_server(site))
            return urls[site]

        yield serve


@dataclass
class Watched:
    """A page, with what it reported: CSP violations, console CSP errors, uncaught errors, dialogs."""

    page: Page
    console: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)

    def violations(self) -> list[str]:
        events: list[str] = self.page.evaluate("window.__cspViolations")
        return events + [text for text in self.console if "Content Security Policy" in text]

    def assert_clean(self) -> None:
        assert self.violations() == []
        assert self.errors == []
        assert self.dialogs == []
        assert self.outside == []


@pytest.fixture
def watched(chromium: Any) -> Iterator[Watched]:
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    found = Watched(page)
    page.add_init_script(_LISTEN)

    def console(message: ConsoleMessage) -> None:
        found.console.append(f"{message.type}: {message.text}")

    def dialog(opened: Dialog) -> None:
        found.dialogs.append(opened.message)
        opened.dismiss()

    page.on("console", console)
    page.on("pageerror", lambda error: found.errors.append(str(error)))
    page.on("dialog", dialog)
    page.on(
        "request",
        lambda r: (
            None if r.url.startswith(("http://127.0.0.1:", "data:", "blob:")) else found.outside.append(r.url)
        ),
    )
    yield found
    context.close()


@pytest.fixture
def url_of(served: Callable[[Path], str]) -> Callable[[Built, str], str]:
    """`url_of(built, page)`: where the docs page `page` of a built site is served."""

    def url(built: Built, page: str) -> str:
        rel = built.html_path(page).relative_to(built.site).as_posix()
        return served(built.site) + rel.removesuffix("index.html")

    return url


def search(watched: Watched, query: str) -> None:
    """Type `query` into the search page's box and wait for the results."""
    box = watched.page.locator(".kid-search__input")
    box.wait_for(timeout=SEARCH_TIMEOUT_MS)
    box.press_sequentially(query, delay=20)
    watched.page.locator(".kid-search__result").first.wait_for(timeout=SEARCH_TIMEOUT_MS)


def test_home_page_passes_its_policy(shipped_site: Built, watched: Watched, url_of: Any) -> None:
    watched.page.goto(url_of(shipped_site, paths.HOME), wait_until="networkidle")
    assert watched.page.locator("meta[http-equiv='Content-Security-Policy']").count() == 1
    watched.assert_clean()


def test_innovation_page_passes_its_policy(shipped_site: Built, watched: Watched, url_of: Any) -> None:
    ref = sorted(shipped_site.catalogue.innovations)[0]
    watched.page.goto(url_of(shipped_site, paths.innovation(ref)), wait_until="networkidle")
    assert watched.page.locator("h1").first.inner_text() == shipped_site.catalogue.innovations[ref].title
    watched.assert_clean()


def test_search_page_passes_its_policy_with_search_running(
    shipped_site: Built, watched: Watched, url_of: Any
) -> None:
    index: list[str] = []
    watched.page.on("response", lambda r: index.append(r.url) if "/search-index/" in r.url and r.ok else None)
    watched.page.goto(url_of(shipped_site, paths.SEARCH), wait_until="networkidle")
    search(watched, "command")
    assert index, "the search index was never fetched"
    watched.assert_clean()


def test_the_policy_blocks_a_script_that_got_in(shipped_site: Built, watched: Watched, url_of: Any) -> None:
    # The proof that the listener works: an inline script added after load is refused and reported.
    watched.page.goto(url_of(shipped_site, paths.HOME), wait_until="networkidle")
    ran = watched.page.evaluate(
        """() => {
          window.__ran = false;
          const script = document.createElement("script");
          script.textContent = "window.__ran = true";
          document.body.appendChild(script);
          return window.__ran;
        }"""
    )
    assert ran is False
    assert any(v.startswith("script-src-elem inline") for v in watched.violations()), watched.violations()


@pytest.fixture(scope="module")
def corpus_site(
    tmp_path_factory: pytest.TempPathFactory, project_factory: Callable[..., Path], build_site: Any
) -> Built:
    """tests/fixtures/hostile/catalogue, built."""
    project = project_factory(tmp_path_factory.mktemp("hostile-corpus"), HOSTILE)
    built: Built = build_site(project, project / "site")
    return built


def test_hostile_search_results_stay_text(corpus_site: Built, watched: Watched, url_of: Any) -> None:
    watched.page.goto(url_of(corpus_site, paths.SEARCH), wait_until="networkidle")
    search(watched, "alert")
    watched.page.wait_for_timeout(500)  # let every result render its excerpt
    results = watched.page.locator(".kid-search__results")
    assert results.locator(".kid-search__result").count() >= 2
    assert "alert(" in results.inner_text()
    assert results.locator(_INJECTED).count() == 0
    handlers = results.evaluate(
        "root => [...root.querySelectorAll('*')].flatMap(e => [...e.attributes].map(a => a.name))"
        ".filter(name => name.startsWith('on'))"
    )
    assert handlers == []
    watched.assert_clean()


def test_hostile_innovation_page_runs_nothing(corpus_site: Built, watched: Watched, url_of: Any) -> None:
    ref = "kabupaten-contoh/field-values"
    watched.page.goto(url_of(corpus_site, paths.innovation(ref)), wait_until="networkidle")
    title = corpus_site.catalogue.innovations[ref].title
    assert watched.page.locator("h1").first.inner_text() == title
    assert watched.page.title().startswith(title)
    watched.assert_clean()

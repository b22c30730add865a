"""The visiting official's tools in a real Chromium: the catalogue browser (filters, sorting, shared
links, shards, paging), the freshness notice, the print stylesheet, the study-visit section and the
charts, on the built `tests/fixtures/site-visit` (see its README).

Every test fails on a console error or on any request that would leave 127.0.0.1.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlsplit

import pytest

from generator.content.labels import labels
from generator.content.model import Innovation
from generator.content.vocab import vocabulary
from generator.site import paths
from generator.site.render import PageRenderer

if TYPE_CHECKING:
    from conftest import Built

pytestmark = pytest.mark.browser

REPO = Path(__file__).parents[2]
FIXTURES = REPO / "tests" / "fixtures"
# A day when the fixture's 2025 verifications are recent and its 2019 one is not.
TODAY = dt.datetime(2025, 9, 1, 12, tzinfo=dt.UTC)
PAGE_SIZE = 50  # PAGE_SIZE in docs/javascripts/browse.js
EXTRA = 55  # innovations added for the paging test, so that there is more than one page
BROWSE = "inovasi/"
REGION_NAME = PageRenderer("id").region_name
_OUTSIDE = re.compile(r"^(?!http://127\.0\.0\.1:\d+/)")


def t(key: str) -> str:
    return str(labels()[key]["id"])


def url_of(page: str) -> str:
    """The URL of docs page `page` in the built site (use_directory_urls)."""
    stem = page.removesuffix(".md")
    return stem.removesuffix("index") if stem.endswith("index") else stem + "/"


@dataclass
class Tab:
    """A page in its own browser context, with what it asked for and what went wrong."""

    page: Any
    base: str
    requests: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def goto(self, path: str) -> Any:
        self.page.goto(self.base + path)
        return self.page

    def titles(self) -> list[str]:
        return self.page.locator(".kid-browse__item > a").all_inner_texts()

    def fetched(self, pattern: str) -> list[str]:
        return [u.rsplit("/", 1)[1] for u in self.requests if re.search(pattern, urlsplit(u).path)]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, project_factory: Any, build_site: Any) -> Built:
    project = project_factory(tmp_path_factory.mktemp("visit"), FIXTURES / "site-visit")
    built: Built = build_site(project, project / "site")
    return built


@pytest.fixture(scope="module")
def base_url(site: Built, static_server: Any) -> Iterator[str]:
    with static_server(site.site) as base:
        yield base


@pytest.fixture
def open_tab(chromium: Any, base_url: str) -> Iterator[Callable[..., Tab]]:
    """`open_tab(javascript=True, now=TODAY, base=…)`: a fresh context and page; checked at the end."""
    tabs: list[Tab] = []
    contexts = []

    def open_(javascript: bool = True, now: dt.datetime | None = TODAY, base: str = base_url) -> Tab:
        context = chromium.new_context(java_script_enabled=javascript, service_workers="block")
        contexts.append(context)
        page = context.new_page()
        tab = Tab(page, base)

        def refuse(route: Any) -> None:
            tab.outside.append(route.request.url)
            route.abort()

        # Only requests that would leave 127.0.0.1 are intercepted (and refused); the rest go
        # straight to the local server.
        context.route(_OUTSIDE, refuse)
        page.on("request", lambda request: tab.requests.append(request.url))
        page.on("console", lambda m: tab.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda error: tab.errors.append(str(error)))
        if now is not None:
            page.clock.set_fixed_time(now)
        tabs.append(tab)
        return tab

    yield open_
    for context in contexts:
        context.close()
    for tab in tabs:
        assert tab.errors == [], tab.errors
        assert tab.outside == [], tab.outside
        assert all(urlsplit(u).scheme in ("http", "data", "blob") for u in tab.requests)


def sorted_titles(items: list[Innovation]) -> list[str]:
    return sorted((i.title for i in items), key=str.casefold)


def year(innovation: Innovation) -> int | None:
    day = innovation.implementation_date or innovation.trial_date
    return day.year if day else None


def wait_for_list(tab: Tab, titles: list[str]) -> None:
    from playwright.sync_api import expect

    expect(tab.page.locator(".kid-browse__item > a")).to_have_text(titles)


# --- The catalogue browser ----------------------------------------------------------------------


def test_browser_lists_every_innovation(site: Built, open_tab: Callable[..., Tab]) -> None:
    from playwright.sync_api import expect

    tab = open_tab()
    page = tab.goto(BROWSE)
    innovations = list(site.catalogue.innovations.values())
    wait_for_list(tab, sorted_titles(innovations))
    total = len(innovations)
    expect(page.locator(".kid-browse__status")).to_have_text(f"{total} dari {total} inovasi")
    expect(page.locator(".kid-browse__fallback")).to_be_hidden()
    expect(page.locator(".kid-browse__more")).to_be_hidden()
    hrefs = page.locator(".kid-browse__item > a").evaluate_all("links => links.map(a => a.href)")
    assert sorted(hrefs) == sorted(tab.base + url_of(paths.innovation(i.ref)) for i in innovations)
    # A row's link opens that innovation's page.
    page.get_by_role("link", name="Perizinan Kilat Metro").click()
    expect(page.locator("h1")).to_have_text("Perizinan Kilat Metro")
    assert page.url == tab.base + url_of(paths.innovation("kota-metro/perizinan-kilat"))


def test_without_javascript_the_browser_page_links_elsewhere(open_tab: Callable[..., Tab]) -> None:
    from playwright.sync_api import expect

    tab = open_tab(javascript=False)
    page = tab.goto(BROWSE)
    expect(page.locator(".kid-browse__fallback")).to_be_visible()
    expect(page.locator("[data-kid-browse]")).to_be_hidden()
    expect(page.locator(".kid-browse__fallback a")).to_have_count(4)


def province_of(site: Built, innovation: Innovation) -> str:
    region = site.catalogue.regions[innovation.region]
    return region.province or region.id


def agency_kinds(site: Built, innovation: Innovation) -> set[str]:
    region = site.catalogue.regions[innovation.region]
    return {a.kind for a in region.agencies if a.id in innovation.agencies}


# (URL parameter, value, which innovations it keeps). Each keeps some and drops some.
FILTERS: list[tuple[str, str, Callable[[Built, Innovation], bool]]] = [
    ("provinsi", "provinsi-lampung", lambda s, i: province_of(s, i) == "provinsi-lampung"),
    ("daerah", "kota-bandung", lambda s, i: i.region == "kota-bandung"),
    ("perangkat", "health-office", lambda s, i: "health-office" in agency_kinds(s, i)),
    ("tema", "stunting", lambda s, i: "stunting" in i.themes),
    ("tahap", "trial", lambda s, i: i.stage == "trial"),
    ("jenis", "non-digital", lambda s, i: i.kind == "non-digital"),
    ("bentuk", "governance", lambda s, i: i.form == "governance"),
    ("status", "stopped", lambda s, i: i.status == "stopped"),
    ("tahun", "2020", lambda s, i: year(i) == 2020),
    ("q", "ADMINduk", lambda s, i: "adminduk" in i.title.lower()),
]


@pytest.mark.parametrize(("param", "value", "keep"), FILTERS, ids=[f[0] for f in FILTERS])
def test_each_filter_narrows_the_list_and_the_link_restores_it(
    site: Built,
    open_tab: Callable[..., Tab],
    param: str,
    value: str,
    keep: Callable[[Built, Innovation], bool],
) -> None:
    from playwright.sync_api import expect

    innovations = list(site.catalogue.innovations.values())
    expected = sorted_titles([i for i in innovations if keep(site, i)])
    assert 0 < len(expected) < len(innovations), "the fixture must make this filter matter"
    tab = open_tab()
    page = tab.goto(BROWSE)
    wait_for_list(tab, sorted_titles(innovations))
    control = page.locator(f"#kid-filter-{param}")
    if param == "q":
        control.fill(value)
    else:
        control.select_option(value)
    wait_for_list(tab, expected)
    expect(page.locator(".kid-browse__status")).to_have_text(
        f"{len(expected)} dari {len(innovations)} inovasi"
    )
    # The state is in the address, and nothing else is.
    shared = page.url
    assert dict(parse_qsl(urlsplit(shared).query)) == {param: value}
    # The shared link, opened elsewhere, shows the same list with the same control set.
    other = open_tab()
    other.page.goto(shared)
    wait_for_list(other, expected)
    expect(other.page.locator(f"#kid-filter-{param}")).to_have_value(value)


def test_each_option_counts_what_it_would_show_and_empty_ones_are_disabled(
    site: Built, open_tab: Callable[..., Tab]
) -> None:
    innovations = list(site.catalogue.innovations.values())
    stopped = [i for i in innovations if i.status == "stopped"]
    tab = open_tab()
    page = tab.goto(BROWSE + "?status=stopped")
    wait_for_list(tab, sorted_titles(stopped))

    def options(param: str) -> list[list[Any]]:
        found: list[list[Any]] = page.locator(f"#kid-filter-{param} option").evaluate_all(
            "os => os.map(o => [o.value, o.textContent, o.disabled])"
        )
        return found[1:]  # after "Semua"

    stages = vocabulary("stages")
    expected = []
    for value in stages.values:
        n = sum(1 for i in stopped if i.stage == value)
        expected.append([value, f"{stages.text(value)} ({n})", n == 0])
    assert options("tahap") == expected
    assert any(disabled for _, _, disabled in expected), "the fixture must leave a stage empty"
    kinds = {k for i in stopped for k in agency_kinds(site, i)}
    assert {value for value, _, disabled in options("perangkat") if not disabled} == kinds
    # A filter's own options count with the other filters only: every status in use stays open.
    assert {value for value, _, disabled in options("status") if not disabled} == {
        i.status for i in innovations
    }
    # The year filter offers the years of the records.
    years = [value for value, _, disabled in options("tahun") if not disabled]
    assert years == sorted({str(year(i)) for i in stopped if year(i)}, reverse=True)


def test_the_filters_in_force_are_buttons_that_remove_them_and_one_resets_all(
    site: Built, open_tab: Callable[..., Tab]
) -> None:
    from playwright.sync_api import expect

    innovations = list(site.catalogue.innovations.values())
    tab = open_tab()
    page = tab.goto(BROWSE + "?tahap=implementation&jenis=digital")
    both = [i for i in innovations if i.stage == "implementation" and i.kind == "digital"]
    wait_for_list(tab, sorted_titles(both))
    chips = page.locator(".kid-browse__chip")
    expect(chips).to_have_count(2)
    page.get_by_role("button", name=re.compile("Hapus saringan Tahapan")).click()
    wait_for_list(tab, sorted_titles([i for i in innovations if i.kind == "digital"]))
    assert "tahap=" not in page.url and "jenis=digital" in page.url
    page.get_by_role("button", name=labels()["browse_reset"]["id"]).click()
    wait_for_list(tab, sorted_titles(innovations))
    expect(chips).to_have_count(0)
    assert urlsplit(page.url).query == ""


def test_a_filter_that_finds_nothing_says_how_to_get_back(site: Built, open_tab: Callable[..., Tab]) -> None:
    from playwright.sync_api import expect

    tab = open_tab()
    page = tab.goto(BROWSE + "?status=stopped&jenis=digital")
    assert not [
        i for i in site.catalogue.innovations.values() if i.status == "stopped" and i.kind == "digital"
    ]
    expect(page.locator(".kid-browse__status")).to_contain_text(labels()["browse_none"]["id"])
    page.get_by_role("button", name=labels()["browse_reset"]["id"]).click()
    wait_for_list(tab, sorted_titles(list(site.catalogue.innovations.values())))


def test_on_a_phone_the_filters_fold_and_the_results_start_on_the_first_screen(
    site: Built, open_tab: Callable[..., Tab]
) -> None:
    from playwright.sync_api import expect

    tab = open_tab()
    tab.page.set_viewport_size({"width": 390, "height": 844})
    page = tab.goto(BROWSE + "?tahap=trial")
    wait_for_list(tab, sorted_titles([i for i in site.catalogue.innovations.values() if i.stage == "trial"]))
    expect(page.locator("#kid-filter-tahap")).to_be_hidden()
    toggle = page.locator(".kid-browse__toggle")
    expect(toggle).to_have_text("Saringan (1 aktif)")
    first = page.locator(".kid-browse__item").first.bounding_box()
    assert first is not None and first["y"] + first["height"] < 844
    toggle.click()
    expect(page.locator("#kid-filter-tahap")).to_be_visible()
    for chip in page.locator(".kid-browse__chip, .kid-browse__reset").all():
        box = chip.bounding_box()
        assert box is not None and box["height"] >= 24


def test_province_narrows_the_region_choices(site: Built, open_tab: Callable[..., Tab]) -> None:
    from playwright.sync_api import expect

    tab = open_tab()
    page = tab.goto(BROWSE + "?provinsi=provinsi-lampung&daerah=kota-metro&tahap=implementation")
    innovations = site.catalogue.innovations.values()
    wait_for_list(
        tab,
        sorted_titles([i for i in innovations if i.region == "kota-metro" and i.stage == "implementation"]),
    )
    options = page.locator("#kid-filter-daerah option").evaluate_all("os => os.map(o => o.value)")
    assert options == ["", "kabupaten-lampung-selatan", "kota-metro"]
    # Another province drops the region, which is not in it.
    page.locator("#kid-filter-provinsi").select_option("provinsi-jawa-barat")
    wanted = [
        i
        for i in innovations
        if province_of(site, i) == "provinsi-jawa-barat" and i.stage == "implementation"
    ]
    wait_for_list(tab, sorted_titles(wanted))
    expect(page.locator("#kid-filter-daerah")).to_have_value("")
    assert dict(parse_qsl(urlsplit(page.url).query)) == {
        "provinsi": "provinsi-jawa-barat",
        "tahap": "implementation",
    }


def test_sorting_by_year_and_by_region(site: Built, open_tab: Callable[..., Tab]) -> None:
    innovations = list(site.catalogue.innovations.values())
    tab = open_tab()
    page = tab.goto(BROWSE)
    wait_for_list(tab, sorted_titles(innovations))
    page.locator("#kid-filter-urut").select_option("tahun")
    # Newest year first; no year last; the same year by title.
    by_year = sorted(innovations, key=lambda i: (-(year(i) or 0), i.title.casefold()))
    wait_for_list(tab, [i.title for i in by_year])
    assert dict(parse_qsl(urlsplit(page.url).query)) == {"urut": "tahun"}
    page.locator("#kid-filter-urut").select_option("daerah")
    regions = site.catalogue.regions
    by_region = sorted(innovations, key=lambda i: (REGION_NAME(regions[i.region]), i.title.casefold()))
    wait_for_list(tab, [i.title for i in by_region])
    shared = page.url
    # Title order is the default, and is not written into the link.
    page.locator("#kid-filter-urut").select_option("judul")
    wait_for_list(tab, sorted_titles(innovations))
    assert urlsplit(page.url).query == ""
    other = open_tab()
    other.page.goto(shared)
    wait_for_list(other, [i.title for i in by_region])


def test_a_province_link_fetches_only_its_shard(site: Built, open_tab: Callable[..., Tab]) -> None:
    innovations = list(site.catalogue.innovations.values())
    tab = open_tab()
    tab.goto(BROWSE + "?provinsi=provinsi-lampung")
    wait_for_list(tab, sorted_titles([i for i in innovations if province_of(site, i) == "provinsi-lampung"]))
    assert tab.fetched(r"/katalog/index\.json$") == ["index.json"]
    assert tab.fetched(r"/katalog/shard-.*\.json$") == ["shard-provinsi-lampung.json"]
    # All provinces: the other shard now, and the first one is not fetched again.
    tab.page.locator("#kid-filter-provinsi").select_option("")
    wait_for_list(tab, sorted_titles(innovations))
    assert sorted(tab.fetched(r"/katalog/shard-.*\.json$")) == [
        "shard-provinsi-jawa-barat.json",
        "shard-provinsi-lampung.json",
    ]


def test_stale_notice_follows_the_visitors_clock(open_tab: Callable[..., Tab]) -> None:
    from playwright.sync_api import expect

    stale = open_tab()
    page = stale.goto(url_of(paths.innovation("kabupaten-sumedang/command-center")))  # verified 2019
    expect(page.locator(".kid-stale")).to_be_visible()
    expect(page.locator(".kid-stale .admonition-title")).to_have_text(t("stale_title"))
    fresh = open_tab()
    page = fresh.goto(url_of(paths.innovation("kabupaten-sumedang/layanan-adminduk-daring")))  # 2025-07-04
    expect(page.locator(".kid-stale")).to_have_count(1)
    expect(page.locator(".kid-stale")).to_be_hidden()
    # The same page a year later: the notice is computed in the browser, not at build time.
    later = open_tab(now=TODAY + dt.timedelta(days=365))
    page = later.goto(url_of(paths.innovation("kabupaten-sumedang/layanan-adminduk-daring")))
    expect(page.locator(".kid-stale")).to_be_visible()


def test_never_verified_notice_shows_without_javascript(open_tab: Callable[..., Tab]) -> None:
    from playwright.sync_api import expect

    tab = open_tab(javascript=False, now=None)
    page = tab.goto(url_of(paths.innovation("kabupaten-sumedang/posyandu-digital")))
    expect(page.locator(".kid-stale")).to_be_visible()
    expect(page.locator(".kid-stale")).to_contain_text(t("not_verified"))
    # Without JavaScript nobody can tell the age of a verification: that notice stays hidden.
    page = tab.goto(url_of(paths.innovation("kabupaten-sumedang/command-center")))
    expect(page.locator(".kid-stale")).to_be_hidden()


# --- The paging of a long list ------------------------------------------------------------------


@pytest.fixture(scope="module")
def long_site(tmp_path_factory: pytest.TempPathFactory, project_factory: Any, build_site: Any) -> Built:
    """The visit fixture plus EXTRA generated innovations of Kota Metro: more than one page."""
    project = project_factory(tmp_path_factory.mktemp("visit-long"), FIXTURES / "site-visit")
    for n in range(1, EXTRA + 1):
        (project / "innovations" / "kota-metro" / f"tambahan-{n:02d}.yml").write_text(
            f"title: Inovasi Tambahan {n:02d}\n"
            "summary: Inovasi tambahan untuk menguji halaman daftar.\n"
            "agencies: [disdukcapil]\nstage: trial\nkind: digital\nform: public-service\n"
            "affairs: [civil-registration]\n",
            encoding="utf-8",
        )
    built: Built = build_site(project, project / "site")
    return built


def test_show_more_pages_through_a_long_list(
    long_site: Built, static_server: Any, open_tab: Callable[..., Tab]
) -> None:
    from playwright.sync_api import expect

    titles = sorted_titles(list(long_site.catalogue.innovations.values()))
    total = len(titles)
    assert total > PAGE_SIZE
    with static_server(long_site.site) as base:
        tab = open_tab(base=base)
        page = tab.goto(BROWSE)
        wait_for_list(tab, titles[:PAGE_SIZE])
        expect(page.locator(".kid-browse__status")).to_have_text(f"{total} dari {total} inovasi")
        more = page.locator(".kid-browse__more")
        expect(more).to_be_visible()
        expect(more).to_have_text(t("browse_more"))
        more.click()
        wait_for_list(tab, titles)
        expect(more).to_be_hidden()
        # A new filter starts again at the first page.
        page.locator("#kid-filter-tahap").select_option("trial")
        trials = sorted_titles([i for i in long_site.catalogue.innovations.values() if i.stage == "trial"])
        assert len(trials) > PAGE_SIZE
        wait_for_list(tab, trials[:PAGE_SIZE])
        expect(more).to_be_visible()
        page.locator("#kid-filter-q").fill("Tambahan 0")
        wait_for_list(tab, [f"Inovasi Tambahan {n:02d}" for n in range(1, 10)])
        expect(more).to_be_hidden()
        # Close the page while its server still runs: a late request must not meet a closed socket.
        page.close()


# --- Printing -----------------------------------------------------------------------------------

PRINTED = {
    "innovation": url_of(paths.innovation("kabupaten-sumedang/layanan-adminduk-daring")),
    "brief": url_of(paths.brief("kabupaten-lampung-selatan", "kabupaten-sumedang")),
}
_AFTER = "a => getComputedStyle(a, '::after').content"


@pytest.mark.parametrize("kind", sorted(PRINTED))
def test_print_shows_content_only_with_link_addresses(kind: str, open_tab: Callable[..., Tab]) -> None:
    from playwright.sync_api import expect

    tab = open_tab()
    page = tab.goto(PRINTED[kind])
    external = page.locator(".md-content a[href^='http'], .md-content a[href^='mailto']")
    assert external.count() >= 2
    assert {external.nth(n).evaluate(_AFTER) for n in range(external.count())} == {"none"}
    expect(page.locator(".md-header")).to_be_visible()
    page.emulate_media(media="print")
    for selector in (
        ".md-header",
        ".md-tabs",
        ".md-sidebar--primary",
        ".md-sidebar--secondary",
        ".md-footer",
        ".kid-breadcrumb",
    ):
        for n in range(page.locator(selector).count()):
            expect(page.locator(selector).nth(n)).to_be_hidden()
    expect(page.locator(".md-content h1")).to_be_visible()
    for n in range(external.count()):
        link = external.nth(n)
        # An address shown as the link's own text is not printed twice.
        bare = "kid-bare" in (link.get_attribute("class") or "")
        assert link.evaluate(_AFTER) == ("none" if bare else f'" ({link.get_attribute("href")})"')
    internal = page.locator(".md-content a[href]:not([href^='http']):not([href^='mailto'])")
    assert internal.count() > 0
    for n in range(internal.count()):
        link = internal.nth(n)
        address = link.get_attribute("data-print-url")
        # The brief's links print the published address of the page they lead to.
        assert link.evaluate(_AFTER) in ({f'" ({address})"'} if address else {"none", "normal"})
    if kind == "brief":
        assert page.locator(".md-content a[data-print-url]").count() > 5
        expect(page.locator(".kid-notes")).to_be_visible()
        assert page.locator(".kid-notes").evaluate("e => e.getBoundingClientRect().height") > 200
        # The address as a QR code on paper; the print button and its hint on screen only.
        expect(page.locator(".kid-qr svg")).to_be_visible()
        expect(page.locator(".kid-print-bar")).to_be_hidden()
        page.emulate_media(media="screen")
        expect(page.locator(".kid-qr")).to_be_hidden()
        expect(page.get_by_role("button", name=labels()["brief_print"]["id"])).to_be_visible()


def test_the_printed_brief_is_a_few_a4_pages_with_its_address_and_no_record_cut(
    open_tab: Callable[..., Tab], site: Built, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    tab = open_tab()
    page = tab.goto(PRINTED["brief"])
    pdf = tmp_path / "brief.pdf"
    page.pdf(path=str(pdf), format="A4")
    # Text as printed, lines joined (an address broken at a hyphen joined back).
    sheets = [" ".join(p.extract_text().split()).replace("- ", "-") for p in PdfReader(pdf).pages]
    text = " ".join(sheets)
    label = {key: value["id"] for key, value in labels().items()}
    site_url = "https://katalog-inovasi-daerah.example.org"
    # Its own published address, and the date its content was last verified (from the records).
    assert (
        f"{label['brief_address']} {site_url}/kunjungan/kabupaten-lampung-selatan/kabupaten-sumedang/" in text
    )
    assert f"{label['brief_verified']} 4 Juli 2025" in text
    assert label["brief_print_hint"] not in text and label["brief_print"] not in text
    # Each innovation described in full is on one sheet, from its title to the printed address of
    # its own page, its last line.
    described = re.findall(
        r"\{: #i-([a-z0-9-]+) \}", site.pages[paths.brief("kabupaten-lampung-selatan", "kabupaten-sumedang")]
    )
    assert len(described) == 3
    for ident in described:
        innovation = site.catalogue.innovations[f"kabupaten-sumedang/{ident}"]
        address = f"{site_url}/inovasi/kabupaten-sumedang/{ident}/"
        first = [n for n, sheet in enumerate(sheets) if innovation.title in sheet]
        last = [n for n, sheet in enumerate(sheets) if address in sheet]
        assert first and last and first[-1] == last[-1], (ident, first, last)
    assert len(sheets) <= 4


# --- The innovation page for a study visit --------------------------------------------------------


def test_study_visit_section_and_replications_table(site: Built, open_tab: Callable[..., Tab]) -> None:
    from playwright.sync_api import expect

    innovation = site.catalogue.innovations["kabupaten-sumedang/layanan-adminduk-daring"]
    assert innovation.visit_contact is not None and innovation.prerequisites is not None
    tab = open_tab()
    page = tab.goto(url_of(paths.innovation(innovation.ref)))
    expect(page.get_by_role("heading", name=t("study_visit"), level=2)).to_be_visible()
    facts = {
        dt_.inner_text().strip(): dd.inner_text().strip()
        for dt_, dd in zip(
            page.locator(".kid-facts dt").all(), page.locator(".kid-facts dd").all(), strict=True
        )
    }
    contact = innovation.visit_contact
    assert (
        facts[t("visit_contact")] == f"{contact.office} · {contact.email} · {contact.phone} · {contact.url}"
    )
    assert facts[t("implementation_time")] == innovation.implementation_time
    for key in ("regulation", "team", "infrastructure", "budget"):
        assert facts[t(f"prerequisite_{key}")] == getattr(innovation.prerequisites, key)
    expect(page.get_by_role("heading", name=t("on_site"), level=3)).to_be_visible()
    expect(page.get_by_role("heading", name=t("lessons"), level=3)).to_be_visible()
    expect(page.locator("strong", has_text="operator kecamatan")).to_be_visible()

    heading = page.get_by_role("heading", name=t("replications"), level=2)
    expect(heading).to_be_visible()
    # The replications table: the one whose header names the copy.
    table = page.locator("table", has=page.locator("th", has_text=t("replication_copy")))
    expect(table).to_have_count(1)
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(len(innovation.replications))
    renderer = PageRenderer("id")
    for n, replication in enumerate(innovation.replications):
        cells = rows.nth(n).locator("td").all_inner_texts()
        assert cells[0] == REGION_NAME(site.catalogue.regions[replication.region])
        assert cells[1] == renderer.vocab_label("replication-statuses", replication.status)
        assert cells[2] == (renderer.date(replication.date) if replication.date else "")
        agreement = site.catalogue.agreements.get(replication.agreement or "")
        assert cells[3] == (agreement.title if agreement else "")
        copy = site.catalogue.innovations.get(replication.innovation or "")
        assert cells[4] == (copy.title if copy else "")
    # The copy's page says where it came from, with a link back.
    rows.last.get_by_role("link", name="Adminduk Online Lampung Selatan").click()
    expect(page.locator("h1")).to_have_text("Adminduk Online Lampung Selatan")
    page.get_by_role("link", name=innovation.title).first.click()
    expect(page.locator("h1")).to_have_text(innovation.title)


# --- Charts as drawn ----------------------------------------------------------------------------

_OVERFLOW = """svg => {
  const box = svg.viewBox.baseVal;
  return [...svg.querySelectorAll('text')].map(t => [t.textContent, t.getBBox()])
    .filter(([_, b]) => b.x < 0 || b.y < 0 || b.x + b.width > box.width || b.y + b.height > box.height)
    .map(([text]) => text);
}"""


@pytest.mark.parametrize("width", [375, 1280])
def test_charts_fit_their_drawing_and_the_column(width: int, open_tab: Callable[..., Tab]) -> None:
    tab = open_tab()
    tab.page.set_viewport_size({"width": width, "height": 900})
    # Jawa Barat's theme chart has the longest theme label ("Digitalisasi layanan pemerintahan").
    for page_path, selector in [
        (url_of(paths.region("provinsi-jawa-barat")), "svg.kid-chart__svg"),
        (url_of(paths.region_network("kabupaten-sumedang")), "svg.kid-network__svg"),
        (url_of(paths.NETWORK), "svg.kid-network__svg"),
    ]:
        page = tab.goto(page_path)
        svgs = page.locator(selector)
        assert svgs.count() > 0, page_path
        column = page.locator(".md-content__inner").evaluate("e => e.clientWidth")
        for n in range(svgs.count()):
            svg = svgs.nth(n)
            assert svg.evaluate(_OVERFLOW) == [], (page_path, width)
            # Drawn as wide as the column allows (up to the stylesheet's max-width), not at the
            # 300 px a browser gives an SVG whose width it cannot resolve.
            drawn, limit = svg.evaluate(
                "s => [s.getBoundingClientRect().width, parseFloat(getComputedStyle(s).maxWidth)]"
            )
            assert drawn == pytest.approx(min(column, limit), abs=1), (page_path, width)

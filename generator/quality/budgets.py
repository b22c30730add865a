"""Size budgets of a built site (budgets.yml): page weight per page type and navigation size."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..content.data_files import read_data
from ..site.redirects import is_redirect_page

# Page types by their path in the built site (directory URLs), most specific first.
_PAGE_TYPES = (
    (re.compile(r"index\.html"), "home"),
    # A long listing's further pages (`paths.listing_page`, `paths.listing_last_page`).
    (
        re.compile(
            r"(daerah/[^/]+|tema/[^/]+|tag/([^/]+/)?daftar|kerja-sama/daftar|perangkat-daerah/[^/]+/[^/]+)"
            r"/(dari-[^/]+|akhir)/index\.html"
        ),
        "listing",
    ),
    (re.compile(r"inovasi/[^/]+/[^/]+/index\.html"), "innovation"),
    (re.compile(r"daerah/[^/]+/jaringan/index\.html"), "network"),
    (re.compile(r"daerah/[^/]+/perangkat-daerah/index\.html"), "listing"),
    (re.compile(r"daerah/provinsi-[^/]+/index\.html"), "province"),
    (re.compile(r"daerah/[^/]+/index\.html"), "region"),
    (re.compile(r"perangkat-daerah/jenis/[^/]+/index\.html"), "agency-kind"),
    (re.compile(r"perangkat-daerah/[^/]+/[^/]+/index\.html"), "agency"),
    (re.compile(r"kerja-sama/[^/]+/kunjungan-[^/]+/index\.html"), "brief"),
    (re.compile(r"kunjungan/[^/]+/[^/]+/index\.html"), "brief"),
    (re.compile(r"kerja-sama/[^/]+/index\.html"), "agreement"),
    (re.compile(r"tema/[^/]+/index\.html"), "theme"),
    (re.compile(r"tag/[^/]+/index\.html"), "tag"),
    (re.compile(r"jaringan/index\.html"), "network"),
    (re.compile(r"(inovasi|daerah|perangkat-daerah|kerja-sama|tema|tag|cari|tentang)/index\.html"), "index"),
)


def page_type(path: str) -> str:
    """The page type of a built page, from its path relative to the site root."""
    for pattern, name in _PAGE_TYPES:
        if pattern.fullmatch(path):
            return name
    return "other"


@functools.cache
def budgets() -> dict[str, Any]:
    """The budgets from budgets.yml."""
    data: dict[str, Any] = read_data("budgets.yml", "generator.quality")
    return data


class _Resources(HTMLParser):
    """Subresources a page loads on arrival, and its navigation links."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.nav_links = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script" and values.get("src"):
            self.urls.append(values["src"] or "")
        elif tag == "link" and values.get("href") and values.get("rel") in ("stylesheet", "icon", "preload"):
            self.urls.append(values["href"] or "")
        elif tag == "img" and values.get("src"):
            self.urls.append(values["src"] or "")
        if tag == "a" and "md-nav__link" in (values.get("class") or ""):
            self.nav_links += 1


@dataclass(slots=True)
class PageWeight:
    """One built page: its type, HTML size, navigation links and first-visit bytes."""

    path: str
    type: str
    html_bytes: int
    nav_links: int
    first_visit_bytes: int


@dataclass(slots=True)
class BudgetReport:
    """Every page measured, and every budget exceeded (as readable lines)."""

    pages: list[PageWeight] = field(default_factory=list)
    over: list[str] = field(default_factory=list)

    def largest(self) -> dict[str, PageWeight]:
        """The largest page of each type."""
        result: dict[str, PageWeight] = {}
        for page in self.pages:
            if page.type not in result or page.html_bytes > result[page.type].html_bytes:
                result[page.type] = page
        return dict(sorted(result.items()))


def _first_visit(site: Path, page: Path, html: str) -> tuple[int, int]:
    parser = _Resources()
    parser.feed(html)
    total = len(html.encode("utf-8"))
    for url in dict.fromkeys(parser.urls):
        parts = urlsplit(url)
        if parts.scheme or parts.netloc:
            continue
        target = (page.parent / parts.path).resolve()
        if target.is_file() and site in target.parents:
            total += target.stat().st_size
    return total, parser.nav_links


def measure(site: Path) -> BudgetReport:
    """Measure every HTML page of `site` against budgets.yml."""
    limits = budgets()
    report = BudgetReport()
    site = site.resolve()
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        if rel.startswith("katalog/") or rel == "404.html":
            continue
        html = page.read_text(encoding="utf-8")
        if is_redirect_page(html):
            continue  # a moved page's old address, not a page (site/redirects.py)
        kind = page_type(rel)
        first, nav_links = _first_visit(site, page, html)
        weight = PageWeight(rel, kind, len(html.encode("utf-8")), nav_links, first)
        report.pages.append(weight)
        html_limit = limits["html_bytes"].get(kind, limits["html_bytes"]["other"])
        if weight.html_bytes > html_limit:
            report.over.append(f"{rel}: {weight.html_bytes} bytes of HTML > {html_limit} ({kind})")
        if weight.nav_links > limits["nav_links"]:
            report.over.append(f"{rel}: {weight.nav_links} navigation links > {limits['nav_links']}")
        first_limit = limits["first_visit_bytes"].get(kind)
        if first_limit is not None and weight.first_visit_bytes > first_limit:
            report.over.append(f"{rel}: first visit {weight.first_visit_bytes} bytes > {first_limit}")
    return report

"""What a site holds besides its pages, written straight into the built site folder: the catalogue
browser's index, the open data and the redirect pages at moved pages' old addresses.

They need only the pages' addresses, not their HTML, so a build writes them while pages render.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..content.catalogue import Catalogue
from ..opendata.exports import build_exports, write_exports
from ..search.browse_index import as_scripts, build_browse_index
from ..site import paths
from ..site.redirects import moved_pages
from .redirects import write_redirects


@dataclass(frozen=True)
class SiteAddresses:
    """Where the site is published and how its page addresses are formed (`paths.url`)."""

    site_url: str = ""
    directory_urls: bool = True

    def url_of(self, page: str) -> str:
        return paths.url(page, directory_urls=self.directory_urls)


def write_browse_index(
    catalogue: Catalogue, site: Path, addresses: SiteAddresses, lang: str, *, offline: bool
) -> None:
    """The catalogue browser's JSON index (offline: as scripts, which file:// pages may load)."""
    index = build_browse_index(catalogue, addresses.url_of, lang)
    if offline:
        index = as_scripts(index)
    for rel, data in index.items():
        target = site / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def write_open_data(catalogue: Catalogue, site: Path, addresses: SiteAddresses, lang: str) -> int:
    """Open data (docs/data/referensi/index.md) under `site/data`; returns the number of files."""
    exports = build_exports(catalogue, site_url=addresses.site_url, url_of=addresses.url_of, lang=lang)
    write_exports(exports, site)
    return len(exports)


def write_moved_pages(
    catalogue: Catalogue, site: Path, planned: frozenset[str], directory_urls: bool, lang: str
) -> int:
    """Redirect pages where pages that moved used to be (`site/redirects.py`); returns how many."""
    return write_redirects(site, moved_pages(catalogue, planned), directory_urls, lang)

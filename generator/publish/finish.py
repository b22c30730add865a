"""`katalog finish`: complete a site that an engine rendered from a `katalog build` source folder.

Writes what is not a page (`side_files`), the search index read from the rendered pages, and a
sitemap.xml.gz that is the same in every build; then proves that every record the checker
accepted has its page in the site, so that no engine setting drops one silently.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..content.catalogue import Catalogue
from ..search.search_index import index_site
from ..site import paths
from ..site.coverage import KindCoverage, coverage, expected_pages, missing_pages
from ..site.pages import plan_pages
from .side_files import SiteAddresses, write_browse_index, write_moved_pages, write_open_data
from .sitemap import write_sitemap_gz
from .source import Manifest


@dataclass(frozen=True)
class Finished:
    """What `finish_site` wrote, and each kind's record pages found in the site."""

    site: Path
    open_data: int
    redirects: int
    searchable: int
    report: list[KindCoverage]

    @property
    def missing(self) -> list[str]:
        return missing_pages(self.report)


def finish_site(catalogue: Catalogue, manifest: Manifest, site: Path) -> Finished:
    """Complete `site`, rendered from the source `manifest` describes, for `catalogue`.

    Raises:
        OSError: a file cannot be read or written.
    """
    addresses = SiteAddresses(manifest.site_url, manifest.directory_urls)
    planned = frozenset(plan_pages(catalogue, manifest.lang, manifest.stale_after_days))
    write_browse_index(catalogue, site, addresses, manifest.lang, offline=False)
    open_data = write_open_data(catalogue, site, addresses, manifest.lang)
    redirects = write_moved_pages(catalogue, site, planned, manifest.directory_urls, manifest.lang)
    searchable = index_site(site, lang=manifest.lang)
    write_sitemap_gz(site)
    expected = expected_pages(catalogue)
    built = {
        page
        for kind in expected.values()
        for page in kind.values()
        if (site / paths.built_file(addresses.url_of(page))).is_file()
    }
    return Finished(site, open_data, redirects, searchable, coverage(catalogue, built, expected))

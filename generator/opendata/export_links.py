"""Where the export files are, and how they point at each other and at the site's pages."""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass

EXPORT_DIR = "data"

UrlOf = Callable[[str], str]


@dataclass(frozen=True)
class ExportLinks:
    """Links from export files: absolute when the site's address is known, else relative.

    Attributes:
        site_url: the site's address ending in "/", or "" when unknown.
        url_of: the URL, relative to the site root, of a generated page given by its docs path.
    """

    site_url: str
    url_of: UrlOf

    @classmethod
    def for_site(cls, site_url: str, url_of: UrlOf) -> ExportLinks:
        return cls(site_url.rstrip("/") + "/" if site_url else "", url_of)

    def link(self, site_path: str, start: str) -> str:
        """A link to `site_path` from the export file `start`."""
        if self.site_url:
            return self.site_url + site_path
        relative = posixpath.relpath(site_path or ".", posixpath.dirname(start) or ".")
        return relative + ("/" if site_path.endswith("/") and not relative.endswith("/") else "")

    def page(self, docs_path: str, start: str) -> str:
        """A link to the generated page `docs_path` from the export file `start`."""
        return self.link(self.url_of(docs_path), start)

    def ident(self, site_path: str) -> str:
        """A permanent Atom id: the absolute address when the site's is known."""
        return self.site_url + site_path if self.site_url else f"urn:katalog-inovasi-daerah:{site_path}"

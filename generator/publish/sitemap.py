"""The sitemap's compressed copy, the same in every build of the same site."""

from __future__ import annotations

import gzip
from pathlib import Path


def write_sitemap_gz(site: Path) -> bool:
    """Write `sitemap.xml.gz` from the engine's `sitemap.xml`, with no time in its gzip header
    (MkDocs stamps the build time there; Zensical writes none). Returns whether there was one."""
    sitemap = site / "sitemap.xml"
    if not sitemap.is_file():
        return False
    with (
        open(site / "sitemap.xml.gz", "wb") as raw,
        gzip.GzipFile(filename="sitemap.xml", fileobj=raw, mode="wb", mtime=0) as packed,
    ):
        packed.write(sitemap.read_bytes())
    return True

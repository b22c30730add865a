"""The options of the `katalog` plugin in `mkdocs.yml`."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from ..site.pages import DEFAULT_STALE_AFTER_DAYS


class KatalogConfig(base.Config):
    """Options of the `katalog` plugin in `mkdocs.yml`."""

    root = c.Type(str, default=".")
    """Catalogue folder (holding regions/, innovations/, agreements/), relative to mkdocs.yml.
    Example: `root: .`"""

    lang = c.Choice(("id", "en"), default="id")
    """Language of the generated pages and of the checker's messages. Example: `lang: id`"""

    search = c.Type(bool, default=True)
    """Build the search index (`search-index/`) from the built pages. Example: `search: true`"""

    build_state = c.Type(str, default=".cache/katalog/build-state.json")
    """Where `mkdocs build --dirty` keeps each page's input fingerprint (relative to mkdocs.yml),
    so that the next `--dirty` build into the same site folder rebuilds only the pages whose inputs
    changed. Keep it, with the site folder, in the CI cache. Example:
    `build_state: .cache/katalog/build-state.json`"""

    jobs = c.Type(int, default=0)
    """Processes that read and write pages in `mkdocs build` (0: one per CPU core; 1: no extra
    process). `mkdocs serve` and the offline copy always use one. Example: `jobs: 2`"""

    offline = c.Type(bool, default=False)
    """Build the copy that opens from the file system (mkdocs-offline.yml): no search index
    (browsers refuse its fetches from file://; the theme's own search runs there); the browser's
    index is also written as scripts.
    Example: `offline: true`"""

    offline_photos_mb = c.Type(int, default=30)
    """The most megabytes of photos (their web copies) the offline copy carries: it travels on a
    phone or a USB stick. Past it, the copy carries none, and its pages say so where each photo
    would be. Example: `offline_photos_mb: 30`"""

    stale_after_days = c.Type(int, default=DEFAULT_STALE_AFTER_DAYS)
    """Innovations last verified longer ago than this show a "needs checking" notice (computed in
    the visitor's browser, so the built site does not depend on the build date).
    Example: `stale_after_days: 365`"""

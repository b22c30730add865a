"""Redirect pages written at moved pages' old addresses (`site/redirects.py` says which, and
what each holds)."""

from __future__ import annotations

from pathlib import Path

from ..site import paths
from ..site.redirects import redirect_page


def write_redirects(site: Path, moved: dict[str, str], directory_urls: bool, lang: str) -> int:
    """Write a redirect page at each old address in `site`, unless a page lives there now."""
    written = 0
    for old, new in moved.items():
        old_url = paths.url(old, directory_urls=directory_urls)
        target = site / (old_url + "index.html" if old_url.endswith("/") else old_url)
        if target.exists():
            continue
        href = _relative_url(paths.url(new, directory_urls=directory_urls), old_url)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(redirect_page(href, lang), encoding="utf-8", newline="\n")
        written += 1
    return written


def _relative_url(target: str, page: str) -> str:
    """The address `target` (from the site root) as a link from the page at address `page`."""
    folder = page.rstrip("/") if page.endswith("/") else page.rpartition("/")[0]
    depth = folder.count("/") + 1 if folder else 0
    return "../" * depth + target

"""Theme parts rendered once for all the pages outside the navigation that link them alike.

Material renders the navigation drawer, the tabs, the footer and the page's JSON configuration
again for each of 40,000 pages: a tenth of a build. For a page outside the navigation none of them
depends on the page but through its links, which are relative: no navigation entry is active and
there is no previous or next page. So each part is rendered once, its links recorded as it
passes them through the theme's `url` filter; another page whose relative forms of those links
(and whose `base_url`) are the same gets the same text. Pages in the navigation mark their own
entry active: they are always rendered in full.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

import jinja2
from mkdocs.structure.pages import Page
from mkdocs.utils import normalize_url


class SharedParts:
    """The `katalog_shared` template function (overrides/main.html) of one build."""

    def __init__(self, nav_pages: Collection[str]) -> None:
        # Source paths of the pages in the navigation.
        self.nav_pages = nav_pages
        # Per part: the links it passed through the `url` filter the first time it was rendered.
        self._links: dict[str, tuple[str, ...]] = {}
        self._rendered: dict[tuple[str, str, tuple[str, ...]], str] = {}
        self._recording: list[str] | None = None

    def __call__(self, part: str, page: Any, base_url: str, render: Callable[[], Any]) -> str:
        """The output of `render` (a block's `super` or a macro) for `page`: rendered the first
        time, afterwards again only for a page whose links to that part's targets differ."""
        # Theme pages (404.html) have no page; their `base_url` is absolute.
        if not isinstance(page, Page) or page.file.src_uri in self.nav_pages:
            return str(render())
        links = self._links.get(part)
        if links is None:
            self._recording = []
            try:
                text = str(render())
                links = self._links[part] = tuple(sorted(set(self._recording)))
            finally:
                self._recording = None
            self._rendered[self._key(part, page, base_url, links)] = text
            return text
        key = self._key(part, page, base_url, links)
        found = self._rendered.get(key)
        if found is None:
            found = self._rendered[key] = str(render())
        return found

    @staticmethod
    def _key(
        part: str, page: Page, base_url: str, links: tuple[str, ...]
    ) -> tuple[str, str, tuple[str, ...]]:
        return part, base_url, tuple(normalize_url(link, page=page, base=base_url) for link in links)

    def watch_urls(self, env: jinja2.Environment) -> None:
        """Record what the theme's `url` filter is given while a part renders the first time."""
        original = env.filters["url"]

        @jinja2.pass_context
        def url(context: Any, value: str) -> str:
            if self._recording is not None:
                self._recording.append(str(value))
            result: str = original(context, value)
            return result

        env.filters["url"] = url

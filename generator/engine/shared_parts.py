"""Theme parts rendered once for all the pages outside the navigation that link them alike.

Material renders the header, the navigation drawer, the tabs, the footer and the page's JSON
configuration again for each of 40,000 pages: a tenth of a build. For a page outside the
navigation none of them depends on the page but through its links, which are relative (no
navigation entry is active and there is no previous or next page), and the header through the
page's title. So each part is rendered once, its links recorded as it passes them through the
theme's `url` filter; another page whose relative forms of those links (and whose `base_url`) are
the same gets the same text, the header with its own title put where the first page's stood.
Pages in the navigation mark their own entry active: they are always rendered in full.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

import jinja2
from mkdocs.structure.pages import Page
from mkdocs.utils import normalize_url

# The parts that show the page's title, and what stands just before it there (Material's header).
_TITLE_BEFORE = {"header": ('data-md-component="header-topic"', '<span class="md-ellipsis">')}


class SharedParts:
    """The `katalog_shared` template function (overrides/main.html) of one build."""

    def __init__(self, nav_pages: Collection[str]) -> None:
        # Source paths of the pages in the navigation.
        self.nav_pages = nav_pages
        # Per part: the links it passed through the `url` filter the first time it was rendered.
        self._links: dict[str, tuple[str, ...]] = {}
        # The text around the title (all of it before, for a part without one), by part and links.
        self._rendered: dict[tuple[str, str, tuple[str, ...]], tuple[str, str]] = {}
        self._recording: list[str] | None = None

    def __call__(self, part: str, page: Any, base_url: str, render: Callable[[], Any]) -> str:
        """The output of `render` (a block's `super` or a macro) for `page`: rendered the first
        time, afterwards again only for a page whose links to that part's targets differ (with
        the page's own title in a part that shows it)."""
        # Theme pages (404.html) have no page; their `base_url` is absolute.
        if not isinstance(page, Page) or page.file.src_uri in self.nav_pages:
            return str(render())
        title = _shown_title(page) if part in _TITLE_BEFORE else ""
        links = self._links.get(part)
        if links is None:
            self._recording = []
            try:
                text = str(render())
                links = self._links[part] = tuple(sorted(set(self._recording)))
            finally:
                self._recording = None
            self._keep(self._key(part, page, base_url, links), part, title, text)
            return text
        key = self._key(part, page, base_url, links)
        found = self._rendered.get(key)
        if found is None:
            text = str(render())
            self._keep(key, part, title, text)
            return text
        return found[0] + title + found[1]

    def _keep(self, key: tuple[str, str, tuple[str, ...]], part: str, title: str, text: str) -> None:
        around = _around_title(part, title, text)
        # A header whose title was not found where expected is not shared: each page renders it.
        if around is not None:
            self._rendered[key] = around

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


def _shown_title(page: Page) -> str:
    """The title Material's header shows: the front matter's, else MkDocs' page title."""
    meta_title = page.meta.get("title") if page.meta else None
    return str(meta_title if meta_title else page.title)


def _around_title(part: str, title: str, text: str) -> tuple[str, str] | None:
    """`text` before and after the page's `title` where the part shows it (None when it is not
    there); a part without a title is all "before"."""
    if part not in _TITLE_BEFORE:
        return text, ""
    marker, opening = _TITLE_BEFORE[part]
    marker_at = text.find(marker)
    at = text.find(opening, marker_at) if marker_at >= 0 else -1
    if at < 0 or not title:
        return None
    # The template's indentation, then the title, raw (MkDocs' templates do not escape).
    at = len(text) - len(text[at + len(opening) :].lstrip())
    if not text.startswith(title, at):
        return None
    return text[:at], text[at + len(title) :]

"""MkDocs' `Page.render` with one Markdown converter for the whole build, and quicker links.

MkDocs 1.6 builds a new `markdown.Markdown`, with every extension set up again, for each page:
about 4% of a build of 40,000 pages. Python-Markdown supports converting many documents with one
instance, reset between them; MkDocs' own per-page steps (raw HTML anchors, link rewriting, anchors,
title) are registered anew for each page, replacing the last page's, as `Page.render` does.

Generated pages hold some 30 links each, all plain relative paths to other pages (`../x.md`).
MkDocs resolves each through URL parsing, a generator of guesses and `pathlib`, another 6%; such
a link is resolved here directly, to the same address. Anything else (an anchor, a query, a link
MkDocs would warn about) goes MkDocs' own way. The converter's inline step takes the shortcuts of
`quick_inline` through those links and plain text.

MkDocs also reads each page's whole Markdown with Python's HTML parser, for the `id` (and `<a
name>`) attributes of its raw HTML, which links to anchors are checked against: 3% of a build.
Generated pages have none, so a page in which no attribute can be named so is not parsed.
Contributor prose, already HTML, is not read by that parser again either (`stashed_prose`).
"""

from __future__ import annotations

import logging
import posixpath
import re
from collections.abc import Callable
from typing import Any

import markdown
from mkdocs.structure import pages as mkdocs_pages
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url

from .quick_inline import quicken
from .stashed_prose import stash_prose

# A relative link to a Markdown page and nothing else: no scheme, anchor, query, escape or space.
_PLAIN_PAGE_LINK = re.compile(r"[A-Za-z0-9_.-][A-Za-z0-9_./-]*\.md")
# An attribute named `id` or `name`, in any case, where Python's HTML parser reads an attribute's
# name: after a quote, a space or a slash, up to a space, a slash, `=`, `>` or the end. Matching
# more than that (the words "id" or "name" in prose) only means the page is parsed.
_ID_OR_NAME_ATTRIBUTE = re.compile(r"""(?<=['"\s/])(?:id|name)(?![^\s/=>])""", re.IGNORECASE)


class OneConverter:
    """Installs the shared-converter `Page.render` for one build, and puts MkDocs' back after."""

    def __init__(self) -> None:
        self._converter: markdown.Markdown | None = None
        self._original: Callable[..., None] | None = None

    def install(self) -> None:
        if self._original is None:
            self._original = Page.render

            def render(page: Page, config: Any, files: Any) -> None:
                self.render(page, config, files)

            Page.render = render  # type: ignore[method-assign, assignment]

    def restore(self) -> None:
        if self._original is not None:
            Page.render = self._original  # type: ignore[method-assign]
            self._original = None
        self._converter = None

    def render(self, page: Page, config: Any, files: Any) -> None:
        """What `Page.render` does (MkDocs 1.6.1), with this build's converter reset."""
        if page.markdown is None:
            raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
        if self._converter is None:
            self._converter = markdown.Markdown(
                extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"] or {}
            )
            quicken(self._converter)
            stash_prose(self._converter)
        md = self._converter.reset()
        # MkDocs' private per-page processors, as its own `render` registers them (MkDocs is pinned).
        raw_html = _RawHTMLAnchors()
        raw_html._register(md)
        anchors = mkdocs_pages._ExtractAnchorsTreeprocessor(page.file, files, config)
        anchors._register(md)
        links = _PageLinks(page.file, files, config)
        links._register(md)
        title = mkdocs_pages._ExtractTitleTreeprocessor()
        title._register(md)
        page.content = md.convert(page.markdown)
        page.toc = get_toc(getattr(md, "toc_tokens", []))
        page._title_from_render = title.title
        page.present_anchor_ids = anchors.present_anchor_ids | raw_html.present_anchor_ids
        if mkdocs_pages.log.getEffectiveLevel() > logging.DEBUG:
            page.links_to_anchors = links.links_to_anchors


class _RawHTMLAnchors(mkdocs_pages._RawHTMLPreprocessor):
    """MkDocs' collection of the anchors in a page's raw HTML, which skips a page without any."""

    def run(self, lines: list[str]) -> list[str]:
        if _ID_OR_NAME_ATTRIBUTE.search("\n".join(lines)) is None:
            return lines  # present_anchor_ids stays empty, as the parser would leave it
        result: list[str] = super().run(lines)
        return result


class _PageLinks(mkdocs_pages._RelativePathTreeprocessor):
    """MkDocs' link rewriting, with plain links to existing pages resolved directly."""

    def path_to_url(self, url: str) -> str:
        if _PLAIN_PAGE_LINK.fullmatch(url):
            # What MkDocs' first guess is (the link resolved against the page's source folder).
            source_folder = posixpath.dirname(self.file.src_uri)
            target_uri = posixpath.normpath(posixpath.join(source_folder, url).lstrip("/"))
            target = self.files.src_uris.get(target_uri)
            if target is not None and not target.inclusion.is_excluded():  # type: ignore[no-untyped-call]
                return get_relative_url(target.url, self.file.url)
        result: str = super().path_to_url(url)
        return result

"""Shared theme parts (generator/engine/shared_parts.py): a part that shows the page's title is shared
with each page's own title in it, and rendered anew when its title is not where it should be."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

from generator.engine.shared_parts import SharedParts

TITLES = ["  spasi", "Inovasi A", "md-ellipsis", "span", "&lt;b&gt; Dua", "header-topic", "Katalog", " x"]


def _header(title: str) -> str:
    # The shape of Material's header (partials/header.html) around the page title.
    return (
        '<header><span class="md-ellipsis">\n  Katalog\n</span>\n'
        '<div class="md-header__topic" data-md-component="header-topic">\n'
        f'  <span class="md-ellipsis">\n    {title}\n  </span>\n</div></header>'
    )


def _pages(tmp_path: Path, titles: list[str]) -> list[Page]:
    config = load_config(config_file=None, site_name="t", docs_dir=str(tmp_path))
    pages = []
    for number, title in enumerate(titles):
        file = File(f"a/p{number}.md", str(tmp_path), str(tmp_path / "site"), True)
        page = Page(None, file, config)
        page.meta = {"title": title}
        pages.append(page)
    return pages


def _shared_headers(
    tmp_path: Path, titles: list[str], header: Callable[[str], str]
) -> tuple[list[str], list[str]]:
    """Each page's header through one SharedParts, and the titles it was rendered for."""
    shared = SharedParts(nav_pages=())
    rendered: list[str] = []

    def for_page(page: Page) -> str:
        def render() -> str:
            rendered.append(page.meta["title"])
            return header(page.meta["title"])

        return shared("header", page, "../..", render)

    return [for_page(page) for page in _pages(tmp_path, titles)], rendered


def test_the_header_is_rendered_once_and_shows_each_pages_title(tmp_path: Path) -> None:
    headers, rendered = _shared_headers(tmp_path, TITLES, _header)
    assert headers == [_header(title) for title in TITLES]
    # The first title ran into the template's indentation, so it could not be told apart: rendered
    # again for the second page, whose rendering every other page shares.
    assert rendered == ["  spasi", "Inovasi A"]


@pytest.mark.parametrize(
    "changed",
    [
        lambda title: _header(title).replace("header-topic", "header-title"),
        lambda title: _header(title).replace(title, title.upper()),
        lambda title: _header(title).replace('<span class="md-ellipsis">\n    ', "<span>"),
    ],
)
def test_a_header_whose_title_is_not_where_expected_is_rendered_for_every_page(
    tmp_path: Path, changed: Callable[[str], str]
) -> None:
    titles = ["Satu", "Dua", "Tiga"]
    headers, rendered = _shared_headers(tmp_path, titles, changed)
    assert headers == [changed(title) for title in titles]
    assert rendered == titles

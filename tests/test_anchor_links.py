"""The parent's check of links to anchors says what MkDocs' own check says, page for page."""

from __future__ import annotations

import logging
import pickle
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import pytest
from mkdocs.structure.pages import Page

from generator.engine.anchor_links import AnchorLinks


@dataclass(eq=False)  # MkDocs keys links by the linked file, which compares as itself
class FakeFile:
    src_uri: str
    page: Any = None


def page(src_uri: str, anchors: set[str]) -> Any:
    """A rendered page as MkDocs' check reads it: its file, its anchors, its links to anchors."""
    file = FakeFile(src_uri)
    made = SimpleNamespace(file=file, present_anchor_ids=anchors, links_to_anchors={})
    file.page = made
    return made


@pytest.fixture
def pages() -> list[Any]:
    """Pages that link to each other's anchors, to some that are missing, and to their own."""
    home, region, kept = page("index.md", {"mulai"}), page("daerah/a.md", {"sekilas"}), page("b.md", set())
    kept.present_anchor_ids = None  # not rendered: a dirty build kept it
    home.links_to_anchors = {
        region.file: {"sekilas": "daerah/a.md#sekilas", "hilang": "daerah/a.md#hilang"},
        home.file: {"mulai": "#mulai", "tidak": "#tidak", "fnref:1": "#fnref:1"},
        kept.file: {"apa-saja": "b.md#apa-saja"},
    }
    region.links_to_anchors = {home.file: {"akhir": "../index.md#akhir"}}
    return [home, region, kept]


def messages(caplog: pytest.LogCaptureFixture) -> list[tuple[int, str]]:
    found = [(r.levelno, r.getMessage()) for r in caplog.records]
    caplog.clear()
    return found


def test_the_check_reports_what_mkdocs_reports(pages: list[Any], caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    for each in pages:
        Page.validate_anchor_links(each, files=None, log_level=logging.INFO)  # type: ignore[arg-type]
    expected = messages(caplog)
    assert len(expected) == 4
    # Each process takes the pages it rendered; the parent gathers them.
    first, second = AnchorLinks(), AnchorLinks()
    first.take(pages[0])
    second.take(pages[1])
    second.take(pages[2])
    gathered = AnchorLinks()
    for taken in (first, pickle.loads(pickle.dumps(second))):
        gathered.add(taken)
    gathered.check([each.file.src_uri for each in pages], logging.INFO)
    assert messages(caplog) == expected


def test_a_page_taken_leaves_mkdocs_nothing_to_check(
    pages: list[Any], caplog: pytest.LogCaptureFixture
) -> None:
    AnchorLinks().take(pages[0])
    Page.validate_anchor_links(pages[0], files=None, log_level=logging.WARNING)  # type: ignore[arg-type]
    assert pages[0].links_to_anchors is None
    assert caplog.records == []

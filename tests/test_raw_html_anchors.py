"""The anchors of a page's raw HTML are what MkDocs finds, although pages without any are not parsed
(generator/engine/page_render.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.structure.pages import _RawHTMLPreprocessor

from generator.engine.page_render import _RawHTMLAnchors


def _anchors(preprocessor: _RawHTMLPreprocessor, text: str) -> set[str]:
    lines = text.split("\n")
    assert preprocessor.run(lines) == lines  # the Markdown itself passes through unchanged
    return preprocessor.present_anchor_ids


def _both(text: str) -> tuple[set[str], set[str]]:
    return _anchors(_RawHTMLPreprocessor(), text), _anchors(_RawHTMLAnchors(), text)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ('<div id="a">x</div>', {"a"}),
        ("<DIV ID=b>", {"b"}),
        ("<p Id='c'/>", {"c"}),
        ('<a name="d">d</a> and <span name="not-an-anchor">', {"d"}),
        ('<p class="x"\nid="e">', {"e"}),
        ('<section\tid = "f">', {"f"}),
        ('<p class="x"id="g">', {"g"}),
        ("<p/id=h>", {"h"}),
        ("<a name>", {None}),
        ("<br id>", {None}),
        ("<p id", set()),
    ],
)
def test_anchors_in_raw_html_are_found(text: str, found: set[str]) -> None:
    plain, quick = _both(text)
    assert plain == found
    assert quick == found


@pytest.mark.parametrize(
    "text",
    [
        '<nav class="kid-breadcrumb" aria-label="Lokasi" markdown>\n[Beranda](../index.md)\n</nav>',
        '<div class="kid-facts" data-kid-id="x" hidden markdown>\n\nIde\n:   Nama idaman\n\n</div>',
        "Inovasi ini (id: 42) punya nama, ide dan identitas; idname=1, kid-name=2.",
        "# Judul {#judul}\n\n[tautan](#judul)",
    ],
)
def test_a_page_without_anchors_in_raw_html_has_none(text: str) -> None:
    assert _both(text) == (set(), set())


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["<", ">", "/", "=", '"', "'", " ", "\n", "\t", "id", "ID", "name", "a", "p", "x", "-", "!--"]
        ),
        max_size=24,
    ).map("".join)
)
def test_any_text_gives_what_mkdocs_gives(text: str) -> None:
    plain, quick = _both(text)
    assert quick == plain

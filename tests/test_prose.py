"""`prose.render_prose`: contributor Markdown becomes one safe HTML block.

Raw HTML is shown as text, headings sit under the page's own h2, only http(s) and mailto links
survive (with rel="nofollow noopener ugc"), and the output has no blank line, so the site's
Markdown engine never re-reads it.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.content.prose import MAX_GROWTH, html_size, html_size_bound, render_prose, table_cells
from generator.site.render import prose

REL = "nofollow noopener ugc"


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text = ""
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text += data

    def names(self) -> list[str]:
        return [tag for tag, _ in self.tags]

    def hrefs(self) -> list[str]:
        return [attrs["href"] or "" for tag, attrs in self.tags if "href" in attrs]


@pytest.mark.parametrize(
    "raw",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        '<a href="javascript:alert(1)">x</a>',
        "<b onclick=x>bold</b>",
        "<!-- comment -->",
        "<div>\n\n# not a heading\n\n</div>",
        "<style>body{display:none}</style>",
        "<iframe src=https://example.org/></iframe>",
    ],
)
def test_raw_html_is_shown_as_text(raw: str) -> None:
    out = render_prose(raw)
    found = Elements(out)
    assert set(found.names()) <= {"p", "h3"}, out
    assert all(not attrs for _, attrs in found.tags), out
    for line in raw.splitlines():
        if line and not line.startswith("#"):
            assert line in found.text


def test_inline_html_inside_a_paragraph_is_text() -> None:
    out = render_prose("Teks <script>alert(1)</script> dan <em onclick=x>ini</em>.")
    assert out == (
        "<p>Teks &lt;script&gt;alert(1)&lt;/script&gt; dan &lt;em onclick=x&gt;ini&lt;/em&gt;.</p>"
    )


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("# Satu", "<h3>Satu</h3>"),
        ("## Dua", "<h4>Dua</h4>"),
        ("### Tiga", "<h5>Tiga</h5>"),
        ("#### Empat", "<h6>Empat</h6>"),
        ("###### Enam", "<h6>Enam</h6>"),
        ("Setext\n======", "<h3>Setext</h3>"),
        ("Setext\n------", "<h4>Setext</h4>"),
    ],
)
def test_headings_move_under_the_page_sections(source: str, expected: str) -> None:
    assert render_prose(source) == expected


def test_heading_text_keeps_no_attribute_list() -> None:
    assert render_prose("# Judul {: onclick=x #id .cls}") == "<h3>Judul {: onclick=x #id .cls}</h3>"


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/a?b=1&c=2",
        "http://example.org/",
        "HTTPS://EXAMPLE.ORG/",
        "mailto:kantor@example.org",
    ],
)
def test_http_and_mailto_links_are_kept_with_rel(url: str) -> None:
    found = Elements(render_prose(f"Lihat [tautan]({url})."))
    assert found.tags[1][0] == "a"
    assert found.tags[1][1] == {"href": url, "rel": REL}


def test_autolinks_and_reference_links_get_rel_too() -> None:
    out = render_prose("<https://example.org/> <kantor@example.org> [ref]\n\n[ref]: https://example.org/r")
    found = Elements(out)
    links = [attrs for tag, attrs in found.tags if tag == "a"]
    assert [a["href"] for a in links] == [
        "https://example.org/",
        "mailto:kantor@example.org",
        "https://example.org/r",
    ]
    assert all(a["rel"] == REL for a in links)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "file:///etc/passwd",
        "ftp://example.org/",
        "tel:+62221234",
        # Relative addresses: prose is raw HTML in the page, so nothing would resolve them.
        "page.md",
        "../daerah/kabupaten-sumedang.md",
        "/absolute",
        "#anchor",
        "//example.org/protocol-relative",
        "java%0ascript:alert(1)",
    ],
)
def test_other_links_are_refused_and_shown_as_text(url: str) -> None:
    source = f"[klik]({url})"
    out = render_prose(source)
    found = Elements(out)
    assert "a" not in found.names(), out
    assert found.text == source


def test_a_refused_link_does_not_refuse_its_neighbours() -> None:
    out = render_prose("[a](javascript:x) [b](https://example.org/) [c](page.md)")
    assert Elements(out).hrefs() == ["https://example.org/"]


@pytest.mark.parametrize("source", ["[klik]()", "[klik]( )", "[klik](<>)", "[]()"])
def test_a_link_with_no_address_is_its_text(source: str) -> None:
    # A link to "" would lead back to the page itself; found by the property test below.
    out = render_prose(f"Lihat {source} dan [b](https://example.org/).")
    assert Elements(out).hrefs() == ["https://example.org/"]
    assert out.count("<a ") == 1 and ("klik" in out) == ("klik" in source)


def test_images_are_dropped() -> None:
    # No <img> is allowed: a picture would load from wherever its address points.
    out = render_prose("![logo](https://example.org/logo.png) and ![x](javascript:alert(1))")
    assert "img" not in Elements(out).names()
    assert "javascript" not in "".join(a.get("src") or "" for _, a in Elements(out).tags)


def test_tables_keep_alignment_only() -> None:
    out = render_prose("| a | b |\n|:--|--:|\n| 1 | 2 |")
    found = Elements(out)
    assert found.names() == ["table", "thead", "tr", "th", "th", "tbody", "tr", "td", "td"]
    # As the `align` attribute: contributor content never carries a `style` attribute.
    assert {(tag, attrs.get("align")) for tag, attrs in found.tags if attrs} == {
        ("th", "left"),
        ("th", "right"),
        ("td", "left"),
        ("td", "right"),
    }
    assert all("style" not in attrs for _, attrs in found.tags)


def test_no_blank_line_even_with_blank_lines_in_code() -> None:
    source = "Satu\n\n\n\nDua\n\n```\nkode\n\n\n<script>\n```\n\n    indent\n\n    lagi\n\n- a\n\n- b\n"
    out = render_prose(source)
    assert "\n\n" not in out
    assert all(line.strip() for line in out.split("\n"))
    # The code keeps its blank lines as character references, so it looks the same.
    code = re.search(r"<pre><code>(.*?)</code></pre>", out, re.S)
    assert code is not None
    assert html.unescape(code.group(1)) == "kode\n\n\n<script>\n"


def test_jinja_syntax_is_plain_text() -> None:
    out = render_prose("{{ 7*7 }} {% raw %} {# c #}")
    assert out == "<p>{{ 7*7 }} {% raw %} {# c #}</p>"


def test_empty_prose_renders_nothing() -> None:
    assert prose(None) == ""
    assert prose("") == ""


# The extensions of mkdocs.yml: what the site's engine does with the page around the prose.
_SITE_EXTENSIONS = ["admonition", "attr_list", "def_list", "md_in_html", "tables", "toc"]


@pytest.mark.parametrize(
    "source",
    [
        "Teks\n\n\n# Judul {: onclick=x}\n\n```\na\n\n\nb\n```",
        "<div>\n\n</div>\n\n*x*",
        "- a\n\n  b\n\n```\n</div>\n\n<script>alert(1)</script>\n```",
        "</div>\n\n<script>alert(1)</script>",
        "{: onclick=x}\n\nPara\n{: onclick=x}",
    ],
)
def test_the_site_engine_passes_prose_through_unchanged(source: str) -> None:
    block = prose(source)
    page = f"## Bagian\n\n{block}\n\n## Sesudah\n"
    out = markdown.markdown(page, extensions=_SITE_EXTENSIONS)
    # The prose block comes out byte for byte, between the two headings.
    assert out == f'<h2 id="bagian">Bagian</h2>\n{block}\n\n<h2 id="sesudah">Sesudah</h2>'
    found = Elements(out)
    assert "script" not in found.names()
    assert not any(name.startswith("on") for _, attrs in found.tags for name in attrs)


# Pieces of Markdown and HTML syntax, so that examples are made of the characters that matter.
_TOKENS = [*"ab <>&\"'`*_[](){}#:=!|-\n\\/\t", "javascript:", "https://x.org", "<script>", "```", "    "]
_markdown_text = st.lists(st.sampled_from(_TOKENS), max_size=40).map("".join)


@settings(max_examples=150, deadline=None)
@given(_markdown_text)
def test_any_input_gives_one_safe_block(source: str) -> None:
    out = render_prose(source)
    assert "\n\n" not in out and not out.startswith("\n")
    found = Elements(out)
    allowed = {"p", "br", "hr", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li", "a"}
    allowed |= {"h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td"}
    assert set(found.names()) <= allowed
    for tag, attrs in found.tags:
        assert not any(name.startswith("on") for name in attrs)
        if tag == "a" and "href" in attrs:
            assert (attrs["href"] or "").lower().startswith(("http://", "https://", "mailto:"))
            assert attrs["rel"] == REL


@settings(max_examples=100, deadline=None)
@given(_markdown_text)
def test_any_prose_block_survives_the_site_engine(source: str) -> None:
    block = prose(source)
    if not block:
        return
    out = markdown.markdown(f"{block}\n\n## Sesudah\n", extensions=_SITE_EXTENSIONS)
    # Python-Markdown expands tabs everywhere, raw HTML included; nothing else may change.
    assert out == f'{block.expandtabs(4)}\n\n<h2 id="sesudah">Sesudah</h2>'


# What swells most: block quotes, lists, headings, autolinks, escapes; no table, no "]:".
_SWELLING = [*'>-*_#`<&"\\!()[]\n =+.1', "> ", "- ", "0. ", "1) ", "#\n", "<a@b>", "<http:>", "[](http:)"]
# Letters and non-ASCII signs, which markup must not repeat: plain, accented, outside the basic plane.
_LETTERS = [
    "a",
    "abc ",
    "é",
    "— ",
    "\u00a0",
    "“ab”",
    "\U0001d400",
    "4 ",
    "<http:ééé>",
    "[ab](ééé)",
    "![ab](é)",
    "``ab``",
    "    ab\n",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_SWELLING + _LETTERS), min_size=1, max_size=300).map("".join))
def test_without_tables_or_references_markdown_stays_within_its_bound(source: str) -> None:
    bound = html_size_bound(source, table_cells(source))
    if bound is None:
        assert "]:" in source or table_cells(source)
        return
    assert html_size(source) <= bound
    assert len(render_prose(source)) <= bound


@pytest.mark.parametrize("unit", [">", "> ", "#\n", "-\n", "<a@b>", "<http:>", "[](http:)", "*a*", "\\<"])
def test_the_most_swelling_constructs_stay_within_max_growth(unit: str) -> None:
    for count in (1, 10, 1_000):
        source = unit * count
        bound = html_size_bound(source, 0)
        assert bound is not None
        assert html_size(source) <= bound <= MAX_GROWTH * len(source) + 64


@pytest.mark.parametrize("unit", ["é", "a b ", "ab\n\n", "\U0001d400", "- ab\n", "*ab*"])
def test_a_text_of_words_is_bounded_by_its_length_and_markup(unit: str) -> None:
    source = unit * 2_000
    bound = html_size_bound(source, 0)
    assert bound is not None
    assert html_size(source) <= bound
    assert len(render_prose(source)) <= bound
    # Words cost once each: a long plain description needs no parsing at all.
    if unit.strip().isalnum():
        assert bound <= len(source) + 2_000 * 31 * (len(unit) - len(unit.strip())) + 64


@pytest.mark.parametrize("source", ["<http://" + "é" * 1_000 + ">", "[a](https://" + "é" * 1_000 + ")"])
def test_a_link_address_may_grow_and_keeps_the_whole_bound(source: str) -> None:
    assert len(render_prose(source)) > 2 * len(source)
    assert html_size_bound(source, 0) == MAX_GROWTH * len(source)


@pytest.mark.parametrize(
    ("source", "why"),
    [("[a]: https://example.org/\n\n[a]", "a reference"), ("| a |\n|---|\n| 1 |", "a table")],
)
def test_text_that_can_repeat_itself_has_no_bound_without_parsing(source: str, why: str) -> None:
    assert html_size_bound(source, table_cells(source)) is None, why

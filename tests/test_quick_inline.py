"""The inline shortcuts (generator/engine/quick_inline.py) give the HTML Python-Markdown gives on its own."""

from __future__ import annotations

import re
from xml.etree import ElementTree as etree

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown.extensions import Extension
from markdown.inlinepatterns import ENTITY_RE, InlineProcessor, SimpleTagInlineProcessor
from markdown_engine import site_markdown

from generator.engine.quick_inline import quicken

_PLAIN = site_markdown()
_QUICK = site_markdown()
quicken(_QUICK)


def _both(text: str) -> tuple[str, str]:
    return _PLAIN.reset().convert(text), _QUICK.reset().convert(text)


def test_the_site_converter_takes_every_shortcut() -> None:
    md = site_markdown()

    def order() -> list[str]:
        names = [item.name for item in md.treeprocessors._priority]
        return sorted(names, key=md.treeprocessors.get_index_for_name)

    before = order()
    quicken(md)
    assert type(md.inlinePatterns["link"]).__name__ == "_QuickLinks"
    assert type(md.inlinePatterns["reference"]).__name__ == "_QuickReferences"
    assert type(md.treeprocessors["inline"]).__name__ == "_QuickInline"
    assert md.treeprocessors["inline"]._plain_links
    # The inline step keeps its place among the tree processors.
    assert order() == before


@pytest.mark.parametrize(
    "text",
    [
        "Lihat [Inovasi A](../inovasi/a.md) dan [B](b.md).",
        "[label](../a/b.md){ .kid-chip }",
        "[](empty.md) and [x]()",
        "[a [nested] label](x.md)",
        "[a](x(1).md) [b](<spaced url.md>) [c](x.md 'title') [d](x.md \"t\")",
        "[a](  x.md  ) [b](x.md\n) [c](x\\)y.md)",
        "[a](x.md\x1cy) [b](x\xa0y.md) [c](\u2028x.md)",
        "\\[not a link](x.md) and [escaped \\] label](x.md) and [a](x\\_y.md)",
        "`[code](x.md)` then [a](b.md)",
        "[ref][id] and [ref] and [other][] and [a [b](c.md)][id]\n\n[id]: http://example.org/ 'T'\n[ref]: r.md\n[other]: o.md",
        "[a](b.md)[c](d.md) ![image](i.png) ![alt [x]](i.png)",
        "*em* _em_ **strong** __strong__ * not * a_b_c",
        "a  \nbreak, &amp; &copy; &#169; & plain <b>bold</b> <https://x.org> <me@x.org>",
        "Teks biasa tanpa tanda apa pun, dengan koma; titik: dan (kurung) atau 'kutip'.",
        "- [Satu](1.md) — ringkas\n- [Dua](2.md) — *penting*\n\n| a | [b](b.md) |\n|---|---|\n| c | d |",
        'Term\n:   [def](x.md), [g](y.md)\n\n!!! note "[t](t.md)"\n    [body](b.md)',
        '<div markdown>\n\n[inside](x.md) *x*\n\n</div>\n\n<p class="x">[raw](y.md)</p>',
        # Character references, as escaped names come: in labels, around links, half made.
        "[DPRD&#45;SEKRETARIAT](../a.md) — Badan &#40;Bappeda&#41; &amp; [x&#x2D;y](b.md)&#46;",
        "&a[x](y.md); and &#[b](c.md)45; and [&#45;](d.md)&#45;[e&f](g.md) &nbsp;[h&;](i.md)",
        "- [Satu &#40;1&#41;](1.md) · [Dua](2.md)\n- &#42;[Tiga](3.md)&#42; &#96;code&#96;",
        "# Judul &#35;1 [a&#45;b](c.md)\n\n| [a&#124;b](c.md) | &#124; |\n|---|---|\n| x | y |",
        # Texts of links only, one thing each that a pattern other than the link pattern changes.
        *(
            f"See [a](x.md), {link} and [b](y.md)."
            for link in [
                "[c _d_ e](z.md)",
                "[c *d* e](z.md)",
                "[c &amp; d](z.md)",
                "[c <i>d</i>](z.md)",
                "[c `d`](z.md)",
                "[c \\. d](z.md)",
                "[c  \nd](z.md)",
                "[c](z_y.md)",
                "[c](z&amp;y.md)",
                "[c](z`y`.md)",
                "[c](z\\_y.md)",
                "![c](z.png)",
                "[c]",
                "[c][]",
                "[c](z.md 'title')",
            ]
        ),
    ],
)
def test_edge_cases_convert_as_python_markdown_converts_them(text: str) -> None:
    plain, quick = _both(text)
    assert quick == plain


# Text made of the characters inline patterns react to, plain words, plain links and odd spaces.
_PIECES = st.sampled_from(
    [
        *"[]()<>!*_`\\&;\"' \n\t",
        "  ",
        "a",
        "b c",
        "x.md",
        "../y.md",
        "#z",
        "http://e.org",
        "@",
        ":",
        "-",
        "\x1c",
        "\xa0",
        "é",
        "\x02",
        "1",
        "[a](x.md)",
        "[b c](../y.md)",
        "&#45;",
        "&#x2D;",
        "&amp;",
        "#",
        "[d&#40;e&#41;](z.md)",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_any_text_converts_as_python_markdown_converts_it(text: str) -> None:
    plain, quick = _both(text)
    assert quick == plain


class _EntityAsCode(InlineProcessor):
    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element, int, int]:
        element = etree.Element("code")
        element.text = m.group(1)[1:-1]
        return element, m.start(0), m.end(0)


class _OwnEntities(Extension):
    """The entity pattern's own expression, read another way."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.inlinePatterns.register(_EntityAsCode(ENTITY_RE, md), "entity", 80)


def test_an_entity_pattern_of_another_kind_turns_the_link_shortcut_off() -> None:
    plain = markdown.Markdown(extensions=[_OwnEntities()])
    quick = markdown.Markdown(extensions=[_OwnEntities()])
    quicken(quick)
    assert not quick.treeprocessors["inline"]._plain_links
    text = "[a&#45;b](x.md) &#40;c&#41;"
    assert (
        quick.convert(text)
        == plain.convert(text)
        == '<p><a href="x.md">a<code>#45</code>b</a> <code>#40</code>c<code>#41</code></p>'
    )


class _Strike(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.inlinePatterns.register(SimpleTagInlineProcessor(r"()~~(.+?)~~", "del"), "strike", 65)


def test_a_pattern_it_does_not_know_turns_the_text_shortcut_off() -> None:
    plain = markdown.Markdown(extensions=[_Strike()])
    quick = markdown.Markdown(extensions=[_Strike()])
    quicken(quick)
    # Links are still read quickly; texts are no longer assumed plain.
    assert type(quick.inlinePatterns["link"]).__name__ == "_QuickLinks"
    assert type(quick.treeprocessors["inline"]).__name__ == "InlineProcessor"
    text = "a ~~b~~ [c ~~d~~](e.md)"
    assert (
        quick.convert(text)
        == plain.convert(text)
        == '<p>a <del>b</del> <a href="e.md">c <del>d</del></a></p>'
    )

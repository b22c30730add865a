"""Contributor values with Markdown, HTML, attribute-list or Jinja syntax come out literally and inert.

Checked on the generated Markdown and on the HTML that Python-Markdown makes of it with the
extensions of mkdocs.yml (tests/site/test_build.py checks the HTML of a real `mkdocs build`).
"""

from __future__ import annotations

import dataclasses
import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_engine import site_markdown
from markupsafe import Markup, escape
from mkdocs.utils import meta as mkdocs_meta

from generator.content.catalogue import Catalogue
from generator.content.check import load_catalogue
from generator.content.messages import message
from generator.content.model import Award, Contact, Cost, Head, Link, Media, Metric, Source
from generator.content.problems import problem
from generator.engine.page_checks import errors_page
from generator.site import paths
from generator.site.escape import finalize, md_escape
from generator.site.pages import build_pages
from generator.site.render import PageRenderer, ext_link, front_matter

ROOT = Path(__file__).parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
RELATIONS = FIXTURES / "site-relations"
HOSTILE = FIXTURES / "site-hostile"

# One line with every kind of syntax a contributor could type into a text field.
PAYLOAD = (
    "<script>alert(1)</script> *bold* __strong__ [x](javascript:alert(1)) {: onclick=x} "
    "{{ 7*7 }} {% raw %} {{ paths.HOME }} `tick` a|b &amp; <!-- c --> ![i](x.png) <b onclick=x>b</b>"
)
# The same as contributor Markdown, over several lines.
BODY = (
    "# Judul {: onclick=x}\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) {{ 7*7 }} {% raw %}\n\n"
    "<img src=x onerror=alert(1)>\n\n| a | b |\n|---|---|\n| `x` | <b onclick=x>y</b> |\n\n"
    "```\n</div>\n\n<script>alert(1)</script>\n```\n\n</div>\n\n<script>alert(2)</script>\n"
)
_FRONT_MATTER = re.compile(r"\A---\n(.*?\n)---\n", re.S)
# Blocks of HTML that the generator builds itself and escapes for HTML (Markdown leaves raw HTML
# blocks alone): sanitised prose, charts (SVG with a table), and JSON data for scripts.
_PROSE = re.compile(r'^<div class="kid-prose"[^>]*>\n.*?^</div>$', re.S | re.M)
_FIGURE = re.compile(r"^<figure\b[^>]*>\n.*?^</figure>$", re.S | re.M)
_PHOTO = re.compile(r"(?:\.\./)*media/[a-z0-9-]+/[a-z0-9_-]+\.(?:jpg|jpeg|png|webp)")
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S | re.I)
# The attribute lists the templates write (render.py `heading_id`, `print_link`): an id made of a
# record id, a printed address of one of the site's own pages. Any other `{:` is contributor text
# that escaped escaping.
_TEMPLATE_ATTRS = re.compile(r'\{: (#i-[a-z0-9-]+|data-print-url="https?://[A-Za-z0-9.:/_-]+/") \}')


class Inspected(HTMLParser):
    """What a browser would act on: elements, attributes, link targets; and the visible text."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text = ""
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def handle_data(self, data: str) -> None:
        self.text += data

    def assert_inert(self, where: str) -> None:
        names = {tag for tag, _ in self.tags}
        assert not names & {"iframe", "style", "object", "embed", "b"}, where
        # The one image a page shows is an innovation's photo, from the site's own media/ folder.
        for tag, attrs in self.tags:
            if tag == "img":
                assert set(attrs) <= {"alt", "src", "loading"} and _PHOTO.fullmatch(attrs["src"]), where
        for tag, attrs in self.tags:
            if tag == "script":  # data for the site's scripts only: JSON, never code
                assert attrs.get("type") == "application/json" and "src" not in attrs, where
            for name, value in attrs.items():
                assert not name.startswith("on"), f"{where}: <{tag} {name}>"
                if name in ("href", "src", "action"):
                    assert not re.sub(r"\s", "", value).lower().startswith(("javascript:", "data:")), where


def render_html(pages: dict[str, str]) -> dict[str, str]:
    engine = site_markdown()
    out = {}
    for page, text in pages.items():
        out[page] = engine.reset().convert(_FRONT_MATTER.sub("", text))
    return out


def assert_markdown_inert(pages: dict[str, str]) -> None:
    """No raw syntax outside front matter and prose blocks: everything there is escaped."""
    for page, text in pages.items():
        scripts = _SCRIPT.findall(text)
        assert text.lower().count("<script") == len(scripts), page
        for attributes, data in scripts:
            # Only data for the site's own scripts, never code, never contributor text unescaped.
            assert 'type="application/json"' in attributes, page
            json.loads(data)
            assert "<" not in data and "alert" not in data, page
        rest = _SCRIPT.sub("", _FIGURE.sub("", _PROSE.sub("", _FRONT_MATTER.sub("", text))))
        rest = _TEMPLATE_ATTRS.sub("", rest)
        for raw in ("{:", "{{", "{%", "javascript:", "*bold*", "`", "<b ", "<!--", "!["):
            assert raw not in rest, f"{page}: {raw!r}"
        for prose_block in _PROSE.findall(text):
            assert '<a href="javascript' not in prose_block.lower(), page


# --- md_escape and the Jinja environment ------------------------------------------------------


def test_every_syntax_character_becomes_a_reference() -> None:
    syntax = "\\`*_{}[]()#+-.!|<>&\"':~^=$@/?"
    escaped = md_escape(syntax)
    assert escaped == "".join(f"&#{ord(c)};" for c in syntax)
    assert md_escape("a\nb\r\nc\td") == "a b  c d"
    assert md_escape(3.5) == "3&#46;5"


_SYNTAX_TEXT = st.lists(
    st.sampled_from([*"ab <>&\"'`*_[](){}#:=!|-+.~^$@/?\\%", "{{", "{%", "{:", "&amp;", "1.", "javascript:"]),
    min_size=1,
    max_size=40,
).map(lambda parts: "".join(parts).strip())


@settings(max_examples=200, deadline=None)
@given(_SYNTAX_TEXT)
def test_escaped_text_renders_as_itself_in_every_context(value: str) -> None:
    # Values are stripped by the checker; so are these.
    if not value:
        return
    engine = site_markdown()
    escaped = md_escape(value)
    contexts = [
        ("{}", "p"),
        ("# {}", "h1"),
        ("- [{}](a.md)", "a"),
        ("| h |\n|---|\n| {} |", "td"),
        ("T\n:   {}", "dd"),
        ("**{}**", "strong"),
    ]
    for template, element in contexts:
        out = engine.reset().convert(template.format(escaped))
        Inspected(out).assert_inert(template)
        # The innermost element holds exactly the value, as text.
        inner = re.findall(rf"<{element}\b[^>]*>(.*?)</{element}>", out, re.S)
        assert [html.unescape(i) for i in inner][-1:] == [value], (template, out)
        assert "<" not in inner[-1], out


def test_finalize_escapes_everything_but_markup() -> None:
    assert finalize(None) == ""
    assert finalize(Markup("<b>ours</b>")) == "<b>ours</b>"
    assert finalize("<b>theirs</b>") == "&#60;b&#62;theirs&#60;&#47;b&#62;"
    assert isinstance(finalize(7), Markup)


def test_front_matter_is_yaml_with_html_escaped_strings() -> None:
    text = front_matter(title=PAYLOAD, description="a: b # c\n---\nd", hide=["toc"], missing=None)
    match = _FRONT_MATTER.match(text)
    assert match and match.end() == len(text)
    meta = yaml.safe_load(match.group(1))
    assert meta == {"title": html.escape(PAYLOAD), "description": "a: b # c\n---\nd", "hide": ["toc"]}


@given(st.text(), st.booleans(), st.lists(st.text(max_size=5), max_size=3))
def test_front_matter_reads_back_as_written_for_any_text(title: str, flag: bool, items: list[str]) -> None:
    # Read back the way MkDocs reads a page, so every character survives (line breaks, BOMs, …).
    source = front_matter(title=title, search=flag, hide=items) + "body\n"
    body, meta = mkdocs_meta.get_data(source)
    assert body == "body\n"
    assert meta == {"title": str(escape(title)), "search": flag, "hide": items}


def test_ext_link_escapes_the_address_and_the_text() -> None:
    out = ext_link(PAYLOAD, 'https://example.org/?a="b"&c=<d>')
    found = Inspected(out)
    assert found.tags == [("a", {"href": 'https://example.org/?a="b"&c=<d>', "rel": "nofollow noopener ugc"})]
    assert found.text == PAYLOAD


def test_template_syntax_in_values_is_not_evaluated() -> None:
    renderer = PageRenderer("id")
    template = renderer.env.from_string("{{ value }}|{{ link(value, 'a.md') }}")
    out = template.render(value="{{ 7*7 }} {% raw %} {{ t('home') }}", page="b.md")
    assert (
        html.unescape(out)
        == "{{ 7*7 }} {% raw %} {{ t('home') }}|[{{ 7*7 }} {% raw %} {{ t('home') }}](a.md)"
    )


# --- Hostile values in every field of every record ---------------------------------------------


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(RELATIONS)


def _edit(catalogue: Catalogue, field: str, value: str) -> tuple[Catalogue, str]:
    """A copy of the relation catalogue with `value` in `field`, and the page that shows it."""
    regions = dict(catalogue.regions)
    innovations = dict(catalogue.innovations)
    agreements = dict(catalogue.agreements)
    kind, _, name = field.partition(".")
    ref = "kabupaten-sumedang/command-center"
    replace = dataclasses.replace
    if kind == "innovation":
        changes: dict[str, Any] = {
            "metric_name": {"metrics": (Metric(name=value, value=1),)},
            "metric_unit": {"metrics": (Metric(name="Ukuran", value=1, unit=value),)},
            "link_title": {"links": (Link(title=value, url="https://example.org/"),)},
            "cost_note": {"costs": (Cost(amount=1, year=2024, source="https://example.org/", note=value),)},
            "award_name": {"awards": (Award(name=value, year=2024, by=value),)},
            "photo_texts": {"media": (Media("kabupaten-sumedang/x.jpg", value, value, "cc0-1.0", value),)},
            "contact_office": {"contacts": (Contact(office=value, email="a@example.org"),)},
            "source_title": {"sources": (Source(title=value, url="https://example.org/"),)},
            "source_publisher": {"sources": (Source(title="Sumber", publisher=value),)},
        }.get(name, {name: value})
        innovations[ref] = replace(innovations[ref], **changes)
        return Catalogue(regions, innovations, agreements), paths.innovation(ref)
    if kind == "region":
        region = regions["kabupaten-sumedang"]
        if name.startswith("head_"):
            head = Head(title="Bupati", name="Nama")
            region = replace(region, head=replace(head, **{name[5:]: value}))
        elif name == "source_title":
            region = replace(region, sources=(Source(title=value),))
        else:
            region = replace(region, **{name: value})
        regions[region.id] = region
        return Catalogue(regions, innovations, agreements), paths.region(region.id)
    if kind == "agency":
        region = regions["kabupaten-sumedang"]
        agencies = list(region.agencies)
        agencies[0] = replace(agencies[0], **{name: value})
        regions[region.id] = replace(region, agencies=tuple(agencies))
        return Catalogue(regions, innovations, agreements), paths.agency(region.id, agencies[0].id)
    agreement_id = "mou-lampung-selatan-sumedang-2025"
    agreements[agreement_id] = replace(agreements[agreement_id], **{name: value})
    return Catalogue(regions, innovations, agreements), paths.agreement(agreement_id)


TEXT_FIELDS = [
    "innovation.title",
    "innovation.summary",
    "innovation.metric_name",
    "innovation.metric_unit",
    "innovation.link_title",
    "innovation.cost_note",
    "innovation.award_name",
    "innovation.photo_texts",
    "innovation.beneficiaries",
    "innovation.contact_office",
    "innovation.source_title",
    "innovation.source_publisher",
    "region.name",
    "region.summary",
    "region.head_title",
    "region.head_name",
    "region.source_title",
    "agency.name",
    "agency.acronym",
    "agency.summary",
    "agreement.title",
    "agreement.place",
    "agreement.number",
]
MARKDOWN_FIELDS = [
    "innovation.problem",
    "innovation.description",
    "innovation.goals",
    "innovation.benefits",
    "agreement.scope",
]


@pytest.mark.parametrize("field", TEXT_FIELDS)
def test_text_field_is_literal_and_inert(catalogue: Catalogue, field: str) -> None:
    edited, shown_on = _edit(catalogue, field, PAYLOAD)
    pages = build_pages(edited)
    assert_markdown_inert(pages)
    rendered = render_html(pages)
    for page, out in rendered.items():
        found = Inspected(out)
        found.assert_inert(page)
        assert "49" not in found.text, page
    # Shown as typed, on the record's own page, and nowhere evaluated.
    assert PAYLOAD in Inspected(rendered[shown_on]).text
    # Table rows keep their column count: the pipe in the value splits nothing.
    for page, text in pages.items():
        assert _tables_consistent(text), page


def _tables_consistent(text: str) -> bool:
    """Each table (a run of `|` lines) has one column count."""
    for block in re.findall(r"(?:^\|.*\n)+", text, re.M):
        if len({line.count("|") for line in block.splitlines()}) != 1:
            return False
    return True


@pytest.mark.parametrize("field", MARKDOWN_FIELDS)
def test_markdown_body_is_sanitised_and_stays_in_its_block(catalogue: Catalogue, field: str) -> None:
    edited, shown_on = _edit(catalogue, field, BODY)
    pages = build_pages(edited)
    assert_markdown_inert(pages)
    out = render_html(pages)[shown_on]
    found = Inspected(out)
    found.assert_inert(shown_on)
    assert "{{ 7*7 }} {% raw %}" in found.text
    assert "<script>alert(1)</script>" in found.text
    assert "<script>alert(2)</script>" in found.text
    assert "49" not in found.text
    # The body ends inside its own block: the page's next sections are still headings.
    assert re.search(r'<div class="kid-prose"[^>]*>.*?</div>', out, re.S)
    assert out.count("<h2") == pages[shown_on].count("\n## ")


def test_odd_but_valid_tags_make_pages_that_resolve(catalogue: Catalogue) -> None:
    ref = "kabupaten-sumedang/command-center"
    innovations = dict(catalogue.innovations)
    innovations[ref] = dataclasses.replace(innovations[ref], tags=("index", "script", "onclick", "7-7"))
    pages = build_pages(Catalogue(catalogue.regions, innovations, catalogue.agreements))
    for tag in ("index", "script", "onclick", "7-7"):
        assert paths.tag(tag) in pages
        assert f"[&#35;{md_escape(tag)}](../../tag/{tag}/index.md)" in pages[paths.innovation(ref)]
    assert paths.TAGS in pages and paths.tag("index") != paths.TAGS
    for page, out in render_html(pages).items():
        Inspected(out).assert_inert(page)


def test_hostile_fixture_pages() -> None:
    pages = build_pages(load_catalogue(HOSTILE))
    assert_markdown_inert(pages)
    rendered = render_html(pages)
    for page, out in rendered.items():
        found = Inspected(out)
        found.assert_inert(page)
        assert "49" not in found.text, page
    text = Inspected(rendered[paths.innovation("kabupaten-sumedang/hostile")]).text
    for literal in ("{{ 7*7 }}", "{% raw %}", "<script>alert(1)</script>", "{: onclick=x}", "`tick` | pipa"):
        assert literal in text
    assert _tables_consistent(pages[paths.innovation("kabupaten-sumedang/hostile")])


def test_errors_page_escapes_paths_and_messages() -> None:
    hostile = problem(
        "regions/<script>alert(1)</script>.yml", 0, 0, "bad-file-name", name="{{ 7*7 }}", suggestion="x"
    )
    normal = problem("innovations/a/b.yml", 3, 7, "missing-field", "title", name="title")
    page = errors_page([hostile, normal], "id")
    assert "<script" not in page
    assert "<code>innovations&#47;a&#47;b&#46;yml:3:7</code>" in page
    found = Inspected(site_markdown().convert(_FRONT_MATTER.sub("", page)))
    found.assert_inert("errors")
    assert "regions/<script>alert(1)</script>.yml" in found.text
    assert message(hostile, "id") in found.text

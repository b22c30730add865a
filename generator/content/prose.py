"""Contributor Markdown → safe HTML.

Two layers, so a mistake in one is caught by the other: markdown-it renders CommonMark with raw
HTML turned off (tags are shown as text) and unsafe link schemes refused; nh3 (ammonia) then keeps
only an allowlist of tags and attributes. The result is embedded in the generated page as an HTML
block, so the site's Markdown engine never re-reads contributor text as Markdown or HTML.
"""

from __future__ import annotations

import functools
import re
import string
from urllib.parse import urlsplit

import nh3
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

# Headings in a contributor's text sit under the page's own h2 sections.
_HEADING_SHIFT = 2
_ALLOWED_TAGS = frozenset(
    {"p", "br", "hr", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li", "a"}
    | {"h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td"}
)
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
# Table alignment travels as the `align` attribute, restricted to these values: contributor content
# never carries a `style` attribute (the CSP allows inline styles for the theme's sake only).
_ALIGNMENTS = frozenset({"left", "center", "right"})
_ALLOWED_VALUES = {"th": {"align": set(_ALIGNMENTS)}, "td": {"align": set(_ALIGNMENTS)}}
_URL_SCHEMES = frozenset({"http", "https", "mailto"})
_HEADING = re.compile(r"<(/?)h([1-6])>")
_BEFORE_BLANK_LINE = re.compile(r"\n(?=[ \t]*\n)")
# What a table's delimiter row (`|---|:-:|`) is made of, also inside block quotes and list items;
# a set test rather than a regular expression, which a line of 20,000 dashes could make backtrack.
_DELIMITER_CHARS = frozenset("|-: \t>*+")
_BLANK_LINE = re.compile(r"\n[ \t>]*\n")
# How many characters of HTML one character of Markdown can become, when the text has no table and
# no reference definition (the only constructs that repeat text). The worst is a lone ">", a whole
# blockquote: 28. tests/test_prose.py searches hostile input for more.
MAX_GROWTH = 32
# Outside links, only ASCII punctuation, symbols and line breaks make markup or are escaped: any
# other character is written once (linkify is off, so no bare address is written twice). A link's
# address is percent-encoded, and an autolink's written twice, so a text with "](" or "<" keeps the
# MAX_GROWTH bound. The slack is the one paragraph a text with no markup at all still becomes.
_PLAIN_ASCII = (string.ascii_letters + string.digits + " ").encode()
_GROWTH_SLACK = 64


def _allowed_link(url: str) -> bool:
    """Only absolute http(s) and mailto links. A relative link (`page.md`, `/x`, `#x`, `//host`) would
    be left unresolved by the site's engine, since prose is embedded as raw HTML: it stays text."""
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return False
    return scheme in _URL_SCHEMES


@functools.cache
def _parser() -> MarkdownIt:
    # "commonmark" with html off; tables on (a common need in results). Typographer and
    # linkify stay off: what the contributor wrote is what is shown.
    parser = MarkdownIt("commonmark", {"html": False}).enable("table")
    # Checked on the normalised address; a refused link is shown as the text the contributor wrote.
    parser.validateLink = _allowed_link  # type: ignore[method-assign]
    parser.core.ruler.push("kid_align", _align_attribute)
    parser.core.ruler.push("kid_empty_links", _drop_empty_links)
    return parser


def _align_attribute(state: StateCore) -> None:
    """markdown-it writes a column's alignment as `style="text-align:…"`; make it `align="…"`."""
    for token in state.tokens:
        if token.type in ("th_open", "td_open"):
            style = token.attrs.pop("style", None)
            if isinstance(style, str) and style.removeprefix("text-align:") in _ALIGNMENTS:
                token.attrs["align"] = style.removeprefix("text-align:")


def _drop_empty_links(state: StateCore) -> None:
    """A link with no address (`[text]()`) stays its text: markdown-it asks `validateLink` only
    about an address there is, and `<a href="">` would lead back to the page itself."""
    for token in state.tokens:
        if token.type != "inline" or not token.children:
            continue
        kept, dropped = [], []
        for child in token.children:
            if child.type == "link_open":
                dropped.append(not child.attrGet("href"))
                if dropped[-1]:
                    continue
            elif child.type == "link_close" and dropped.pop():
                continue
            kept.append(child)
        token.children = kept


def _shift_heading(match: re.Match[str]) -> str:
    level = min(int(match.group(2)) + _HEADING_SHIFT, 6)
    return f"<{match.group(1)}h{level}>"


def table_cells(text: str) -> int:
    """An upper bound on the cells of the tables in `text`, counted without parsing it.

    A table pads every row to its header's width, so a wide header over many short rows makes
    markdown-it build hundreds of thousands of cells. Each run of non-blank lines holding a
    delimiter row (`|---|:-:|`) counts as a table as wide as that row and as long as the run, which
    over-counts (a code block that looks like a table) but never under-counts.
    """
    total = 0
    for block in _BLANK_LINE.split(text):
        lines = block.split("\n")
        widths = [line.count("|") + 1 for line in lines if _delimiter_row(line)]
        if widths:
            total += max(widths) * len(lines)
    return total


def _delimiter_row(line: str) -> bool:
    return "|" in line and "-" in line and _DELIMITER_CHARS.issuperset(line)


def html_size_bound(text: str, cells: int) -> int | None:
    """An upper bound on `html_size(text)` found without parsing, given `cells = table_cells(text)`:
    each letter, digit and space once, each other character MAX_GROWTH times (every character, if
    the text may hold a link). None when the text may hold a table or a reference definition
    (`[label]:` always writes "]:"), which can repeat text any number of times."""
    if cells or "]:" in text:
        return None
    if "<" in text or "](" in text:
        return MAX_GROWTH * len(text)
    # Markup is ASCII: what is left of the ASCII characters without letters, digits and spaces.
    markup = len(text.encode("ascii", "ignore").translate(None, _PLAIN_ASCII))
    return len(text) + (MAX_GROWTH - 1) * markup + _GROWTH_SLACK


def html_size(text: str) -> int:
    """About how many characters of HTML `render_prose(text)` makes, counted on markdown-it's tokens
    without building the HTML: a hostile body can render to megabytes, which the checker must
    refuse without ever holding them (see `limits.MAX_RENDERED_MARKDOWN`)."""
    total = 0
    stack = list(_parser().parse(text))
    while stack:
        token = stack.pop()
        if token.children:
            stack.extend(token.children)
        if token.hidden:  # the paragraphs of a tight list print nothing
            continue
        # "<tag>" or "</tag>" and a line break; an "inline" token's text is in its children.
        total += len(token.tag) + 4
        if token.type != "inline":
            total += _escaped_length(token.content)
        for name, value in token.attrs.items():
            total += len(name) + 4 + _escaped_length(str(value)) + str(value).count('"') * 5
        if token.type == "link_open":
            total += len(' rel="nofollow noopener ugc"')
    return total


def _escaped_length(text: str) -> int:
    """Length of `text` once HTML-escaped as text (&amp; &lt; &gt;)."""
    return len(text) + 4 * text.count("&") + 3 * (text.count("<") + text.count(">"))


def render_prose(text: str) -> str:
    """Render contributor Markdown to sanitised HTML, with no blank lines (one HTML block)."""
    html = _parser().render(text)
    html = _HEADING.sub(_shift_heading, html)
    clean = nh3.clean(
        html,
        tags=set(_ALLOWED_TAGS),
        attributes={k: set(v) for k, v in _ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(_URL_SCHEMES),
        link_rel="nofollow noopener ugc",
        tag_attribute_values={
            k: {a: set(v) for a, v in attrs.items()} for k, attrs in _ALLOWED_VALUES.items()
        },
        strip_comments=True,
    )
    # A blank line would end the surrounding HTML block in the page's Markdown: the line break before
    # it is written as a character reference instead, so code inside <pre> keeps its layout.
    return _BEFORE_BLANK_LINE.sub("&#10;", clean.strip())

"""What the search index reads of a built page: its title, its words, a short excerpt, and
whether it holds anything of its own.

The site's own templates mark the part of a page that is searchable (overrides/main.html); the
theme's header, navigation and footer lie outside it. Inside it, a page template marks:

- the record's own text that a result shows as its excerpt (`data-kid-excerpt`, on its summary
  paragraph or prose block, and on an agency's lead, which names its region): the start of the
  page would be its facts box, a run of labels ("Jenis daerah Kabupaten Kode wilayah …");
- a page that holds no record of its own (`data-kid-empty` on the searchable block, from the
  page's `empty` front matter: an agency or region with no innovation), which ranks lower.

Regular expressions, not an HTML parser: the pages are the theme's well-formed output, and
reading 40,000 of them must take seconds.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

# What marks the searchable part of a page (overrides/main.html); pages without it are left out.
MARKER = "data-kid-searchable"
_START = f"<div {MARKER}"
_END = "</article>"
EMPTY = "data-kid-empty"
# An element a template marks as (part of) the excerpt: a paragraph, or a prose block (which holds
# no <div> of its own: generator/content/prose.py allows none), so the first closing tag ends it.
_EXCERPT = re.compile(r"<(p|div)\b[^>]*\sdata-kid-excerpt\b[^>]*>(.*?)</\1\s*>", re.S)
# Without one, the excerpt leaves out what is labels rather than text: facts boxes, badges
# (spans only), tables, charts, headings and navigation (breadcrumbs, pagers).
_LABELS = re.compile(
    r"<(nav|table|figure|h[2-6])\b.*?</\1\s*>|<div class=\"kid-facts\">.*?</dl>\s*</div>"
    r"|<div class=\"kid-badges\">.*?</div>",
    re.S,
)
# Scripts, styles and elements hidden until the browser shows them (the stale-entry notice).
_UNSEEN = re.compile(
    r"<(script|style)\b.*?</\1\s*>|<(\w+)\b[^>]*\shidden(?:\s[^>]*)?>.*?</\2\s*>", re.I | re.S
)
_TITLE = re.compile(r"<h1\b[^>]*>(.*?)</h1\s*>", re.I | re.S)
_HEADERLINK = re.compile(r"<a [^>]*class=\"headerlink\"[^>]*>.*?</a>", re.S)
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
# Words as the browser splits a query (docs/javascripts/search.js: /[\p{L}\p{N}_]+/gu).
WORD = re.compile(r"\w+")
EXCERPT_CHARS = 280


@dataclass(frozen=True)
class PageText:
    """A page's searchable text: `title` (its heading), `body` (the text after it), `lead` (the
    text its template marked as the excerpt, else the body without labels) and `empty` (it holds
    no record of its own)."""

    title: str
    body: str
    lead: str = ""
    empty: bool = False

    @property
    def excerpt(self) -> str:
        """The lead (else the body), its first `EXCERPT_CHARS` characters cut at a word boundary."""
        text = self.lead or self.body
        if len(text) <= EXCERPT_CHARS:
            return text
        cut = text.rfind(" ", 0, EXCERPT_CHARS)
        return text[: cut if cut > 0 else EXCERPT_CHARS] + " …"


def page_text(page: str) -> PageText | None:
    """The searchable text of a built page, or None when the page is not marked searchable."""
    start = page.find(_START)
    if start < 0:
        return None
    opening = page.find(">", start)
    empty = EMPTY in page[start:opening]
    start = opening + 1
    end = page.find(_END, start)
    region = page[start : end if end >= 0 else len(page)]
    region = _HEADERLINK.sub("", _UNSEEN.sub(" ", region))
    heading = _TITLE.search(region)
    title, rest = ("", region) if heading is None else (_plain(heading.group(1)), region[heading.end() :])
    # The marked elements in page order (an agency's lead, then its summary).
    marked = " ".join(m.group(2) for m in _EXCERPT.finditer(rest))
    lead = _plain(marked or _LABELS.sub(" ", rest))
    return PageText(title, _plain(rest), lead, empty)


def _plain(fragment: str) -> str:
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", fragment))).strip()


def words(text: str) -> list[str]:
    """`text`'s words, lower-cased (in Unicode's composed form), in order."""
    return WORD.findall(unicodedata.normalize("NFC", text).lower())

"""What the search index reads of a built page: its title, its words and a short excerpt.

The site's own templates mark the part of a page that is searchable (overrides/main.html); the
theme's header, navigation and footer lie outside it. Regular expressions, not an HTML parser:
the pages are the theme's well-formed output, and reading 40,000 of them must take seconds.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

# What marks the searchable part of a page (overrides/main.html); pages without it are left out.
MARKER = "data-kid-searchable"
_START = f"<div {MARKER}>"
_END = "</article>"
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
    """A page's searchable text: `title` (its heading) and `body` (the text after it)."""

    title: str
    body: str

    @property
    def excerpt(self) -> str:
        """The start of the body, cut at a word boundary."""
        if len(self.body) <= EXCERPT_CHARS:
            return self.body
        cut = self.body.rfind(" ", 0, EXCERPT_CHARS)
        return self.body[: cut if cut > 0 else EXCERPT_CHARS] + " …"


def page_text(page: str) -> PageText | None:
    """The searchable text of a built page, or None when the page is not marked searchable."""
    start = page.find(_START)
    if start < 0:
        return None
    start += len(_START)
    end = page.find(_END, start)
    region = page[start : end if end >= 0 else len(page)]
    region = _HEADERLINK.sub("", _UNSEEN.sub(" ", region))
    heading = _TITLE.search(region)
    if heading is None:
        return PageText("", _plain(region))
    return PageText(_plain(heading.group(1)), _plain(region[heading.end() :]))


def _plain(fragment: str) -> str:
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", fragment))).strip()


def words(text: str) -> list[str]:
    """`text`'s words, lower-cased (in Unicode's composed form), in order."""
    return WORD.findall(unicodedata.normalize("NFC", text).lower())

"""Python-Markdown's inline step with shortcuts for what generated pages are made of: the same HTML.

A generated page holds some 30 links to other pages, plain `[label](path.md)`. For each of them
Python-Markdown's reference pattern reads the label character by character to find that it is no
reference, the link pattern reads label and address character by character again, and the label
then goes through every inline pattern although it is plain words. Here:

- a link whose label has no bracket and whose address has no parenthesis, quote, space, `<` or
  placeholder mark is read with one regular expression, to the same element;
- the reference pattern passes over such a link at once (a reference never has `(` after its label);
- a text in which no inline pattern can match at all (it holds none of the characters each needs)
  is left as it is instead of being searched by each pattern in turn;
- a text of plain words, plain links and character references only (a listing's item: names
  come escaped as `&#45;`) has its links made into elements at once, as the link pattern makes
  them, and its references stashed as the entity pattern stashes them, and is searched by no
  other pattern.

Anything else goes Python-Markdown's own way. About a fifth of a page's Markdown conversion;
`tests/test_quick_inline.py` compares the HTML with Python-Markdown's own for edge cases and
generated text, and the built sites are compared in `tests/site/test_render_speedups.py`.
"""

from __future__ import annotations

import re
from typing import Any
from xml.etree import ElementTree as etree

import markdown
from markdown import inlinepatterns
from markdown.treeprocessors import InlineProcessor

# Python-Markdown 3's inline patterns, by their regular expression, and what a text must contain
# for each to match anywhere in it. A pattern not listed (another Markdown version, another
# extension) turns the text shortcut off: no text is then assumed to be plain.
_NEEDS = {
    inlinepatterns.BACKTICK_RE: r"[`\\]",
    inlinepatterns.ESCAPE_RE: r"\\",
    inlinepatterns.LINK_RE: r"\[",  # also the reference and short reference patterns
    inlinepatterns.IMAGE_LINK_RE: r"\[",  # also the image reference patterns
    inlinepatterns.AUTOLINK_RE: "<",
    inlinepatterns.AUTOMAIL_RE: "<",
    inlinepatterns.LINE_BREAK_RE: r"  \n",
    inlinepatterns.HTML_RE: "<",
    inlinepatterns.ENTITY_RE: "&",
    r"\*|_": "[*_]",  # emphasis and strong, `*` and `_` delimiters
}
# The inline step's place among the tree processors (Python-Markdown registers it at 20).
_INLINE_PRIORITY = 20
# A label with no bracket, then `](`: what `getText` reads as the label, and never a reference.
_PLAIN_LABEL_THEN_ADDRESS = re.compile(r"[^\[\]]*\]\(")
# The same, with an address `getLink` would read as it stands: no nested parenthesis, no title in
# quotes, no `<address>` form, no space to strip, no placeholder to unescape.
_PLAIN_LINK = re.compile(r"""([^\[\]]*)\]\(([^()'"<\s\x02\x03]*)\)""")
# A character reference, as the entity pattern reads it.
_ENTITY = re.compile(inlinepatterns.ENTITY_RE)
# A plain link in a text no pattern has seen yet, and nothing in it that a pattern ahead of the
# link pattern (code, escapes) or after it (in the label: emphasis, HTML, line breaks) would
# change; `&` only in a character reference. No `!` before it: that would be an image.
_PLAIN_LINK_IN_TEXT = re.compile(
    r"""(?<!!)\[(?P<label>(?:[^\[\]`\\<&*_\n]|"""
    + inlinepatterns.ENTITY_RE
    + r""")*)\]\((?P<address>[^()'"<\s\x02\x03`\\]*)\)"""
)
# What stands for a link while a text is searched for what else is in it: a character no pattern
# reads, so that a reference cannot be found across a link.
_LINK_MARK = "\x02"


class _QuickLinks(inlinepatterns.LinkInlineProcessor):
    """The link pattern, reading a plain link in one match."""

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element | None, int | None, int | None]:
        plain = _PLAIN_LINK.match(data, m.end(0))
        if plain is None:
            return super().handleMatch(m, data)
        return _link_element(plain), m.start(0), plain.end(0)


class _QuickReferences(inlinepatterns.ReferenceInlineProcessor):
    """The reference pattern, passing over a plain link without reading it."""

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element | None, int | None, int | None]:
        if _PLAIN_LABEL_THEN_ADDRESS.match(data, m.end(0)):
            return None, None, None
        return super().handleMatch(m, data)


class _QuickInline(InlineProcessor):
    """The inline step, leaving texts that no pattern can match as they are."""

    def __init__(self, md: markdown.Markdown, may_match: re.Pattern[str], plain_links: bool) -> None:
        super().__init__(md)
        self._may_match = may_match
        self._plain_links = plain_links

    # Python-Markdown's own per-text step, private by name mangling: the one place where a text
    # meets the patterns. Skipping it changes nothing when no pattern can match.
    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        if self._may_match.search(data) is None:
            return data
        if (
            self._plain_links
            and patternIndex == 0
            and self._may_match.search(_ENTITY.sub("", _PLAIN_LINK_IN_TEXT.sub(_LINK_MARK, data))) is None
        ):
            return _ENTITY.sub(self._stashed_entity, _PLAIN_LINK_IN_TEXT.sub(self._stashed_link, data))
        return super()._InlineProcessor__handleInline(data, patternIndex)

    def _stashed_link(self, link: re.Match[str]) -> str:
        """The placeholder of the link's element, stashed as the link pattern stashes it."""
        element = etree.Element("a")
        element.text = _ENTITY.sub(self._stashed_entity, link.group("label"))
        element.set("href", link.group("address"))
        placeholder: str = self._InlineProcessor__stashNode(element, "link")
        return placeholder

    def _stashed_entity(self, entity: re.Match[str]) -> str:
        """The placeholder of a character reference, kept as raw HTML as the entity pattern keeps it."""
        placeholder: str = self.md.htmlStash.store(entity.group(0))
        return placeholder


def _link_element(link: re.Match[str]) -> etree.Element:
    """The element Python-Markdown's link pattern makes of a plain link (label, address)."""
    element = etree.Element("a")
    element.text = link.group(1)
    element.set("href", link.group(2))
    return element


def quicken(md: markdown.Markdown) -> None:
    """Give `md` the shortcuts its patterns allow; patterns replaced by an extension keep theirs."""
    patterns = md.inlinePatterns
    # Registered again under their names and Python-Markdown's own priorities for them.
    if "link" in patterns and type(patterns["link"]) is inlinepatterns.LinkInlineProcessor:
        patterns.register(_QuickLinks(inlinepatterns.LINK_RE, md), "link", 160)
    if "reference" in patterns and type(patterns["reference"]) is inlinepatterns.ReferenceInlineProcessor:
        patterns.register(_QuickReferences(inlinepatterns.REFERENCE_RE, md), "reference", 170)
    needs = [_NEEDS.get(_regex(pattern)) for pattern in patterns]
    steps = md.treeprocessors
    if (
        "inline" in steps
        and type(steps["inline"]) is InlineProcessor
        and None not in needs
        and hasattr(InlineProcessor, "_InlineProcessor__handleInline")
    ):
        may_match = re.compile("|".join(sorted(set(needs))))  # type: ignore[arg-type]
        # Links made at once only where the link and reference patterns are Python-Markdown's own.
        plain_links = (
            "link" in patterns
            and type(patterns["link"]) is _QuickLinks
            and "reference" in patterns
            and type(patterns["reference"]) is _QuickReferences
            and "entity" in patterns
            and type(patterns["entity"]) is inlinepatterns.HtmlInlineProcessor
            and _regex(patterns["entity"]) == inlinepatterns.ENTITY_RE
            and hasattr(InlineProcessor, "_InlineProcessor__stashNode")
        )
        steps.register(_QuickInline(md, may_match, plain_links), "inline", _INLINE_PRIORITY)


def _regex(pattern: Any) -> str | None:
    compiled = getattr(pattern, "compiled_re", None)
    return compiled.pattern if isinstance(compiled, re.Pattern) else None

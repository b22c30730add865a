"""Contributor prose handed to Python-Markdown as the finished HTML it already is.

A generated page carries each contributor text as one HTML block, `<div class="kid-prose">` …
`</div>`, rendered and sanitised before the page was written (`site.render.prose`). Python-Markdown
still reads every character of such a block with Python's HTML parser (the `md_in_html` extension's
`html_block` step) only to find where it ends and keep it unchanged: on pages of long texts, an
eighth of their Markdown conversion (benchmarks/RESULTS.md). Here the block is put in
Python-Markdown's store of raw HTML before that step, as the step itself would put it: the same
text, the same blank lines around it, so the same page.

Only a block exactly as `prose` writes it is taken: the opening line alone after a blank line, no
other `div` inside (sanitised prose has none: `content.prose._ALLOWED_TAGS`), the closing line
alone before a blank line. Anything else goes Python-Markdown's own way;
`tests/site/test_render_speedups.py` compares the built sites.
"""

from __future__ import annotations

import re

import markdown
from markdown.preprocessors import Preprocessor

_OPENING = re.compile(r'<div class="kid-prose"(?: data-kid-excerpt)?>')
_CLOSING = "</div>"
# Right after MkDocs' reading of raw HTML anchors (21), before Python-Markdown's `html_block` (20).
_PRIORITY = 20.5


def stash_prose(md: markdown.Markdown) -> None:
    """Register the step on a converter that converts many pages (it keeps no page's state)."""
    md.preprocessors.register(_StashedProse(md), "katalog_stashed_prose", _PRIORITY)


class _StashedProse(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        i, count = 0, len(lines)
        while i < count:
            end = self._block_end(lines, i) if (i == 0 or not lines[i - 1].strip()) else None
            if end is None:
                out.append(lines[i])
                i += 1
                continue
            # What `html_block` stores for a raw block followed by a blank line: its text and a
            # line break; and what it leaves: the placeholder between blank lines.
            placeholder = self.md.htmlStash.store("\n".join(lines[i : end + 1]) + "\n")
            out += ["", placeholder, ""]
            i = end + 1
        return out

    @staticmethod
    def _block_end(lines: list[str], start: int) -> int | None:
        """The index of the closing line of the prose block opening at `start`, if it is one."""
        if not _OPENING.fullmatch(lines[start]):
            return None
        for end in range(start + 1, len(lines)):
            line = lines[end]
            if line == _CLOSING:
                followed_by_blank = end + 1 < len(lines) and not lines[end + 1].strip(" ")
                return end if followed_by_blank else None
            if "<div" in line or "</div" in line:
                return None
        return None

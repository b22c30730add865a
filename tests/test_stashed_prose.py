"""Contributor prose stashed as finished HTML (generator/engine/stashed_prose.py) gives the HTML
Python-Markdown gives when it reads the block itself, and only blocks exactly as `prose` writes
them are taken."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_engine import site_markdown

from generator.engine.stashed_prose import stash_prose
from generator.site.render import prose

_PLAIN = site_markdown()
_STASHED = site_markdown()
stash_prose(_STASHED)


def _converted(text: str) -> tuple[str, str, int]:
    """Both converters' HTML, and how many blocks the step stashed."""
    plain = _PLAIN.reset().convert(text)
    md = _STASHED.reset()
    stashed_before = md.preprocessors["katalog_stashed_prose"].run
    taken: list[int] = []

    def run(lines: list[str]) -> list[str]:
        out = stashed_before(lines)
        taken.append(md.htmlStash.html_counter)
        return out

    md.preprocessors["katalog_stashed_prose"].run = run  # type: ignore[method-assign]
    try:
        html = md.convert(text)
    finally:
        del md.preprocessors["katalog_stashed_prose"].run
    return plain, html, taken[0]


LONG = """Warga menunggu **lama** untuk [data](https://contoh.go.id/a?b=1&c=2) kependudukan.

- satu
- dua `kode <div>`

```
<div>kode</div>

baris    sesudah kosong
\tdengan tab
```

| a | b |
|:--|--:|
| 1 | 2 |

> kutipan &amp; <span>tag</span> </div>
"""


@pytest.mark.parametrize("excerpt", [False, True])
def test_a_page_of_prose_blocks_converts_to_the_same_html(excerpt: bool) -> None:
    page = f"# Judul\n\n## Masalah\n\n{prose(LONG, excerpt=excerpt)}\n\n## Cara kerja\n\n{prose('Satu *dua*.')}\n\n- akhir\n"
    plain, stashed, taken = _converted(page)
    assert stashed == plain
    assert taken == 2
    assert 'class="kid-prose"' in stashed and "<strong>lama</strong>" in stashed


@pytest.mark.parametrize(
    "page",
    [
        # Not after a blank line, or not before one: Python-Markdown's own way.
        'Teks\n<div class="kid-prose">\n<p>a</p>\n</div>\n\nb\n',
        '<div class="kid-prose">\n<p>a</p>\n</div>\nb\n',
        # Another div inside, or an opening line with more on it, or indented.
        '<div class="kid-prose">\n<div>a</div>\n</div>\n\nb\n',
        '<div class="kid-prose" id="x">\n<p>a</p>\n</div>\n\nb\n',
        '- x\n\n    <div class="kid-prose">\n    <p>a</p>\n    </div>\n\nb\n',
        '<div class="kid-prose">\n<p>a</p>\n\nb\n',
    ],
)
def test_other_blocks_are_left_to_python_markdown(page: str) -> None:
    plain, stashed, taken = _converted(page)
    assert taken == 0
    assert stashed == plain


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab *_`#>-|[]()<>&\n\t1.")), max_size=200))
def test_any_contributor_text_converts_to_the_same_html(text: str) -> None:
    page = f"## A\n\n{prose(text)}\n\n{prose(text, excerpt=True)}\n\nakhir\n"
    plain, stashed, _ = _converted(page)
    assert stashed == plain

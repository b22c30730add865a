"""Whitespace compaction of built pages keeps what a browser shows."""

import re

from hypothesis import given
from hypothesis import strategies as st

from generator.engine.compact_html import compact


def test_blank_lines_and_indentation_between_tags_go() -> None:
    page = "<ul>\n    \n  <li>\n      <a href='x'>\n        Beranda\n      </a>\n  </li>\n\n</ul>\n"
    assert compact(page) == "<ul>\n<li>\n<a href='x'>\nBeranda\n</a>\n</li>\n</ul>\n"


def test_whitespace_inside_kept_elements_is_untouched() -> None:
    kept = [
        "<pre><code>a\n\n    b\n</code></pre>",
        "<PRE class='x'>\n  indented\n</PRE >",
        "<textarea>\n  line\n\n</textarea>",
        "<script>var a = 1;\n\n    var b = '  \\n  ';</script>",
        "<style>\n  p { color: red }\n</style>",
    ]
    for element in kept:
        assert compact(f"<div>\n    {element}\n    </div>") == f"<div>\n{element}\n</div>"


def test_spaces_without_a_line_break_stay() -> None:
    assert compact("<p>a  <b>b</b>   c</p>") == "<p>a  <b>b</b>   c</p>"


@given(st.text(alphabet="<>/ \n\tpreabcdsilty", max_size=80))
def test_only_whitespace_changes(text: str) -> None:
    out = compact(text)
    assert "".join(out.split()) == "".join(text.split())
    assert compact(out) == out


def _by_definition(html: str) -> str:
    """Each whitespace run holding a line break made one line break, outside the kept elements."""
    parts = re.split(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", html, flags=re.I | re.S)
    return "".join(
        re.sub(r"[ \t\r\n]*\n[ \t\r\n]*", "\n", part) if index % 3 == 0 else part
        for index, part in enumerate(parts)
        if index % 3 != 2
    )


@given(
    st.lists(
        st.sampled_from(
            ["<p>", "</p>", "<pre>", "</pre>", " ", "\t", "\r", "\n", "\n\n", "a", "b c", " \n "]
        ),
        max_size=40,
    ).map("".join)
)
def test_each_whitespace_run_with_a_line_break_becomes_one_line_break(html: str) -> None:
    assert compact(html) == _by_definition(html)

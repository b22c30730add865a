"""Whitespace compaction of built pages keeps what a browser shows."""

from hypothesis import given
from hypothesis import strategies as st

from generator.compact_html import compact


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

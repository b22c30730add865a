"""YAML written one `key: value` at a time, in the house layout, for files people go on editing.

`yamltext.dump` writes whole documents; these helpers write single keys, so that
`region_file_text.py` can replace one value inside a hand-written file and `spreadsheet.py` can lay
out a new file exactly as the shipped content is laid out: flow lists of ids, folded prose, literal
Markdown, minimal quoting.
"""

from __future__ import annotations

import json
import textwrap

from .load import resolve_plain

# Where folded prose wraps: the house line length less room for the indentation.
WRAP = 100


def scalar(value: str) -> str:
    """One line of text: plain when YAML reads it back as the same text, otherwise double-quoted."""
    plain_safe = (
        bool(value)
        and value == value.strip()
        and value[0].isalnum()
        and resolve_plain(value) == "str"
        and not any(mark in value for mark in (": ", " #", '"', "\\"))
        and value.isprintable()
    )
    # JSON strings are YAML double-quoted scalars.
    return value if plain_safe else json.dumps(value, ensure_ascii=False)


def flow_list(items: list[str]) -> str:
    """A list of ids or vocabulary values: `[a, b]`."""
    return "[" + ", ".join(scalar(item) for item in items) + "]"


def prose(key: str, value: str, indent: str = "") -> str:
    """`key: value` for a one-paragraph text, folded (`>-`) over several lines when long."""
    value = " ".join(value.split())
    line = f"{indent}{key}: {scalar(value)}"
    if len(line) <= WRAP + len(indent):
        return line
    inner = indent + "  "
    wrapped = textwrap.wrap(value, width=WRAP, break_long_words=False)
    return "\n".join([f"{indent}{key}: >-", *(inner + part for part in wrapped)])


def markdown(key: str, value: str, indent: str = "") -> str:
    """`key: value` for Markdown: a literal block (`|`) unless it is one short line."""
    lines = [line.rstrip() for line in value.strip().split("\n")]
    if len(lines) == 1:
        single = f"{indent}{key}: {scalar(lines[0])}"
        if len(single) <= WRAP + len(indent):
            return single
    inner = indent + "  "
    return "\n".join([f"{indent}{key}: |", *((inner + line) if line else "" for line in lines)])

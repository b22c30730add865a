"""Escaping contributor text for generated Markdown pages.

Every character that Markdown or HTML could read as syntax is written as a numeric character
reference, so a value is shown literally in any Markdown engine, inside Markdown or inside an
HTML block, and can never open a tag, a link or an attribute list.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

_SYNTAX = "\\`*_{}[]()#+-.!|<>&\"':~^=$@/?\n\r\t"
_TABLE = {ord(c): f"&#{ord(c)};" for c in _SYNTAX}
_TABLE[ord("\n")] = " "
_TABLE[ord("\r")] = " "
_TABLE[ord("\t")] = " "


def md_escape(value: Any) -> str:
    """`value` as literal text for Markdown and HTML (attributes included)."""
    return str(value).translate(_TABLE)


def finalize(value: Any) -> Markup:
    """Jinja `finalize`: escape every value a template prints unless it is trusted `Markup`.

    Returning `Markup` tells Jinja's autoescaping (on, so that macros return `Markup` too) that
    the value is already safe.
    """
    if value is None:
        return Markup("")
    if isinstance(value, Markup):
        return value
    return Markup(md_escape(value))

"""Characters that can hide or disguise text: control, format (bidirectional-override, zero-width)
and unassigned ones."""

from __future__ import annotations

import unicodedata

# Format characters (Cf) include the bidirectional overrides and isolates that reorder what a reader
# sees (the "Trojan Source" trick) and the zero-width ones that make two strings look the same.
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def unsafe_character(value: str, allow_newlines: bool = False) -> str | None:
    """The first character in `value` that must not appear in content, or None.

    Tabs and newlines are allowed only where text may span lines (prose and Markdown bodies).
    """
    plain = value.replace("\n", "").replace("\t", "") if allow_newlines else value
    if plain.isprintable():  # fast path, in C: true for almost every value
        return None
    for char in plain:
        if unicodedata.category(char) in _REFUSED_CATEGORIES:
            return char
    return None

"""Characters that can hide or disguise text: control, format (bidirectional-override, zero-width),
invisible and unassigned ones; refused in content and made visible in reports."""

from __future__ import annotations

import re
import unicodedata

# Format characters (Cf) include the bidirectional overrides and isolates that reorder what a reader
# sees (the "Trojan Source" trick) and the zero-width ones that make two strings look the same.
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
# Invisible characters of other categories, which Python counts as printable: the combining grapheme
# joiner, the Hangul and Khmer fillers, the Mongolian variation selectors (all "default ignorable"
# in Unicode: shown as nothing) and the blank Braille pattern, which looks like a space. Each can
# make two names that look the same differ, or a name look empty.
_INVISIBLE = re.compile("[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180d\u180f\u2800\u3164\uffa0]")


def unsafe_character(value: str, allow_newlines: bool = False) -> str | None:
    """The first character in `value` that must not appear in content, or None.

    Tabs and newlines are allowed only where text may span lines (prose and Markdown bodies).
    """
    plain = value.replace("\n", "").replace("\t", "") if allow_newlines else value
    if plain.isprintable():  # fast path, in C: true for almost every value
        if plain.isascii():  # every invisible character is beyond ASCII
            return None
        invisible = _INVISIBLE.search(plain)
        return invisible.group() if invisible else None
    for char in plain:
        if unicodedata.category(char) in _REFUSED_CATEGORIES or _INVISIBLE.fullmatch(char):
            return char
    return None


def visible(text: str, keep: str = "") -> str:
    """`text` with every character `unsafe_character` refuses, except those in `keep`, written as
    `<U+XXXX>`.

    For reports printed to a terminal or a CI log: a file name, a field name or a value quoted in a
    message comes from the contributor, and an escape sequence (ESC), a carriage return or a
    direction override in it could rewrite or hide the lines around it.
    """
    if text.isprintable() and not _INVISIBLE.search(text):
        return text
    return "".join(
        f"<U+{ord(char):04X}>"
        if char not in keep
        and (unicodedata.category(char) in _REFUSED_CATEGORIES or _INVISIBLE.fullmatch(char))
        else char
        for char in text
    )


# What a spreadsheet reads as the start of a formula (OWASP's CSV injection list): a cell that
# begins so runs as a formula when an official opens the exported table.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(text: str) -> bool:
    """Whether a contributor's text would start a spreadsheet formula that does something.

    Narrower than `FORMULA_START`, which the exports neutralise whatever follows: "- item" (a
    Markdown list), "-5 %" and "+62 …" (a number) are text a contributor means, and not worth a warning.
    """
    if text.startswith(("=", "@", "\t", "\r")):
        return True
    return len(text) > 1 and text[0] in "+-" and not (text[1].isspace() or text[1].isdigit())

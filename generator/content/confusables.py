"""Text that imitates other text: words mixing alphabets, and entries that look like another entry.

Two checks against a contributor passing off an entry as another one ("Соmmand Center" spelled with
a Cyrillic "С" and "о" next to the real "Command Center"):

- `mixed_script_word` finds a word that mixes Latin letters with Cyrillic or Greek ones; real
  words in the catalogue's languages never do.
- `lookalike_problems` finds, among entries a reader could mistake for each other (innovations of
  one region, regions, agencies of one region), two whose names differ but share a *skeleton*: the
  text after NFKC normalisation, the look-alike table of `data/confusables.yml`, and case folding.
  It catches whole words typed in another alphabet, full-width letters and case-only variants,
  which the first check lets through.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from .data_files import read_data
from .problems import Problem, problem

# A word is a run of letters; digits, marks and punctuation separate words.
_WORD = re.compile(r"[^\W\d_]+")
_LATIN = "LATIN"
_IMITATING_SCRIPTS = frozenset({"CYRILLIC", "GREEK"})
# Variation selectors change a glyph's look only slightly (an emoji's style), so the skeleton drops
# them; the invisible characters that would hide a difference are refused by `text_safety`.
_VARIATION_SELECTORS = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")


@functools.cache
def homoglyphs() -> dict[int, str]:
    """Cyrillic and Greek letters that look Latin, as a `str.translate` table."""
    data: dict[str, dict[str, str]] = read_data("data/confusables.yml")
    return {ord(char): latin for char, latin in data["homoglyphs"].items()}


def _script(char: str) -> str:
    """The alphabet of a letter, from its Unicode name: "LATIN", "CYRILLIC", "GREEK", …"""
    if char.isascii():
        return _LATIN
    return unicodedata.name(char, "").partition(" ")[0]


def mixed_script_word(value: str) -> tuple[str, str] | None:
    """The first word of `value` mixing Latin with Cyrillic or Greek letters, and its first non-Latin
    letter; None when there is none."""
    if value.isascii():  # fast path: almost every value
        return None
    for match in _WORD.finditer(value):
        word = match.group()
        if word.isascii():
            continue
        latin = False
        other = ""
        for char in word:
            script = _script(char)
            if script == _LATIN:
                latin = True
            elif script in _IMITATING_SCRIPTS and not other:
                other = char
        if latin and other:
            return word, other
    return None


def skeleton(value: str) -> str:
    """What `value` looks like to a reader: equal skeletons mean a reader may not tell them apart."""
    if value.isascii():  # NFKC and the look-alike table change no ASCII character: most names
        return " ".join(value.casefold().split())
    return _skeleton(value)


def _skeleton(value: str) -> str:
    text = unicodedata.normalize("NFKC", _VARIATION_SELECTORS.sub("", value)).translate(homoglyphs())
    return " ".join(text.casefold().split())


@dataclass(frozen=True, slots=True)
class Named:
    """One name or title of one entry, and where it is written."""

    path: str
    line: int
    column: int
    field: str
    value: str


def lookalike_problems(groups: Iterable[Iterable[Named]]) -> list[Problem]:
    """Problems for names of a group that differ from an earlier one only in how they look.

    Both sides of each pair get a problem naming the other: which one imitates is not for the
    checker to say, and a reviewer must see it whichever file the pull request touches. The first
    name with a given skeleton is the one the later ones are paired with. Identical names are left
    alone: that they collide is no disguise (Kabupaten Bogor and Kota Bogor share a name).
    """
    problems = []
    for group in groups:
        first: dict[str, Named] = {}
        for named in group:
            original = first.setdefault(skeleton(named.value), named)
            if original is not named and original.value != named.value:
                problems.append(_lookalike(named, original))
                problems.append(_lookalike(original, named))
    return problems


def _lookalike(named: Named, other: Named) -> Problem:
    return problem(
        named.path,
        named.line,
        named.column,
        "lookalike",
        named.field,
        value=named.value,
        other=other.value,
        other_path=other.path,
    )

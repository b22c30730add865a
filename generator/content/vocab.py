"""Vocabularies (stages, agency kinds, affairs, …): data files with Indonesian and English labels."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

from .data_files import read_data

LANGS = ("id", "en")


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The allowed values of one field, in file order, each with a label per language."""

    name: str
    label: dict[str, str]
    values: dict[str, dict[str, str]]

    def text(self, value: str, lang: str = "id") -> str:
        """The label of `value` in `lang`."""
        return self.values[value][lang]


@functools.cache
def vocabularies() -> dict[str, Vocabulary]:
    """All vocabularies shipped in `generator/data/vocabularies/`, by file name."""
    folder = resources.files("generator") / "data" / "vocabularies"
    result = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yml"):
            continue
        data = read_data(f"data/vocabularies/{entry.name}")
        name = entry.name.removesuffix(".yml")
        result[name] = Vocabulary(name, data["label"], data["values"])
    return result


def vocabulary(name: str) -> Vocabulary:
    """One vocabulary by name (e.g. "stages")."""
    return vocabularies()[name]

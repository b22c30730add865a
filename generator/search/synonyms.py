"""Abbreviations and the words they stand for (`data/synonyms.yml`), for the search index.

Records write "Kartu Tanda Penduduk" where an official types "KTP", or the reverse. The index adds,
to a page's word counts, each abbreviation as often as the page writes its words in a row, and the
words as often as it writes the abbreviation: the query needs no list of its own, and the first
search downloads nothing more.
"""

from __future__ import annotations

import functools
from collections import Counter

from ..content.data_files import read_data


@functools.cache
def synonyms() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(abbreviation, its words) pairs, as the data file lists them."""
    data: dict[str, str] = read_data("data/synonyms.yml")
    return tuple((short, tuple(long.split())) for short, long in data.items())


def expanded(words: list[str]) -> Counter[str]:
    """The counts of `words` (a page's, in order) with each synonym's other form added."""
    counts = Counter(words)
    extra: Counter[str] = Counter()
    for short, long in synonyms():
        if counts[long[0]]:
            extra[short] += sum(
                1
                for n, word in enumerate(words)
                if word == long[0] and tuple(words[n : n + len(long)]) == long
            )
        if counts[short]:
            for word in long:
                extra[word] += counts[short]
    counts.update(extra)
    return +counts  # without the abbreviations counted 0 times

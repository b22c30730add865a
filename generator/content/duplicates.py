"""Likely duplicates among the innovations: found by keys, in time linear in the catalogue, and
reported once per group.

Real lists repeat a pattern with a place or a year in it ("Posyandu Digital Desa Cibeureum",
"Posyandu Digital Desa Cikeruh", …): those are different innovations, and comparing every title
with every other would call thousands of them pairs. After case, punctuation and spacing are
ignored, two innovations of one region are likely the same when

1. their titles are the same (also apart from spaces: "command center"/"commandcenter");
2. their titles differ in one word spelled a little differently (a letter wrong, missing or extra,
   or two letters swapped, after the same first letter: "Puskesmas"/"Puskesas", not
   "Raroke"/"Paroke", two places; never a word with a digit: 2023 and 2024 are two years, nor a
   short one: "SIPD"/"SIPP" are two systems), and the whole titles still share
   `SIMILAR_TITLE_RATIO` of their letters;
3. one title is the other with one word more (not a number: "… 2021" is that year's edition),
   sharing that ratio of their letters; or
4. their titles differ in one whole word (a village, a district, a year) and the rest of the
   record agrees: the same agencies and the same summary word for word.

Anywhere in the catalogue, the same title and summary are one innovation submitted twice. Each
rule looks records up by keys made from their titles (a title without one of its words, a letter
dropped from a word), so the cost grows with the number of titles and their words, never with the
number of look-alikes; and the pairs are joined into groups, each reported by one warning.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from rapidfuzz.distance import Indel

from .check import CheckResult
from .problems import Problem, problem

# The share of their letters (in order) two titles must have in common under rules 2 and 3.
SIMILAR_TITLE_RATIO = 0.9
# A group's warning names this many of its other members; a larger group is counted.
GROUP_NAMED = 5
# Words this short are names and acronyms ("SIPD", "SIPP", "e"): a letter apart is another word.
TYPO_FROM_LETTERS = 5
_NOT_WORD = re.compile(r"[^\w\s]+")
_DIGIT = re.compile(r"\d")


def normalise(text: str) -> str:
    """Text as compared for duplicates: case, punctuation and whitespace ignored."""
    return " ".join(_NOT_WORD.sub(" ", text.casefold()).split())


@dataclass(frozen=True, slots=True)
class Entry:
    """An innovation as the rules compare it: its reference, normalised title, and what else of
    the record rule 4 compares (agencies, normalised summary)."""

    ref: str
    title: str
    rest: tuple[tuple[str, ...], str]


class _Groups:
    """Union-find over references: which entries the pairs found join into one group."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, ref: str) -> str:
        parent = self.parent.setdefault(ref, ref)
        while parent != ref:
            grand = self.parent[parent]
            self.parent[ref] = grand  # halve the path on the way up
            ref, parent = parent, grand
        return ref

    def join(self, one: str, other: str) -> None:
        a, b = self.find(one), self.find(other)
        if a != b:
            self.parent[max(a, b)] = min(a, b)

    def groups(self) -> list[list[str]]:
        members: dict[str, list[str]] = defaultdict(list)
        for ref in self.parent:
            members[self.find(ref)].append(ref)
        return sorted(sorted(group) for group in members.values() if len(group) > 1)


def similar_groups(entries: list[Entry]) -> list[list[str]]:
    """The groups of likely duplicates among one region's entries (rules 1 to 4), each sorted."""
    groups = _Groups()
    by_title = {entry.title: entry for entry in entries}
    unspaced: dict[str, str] = {}
    # Entries by their title with the word at one position left out, and that word.
    gaps: dict[tuple[int, str], list[tuple[str, Entry]]] = defaultdict(list)
    for entry in entries:
        first = unspaced.setdefault(entry.title.replace(" ", ""), entry.ref)
        if first != entry.ref:
            groups.join(first, entry.ref)  # rule 1
        words = entry.title.split()
        for index, word in enumerate(words):
            without = " ".join(words[:index] + words[index + 1 :])
            shorter = by_title.get(without) if not _DIGIT.search(word) else None
            if shorter is not None and _alike(shorter.title, entry.title):
                groups.join(shorter.ref, entry.ref)  # rule 3
            gaps[(index, without)].append((word, entry))
    for members in gaps.values():
        if len(members) > 1:
            _join_one_word_apart(members, groups)
    return groups.groups()


def _join_one_word_apart(members: list[tuple[str, Entry]], groups: _Groups) -> None:
    """Rules 2 and 4 among entries whose titles differ only in the word at one position."""
    same_rest: dict[tuple[tuple[str, ...], str], str] = {}
    for _, entry in members:
        first = same_rest.setdefault(entry.rest, entry.ref)
        if first != entry.ref:
            groups.join(first, entry.ref)  # rule 4
    # Words one edit apart share a form with one letter dropped (or one is the other's); the first
    # letter stays in every form, so only words that begin alike meet.
    forms: dict[str, list[Entry]] = defaultdict(list)
    for word, entry in members:
        if len(word) >= TYPO_FROM_LETTERS and not _DIGIT.search(word):
            for form in {word, *(word[:i] + word[i + 1 :] for i in range(1, len(word)))}:
                forms[form].append(entry)
    for alike in forms.values():
        # Each with the first it is alike: enough to join a group, and linear however many.
        for entry in alike[1:]:
            if entry.title != alike[0].title and _alike(alike[0].title, entry.title):
                groups.join(alike[0].ref, entry.ref)  # rule 2


def _alike(one: str, other: str) -> bool:
    return Indel.normalized_similarity(one, other) >= SIMILAR_TITLE_RATIO


def duplicate_warnings(result: CheckResult, prefer: Iterable[str] = ()) -> list[Problem]:
    """One warning per group of likely duplicates in a valid catalogue: the same title and summary
    anywhere ("submitted twice"), near-identical titles in one region ("similar").

    The warning stands at the title of one member, naming the others: a member in `prefer` (the
    files being reviewed, say) if there is one, else the last in sorted order."""
    catalogue = result.catalogue
    assert catalogue is not None
    preferred = set(prefer)
    innovations = catalogue.innovations
    titles = {ref: normalise(innovation.title) for ref, innovation in innovations.items()}
    summaries = {ref: normalise(innovation.summary) for ref, innovation in innovations.items()}
    twice = _Groups()
    first_of: dict[tuple[str, str], str] = {}
    for ref in innovations:
        first = first_of.setdefault((titles[ref], summaries[ref]), ref)
        if first != ref:
            twice.join(first, ref)
    submitted_twice = twice.groups()
    warnings = list(_group_warnings(result, submitted_twice, preferred, similar=False))
    said = {ref for group in submitted_twice for ref in group}
    by_region: dict[str, list[Entry]] = defaultdict(list)
    for ref, innovation in innovations.items():
        by_region[innovation.region].append(Entry(ref, titles[ref], (innovation.agencies, summaries[ref])))
    for entries in by_region.values():
        # A group that is one entry submitted twice says so already.
        groups = [g for g in similar_groups(entries) if not set(g) <= said]
        warnings += _group_warnings(result, groups, preferred, similar=True)
    return warnings


def _group_warnings(
    result: CheckResult, groups: list[list[str]], preferred: set[str], *, similar: bool
) -> Iterator[Problem]:
    catalogue = result.catalogue
    assert catalogue is not None
    for group in groups:
        chosen = [ref for ref in group if catalogue.sources[ref] in preferred] or group
        at = chosen[-1]
        others = [ref for ref in group if ref != at]
        named = "; ".join(f'{ref} ("{catalogue.innovations[ref].title}")' for ref in others[:GROUP_NAMED])
        path, line, column = result.place(at, "title")
        many = len(others) > GROUP_NAMED
        if similar:
            code = "similar-title-many" if many else "similar-title"
        else:
            code = "duplicate-innovation-many" if many else "duplicate-innovation"
        yield problem(
            path,
            line,
            column,
            code,
            "title",
            severity="warning",
            others=named,
            count=len(others),
        )

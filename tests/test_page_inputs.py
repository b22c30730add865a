"""Page fingerprints: after any one edit, every page whose Markdown changed has a new fingerprint."""

from __future__ import annotations

import dataclasses
import hashlib
import re
import shutil
from pathlib import Path

import pytest

from generator.content.catalogue import Catalogue
from generator.content.check import check
from generator.content.file_checks import FileCache
from generator.engine.build_state import stat_versions
from generator.site import paths
from generator.site.page_inputs import KnownPages, fingerprints, pages_showing
from generator.site.pager import SPREAD
from generator.site.pages import plan_pages
from generator.site.relations import build_relations

FIXTURES = Path(__file__).parent / "fixtures"
# One-line edits a contributor makes: a renamed record, a renamed agency, a changed stage, a tag.
EDITS = [
    (re.compile(r"^(title|name): (.+)$", re.M), r"\1: \2 Baru"),
    (re.compile(r"^(    acronym: )(.+)$", re.M), r"\1\2X"),
    (re.compile(r"^stage: \w+$", re.M), "stage: trial"),
    (re.compile(r"^tags:\n", re.M), "tags:\n  - tag-baru\n"),
    (re.compile(r"^summary: (.+)$", re.M), r"summary: \1 Lagi."),
]


def _state(root: Path) -> tuple[Catalogue, dict[str, str], dict[str, int]]:
    result = check(root, jobs=1)
    assert result.catalogue is not None, result.problems
    catalogue = result.catalogue

    def version_of(key: str) -> bytes:
        return hashlib.sha256((root / catalogue.sources[key]).read_bytes()).digest()

    plan = plan_pages(catalogue)
    return catalogue, {p: write() for p, write in plan.items()}, fingerprints(plan, catalogue, version_of)


def _edited_files(root: Path) -> list[tuple[Path, str]]:
    """Every (file, edited text) that the edits above make of the catalogue under `root`."""
    found = []
    for path in sorted(root.rglob("*.yml")):
        text = path.read_text(encoding="utf-8")
        for pattern, replacement in EDITS:
            edited = pattern.sub(replacement, text, count=1)
            if edited != text:
                found.append((path.relative_to(root), edited))
    return found


@pytest.mark.parametrize("fixture", ["site-relations", "site-visit"])
def test_every_changed_page_has_a_new_fingerprint(fixture: str, tmp_path: Path) -> None:
    root = tmp_path / fixture
    shutil.copytree(FIXTURES / fixture, root)
    _, before, prints = _state(root)
    edits = _edited_files(root)
    assert len(edits) > 20
    touched_any = 0
    for rel, edited in edits:
        original = (root / rel).read_text(encoding="utf-8")
        (root / rel).write_text(edited, encoding="utf-8")
        try:
            _, after, new_prints = _state(root)
        finally:
            (root / rel).write_text(original, encoding="utf-8")
        changed = {p for p in after if after[p] != before.get(p)}
        flagged = {p for p in new_prints if new_prints[p] != prints.get(p)}
        assert changed <= flagged, (rel, sorted(changed - flagged))
        # …and not every page: an edit rebuilds what shows it.
        assert len(flagged) < len(after), rel
        touched_any += bool(changed)
    assert touched_any == len(edits)


def test_an_unchanged_catalogue_keeps_every_fingerprint(tmp_path: Path) -> None:
    root = tmp_path / "site-visit"
    shutil.copytree(FIXTURES / "site-visit", root)
    assert _state(root)[2] == _state(root)[2]


def test_a_new_innovation_changes_the_pages_that_list_it(tmp_path: Path) -> None:
    root = tmp_path / "site-relations"
    shutil.copytree(FIXTURES / "site-relations", root)
    _, before, prints = _state(root)
    source = root / "innovations" / "kabupaten-sumedang" / "command-center.yml"
    copy = source.with_name("command-center-kedua.yml")
    copy.write_text(
        re.sub(r"^title: .+$", "title: Pusat Komando Kedua", source.read_text(encoding="utf-8"), flags=re.M),
        encoding="utf-8",
    )
    _, after, new_prints = _state(root)
    changed = {p for p in after if after[p] != before.get(p)}
    flagged = {p for p in new_prints if new_prints[p] != prints.get(p)}
    assert "inovasi/kabupaten-sumedang/command-center-kedua.md" in changed
    assert "daerah/kabupaten-sumedang.md" in changed
    assert changed <= flagged


def test_a_counterpart_page_follows_the_titles_it_shows_not_the_whole_records(tmp_path: Path) -> None:
    root = tmp_path / "site-relations"
    shutil.copytree(FIXTURES / "site-relations", root)
    # Other ways the agency page depends on it: the agreement it lists names it, so do the visits
    # it lists, and one of its own innovations was adopted from it.
    shutil.rmtree(root / "agreements")
    shutil.rmtree(root / "visits")
    adopter = root / "innovations" / "kabupaten-lampung-selatan" / "command-center-lamsel.yml"
    adopter.write_text(re.sub(r"^adopted_from: .+\n", "", adopter.read_text(encoding="utf-8"), flags=re.M))
    counterpart = "perangkat-daerah/kabupaten-lampung-selatan/diskominfo.md"
    source = root / "innovations" / "kabupaten-sumedang" / "command-center.yml"
    _, before, prints = _state(root)
    assert "command-center.md" in before[counterpart], "the fixture should show it as a counterpart's"
    text = source.read_text(encoding="utf-8")
    source.write_text(
        re.sub(r"^summary: (.+)$", r"summary: \1 Lagi.", text, count=1, flags=re.M), encoding="utf-8"
    )
    _, described, described_prints = _state(root)
    assert (
        described["inovasi/kabupaten-sumedang/command-center.md"]
        != before["inovasi/kabupaten-sumedang/command-center.md"]
    )
    assert described_prints[counterpart] == prints[counterpart]
    source.write_text(
        re.sub(r"^title: .+$", "title: Pusat Komando", text, count=1, flags=re.M), encoding="utf-8"
    )
    _, retitled, retitled_prints = _state(root)
    assert "Pusat Komando" in retitled[counterpart]
    assert retitled_prints[counterpart] != prints[counterpart]


def test_a_new_title_flags_the_listing_pages_near_its_old_and_new_places_only(tmp_path: Path) -> None:
    """Each listing page is given its own pager, not the list of all pages: a page whose first
    item changes is in its neighbours' pagers only."""
    from generator.contrib.synthetic import write_synthetic_catalogue

    write_synthetic_catalogue(Path(__file__).parents[1], tmp_path, 1400, seed=11)
    catalogue = check(tmp_path).catalogue
    assert catalogue is not None
    versions: dict[str, int] = {}
    prints = fingerprints(plan_pages(catalogue), catalogue, lambda key: versions.get(key, 0))
    tag, items = max(build_relations(catalogue).by_tag.items(), key=lambda kv: len(kv[1]))
    moved = items[len(items) // 2]
    catalogue.innovations[moved.ref] = dataclasses.replace(moved, title="Aaa")
    versions[moved.ref] = 1
    new_prints = fingerprints(plan_pages(catalogue), catalogue, lambda key: versions.get(key, 0))
    folder = paths.tag(tag).removesuffix("index.md")
    listing = {p for p in prints if p.startswith(folder)}
    flagged = {
        p for p in listing | new_prints.keys() if p.startswith(folder) and new_prints.get(p) != prints.get(p)
    }
    assert len(listing) > 8, "the fixture's tag should run to many pages"
    # Its old page and its new one (the first), and the pagers within two pages of either.
    assert 2 <= len(flagged) <= 2 * (2 * SPREAD + 1)


def _serve_prints(root: Path, cache: FileCache, known: KnownPages | None) -> dict[str, str]:
    """Fingerprints as a `mkdocs serve` rebuild makes them: records of unchanged files reused."""
    result = check(root, jobs=1, cache=cache)
    assert result.catalogue is not None, result.problems
    catalogue = result.catalogue
    return fingerprints(plan_pages(catalogue), catalogue, stat_versions(root, catalogue), known)


@pytest.mark.parametrize("fixture", ["site-relations", "site-visit"])
def test_a_rebuild_walks_only_the_pages_an_edit_may_touch_and_agrees_with_a_full_walk(
    fixture: str, tmp_path: Path
) -> None:
    root = tmp_path / fixture
    shutil.copytree(FIXTURES / fixture, root)
    cache, known = FileCache(), KnownPages()
    first = _serve_prints(root, cache, known)
    assert known.walked == len(first)
    assert _serve_prints(root, cache, known) == first
    assert known.walked == 0
    walked = []
    for rel, edited in _edited_files(root):
        original = (root / rel).read_text(encoding="utf-8")
        for text in (edited, original):
            (root / rel).write_text(text, encoding="utf-8")
            remembered = _serve_prints(root, cache, known)
            walked.append(known.walked)
            assert remembered == _serve_prints(root, cache, None), rel
    # A region's name is on many pages, but no edit is on all of them.
    assert max(walked) < len(first)


def test_a_new_record_makes_a_rebuild_walk_every_page(tmp_path: Path) -> None:
    root = tmp_path / "site-relations"
    shutil.copytree(FIXTURES / "site-relations", root)
    cache, known = FileCache(), KnownPages()
    _serve_prints(root, cache, known)
    source = root / "innovations" / "kabupaten-sumedang" / "command-center.yml"
    source.with_name("command-center-kedua.yml").write_text(
        re.sub(r"^title: .+$", "title: Kedua", source.read_text(encoding="utf-8"), flags=re.M),
        encoding="utf-8",
    )
    remembered = _serve_prints(root, cache, known)
    assert known.walked == len(remembered)
    assert remembered == _serve_prints(root, cache, None)


@pytest.mark.parametrize("fixture", ["site-relations", "site-visit"])
def test_the_pages_showing_a_record_are_those_whose_print_its_version_changes(fixture: str) -> None:
    catalogue = check(FIXTURES / fixture, jobs=1).catalogue
    assert catalogue is not None
    plan = plan_pages(catalogue)
    before = fingerprints(plan, catalogue, lambda key: 0)
    keys = [*catalogue.regions, *catalogue.innovations, *(f"agreements/{k}" for k in catalogue.agreements)]
    for key in keys:
        after = fingerprints(plan, catalogue, lambda k, key=key: int(k == key))
        changed = [path for path in plan if before[path] != after[path]]
        assert 0 < len(changed) < len(plan)
        assert pages_showing(plan, catalogue, key) == changed, key

"""The site of tests/fixtures/site-relations is the committed golden copy, file for file."""

from __future__ import annotations

import difflib

from golden import GOLDEN, read, snapshot

from generator.site.redirects import is_redirect_page

# Enough of a diff to see what changed without flooding the report.
_SHOWN_FILES = 3
_SHOWN_LINES = 40


def test_site_matches_the_golden_copy(relations_site) -> None:
    made = snapshot(relations_site.pages, relations_site.site)
    golden = read(GOLDEN)
    assert golden, f"no golden copy in {GOLDEN}: run `make golden`"
    missing = sorted(golden.keys() - made.keys())
    added = sorted(made.keys() - golden.keys())
    changed = sorted(k for k in made.keys() & golden.keys() if made[k] != golden[k])
    if not (missing or added or changed):
        return
    report = [f"missing: {missing}", f"new: {added}", f"changed: {changed}"]
    for rel in changed[:_SHOWN_FILES]:
        diff = difflib.unified_diff(
            golden[rel].splitlines(), made[rel].splitlines(), f"golden/{rel}", f"built/{rel}", lineterm=""
        )
        report += list(diff)[:_SHOWN_LINES]
    report.append("If the change is intended: `make golden`, then review `git diff tests/golden`.")
    raise AssertionError("\n".join(report))


def test_golden_copy_holds_every_kind_of_output() -> None:
    """The copy covers pages, HTML and data files, so a change to any of them shows."""
    golden = read(GOLDEN)
    assert any(k.startswith("pages/inovasi/") for k in golden)
    assert any(k.startswith("site/inovasi/") and k.endswith(".html") for k in golden)
    assert any(k.startswith("site/data/") and k.endswith(".csv") for k in golden)
    assert any(k.startswith("site/search-index/") for k in golden)
    pages = {k: v for k, v in golden.items() if k.endswith(".html") and "404" not in k}
    assert all("<article" in v or is_redirect_page(v) for v in pages.values())
    # The old addresses of moved pages too (site/redirects.py).
    assert any(is_redirect_page(v) for v in pages.values())

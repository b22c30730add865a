"""The search index in shards (generator/search_index.py): the same records as one index, each page
in exactly one shard, and one query in a real Chromium finds pages of every shard.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.search_index import SHARDS_FILE, shards

if TYPE_CHECKING:
    from conftest import Built

REPO = Path(__file__).parents[2]
SHARD_PAGES = 3


def fragments(index: Path) -> dict[str, dict[str, Any]]:
    """Pagefind's per-page records of one index folder, by URL (gzip, a signature, then JSON)."""
    found = {}
    for file in (index / "fragment").iterdir():
        data = gzip.decompress(file.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        record = json.loads(data[len(b"pagefind_dcd") :])
        found[record["url"]] = record
    return found


@given(st.integers(0, 500), st.integers(1, 60))
def test_shards_keep_order_and_size(count: int, shard_pages: int) -> None:
    pages = [Path(f"p{n:04}.html") for n in range(count)]
    groups = shards(pages, shard_pages)
    assert [p for group in groups for p in group] == pages
    assert all(len(group) <= shard_pages for group in groups)
    assert len(groups) == max(1, -(-count // shard_pages))
    assert max(map(len, groups)) - min(map(len, groups)) <= 1


@pytest.fixture(scope="module")
def sharded_site(
    tmp_path_factory: pytest.TempPathFactory,
    project_factory: Callable[..., Path],
    build_site: Callable[[Path, Path], Built],
) -> Built:
    project = project_factory(tmp_path_factory.mktemp("sharded"), REPO)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("      lang: id\n", f"      lang: id\n      search_shard_pages: {SHARD_PAGES}\n", 1),
        encoding="utf-8",
    )
    return build_site(project, project / "site")


def test_shards_hold_the_same_records_as_one_index(sharded_site: Built, shipped_site: Built) -> None:
    index = sharded_site.site / "pagefind"
    listed = json.loads((index / SHARDS_FILE).read_text(encoding="utf-8"))["merge"]
    on_disk = sorted(p.name + "/" for p in index.glob("shard-*"))
    assert sorted(listed) == on_disk and len(listed) > 1
    merged: dict[str, dict[str, Any]] = {}
    for folder in ["", *listed]:
        records = fragments(index / folder)
        assert 0 < len(records) <= SHARD_PAGES
        assert not set(records) & set(merged), "a page indexed in two shards"
        merged |= records
    whole = fragments(shipped_site.site / "pagefind")
    assert {u: r["content"] for u, r in merged.items()} == {u: r["content"] for u, r in whole.items()}
    single = json.loads((shipped_site.site / "pagefind" / SHARDS_FILE).read_text(encoding="utf-8"))
    assert single == {"merge": []}


@pytest.mark.browser
def test_one_query_searches_every_shard(sharded_site: Built, static_server: Any, chromium: Any) -> None:
    from playwright.sync_api import expect

    index = sharded_site.site / "pagefind"
    folders = ["", *json.loads((index / SHARDS_FILE).read_text(encoding="utf-8"))["merge"]]
    # Every page whose text names Sumedang, by the shard that holds it.
    wanted = {
        url: folder
        for folder in folders
        for url, record in fragments(index / folder).items()
        if "Sumedang" in record["content"]
    }
    assert len(set(wanted.values())) > 2, "the query should reach several shards"
    outside: list[str] = []
    with static_server(sharded_site.site) as base:
        context = chromium.new_context(service_workers="block")
        page = context.new_page()
        page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(base) else None)
        page.goto(base + "cari/")
        page.locator(".pagefind-ui__search-input").fill("Sumedang")
        results = page.locator(".pagefind-ui__result-link")
        expect(results.first).to_be_visible(timeout=10_000)
        more = page.locator(".pagefind-ui__button")
        while more.count() and more.is_visible():
            more.click()
        page.wait_for_load_state("networkidle")
        found = {
            href.removeprefix(base.rstrip("/")) for href in results.evaluate_all("a => a.map(x => x.href)")
        }
        context.close()
    assert outside == []
    assert set(wanted) <= found

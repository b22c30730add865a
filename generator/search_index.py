"""The Pagefind search index, written in shards so that the indexer's memory stays bounded.

Pagefind holds every page it indexes in memory until it writes the index: about 125 KB a page,
3.3 GB for a national catalogue. Indexing at most `shard_pages` pages per run keeps its peak near
`shard_pages` × 125 KB whatever the catalogue's size; the search box merges the shards in the
browser (Pagefind's `mergeIndex`), so one query still searches every page.

The first shard is written to `pagefind/` (with Pagefind's scripts), the others to
`pagefind/shard-N/`; `pagefind/shards.json` lists those for the search box.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

# What marks a page Pagefind indexes (overrides/main.html); pages without it are left out.
MARKER = "data-pagefind-body"
OUTPUT = "pagefind"
SHARDS_FILE = "shards.json"
# About 750 MB of Pagefind's memory at 30,000 innovations (~125 KB a page, measured).
DEFAULT_SHARD_PAGES = 6000


class SearchIndexError(RuntimeError):
    """Pagefind failed; the message carries its output."""


def indexed_pages(site: Path) -> list[Path]:
    """The built pages that ask to be indexed, in path order (the index's own folder excluded)."""
    output, marker = site / OUTPUT, MARKER.encode()
    return sorted(
        page for page in site.rglob("*.html") if output not in page.parents and marker in page.read_bytes()
    )


def shards(pages: list[Path], shard_pages: int) -> list[list[Path]]:
    """`pages` in at most `shard_pages`-sized runs of nearly equal length (path order kept)."""
    count = max(1, math.ceil(len(pages) / shard_pages))
    size, extra = divmod(len(pages), count)
    out, start = [], 0
    for n in range(count):
        end = start + size + (1 if n < extra else 0)
        out.append(pages[start:end])
        start = end
    return out


def shard_folder(n: int) -> str:
    """Where shard `n` is written, relative to the index folder (the first shard at its root)."""
    return "" if n == 0 else f"shard-{n}/"


def index_site(site: Path, shard_pages: int = DEFAULT_SHARD_PAGES, pages: list[str] | None = None) -> int:
    """Index `site` into `site/pagefind/`; returns the number of shards written.

    `pages` are the site's pages that carry the marker, relative to `site`, when the build that
    wrote them has gathered them; else every page is read to find them (seconds per 10,000 pages).
    """
    output = site / OUTPUT
    if output.exists():
        shutil.rmtree(output)
    found = indexed_pages(site) if pages is None else sorted(site / page for page in set(pages))
    groups = shards(found, shard_pages)
    # The shard's pages are linked into a folder of their own at their own paths, so Pagefind
    # sees only them and gives each its URL in the site.
    with tempfile.TemporaryDirectory(prefix=".katalog-search-", dir=site.parent) as work:
        for n, group in enumerate(groups):
            root = Path(work) / str(n)
            root.mkdir()
            for page in group:
                _link(page, root / page.relative_to(site))
            _pagefind(root, output / shard_folder(n))
            shutil.rmtree(root)
    merge = [shard_folder(n) for n in range(1, len(groups))]
    (output / SHARDS_FILE).write_text(json.dumps({"merge": merge}) + "\n", encoding="utf-8")
    return len(groups)


def _link(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:  # another file system, or one without hard links
        shutil.copyfile(source, target)


def _pagefind(site: Path, output: Path) -> None:
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(output)]
    done = subprocess.run([*command, "--silent"], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SearchIndexError(f"Pagefind failed to index the site:\n{done.stdout}{done.stderr}")

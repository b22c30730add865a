"""How does the whole pipeline scale? Not a test: a script that prints a table.

    .venv/bin/python benchmarks/bench_site.py                       # N = 1,000, 5,000, 30,000
    .venv/bin/python benchmarks/bench_site.py --sizes 1000 5000
    .venv/bin/python benchmarks/bench_site.py --sizes 30000 --shapes zipf/mixed/mixed steep/look-alike/long

`--shapes` names catalogue shapes as spread/titles/text (`katalog synthetic --help`; the module
docstring of generator/contrib/synthetic.py): the table has a column for each size of each shape.

For each N it writes a synthetic catalogue over the real regions (generator/contrib/synthetic.py), then
measures, in one run so that ratios hold on a noisy machine:

- `katalog check` of the whole catalogue as a command (with its review warnings and report), the
  check alone and page generation (build_pages) in this process;
- the full site build (`mkdocs build` with our plugin, including the search index), with its
  peak memory, in a child process; and the search index alone, from the built pages;
- the engine floor: a plain `mkdocs build` of the same generated Markdown and configuration
  without our plugin (no checking, no generation, no search index);
- the site's size, the largest page of each type, and what a first search for a common word
  downloads in Chromium (the search script and every index file fetched, gzip-compressed as a
  static host serves them), and the same word misspelt (found by its similar spellings).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, TextIO

import yaml

from generator.content.check import check
from generator.content.labels import labels
from generator.contrib.synthetic import Shape, write_synthetic_catalogue
from generator.quality.budgets import measure
from generator.quality.chromium import CHROMIUM, CHROMIUM_ARGS, missing_chromium
from generator.site.pages import build_pages
from generator.site.write import write_tree

REPO = Path(__file__).resolve().parents[1]
# A word on most innovation pages: the largest index chunk a query is likely to fetch.
FIRST_QUERY = "layanan"
# The same word misspelt (a letter doubled): the vocabulary chunks around it, then the postings of
# the words spelt almost alike, "pelayanan" among them.
TYPO_QUERY = "pelayanaan"
# Runs the build in a child and prints its wall time (without the interpreter's start).
_TIMED_BUILD = """
import sys, time
from mkdocs.__main__ import cli

start = time.perf_counter()
try:
    cli(sys.argv[1:], standalone_mode=False)
finally:
    print(f"BENCH {time.perf_counter() - start:.2f}", file=sys.stderr)
"""
# Starts a command and prints its wall time, its peak memory (the largest of its own and its
# workers') and its exit code. Linux counts into a child's peak the memory of the process that
# started it (the child begins as that process's copy), and this benchmark holds a catalogue of
# 30,000 by the time it builds: measured straight from here, every command "peaked" at the
# benchmark's own size. Started from this small process instead, each one counts only its own.
_LAUNCHER = """
import os, resource, subprocess, sys, time

start = time.perf_counter()
process = subprocess.Popen(sys.argv[1:])
_, status, _ = os.wait4(process.pid, 0)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(f"LAUNCHED {seconds:.3f} {peak} {os.waitstatus_to_exitcode(status)}", file=sys.stderr)
"""


def measured(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, float, str]:
    """Wall seconds and peak MiB of `command` (see `_LAUNCHER`), and what it wrote to stderr;
    its standard output is dropped. Raises when it fails."""
    launch = [sys.executable, "-c", _LAUNCHER, *command]
    done = subprocess.run(
        launch, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False
    )
    lines = done.stderr.splitlines()
    report = next((x for x in reversed(lines) if x.startswith("LAUNCHED ")), None)
    if report is None or report.split()[3] != "0":
        raise RuntimeError(f"{' '.join(command[:4])} … failed:\n{done.stderr[-3000:]}")
    _, seconds, kib, _ = report.split()
    return float(seconds), int(kib) / 1024, done.stderr


def timed_build(project: Path, config: str, site: Path) -> tuple[float, float]:
    """Seconds of the build itself and peak MiB of `mkdocs build` in a child."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-c", _TIMED_BUILD, "build", "-q", "-f", config, "-d", str(site)]
    _, mib, errors = measured(command, project, env)
    line = next(x for x in errors.splitlines() if x.startswith("BENCH "))
    return float(line.split()[1]), mib


def timed_command(arguments: list[str], cwd: Path = REPO) -> tuple[float, float]:
    """Wall seconds and peak MiB of a `katalog` command in a child; its output is dropped."""
    seconds, mib, _ = measured(
        [sys.executable, "-c", "from generator.cli import run; run()", *arguments], cwd
    )
    return seconds, mib


def timed_check_command(project: Path) -> tuple[float, float]:
    """`katalog check` as a contributor runs it: the check, the review's warnings (duplicates,
    stale entries) and the report."""
    return timed_command(["check", "--root", str(project)])


def largest_region_record(project: Path) -> tuple[Path, int]:
    """The first record file of the region with the most innovations, and how many it has."""
    counts = {folder: len(list(folder.glob("*.yml"))) for folder in (project / "innovations").iterdir()}
    folder = max(sorted(counts), key=counts.__getitem__)
    return sorted(folder.glob("*.yml"))[0], counts[folder]


def timed_preview(project: Path, record: Path, out: Path) -> tuple[float, float]:
    """`katalog preview` of one record, first run (nothing of an earlier preview kept)."""
    return timed_command(["preview", str(record.relative_to(project)), "--out", str(out)], cwd=project)


_INDEX = "import sys; from pathlib import Path; from generator.search.search_index import index_site; index_site(Path(sys.argv[1]))"


def timed_search_index(site: Path) -> tuple[float, float]:
    """Wall seconds and peak MiB of indexing the built site again, reading every page from disk
    (as a `--dirty` build does; a full build reads each page as it writes it)."""
    seconds, mib, _ = measured([sys.executable, "-c", _INDEX, str(site)], REPO)
    return seconds, mib


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def first_search_bytes(site: Path, query: str = FIRST_QUERY) -> int:
    """What a first search downloads in Chromium: every file of the index it fetches, gzipped.

    Counted as a static host serves text: gzip-compressed.
    """
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    sizes: list[int] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()

            def keep(response: Any) -> None:
                wanted = "/search-index/" in response.url or response.url.endswith("/search.js")
                if wanted and response.ok:
                    body = response.body()
                    sizes.append(min(len(body), len(gzip.compress(body))))

            page.on("response", keep)
            page.goto(base + "cari/")
            page.locator(".kid-search__input").fill(query)
            page.locator(".kid-search__title").first.wait_for(timeout=60_000)
            page.wait_for_load_state("networkidle")
            browser.close()
    finally:
        server.shutdown()
    return sum(sizes)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


PLAIN_THEME_HOOK = """def on_env(env, config, files):
    env.globals["katalog_shared"] = lambda part, page, base_url, render: render()
    return env
"""


def plain_project(project: Path, pages: dict[str, str], target: Path) -> None:
    """The same Markdown and theme configuration, for MkDocs without our plugin."""
    docs = target / "docs"
    shutil.copytree(project / "docs", docs)
    write_tree(pages, docs)
    shutil.copytree(project / "overrides", target / "overrides")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    start = config.index("\nplugins:")
    end = config.index("\nmarkdown_extensions:")
    # The theme overrides read their labels from `extra`, which the plugin otherwise fills in.
    extra = yaml.safe_dump(
        {"extra": {"labels": {k: v["id"] for k, v in labels().items()}}}, allow_unicode=True
    )
    # The theme overrides ask the plugin for the parts it renders once (generator/engine/shared_parts.py);
    # here Material renders each of them for every page, as it does on its own.
    (target / "plain_theme.py").write_text(PLAIN_THEME_HOOK, encoding="utf-8")
    hooks = "hooks:\n  - plain_theme.py\n"
    plain = config[:start] + "\nplugins: []\n" + hooks + extra + config[end:]
    (target / "mkdocs.yml").write_text(plain, encoding="utf-8")


def run(n: int, work: Path, shape: Shape | None = None) -> dict[str, object]:
    shape = shape or Shape()
    project = work / f"n{n}-{shape.name.replace('/', '-')}"
    write_synthetic_catalogue(REPO, project, n, seed=n, shape=shape)
    for name in ("mkdocs.yml", "overrides", "docs"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, project / name)

    command_seconds, command_mib = timed_check_command(project)
    record, region_size = largest_region_record(project)
    preview_seconds, preview_mib = timed_preview(project, record, work / f"preview-{project.name}")
    start = time.perf_counter()
    result = check(project)
    check_seconds = time.perf_counter() - start
    assert result.catalogue is not None, "the synthetic catalogue must pass the checker"
    start = time.perf_counter()
    pages = build_pages(result.catalogue)
    pages_seconds = time.perf_counter() - start

    site = work / f"site-{project.name}"
    build_seconds, build_mib = timed_build(project, "mkdocs.yml", site)
    search_seconds, search_mib = timed_search_index(site)
    plain = work / f"plain-{project.name}"
    plain_project(project, pages, plain)
    files, page_count = result.files, len(pages)
    del pages, result  # the plain build's memory is measured next: hold no pages here
    plain_seconds, plain_mib = timed_build(plain, "mkdocs.yml", work / f"plain-site-{project.name}")

    report = measure(site)
    largest = {kind: page.html_bytes for kind, page in report.largest().items()}
    return {
        "n": n,
        "shape": shape.name,
        "files": files,
        "pages": page_count,
        "command_s": command_seconds,
        "command_mib": command_mib,
        "region_size": region_size,
        "preview_s": preview_seconds,
        "preview_mib": preview_mib,
        "check_s": check_seconds,
        "pages_s": pages_seconds,
        "build_s": build_seconds,
        "build_mib": build_mib,
        "search_s": search_seconds,
        "search_mib": search_mib,
        "plain_s": plain_seconds,
        "plain_mib": plain_mib,
        "site_mib": folder_bytes(site) / 2**20,
        "search_kib": first_search_bytes(site) / 1024,
        "typo_kib": first_search_bytes(site, TYPO_QUERY) / 1024,
        "largest": largest,
        "over_budget": len(report.over),
    }


def print_table(rows: list[dict[str, object]], out: TextIO = sys.stdout) -> None:
    columns = [
        ("N innovations", "n", "{:,}"),
        ("record files", "files", "{:,}"),
        ("generated pages", "pages", "{:,}"),
        ("`katalog check`, the command (s)", "command_s", "{:.1f}"),
        ("`katalog check` peak memory (MiB)", "command_mib", "{:,.0f}"),
        ("largest region (innovations)", "region_size", "{:,}"),
        ("`katalog preview` of a record there (s)", "preview_s", "{:.1f}"),
        ("`katalog preview` peak memory (MiB)", "preview_mib", "{:,.0f}"),
        ("check() alone, in process (s)", "check_s", "{:.1f}"),
        ("page generation (s)", "pages_s", "{:.1f}"),
        ("full build incl. search (s)", "build_s", "{:.1f}"),
        ("full build peak memory (MiB)", "build_mib", "{:,.0f}"),
        ("search indexing alone (s)", "search_s", "{:.1f}"),
        ("search indexing peak memory (MiB)", "search_mib", "{:,.0f}"),
        ("plain mkdocs build, same pages (s)", "plain_s", "{:.1f}"),
        ("plain build peak memory (MiB)", "plain_mib", "{:,.0f}"),
        ("full / plain build time", None, ""),
        ("site size (MiB)", "site_mib", "{:,.1f}"),
        ("first search download, gzip (KiB)", "search_kib", "{:,.0f}"),
        ("first search, misspelt word, gzip (KiB)", "typo_kib", "{:,.0f}"),
        ("pages over budget", "over_budget", "{}"),
    ]
    width = max(len(c[0]) for c in columns)
    print(
        "| " + "measure".ljust(width) + " | " + " | ".join(f"N={r['n']:,} {r['shape']}" for r in rows) + " |",
        file=out,
    )
    print("|" + "-" * (width + 2) + "|" + "|".join("---:" for _ in rows) + "|", file=out)
    for title, key, fmt in columns:
        if key is None:
            cells = [f"{r['build_s'] / r['plain_s']:.2f}" for r in rows]  # type: ignore[operator]
        else:
            cells = [fmt.format(r[key]) for r in rows]
        print(f"| {title.ljust(width)} | " + " | ".join(cells) + " |", file=out)
    kinds = sorted({k for r in rows for k in r["largest"]})  # type: ignore[attr-defined]
    for kind in kinds:
        cells = [f"{r['largest'].get(kind, 0) / 1024:.1f}" for r in rows]  # type: ignore[attr-defined]
        print(f"| {('largest ' + kind + ' page (KiB)').ljust(width)} | " + " | ".join(cells) + " |", file=out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 5_000, 30_000])
    parser.add_argument(
        "--shapes", nargs="+", default=["zipf/mixed/mixed"], help="catalogue shapes: spread/titles/text"
    )
    parser.add_argument("--keep", type=Path, help="work folder to keep (default: a temporary one)")
    args = parser.parse_args()
    try:
        shapes = [Shape(*name.split("/")) for name in args.shapes]
    except (TypeError, ValueError) as error:
        parser.error(f"--shapes: {error}")
    # The first search is measured in Chromium, at the end of each size: say so before the builds.
    problem = missing_chromium()
    if problem is not None:
        parser.error(problem)
    work = args.keep or Path(tempfile.mkdtemp(prefix="katalog-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}", flush=True)
    rows = []
    try:
        for shape in shapes:
            for n in args.sizes:
                rows.append(run(n, work, shape))
                print(f"... N={n:,} {shape.name} done", file=sys.stderr, flush=True)
                print_table(rows, sys.stderr)  # so far: a long run that fails later keeps these
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    print_table(rows)


if __name__ == "__main__":
    main()

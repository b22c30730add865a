"""How long does a rebuild after one edit take? Not a test: a script that prints a table.

    .venv/bin/python benchmarks/bench_incremental.py --n 30000
    .venv/bin/python benchmarks/bench_incremental.py --n 30000 --shape steep/look-alike/long

Writes a synthetic catalogue of N innovations (generator/contrib/synthetic.py), then times, in one run:

- a first `mkdocs build --dirty` (no saved state yet: a clean build that also saves the state);
- the same again with nothing changed, as a CI run whose cache restored the site and the state;
- the same after one innovation's title changed (its page and the pages that list it);
- under `mkdocs serve --dirty`, the rebuild after one more edit of the title, then of the
  description: from saving the file to the log line that reports the rebuilt pages;
- `katalog preview` of one innovation (its page and its region's pages that list it), in the region
  with the most innovations and in one with few, and of an agreement: each run twice, the second
  time with the files in the operating system's cache.

The search index and the open-data files are written in full by every build (the index reads
only the pages the build wrote, taking the others' words from the last build); they are part of
the figures.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generator.contrib.synthetic import Shape, write_synthetic_catalogue

REPO = Path(__file__).resolve().parents[1]
_CHANGED = re.compile(r"incremental build: (\d+) of (\d+) pages changed")
_REBUILT = re.compile(r"rebuilt (\d+) changed page")


def timed(project: Path, *args: str) -> tuple[float, str]:
    """Seconds of `python ARGS` in `project`, and what it printed on stderr."""
    seconds, done = _run(project, sys.executable, *args)
    return seconds, done.stderr


def timed_command(project: Path, *command: str) -> tuple[float, str]:
    """Seconds of `COMMAND` in `project`, and what it printed on stdout."""
    seconds, done = _run(project, *command)
    return seconds, done.stdout


def _run(project: Path, *command: str) -> tuple[float, subprocess.CompletedProcess[str]]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    done = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{command} failed:\n{done.stderr[-3000:]}")
    return seconds, done


def serve_rebuilds(project: Path, edited: Path) -> list[tuple[str, float, str]]:
    """Seconds from saving `edited` to `mkdocs serve --dirty` reporting its rebuild: after a new
    title (which moves the innovation in every listing ordered by title), then after a new
    description (shown on its own page only)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", "127.0.0.1:8765"]
    server = subprocess.Popen(command, cwd=project, env=env, stderr=subprocess.PIPE, text=True)
    assert server.stderr is not None
    edits = [
        ("serve --dirty: rebuild after a title edit", "title: ", "title: Lagi "),
        ("serve --dirty: rebuild after a description edit", "description: '", "description: 'Kini "),
    ]
    rows = []
    try:
        for line in server.stderr:
            if "Serving on" in line:
                break
        else:
            raise RuntimeError("mkdocs serve ended before serving")
        for title, old, new in edits:
            text = edited.read_text(encoding="utf-8")
            assert old in text, (edited, old)
            start = time.perf_counter()
            edited.write_text(text.replace(old, new, 1), encoding="utf-8")
            for line in server.stderr:
                if "katalog: rebuilt" in line:
                    rows.append((title, time.perf_counter() - start, line.strip()))
                    break
            else:
                raise RuntimeError("mkdocs serve ended before rebuilding")
    finally:
        server.terminate()
        server.wait()
    return rows


def preview_rows(project: Path) -> list[tuple[str, float, str]]:
    """`katalog preview` of an innovation in the largest and the smallest region, and of an agreement."""
    sizes = sorted((len(list(f.glob("*.yml"))), f.name) for f in (project / "innovations").iterdir())
    picks = [
        (f"katalog preview: innovation in a region of {count:,} innovations", name)
        for count, name in (sizes[-1], sizes[0])
    ]
    files = [(title, min((project / "innovations" / name).glob("*.yml"))) for title, name in picks]
    files.append(("katalog preview: agreement", min((project / "agreements").glob("*.yml"))))
    katalog = Path(sys.executable).parent / "katalog"
    rows = []
    for title, file in files:
        # Twice: the first run also reads the files from disk, as after a checkout.
        runs = [timed_command(project, str(katalog), "preview", str(file.relative_to(project))) for _ in "12"]
        (first, _), (seconds, log) = runs
        rows.append((title, seconds, f"{len(log.splitlines()) - 1} pages (first run {first:.1f} s)"))
    return rows


def changed_pages(log: str) -> str:
    found = _CHANGED.search(log) or _REBUILT.search(log)
    return " of ".join(found.groups()) if found else "all"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=30_000)
    parser.add_argument("--shape", default="zipf/mixed/mixed", help="catalogue shape: spread/titles/text")
    parser.add_argument("--keep", type=Path, help="work folder to keep (default: a temporary one)")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="katalog-bench-"))
    project = work / f"n{args.n}"
    try:
        write_synthetic_catalogue(REPO, project, args.n, seed=args.n, shape=Shape(*args.shape.split("/")))
        for name in ("mkdocs.yml", "overrides", "docs"):
            source = REPO / name
            (shutil.copytree if source.is_dir() else shutil.copy2)(source, project / name)
        build = ["-m", "mkdocs", "build"]
        rows = [("first --dirty build (no state: a clean build)", *timed(project, *build, "--dirty"))]
        rows.append(("--dirty build, nothing changed", *timed(project, *build, "--dirty")))
        innovations = sorted((project / "innovations").rglob("*.yml"))
        edited = innovations[len(innovations) // 2]
        text = edited.read_text(encoding="utf-8")
        edited.write_text(text.replace("title: ", "title: Diperbarui ", 1), encoding="utf-8")
        rows.append(("--dirty build after one edit", *timed(project, *build, "--dirty")))
        rows += serve_rebuilds(project, edited)
        rows += preview_rows(project)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}; N={args.n:,}")
    print("| step | seconds | pages rebuilt |")
    print("|---|---:|---|")
    for title, seconds, log in rows:
        pages = changed_pages(log) if "dirty" in title else log
        print(f"| {title} | {seconds:.1f} | {pages} |")


if __name__ == "__main__":
    main()

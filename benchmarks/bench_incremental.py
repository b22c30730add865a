"""How long does a rebuild after one edit take? Not a test: a script that prints a table.

    .venv/bin/python benchmarks/bench_incremental.py --n 30000

Writes a synthetic catalogue of N innovations (generator/synthetic.py), then times, in one run:

- a clean `mkdocs build` (the reference);
- a first `mkdocs build --dirty` (no saved state yet: everything is built and the state saved);
- the same again with nothing changed, as a CI run whose cache restored the site and the state;
- the same after one innovation's title changed (its page and the pages that list it).

Search indexing and the open-data files are rebuilt in full by every build; they are part of the
figures.
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

from generator.synthetic import write_synthetic_catalogue

REPO = Path(__file__).resolve().parents[1]
_CHANGED = re.compile(r"incremental build: (\d+) of (\d+) pages changed")


def timed(project: Path, *args: str) -> tuple[float, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, *args], cwd=project, env=env, capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{args} failed:\n{done.stderr[-3000:]}")
    return seconds, done.stderr


def changed_pages(log: str) -> str:
    found = _CHANGED.search(log)
    return f"{found[1]} of {found[2]}" if found else "all"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=30_000)
    parser.add_argument("--keep", type=Path, help="work folder to keep (default: a temporary one)")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="katalog-bench-"))
    project = work / f"n{args.n}"
    try:
        write_synthetic_catalogue(REPO, project, args.n, seed=args.n)
        for name in ("mkdocs.yml", "overrides", "docs"):
            source = REPO / name
            (shutil.copytree if source.is_dir() else shutil.copy2)(source, project / name)
        build = ["-m", "mkdocs", "build", "-q"]
        rows = [("clean build", *timed(project, *build, "-d", str(work / "clean-site")))]
        rows.append(("first --dirty build (no state)", *timed(project, *build, "--dirty")))
        rows.append(("--dirty build, nothing changed", *timed(project, *build, "--dirty")))
        edited = sorted((project / "innovations").rglob("*.yml"))[len(rows) * 97]
        text = edited.read_text(encoding="utf-8")
        edited.write_text(text.replace("title: ", "title: Diperbarui ", 1), encoding="utf-8")
        rows.append(("--dirty build after one edit", *timed(project, *build, "--dirty")))
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}; N={args.n:,}")
    print("| step | seconds | pages rebuilt |")
    print("|---|---:|---|")
    for title, seconds, log in rows:
        print(f"| {title} | {seconds:.1f} | {changed_pages(log) if 'dirty' in title else ''} |")


if __name__ == "__main__":
    main()

"""What does watching the content folders cost while nothing changes? Not a test: a script that
prints a table.

    .venv/bin/python benchmarks/bench_watch.py --n 30000

Writes a synthetic catalogue of N innovations (generator/contrib/synthetic.py), then watches its
`innovations/` folder for some seconds in this process, first as `mkdocs serve` itself would
(watchdog's polling observer, every half second), then through the system's file events (the
platform's observer, as `generator/engine/content_watch.py` does), and prints the CPU time each took.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

from generator.contrib.synthetic import write_synthetic_catalogue

REPO = Path(__file__).resolve().parents[1]
# MkDocs' LiveReloadServer polls every half second.
MKDOCS_POLLING_INTERVAL = 0.5


def cpu_seconds(make: Callable[[], BaseObserver], folder: Path, seconds: float) -> float:
    """CPU seconds this process spends while `make()`'s observer watches `folder` for `seconds`."""
    observer = make()
    observer.schedule(FileSystemEventHandler(), str(folder), recursive=True)
    start = time.process_time()
    observer.start()
    time.sleep(seconds)
    observer.stop()
    observer.join()
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=30_000, help="innovations (default 30,000)")
    parser.add_argument("--seconds", type=float, default=20, help="how long each observer watches")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="katalog-watch-") as work:
        project = Path(work) / f"n{args.n}"
        write_synthetic_catalogue(REPO, project, args.n, seed=args.n)
        folder = project / "innovations"
        files = sum(1 for _ in folder.rglob("*.yml"))
        rows = [
            (
                f"polling every {MKDOCS_POLLING_INTERVAL} s (MkDocs)",
                cpu_seconds(lambda: PollingObserver(timeout=MKDOCS_POLLING_INTERVAL), folder, args.seconds),
            ),
            (
                f"the system's file events ({type(Observer()).__name__})",
                cpu_seconds(Observer, folder, args.seconds),
            ),
        ]
    print(f"python {sys.version.split()[0]}; {files:,} files under innovations/; {args.seconds:g} s each")
    print("| watching | CPU seconds |")
    print("|---|---:|")
    for title, seconds in rows:
        print(f"| {title} | {seconds:.2f} |")


if __name__ == "__main__":
    main()

"""Build the pages of one MkDocs build as a stream, in several processes (MkDocs 1.6 has neither).

MkDocs first reads and renders every page's Markdown, keeping them all in memory, then writes
every page. At national scale that is gigabytes, and 95% of the time goes to per-page work on one
core. Here each page outside the navigation is read, rendered and written in one go, and then
let go; and after MkDocs has gathered the files and the navigation (the `on_nav` event) the build
forks, so that every process reads and writes only its share of the pages while the parent also
writes the theme's files, then waits for its children before the post-build steps (search index,
exports). Pages in the navigation are read up front by every process, as MkDocs does, because
every page shows their titles.

Each page is written by exactly one process, so the site is byte-identical to a one-process build.
A child's warnings and errors go to the same log; a child that logged any makes the build fail.
"""

from __future__ import annotations

import logging
import os
import pickle
import shutil
import signal
import sys
import tempfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import mkdocs.commands.build as mkdocs_build

log = logging.getLogger("mkdocs.plugins.katalog")


class _Counter(logging.Handler):
    """Counts the warnings and errors a child logs (MkDocs' strict mode would count them)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class ParallelBuild:
    """Streams the page work of the current build, split between `jobs` processes (1: no fork)."""

    def __init__(self, jobs: int, shared: frozenset[str]) -> None:
        self.jobs = jobs
        # Pages every process reads up front (the navigation's): their titles appear on every page.
        self.shared = shared
        self.share = 0
        self.children: list[int] = []
        self.counter: _Counter | None = None
        self.files: Any = None
        # Where children leave what they hand back to the parent (see `finish`).
        self.outbox = ""
        self._originals: dict[str, Callable[..., Any]] = {}

    def _writer(self, src_uri: str) -> int:
        """The process that writes a page: the parent for navigation pages, else by hash."""
        if src_uri in self.shared:
            return 0
        return zlib.crc32(src_uri.encode("utf-8")) % self.jobs

    def start(self, files: Any) -> None:
        """Fork the children (called from `on_nav`); afterwards each process knows its share."""
        self.files = files
        self.outbox = tempfile.mkdtemp(prefix="katalog-build-")
        sys.stdout.flush()
        sys.stderr.flush()
        for share in range(1, self.jobs):
            pid = os.fork()
            if pid == 0:
                self.share = share
                self.children = []
                self.counter = _Counter()
                logging.getLogger("mkdocs").addHandler(self.counter)
                # Theme files and static assets are the parent's to write.
                files.copy_static_files = lambda *args, **kwargs: None
                break
            self.children.append(pid)
        self._patch()

    @property
    def is_child(self) -> bool:
        return self.share != 0

    def _patch(self) -> None:
        populate = mkdocs_build._populate_page
        build_page = mkdocs_build._build_page
        self._originals = {"_populate_page": populate, "_build_page": build_page}

        def populate_shared(page: Any, config: Any, files: Any, dirty: bool = False) -> None:
            # Even when a dirty build leaves the page as it is: every page shows its title.
            if page.file.src_uri in self.shared:
                populate(page, config, files)

        def populate_and_build(
            page: Any,
            config: Any,
            doc_files: Any,
            nav: Any,
            env: Any,
            dirty: bool = False,
            excluded: bool = False,
        ) -> None:
            src = page.file.src_uri
            if self._writer(src) != self.share or (dirty and not page.file.is_modified()):
                return
            if src in self.shared:
                build_page(page, config, doc_files, nav, env, dirty, excluded)
                return
            populate(page, config, self.files)
            try:
                build_page(page, config, doc_files, nav, env, dirty, excluded)
            finally:
                # The written page is done with: keep only what link checks read afterwards.
                page.markdown = page.content = None

        mkdocs_build._populate_page = populate_shared
        mkdocs_build._build_page = populate_and_build
        if self.is_child:
            mkdocs_build._build_theme_template = lambda *args, **kwargs: None
            mkdocs_build._build_extra_template = lambda *args, **kwargs: None

    def restore(self) -> None:
        """Put MkDocs' own functions back (after the build, or when it failed)."""
        for name, original in self._originals.items():
            setattr(mkdocs_build, name, original)
        self._originals = {}

    def abort(self) -> None:
        """The build failed: a child leaves at once; the parent stops its children and waits."""
        if self.is_child:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(1)
        self.restore()
        for pid in self.children:
            os.kill(pid, signal.SIGTERM)
            os.waitpid(pid, 0)
        self.children = []
        shutil.rmtree(self.outbox, ignore_errors=True)

    def finish(self, found: list[Any]) -> list[Any]:
        """In a child: hand `found` (what this process collected) to the parent and leave now,
        reporting failure if it logged a warning. In the parent: wait for the children, and
        return its own `found` followed by theirs."""
        if self.is_child:
            # Pickle: the parent reads only what its own children wrote, into its private folder.
            (Path(self.outbox) / f"{self.share}.pickle").write_bytes(pickle.dumps(found))
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(1 if self.counter and self.counter.count else 0)
        self.restore()
        failed = 0
        for pid in self.children:
            _, status = os.waitpid(pid, 0)
            failed += os.waitstatus_to_exitcode(status) != 0
        self.children = []
        collected = list(found)
        for share in range(1, self.jobs):
            handed = Path(self.outbox) / f"{share}.pickle"
            if handed.is_file():
                collected += pickle.loads(handed.read_bytes())
        shutil.rmtree(self.outbox, ignore_errors=True)
        if failed:
            raise RuntimeError(f"{failed} build process(es) reported warnings or errors (see above)")
        return collected

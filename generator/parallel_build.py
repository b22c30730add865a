"""Build the pages of one `mkdocs build` in several processes (MkDocs 1.6 has no such option).

Reading Markdown and rendering the theme is about 95% of a build and each page is independent, so
after MkDocs has gathered the files and the navigation (the `on_nav` event) the build forks: every
process reads and writes only its share of the pages, and the parent also writes the theme's files,
then waits for its children before the post-build steps (search index, exports). Pages in the
navigation are read by every process, because every page shows their titles.

Each page is written by exactly one process, so the site is byte-identical to a one-process build.
A child's warnings and errors go to the same log; a child that logged any makes the build fail.
"""

from __future__ import annotations

import logging
import os
import sys
import zlib
from collections.abc import Callable
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
    """Splits the page work of the current build between `jobs` processes."""

    def __init__(self, jobs: int, shared: set[str]) -> None:
        self.jobs = jobs
        # Pages every process reads (the navigation's): their titles appear on every page.
        self.shared = shared
        self.share = 0
        self.children: list[int] = []
        self.counter: _Counter | None = None
        self._originals: dict[str, Callable[..., Any]] = {}

    def _writer(self, src_uri: str) -> int:
        """The process that writes a page: the parent for navigation pages, else by hash."""
        if src_uri in self.shared:
            return 0
        return zlib.crc32(src_uri.encode("utf-8")) % self.jobs

    def start(self, files: Any) -> None:
        """Fork the children (called from `on_nav`); afterwards each process knows its share."""
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

        def populate_share(page: Any, *args: Any, **kwargs: Any) -> None:
            src = page.file.src_uri
            if src in self.shared or self._writer(src) == self.share:
                populate(page, *args, **kwargs)

        def build_share(page: Any, *args: Any, **kwargs: Any) -> None:
            if self._writer(page.file.src_uri) == self.share:
                build_page(page, *args, **kwargs)

        mkdocs_build._populate_page = populate_share
        mkdocs_build._build_page = build_share
        if self.is_child:
            mkdocs_build._build_theme_template = lambda *args, **kwargs: None
            mkdocs_build._build_extra_template = lambda *args, **kwargs: None

    def finish(self) -> None:
        """In a child: leave now, reporting failure if it logged a warning. In the parent: wait."""
        if self.is_child:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(1 if self.counter and self.counter.count else 0)
        for name, original in self._originals.items():
            setattr(mkdocs_build, name, original)
        failed = 0
        for pid in self.children:
            _, status = os.waitpid(pid, 0)
            failed += os.waitstatus_to_exitcode(status) != 0
        self.children = []
        if failed:
            raise RuntimeError(f"{failed} build process(es) reported warnings or errors (see above)")

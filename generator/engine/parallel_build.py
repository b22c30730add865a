"""Build the pages of one MkDocs build as a stream, in several processes (MkDocs 1.6 has neither).

MkDocs first reads and renders every page's Markdown, keeping them all in memory, then writes
every page. At national scale that is gigabytes, and 95% of the time goes to per-page work on one
core. Here each page outside the navigation is read, rendered and written in one go, and then
let go; and after MkDocs has gathered the files and the navigation (the `on_nav` event) the build
forks, so that every process reads and writes only its share of the pages while the parent also
writes the theme's files, then waits for its children before the post-build steps (search index).
The processes take pages in small chunks, in the order MkDocs goes through them, from a counter
they share: a process that is busy with other work (the last child writes the open data first)
or meets slower pages simply takes fewer, and all finish within a chunk of each other. Pages in
the navigation are read up front by every process, as MkDocs does, because every page shows their
titles; the parent writes them.

Each page is written by exactly one process, so the site is byte-identical to a one-process build,
and the log says what one process's would: each child prints the warnings and errors of the pages
it wrote and hands them to the parent, which counts them where MkDocs counts its own (`--strict`
then fails, a build without it passes); a child renders the navigation's pages silently, as the
parent reports them. Links to anchors on other pages are checked by the parent, once every
process has rendered its pages (`anchor_links`).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
import shutil
import signal
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import mkdocs.commands.build as mkdocs_build
from mkdocs.exceptions import BuildError
from mkdocs.utils import CountHandler

from . import ENGINE, logger
from .anchor_links import AnchorLinks

log = logger()
# Pages a process takes at a time: a few tenths of a second of work, so that the processes finish
# close together, while taking the shared counter's lock stays rare.
CHUNK = 8


class _Warnings(logging.Handler):
    """Keeps the warnings and errors a child logs (printed there), for the parent to count."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        # Only what counting reads, in a form that pickles whatever the arguments were.
        fields = {"name": record.name, "levelno": record.levelno, "levelname": record.levelname}
        self.records.append(logging.makeLogRecord({**fields, "msg": record.getMessage()}))


def _count(records: list[logging.LogRecord]) -> None:
    """Count a child's warnings where MkDocs counts the parent's own, without printing them again."""
    for handler in logging.getLogger(ENGINE).handlers:
        if isinstance(handler, CountHandler):
            for record in records:
                if record.levelno >= handler.level:
                    handler.handle(record)  # type: ignore[no-untyped-call]


@contextmanager
def _silenced() -> Iterator[None]:
    """Nothing is logged inside (a child's rendering of a page the parent also renders)."""
    before = logging.root.manager.disable
    logging.disable(logging.CRITICAL)
    try:
        yield
    finally:
        logging.disable(before)


class _Claims:
    """Which pages this process writes: chunks of consecutive pages, in the order every process
    meets them, taken from a counter the forked processes share (None: one process, all pages)."""

    def __init__(self, jobs: int) -> None:
        self.next = multiprocessing.get_context("fork").Value("q", 0) if jobs > 1 else None
        self.position = 0
        self.start = self.end = 0

    def mine(self) -> bool:
        """Whether the next page is this process's to write."""
        if self.next is None:
            return True
        index = self.position
        self.position += 1
        if index >= self.end:
            # Everything below the counter is taken, and the counter is never below this page.
            with self.next.get_lock():
                self.start = self.next.value
                self.next.value += CHUNK
            self.end = self.start + CHUNK
        return self.start <= index


class ParallelBuild:
    """Streams the page work of the current build, split between `jobs` processes (1: no fork)."""

    def __init__(self, jobs: int, shared: frozenset[str], anchor_level: int) -> None:
        self.jobs = jobs
        # Pages every process reads up front (the navigation's): their titles appear on every page.
        self.shared = shared
        # With several processes, links to anchors are checked in the parent, at this log level
        # (`validation: anchors:`); one process leaves them to MkDocs.
        self.anchor_level = anchor_level
        self.anchor_links = AnchorLinks()
        self.share = 0
        self.claims = _Claims(1)
        # Pages this process wrote (the parent logs each process's count).
        self.written = 0
        self.children: list[int] = []
        self.warnings: _Warnings | None = None
        self.files: Any = None
        # Where children leave what they hand back to the parent (see `finish`).
        self.outbox = ""
        self._originals: dict[str, Callable[..., Any]] = {}

    def start(self, files: Any) -> None:
        """Fork the children (called from `on_nav`); afterwards each process knows its share."""
        self.files = files
        self.claims = _Claims(self.jobs)
        self.outbox = tempfile.mkdtemp(prefix="katalog-build-")
        sys.stdout.flush()
        sys.stderr.flush()
        for share in range(1, self.jobs):
            pid = os.fork()
            if pid == 0:
                self.share = share
                self.children = []
                self.warnings = _Warnings()
                logging.getLogger(ENGINE).addHandler(self.warnings)
                # Theme files and static assets are the parent's to write.
                files.copy_static_files = lambda *args, **kwargs: None
                break
            self.children.append(pid)
        self._patch()

    @property
    def is_child(self) -> bool:
        return self.share != 0

    @property
    def writes_side_files(self) -> bool:
        """Whether this process writes what is not a page (the last child, else the parent): it
        then takes fewer pages."""
        return self.share == self.jobs - 1

    def _patch(self) -> None:
        populate = mkdocs_build._populate_page
        build_page = mkdocs_build._build_page
        self._originals = {"_populate_page": populate, "_build_page": build_page}

        def populate_shared(page: Any, config: Any, files: Any, dirty: bool = False) -> None:
            # Even when a dirty build leaves the page as it is: every page shows its title.
            if page.file.src_uri in self.shared:
                if self.is_child:
                    with _silenced():
                        populate(page, config, files)
                else:
                    populate(page, config, files)
                self._take_anchor_links(page)

        def populate_and_build(
            page: Any,
            config: Any,
            doc_files: Any,
            nav: Any,
            env: Any,
            dirty: bool = False,
            excluded: bool = False,
        ) -> None:
            if page.file.src_uri in self.shared:
                if not self.is_child and not (dirty and not page.file.is_modified()):
                    build_page(page, config, doc_files, nav, env, dirty, excluded)
                return
            # Taken before asking whether a dirty build writes the page: a hand-written page is
            # modified while its HTML is older than its source, and another process may be writing
            # that HTML just now. All processes must count the same pages.
            if not self.claims.mine() or (dirty and not page.file.is_modified()):
                return
            self.written += 1
            populate(page, config, self.files)
            try:
                build_page(page, config, doc_files, nav, env, dirty, excluded)
            finally:
                # The written page is done with: keep only what link checks read afterwards.
                page.markdown = page.content = None
                self._take_anchor_links(page)

        mkdocs_build._populate_page = populate_shared
        mkdocs_build._build_page = populate_and_build
        if self.is_child:
            mkdocs_build._build_theme_template = lambda *args, **kwargs: None
            mkdocs_build._build_extra_template = lambda *args, **kwargs: None

    def _take_anchor_links(self, page: Any) -> None:
        if self.jobs > 1:
            self.anchor_links.take(page)

    def restore(self) -> None:
        """Put MkDocs' own functions back (after the build, or when it failed)."""
        for name, original in self._originals.items():
            setattr(mkdocs_build, name, original)
        self._originals = {}

    def abort(self, error: BaseException) -> None:
        """The build failed with `error`: a child says why (MkDocs would, after this hook, in the
        process that goes on) and leaves at once; the parent stops its children and waits."""
        if self.is_child:
            if isinstance(error, BuildError):
                log.error(str(error))
            else:
                traceback.print_exception(error)
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
        """In a child: hand `found` (what this process collected), its warnings and its pages'
        anchors to the parent, and leave now. In the parent: wait for the children, count their
        warnings, check the links to anchors, and return its own `found` followed by theirs."""
        if self.is_child:
            warnings = self.warnings.records if self.warnings else []
            outgoing = (self.written, found, warnings, self.anchor_links)
            # Pickle: the parent reads only what its own children wrote, into its private folder.
            (Path(self.outbox) / f"{self.share}.pickle").write_bytes(pickle.dumps(outgoing))
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(0)
        self.restore()
        failed = 0
        for pid in self.children:
            _, status = os.waitpid(pid, 0)
            failed += os.waitstatus_to_exitcode(status) != 0
        self.children = []
        collected = list(found)
        written = [self.written]
        for share in range(1, self.jobs):
            handed = Path(self.outbox) / f"{share}.pickle"
            if handed.is_file():
                count, theirs, warnings, anchor_links = pickle.loads(handed.read_bytes())
                written.append(count)
                collected += theirs
                _count(warnings)
                self.anchor_links.add(anchor_links)
        shutil.rmtree(self.outbox, ignore_errors=True)
        if self.jobs > 1:
            log.info("katalog: pages written by each process: %s", ", ".join(map(str, written)))
        if failed:
            raise RuntimeError(f"{failed} build process(es) failed (see above)")
        if self.jobs > 1:
            pages = (file.src_uri for file in self.files.documentation_pages())
            self.anchor_links.check(pages, self.anchor_level)
        return collected

"""The content folders under `mkdocs serve`, watched through the system's file events.

MkDocs polls what it watches: every half second it lists each watched folder again and compares.
The content folders hold one file per record; at 30,000 innovations one listing takes 0.4 s of
Python in the server's process. Polling then kept about half a core busy while nothing changed,
and held the interpreter's lock against the rebuild itself, which took twice as long. The
system's file events (inotify on Linux, FSEvents on macOS, ReadDirectoryChangesW on Windows: the
observer watchdog picks for the platform) cost nothing while nothing changes, and tell at once.

Only what changes a file asks for a rebuild: the system also tells when a file is opened or
read, and every rebuild reads the files that changed.

A folder the system will not watch (Linux's limit on inotify watches) is left to MkDocs' polling.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from watchdog.events import (
    EVENT_TYPE_CREATED,
    EVENT_TYPE_DELETED,
    EVENT_TYPE_MODIFIED,
    EVENT_TYPE_MOVED,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver

from . import logger

log = logger()
# A file's being opened, read, closed or having its access time set changes nothing in it.
_CHANGES = frozenset({EVENT_TYPE_CREATED, EVENT_TYPE_DELETED, EVENT_TYPE_MODIFIED, EVENT_TYPE_MOVED})


class ContentWatch:
    """The observer of the content folders for one `mkdocs serve`."""

    def __init__(self) -> None:
        self.observer: BaseObserver | None = None

    def start(self, server: Any, folders: Iterable[Path]) -> None:
        """Have `server` (MkDocs' LiveReloadServer, before it serves) rebuild when a file in one of
        `folders` changes."""
        observer = Observer()
        observer.start()
        self.observer = observer
        polling = server.observer
        for folder in folders:
            if not _watchable(observer, folder):
                server.watch(str(folder))
                continue
            # `watch` schedules MkDocs' own rebuild on `server.observer`: on this one, for a moment.
            server.observer = _FilteringObserver(observer)
            try:
                server.watch(str(folder))
            finally:
                server.observer = polling

    def stop(self) -> None:
        if self.observer is not None:
            self.observer.stop()
            self.observer.join(timeout=5)
            self.observer = None


class _ChangeFilter(FileSystemEventHandler):
    """Passes on to `handler` the events that change a file."""

    def __init__(self, handler: FileSystemEventHandler) -> None:
        self.handler = handler

    def dispatch(self, event: FileSystemEvent) -> None:
        if event.event_type in _CHANGES:
            self.handler.dispatch(event)


class _FilteringObserver:
    """Stands for the server's observer while MkDocs' `watch` schedules its handler."""

    def __init__(self, observer: BaseObserver) -> None:
        self.observer = observer

    def schedule(self, handler: FileSystemEventHandler, path: str, recursive: bool = False) -> Any:
        return self.observer.schedule(_ChangeFilter(handler), path, recursive=recursive)


def _watchable(observer: BaseObserver, folder: Path) -> bool:
    """Whether the system watches `folder` for `observer` (tried, then let go)."""
    try:
        trial = observer.schedule(FileSystemEventHandler(), str(folder), recursive=True)
    except OSError as error:
        log.info("katalog: %s is polled for changes: the system would not watch it (%s)", folder, error)
        return False
    observer.unschedule(trial)
    return True

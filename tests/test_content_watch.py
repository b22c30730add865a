"""Under `mkdocs serve`, the content folders are watched through the system's file events, not polled."""

from __future__ import annotations

import errno
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from mkdocs.livereload import LiveReloadServer
from watchdog.observers.api import BaseObserver

from generator.engine.content_watch import ContentWatch


@pytest.fixture
def server(tmp_path: Path) -> Iterator[LiveReloadServer]:
    # Made, never bound nor served: only its watching is used.
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path / "site"))
    try:
        yield server
    finally:
        server.server_close()


def _folders(tmp_path: Path) -> list[Path]:
    folders = [tmp_path / "innovations" / "kabupaten-sumedang", tmp_path / "regions"]
    for folder in folders:
        folder.mkdir(parents=True)
    (tmp_path / "regions" / "kabupaten-sumedang.yml").write_text("name: Sumedang\n", encoding="utf-8")
    return [tmp_path / "innovations", tmp_path / "regions"]


def _watched(observer: BaseObserver) -> set[str]:
    return {emitter.watch.path for emitter in observer.emitters}


def _wants_rebuild(server: LiveReloadServer, timeout: float = 10) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server._want_rebuild:
            return True
        time.sleep(0.05)
    return False


def test_an_edit_in_a_content_folder_asks_the_server_to_rebuild(
    server: LiveReloadServer, tmp_path: Path
) -> None:
    folders = _folders(tmp_path)
    watch = ContentWatch()
    try:
        watch.start(server, folders)
        assert watch.observer is not None and watch.observer.is_alive()
        assert _watched(watch.observer) == {str(folder) for folder in folders}
        # MkDocs' polling observer is left with nothing of them to list every half second.
        assert _watched(server.observer).isdisjoint(str(folder) for folder in folders)
        assert not server._want_rebuild
        # Reading a file (as every rebuild does) is no change: the system reports it, MkDocs is not told.
        assert (folders[1] / "kabupaten-sumedang.yml").read_text(encoding="utf-8") == "name: Sumedang\n"
        assert not _wants_rebuild(server, timeout=1)
        (folders[0] / "kabupaten-sumedang" / "baru.yml").write_text("title: Baru\n", encoding="utf-8")
        assert _wants_rebuild(server)
    finally:
        watch.stop()
    assert watch.observer is None


def test_a_folder_the_system_will_not_watch_is_polled(
    server: LiveReloadServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folders = _folders(tmp_path)
    refused = str(folders[0])
    schedule = BaseObserver.schedule

    def limited(self: BaseObserver, handler: Any, path: str, **kwargs: Any) -> Any:
        if path == refused and self is not server.observer:
            raise OSError(errno.ENOSPC, "inotify watch limit reached")
        return schedule(self, handler, path, **kwargs)

    monkeypatch.setattr(BaseObserver, "schedule", limited)
    watch = ContentWatch()
    try:
        watch.start(server, folders)
        assert watch.observer is not None
        assert _watched(watch.observer) == {str(folders[1])}
        assert _watched(server.observer) == {refused}
    finally:
        watch.stop()

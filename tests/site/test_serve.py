"""`mkdocs serve` on a copy of the shipped content: edits show up, broken content does not kill it.

The server listens on 127.0.0.1 only and is always stopped, by its own process id, at the end.
"""

from __future__ import annotations

import contextlib
import html
import logging
import os
import re
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from generator.content.labels import labels

REPO = Path(__file__).parents[2]
FIXTURES = REPO / "tests" / "fixtures"
SERVE_URL = "http://127.0.0.1:8000/"
# Startup and each rebuild take a second or two; these bound a hang, not a normal run.
START_TIMEOUT = 60
REBUILD_TIMEOUT = 60
INNOVATION_FILE = "innovations/kabupaten-sumedang/command-center.yml"
INNOVATION_URL = "inovasi/kabupaten-sumedang/command-center/"
REGION_URL = "daerah/kabupaten-sumedang/"
AGENCY_URL = "perangkat-daerah/kabupaten-sumedang/diskominfosanditik/"
# Straight to 127.0.0.1, whatever proxy the environment names.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class Server:
    def __init__(self, process: subprocess.Popen[bytes], port: int, log: Path) -> None:
        self.process = process
        self.base = f"http://127.0.0.1:{port}/"
        self.log = log

    def get(self, path: str) -> tuple[int, str]:
        try:
            with _OPENER.open(self.base + path, timeout=10) as response:
                # Text as a reader sees it: generated pages write much of it as character references.
                return response.status, html.unescape(response.read().decode("utf-8"))
        except urllib.error.HTTPError as error:
            return error.code, ""
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return 0, ""

    def wait_for(self, path: str, check: Callable[[str], bool], timeout: float, what: str) -> str:
        """Poll `path` until it answers 200 with a body that passes `check`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"the server stopped:\n{self.output()}"
            status, body = self.get(path)
            if status == 200 and check(body):
                return body
            time.sleep(0.3)
        raise AssertionError(f"no {what} at /{path} after {timeout} s:\n{self.output()}")

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")[-4000:]


# Under ProperDocs (MkDocs' maintained fork, without MkDocs installed) as under MkDocs.
@pytest.fixture(params=["mkdocs-clean", "mkdocs-dirty", "properdocs-dirty"])
def server(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    project_factory: Any,
    engine_commands: dict[str, list[str]],
) -> Iterator[Server]:
    project = project_factory(tmp_path / "project", REPO)
    port = _free_port()
    log = tmp_path / "serve.log"
    engine, mode = request.param.split("-")
    # `--dirty` rebuilds only the pages an edit touches (what the Makefile's `serve` uses).
    extra = ["--dirty"] if mode == "dirty" else []
    with open(log, "wb") as output:
        process = subprocess.Popen(
            [*engine_commands[engine], "serve", "--dev-addr", f"127.0.0.1:{port}", *extra],
            cwd=project,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        yield Server(process, port, log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        with contextlib.suppress(OSError):
            log.unlink()


def test_serve_follows_edits_and_survives_broken_content(server: Server, tmp_path: Path) -> None:
    project = tmp_path / "project"
    page = server.wait_for(INNOVATION_URL, lambda _: True, START_TIMEOUT, "innovation page")
    assert "Sumedang Command Center" in page

    # An edited title shows after the automatic rebuild.
    innovation = project / INNOVATION_FILE
    text = innovation.read_text(encoding="utf-8")
    assert text.count("title: Sumedang Command Center\n") == 1
    innovation.write_text(text.replace("title: Sumedang Command Center", "title: Pusat Kendali Diubah"))
    server.wait_for(INNOVATION_URL, lambda body: "Pusat Kendali Diubah" in body, REBUILD_TIMEOUT, "new title")
    # So do the pages that list it.
    for listing in (REGION_URL, AGENCY_URL):
        server.wait_for(listing, lambda body: "Pusat Kendali Diubah" in body, REBUILD_TIMEOUT, "listed title")

    # Invalid content: the server stays up and shows the checker's errors at the site root.
    broken = project / "regions" / "kabupaten-rusak.yml"
    broken.write_text("name: [tidak ditutup\n", encoding="utf-8")
    heading = labels()["content_errors"]["id"]
    errors = server.wait_for(
        "",
        lambda body: heading in body and "regions/kabupaten-rusak.yml" in body,
        REBUILD_TIMEOUT,
        "errors page",
    )
    assert "<code>regions/kabupaten-rusak.yml:" in errors
    assert server.process.poll() is None

    # Fixed again: the site comes back, with the edit.
    broken.unlink()
    server.wait_for("", lambda body: heading not in body, REBUILD_TIMEOUT, "recovered home page")
    server.wait_for(
        INNOVATION_URL, lambda body: "Pusat Kendali Diubah" in body, REBUILD_TIMEOUT, "recovered site"
    )


@pytest.mark.parametrize("server", ["mkdocs-dirty", "properdocs-dirty"], indirect=True)
def test_dirty_serve_rebuilds_only_the_pages_an_edit_touches(server: Server, tmp_path: Path) -> None:
    server.wait_for(INNOVATION_URL, lambda _: True, START_TIMEOUT, "innovation page")
    total = int(re.findall(r"→ (\d+) generated pages", server.log.read_text(encoding="utf-8"))[-1])
    innovation = tmp_path / "project" / INNOVATION_FILE
    text = innovation.read_text(encoding="utf-8")
    innovation.write_text(text.replace("title: Sumedang Command Center", "title: Pusat Kendali Kedua"))
    server.wait_for(INNOVATION_URL, lambda body: "Pusat Kendali Kedua" in body, REBUILD_TIMEOUT, "new title")
    deadline = time.monotonic() + REBUILD_TIMEOUT
    while not (rebuilt := re.findall(r"rebuilt (\d+) changed page", server.output())):
        assert time.monotonic() < deadline, server.output()
        time.sleep(0.3)
    assert 3 <= int(rebuilt[-1]) < total / 2


def _serve_build(project: Path, site: Path, *, dirty: bool) -> Any:
    """One build as `mkdocs serve` runs it: a fresh configuration, the plugin kept from the last
    build (MkDocs keeps plugins that have `on_startup`); returns the plugin."""
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    config.site_url = SERVE_URL
    build(config, serve_url=SERVE_URL, dirty=dirty)
    return config.plugins["katalog"]


def _retitle(project: Path) -> None:
    innovation = project / INNOVATION_FILE
    text = innovation.read_text(encoding="utf-8")
    innovation.write_text(text.replace("title: Sumedang Command Center", "title: Pusat Kendali Ketiga"))


def _rethemed(project: Path) -> None:
    innovation = project / INNOVATION_FILE
    text = innovation.read_text(encoding="utf-8")
    innovation.write_text(text.replace("themes: [digital-government]", "themes: [stunting, investment]"))


def _added(project: Path) -> None:
    source = project / INNOVATION_FILE
    copy = source.with_name("command-center-kedua.yml")
    text = source.read_text(encoding="utf-8")
    copy.write_text(text.replace("title: Sumedang Command Center", "title: Pusat Kendali Kedua"))


def _removed(project: Path) -> None:
    (project / "innovations" / "kabupaten-lampung-selatan" / "posyandu-keliling.yml").unlink()


def _agency_kind(project: Path) -> None:
    # Its counterparts in other regions, and what visit briefs match, change with it.
    region = project / "regions" / "kabupaten-sumedang.yml"
    text = region.read_text(encoding="utf-8")
    region.write_text(text.replace("kind: disdukcapil", "kind: bappeda"), encoding="utf-8")


@pytest.mark.parametrize(
    "edit", [_retitle, _rethemed, _added, _removed, _agency_kind], ids=lambda f: f.__name__[1:]
)
def test_a_dirty_serve_rebuild_writes_what_a_full_build_writes(
    edit: Callable[[Path], None],
    project_factory: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    project, served = _first_serve_build(project_factory, tmp_path, monkeypatch)
    first = _tree(served)
    edit(project)
    caplog.set_level(logging.INFO, "mkdocs.plugins.katalog")
    plugin = _serve_build(project, served, dirty=True)
    rebuilt_count = re.findall(r"rebuilt (\d+) changed page", caplog.text)
    assert rebuilt_count and 3 <= int(rebuilt_count[-1]) < len(plugin.state.prints)

    full = _full_build(project, tmp_path / "full", monkeypatch)
    rebuilt = _tree(served)
    kept = {path for path in rebuilt if path.startswith(WHOLE_CATALOGUE)}
    assert kept and all(rebuilt[path] == first[path] for path in kept)
    assert {p: rebuilt[p] for p in rebuilt if p not in kept} == full


def test_successive_dirty_serve_rebuilds_write_what_a_full_build_writes(
    project_factory: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each rebuild starts from what the last one remembered (fingerprints, briefs, addresses).
    project, served = _first_serve_build(project_factory, tmp_path, monkeypatch)
    for edit in (_retitle, _agency_kind, _rethemed, _added, _removed):
        edit(project)
        _serve_build(project, served, dirty=True)
    rebuilt = _tree(served)
    full = _full_build(project, tmp_path / "full", monkeypatch)
    assert {p: rebuilt[p] for p in rebuilt if not p.startswith(WHOLE_CATALOGUE)} == full


# What covers the whole catalogue is kept from a serve's first build (see the plugin's `refresh`).
WHOLE_CATALOGUE = ("search-index/", "data/", "katalog/", "sitemap.xml")


def _first_serve_build(
    project_factory: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[Path, Path]:
    """A copy of the fixture and its first build under `mkdocs serve --dirty`."""
    # In this process only: the plugin a previous test's build left in MkDocs' cache is not reused.
    monkeypatch.setattr(dict(MkDocsConfig._schema)["plugins"], "plugin_cache", {})
    project = project_factory(tmp_path / "project", FIXTURES / "site-relations")
    served = tmp_path / "served"
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(served))
    config.plugins.on_startup(command="serve", dirty=True)
    _serve_build(project, served, dirty=True)
    return project, served


def _full_build(project: Path, site: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    """The files of a full build as `mkdocs serve` makes it, but what covers the whole catalogue."""
    monkeypatch.setattr(dict(MkDocsConfig._schema)["plugins"], "plugin_cache", {})
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="serve", dirty=False)
    _serve_build(project, site, dirty=False)
    return {p: data for p, data in _tree(site).items() if not p.startswith(WHOLE_CATALOGUE)}


def _tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}

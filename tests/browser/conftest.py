"""Fixtures for the built-site quality gates: a built site, a local server and a guarded Chromium.

Every page opened through `guarded_page` fails its test on a console error, an uncaught exception,
or a request that leaves 127.0.0.1.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Route

REPO = Path(__file__).resolve().parents[2]
SITE_FILES = ("mkdocs.yml", "overrides", "docs", "regions", "innovations", "agreements")


def build_site(source: Path, out: Path) -> Path:
    """`mkdocs build --strict` of the catalogue in `source` into `out`, as a user runs it."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(out)]
    done = subprocess.run(command, cwd=source, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return out


def copy_project(target: Path, catalogue: Path = REPO) -> Path:
    """A folder with the site configuration of the repo and the catalogue of `catalogue`."""
    target.mkdir(parents=True, exist_ok=True)
    for name in SITE_FILES:
        source = (REPO if name in ("mkdocs.yml", "overrides", "docs") else catalogue) / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        elif source.is_file():
            shutil.copy2(source, target / name)
    return target


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built from the shipped content."""
    return build_site(REPO, tmp_path_factory.mktemp("shipped") / "site")


@pytest.fixture(scope="session")
def site_url(
    shipped_site: Path, static_server: Callable[[Path], AbstractContextManager[str]]
) -> Iterator[str]:
    """The shipped site served on 127.0.0.1 (a free port), with its 404 page for missing paths."""
    with static_server(shipped_site) as url:
        yield url


class Guard:
    """What a page did that a visitor must never see: console errors, exceptions, outside requests."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.outside: list[str] = []
        # Errors a test expects (e.g. the 404 status of a missing page), as substrings.
        self.expected: list[str] = []

    def attach(self, page: Page) -> None:
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(f"uncaught: {error}"))
        page.route("**/*", self._route)

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    def _route(self, route: Route) -> None:
        url = route.request.url
        if url.startswith(("http://127.0.0.1:", "file://", "data:", "blob:", "about:")):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def check(self) -> None:
        unexpected = [e for e in self.errors if not any(x in e for x in self.expected)]
        assert not unexpected, f"console errors: {unexpected}"
        assert not self.outside, f"requests that left 127.0.0.1: {self.outside}"


@pytest.fixture
def guard() -> Guard:
    return Guard()


@pytest.fixture
def guarded_page(browser: Browser, guard: Guard) -> Iterator[Page]:
    """A desktop-sized page whose errors and outside requests fail the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    guard.attach(page)
    yield page
    context.close()
    guard.check()

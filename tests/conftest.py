"""Shared fixtures: small catalogues copied into a temporary folder, to break one file at a time."""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.content import file_checks
from generator.content.check import CheckResult, check
from generator.quality.chromium import CHROMIUM, CHROMIUM_ARGS, missing_chromium

# Test modules name the fixture files they touch themselves: importing from a conftest is fragile
# once tests/site/ has its own.
FIXTURES = Path(__file__).parent / "fixtures"


class Scratch:
    """A writable copy of a fixture catalogue."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def read(self, rel: str) -> str:
        return (self.root / rel).read_text(encoding="utf-8")

    def write(self, rel: str, content: str | bytes) -> Path:
        """Create or replace a file; text is written as UTF-8 with the newlines given."""
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        path.write_bytes(data)
        return path

    def edit(self, rel: str, old: str, new: str) -> None:
        """Replace the one occurrence of `old` in a file (fails loudly if the fixture changed)."""
        text = self.read(rel)
        assert text.count(old) == 1, f"{old!r} is not in {rel} exactly once"
        self.write(rel, text.replace(old, new))

    def check(self) -> CheckResult:
        return check(self.root)

    def found(self) -> list[tuple[str, int, int, str, str]]:
        """Every problem as (path, line, column, code, field), in report order."""
        return [(p.path, p.line, p.column, p.code, p.field) for p in self.check().problems]


@pytest.fixture
def scratch(tmp_path: Path) -> Scratch:
    """A copy of tests/fixtures/minimal, which is valid until a test breaks it."""
    root = tmp_path / "catalogue"
    shutil.copytree(FIXTURES / "minimal", root)
    return Scratch(root)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Debian Chromium per test worker, driven by Playwright's sync API.

    A missing browser fails (never skips) with the command that installs it.
    """
    problem = missing_chromium()
    if problem is not None:
        pytest.fail(problem)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@contextlib.contextmanager
def serve_static(site: Path) -> Iterator[str]:
    """Serve `site` on 127.0.0.1 (a free port), with 404.html for missing paths; yields the base URL."""
    import functools
    import http.server
    import threading

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

        def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
            page = site / "404.html"
            if code != 404 or not page.is_file():
                super().send_error(code, message, explain)
                return
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Handler, directory=str(site))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="session")
def static_server() -> Callable[[Path], contextlib.AbstractContextManager[str]]:
    """`with static_server(site) as base_url:` serves a built site on 127.0.0.1."""
    return serve_static


@pytest.fixture
def validated(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the checker validates from now on, as reported (`innovations/…/x.yml`), in order:
    what a cache spared it is not there."""
    seen: list[str] = []
    validate = file_checks.validate_file

    def counting(path: str, rel: str, cls: type, key: str) -> file_checks.FileOutcome:
        seen.append(rel)
        return validate(path, rel, cls, key)

    monkeypatch.setattr(file_checks, "validate_file", counting)
    return seen

"""Valid HTML: the Nu Html Checker (vnu-jar, run on the machine's Java) reports no errors."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import REPO

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
FILTER = Path(__file__).with_name("vnu-filter.txt")


def run_vnu(site: Path) -> list[dict[str, object]]:
    """The checker's errors for every HTML page of `site`, after the theme filter."""
    if not VNU.is_file():
        pytest.fail(f"{VNU} is missing: run `make install` (npm ci) first")
    java = shutil.which("java")
    if java is None:
        pytest.fail(
            "Java is missing: install it with `make system-deps` (apt-get install default-jre-headless)"
        )
    command = [java, "-jar", str(VNU), "--errors-only", "--skip-non-html", "--format", "json"]
    command += ["--filterfile", str(FILTER), str(site)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    messages: list[dict[str, object]] = json.loads(done.stderr or '{"messages": []}')["messages"]
    return [m for m in messages if m.get("type") == "error"]


def test_built_site_has_no_html_errors(shipped_site: Path) -> None:
    errors = run_vnu(shipped_site)
    readable = [f"{m['url']}:{m.get('lastLine')}: {m['message']}" for m in errors]
    assert readable == []


def test_checker_reports_a_real_error(tmp_path: Path) -> None:
    """The check itself works, and the filter hides only the theme's known messages."""
    page = tmp_path / "broken.html"
    page.write_text('<!doctype html><html lang="id"><title>x</title><p><div></p>', encoding="utf-8")
    errors = run_vnu(tmp_path)
    assert errors, "an unclosed element must be reported"

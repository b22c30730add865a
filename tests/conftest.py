"""Shared fixtures: small catalogues copied into a temporary folder, to break one file at a time."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.check import CheckResult, check

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

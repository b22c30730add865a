"""The contributor commands: `new`, `show`, `fix`, `forms`, `from-issue`, `fields`."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

AddRoot = Callable[[argparse.ArgumentParser], None]


def add_contributor_commands(commands: Any, add_root: AddRoot) -> None:
    """Add the contributor commands to the `katalog` parser."""


CONTRIBUTOR_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {}

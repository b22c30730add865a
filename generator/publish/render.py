"""Run an engine on a `katalog build` source folder: `<engine> build -f <folder>/mkdocs.yml`.

The engine runs as its own command (it may live in another environment: Zensical's dependencies
are not MkDocs'), its output going straight to the terminal.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

# The engines known to render the source as it is; each takes `build -f CONFIG [--strict]`.
ENGINES = ("mkdocs", "properdocs", "zensical")


class EngineNotFound(LookupError):
    """No such engine command."""


def engine_command(engine: str) -> str:
    """The executable of `engine`: a name in ENGINES found on PATH, or a path to one of them.

    Raises:
        EngineNotFound: unknown, or not installed.
    """
    path = Path(engine)
    if path.name not in ENGINES:
        raise EngineNotFound(f"unknown engine {engine!r}: one of {', '.join(ENGINES)} (or a path to one)")
    found = str(path) if path.parent != Path() else shutil.which(engine)
    if found is None or not Path(found).is_file():
        raise EngineNotFound(f"{engine} is not installed (pip install {path.name})")
    return found


def render(folder: Path, engine: str, *, strict: bool) -> int:
    """Build the source in `folder` with `engine`; returns the engine's exit code."""
    command = [engine_command(engine), "build", "-f", str(folder / "mkdocs.yml")]
    return subprocess.run([*command, *(["--strict"] if strict else [])], check=False).returncode

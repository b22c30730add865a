"""What `mkdocs build --dirty` remembers of the last build, so that a CI run whose cache restores
the site folder and this state rebuilds only the pages an edit touches.

The state holds each generated page's input fingerprint (page_inputs.py) from the build that wrote
the site, and a digest of everything else pages are made from: the generator's own code, templates
and labels, the MkDocs configuration, the theme overrides, the hand-written pages and the versions
of the engine. When that digest differs, or the state was written for another site folder, every
page is rebuilt. Record versions are file contents, not file times: a fresh clone has new times.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path

from ..content.catalogue import Catalogue

FORMAT = 1
# The packages whose output the pages carry.
ENGINE = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2")


def tool_digest(folders: Iterable[Path], files: Iterable[Path]) -> str:
    """A digest of every file under `folders`, of `files`, and of the engine's versions."""
    h = hashlib.blake2b(digest_size=16)
    h.update(f"katalog-build-state {FORMAT}\n".encode())
    for name in ENGINE:
        try:
            h.update(f"{name} {metadata.version(name)}\n".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{name} -\n".encode())
    listed = [p for folder in folders if folder.is_dir() for p in folder.rglob("*") if p.is_file()]
    for path in sorted({*listed, *(f for f in files if f.is_file())}):
        if "__pycache__" in path.parts:
            continue
        h.update(path.as_posix().encode() + b"\0" + hashlib.blake2b(path.read_bytes()).digest())
    return h.hexdigest()


def stat_versions(root: Path, catalogue: Catalogue) -> Callable[[str], object]:
    """A record's version within one `mkdocs serve`: its file's size, time and inode (no read)."""

    def version(key: str) -> object:
        try:
            status = (root / catalogue.sources[key]).lstat()
        except OSError:
            return None
        return (status.st_size, status.st_mtime_ns, status.st_ino)

    return version


def content_versions(root: Path, catalogue: Catalogue) -> Callable[[str], object]:
    """A record's version for page fingerprints: the digest of its file's bytes."""
    cache: dict[str, str | None] = {}

    def version(key: str) -> object:
        if key not in cache:
            try:
                data = (root / catalogue.sources[key]).read_bytes()
            except OSError:
                data = None
            cache[key] = None if data is None else hashlib.blake2b(data, digest_size=16).hexdigest()
        return cache[key]

    return version


def load(state: Path, tool: str, site: str) -> dict[str, str]:
    """The page fingerprints of the last build into `site`; empty when there is no usable state."""
    try:
        data = json.loads(state.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("tool") != tool or data.get("site") != site:
        return {}
    pages = data.get("pages")
    if not isinstance(pages, dict):
        return {}
    return {str(k): str(v) for k, v in pages.items()}


def save(state: Path, tool: str, site: str, pages: dict[str, str]) -> None:
    """Write the state atomically: a build stopped half-way leaves the previous state whole."""
    state.parent.mkdir(parents=True, exist_ok=True)
    temporary = state.with_name(state.name + ".tmp")
    text = json.dumps({"tool": tool, "site": site, "pages": pages}, sort_keys=True)
    temporary.write_text(text + "\n", encoding="utf-8")
    os.replace(temporary, state)

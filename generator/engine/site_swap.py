"""A full build writes into a sibling of the site folder and replaces the site only on success.

MkDocs empties `site_dir` before it builds; a build that then fails would leave nothing to serve.
The build goes to `.<site>.new` instead; on success the old site moves aside to `.<site>.old`,
the new one takes its name (two renames, no copy: the site is ~1 GB at 30,000 pages), and the old
one is removed. On failure the partial folder is removed and the site is untouched.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path

from mkdocs.utils import CountHandler

from . import ENGINE


def staging(site: Path) -> Path:
    return site.with_name(f".{site.name}.new")


def retired(site: Path) -> Path:
    return site.with_name(f".{site.name}.old")


def prepare(site: Path) -> Path:
    """Clear what an interrupted earlier attempt left; returns the folder to build into."""
    old = retired(site)
    if old.is_dir():
        if site.exists():
            shutil.rmtree(old)
        else:
            old.rename(site)  # stopped between the two renames: the last good site comes back
    new = staging(site)
    shutil.rmtree(new, ignore_errors=True)
    writable(new)
    return new


def writable(folder: Path) -> None:
    """Make `folder` and prove it takes files, so that a read-only checkout stops the build at its
    start with one line (MkDocs would fail later, in its own code, with a traceback).

    Raises:
        OSError: the folder cannot be made or written.
    """
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryFile(dir=folder):
        pass


def promote(site: Path) -> None:
    """Put the built sibling in place of `site`; the old site is kept until then."""
    new, old = staging(site), retired(site)
    if site.exists():
        site.rename(old)
    new.rename(site)
    shutil.rmtree(old, ignore_errors=True)


def discard(site: Path) -> None:
    shutil.rmtree(staging(site), ignore_errors=True)


def strict_warnings() -> bool:
    """Whether `--strict` will abort: MkDocs raises only after every `on_post_build` has run."""
    handlers = logging.getLogger(ENGINE).handlers
    return any(isinstance(h, CountHandler) and h.get_counts() for h in handlers)

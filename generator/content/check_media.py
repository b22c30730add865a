"""Photos of innovations (`media:`): each names a file under `media/` that the site can show.

A photo is a contributor's upload like the YAML, so it is untrusted: its header is read first (its
format, its size in pixels) and only a photo within the limits is decoded, at an eighth of its size
where the format allows (JPEG), which still reads every byte and so finds a truncated file.
"""

from __future__ import annotations

import stat
import warnings
from pathlib import Path
from typing import Any

from PIL import Image, UnidentifiedImageError

from .check_refs import report_field
from .file_checks import Parsed
from .files import IGNORED_NAMES, MEDIA_DIR
from .limits import MAX_MEDIA_BYTES, MAX_MEDIA_PIXELS
from .model import Innovation
from .problems import Problem, problem

# The formats the site shows, by the name Pillow gives them, with the extensions each may have.
EXTENSIONS = {"JPEG": ("jpg", "jpeg"), "PNG": ("png",), "WEBP": ("webp",)}


def check_media(innovations: dict[str, Parsed], root: Path, problems: list[Problem], *, whole: bool) -> None:
    """Report each photo that is missing, of another region, too large or unreadable; with the
    whole catalogue checked (`whole`), also each file under `media/` that no innovation uses."""
    used: set[str] = set()
    for parsed in innovations.values():
        innovation: Innovation = parsed.record
        for index, item in enumerate(innovation.media or ()):
            if item is None or item.file is None:
                continue  # an invalid item: reported already
            used.add(item.file)
            name = f"media[{index}].file"
            folder = item.file.partition("/")[0]
            if folder != innovation.region:
                report_field(
                    problems, parsed, name, "media-other-region", value=item.file, region=innovation.region
                )
                continue
            found = photo_problem(root / MEDIA_DIR / item.file)
            if found is not None:
                code, args = found
                report_field(problems, parsed, name, code, value=item.file, **args)
    if whole:
        problems.extend(_unused(root / MEDIA_DIR, used))


# What each photo gave, by where it is and its size, time and inode: `mkdocs serve` checks the
# catalogue at every rebuild, and decoding a thousand photos each time would take seconds.
_OUTCOMES: dict[tuple[str, int, int, int], tuple[str, dict[str, Any]] | None] = {}


def photo_problem(path: Path) -> tuple[str, dict[str, Any]] | None:
    """What is wrong with the photo at `path` (a message code and its arguments), or None."""
    try:
        status = path.lstat()
    except OSError:
        return "media-missing", {"folder": path.parent.name}
    if stat.S_ISLNK(status.st_mode):
        return "symlink", {}
    if not stat.S_ISREG(status.st_mode):
        return "media-missing", {"folder": path.parent.name}
    key = (str(path), status.st_size, status.st_mtime_ns, status.st_ino)
    if key not in _OUTCOMES:
        _OUTCOMES[key] = _read_problem(path, status.st_size)
    return _OUTCOMES[key]


def _read_problem(path: Path, size: int) -> tuple[str, dict[str, Any]] | None:
    if size > MAX_MEDIA_BYTES:
        return "media-too-large", {"size": f"{size / 1_048_576:.1f}", "limit": MAX_MEDIA_BYTES // 1_048_576}
    try:
        with warnings.catch_warnings():
            # Pillow warns of large images, then refuses larger ones; our own limit comes first.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                width, height = image.size
                if width * height > MAX_MEDIA_PIXELS:
                    return "media-too-many-pixels", {
                        "width": width,
                        "height": height,
                        "limit": MAX_MEDIA_PIXELS // 1_000_000,
                    }
                extensions = EXTENSIONS.get(image.format or "")
                if extensions is None:
                    return "media-format", {"format": image.format or "?"}
                if path.suffix[1:] not in extensions:
                    return "media-extension", {"format": image.format, "extension": extensions[0]}
                image.draft("RGB", (max(1, width // 8), max(1, height // 8)))
                image.load()
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError, SyntaxError) as error:
        return "media-unreadable", {"detail": type(error).__name__}
    return None


def _unused(folder: Path, used: set[str]) -> list[Problem]:
    """A warning for each file under `folder` that no innovation names (a photo left behind)."""
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file() or p.is_symlink()):
        if path.name in IGNORED_NAMES:
            continue
        rel = path.relative_to(folder).as_posix()
        if rel not in used:
            found.append(problem(f"{MEDIA_DIR}/{rel}", 0, 0, "media-unused", "", severity="warning"))
    return found

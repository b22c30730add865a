"""The site's copies of contributors' photos (`media/`): resized for the web, without metadata.

A phone photo carries where it was taken (EXIF GPS), the camera, often the owner's name, and is
several megabytes; a visitor on a phone needs none of that. Each photo is turned upright by its
EXIF orientation, made at most `WEB_MAX_SIDE` pixels on its longer side, and encoded again with
no EXIF, XMP, ICC or text chunks. The output depends only on the photo's bytes and Pillow's
version (pinned), so builds stay byte-identical; a cache keyed by the photo's hash spares a
rebuild the decoding.
"""

from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path

from PIL import Image, ImageOps

from ..content.catalogue import Catalogue
from ..content.files import MEDIA_DIR

# Longer side in pixels: sharp across a desktop article column (about 800 CSS pixels at 2x).
WEB_MAX_SIDE = 1600
JPEG_QUALITY = 82
WEBP_QUALITY = 80
# Part of the cache key: change it whenever the processing below changes its output.
PROCESS_VERSION = "1"


def web_image(data: bytes) -> bytes:
    """The web copy of a photo (JPEG, PNG or WebP, already checked): upright, resized, no metadata."""
    with Image.open(io.BytesIO(data)) as source:
        kind = source.format or "JPEG"
        # Decoding a large JPEG at a fraction of its size (still above the target) is much faster.
        source.draft("RGB", (WEB_MAX_SIDE, WEB_MAX_SIDE))
        image = ImageOps.exif_transpose(source)
    image.thumbnail((WEB_MAX_SIDE, WEB_MAX_SIDE), Image.Resampling.LANCZOS)
    # Everything the source carried beside the pixels (EXIF with GPS, XMP, ICC, comments) stays
    # out; only a palette's transparent colour, which is part of the picture, is kept.
    image.info = {key: image.info[key] for key in ("transparency",) if key in image.info}
    out = io.BytesIO()
    if kind == "PNG":
        image.save(out, "PNG", optimize=True)
    elif kind == "WEBP":
        if image.mode not in ("RGB", "RGBA"):
            image = image.convert("RGBA")
        image.save(out, "WEBP", quality=WEBP_QUALITY, method=4, exif=b"", xmp="")
    else:
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return out.getvalue()


def photo_files(catalogue: Catalogue, root: Path, cache: Path | None) -> dict[str, bytes]:
    """The web copy of every photo the catalogue's innovations show, by site path (`media/…`).

    `cache`: a folder keeping web copies by their photo's hash (None: no cache)."""
    files = {}
    for innovation in catalogue.innovations.values():
        for item in innovation.media:
            site_path = f"{MEDIA_DIR}/{item.file}"
            if site_path not in files:
                files[site_path] = _cached_web_image((root / MEDIA_DIR / item.file).read_bytes(), cache)
    return dict(sorted(files.items()))


def within(photos: dict[str, bytes], megabytes: int) -> bool:
    """Whether the web copies `photos` weigh at most `megabytes` together (the offline copy's limit)."""
    return sum(len(data) for data in photos.values()) <= megabytes * 1_048_576


def _cached_web_image(data: bytes, cache: Path | None) -> bytes:
    if cache is None:
        return web_image(data)
    key = hashlib.sha256(PROCESS_VERSION.encode() + b"\0" + data).hexdigest()
    path = cache / key[:2] / key
    try:
        return path.read_bytes()
    except OSError:
        pass
    out = web_image(data)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f"{key}.{os.getpid()}.tmp")
        temporary.write_bytes(out)
        os.replace(temporary, path)
    except OSError:
        pass  # a cache that cannot be written only costs the next build the work again
    return out

"""The offline copy: the site built for file:// (mkdocs-offline.yml) and packed into one zip.

The zip is deterministic: entries sorted, fixed timestamps and permissions, so the same catalogue
always gives the same bytes.
"""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path

# Folder the zip unpacks into; a traveller opens <folder>/index.html.
ZIP_ROOT = "katalog-inovasi-daerah"
# The earliest date a zip entry can carry; any fixed date would do.
FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def build_offline_site(config_file: Path, site_dir: Path) -> None:
    """Build the offline variant of the site into `site_dir` with MkDocs."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(config_file=str(config_file), site_dir=str(site_dir))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def pack(site_dir: Path, out: Path) -> int:
    """Zip `site_dir` into `out`; returns the number of files packed."""
    files = sorted(p for p in site_dir.rglob("*") if p.is_file())
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in files:
            info = zipfile.ZipInfo(f"{ZIP_ROOT}/{path.relative_to(site_dir).as_posix()}", FIXED_TIME)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    return len(files)


def build_offline_zip(config_file: Path, out: Path) -> int:
    """Build the offline site in a temporary folder and pack it; returns the file count."""
    with tempfile.TemporaryDirectory(prefix="katalog-offline-") as tmp:
        site = Path(tmp) / "site"
        build_offline_site(config_file, site)
        return pack(site, out)

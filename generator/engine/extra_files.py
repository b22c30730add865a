"""Files a build adds beside the generated pages: the photos' web copies and the offline shim."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from ..content.catalogue import Catalogue
from ..site.media import photo_files, within
from . import logger
from .plugin_config import KatalogConfig

log = logger()
# Where the offline copy carries the Web Worker shim (from the npm package iframe-worker).
OFFLINE_SHIM = "javascripts/vendor/iframe-worker-shim.js"


def web_photos(
    catalogue: Catalogue, root: Path, config: MkDocsConfig, options: KatalogConfig
) -> tuple[dict[str, bytes], bool]:
    """The web copies of the catalogue's photos, by site path, and whether pages show them:
    not in an offline copy that they would make too heavy."""
    cache = Path(config.config_file_path).parent / Path(options.build_state).parent / "media"
    try:
        photos = photo_files(catalogue, root, cache)
    except (OSError, ValueError) as error:
        raise PluginError(f"katalog: a photo could not be made ready for the web: {error}") from error
    if options.offline and not within(photos, options.offline_photos_mb):
        log.info(
            "katalog: the offline copy leaves out the %d photos (more than %d MB)",
            len(photos),
            options.offline_photos_mb,
        )
        return {}, False
    return photos, True


def offline_shim(config: MkDocsConfig) -> File:
    """The theme's search runs in a Web Worker, which browsers refuse from file://; the offline
    copy carries the shim that runs it in an iframe instead (installed by `npm ci`)."""
    shim = Path(config.config_file_path).parent / "node_modules" / "iframe-worker" / "shim" / "index.js"
    if not shim.is_file():
        raise PluginError(f"{shim} is missing: run `npm ci` (or `make install`) first")
    return File.generated(config, OFFLINE_SHIM, abs_src_path=str(shim))

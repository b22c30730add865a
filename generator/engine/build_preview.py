"""`katalog preview`: MkDocs builds the pages of one record's preview (see `preview`) into a folder."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..content.check import CheckResult
from ..content.problems import Problem
from ..contrib.preview import preview
from . import site_swap


@dataclass(slots=True)
class BuiltPreview:
    """The check of the files read; the built pages (files to open), the record's first."""

    result: CheckResult
    lang: str
    pages: list[Path] = field(default_factory=list)
    seconds: float = 0.0
    # The problems of the files not valid yet, which the preview did not read (`valid_part`).
    left_out: list[Problem] = field(default_factory=list)

    @property
    def problems(self) -> bool:
        return bool(self.result.problems)


def build_preview(config_file: Path, record_file: Path, out: Path, root: Path | None = None) -> BuiltPreview:
    """Check the record's part of the catalogue; when it is valid, build its pages into `out`.

    Args:
        root: the catalogue folder, when not the config's `root`.

    Raises:
        PreviewError: `record_file` is not a record file of the catalogue.
        OSError: `out` cannot be written.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.structure.files import File

    from .mkdocs_plugin import KatalogPlugin

    start = time.perf_counter()
    config = load_config(config_file=str(config_file), site_dir=str(out.resolve()))
    plugin = config.plugins["katalog"]
    assert isinstance(plugin, KatalogPlugin)
    if root is not None:
        plugin.config.root = str(root.resolve())
    root = (Path(config.config_file_path).parent / plugin.config.root).resolve()
    site_url = "" if plugin.config.offline else config.site_url or ""
    found = preview(root, record_file.resolve(), plugin.config.lang, plugin.config.stale_after_days, site_url)
    built = BuiltPreview(found.result, plugin.config.lang, left_out=found.left_out)
    if found.result.catalogue is None:
        return built
    site_swap.writable(out)  # a read-only checkout stops here, before MkDocs logs a build error
    # Links to pages outside the preview, and the navigation's section pages, are not built:
    # expected here, so not worth a warning each.
    config.validation.links.not_found = logging.DEBUG
    config.validation.nav.not_found = logging.DEBUG
    plugin.preview_only(found)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    first = found.record.page
    built.pages = [
        Path(File(path, config.docs_dir, config.site_dir, config.use_directory_urls).abs_dest_path)
        for path in sorted(found.pages, key=lambda path: (path != first, path))
    ]
    built.seconds = time.perf_counter() - start
    return built

"""`katalog build`: a site's whole Markdown source, and a configuration that renders it as it is.

The source folder holds `docs/` (the site's hand-written pages and files, the generated pages and
the photos' web copies), `overrides/` (the theme's), `mkdocs.yml` (the site's configuration
without the `katalog` plugin, its labels in `extra.labels`) and `katalog-build.json`, what
`katalog finish` needs to complete the site the engine renders into `site/`. MkDocs, ProperDocs
and Zensical all read that configuration.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..content.catalogue import Catalogue
from ..content.labels import texts as label_texts
from ..content.yamltext import dump
from ..site.media import photo_files
from ..site.pages import DEFAULT_STALE_AFTER_DAYS, plan_pages
from ..site.paths import NAV
from .site_config import SiteConfig

MANIFEST = "katalog-build.json"
DOCS, THEME, SITE = "docs", "overrides", "site"
# Where photos' web copies are kept between builds, as the plugin keeps them.
MEDIA_CACHE = Path(".cache") / "katalog" / "media"


class SourceError(ValueError):
    """The source cannot be written as asked (a hand-written page where a generated one goes)."""


@dataclass(frozen=True)
class Manifest:
    """What `katalog finish` needs: the catalogue (`root`, relative to the source folder), the
    pages' language and addresses, and the folder the engine builds into."""

    root: str
    lang: str
    site_url: str
    directory_urls: bool
    stale_after_days: int
    site_dir: str = SITE

    @classmethod
    def read(cls, folder: Path) -> Manifest:
        """Raises: OSError, ValueError (json.JSONDecodeError), TypeError: no usable manifest."""
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        return cls(**data)


@dataclass(frozen=True)
class Source:
    """A written source folder: how many generated pages, hand-written files and photos."""

    folder: Path
    generated: int
    hand_written: int
    photos: int


def write_source(config: SiteConfig, catalogue: Catalogue, out: Path) -> Source:
    """Write the source of `config`'s site, built from the checked `catalogue`, into `out`.

    Raises:
        SourceError: a hand-written page has a generated page's path.
        OSError: a file cannot be read or written.
    """
    stale_after_days = int(config.options.get("stale_after_days", DEFAULT_STALE_AFTER_DAYS))
    photos = photo_files(catalogue, config.root, config.folder / MEDIA_CACHE)
    plan = plan_pages(catalogue, config.lang, stale_after_days, site_url=config.site_url)
    hand_written = _files(config.docs_dir)
    clash = sorted(set(hand_written) & (set(plan) | set(photos)))
    if clash:
        raise SourceError(f"docs/{clash[0]} would hide a generated page; rename or remove it")
    out.mkdir(parents=True, exist_ok=True)
    for name in (DOCS, THEME):
        shutil.rmtree(out / name, ignore_errors=True)
    docs = out / DOCS
    for rel, source in hand_written.items():
        _copy(source, docs / rel)
    for rel, write in plan.items():
        _write(docs / rel, write().encode("utf-8"))
    for rel, data in photos.items():
        _write(docs / rel, data)
    if config.custom_dir is not None:
        for rel, source in _files(config.custom_dir).items():
            _copy(source, out / THEME / rel)
    _write(out / "mkdocs.yml", _engine_config(config, plan).encode("utf-8"))
    manifest = Manifest(
        root=os.path.relpath(config.root, out.resolve()),
        lang=config.lang,
        site_url=config.site_url,
        directory_urls=config.directory_urls,
        stale_after_days=stale_after_days,
    )
    _write(out / MANIFEST, (json.dumps(manifest.__dict__, indent=2) + "\n").encode("utf-8"))
    return Source(out, len(plan), len(hand_written), len(photos))


def _engine_config(config: SiteConfig, generated: Iterable[str]) -> str:
    """The site's configuration for the source folder: no `katalog` plugin, the labels the theme
    overrides read (the plugin would put them there), folders inside the source folder, and the
    generated pages outside the navigation said to be so (the plugin tells MkDocs page by page)."""
    data: dict[str, Any] = config.without_plugin()
    outside = {f"/{p.split('/')[0]}/" if "/" in p else f"/{p}" for p in generated if p not in NAV}
    listed = str(data.get("not_in_nav") or "").split()
    data["not_in_nav"] = "\n".join([*listed, *sorted(outside - set(listed))]) + "\n"
    data["docs_dir"], data["site_dir"] = DOCS, SITE
    if config.custom_dir is not None:
        data["theme"] = {**data["theme"], "custom_dir": THEME}
    data["extra"] = {**(data.get("extra") or {}), "labels": label_texts(config.lang)}
    header = "# Written by `katalog build` from the site's own configuration; edit that one instead.\n"
    return header + dump(data, flow_lists=False)


def _files(folder: Path) -> dict[str, Path]:
    """Every file under `folder` by its relative path, in name order (none when it is missing)."""
    if not folder.is_dir():
        return {}
    return {p.relative_to(folder).as_posix(): p for p in sorted(folder.rglob("*")) if p.is_file()}


def _copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


def _write(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)

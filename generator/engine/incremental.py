"""What `--dirty` builds keep between builds, so that a build writes only the pages whose inputs changed.

Each page's input fingerprint (`site/page_inputs.py`) as last built and as now; for
`build --dirty`, the state saved beside mkdocs.yml (`build_state.py`) under a key of this code,
theme, configuration and site folder, and the search documents of the pages it kept.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.utils import clean_directory

from ..content.catalogue import Catalogue
from ..search.search_index import Document, load_documents, read_documents, save_documents
from ..site import paths
from ..site.page_inputs import KnownPages, fingerprints
from ..site.pages import PagePlan
from . import build_state, logger
from .build_state import content_versions, stat_versions

log = logger()


class IncrementalState:
    """This build's page fingerprints (`prints`) and those of the pages as last built (`built_prints`)."""

    def __init__(self) -> None:
        self.prints: dict[str, str] = {}
        self.built_prints: dict[str, str] = {}
        # Under `serve`, what the last fingerprints were made from (reused where unchanged).
        self.known_pages = KnownPages()
        self.key = ("", "")

    @property
    def changed(self) -> int:
        return sum(1 for path, value in self.prints.items() if self.built_prints.get(path) != value)

    def modified(self, path: str) -> bool:
        return path not in self.prints or self.prints[path] != self.built_prints.get(path)

    def fingerprint_serve(self, plan: PagePlan, catalogue: Catalogue, root: Path) -> None:
        """A serve rebuild's fingerprints: file versions by size and time (the serve keeps the
        last build's prints in memory)."""
        self.prints = fingerprints(plan, catalogue, stat_versions(root, catalogue), self.known_pages)

    def fingerprint_build(
        self, plan: PagePlan, catalogue: Catalogue, root: Path, config: MkDocsConfig, state: Path
    ) -> None:
        """`build --dirty`: fingerprints from file contents, and the last build's from `state`."""
        self.prints = fingerprints(plan, catalogue, content_versions(root, catalogue))
        self.key = _state_key(config)
        self.built_prints = build_state.load(state, *self.key)
        # Until this build succeeds, the state keeps only the pages it will not rewrite: a failed
        # or stopped build leaves the others half-done, so the next build writes them again.
        kept = {p: v for p, v in self.built_prints.items() if self.prints.get(p, v) == v}
        # No usable state: an older one may match again once an edit is undone; it is dropped.
        if kept != self.built_prints or not kept:
            build_state.save(state, *self.key, kept)
        if not self.built_prints:
            # No state for this code, configuration and site folder: start from an empty folder,
            # as a clean build does, so that no file of an earlier build is left behind.
            clean_directory(config.site_dir)
        log.info(
            "katalog: incremental build: %d of %d pages changed since the last build",
            self.changed,
            len(self.prints),
        )

    def all_documents(self, site: Path, searchable: list[Document], state: Path | None) -> list[Document]:
        """A `--dirty` build's search documents: those of the pages it wrote, and the last build's
        for the pages it kept (`state`: None under serve; else every page is read from `site`)."""
        kept = load_documents(documents_path(state), self.key) if state is not None else None
        if kept is None:
            return list(read_documents(site))
        documents = {d.url: d for d in kept if (site / paths.built_file(d.url)).is_file()}
        documents |= {d.url: d for d in searchable}
        log.info(
            "katalog: search index: %d page(s) read now, %d kept from the last build",
            len(searchable),
            len(documents) - len(searchable),
        )
        return list(documents.values())

    def save_documents(self, state: Path, documents: list[Document]) -> None:
        """Saved before the state; read only under the state's key, which the next build checks."""
        save_documents(documents_path(state), self.key, documents)

    def remove_gone_pages(self, config: MkDocsConfig) -> int:
        """Remove the pages the last build wrote that this one has not.

        Their records are gone, or they were listing pages named by an item that has moved.
        """
        removed = sorted(set(self.built_prints) - set(self.prints))
        site = Path(config.site_dir).resolve()
        for path in removed:
            dest = Path(File(path, config.docs_dir, config.site_dir, config.use_directory_urls).abs_dest_path)
            dest.unlink(missing_ok=True)
            for folder in dest.parents:
                if folder == site or not folder.is_relative_to(site) or any(folder.iterdir()):
                    break
                folder.rmdir()
        return len(removed)

    def save(self, state: Path, changed: int, removed: int) -> None:
        build_state.save(state, *self.key, self.prints)
        log.info("katalog: %d page(s) rebuilt, %d removed; build state saved", changed, removed)


def documents_path(state: Path) -> Path:
    return state.with_name(state.stem + "-search.json")


def _state_key(config: MkDocsConfig) -> tuple[str, str]:
    """What the saved fingerprints are valid for: this code, theme and configuration, and this
    site folder (relative to mkdocs.yml, so that a moved checkout keeps its cache)."""
    here = Path(config.config_file_path).parent
    folders = [Path(__file__).parents[1], Path(config.docs_dir)]
    if config.theme.custom_dir:
        folders.append(Path(config.theme.custom_dir))
    tool = build_state.tool_digest(folders, [Path(config.config_file_path)])
    return tool, os.path.relpath(config.site_dir, here)

"""The MkDocs adapter: hands the generated pages to MkDocs and indexes the built site for search.

Everything else (checking, relations, page content) lives in the engine-agnostic library.
"""

from __future__ import annotations

import functools
import gzip
import logging
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.utils import clean_directory

from ..content.catalogue import Catalogue
from ..content.check import check
from ..content.collector import FrozenBetweenRebuilds, collector_paused
from ..content.file_checks import FileCache
from ..content.files import CONTENT_DIRS
from ..content.messages import file_error_line, message
from ..content.report import summary_line
from ..content.text_safety import visible
from ..contrib.preview import Preview, preview_notice
from ..search.browse_index import as_scripts, build_browse_index
from ..search.search_index import (
    Document,
    document,
    index_site,
    load_documents,
    read_documents,
    save_documents,
)
from ..search.search_text import MARKER as SEARCH_MARKER
from ..site import paths
from ..site.briefs import BriefMemo
from ..site.coverage import KindCoverage, coverage, missing_pages
from ..site.coverage import summary as coverage_summary
from ..site.media import photo_files, within
from ..site.page_inputs import KnownPages, fingerprints
from ..site.pages import DEFAULT_STALE_AFTER_DAYS, PagePlan, plan_pages
from ..site.paths import NAV as NAV_PAGES
from ..site.redirects import moved_pages
from ..site.render import PageRenderer, compiled_templates, labels
from . import build_state, logger, site_swap
from .build_state import content_versions, stat_versions
from .compact_html import compact
from .content_watch import ContentWatch
from .csp import add_policy
from .page_render import OneConverter
from .parallel_build import ParallelBuild
from .redirects import write_redirects
from .shared_parts import SharedParts

log = logger()
# Where the offline copy carries the Web Worker shim (from the npm package iframe-worker).
OFFLINE_SHIM = "javascripts/vendor/iframe-worker-shim.js"


class KatalogConfig(base.Config):
    """Options of the `katalog` plugin in `mkdocs.yml`."""

    root = c.Type(str, default=".")
    """Catalogue folder (holding regions/, innovations/, agreements/), relative to mkdocs.yml.
    Example: `root: .`"""

    lang = c.Choice(("id", "en"), default="id")
    """Language of the generated pages and of the checker's messages. Example: `lang: id`"""

    search = c.Type(bool, default=True)
    """Build the search index (`search-index/`) from the built pages. Example: `search: true`"""

    build_state = c.Type(str, default=".cache/katalog/build-state.json")
    """Where `mkdocs build --dirty` keeps each page's input fingerprint (relative to mkdocs.yml),
    so that the next `--dirty` build into the same site folder rebuilds only the pages whose inputs
    changed. Keep it, with the site folder, in the CI cache. Example:
    `build_state: .cache/katalog/build-state.json`"""

    jobs = c.Type(int, default=0)
    """Processes that read and write pages in `mkdocs build` (0: one per CPU core; 1: no extra
    process). `mkdocs serve` and the offline copy always use one. Example: `jobs: 2`"""

    offline = c.Type(bool, default=False)
    """Build the copy that opens from the file system (mkdocs-offline.yml): no search index
    (browsers refuse its fetches from file://; the theme's own search runs there); the browser's
    index is also written as scripts.
    Example: `offline: true`"""

    offline_photos_mb = c.Type(int, default=30)
    """The most megabytes of photos (their web copies) the offline copy carries: it travels on a
    phone or a USB stick. Past it, the copy carries none, and its pages say so where each photo
    would be. Example: `offline_photos_mb: 30`"""

    stale_after_days = c.Type(int, default=DEFAULT_STALE_AFTER_DAYS)
    """Innovations last verified longer ago than this show a "needs checking" notice (computed in
    the visitor's browser, so the built site does not depend on the build date).
    Example: `stale_after_days: 365`"""


class KatalogPlugin(BasePlugin[KatalogConfig]):
    """Adds the catalogue's generated pages to the build; keeps record pages out of the nav."""

    def __init__(self) -> None:
        self.serving = False
        self.building = False
        self.dirty = False
        # Kept across the rebuilds of one `mkdocs serve` (a plugin with `on_startup` lives on):
        # per-file check results, each page's fingerprint as last built, and what the last
        # fingerprints were made from.
        self.file_cache = FileCache()
        self.built_prints: dict[str, str] = {}
        self.prints: dict[str, str] = {}
        self.known_pages = KnownPages()
        self.brief_memo = BriefMemo()
        self.frozen = FrozenBetweenRebuilds()
        self.content_watch = ContentWatch()
        # Where MkDocs put each generated page in the last build (destination, URL, file), for
        # the pages a serve rebuild keeps; valid for one site folder and URL style (the key).
        self.addresses: dict[str, tuple[str, str, str]] = {}
        self.addresses_key: tuple[str, bool] = ("", False)
        self.state_key = ("", "")
        # The search index's documents, read from the pages as they are written, and whether this
        # build writes every page (else the index reads them all from the site folder).
        self.searchable: list[Document] = []
        self.refresh = True
        self.indexing = False
        self.writes_all = True
        self.parallel: ParallelBuild | None = None
        # Source paths of the pages in the navigation (the theme renders their parts in full).
        self.nav_pages: frozenset[str] = frozenset()
        self.converter = OneConverter()
        self.root = Path(".")
        self.catalogue: Catalogue | None = None
        # The docs paths of the catalogue's pages, for the redirects of listing pages that moved.
        self.planned: frozenset[str] = frozenset()
        # The page each record of the catalogue must have (`coverage.expected_pages`), by kind.
        self.expected: dict[str, dict[str, str]] = {}
        self.files: Files | None = None
        self.preview: Preview | None = None
        # A full build's real site folder while MkDocs builds into its sibling (site_swap.py).
        self.final_site: Path | None = None
        self.pending_state: tuple[MkDocsConfig, int, int] | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.building = command == "build"
        self.dirty = dirty
        if self.building and dirty:
            logging.getLogger("mkdocs.commands.build").addFilter(_accurate_dirty_build)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = (Path(config.config_file_path).parent / self.config.root).resolve()
        # Theme overrides read their labels from here, so every label lives in one table.
        config.extra["labels"] = {key: entry[self.config.lang] for key, entry in labels().items()}
        if self.config.offline:
            # The theme's search runs in a Web Worker, which browsers refuse from file://; the
            # theme's offline plugin then loads a shim from a CDN unless one is listed here.
            config.extra["polyfills"] = [OFFLINE_SHIM]
        self.final_site = None
        try:  # a read-only checkout ends here, in the one line MkDocs prints for a build error
            if self.building and not self.dirty:
                # A failed build must leave the last good site to serve: build beside it, swap on success.
                self.final_site = Path(config.site_dir)
                config.site_dir = str(site_swap.prepare(self.final_site))
            elif self.building:
                site_swap.writable(Path(config.site_dir))
        except OSError as error:
            raise PluginError(file_error_line(error)) from error
        return config

    def preview_only(self, preview: Preview) -> None:
        """Build only the pages of a record's preview (`katalog preview`), checked already."""
        self.preview = preview

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.serving:
            return self._add_pages(files, config)
        # What the rebuild makes here lives on until the next (see `FrozenBetweenRebuilds`).
        with collector_paused():
            files = self._add_pages(files, config)
            self.frozen.freeze()
        return files

    def _add_pages(self, files: Files, config: MkDocsConfig) -> Files:
        self.searchable = []
        # After the first build of `serve --dirty`, the open data, the search index, the catalogue
        # browser's index and the sitemap are not refreshed: they cover the whole catalogue (a
        # second of each rebuild at 30,000 innovations), and a preview is about the edited pages.
        self.refresh = not (self.serving and self.dirty and self.built_prints)
        if not self.refresh:
            config.theme.static_templates.discard("sitemap.xml")
        self.indexing = (
            self.config.search and not self.config.offline and self.preview is None and self.refresh
        )
        if self.preview is not None:
            for path, planned in sorted(self.preview.pages.items()):
                files.append(_GeneratedPage.planned(config, path, planned, InclusionLevel.NOT_IN_NAV))
            if self.preview.catalogue is not None:  # the photos of the records read
                for path, data in self._photos(self.preview.catalogue, config)[0].items():
                    files.append(File.generated(config, path, content=data))
            return files
        # `serve` runs a web server's threads beside the build: no forked check there.
        result = check(
            self.root,
            jobs=1 if self.serving else 0,
            cache=self.file_cache if self.serving else None,
            positions=False,
        )
        self.prints = {}
        if result.catalogue is None:
            for item in result.problems:
                where = f"{item.path}:{item.line}:{item.column}" if item.line else item.path
                # Paths and quoted values are the contributor's: no terminal control reaches the log.
                log.error("%s", visible(f"{where}: {message(item, self.config.lang)}"))
            log.error(summary_line(result, self.config.lang))
            if not self.serving:
                raise PluginError("The catalogue has errors; see above (or run `katalog check`).")
            # Under `serve`, keep the server alive and show the errors in place of the home page
            # (so a dirty rebuild must write the home page again once the errors are fixed).
            self.built_prints.pop(paths.HOME, None)
            errors = _errors_page(result.problems, self.config.lang)
            pages: Mapping[str, Callable[[], str]] = {"index.md": lambda: errors}
        else:
            photos, shown = self._photos(result.catalogue, config)
            plan = plan_pages(
                result.catalogue,
                self.config.lang,
                self.config.stale_after_days,
                offline=self.config.offline,
                briefs=self.brief_memo if self.serving else None,
                site_url="" if self.config.offline else config.site_url or "",
                photos=shown,
            )
            for path, data in photos.items():
                files.append(File.generated(config, path, content=data))
            pages = plan
            self.planned = frozenset(plan)
            log.info(
                "katalog: %d records in %d files → %d generated pages",
                result.catalogue.record_count,
                result.files,
                len(pages),
            )
            # Nothing lost: every record the checker accepted must have its page, per kind.
            report = coverage(result.catalogue, pages)
            log.info("katalog: %s", coverage_summary(report))
            _fail_on_missing(report, "generated")
            self.expected = {item.kind: item.expected for item in report}
            if self.dirty:
                self._fingerprint(plan, result.catalogue, config)
        # A dirty build with an earlier build to keep (serve's later rebuilds, `build --dirty`
        # with a saved state) writes only some pages.
        self.writes_all = not (self.dirty and self.built_prints)
        if self.addresses_key != (config.site_dir, config.use_directory_urls):
            self.addresses = {}
        for path, write in pages.items():
            # Generated paths are in MkDocs' own form (`a/b.md`): looked up as they are, without
            # `get_file_from_path`'s pathlib parse (44,000 of them before every build and rebuild).
            existing = files.src_uris.get(path)
            if existing is not None:
                if result.catalogue is not None:
                    raise PluginError(f"docs/{path} would hide a generated page; rename or remove it")
                files.remove(existing)
            inclusion = InclusionLevel.UNDEFINED if path in NAV_PAGES else InclusionLevel.NOT_IN_NAV
            page = _GeneratedPage.planned(config, path, write, inclusion)
            # `serve --dirty` rebuilds only the pages whose inputs changed since it last built them.
            page.modified = path not in self.prints or self.prints[path] != self.built_prints.get(path)
            if self.building and not page.modified and not os.path.exists(page.abs_dest_path):
                page.modified = True  # the site folder lost it (a partial cache): write it again
            if not self.refresh and not page.modified and inclusion is InclusionLevel.NOT_IN_NAV:
                page.keep(self.addresses.get(path))
            files.append(page)
        if self.config.offline:
            shim = (
                Path(config.config_file_path).parent / "node_modules" / "iframe-worker" / "shim" / "index.js"
            )
            if not shim.is_file():
                raise PluginError(f"{shim} is missing: run `npm ci` (or `make install`) first")
            files.append(File.generated(config, OFFLINE_SHIM, abs_src_path=str(shim)))
        self.catalogue, self.files = result.catalogue, files
        return files

    def _photos(self, catalogue: Catalogue, config: MkDocsConfig) -> tuple[dict[str, bytes], bool]:
        """The web copies of the catalogue's photos, by site path, and whether pages show them:
        not in an offline copy that they would make too heavy."""
        cache = Path(config.config_file_path).parent / Path(self.config.build_state).parent / "media"
        try:
            photos = photo_files(catalogue, self.root, cache)
        except (OSError, ValueError) as error:
            raise PluginError(f"katalog: a photo could not be made ready for the web: {error}") from error
        if self.config.offline and not within(photos, self.config.offline_photos_mb):
            log.info(
                "katalog: the offline copy leaves out the %d photos (more than %d MB)",
                len(photos),
                self.config.offline_photos_mb,
            )
            return {}, False
        return photos, True

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        jobs = self.config.jobs or os.cpu_count() or 1
        # Only a plain build forks: `serve` rebuilds in place, and the offline copy's theme search
        # plugin must see every page in one process.
        forkable = hasattr(os, "fork")  # not on Windows: build in one process there
        if not (forkable and self.building and not self.config.offline and self.preview is None):
            jobs = 1
        self.nav_pages = frozenset(page.file.src_uri for page in nav.pages)
        self.converter.install()
        if self.catalogue is not None:
            self.parallel = ParallelBuild(
                jobs, shared=self.nav_pages, anchor_level=config.validation.links.anchors
            )
            self.parallel.start(files)
            if self.parallel.writes_side_files and self.refresh:
                # The catalogue browser's index and the open data need only the pages' addresses.
                self._write_browse_index(Path(config.site_dir), config.use_directory_urls)
                self._write_exports(config)
            if self.parallel.writes_side_files:
                # A few small files, and an edit can move a page (a theme used for the first time).
                self._write_redirects(config)
        return nav

    def on_build_error(self, *, error: Exception) -> None:
        if self.final_site is not None:
            site_swap.discard(self.final_site)
        self.pending_state = None  # the state of the build before stays (see `_fingerprint`)
        self.converter.restore()
        self._release_pages()
        if self.parallel is not None:
            parallel, self.parallel = self.parallel, None
            parallel.abort()  # a child process ends here

    def on_shutdown(self) -> None:
        self.content_watch.stop()
        if self.serving:
            self.frozen.release()

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        folders = [self.root / name for name in CONTENT_DIRS]
        self.content_watch.start(server, [folder for folder in folders if folder.is_dir()])
        return server

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        # The theme's templates are compiled anew in every build, and `serve` builds often.
        env.bytecode_cache = compiled_templates()
        shared = SharedParts(self.nav_pages)
        shared.watch_urls(env)
        env.globals["katalog_shared"] = shared
        return env

    def on_page_markdown(self, markdown: str, *, page: Any, config: MkDocsConfig, files: Files) -> str:
        # Pages Pagefind leaves out (`search: false`: briefs, the browser, the network) stay out of
        # the theme's search in the offline copy too; it only knows `search: {exclude: true}`.
        if self.config.offline and page.meta.get("search") is False:
            page.meta["search"] = {"exclude": True}
        if self.preview is not None:
            return preview_notice(markdown, len(self.preview.pages), self.config.lang)
        return markdown

    def on_post_page(self, output: str, *, page: Any, config: MkDocsConfig) -> str:
        output = compact(output)
        self._read_for_search(page.file.dest_uri, output)
        # The offline copy runs the search shim's inline script inside an iframe, which a
        # hash-based policy cannot allow; its content is the same checked catalogue.
        return output if self.config.offline else add_policy(output, page.content or "")

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        # Theme pages built outside the page loop (404.html) get the same treatment.
        if not template_name.endswith(".html"):
            return output_content
        output = compact(output_content)
        self._read_for_search(template_name, output)
        return output if self.config.offline else add_policy(output)

    def _read_for_search(self, dest: str, output: str) -> None:
        """Keep the page's search document (the page is in memory now: no second read later)."""
        if self.indexing and SEARCH_MARKER in output:
            found = document(dest, output)
            if found is not None:
                self.searchable.append(found)

    @event_priority(-100)
    def _commit(self, *, config: MkDocsConfig) -> None:
        """After every plugin's `on_post_build`: publish the site and the state, unless `--strict`
        is about to abort (then `on_build_error` follows and throws the build away)."""
        if config.strict and site_swap.strict_warnings():
            return
        if self.pending_state is not None:
            self._save_state(*self.pending_state)
            self.pending_state = None
        if self.final_site is not None:
            site_swap.promote(self.final_site)
            config.site_dir = str(self.final_site)
            self.final_site = None

    def _post_build(self, *, config: MkDocsConfig) -> None:
        self.converter.restore()
        self._release_pages()
        if self.parallel is not None:
            parallel, self.parallel = self.parallel, None
            try:
                # A child process ends here; the parent waits for them.
                self.searchable = parallel.finish(self.searchable)
            except RuntimeError as error:
                raise PluginError(str(error)) from error
        _rewrite_sitemap_gz(Path(config.site_dir))
        if self.preview is not None:
            return  # a few pages: no open data, no search index, no build state
        changed = self.changed
        if self.catalogue is not None:
            self._check_built(Path(config.site_dir))
            if self.dirty:
                removed = self._remove_gone_pages(config)
                if self.building:
                    self.pending_state = (config, changed, removed)
            self.built_prints = self.prints
            if self.serving:
                self._remember_addresses(config)
        if not self.refresh:
            log.info(
                "katalog: rebuilt %d changed page(s); open data, search index, catalogue browser's index"
                " and sitemap kept",
                changed,
            )
        elif self.indexing:
            self._index_search(config)

    on_post_build = CombinedEvent(_post_build, _commit)

    def _release_pages(self) -> None:
        """Under `serve`, let the build's page objects go before the next build freezes its files."""
        if self.serving and self.files is not None:
            self.frozen.release_pages(self.files)

    def _write_exports(self, config: MkDocsConfig) -> None:
        """Open data (docs/data/referensi.md): JSON with its schema, CSV, one JSON per record, Atom feeds."""
        assert self.catalogue is not None
        from ..opendata.exports import build_exports, write_exports

        exports = build_exports(
            self.catalogue,
            site_url=config.site_url or "",
            url_of=functools.partial(paths.url, directory_urls=config.use_directory_urls),
            lang=self.config.lang,
        )
        write_exports(exports, Path(config.site_dir))
        log.info("katalog: %d open-data files written to %s/data", len(exports), config.site_dir)

    def _write_redirects(self, config: MkDocsConfig) -> None:
        """Pages at the addresses of pages that moved (`site/redirects.py`), sending visitors on."""
        assert self.catalogue is not None
        moved = moved_pages(self.catalogue, self.planned)
        count = write_redirects(Path(config.site_dir), moved, config.use_directory_urls, self.config.lang)
        if count:
            log.info("katalog: %d redirect page(s) at moved pages' old addresses", count)

    def _index_search(self, config: MkDocsConfig) -> None:
        site = Path(config.site_dir)
        documents = self.searchable if self.writes_all else self._all_documents(config)
        count = index_site(site, documents, self.config.lang)
        if self.building and self.dirty:
            # Saved before the state; read only under the state's key, which the next build checks.
            save_documents(self._documents_path(config), self.state_key, documents)
        log.info("katalog: search index of %d pages written to %s/search-index", count, config.site_dir)

    def _all_documents(self, config: MkDocsConfig) -> list[Document]:
        """A `--dirty` build's documents: those of the pages it wrote, and the last build's for the
        pages it kept (else every page is read from the site folder)."""
        site = Path(config.site_dir)
        kept = load_documents(self._documents_path(config), self.state_key) if self.building else None
        if kept is None:
            return list(read_documents(site))
        documents = {d.url: d for d in kept if (site / paths.built_file(d.url)).is_file()}
        documents |= {d.url: d for d in self.searchable}
        log.info(
            "katalog: search index: %d page(s) read now, %d kept from the last build",
            len(self.searchable),
            len(documents) - len(self.searchable),
        )
        return list(documents.values())

    def _documents_path(self, config: MkDocsConfig) -> Path:
        state = self._state_path(config)
        return state.with_name(state.stem + "-search.json")

    @property
    def changed(self) -> int:
        return sum(1 for path, value in self.prints.items() if self.built_prints.get(path) != value)

    def _fingerprint(self, plan: PagePlan, catalogue: Catalogue, config: MkDocsConfig) -> None:
        """Each page's input fingerprint; for `build --dirty`, also those of the last build."""
        if self.serving:
            versions = stat_versions(self.root, catalogue)
            self.prints = fingerprints(plan, catalogue, versions, self.known_pages)
            return
        self.prints = fingerprints(plan, catalogue, content_versions(self.root, catalogue))
        self.state_key = self._state_key(config)
        self.built_prints = build_state.load(self._state_path(config), *self.state_key)
        # Until this build succeeds, the state keeps only the pages it will not rewrite: a failed
        # or stopped build leaves the others half-done, so the next build writes them again.
        kept = {p: v for p, v in self.built_prints.items() if self.prints.get(p, v) == v}
        # No usable state: an older one may match again once an edit is undone; it is dropped.
        if kept != self.built_prints or not kept:
            build_state.save(self._state_path(config), *self.state_key, kept)
        if not self.built_prints:
            # No state for this code, configuration and site folder: start from an empty folder,
            # as a clean build does, so that no file of an earlier build is left behind.
            clean_directory(config.site_dir)
        log.info(
            "katalog: incremental build: %d of %d pages changed since the last build",
            self.changed,
            len(self.prints),
        )

    def _remember_addresses(self, config: MkDocsConfig) -> None:
        assert self.files is not None
        found = self.files.src_uris
        self.addresses = {
            path: (file.dest_uri, file.url, file.abs_dest_path)
            for path in self.prints
            if (file := found.get(path)) is not None
        }
        self.addresses_key = (config.site_dir, config.use_directory_urls)

    def _state_path(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path).parent / self.config.build_state

    def _state_key(self, config: MkDocsConfig) -> tuple[str, str]:
        """What the saved fingerprints are valid for: this code, theme and configuration, and
        this site folder (relative to mkdocs.yml, so that a moved checkout keeps its cache)."""
        here = Path(config.config_file_path).parent
        folders = [Path(__file__).parents[1], Path(config.docs_dir)]
        if config.theme.custom_dir:
            folders.append(Path(config.theme.custom_dir))
        tool = build_state.tool_digest(folders, [Path(config.config_file_path)])
        return tool, os.path.relpath(config.site_dir, here)

    def _remove_gone_pages(self, config: MkDocsConfig) -> int:
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

    def _save_state(self, config: MkDocsConfig, changed: int, removed: int) -> None:
        build_state.save(self._state_path(config), *self.state_key, self.prints)
        log.info("katalog: %d page(s) rebuilt, %d removed; build state saved", changed, removed)

    def _check_built(self, site: Path) -> None:
        """Every record page was written as HTML: configuration (`exclude_docs`, a draft setting)
        or another plugin could otherwise drop pages after they were generated."""
        assert self.catalogue is not None and self.files is not None
        files = self.files
        built = set()
        for kind in self.expected.values():
            for path in kind.values():
                file = files.src_uris.get(path)
                if file is None:
                    continue
                # A page a dirty build kept was found at the check of the build that wrote it (and
                # `on_files` rewrites those missing from the site folder).
                kept = not self.writes_all and not file.is_modified()
                if kept or Path(file.abs_dest_path).is_file():
                    built.add(path)
        _fail_on_missing(coverage(self.catalogue, built, self.expected), f"built into {site}")

    def _write_browse_index(self, site: Path, directory_urls: bool) -> None:
        """The catalogue browser's JSON index, with each innovation's URL as MkDocs built it."""
        assert self.catalogue is not None
        url_of = functools.partial(paths.url, directory_urls=directory_urls)
        index = build_browse_index(self.catalogue, url_of, self.config.lang)
        if self.config.offline:
            index = as_scripts(index)
        for rel, data in index.items():
            target = site / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)


def _accurate_dirty_build(record: logging.LogRecord) -> bool:
    """Drop MkDocs' warning that a dirty build may leave stale navigation and links: this plugin
    rebuilds every page whose inputs changed, and all of them when the theme, configuration or
    hand-written pages did (build_state.py). `mkdocs build --dirty --strict` then passes."""
    return not record.getMessage().startswith("A 'dirty' build is being performed")


class _GeneratedPage(File):
    """A generated page whose Markdown is written when MkDocs reads it, and not kept.

    The build reads each page in the process that builds it (see `parallel_build`); holding
    40,000 pages of Markdown in every process would only cost memory.
    """

    _write: Callable[[], str]
    # Whether `serve --dirty` must rebuild it (MkDocs asks `is_modified`).
    modified: bool = True
    # Whether a serve rebuild keeps it as it is: then it is no documentation page to MkDocs.
    kept: bool = False

    @classmethod
    def planned(
        cls, config: MkDocsConfig, path: str, write: Callable[[], str], inclusion: InclusionLevel
    ) -> _GeneratedPage:
        page = cls.generated(config, path, content="", inclusion=inclusion)
        assert isinstance(page, cls)
        page._write = write
        return page

    def __init__(
        self,
        path: str,
        src_dir: str | None,
        dest_dir: str,
        use_directory_urls: bool,
        *,
        dest_uri: str | None = None,
        inclusion: InclusionLevel = InclusionLevel.UNDEFINED,
    ) -> None:
        # Generated paths are in MkDocs' own form already (`a/b.md`, paths.py): set as they are,
        # without `File.src_path`'s pathlib parse (44,000 per build and per serve rebuild).
        self.src_uri = path
        self.src_dir = src_dir
        self.dest_dir = dest_dir
        self.use_directory_urls = use_directory_urls
        if dest_uri is not None:
            self.dest_uri = dest_uri
        self.inclusion = inclusion

    def is_modified(self) -> bool:
        return self.modified

    def keep(self, address: tuple[str, str, str] | None) -> None:
        """For a serve rebuild, an unchanged record page becomes a plain file to MkDocs: links to it
        still resolve, and MkDocs neither makes a page object of it nor looks at it again.

        `address`: its destination, URL and file as MkDocs worked them out in the last build.
        """
        if address is not None:
            # MkDocs keeps these in the instance once worked out (cached properties).
            self.dest_uri, self.url, self.abs_dest_path = address
        else:
            # Fixed while it still is a page: a plain file's address would be its source path.
            _ = self.url, self.abs_dest_path
        self.kept = True

    def is_documentation_page(self) -> bool:
        return not self.kept and super().is_documentation_page()

    @property
    def content_string(self) -> str:
        return self._write()

    @content_string.setter
    def content_string(self, value: str) -> None:
        self._write = lambda: value

    @property
    def content_bytes(self) -> bytes:
        return self._write().encode("utf-8")

    @content_bytes.setter
    def content_bytes(self, value: bytes) -> None:
        text = value.decode("utf-8")
        self._write = lambda: text


def _rewrite_sitemap_gz(site: Path) -> None:
    """MkDocs stamps the gzip header with the build time; rewrite it so builds are byte-identical."""
    sitemap = site / "sitemap.xml"
    if sitemap.is_file():
        with (
            open(site / "sitemap.xml.gz", "wb") as raw,
            gzip.GzipFile(filename="sitemap.xml", fileobj=raw, mode="wb", mtime=0) as packed,
        ):
            packed.write(sitemap.read_bytes())


def _fail_on_missing(report: list[KindCoverage], stage: str) -> None:
    """Stop the build when a record the checker accepted has no page: never publish a site without it."""
    missing = missing_pages(report)
    if missing:
        listed = "\n".join(f"  {item}" for item in missing)
        raise PluginError(
            f"katalog: {len(missing)} accepted record(s) have no page {stage} "
            f"({coverage_summary(report)}):\n{listed}"
        )


def _errors_page(problems: list[Any], lang: str) -> str:
    return PageRenderer(lang).render(
        "errors.md.j2", "index.md", problems=problems, message=message, lang=lang
    )

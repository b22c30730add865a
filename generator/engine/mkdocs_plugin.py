"""The MkDocs adapter: hands the generated pages to MkDocs and indexes the built site for search.

Everything else (checking, relations, page content) lives in the engine-agnostic library.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation

from ..content.catalogue import Catalogue
from ..content.check import check
from ..content.collector import FrozenBetweenRebuilds, collector_paused
from ..content.file_checks import FileCache
from ..content.files import CONTENT_DIRS
from ..content.labels import texts as label_texts
from ..content.messages import file_error_line
from ..contrib.preview import Preview, preview_notice
from ..publish.side_files import SiteAddresses, write_browse_index, write_moved_pages, write_open_data
from ..publish.sitemap import write_sitemap_gz
from ..site import paths
from ..site.briefs import BriefMemo
from ..site.coverage import coverage
from ..site.coverage import summary as coverage_summary
from ..site.pages import plan_pages
from ..site.paths import NAV as NAV_PAGES
from ..site.render import compiled_templates
from . import ENGINE, logger, site_swap
from .compact_html import compact
from .content_watch import ContentWatch
from .csp import add_policy
from .extra_files import OFFLINE_SHIM, offline_shim, web_photos
from .generated_page import GeneratedPage
from .incremental import IncrementalState
from .page_checks import check_built, errors_page, fail_on_missing, log_problems
from .page_render import OneConverter
from .parallel_build import ParallelBuild
from .plugin_config import KatalogConfig
from .search_pages import SearchPages
from .shared_parts import SharedParts

log = logger()


class KatalogPlugin(BasePlugin[KatalogConfig]):
    """Adds the catalogue's generated pages to the build; keeps record pages out of the nav."""

    def __init__(self) -> None:
        self.serving = False
        self.building = False
        self.dirty = False
        # Kept across the rebuilds of one `mkdocs serve` (a plugin with `on_startup` lives on):
        # per-file check results, and each page's fingerprint as last built.
        self.file_cache = FileCache()
        self.state = IncrementalState()
        self.brief_memo = BriefMemo()
        self.frozen = FrozenBetweenRebuilds()
        self.content_watch = ContentWatch()
        # Where MkDocs put each generated page in the last build (destination, URL, file), for
        # the pages a serve rebuild keeps; valid for one site folder and URL style (the key).
        self.addresses: dict[str, tuple[str, str, str]] = {}
        self.addresses_key: tuple[str, bool] = ("", False)
        # The search index's documents, read from the pages as they are written, and whether this
        # build writes every page (else the index reads them all from the site folder).
        self.search = SearchPages()
        self.refresh = True
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
            logging.getLogger(f"{ENGINE}.commands.build").addFilter(_accurate_dirty_build)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = (Path(config.config_file_path).parent / self.config.root).resolve()
        # Theme overrides read their labels from here, so every label lives in one table.
        config.extra["labels"] = label_texts(self.config.lang)
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
        # After the first build of `serve --dirty`, the open data, the search index, the catalogue
        # browser's index and the sitemap are not refreshed: they cover the whole catalogue (a
        # second of each rebuild at 30,000 innovations), and a preview is about the edited pages.
        self.refresh = not (self.serving and self.dirty and self.state.built_prints)
        if not self.refresh:
            config.theme.static_templates.discard("sitemap.xml")
        self.search.start(
            self.config.search and not self.config.offline and self.preview is None and self.refresh
        )
        if self.preview is not None:
            for path, planned in sorted(self.preview.pages.items()):
                files.append(GeneratedPage.planned(config, path, planned, InclusionLevel.NOT_IN_NAV))
            if self.preview.catalogue is not None:  # the photos of the records read
                photos, _ = web_photos(self.preview.catalogue, self.root, config, self.config)
                for path, data in photos.items():
                    files.append(File.generated(config, path, content=data))
            return files
        # `serve` runs a web server's threads beside the build: no forked check there.
        result = check(
            self.root,
            jobs=1 if self.serving else 0,
            cache=self.file_cache if self.serving else None,
            positions=False,
        )
        self.state.prints = {}
        if result.catalogue is None:
            log_problems(result, self.config.lang)
            if not self.serving:
                raise PluginError("The catalogue has errors; see above (or run `katalog check`).")
            # Under `serve`, keep the server alive and show the errors in place of the home page
            # (so a dirty rebuild must write the home page again once the errors are fixed).
            self.state.built_prints.pop(paths.HOME, None)
            errors = errors_page(result.problems, self.config.lang)
            pages: Mapping[str, Callable[[], str]] = {"index.md": lambda: errors}
        else:
            photos, shown = web_photos(result.catalogue, self.root, config, self.config)
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
            fail_on_missing(report, "generated")
            self.expected = {item.kind: item.expected for item in report}
            if self.dirty:
                if self.serving:
                    self.state.fingerprint_serve(plan, result.catalogue, self.root)
                else:
                    self.state.fingerprint_build(
                        plan, result.catalogue, self.root, config, self._state_path(config)
                    )
        # A dirty build with an earlier build to keep (serve's later rebuilds, `build --dirty`
        # with a saved state) writes only some pages.
        self.writes_all = not (self.dirty and self.state.built_prints)
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
            page = GeneratedPage.planned(config, path, write, inclusion)
            # `serve --dirty` rebuilds only the pages whose inputs changed since it last built them.
            page.modified = self.state.modified(path)
            if self.building and not page.modified and not os.path.exists(page.abs_dest_path):
                page.modified = True  # the site folder lost it (a partial cache): write it again
            if not self.refresh and not page.modified and inclusion is InclusionLevel.NOT_IN_NAV:
                page.keep(self.addresses.get(path))
            files.append(page)
        if self.config.offline:
            files.append(offline_shim(config))
        self.catalogue, self.files = result.catalogue, files
        return files

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
            if self.parallel.writes_side_files:
                self._write_side_files(config)
        return nav

    def on_build_error(self, *, error: Exception) -> None:
        if self.final_site is not None:
            site_swap.discard(self.final_site)
        self.pending_state = (
            None  # the state of the build before stays (see `IncrementalState.fingerprint_build`)
        )
        self.converter.restore()
        self._release_pages()
        if self.parallel is not None:
            parallel, self.parallel = self.parallel, None
            parallel.abort(error)  # a child process ends here

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
        self.search.read(page.file.dest_uri, output)
        # The offline copy runs the search shim's inline script inside an iframe, which a
        # hash-based policy cannot allow; its content is the same checked catalogue.
        return output if self.config.offline else add_policy(output, page.content or "")

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        # Theme pages built outside the page loop (404.html) get the same treatment.
        if not template_name.endswith(".html"):
            return output_content
        output = compact(output_content)
        self.search.read(template_name, output)
        return output if self.config.offline else add_policy(output)

    @event_priority(-100)
    def _commit(self, *, config: MkDocsConfig) -> None:
        """After every plugin's `on_post_build`: publish the site and the state, unless `--strict`
        is about to abort (then `on_build_error` follows and throws the build away)."""
        if config.strict and site_swap.strict_warnings():
            return
        if self.pending_state is not None:
            saved, changed, removed = self.pending_state
            self.state.save(self._state_path(saved), changed, removed)
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
                self.search.documents = parallel.finish(self.search.documents)
            except RuntimeError as error:
                raise PluginError(str(error)) from error
        write_sitemap_gz(Path(config.site_dir))
        if self.preview is not None:
            return  # a few pages: no open data, no search index, no build state
        changed = self.state.changed
        if self.catalogue is not None:
            assert self.files is not None
            check_built(self.catalogue, self.files, self.expected, self.writes_all, Path(config.site_dir))
            if self.dirty:
                removed = self.state.remove_gone_pages(config)
                if self.building:
                    self.pending_state = (config, changed, removed)
            self.state.built_prints = self.state.prints
            if self.serving:
                self._remember_addresses(config)
        if not self.refresh:
            log.info(
                "katalog: rebuilt %d changed page(s); open data, search index, catalogue browser's index"
                " and sitemap kept",
                changed,
            )
        elif self.search.indexing:
            state = self._state_path(config) if self.building and self.dirty else None
            self.search.write(Path(config.site_dir), self.config.lang, self.state, state, self.writes_all)

    on_post_build = CombinedEvent(_post_build, _commit)

    def _release_pages(self) -> None:
        """Under `serve`, let the build's page objects go before the next build freezes its files."""
        if self.serving and self.files is not None:
            self.frozen.release_pages(self.files)

    def _write_side_files(self, config: MkDocsConfig) -> None:
        """The catalogue browser's index and the open data (they need only the pages' addresses),
        and the redirect pages: a few small files, and an edit can move a page."""
        assert self.catalogue is not None
        site = Path(config.site_dir)
        if self.refresh:
            addresses = SiteAddresses(config.site_url or "", config.use_directory_urls)
            lang = self.config.lang
            write_browse_index(self.catalogue, site, addresses, lang, offline=self.config.offline)
            count = write_open_data(self.catalogue, site, addresses, lang)
            log.info("katalog: %d open-data files written to %s/data", count, site)
        moved = write_moved_pages(
            self.catalogue, site, self.planned, config.use_directory_urls, self.config.lang
        )
        if moved:
            log.info("katalog: %d redirect page(s) at moved pages' old addresses", moved)

    def _remember_addresses(self, config: MkDocsConfig) -> None:
        assert self.files is not None
        found = self.files.src_uris
        self.addresses = {
            path: (file.dest_uri, file.url, file.abs_dest_path)
            for path in self.state.prints
            if (file := found.get(path)) is not None
        }
        self.addresses_key = (config.site_dir, config.use_directory_urls)

    def _state_path(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path).parent / self.config.build_state


def _accurate_dirty_build(record: logging.LogRecord) -> bool:
    """Drop MkDocs' warning that a dirty build may leave stale navigation and links: this plugin
    rebuilds every page whose inputs changed, and all of them when the theme, configuration or
    hand-written pages did (build_state.py). `mkdocs build --dirty --strict` then passes."""
    return not record.getMessage().startswith("A 'dirty' build is being performed")

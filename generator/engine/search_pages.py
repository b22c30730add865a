"""The search index's documents, read from each page as MkDocs writes it, and the index written."""

from __future__ import annotations

from pathlib import Path

from ..search.search_index import Document, document, index_site
from ..search.search_text import MARKER as SEARCH_MARKER
from . import logger
from .incremental import IncrementalState

log = logger()


class SearchPages:
    """Collects the documents of one build; `indexing` is whether this build writes the index."""

    def __init__(self) -> None:
        self.documents: list[Document] = []
        self.indexing = False

    def start(self, indexing: bool) -> None:
        self.documents = []
        self.indexing = indexing

    def read(self, dest: str, output: str) -> None:
        """Keep the page's search document (the page is in memory now: no second read later)."""
        if self.indexing and SEARCH_MARKER in output:
            found = document(dest, output)
            if found is not None:
                self.documents.append(found)

    def write(
        self, site: Path, lang: str, state: IncrementalState, state_path: Path | None, writes_all: bool
    ) -> None:
        """Write the index into `site`. A build that wrote only some pages takes the others'
        documents from the last build's state (`state_path`, for `build --dirty`) or the site."""
        documents = self.documents if writes_all else state.all_documents(site, self.documents, state_path)
        count = index_site(site, documents, lang)
        if state_path is not None:
            state.save_documents(state_path, documents)
        log.info("katalog: search index of %d pages written to %s/search-index", count, site)

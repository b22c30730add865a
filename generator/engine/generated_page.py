"""A page the plugin hands to MkDocs: its Markdown is written when MkDocs reads it."""

from __future__ import annotations

from collections.abc import Callable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, InclusionLevel


class GeneratedPage(File):
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
    ) -> GeneratedPage:
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

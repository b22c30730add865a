"""The build's proofs that nothing the checker accepted is lost, and what a build shows instead
of the site when the catalogue has errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from ..content.catalogue import Catalogue
from ..content.check import CheckResult
from ..content.messages import message
from ..content.report import summary_line
from ..content.text_safety import visible
from ..site.coverage import KindCoverage, coverage, missing_pages
from ..site.coverage import summary as coverage_summary
from ..site.render import PageRenderer
from . import logger

log = logger()


def log_problems(result: CheckResult, lang: str) -> None:
    """Every problem of `result` as an error line of the build log, then the summary."""
    for item in result.problems:
        where = f"{item.path}:{item.line}:{item.column}" if item.line else item.path
        # Paths and quoted values are the contributor's: no terminal control reaches the log.
        log.error("%s", visible(f"{where}: {message(item, lang)}"))
    log.error(summary_line(result, lang))


def check_built(
    catalogue: Catalogue, files: Files, expected: dict[str, dict[str, str]], writes_all: bool, site: Path
) -> None:
    """Every record page was written as HTML: configuration (`exclude_docs`, a draft setting)
    or another plugin could otherwise drop pages after they were generated."""
    built = set()
    for kind in expected.values():
        for path in kind.values():
            file = files.src_uris.get(path)
            if file is None:
                continue
            # A page a dirty build kept was found at the check of the build that wrote it (and
            # `on_files` rewrites those missing from the site folder).
            kept = not writes_all and not file.is_modified()
            if kept or Path(file.abs_dest_path).is_file():
                built.add(path)
    fail_on_missing(coverage(catalogue, built, expected), f"built into {site}")


def fail_on_missing(report: list[KindCoverage], stage: str) -> None:
    """Stop the build when a record the checker accepted has no page: never publish a site without it."""
    missing = missing_pages(report)
    if missing:
        listed = "\n".join(f"  {item}" for item in missing)
        raise PluginError(
            f"katalog: {len(missing)} accepted record(s) have no page {stage} "
            f"({coverage_summary(report)}):\n{listed}"
        )


def errors_page(problems: list[Any], lang: str) -> str:
    return PageRenderer(lang).render(
        "errors.md.j2", "index.md", problems=problems, message=message, lang=lang
    )

"""The engine adapter: the only package that imports an engine, MkDocs or ProperDocs.

The plugin hands the generated pages to the engine and wires the `katalog` build steps
(`generator.publish`) into its events; around it the parallel and incremental build, the
theme-part cache and the HTML post-processing, and the offline copy.

ProperDocs, MkDocs' maintained fork, answers every `mkdocs.*` import once `properdocs.replacement`
is imported. Importing this package does that when MkDocs itself is absent, so the modules here
import `mkdocs` under either engine; `ENGINE` is the running engine's name, whose logger counts
warnings for `--strict`.
"""

from __future__ import annotations

import importlib
import logging


class EngineMissing(ImportError):
    """Neither MkDocs nor ProperDocs is installed."""


try:
    import mkdocs
except ModuleNotFoundError:
    try:
        importlib.import_module("properdocs.replacement")
    except ModuleNotFoundError as error:
        raise EngineMissing(
            "this command needs MkDocs or ProperDocs: pip install mkdocs==1.6.1 (or properdocs==1.6.7)"
        ) from error
    import mkdocs

ENGINE = mkdocs.__name__


def logger() -> logging.Logger:
    """The plugin's logger, under the running engine's (a warning there counts for `--strict`)."""
    return logging.getLogger(f"{ENGINE}.plugins.katalog")

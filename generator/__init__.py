"""Katalog Inovasi Daerah: YAML records in, a checked catalogue and engine-agnostic pages out.

The package's folders are the data flow: `content` (load, validate, check) → `site` (relations,
pages) → `search`, `opendata`, `contrib` (tools for contributors) → `engine` (the MkDocs adapter,
the only package that imports an engine) and `cli`. `pyproject.toml` keeps the layers with
import-linter contracts.

The public API, imported on first use: `import generator` stays cheap for forked workers and
one-shot commands.
"""

from __future__ import annotations

import importlib
from typing import Any

# Public name → the module that defines it.
_EXPORTS = {
    "Agency": "content.model",
    "Agreement": "content.model",
    "Innovation": "content.model",
    "Region": "content.model",
    "Visit": "content.model",
    "Catalogue": "content.catalogue",
    "CheckResult": "content.check",
    "check": "content.check",
    "load_catalogue": "content.check",
    "CatalogueError": "content.problems",
    "Problem": "content.problems",
    "record_schema": "content.schema",
    "Relations": "site.relations",
    "build_relations": "site.relations",
    "build_pages": "site.pages",
    "Preview": "contrib.preview",
    "PreviewError": "contrib.preview",
    "preview": "contrib.preview",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'generator' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    globals()[name] = value  # looked up once
    return value

"""Katalog Inovasi Daerah: YAML records in, a checked catalogue and engine-agnostic pages out.

The public API; the MkDocs adapter (`generator.mkdocs_plugin`) and the CLI (`generator.cli`) are
thin layers over it.
"""

from .catalogue import Catalogue
from .check import CheckResult, check, load_catalogue
from .model import Agency, Agreement, Innovation, Region
from .pages import build_pages
from .preview import Preview, PreviewError, preview
from .problems import CatalogueError, Problem
from .relations import Relations, build_relations
from .schema import record_schema

__all__ = [
    "Agency",
    "Agreement",
    "Catalogue",
    "CatalogueError",
    "CheckResult",
    "Innovation",
    "Preview",
    "PreviewError",
    "Problem",
    "Region",
    "Relations",
    "build_pages",
    "build_relations",
    "check",
    "load_catalogue",
    "preview",
    "record_schema",
]

"""The site's Markdown engine for tests: Python-Markdown with the extensions mkdocs.yml enables."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import markdown
from mkdocs.utils.yaml import yaml_load  # reads mkdocs.yml's !ENV settings as MkDocs does

MKDOCS_YML = Path(__file__).resolve().parents[1] / "mkdocs.yml"


def site_markdown() -> markdown.Markdown:
    """A new Python-Markdown with the extensions (and their settings) that mkdocs.yml names."""
    config = yaml_load(MKDOCS_YML.read_text(encoding="utf-8"))
    names: list[str] = []
    configs: dict[str, Any] = {}
    for entry in config["markdown_extensions"]:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        names.append(name)
        if options:
            configs[name] = options
    return markdown.Markdown(extensions=names, extension_configs=configs)

"""The generator's own data files (labels, messages, vocabularies, forms…), read as YAML."""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml


def read_data(relative: str, package: str = "generator") -> Any:
    """The YAML file at `relative` inside `package` ("data/labels.yml"), parsed. These files are the
    project's own, not contributors': a mistake in one is a bug, and raises."""
    text = (resources.files(package) / relative).read_text(encoding="utf-8")
    return yaml.load(text, Loader=yaml.CSafeLoader)

"""The site's words: every label of pages, search answers, feeds and the theme, in each language.

One table (`data/labels.yml`) read by the page templates, the search index, the open data and the
theme overrides alike; reading it needs no template engine.
"""

from __future__ import annotations

import functools
from typing import Any

from .data_files import read_data


@functools.cache
def labels() -> dict[str, dict[str, Any]]:
    """UI labels by key, each with an `id` and an `en` text."""
    data: dict[str, dict[str, Any]] = read_data("data/labels.yml")
    return data


def texts(lang: str) -> dict[str, Any]:
    """Every label in `lang`, by key (what the theme overrides read as `config.extra.labels`)."""
    return {key: entry[lang] for key, entry in labels().items()}

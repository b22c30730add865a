"""`data/exports.yml`: the content licence and the feeds' texts, read once."""

from __future__ import annotations

import functools
from typing import Any

from ..content.data_files import read_data


@functools.cache
def settings() -> dict[str, Any]:
    """The licence (`license`), the publisher's name (`publisher`) and the feeds' texts (`feed`)."""
    data: dict[str, Any] = read_data("data/exports.yml")
    return data

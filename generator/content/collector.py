"""Python's cycle collector: paused where many objects are made and no reference cycle (the check,
the review), and kept off what `mkdocs serve` holds between rebuilds.

A rebuild's check and plan make about a million small objects that live until the next rebuild:
records, lists, dicts and tuples, none of them in a reference cycle. CPython's collector makes a
full pass over every tracked object each time the survivors grow by a quarter; those passes find
nothing and took a third of a serve rebuild at 30,000 innovations (planning 5.6 s with them,
2.9 s without). So the collector is paused while they are made (reference counting frees
everything as usual meanwhile), and then they are frozen out of its passes.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterable, Iterator
from typing import Any


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cycle collector for the block (or, as a decorator, for the function)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class FrozenBetweenRebuilds:
    """Under `mkdocs serve`, what a rebuild leaves for the next is frozen: the checked records,
    the plan, the page files (over a million objects at 30,000 innovations). The collector's passes
    then leave it out; without this, each rebuild paid one full pass over it (1.5 to 4 s).

    A frozen object that later dies in a reference cycle is not freed, nor is what it points at.
    MkDocs' page objects and their files point at each other: at the end of each build the files
    let go of their pages, and what is not frozen is collected (after a small rebuild, little).
    Whatever else a build leaves frozen (its configuration) is freed by one full collection once
    the frozen set has grown by a quarter.
    """

    def __init__(self) -> None:
        # Objects frozen right after the last full collection (or the first freeze).
        self.baseline = 0

    def freeze(self) -> None:
        """Freeze what is alive now (the end of a rebuild's planning)."""
        grown = self.baseline and gc.get_freeze_count() > self.baseline * 5 // 4
        if grown:
            gc.unfreeze()
            gc.collect()
        gc.freeze()
        if grown or not self.baseline:
            self.baseline = gc.get_freeze_count()

    def release_pages(self, files: Iterable[Any]) -> None:
        """After a build: cut the files from their page objects, and collect what is not frozen."""
        for file in files:
            if file.page is not None:
                file.page = None
        gc.collect()

    def release(self) -> None:
        """Hand everything back to the collector (the server stops)."""
        gc.unfreeze()

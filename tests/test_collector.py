"""The cycle collector: paused while the catalogue's objects are made, and kept off what a
`mkdocs serve` rebuild leaves for the next, without leaking what dies in a cycle."""

from __future__ import annotations

import gc
import weakref

from generator.content.collector import FrozenBetweenRebuilds, collector_paused


class _Node:
    """An object that can point at itself: garbage only the cycle collector frees."""

    other: object = None
    page: object = None
    file: object = None


def test_the_collector_is_paused_for_the_block_and_left_as_it_was() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_frozen_file_lets_go_of_its_page_after_a_build() -> None:
    frozen = FrozenBetweenRebuilds()
    try:
        file = _Node()
        frozen.freeze()
        page = _Node()
        file.page, page.file = page, file  # as MkDocs links a page and its file
        alive = weakref.ref(page)
        del page
        gc.collect()
        assert alive() is not None  # held by a frozen file
        frozen.release_pages([file])
        assert alive() is None
        assert file.page is None
    finally:
        frozen.release()
    assert gc.get_freeze_count() == 0


def test_a_frozen_set_grown_by_a_quarter_is_collected() -> None:
    frozen = FrozenBetweenRebuilds()
    try:
        frozen.freeze()
        node = _Node()
        node.other = node
        alive = weakref.ref(node)
        del node
        frozen.freeze()  # grown by little: frozen as it is, cycle and all
        gc.collect()
        assert alive() is not None
        grown = [_Node() for _ in range(gc.get_freeze_count() // 3)]
        frozen.freeze()  # the frozen set has grown now: the next freeze collects first
        assert alive() is not None
        frozen.freeze()
        assert alive() is None
        assert grown
    finally:
        frozen.release()

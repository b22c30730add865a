"""`write.write_tree`: writes only what changed, removes stale pages, leaves everything else alone."""

from __future__ import annotations

import os
from pathlib import Path

from generator.content.check import load_catalogue
from generator.site.pages import build_pages
from generator.site.write import write_tree

FIXTURES = Path(__file__).parent / "fixtures"

PAGES = {
    "index.md": "# Beranda\n",
    "inovasi/kabupaten-sumedang/command-center.md": "# Command Center\n",
    "kerja-sama/mou/index.md": "# MoU — Jawa Barat\n",
}


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _age(root: Path) -> None:
    """Set every file's modification time far in the past, to see which ones get written."""
    for path in root.rglob("*"):
        os.utime(path, (1_000_000, 1_000_000))


def test_first_run_writes_every_page_in_a_new_folder(tmp_path: Path) -> None:
    out = tmp_path / "a" / "b"
    assert write_tree(PAGES, out) == list(PAGES)
    assert _files(out) == {rel: text.encode("utf-8") for rel, text in PAGES.items()}


def test_second_run_writes_nothing_and_touches_nothing(tmp_path: Path) -> None:
    write_tree(PAGES, tmp_path)
    _age(tmp_path)
    assert write_tree(PAGES, tmp_path) == []
    assert all(p.stat().st_mtime == 1_000_000 for p in tmp_path.rglob("*.md"))


def test_only_changed_pages_are_rewritten(tmp_path: Path) -> None:
    write_tree(PAGES, tmp_path)
    _age(tmp_path)
    changed = {**PAGES, "index.md": "# Beranda baru\n"}
    assert write_tree(changed, tmp_path) == ["index.md"]
    assert (tmp_path / "index.md").read_text(encoding="utf-8") == "# Beranda baru\n"
    assert (tmp_path / "kerja-sama/mou/index.md").stat().st_mtime == 1_000_000


def test_a_page_edited_by_hand_is_put_back(tmp_path: Path) -> None:
    write_tree(PAGES, tmp_path)
    (tmp_path / "index.md").write_text("# diubah\n", encoding="utf-8")
    assert write_tree(PAGES, tmp_path) == ["index.md"]
    assert (tmp_path / "index.md").read_text(encoding="utf-8") == PAGES["index.md"]


def test_stale_markdown_is_removed_and_other_files_kept(tmp_path: Path) -> None:
    write_tree(PAGES, tmp_path)
    (tmp_path / "inovasi/kabupaten-sumedang/lama.md").write_text("# lama\n", encoding="utf-8")
    (tmp_path / "tag/lama/index.md").parent.mkdir(parents=True)
    (tmp_path / "tag/lama/index.md").write_text("# lama\n", encoding="utf-8")
    (tmp_path / "catatan.txt").write_text("bukan halaman\n", encoding="utf-8")
    fewer = {k: v for k, v in PAGES.items() if k != "kerja-sama/mou/index.md"}
    changed = write_tree(fewer, tmp_path)
    assert sorted(changed) == [
        "inovasi/kabupaten-sumedang/lama.md",
        "kerja-sama/mou/index.md",
        "tag/lama/index.md",
    ]
    assert set(_files(tmp_path)) == {*fewer, "catatan.txt"}


def test_text_is_written_as_utf8_with_newlines_untouched(tmp_path: Path) -> None:
    pages = {"a.md": "Jawa Barat — › “kutip”\r\nbaris\n"}
    write_tree(pages, tmp_path)
    assert (tmp_path / "a.md").read_bytes() == pages["a.md"].encode("utf-8")


def test_generated_pages_round_trip(tmp_path: Path) -> None:
    pages = build_pages(load_catalogue(FIXTURES / "site-relations"))
    assert sorted(write_tree(pages, tmp_path)) == sorted(pages)
    assert _files(tmp_path) == {rel: text.encode("utf-8") for rel, text in pages.items()}
    assert write_tree(pages, tmp_path) == []

"""What the build does faster than MkDocs and Material do it gives the very same site: theme parts
rendered once per set of relative links (generator/engine/shared_parts.py), one Markdown converter for
all pages (generator/engine/page_render.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, set_exclusions
from mkdocs.structure.pages import _RelativePathTreeprocessor

from generator.engine.page_render import OneConverter, _PageLinks
from generator.engine.shared_parts import SharedParts
from generator.site.redirects import is_redirect_page

FIXTURES = Path(__file__).parents[1] / "fixtures"


def _build(project: Path, site: Path) -> None:
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="build", dirty=False)
    # One process, so that what the build did can be counted here.
    config.plugins["katalog"].config.jobs = 1
    build(config)


def _tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("fixture", ["site-relations", "site-visit"])
def test_the_faster_build_writes_what_mkdocs_and_material_write(
    fixture: str, project_factory: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A fresh plugin for each build of this process (MkDocs otherwise keeps it between builds).
    monkeypatch.setattr(dict(MkDocsConfig._schema)["plugins"], "plugin_cache", {})
    project = project_factory(tmp_path / "project", FIXTURES / fixture)
    asked: list[str] = []
    renders: list[str] = []
    shared_call = SharedParts.__call__

    def counted(self: SharedParts, part: str, page: Any, base_url: str, render: Callable[[], Any]) -> str:
        asked.append(part)

        def render_counted() -> Any:
            renders.append(part)
            return render()

        return shared_call(self, part, page, base_url, render_counted)

    converters: list[int] = []
    converter_render = OneConverter.render

    def render_page(self: OneConverter, page: Any, config: Any, files: Any) -> None:
        converter_render(self, page, config, files)
        converters.append(id(self._converter))

    monkeypatch.setattr(SharedParts, "__call__", counted)
    monkeypatch.setattr(OneConverter, "render", render_page)
    _build(project, tmp_path / "shared")
    shared = _tree(tmp_path / "shared")

    monkeypatch.setattr(dict(MkDocsConfig._schema)["plugins"], "plugin_cache", {})
    # MkDocs' and Material's own work: every part rendered for every page, a converter per page.
    monkeypatch.setattr(SharedParts, "__call__", lambda self, part, page, base_url, render: str(render()))
    monkeypatch.setattr(OneConverter, "install", lambda self: None)
    _build(project, tmp_path / "each")
    each = _tree(tmp_path / "each")

    pages = [path for path in each if path.endswith(".html") and not is_redirect_page(each[path].decode())]
    assert len(pages) > 30
    # Most parts were not rendered again.
    assert len(asked) > 3 * len(pages)
    assert len(renders) < len(asked) / 2
    assert {"header", "nav", "tabs", "footer", "config"} <= set(renders)
    # Every page's Markdown was converted by the one converter of the build.
    assert len(converters) >= len(pages) - 1 and len(set(converters)) == 1
    assert shared.keys() == each.keys()
    assert [path for path in each if shared[path] != each[path]] == []


@pytest.mark.parametrize(
    "link",
    [
        "b.md",
        "./b.md",
        "../a/b.md",
        "sub/c.md",
        "../x/y/z.md",
        "../../outside.md",
        "missing.md",
        "b.md#part",
        "b.md?x=1",
        "https://example.org/b.md",
        "/a/b.md",
        "b%20c.md",
        "folder/",
        "draft.md",
    ],
)
def test_links_resolve_as_mkdocs_resolves_them(
    link: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: t\ndraft_docs: draft.md\n", encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    paths = ["a/page.md", "a/b.md", "a/sub/c.md", "x/y/z.md", "a/b c.md", "a/draft.md"]
    files = Files([File(path, config.docs_dir, config.site_dir, config.use_directory_urls) for path in paths])
    set_exclusions(files, config)
    page = files.get_file_from_path("a/page.md")
    assert page is not None
    results = []
    for processor in (_PageLinks(page, files, config), _RelativePathTreeprocessor(page, files, config)):
        caplog.clear()
        results.append((processor.path_to_url(link), processor.links_to_anchors, caplog.text))
    assert results[0] == results[1]

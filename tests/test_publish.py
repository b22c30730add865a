"""`katalog build` and `katalog finish` without an engine run (generator/publish/)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.content.check import load_catalogue
from generator.publish.render import EngineNotFound, engine_command
from generator.publish.site_config import read_site_config
from generator.publish.source import Manifest, SourceError, write_source

REPO = Path(__file__).parents[1]
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """The site's configuration, docs and overrides beside the relations fixture's content."""
    for name in ("docs", "overrides"):
        shutil.copytree(REPO / name, tmp_path / name)
    shutil.copyfile(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    for folder in (FIXTURES / "site-relations").iterdir():
        if folder.is_dir():
            shutil.copytree(folder, tmp_path / folder.name)
    return tmp_path


def test_the_source_holds_every_page_and_a_configuration_without_the_plugin(
    site: Path, tmp_path: Path
) -> None:
    config = read_site_config(site / "mkdocs.yml")
    out = tmp_path / "out"
    source = write_source(config, load_catalogue(site), out)
    assert (out / "docs" / "tentang.md").read_bytes() == (site / "docs" / "tentang.md").read_bytes()
    assert (out / "docs" / "index.md").is_file() and (out / "overrides" / "main.html").is_file()
    assert source.generated == len(list((out / "docs").rglob("*.md"))) - len(
        list((site / "docs").rglob("*.md"))
    )
    engine = yaml.safe_load((out / "mkdocs.yml").read_text(encoding="utf-8"))
    assert engine["plugins"] == [] and engine["docs_dir"] == "docs" and engine["site_dir"] == "site"
    assert engine["theme"]["custom_dir"] == "overrides"
    assert engine["extra"]["labels"]["home"] == "Beranda"
    assert "/inovasi/" in engine["not_in_nav"].split()
    manifest = Manifest.read(out)
    assert (out / manifest.root).resolve() == site.resolve()
    assert manifest.lang == "id" and manifest.directory_urls


def test_the_source_is_the_same_when_written_twice(site: Path, tmp_path: Path) -> None:
    config = read_site_config(site / "mkdocs.yml")
    catalogue = load_catalogue(site)
    first, second = tmp_path / "a", tmp_path / "b"
    write_source(config, catalogue, first)
    (first / "docs" / "left-over.md").write_text("stale", encoding="utf-8")
    write_source(config, catalogue, first)
    write_source(config, catalogue, second)

    def tree(folder: Path) -> dict[str, bytes]:
        files = sorted(p for p in folder.rglob("*") if p.is_file() and p.name != "katalog-build.json")
        return {p.relative_to(folder).as_posix(): p.read_bytes() for p in files}

    assert tree(first) == tree(second)


def test_a_hand_written_page_where_a_generated_one_goes_is_refused(site: Path, tmp_path: Path) -> None:
    (site / "docs" / "jaringan.md").write_text("# Mine\n", encoding="utf-8")
    with pytest.raises(SourceError, match=r"docs/jaringan\.md would hide a generated page"):
        write_source(read_site_config(site / "mkdocs.yml"), load_catalogue(site), tmp_path / "out")


def test_invalid_content_stops_the_build_with_the_checker_s_errors(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (site / "regions" / "kabupaten-rusak.yml").write_text("name: [tidak ditutup\n", encoding="utf-8")
    assert main(["build", "--config", str(site / "mkdocs.yml"), "--out", str(tmp_path / "out")]) == 1
    assert "regions/kabupaten-rusak.yml:" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_finish_refuses_a_folder_that_is_no_build(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["finish", str(tmp_path)]) == 2
    assert "is no `katalog build` folder" in capsys.readouterr().err


def test_finish_refuses_a_source_no_engine_rendered(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["build", "--config", str(site / "mkdocs.yml"), "--out", str(out)]) == 0
    assert "katalog finish" in capsys.readouterr().out
    assert main(["finish", str(out)]) == 2
    assert "render" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("engine", "said"),
    [("hugo", "unknown engine 'hugo'"), ("/nowhere/zensical", "zensical is not installed")],
)
def test_an_engine_that_cannot_run_is_named(engine: str, said: str) -> None:
    with pytest.raises(EngineNotFound, match=said):
        engine_command(engine)

"""`katalog preview FILE` run as a contributor runs it: a real MkDocs build of the record's pages."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

KATALOG = Path(sys.executable).parent / "katalog"
FIXTURES = Path(__file__).parents[1] / "fixtures"
RECORD = "innovations/kabupaten-sumedang/command-center.yml"


def katalog(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(KATALOG), *args],
        cwd=project,
        env={"PATH": str(KATALOG.parent), "NO_MKDOCS_2_WARNING": "1", "PYTHONUTF8": "1"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def project(tmp_path: Path, project_factory: Callable[..., Path]) -> Path:
    return project_factory(tmp_path / "project", FIXTURES / "site-relations")


def test_preview_builds_the_record_page_and_the_pages_that_list_it(project: Path) -> None:
    done = katalog(project, "preview", RECORD)
    assert done.returncode == 0, done.stderr
    listed = [Path(line.strip()) for line in done.stdout.splitlines()[1:]]
    preview = project / "build" / "preview"
    # The record's page first, then its region's and its agencies' pages.
    assert listed[0] == preview / "inovasi" / "kabupaten-sumedang" / "command-center" / "index.html"
    assert preview / "daerah" / "kabupaten-sumedang" / "index.html" in listed
    assert preview / "perangkat-daerah" / "kabupaten-sumedang" / "diskominfosanditik" / "index.html" in listed
    assert all(path.is_file() for path in listed)
    page = listed[0].read_text(encoding="utf-8")
    assert re.search(r"<h1[^>]*>Sumedang Command Center</h1>", page)
    assert "Pratinjau" in page and f"{len(listed)} halaman" in page
    # Lampung Selatan adopted it: the adopting innovation's file was read for the record's page.
    assert "Command Center Lampung Selatan" in page
    # Other innovations' pages, the search index and the open data are not built.
    built = {p.relative_to(preview).as_posix() for p in preview.rglob("index.html")}
    assert "inovasi/kabupaten-sumedang/layanan-adminduk-daring/index.html" not in built
    assert not (preview / "search-index").exists()
    assert not (preview / "data" / "katalog.json").exists()
    # The record's photo is in the preview, as the page shows it.
    assert 'src="../../../media/kabupaten-sumedang/ruang-kendali.jpg"' in page
    assert (preview / "media" / "kabupaten-sumedang" / "ruang-kendali.jpg").is_file()


def test_preview_of_a_broken_record_names_the_file_line_and_field(project: Path) -> None:
    record = project / RECORD
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("stage: implementation", "stage: selesai"), encoding="utf-8")
    line = text.splitlines().index("stage: implementation") + 1
    done = katalog(project, "preview", RECORD)
    assert done.returncode == 1
    assert re.search(rf"^{re.escape(RECORD)}:{line}:\d+: galat: \[stage\] ", done.stderr, re.MULTILINE), (
        done.stderr
    )
    assert not (project / "build" / "preview").exists()
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["mkdocs.yml"], "not a record file"),
        (["innovations/kabupaten-sumedang/tidak-ada.yml"], "does not exist"),
        ([RECORD, "--config", "tidak-ada.yml"], "no such file"),
    ],
)
def test_preview_usage_errors_say_what_is_wrong(project: Path, args: list[str], says: str) -> None:
    done = katalog(project, "preview", *args)
    assert done.returncode == 2
    assert says in done.stderr
    assert "Traceback" not in done.stderr


def test_preview_of_a_region_without_a_page_says_why_it_wrote_none(project: Path) -> None:
    done = katalog(project, "preview", "regions/kabupaten-garut.yml")
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert done.stderr.splitlines() == [
        "0 halaman ditulis: kabupaten-garut belum punya halaman sendiri. Kabupaten atau kota mendapat "
        "halamannya setelah ada inovasi, kerja sama, kunjungan, perangkat daerah, ringkasan atau kepala "
        "daerahnya; sampai saat itu daerah ini hanya tercantum di halaman provinsinya. Tambahkan salah satunya "
        "(misalnya `katalog new innovation kabupaten-garut ID`), lalu jalankan preview lagi.",
        "0 pages written: kabupaten-garut has no page of its own yet. A kabupaten or kota gets its page once it "
        "has an innovation, an agreement, a visit, agencies, a summary or a head of region; until then it is "
        "only listed on its province's page. Add one of these (for example `katalog new innovation "
        "kabupaten-garut ID`), then run preview again.",
    ]


def test_preview_takes_the_catalogue_folder_as_the_other_commands_do(project: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    done = katalog(elsewhere, "preview", "--root", str(project), RECORD, "--out", "pratinjau")
    assert done.returncode == 0, done.stderr
    listed = [Path(line.strip()) for line in done.stdout.splitlines()[1:]]
    assert (
        listed[0]
        == elsewhere / "pratinjau" / "inovasi" / "kabupaten-sumedang" / "command-center" / "index.html"
    )
    assert "Sumedang Command Center" in listed[0].read_text(encoding="utf-8")
    outside = katalog(elsewhere, "preview", "--root", str(elsewhere), RECORD)
    assert outside.returncode == 2 and "is not a catalogue" in outside.stderr

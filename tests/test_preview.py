"""`katalog preview`'s choice of files and pages: a record's page exactly as the full build
writes it, the pages of its region that show it, and nothing read that they do not need."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.content.check import check
from generator.content.limits import MAX_FILE_BYTES
from generator.contrib.preview import PreviewError, preview, preview_notice, record_of
from generator.site import paths
from generator.site.pages import plan_pages

FIXTURES = Path(__file__).parent / "fixtures"
SUMEDANG = "kabupaten-sumedang"
COMMAND_CENTER = f"innovations/{SUMEDANG}/command-center.yml"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A writable copy of the catalogue with adoptions, related innovations and an agreement."""
    target = tmp_path / "catalogue"
    shutil.copytree(FIXTURES / "site-relations", target)
    return target


def _full_plan(root: Path) -> dict[str, str]:
    catalogue = check(root).catalogue
    assert catalogue is not None
    return {path: write() for path, write in plan_pages(catalogue).items()}


def test_every_record_page_is_the_page_the_full_build_writes(root: Path) -> None:
    # The fixture's innovations name each other across regions (adopted from, related), and an
    # agreement names two of them: the preview must read the files that name the record too.
    full = _full_plan(root)
    records = sorted(root.glob("innovations/*/*.yml")) + sorted(root.glob("agreements/*.yml"))
    records += [root / "regions" / f"{SUMEDANG}.yml"]
    for file in records:
        found = preview(root, file)
        page = found.record.page
        assert page in found.pages, file
        assert found.pages[page]() == full[page], f"{page} differs from the full build"


def test_a_file_of_the_region_that_cannot_be_read_is_reported_apart_not_dropped(root: Path) -> None:
    (root / "innovations" / SUMEDANG / "terlalu-besar.yml").write_bytes(b"#" * (MAX_FILE_BYTES + 1))
    found = preview(root, root / COMMAND_CENTER)
    # The preview goes on without it, and says why it left it out.
    assert found.result.ok and paths.innovation(f"{SUMEDANG}/command-center") in found.pages
    assert [(p.path, p.code) for p in found.left_out] == [
        (f"innovations/{SUMEDANG}/terlalu-besar.yml", "file-too-large")
    ]


def test_an_innovation_preview_is_its_page_its_region_page_and_its_agencies_pages(root: Path) -> None:
    found = preview(root, root / COMMAND_CENTER)
    catalogue = found.result.catalogue
    assert catalogue is not None
    innovation = catalogue.innovations[f"{SUMEDANG}/command-center"]
    expected = {paths.innovation(innovation.ref), paths.region(SUMEDANG)}
    expected |= {paths.agency(SUMEDANG, agency) for agency in innovation.agencies}
    # Also any page of the region showing an innovation that names it (as a rebuild under
    # `mkdocs serve` would), but nothing outside the region.
    assert expected <= set(found.pages)
    assert all(path.startswith(("inovasi/", "daerah/", "perangkat-daerah/")) for path in found.pages)
    assert all(SUMEDANG in path for path in found.pages)
    assert not any(
        path.startswith("inovasi/") and path != paths.innovation(innovation.ref) for path in found.pages
    )
    # Listed pages hold the record where the full build has it.
    full = _full_plan(root)
    for path in expected:
        assert found.pages[path]() == full[path], path


def test_an_agreement_preview_is_its_page_and_its_visit_briefs_as_built_in_full(root: Path) -> None:
    found = preview(root, root / "agreements" / "mou-lampung-selatan-sumedang-2025.yml")
    full = _full_plan(root)
    parties = ("kabupaten-lampung-selatan", "kabupaten-sumedang")
    briefs = {paths.brief(v, h) for v in parties for h in parties if v != h}
    assert briefs <= set(full)
    assert set(found.pages) == {paths.agreement("mou-lampung-selatan-sumedang-2025")} | briefs
    for path, write in found.pages.items():
        assert write() == full[path], path


def test_a_visit_preview_is_its_page_as_built_in_full(root: Path) -> None:
    full = _full_plan(root)
    for file in sorted(root.glob("visits/*.yml")):
        found = preview(root, file)
        assert set(found.pages) == {found.record.page}, file
        assert found.pages[found.record.page]() == full[found.record.page], file


def test_a_region_preview_keeps_to_the_region_pages(root: Path) -> None:
    found = preview(root, root / "regions" / f"{SUMEDANG}.yml")
    assert paths.region(SUMEDANG) in found.pages
    assert all(
        path == paths.region(SUMEDANG)
        or path.startswith((f"daerah/{SUMEDANG}/", f"perangkat-daerah/{SUMEDANG}/"))
        for path in found.pages
    ), sorted(found.pages)


def test_files_of_other_regions_that_do_not_name_the_record_are_not_read(root: Path) -> None:
    # A broken file in a region the record has nothing to do with: the full check fails on it,
    # the preview never reads it.
    broken = root / "innovations" / "kabupaten-garut" / "rusak.yml"
    broken.parent.mkdir()
    broken.write_text("title: [unclosed\n", encoding="utf-8")
    assert not check(root).ok
    found = preview(root, root / COMMAND_CENTER)
    assert found.result.ok
    assert found.pages
    full_count = check(root).files
    assert found.result.files == full_count - 1


def test_references_beyond_the_files_read_are_left_out_of_the_neighbours(root: Path) -> None:
    # Lampung Selatan's copy of the Command Center (read: it names Sumedang) is related to and
    # replaced by innovations the preview does not read.
    lamsel = root / "innovations" / "kabupaten-lampung-selatan"
    posyandu = (lamsel / "posyandu-keliling.yml").read_text(encoding="utf-8")
    (lamsel / "keliling-lain.yml").write_text(
        posyandu.replace("related: [kabupaten-sumedang/layanan-adminduk-daring]\n", ""), encoding="utf-8"
    )
    copy = lamsel / "command-center-lamsel.yml"
    copy.write_text(
        copy.read_text(encoding="utf-8") + "related: [kabupaten-lampung-selatan/keliling-lain]\n",
        encoding="utf-8",
    )
    found = preview(root, root / COMMAND_CENTER)
    catalogue = found.catalogue
    assert catalogue is not None
    assert "kabupaten-lampung-selatan/keliling-lain" not in catalogue.innovations
    assert catalogue.innovations["kabupaten-lampung-selatan/command-center-lamsel"].related == ()
    page = paths.innovation(f"{SUMEDANG}/command-center")
    assert found.pages[page]() == _full_plan(root)[page]


def test_errors_in_the_record_are_reported_and_nothing_is_planned(root: Path) -> None:
    file = root / COMMAND_CENTER
    text = file.read_text(encoding="utf-8")
    file.write_text(text.replace("stage: implementation", "stage: selesai"), encoding="utf-8")
    found = preview(root, file)
    assert not found.result.ok
    assert found.pages == {}
    [problem] = [p for p in found.result.problems if p.severity == "error"]
    assert (problem.path, problem.field) == (COMMAND_CENTER, "stage")
    assert problem.line == text.splitlines().index("stage: implementation") + 1


@pytest.mark.parametrize(
    "rel",
    ["README.md", "innovations/kabupaten-sumedang", "regions/nested/x.yml", "innovations/x.yml", "notes.txt"],
)
def test_a_path_that_is_not_a_record_file_is_refused(root: Path, rel: str) -> None:
    with pytest.raises(PreviewError):
        record_of(root, root / rel)


def test_a_path_outside_the_catalogue_is_refused(root: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.yml"
    outside.write_text("title: x\n", encoding="utf-8")
    with pytest.raises(PreviewError, match="not inside"):
        preview(root, outside)


def test_a_missing_record_file_is_refused(root: Path) -> None:
    with pytest.raises(PreviewError, match="does not exist"):
        preview(root, root / "innovations" / SUMEDANG / "tidak-ada.yml")


def test_the_notice_goes_under_the_title() -> None:
    page = preview_notice("# Judul\n\nIsi.\n", 3, "id")
    lines = page.splitlines()
    assert lines[0] == "# Judul"
    assert lines[2].startswith('!!! warning "Pratinjau"')
    assert "3 halaman" in lines[3]
    assert page.endswith("Isi.\n")
    assert "3 pages" in preview_notice("# Title\n", 3, "en")


def test_a_draft_made_by_new_does_not_stop_the_preview_of_another_record(root: Path) -> None:
    """The template's comments quote example references; the preview neither reads a file for
    them nor fails on a draft it does read: it leaves the draft out and says so."""
    from generator.contrib.scaffold import plan, write

    write(root, plan("innovation", root, "draf", SUMEDANG))
    for file in (
        root / "innovations" / SUMEDANG / "command-center.yml",
        root / "regions" / f"{SUMEDANG}.yml",
    ):
        found = preview(root, file)
        assert found.result.ok, found.result.problems
        assert {p.path for p in found.left_out} == {f"innovations/{SUMEDANG}/draf.yml"}
        assert found.record.page in found.pages
    other = preview(root, root / "innovations" / "kabupaten-lampung-selatan" / "posyandu-keliling.yml")
    assert other.result.ok and other.left_out == []  # its comments name Sumedang's records: not read
    own = preview(root, root / "innovations" / SUMEDANG / "draf.yml")
    assert not own.result.ok and own.pages == {}


def test_a_record_named_in_a_flow_list_is_read_and_one_named_in_a_comment_is_not(root: Path) -> None:
    """The preview reads only the lines of a file that can name a record: a reference inside a
    flow list counts, a commented-out one does not."""
    # An innovation of Lampung Selatan that names nothing of Sumedang's: read only if named.
    posyandu = root / "innovations" / "kabupaten-lampung-selatan" / "posyandu-keliling.yml"
    copy = posyandu.read_text(encoding="utf-8").replace(
        f"related: [{SUMEDANG}/layanan-adminduk-daring]\n", ""
    )
    posyandu.with_name("posyandu-desa.yml").write_text(copy, encoding="utf-8")
    file = root / COMMAND_CENTER
    original = file.read_text(encoding="utf-8")
    listed = "related: [kabupaten-sumedang/layanan-adminduk-daring]"
    other = "kabupaten-lampung-selatan/posyandu-desa"
    file.write_text(original.replace(listed, f"# related: [{other}]\n{listed}"), encoding="utf-8")
    commented = preview(root, file)
    assert commented.result.ok and commented.catalogue is not None
    assert other not in commented.catalogue.innovations
    file.write_text(original.replace(listed, f"{listed[:-1]}, {other}]"), encoding="utf-8")
    found = preview(root, file)
    assert found.result.ok and found.catalogue is not None, found.result.problems
    assert found.catalogue.innovations[f"{SUMEDANG}/command-center"].related == (
        f"{SUMEDANG}/layanan-adminduk-daring",
        other,
    )

"""`katalog fix`: only safe, mechanical repairs, shown as a diff, applied only with --write, and
never a change of meaning: the checker reads the same records before and after."""

from __future__ import annotations

import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from generator.content.check import check
from generator.content.load import Mapping, parse
from generator.content.model import Agreement, Innovation, Region, Visit
from generator.content.validate import Validator
from generator.contrib.fix import fix_text

KATALOG = Path(sys.executable).parent / "katalog"
REPO = Path(__file__).parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
REGION = "regions/kabupaten-sumedang.yml"
KEY_LINE = re.compile(r"^\s*(- )?[a-z_]+:(\s|$)")
INNOVATION = "innovations/kabupaten-sumedang/command-center.yml"
# The minimal fixture's region file, as a hurried contributor might leave it: keys out of order (with
# their comments), the code unquoted, trailing spaces and tabs, no final newline.
MESSY_REGION = (
    "# yaml-language-server: $schema=../schemas/region.schema.json\n"
    "# Situs resmi pemerintah kabupaten.\n"
    "website: https://sumedangkab.go.id   \n"
    "# Kode dari Kepmendagri.\n"
    "code: 32.11\n"
    "name: Sumedang\t\n"
    "agencies:\n"
    "  - id: diskominfosanditik\n"
    "    name: Dinas Komunikasi, Informatika, Persandian dan Statistik  \n"
    "    acronym: Diskominfosanditik\n"
    "    kind: diskominfo\n"
    "  - id: setda\n"
    "    name: Sekretariat Daerah\n"
    "    acronym: Setda\n"
    "    kind: regional-secretariat\n"
    "\n"
    "type: kabupaten \n"
    "province: provinsi-jawa-barat"
)
FIXED_REGION = (
    "# yaml-language-server: $schema=../schemas/region.schema.json\n"
    "name: Sumedang\n"
    "type: kabupaten\n"
    "# Kode dari Kepmendagri.\n"
    'code: "32.11"\n'
    "province: provinsi-jawa-barat\n"
    "\n"  # the blank line stays where it was: after the fourth key
    "# Situs resmi pemerintah kabupaten.\n"
    "website: https://sumedangkab.go.id\n"
    "agencies:\n"
    "  - id: diskominfosanditik\n"
    "    name: Dinas Komunikasi, Informatika, Persandian dan Statistik\n"
    "    acronym: Diskominfosanditik\n"
    "    kind: diskominfo\n"
    "  - id: setda\n"
    "    name: Sekretariat Daerah\n"
    "    acronym: Setda\n"
    "    kind: regional-secretariat\n"
)


def fix(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(KATALOG), "fix", "--root", str(root), *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def record(text: str, cls: type):
    """The record the checker reads from one file's text (None when invalid)."""
    loaded = parse(text, "x.yml")
    if loaded.problems or not isinstance(loaded.root, Mapping):
        return None
    return Validator("x.yml").record(cls, loaded.root)


def messy(scratch):
    scratch.write(REGION, MESSY_REGION)
    shutil.move(
        scratch.root / INNOVATION, scratch.root / "innovations/kabupaten-sumedang/Command Center.yaml"
    )
    return scratch


# --- Showing, then writing ------------------------------------------------------------------------


def test_without_write_it_shows_a_diff_and_changes_nothing(scratch):
    messy(scratch)
    before = snapshot(scratch.root)
    done = fix(scratch.root)
    assert done.returncode == 0
    assert snapshot(scratch.root) == before
    assert "diff --git a/regions/kabupaten-sumedang.yml b/regions/kabupaten-sumedang.yml\n" in done.stdout
    assert "-code: 32.11\n" in done.stdout and '+code: "32.11"\n' in done.stdout
    assert "\\ No newline at end of file\n" in done.stdout
    assert (
        "rename from innovations/kabupaten-sumedang/Command Center.yaml\n"
        "rename to innovations/kabupaten-sumedang/command-center.yml\n"
    ) in done.stdout
    assert done.stderr.splitlines() == [
        "regions/kabupaten-sumedang.yml: kode wilayah diberi tanda kutip, baris baru di akhir berkas, spasi di akhir"
        " baris, urutan isian / region code quoted, final newline, trailing whitespace, field order",
        "innovations/kabupaten-sumedang/command-center.yml: nama berkas / file name",
        "2 berkas dapat diperbaiki (lihat perubahan di atas). Jalankan katalog fix --write untuk menerapkannya.",
        "2 files can be fixed (see the changes above). Run katalog fix --write to apply them.",
    ]


def test_write_makes_exactly_the_changes_the_diff_shows(scratch, tmp_path):
    messy(scratch)
    patched = tmp_path / "patched"
    shutil.copytree(scratch.root, patched)
    diff = fix(scratch.root).stdout
    done = fix(scratch.root, "--write")
    assert done.returncode == 0
    assert done.stderr.splitlines()[-2:] == [
        "2 berkas diperbaiki. Jalankan katalog check untuk memeriksa sisanya.",
        "2 files fixed. Run katalog check to see what is left.",
    ]
    applied = subprocess.run(
        ["git", "apply", "-"], cwd=patched, input=diff, text=True, capture_output=True, check=False
    )
    assert applied.returncode == 0, applied.stderr
    assert snapshot(patched) == snapshot(scratch.root)


def test_fixed_catalogue_means_what_the_tidy_one_means(scratch):
    original = check(scratch.root).catalogue
    messy(scratch)
    assert not check(scratch.root).ok  # the unquoted code and the file name are errors
    fix(scratch.root, "--write")
    assert scratch.read(REGION) == FIXED_REGION
    result = check(scratch.root)
    assert result.problems == []
    assert result.catalogue == original


def test_a_second_run_finds_nothing(scratch):
    messy(scratch)
    fix(scratch.root, "--write")
    before = snapshot(scratch.root)
    done = fix(scratch.root, "--write")
    assert (done.returncode, done.stdout) == (0, "")
    assert done.stderr == "Tidak ada yang perlu diperbaiki.\nNothing to fix.\n"
    assert snapshot(scratch.root) == before


def test_the_code_is_quoted_as_written_not_as_the_number_yaml_reads(scratch):
    scratch.edit(REGION, 'code: "32.11"', "code: 32.10")
    fix(scratch.root, "--write")
    assert 'code: "32.10"\n' in scratch.read(REGION)  # a float would have lost the zero: 32.1


def test_dates_written_out_become_iso_and_the_record_is_valid(scratch):
    text = scratch.read(INNOVATION)
    written = (
        text.replace("trial_date: 2020-06-01", "trial_date: 1 Juni 2020")
        .replace("implementation_date: 2021-02-01", 'implementation_date: "01/02/2021"')
        .replace("    date: 2022-02-10", "    date: Kamis, 10 Februari 2022")
    )
    scratch.write(INNOVATION, written)
    assert {p.code for p in scratch.check().problems} == {"date-written-out"}
    fixed, kinds = fix_text(written, Innovation)
    assert kinds == ["date"]
    assert fixed == text
    assert record(fixed, Innovation) == record(text, Innovation)


def test_a_written_out_date_in_a_text_field_is_left_alone():
    text = "title: 4 Juli 2025\n"
    assert fix_text(text, Innovation) == (text, [])


def test_markdown_block_keeps_its_trailing_spaces(scratch):
    # Two trailing spaces in Markdown are a line break: they are content, not clutter.
    text = scratch.read(INNOVATION).replace(
        "tags: [command-center, cctv]\n",
        "tags: [command-center, cctv]   \ndescription: |\n  Baris satu  \n  baris dua.\n",
    )
    scratch.write(INNOVATION, text)
    before = check(scratch.root).catalogue.innovations["kabupaten-sumedang/command-center"]
    fix(scratch.root, "--write")
    fixed = scratch.read(INNOVATION)
    assert "  Baris satu  \n" in fixed and "tags: [command-center, cctv]\n" in fixed
    assert check(scratch.root).catalogue.innovations["kabupaten-sumedang/command-center"] == before


def test_windows_line_endings_and_byte_order_mark_are_kept(scratch):
    text = "\ufeff" + scratch.read(REGION).replace("name: Sumedang\n", "name: Sumedang  \n").replace(
        "\n", "\r\n"
    )
    scratch.write(REGION, text)
    fix(scratch.root, "--write")
    fixed = (scratch.root / REGION).read_bytes()
    assert fixed.startswith("\ufeff".encode()) and b"name: Sumedang\r\n" in fixed
    assert fixed.count(b"\n") == fixed.count(b"\r\n")


# --- What fix leaves alone ---------------------------------------------------------------------------


def test_rename_is_refused_when_the_new_name_is_taken(scratch):
    scratch.write("innovations/kabupaten-sumedang/Command-Center.yml", scratch.read(INNOVATION))
    before = snapshot(scratch.root)
    done = fix(scratch.root, "--write")
    assert done.returncode == 0
    assert snapshot(scratch.root) == before
    assert done.stderr.splitlines()[:2] == [
        "innovations/kabupaten-sumedang/Command-Center.yml: nama berkas tidak diganti karena"
        " innovations/kabupaten-sumedang/command-center.yml sudah ada.",
        "innovations/kabupaten-sumedang/Command-Center.yml: not renamed because"
        " innovations/kabupaten-sumedang/command-center.yml already exists.",
    ]


def test_unreadable_yaml_and_other_files_are_left_alone(tmp_path):
    root = tmp_path / "broken"
    shutil.copytree(FIXTURES / "broken", root)
    (root / "innovations/kabupaten-sumedang/catatan.txt").write_text("teks  \n", encoding="utf-8")
    bad = "innovations/kabupaten-sumedang/layanan-cepat.yml"
    before = snapshot(root)
    done = fix(root, "--write")
    after = snapshot(root)
    assert after[bad] == before[bad]
    assert after["README.md"] == before["README.md"]
    assert (
        after["innovations/kabupaten-sumedang/catatan.txt"]
        == before["innovations/kabupaten-sumedang/catatan.txt"]
    )
    assert (
        f"{bad}: isinya tidak diubah karena YAML-nya belum terbaca dengan benar; jalankan katalog check."
        in (done.stderr.splitlines())
    )


def test_shipped_content_keeps_its_meaning(tmp_path):
    """Whatever fix would do to the real catalogue, the checker reads the same catalogue after."""
    root = tmp_path / "catalogue"
    for name in ("regions", "innovations", "agreements", "visits"):
        shutil.copytree(REPO / name, root / name)
    original = check(root)
    assert original.ok
    fix(root, "--write")
    fixed = check(root)
    assert fixed.problems == original.problems and fixed.catalogue == original.catalogue


def test_shipped_content_is_fix_clean():
    """A contributor who runs `katalog fix --write` as CONTRIBUTING says gets no unrelated changes."""
    done = fix(REPO)
    assert (done.returncode, done.stdout) == (0, "")
    assert done.stderr.splitlines() == ["Tidak ada yang perlu diperbaiki.", "Nothing to fix."]


# --- Property: fixing a tidy file's messy twin gives back the tidy file's meaning -------------------


def _valid_files() -> list[tuple[str, type]]:
    kinds = {"regions": Region, "innovations": Innovation, "agreements": Agreement, "visits": Visit}
    files = []
    for base in (FIXTURES / "minimal", REPO):
        for folder, cls in kinds.items():
            pattern = "*/*.yml" if folder == "innovations" else "*.yml"
            files += [(str(p), cls) for p in sorted((base / folder).glob(pattern))[:25]]
    return files


def scramble(text: str, seed: int) -> str:
    """The same content, written carelessly: top-level blocks shuffled, trailing blanks, no final newline."""
    rng = random.Random(seed)
    lines = text.splitlines(keepends=True)
    keys = [i for i, line in enumerate(lines) if line[:1].isalpha()]
    blocks = [lines[a:b] for a, b in zip(keys, [*keys[1:], len(lines)], strict=True)]
    rng.shuffle(blocks)
    out = lines[: keys[0]] + [line for block in blocks for line in block]
    # Trailing blanks only on `key:` lines, never inside a block of text (there they are content).
    out = [
        line.rstrip("\n") + rng.choice(["", " ", "\t", "  "]) + "\n" if KEY_LINE.match(line) else line
        for line in out
    ]
    joined = "".join(out)
    return joined.rstrip("\n") if rng.random() < 0.5 else joined


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(_valid_files()), st.integers(min_value=0, max_value=2**32))
def test_fix_never_changes_what_the_checker_reads(case, seed):
    path, cls = case
    text = Path(path).read_text(encoding="utf-8")
    tidy = record(text, cls)
    assert tidy is not None
    mangled = scramble(text, seed)
    assume(record(mangled, cls) == tidy)  # a scramble that changed meaning is no test of fix
    fixed, kinds = fix_text(mangled, cls)
    assert kinds is not None
    assert record(fixed, cls) == tidy
    again, more = fix_text(fixed, cls)
    assert (again, more) == (fixed, [])  # fixing is idempotent


def test_a_moved_block_with_blank_lines_at_the_end_needs_one_run():
    # CRLF, a block of text last in the file ending in a whitespace-only line, and a field order to
    # fix: moving the block left that line behind, for a second run to strip.
    text = "title: Judul\r\nagencies: [a]\r\nstage: trial\r\nsummary: >-\r\n  teks\r\n   \r\n"
    fixed, kinds = fix_text(text, Innovation)
    assert fixed == "title: Judul\r\nsummary: >-\r\n  teks\r\nagencies: [a]\r\nstage: trial\r\n\r\n"
    assert kinds == ["order", "whitespace"]
    assert fix_text(fixed, Innovation) == (fixed, [])


@settings(max_examples=150, deadline=None)
@given(
    style=st.sampled_from([">", ">-", "|", "|-", ">+", "|+"]),
    newline=st.sampled_from(["\n", "\r\n"]),
    body=st.lists(
        st.sampled_from(["  teks", "  teks  ", "", " ", "   ", "\t", "  "]), min_size=1, max_size=5
    ),
    block_last=st.booleans(),
    ending=st.sampled_from(["", "\n", "\n\n", "\n  \n"]),
)
def test_fix_is_done_in_one_run_whatever_the_blank_lines_of_a_block(style, newline, body, block_last, ending):
    assume(any(line.strip() for line in body))
    block = [f"summary: {style}", *body]
    rest = ["agencies: [a]", "stage: trial "]
    lines = ["title: Judul", *rest, *block] if block_last else ["title: Judul", *block, *rest]
    text = newline.join(lines) + ending.replace("\n", newline)
    fixed, kinds = fix_text(text, Innovation)
    assume(kinds is not None)  # a first line of spaces deeper than the text is a YAML error
    assert fix_text(fixed, Innovation) == (fixed, [])


@settings(max_examples=40, deadline=None)
@given(st.sampled_from([f for f in _valid_files() if f[1] is Region]))
def test_fixing_an_unquoted_code_restores_the_region(case):
    path, cls = case
    text = Path(path).read_text(encoding="utf-8")
    unquoted = text.replace('code: "', "code: ", 1).replace('"\n', "\n", 1)
    fixed, kinds = fix_text(unquoted, cls)
    assert kinds is not None and "code" in kinds
    assert record(fixed, cls) == record(text, cls)


def test_root_outside_a_catalogue_is_a_usage_error(tmp_path):
    done = fix(tmp_path, "--write")
    assert done.returncode == 2 and "is not a catalogue" in done.stderr

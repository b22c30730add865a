"""Review help in `katalog check`: changed files first, likely duplicates and stale entries (warnings)."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from generator.content import review
from generator.content.check import check
from generator.content.duplicates import GROUP_NAMED, Entry, normalise, similar_groups
from generator.content.messages import command_text, message

KATALOG = Path(sys.executable).parent / "katalog"
INNOVATION = "innovations/kabupaten-sumedang/command-center.yml"
REGION = "regions/kabupaten-sumedang.yml"
# Far enough after the fixture's last_verified (2025-07-04) to count, near enough to stay clean.
SOON = "2026-01-01"


def katalog(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(KATALOG), "check", "--root", str(root), *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def git(root: Path, *args: str) -> None:
    subprocess.run(
        [
            "git",
            "-c",
            "user.name=Uji",
            "-c",
            "user.email=uji@example.org",
            "-c",
            "init.defaultBranch=main",
            *args,
        ],
        cwd=root,
        check=True,
        capture_output=True,
    )


def both(key: str, **args: str) -> str:
    return "".join(command_text(key, lang, **args) + "\n" for lang in ("id", "en"))


def paths(output: str) -> list[str]:
    return [line.split(":", 1)[0] for line in output.splitlines()[:-1]]


# --- --changed-since --------------------------------------------------------------------------------


@pytest.fixture
def repo(scratch):
    """The minimal catalogue as a git repository with one commit, then three broken files: one
    committed and unchanged, one changed since, one new and untracked."""
    git(scratch.root, "init", "--quiet")
    scratch.edit(REGION, "website: https://sumedangkab.go.id", "website: sumedangkab.go.id")
    git(scratch.root, "add", "-A")
    git(scratch.root, "commit", "--quiet", "-m", "awal")
    scratch.edit(INNOVATION, "stage: implementation", "stage: penerapan")
    scratch.write("innovations/kabupaten-sumedang/baru.yml", "title: Baru\n")
    return scratch


def test_problems_in_changed_files_come_first(repo):
    done = katalog(repo.root, "--changed-since", "HEAD", "--today", SOON)
    assert done.returncode == 1
    found = paths(done.stdout)
    # The changed file and the untracked one (untracked files count as changed), each in path
    # order; then the file unchanged since HEAD.
    changed = sorted({INNOVATION, "innovations/kabupaten-sumedang/baru.yml"})
    assert sorted(set(found[:-1]), key=found.index) == changed
    assert found[-1] == REGION and found.count(REGION) == 1


def test_only_changed_leaves_out_the_other_files(repo):
    done = katalog(repo.root, "--changed-since", "HEAD", "--only-changed", "--today", SOON)
    assert done.returncode == 1
    assert REGION not in paths(done.stdout) and INNOVATION in paths(done.stdout)
    # Only the unchanged file broken: the changed files are clean, and so is the exit status.
    repo.edit(INNOVATION, "stage: penerapan", "stage: implementation")
    (repo.root / "innovations/kabupaten-sumedang/baru.yml").unlink()
    done = katalog(repo.root, "--changed-since", "HEAD", "--only-changed", "--today", SOON)
    assert (done.returncode, paths(done.stdout)) == (0, [])


def test_a_branch_name_works_as_ref(repo):
    git(repo.root, "branch", "dasar")
    done = katalog(
        repo.root, "--changed-since", "dasar", "--only-changed", "--format", "json", "--today", SOON
    )
    assert {p["path"] for p in json.loads(done.stdout)["problems"]} == {
        INNOVATION,
        "innovations/kabupaten-sumedang/baru.yml",
    }


def test_github_annotations_for_changed_lines(repo):
    done = katalog(
        repo.root, "--changed-since", "HEAD", "--only-changed", "--format", "github", "--today", SOON
    )
    assert f"::error file={INNOVATION},line=5,col=8,title=stage::" in done.stdout


@pytest.mark.parametrize(
    ("setup", "ref", "key", "args"),
    [
        pytest.param("none", "HEAD", "git-not-repository", {}, id="outside-a-repository"),
        pytest.param(
            "repo", "no-such-branch", "git-unknown-ref", {"ref": "no-such-branch"}, id="unknown-ref"
        ),
        pytest.param(
            "repo", "--output=/tmp/x", "git-unknown-ref", {"ref": "--output=/tmp/x"}, id="option-as-ref"
        ),
    ],
)
def test_usage_errors(scratch, setup, ref, key, args):
    if setup == "repo":
        git(scratch.root, "init", "--quiet")
        git(scratch.root, "add", "-A")
        git(scratch.root, "commit", "--quiet", "-m", "awal")
    else:
        args = {"root": str(scratch.root)}
    done = katalog(scratch.root, f"--changed-since={ref}")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == both(key, **args)


def test_only_changed_needs_a_ref(scratch):
    done = katalog(scratch.root, "--only-changed")
    assert (done.returncode, done.stderr) == (2, both("only-changed-needs-ref"))


@pytest.mark.parametrize("args", [["--today", "2026-13-01"], ["--stale-after", "0"], ["--stale-after", "x"]])
def test_bad_review_options(scratch, args):
    done = katalog(scratch.root, *args)
    assert done.returncode == 2 and f"error: argument {args[0]}" in done.stderr


# --- Likely duplicates ----------------------------------------------------------------------------------


def add_innovation(
    scratch, rel: str, title: str, summary: str = "Ringkasan lain.", region: str = "kabupaten-sumedang"
):
    agency = "setda" if region == "kabupaten-sumedang" else "diskominfo"
    scratch.write(
        rel,
        f"title: {title}\nsummary: {summary}\nagencies: [{agency}]\nstage: trial\nkind: digital\n"
        "form: governance\naffairs: [statistics]\n",
    )


def test_near_identical_titles_in_one_region_are_a_warning(scratch):
    add_innovation(scratch, "innovations/kabupaten-sumedang/command-centre.yml", "Sumedang  command-center!")
    done = katalog(scratch.root, "--today", SOON)
    assert done.returncode == 0  # warnings alone never fail the check
    assert done.stdout.splitlines() == [
        "innovations/kabupaten-sumedang/command-centre.yml:1:8: peringatan: [title] Judul ini hampir sama dengan"
        ' judul kabupaten-sumedang/command-center ("Sumedang Command Center") di daerah yang sama. Jika'
        " inovasinya sama, gabungkan entrinya; jika berbeda, buat judulnya lebih jelas.",
        "0 kesalahan dan 1 peringatan di 1 dari 6 berkas.",
    ]


def test_the_warning_points_at_the_title_wherever_the_file_writes_it(scratch):
    scratch.write(
        "innovations/kabupaten-sumedang/command-centre.yml",
        "{summary: Ringkasan lain., agencies: [setda], stage: trial, kind: digital,\n"
        " form: governance, affairs: [statistics], title: 'Sumedang  command-center!'}\n",
    )
    done = katalog(scratch.root, "--today", SOON, "--format", "github")
    assert done.stdout.startswith(
        "::warning file=innovations/kabupaten-sumedang/command-centre.yml,line=2,col=50,title=title::"
    )


def test_the_warning_stands_at_a_changed_file_of_its_group(scratch):
    add_innovation(scratch, "innovations/kabupaten-sumedang/command-centre.yml", "Sumedang  command-center!")
    result = review.review(check(scratch.root), dt.date(2026, 1, 1), prefer={INNOVATION})
    (found,) = [p for p in result.problems if p.code == "similar-title"]
    assert found.path == INNOVATION
    assert 'kabupaten-sumedang/command-centre ("Sumedang  command-center!")' in message(found, "en")


def test_similar_titles_in_different_regions_are_fine(scratch):
    scratch.write(
        "regions/provinsi-jawa-barat.yml",
        scratch.read("regions/provinsi-jawa-barat.yml")
        + "agencies:\n  - id: diskominfo\n    name: Diskominfo\n    acronym: Diskominfo\n    kind: diskominfo\n",
    )
    add_innovation(
        scratch,
        "innovations/provinsi-jawa-barat/command-center.yml",
        "Sumedang Command Center",
        region="provinsi-jawa-barat",
    )
    done = katalog(scratch.root, "--today", SOON)
    assert (done.returncode, done.stdout) == (0, "Katalog bersih: 6 berkas diperiksa, tidak ada kesalahan.\n")


def test_the_same_innovation_submitted_twice(scratch):
    summary = "Pusat kendali yang memadukan kamera pengawas lalu lintas dengan sistem informasi pemerintahan."
    add_innovation(
        scratch, "innovations/kabupaten-sumedang/sumedang-cc.yml", "Sumedang Command Center.", summary
    )
    done = katalog(scratch.root, "--today", SOON, "--format", "json", "--lang", "en")
    document = json.loads(done.stdout)
    assert done.returncode == 0 and document["ok"] is True
    # One warning for the pair: "submitted twice" says more than "similar title".
    assert [(p["path"], p["code"], p["severity"]) for p in document["problems"]] == [
        ("innovations/kabupaten-sumedang/sumedang-cc.yml", "duplicate-innovation", "warning")
    ]
    assert (
        'those of kabupaten-sumedang/command-center ("Sumedang Command Center")'
        in (document["problems"][0]["message"])
    )


def test_a_group_of_look_alikes_is_one_warning(scratch):
    summary = "Pusat kendali yang memadukan kamera pengawas lalu lintas dengan sistem informasi pemerintahan."
    add_innovation(
        scratch, "innovations/kabupaten-sumedang/sumedang-cc.yml", "Sumedang Command Center.", summary
    )
    add_innovation(scratch, "innovations/kabupaten-sumedang/sumedang-cc-2.yml", "Sumedang  command-center!")
    done = katalog(scratch.root, "--today", SOON, "--format", "json", "--lang", "en")
    # All three have one title: one warning names the other two; the first two are also one
    # submission twice (same summary), said once.
    found = [(p["path"], p["code"], p["message"]) for p in json.loads(done.stdout)["problems"]]
    assert [(path, code) for path, code, _ in found] == [
        ("innovations/kabupaten-sumedang/sumedang-cc-2.yml", "similar-title"),
        ("innovations/kabupaten-sumedang/sumedang-cc.yml", "duplicate-innovation"),
    ]
    assert (
        'kabupaten-sumedang/command-center ("Sumedang Command Center"); '
        'kabupaten-sumedang/sumedang-cc ("Sumedang Command Center.")' in found[0][2]
    )


def entries(*titles: str, agencies: tuple[str, ...] = ("setda",), summary: str = "") -> list[Entry]:
    """One region's entries, each with its own summary unless one is given."""
    return [
        Entry(f"r/i{n}", normalise(title), (agencies, summary or f"ringkasan {n}"))
        for n, title in enumerate(titles)
    ]


@pytest.mark.parametrize(
    ("a", "b", "similar"),
    [
        ("Sumedang Command Center", "sumedang command-center", True),  # rule 1
        ("Layanan Aduan Warga", "Layanan Aduan Warga.", True),
        ("Command Center", "CommandCenter", True),
        ("Layanan Aduan Warga Kabupaten", "Layanan Aduan Warga Kabupatan", True),  # rule 2: a letter
        ("Sistem Informasi Pelayanan Desa", "Sistem Informasi Pelyanan Desa", True),  # a letter missing
        ("Sistem Informasi Pelayanan Desa", "Sistem Informasi Pelaaynan Desa", True),  # two swapped
        ("Sumedang Command Center", "Sumedang Command Center Baru", True),  # rule 3: a word more
        ("Sistem Informasi Desa", "Sistem Informasi Kepegawaian", False),
        ("Command Center", "Call Center", False),
        ("Posyandu Digital Desa Cibeureum", "Posyandu Digital Desa Cikeruh", False),  # a place
        ("Laporan Kinerja Tahunan 2023", "Laporan Kinerja Tahunan 2024", False),  # a year
        ("Layanan SIPD", "Layanan SIPP", False),  # a short name
        ("Layanan Aduan", "Layanan Aduan Warga Kota Baru", False),  # more than a word apart
    ],
)
def test_what_counts_as_a_likely_duplicate(a, b, similar):
    assert bool(similar_groups(entries(a, b))) is similar


def test_look_alike_titles_are_one_innovation_only_when_the_rest_agrees():
    titles = [f"Posyandu Digital Desa {village}" for village in ("Cibeureum", "Cikeruh", "Jatiroke")]
    assert similar_groups(entries(*titles)) == []
    # The same agencies and the same summary word for word: the same record, copied.
    copied = entries(*titles, summary="posyandu dengan pencatatan digital")
    assert similar_groups(copied) == [["r/i0", "r/i1", "r/i2"]]
    # The same summary but other agencies: different innovations.
    other = [*copied[:2], Entry("r/i2", copied[2].title, (("dinkes",), copied[2].rest[1]))]
    assert similar_groups(other) == [["r/i0", "r/i1"]]


def test_thousands_of_look_alikes_give_no_warning_and_a_few_real_ones():
    villages = [
        "Cibeureum",
        "Cikeruh",
        "Jatiroke",
        "Sukamaju",
        "Margaluyu",
        "Cipacing",
        "Sayang",
        "Mekargalih",
        "Hegarmanah",
        "Cileles",
        "Cintamulya",
        "Jatimukti",
        "Tanjungsari",
        "Gudang",
        "Kutamandiri",
        "Raharja",
        "Pasigaran",
        "Cisempur",
        "Jatisari",
        "Genteng",
    ]
    titles = [f"Posyandu Digital Desa {v} {n}" for v in villages for n in range(100)]
    titles += ["Posyandu Digital Desa Cibeureum Utara", "Posyandu Digitl Desa Cibeureum Utara"]
    found = similar_groups(entries(*titles))
    assert found == [[f"r/i{len(titles) - 2}", f"r/i{len(titles) - 1}"]]


def test_a_large_group_is_counted_and_some_of_it_named(scratch):
    for n in range(8):
        add_innovation(
            scratch,
            f"innovations/kabupaten-sumedang/posyandu-{n}.yml",
            f"Posyandu Digital Desa {'ABCDEFGH'[n]}kar",
            summary="Posyandu dengan pencatatan digital.",
        )
    result = review.review(check(scratch.root), dt.date(2026, 1, 1))
    (found,) = [p for p in result.problems if p.code.startswith("similar-title")]
    assert (found.code, found.path) == ("similar-title-many", "innovations/kabupaten-sumedang/posyandu-7.yml")
    text = message(found, "en")
    assert "the titles of 7 other entries in the same region, among them" in text
    assert text.count('("Posyandu Digital Desa') == GROUP_NAMED


# --- Stale entries ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "stale"),
    [("2027-07-04", False), ("2027-07-05", True)],  # 730 days after 2025-07-04, then 731
)
def test_last_verified_older_than_two_years_is_stale(scratch, today, stale):
    done = katalog(scratch.root, "--today", today, "--format", "github")
    assert done.returncode == 0
    line = scratch.read(INNOVATION).splitlines().index("last_verified: 2025-07-04") + 1
    expected = (
        f"::warning file={INNOVATION},line={line},col=16,title=last_verified::Entri ini terakhir diperiksa pada"
        " 2025-07-04, 731 hari yang lalu (batas 730 hari). Periksa lagi isinya terhadap sumbernya, lalu perbarui"
        " last_verified."
    )
    assert (expected in done.stdout.splitlines()) is stale


def test_stale_after_is_configurable(scratch):
    assert (
        "stale-entry"
        in katalog(scratch.root, "--today", SOON, "--stale-after", "100", "--format", "json").stdout
    )
    assert (
        "stale-entry" not in katalog(scratch.root, "--today", "2030-01-01", "--stale-after", "99999").stdout
    )


def test_warnings_wait_until_the_errors_are_fixed(scratch):
    scratch.edit(INNOVATION, "stage: implementation", "stage: penerapan")
    done = katalog(scratch.root, "--today", "2030-01-01", "--format", "json")
    assert {p["severity"] for p in json.loads(done.stdout)["problems"]} == {"error"}


@pytest.mark.parametrize(
    ("title", "shouted"),
    [
        ("LAYANAN ADUAN WARGA", True),
        ("SISTEM INFORMASI DESA 2024", True),
        ("SIPD", False),  # one acronym is a name
        ("Desa HELAU", False),
        ("JAKI untuk Warga", False),
        ("Layanan Aduan Warga", False),
        ("LAYANAN ADUAN WARGA 中文", False),  # a letter without case is not a capital
    ],
)
def test_a_title_in_capitals_throughout(title, shouted):
    assert review.all_caps(title) is shouted


def test_a_title_in_capitals_is_a_warning(scratch):
    scratch.edit(INNOVATION, "title: Sumedang Command Center", "title: SUMEDANG COMMAND CENTER")
    done = katalog(scratch.root, "--today", SOON, "--lang", "en")
    assert done.returncode == 0
    assert done.stdout.splitlines() == [
        f"{INNOVATION}:1:8: warning: [title] This title is written in capitals throughout. Write it in normal"
        ' case: capitals only at the start of words and in acronyms (e.g. "Layanan Aduan Warga JAKI").',
        "0 errors and 1 warning in 1 of 5 files.",
    ]

"""Review help in `katalog check`: changed files first, likely duplicates and stale entries (warnings)."""

from __future__ import annotations

import difflib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.content import review
from generator.content.messages import command_text
from generator.content.review import _similar_pairs, _similar_pairs_in, _similar_pairs_of_regions, normalise

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
        ' judul kabupaten-sumedang/command-center ("Sumedang Command Center"). Jika inovasinya sama, gabungkan'
        " kedua entri; jika berbeda, buat judulnya lebih jelas.",
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


def test_the_regions_split_between_two_processes_give_the_same_pairs(monkeypatch):
    titles = ["layanan aduan warga", "sistem informasi desa", "pusat kendali kota", "kartu sehat keluarga"]
    groups = [
        [(f"region-{r}/i{i}", f"{title} {r}" + ("." * (i % 3))) for i, title in enumerate(titles * (r + 1))]
        for r in range(6)
    ]
    alone = _similar_pairs_in(groups)
    assert len(alone) > 6  # each region repeats its titles: many pairs to find
    monkeypatch.setattr(review, "PARALLEL_COMPARISONS_FROM", 0)
    assert _similar_pairs_of_regions(groups) == alone


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
    assert "the same as kabupaten-sumedang/command-center's" in document["problems"][0]["message"]


def test_the_same_title_with_another_summary_is_a_similar_title_not_a_duplicate(scratch):
    summary = "Pusat kendali yang memadukan kamera pengawas lalu lintas dengan sistem informasi pemerintahan."
    add_innovation(
        scratch, "innovations/kabupaten-sumedang/sumedang-cc.yml", "Sumedang Command Center.", summary
    )
    add_innovation(scratch, "innovations/kabupaten-sumedang/sumedang-cc-2.yml", "Sumedang  command-center!")
    done = katalog(scratch.root, "--today", SOON, "--format", "json", "--lang", "en")
    # The second is like both others; the first repeats command-center's title and summary.
    found = [(p["path"], p["code"], p["message"]) for p in json.loads(done.stdout)["problems"]]
    assert [(path, code) for path, code, _ in found] == [
        ("innovations/kabupaten-sumedang/sumedang-cc-2.yml", "similar-title"),
        ("innovations/kabupaten-sumedang/sumedang-cc-2.yml", "similar-title"),
        ("innovations/kabupaten-sumedang/sumedang-cc.yml", "duplicate-innovation"),
    ]
    assert 'title of kabupaten-sumedang/command-center ("Sumedang Command Center")' in found[0][2]
    assert 'title of kabupaten-sumedang/sumedang-cc ("Sumedang Command Center.")' in found[1][2]
    assert "kabupaten-sumedang/command-center" in found[2][2]


@pytest.mark.parametrize(
    ("a", "b", "similar"),
    [
        ("Sumedang Command Center", "sumedang command-center", True),
        ("Layanan Aduan Warga", "Layanan Aduan Warga.", True),
        ("Sistem Informasi Desa", "Sistem Informasi Kepegawaian", False),
        ("Command Center", "Call Center", False),
        # One letter apart in 24: a ratio of 23/24.
        ("Layanan Aduan Warga Kota", "Layanan Aduan Warga Kita", True),
    ],
)
def test_similarity_ignores_case_punctuation_and_spaces(a, b, similar):
    assert bool(_similar_pairs([("x/a", normalise(a)), ("x/b", normalise(b))])) is similar


@pytest.mark.parametrize("first", ["a", "b"])
def test_a_pair_similar_one_way_round_is_found_whichever_sorts_first(first):
    """difflib gives 0.885 one way round and 0.923 the other for these two (same length)."""
    one, other = "aaaaaaaaaaaaaaa b b aaaaaa", "aaaaaaaaaaaaaaa a abaaaaaa"
    assert difflib.SequenceMatcher(None, one, other, autojunk=False).ratio() < 0.9
    refs = ("x/a", "x/b") if first == "a" else ("x/b", "x/a")
    assert _similar_pairs([(refs[0], one), (refs[1], other)]) == {frozenset(refs)}


def _pairs_difflib_finds(entries: list[tuple[str, str]]) -> set[frozenset[str]]:
    """Every pair compared with difflib alone, both ways round, no bound in front."""
    return {
        frozenset((a[0], b[0]))
        for i, a in enumerate(entries)
        for b in entries[i + 1 :]
        if max(
            difflib.SequenceMatcher(None, a[1], b[1], autojunk=False).ratio(),
            difflib.SequenceMatcher(None, b[1], a[1], autojunk=False).ratio(),
        )
        >= 0.9
    }


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet="abcdeé -", min_size=1, max_size=14), min_size=2, max_size=12))
def test_the_fast_comparison_finds_every_pair_a_plain_one_finds(titles):
    """The cheap bounds in front of difflib never drop a pair that difflib would call similar."""
    entries = [(f"r/i{index}", normalise(title) or "x") for index, title in enumerate(titles)]
    assert _similar_pairs(entries) == _pairs_difflib_finds(entries)


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet="abcdeé ", min_size=8, max_size=40),
    st.lists(
        st.tuples(st.integers(0, 40), st.sampled_from(["", "a", "x", "é", " "]), st.booleans()),
        min_size=1,
        max_size=12,
    ),
)
def test_near_identical_titles_are_found_as_difflib_finds_them(base, edits):
    """Titles a few letters apart, around the 0.9 the warning starts at: no bound drops a pair."""
    titles = [base]
    for index, letter, insert in edits:
        edited = titles[-1]
        titles.append(edited[:index] + letter + edited[index + (0 if insert else 1) :])
    entries = [(f"r/i{index}", normalise(title) or "x") for index, title in enumerate(titles)]
    assert _similar_pairs(entries) == _pairs_difflib_finds(entries)


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

"""`katalog from-issue`: saved bodies of "Usulkan inovasi" issues become innovation files, offline.

The bodies under tests/fixtures/issues/ are written as GitHub renders a submitted form.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.content.check import check
from generator.content.messages import command_text, message
from generator.content.problems import problem
from generator.content.vocab import vocabulary
from generator.contrib.from_issue import answers, convert
from generator.contrib.issue_forms import PROPOSAL, elements

KATALOG = Path(sys.executable).parent / "katalog"
ISSUES = Path(__file__).parent / "fixtures" / "issues"
SAMPURASUN = "innovations/kabupaten-sumedang/sampurasun-layanan-aduan-warga.yml"


def from_issue(root: Path, name: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(KATALOG), "from-issue", str(ISSUES / name), "--root", str(root), *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def both(key: str, **args: str) -> str:
    return "".join(command_text(key, lang, **args) + "\n" for lang in ("id", "en"))


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


# --- Proposals that become files ----------------------------------------------------------------------


def test_preview_prints_the_file_and_writes_nothing(scratch):
    before = files(scratch.root)
    done = from_issue(scratch.root, "usulan-lengkap.md")
    assert done.returncode == 0
    assert done.stderr == both("from-issue-preview", path=SAMPURASUN)
    assert files(scratch.root) == before
    assert done.stdout.startswith("# yaml-language-server: $schema=../../schemas/innovation.schema.json\n")
    data = yaml.safe_load(done.stdout)
    assert data == {
        "title": "Sampurasun: Layanan Aduan Warga",
        "summary": "Kanal aduan warga yang diteruskan ke perangkat daerah terkait dan dipantau dari Command"
        " Center sampai selesai.",
        "agencies": ["diskominfosanditik", "setda"],
        "stage": "implementation",
        "kind": "digital",
        "form": "public-service",
        # An option whose label holds commas: "Ketenteraman, ketertiban umum, dan pelindungan masyarakat".
        "affairs": ["communication-informatics", "public-order"],
        "themes": ["public-service"],
        "initiator": "agency",
        "trial_date": dt.date(2021, 3, 1),
        "implementation_date": dt.date(2022, 1, 10),
        # A `###` heading inside an answer stays in that answer.
        "description": "Warga mengirim aduan lewat aplikasi atau WhatsApp resmi.\n\n### Cara mengadu\n\n"
        "1. Buka aplikasi.\n2. Tulis aduan.",
        "spbe": ["services-public"],
        "links": [{"title": "Aplikasi Sampurasun", "url": "https://sampurasun.sumedangkab.go.id"}],
        "contacts": [
            {
                "office": "Bidang Aplikasi Informatika, Diskominfosanditik",
                "email": "diskominfo@sumedangkab.go.id",
            }
        ],
        "sources": [
            {
                "title": "Sampurasun, kanal aduan warga Sumedang",
                "url": "https://sumedangkab.go.id/berita/sampurasun",
            },
            {
                "title": "Laporan tahunan Diskominfosanditik 2023",
                "url": "https://diskominfo.sumedangkab.go.id/laporan-2023",
            },
        ],
    }


def test_write_puts_the_file_in_place_and_the_catalogue_stays_clean(scratch):
    done = from_issue(scratch.root, "usulan-lengkap.md", "--write")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == both("from-issue-written", path=SAMPURASUN)
    result = scratch.check()
    assert result.problems == []
    assert (
        result.catalogue.innovations["kabupaten-sumedang/sampurasun-layanan-aduan-warga"].initiator
        == "agency"
    )


def test_minimal_answers_windows_line_endings_and_a_page_address(scratch):
    done = from_issue(scratch.root, "usulan-minimal.md", "--write")
    assert done.returncode == 0
    text = scratch.read("innovations/kabupaten-sumedang/layanan-cepat.yml")
    assert "\r" not in text and "_No response_" not in text
    assert scratch.check().problems == []


def test_an_existing_entry_is_not_replaced(scratch):
    assert from_issue(scratch.root, "usulan-minimal.md", "--write").returncode == 0
    before = files(scratch.root)
    done = from_issue(scratch.root, "usulan-minimal.md", "--write")
    assert done.returncode == 1
    assert files(scratch.root) == before
    expected = problem(
        "usulan-minimal.md",
        0,
        0,
        "issue-entry-exists",
        ref="kabupaten-sumedang/layanan-cepat",
        path="innovations/kabupaten-sumedang/layanan-cepat.yml",
    )
    assert f"- {message(expected)}\n" in done.stdout


def test_a_duplicate_is_written_with_a_warning_for_the_reviewer(scratch):
    done = from_issue(scratch.root, "usulan-ganda.md", "--write")
    assert done.returncode == 0
    assert both("from-issue-warnings") in done.stdout
    assert (
        'sama dengan kabupaten-sumedang/command-center ("Sumedang Command Center"): inovasi yang sama'
        " tampaknya diusulkan lebih dari sekali" in done.stdout
    )
    assert (scratch.root / "innovations/kabupaten-sumedang/command-center-sumedang.yml").is_file()


# --- Proposals with problems: exit status 1, nothing written, the answer named -------------------------


def test_answers_the_form_itself_can_tell_are_wrong(scratch):
    before = files(scratch.root)
    done = from_issue(scratch.root, "usulan-salah.md", "--write")
    assert done.returncode == 1
    assert files(scratch.root) == before
    stage = next(e for e in elements(PROPOSAL) if e.field == "stage")
    assert done.stdout.splitlines() == [
        command_text("from-issue-problems", "id"),
        command_text("from-issue-problems", "en"),
        '- "Kabupaten Sumedang" bukan id yang sah untuk "Id daerah / Region id": pakai huruf kecil, angka dan'
        ' tanda hubung saja, misalnya "kabupaten-sumedang".',
        '- Bagian "Ringkasan / Summary" wajib diisi.',
        f'- "Penerapan penuh" bukan pilihan yang dikenal untuk "Tahapan / Stage". Pilihan yang ada:'
        f" {', '.join(stage.choices)}.",
        '- Baris "Wawancara dengan kepala dinas" di "Sumber / Sources" tidak memuat alamat web. Tulis satu per'
        " baris: judul, lalu alamat web (https://…).",
    ]


def test_the_checkers_messages_name_the_answer_they_concern(scratch):
    done = from_issue(scratch.root, "usulan-tidak-cocok.md", "--write", "--lang", "en")
    assert done.returncode == 1
    assert not (scratch.root / "innovations/kabupaten-sumedang/layanan-cepat.yml").exists()
    assert done.stdout.splitlines()[2:] == [
        '- Perangkat daerah pelaksana / Agencies that run it: The agency "dinkes" is not listed in'
        " kabupaten-sumedang. Known ids: diskominfosanditik, setda. Add the agency to"
        " regions/kabupaten-sumedang.yml if it is missing.",
        "- Tanggal mulai uji coba / Trial start date: The date 2021-02-30 does not exist. Check the month and the day.",
    ]


def test_ids_never_leave_the_innovations_folder(scratch, tmp_path):
    before = files(tmp_path)
    done = from_issue(scratch.root, "usulan-jalur.md", "--write")
    assert done.returncode == 1
    assert '"../x" bukan id yang sah' in done.stdout
    assert files(tmp_path) == before


def test_an_unknown_region_gets_the_checkers_suggestions(scratch):
    body = (ISSUES / "usulan-minimal.md").read_text(encoding="utf-8")
    proposal = convert(body.replace("kabupaten-sumedang/", "kabupaten-sumedan/"), scratch.root)
    assert [(p.code, p.arguments["suggestions"]) for p in proposal.problems] == [
        ("unknown-region-folder", "kabupaten-sumedang")
    ]
    assert not proposal.ok


def test_a_path_for_a_region_is_not_a_region_id(scratch):
    body = (ISSUES / "usulan-minimal.md").read_text(encoding="utf-8")
    proposal = convert(
        body.replace("https://katalog.example/daerah/kabupaten-sumedang/", "../../etc"), scratch.root
    )
    assert [(p.code, p.arguments["value"]) for p in proposal.problems] == [("issue-bad-region", "../../etc")]
    assert "kabupaten-sumedang" in message(proposal.problems[0], "en")


def test_another_form_is_not_a_proposal(scratch):
    done = from_issue(scratch.root, "koreksi.md")
    assert done.returncode == 1
    assert 'bagian "Id daerah / Region id" tidak ditemukan' in done.stdout


VISIT_FILE = "visits/2025-08-studi-tiru-command-center-oleh-pemprov-jawa-barat.yml"


def test_a_visit_report_becomes_a_visit_file_named_for_its_month_and_title(scratch):
    done = from_issue(scratch.root, "kunjungan.md", "--write")
    assert (done.returncode, done.stdout) == (0, both("from-issue-written", path=VISIT_FILE))
    written = scratch.read(VISIT_FILE)
    assert written.startswith("# yaml-language-server: $schema=../schemas/visit.schema.json\n")
    assert yaml.safe_load(written) == {
        "title": "Studi tiru Command Center oleh Pemprov Jawa Barat",
        "kind": "replication-study",
        "status": "held",
        "date": dt.date(2025, 8, 12),
        "date_note": 'Berita menulis "Selasa (12/8)"; tahunnya dari tanggal terbit berita.',
        "host": "kabupaten-sumedang",
        "visitors": ["provinsi-jawa-barat"],
        "other_visitors": ["DPRD Provinsi Jawa Barat"],
        "place": "Command Center Sumedang",
        "learners": "visitors",
        "host_agencies": ["kabupaten-sumedang/diskominfosanditik", "kabupaten-sumedang/setda"],
        "innovations": ["kabupaten-sumedang/command-center"],
        "agreement": "mou-jawa-barat-sumedang-2025",
        "summary": "Rombongan provinsi mempelajari cara kerja Command Center.",
        "account": "Rombongan diterima **Diskominfosanditik**.",
        "sources": [{"title": "Berita kunjungan", "url": "https://sumedangkab.go.id/berita/studi-tiru"}],
    }
    assert scratch.check().ok


def test_a_visit_report_with_a_wrong_agency_names_the_answer(scratch):
    body = (ISSUES / "kunjungan.md").read_text(encoding="utf-8")
    bad = scratch.write("bad.md", body.replace("kabupaten-sumedang/setda", "provinsi-jawa-barat/setda"))
    done = subprocess.run(
        [str(KATALOG), "from-issue", str(bad), "--root", str(scratch.root)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    label = "Perangkat daerah tuan rumah / Host agencies"
    assert f"- {label}: " in done.stdout and "provinsi-jawa-barat/setda" in done.stdout


def test_missing_body_file_is_a_usage_error(scratch):
    done = from_issue(scratch.root, "tidak-ada.md")
    assert done.returncode == 2 and "tidak-ada.md" in done.stderr


# --- The reader and the form agree ------------------------------------------------------------------


def test_every_option_of_every_dropdown_reads_back(scratch):
    """A body with every option of every dropdown chosen, built from the form definition itself."""
    sections = []
    for element in elements(PROPOSAL):
        if element.kind == "markdown":
            continue
        if element.kind == "dropdown":
            chosen = list(element.choices) if element.multiple else [next(iter(element.choices))]
            value = ", ".join(chosen)
        elif element.field == "region":
            value = "kabupaten-sumedang"
        elif element.field == "agencies":
            value = "setda"
        elif element.field == "title":
            value = "Semua Pilihan"
        elif element.field == "sources":
            value = "Sumber https://example.go.id"
        elif element.required:
            value = "Teks."
        else:
            value = "_No response_"
        sections.append(f"### {element.label}\n\n{value}")
    body = "\n\n".join(sections) + "\n"
    assert set(answers(body)) == {e.label for e in elements(PROPOSAL) if e.kind != "markdown"}
    proposal = convert(body, scratch.root)
    assert proposal.ok, proposal.problems
    data = yaml.safe_load(proposal.text)
    assert data["affairs"] == list(vocabulary("affairs").values)
    assert data["themes"] == list(vocabulary("themes").values)
    assert data["spbe"] == list(vocabulary("spbe").values)
    assert check(scratch.root).ok


@pytest.mark.parametrize("answer", ["Penerapan (implementation)", "implementation", "Penerapan"])
def test_a_choice_may_be_written_as_option_value_or_label(scratch, answer):
    body = (ISSUES / "usulan-minimal.md").read_text(encoding="utf-8").replace("Uji coba (trial)", answer)
    proposal = convert(body, scratch.root)
    assert proposal.ok and yaml.safe_load(proposal.text)["stage"] == "implementation"

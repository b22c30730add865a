"""The contributor workflow around the code: GitHub Actions workflows (linted with actionlint), the
pull-request template, the pre-commit hook and CONTRIBUTING.md (its field tables and examples).

Regenerate CONTRIBUTING.md's field tables with: `katalog fields --update CONTRIBUTING.md`.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.content.fields import input_fields
from generator.content.messages import message_codes
from generator.content.vocab import vocabulary
from generator.contrib.field_guide import record_tables, update_document

REPO = Path(__file__).parent.parent
WORKFLOWS = REPO / ".github" / "workflows"
ACTIONLINT = Path(sys.executable).parent / "actionlint"
CONTRIBUTING = REPO / "CONTRIBUTING.md"
# Actions that may run in this repository's workflows: GitHub's own, each pinned to a major version.
USES = re.compile(r"actions/[a-z-]+@v[0-9]+")


def workflow(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def steps(data: dict) -> list[dict]:
    return [step for job in data["jobs"].values() for step in job.get("steps", [])]


def runs(data: dict) -> str:
    return "\n".join(step.get("run", "") for step in steps(data))


# --- Workflows -------------------------------------------------------------------------------------------


def test_actionlint_passes_every_workflow():
    files = sorted(str(p) for p in WORKFLOWS.glob("*.yml"))
    assert files
    done = subprocess.run([str(ACTIONLINT), *files], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_actionlint_does_catch_an_untrusted_issue_body(tmp_path):
    """The lint is real: the injection from-issue.yml avoids is reported when it is written."""
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: issues\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
        '      - run: echo "${{ github.event.issue.body }}"\n',
        encoding="utf-8",
    )
    done = subprocess.run(
        [str(ACTIONLINT), str(bad)], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 1 and "untrusted" in done.stdout


@pytest.mark.parametrize("name", ["ci.yml", "from-issue.yml"])
def test_only_official_actions_pinned_to_a_major_version(name):
    used = [step["uses"] for step in steps(workflow(name)) if "uses" in step]
    assert used and all(USES.fullmatch(action) for action in used), used


def test_ci_checks_builds_tests_and_previews_every_pull_request():
    data = workflow("ci.yml")
    assert "pull_request" in data["on"] and data["on"]["push"]["branches"] == ["main"]
    script = runs(data)
    assert 'katalog check --format github --changed-since "origin/$BASE_REF"' in script
    assert "make build" in script and "make test" in script
    preview = next(s for s in steps(data) if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert preview["with"]["path"] == "site/" and "pull_request" in preview["if"]
    checkout = next(
        s for s in data["jobs"]["site"]["steps"] if s.get("uses", "").startswith("actions/checkout@")
    )
    assert checkout["with"]["fetch-depth"] == 0  # --changed-since needs the base branch's commits


def test_ci_deploys_pages_from_main_only():
    data = workflow("ci.yml")
    assert data["permissions"] == {"contents": "read"}
    deploy = data["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert "refs/heads/main" in deploy["if"] and deploy["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    upload = next(s for s in steps(data) if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site/" and "refs/heads/main" in upload["if"]


def test_from_issue_workflow_runs_on_proposals_and_keeps_the_body_out_of_scripts():
    data = workflow("from-issue.yml")
    assert data["on"]["issues"]["types"] == ["opened", "edited", "labeled"]
    job = data["jobs"]["propose"]
    assert "contains(github.event.issue.labels.*.name, 'usulan')" in job["if"]
    assert "contains(github.event.issue.labels.*.name, 'kunjungan')" in job["if"]
    script = runs(data)
    assert "${{" not in script  # every event value reaches the shell through the environment
    assert 'katalog from-issue "$RUNNER_TEMP/issue.md" --write' in script
    assert "gh pr create" in script and "gh issue comment" in script
    convert = next(s for s in job["steps"] if s.get("id") == "convert")
    assert convert["env"]["BODY"] == "${{ github.event.issue.body }}"


def test_the_proposal_form_applies_the_label_the_workflow_waits_for():
    form = yaml.safe_load((REPO / ".github/ISSUE_TEMPLATE/usulkan-inovasi.yml").read_text(encoding="utf-8"))
    assert form["labels"] == ["usulan"]


# --- Pull-request template and pre-commit -----------------------------------------------------------------


def test_pull_request_template_has_a_checklist():
    text = (REPO / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    items = [line for line in text.splitlines() if line.startswith("- [ ] ")]
    assert len(items) >= 5
    assert all(" / " in item for item in items)  # Indonesian, then English


def test_pre_commit_hook_runs_the_checker_and_passes_on_the_shipped_content():
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [repo] = config["repos"]
    [hook] = repo["hooks"]
    assert repo["repo"] == "local" and hook["language"] == "system" and hook["pass_filenames"] is False
    assert re.search(hook["files"], "innovations/kabupaten-sumedang/command-center.yml")
    command = shlex.split(hook["entry"])
    assert command[-1:] == ["check"] and Path(command[0]).name == "katalog"
    # As pre-commit runs a `system` hook: the entry, from the repository's root.
    command[0] = str(Path(sys.executable).parent / "katalog")
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stdout


# --- CONTRIBUTING.md --------------------------------------------------------------------------------------


def test_contributing_field_tables_are_the_generated_ones():
    text = CONTRIBUTING.read_text(encoding="utf-8")
    assert update_document(text) == text, "run: katalog fields --update CONTRIBUTING.md"


def test_contributing_is_indonesian_first_and_mentions_every_field_in_both_languages():
    text = CONTRIBUTING.read_text(encoding="utf-8")
    indonesian, english = text.split("\n## English\n")
    assert "\n## Bahasa Indonesia\n" in indonesian
    for part in (indonesian, english):
        for cls, _, _ in record_tables():
            for name in input_fields(cls):
                assert f"| `{name}` |" in part, (cls.__name__, name)
        for value in vocabulary("affairs").values:
            assert f"`{value}`" in part
    for way in ("formulir issue", "editor web GitHub", "make serve", "katalog new", "katalog check"):
        assert way in indonesian
    for way in ("issue form", "GitHub web editor", "make serve", "katalog new", "katalog check"):
        assert way in english


def test_contributing_names_only_real_checker_messages():
    text = CONTRIBUTING.read_text(encoding="utf-8")
    named = set(re.findall(r"\(`([a-z-]+)`(?:, `([a-z-]+)`)?\)", text))
    codes = {code for pair in named for code in pair if code}
    assert len(codes) >= 15
    assert codes <= set(message_codes()), codes - set(message_codes())


def test_contributing_example_passes_the_checker(scratch):
    text = CONTRIBUTING.read_text(encoding="utf-8")
    examples = re.findall(r"   ```yaml\n(.*?)   ```\n", text, re.DOTALL)
    assert len(examples) == 2
    for index, example in enumerate(examples):
        body = "\n".join(line.removeprefix("   ") for line in example.splitlines()) + "\n"
        scratch.write(f"innovations/kabupaten-sumedang/contoh-{index}.yml", body)
    assert scratch.check().problems == []

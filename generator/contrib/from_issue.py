"""`katalog from-issue`: the body of a submitted "Usulkan inovasi" or "Laporkan kunjungan" issue →
an innovation or a visit file.

GitHub writes each answer of an issue form as `### <label>`, a blank line, then the answer
(`_No response_` when empty; a multiple-choice dropdown as its options joined by ", "). The labels
and options come from `issue_forms.py`, so the form and this reader cannot drift apart.

The new file is checked together with the catalogue, in a scratch copy, so its problems are the
checker's own, with the answer they concern named by its form label.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..content.check import check
from ..content.check_regions import REGION_ID_PREFIX
from ..content.duplicates import duplicate_warnings
from ..content.fields import input_fields
from ..content.files import CONTENT_DIRS, INNOVATIONS_DIR, VISITS_DIR, suggest_id
from ..content.limits import MAX_LENGTH
from ..content.model import Innovation
from ..content.problems import Problem, problem
from ..content.validate import ID_PATTERN
from ..content.yamltext import dump
from .issue_forms import PROPOSAL, VISIT_REPORT, Element, elements, record_of

EMPTY_ANSWERS = frozenset({"_No response_", "None", ""})
# The forms whose answers become a record, with the answers that tell a body of one from the other.
RECORD_FORMS = {PROPOSAL: ("region", "title"), VISIT_REPORT: ("host", "title")}
SCHEMA_COMMENTS = {
    PROPOSAL: "# yaml-language-server: $schema=../../schemas/innovation.schema.json\n",
    VISIT_REPORT: "# yaml-language-server: $schema=../schemas/visit.schema.json\n",
}
_HEADING = re.compile(r"^###[ \t]+(.*?)[ \t]*$")
_URL = re.compile(r"(?:https?|mailto):[^\s<>()\[\]]+")
_MARKDOWN_LINK = re.compile(r"^\[(?P<title>[^\]]+)\]\((?P<url>[^)\s]+)\)$")
_BULLET = re.compile(r"^(?:[-*•]|\d+[.)])\s+")
_LIST_SEPARATORS = re.compile(r"[,;\n]")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
REGION_ID_PREFIXES = tuple(REGION_ID_PREFIX.values())


@dataclass(slots=True)
class Proposal:
    """What an issue body became: the file (path and text) and every problem found on the way."""

    rel: str | None = None
    text: str | None = None
    problems: list[Problem] = field(default_factory=list)
    form: str = PROPOSAL

    @property
    def ok(self) -> bool:
        return self.text is not None and not any(p.severity == "error" for p in self.problems)


def form_of(body: str) -> str:
    """The form a body was written with: the first whose identifying answers are all headings in it
    (the innovation proposal when none is)."""
    headings = {m.group(1) for m in map(_HEADING.match, body.replace("\r", "\n").split("\n")) if m}
    for name, identifying in RECORD_FORMS.items():
        by_field = {e.field: e.label for e in elements(name) if e.field}
        if all(by_field[f] in headings for f in identifying):
            return name
    return PROPOSAL


def answers(body: str, form: str = PROPOSAL) -> dict[str, str]:
    """Each answered section of the body, by its label. Only the form's own labels start a section,
    so a `###` heading inside a Markdown answer stays part of that answer."""
    known = {e.label for e in elements(form) if e.kind != "markdown"}
    found: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in body.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        heading = _HEADING.match(line)
        if heading and heading.group(1) in known:
            current = found.setdefault(heading.group(1), [])
        elif current is not None:
            current.append(line)
    result = {}
    for label, lines in found.items():
        text = "\n".join(lines).strip()
        result[label] = "" if text in EMPTY_ANSWERS else text
    return result


def _choices(element: Element, raw: str) -> tuple[list[str], list[str]]:
    """The values of a dropdown answer, and the parts that match no option.

    Options may contain ", " themselves ("Koperasi, usaha kecil, dan menengah (…)"), so pieces are
    joined until they make a known option; a bare value or label is accepted too (hand edits).
    """
    by_text = dict(element.choices)
    by_text |= {value: value for value in element.choices.values()}
    by_text |= {text.rsplit(" (", 1)[0]: value for text, value in element.choices.items()}
    values, unknown, pending = [], [], ""
    for piece in raw.split(", ") if element.multiple else [raw]:
        pending = f"{pending}, {piece}" if pending else piece
        if pending.strip() in by_text:
            values.append(by_text[pending.strip()])
            pending = ""
    if pending:
        unknown.append(pending.strip())
    return values, unknown


def _id_from_title(title: str, prefix: str = "") -> str:
    """A record id from its title (after `prefix`): ASCII kebab-case, cut at a word within the id limit."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    ident = suggest_id(f"{prefix} {ascii_title}" if prefix else ascii_title)
    limit = MAX_LENGTH["id"]
    return ident if len(ident) <= limit else ident[: limit + 1].rsplit("-", 1)[0]


def _lines(element: Element, raw: str, path: str, problems: list[Problem]) -> list[dict[str, str]]:
    """Items written one per line: a title, then its web address (or a Markdown link)."""
    items = []
    for line in raw.split("\n"):
        line = _BULLET.sub("", line.strip()).strip()
        if not line:
            continue
        link = _MARKDOWN_LINK.match(line)
        if link:
            items.append({"title": link["title"].strip(), "url": link["url"]})
            continue
        urls = _URL.findall(line)
        if not urls:
            problems.append(problem(path, 0, 0, "issue-bad-line", element.id, line=line, label=element.label))
            continue
        url = urls[-1]
        title = line.replace(url, " ").strip(" \t-–—|:•*<>")
        items.append({"title": " ".join(title.split()) or url, "url": url})
    return items


def _value(element: Element, raw: str, path: str, problems: list[Problem]) -> Any:
    info = element.info
    assert info is not None
    if element.kind == "dropdown":
        values, unknown = _choices(element, raw)
        for value in unknown:
            allowed = ", ".join(element.choices)
            problems.append(
                problem(
                    path,
                    0,
                    0,
                    "issue-unknown-choice",
                    element.id,
                    value=value,
                    label=element.label,
                    allowed=allowed,
                )
            )
        return values if element.multiple else (values[0] if values else None)
    if element.lines:
        return _lines(element, raw, path, problems)
    if info.is_list:
        return [part.strip() for part in _LIST_SEPARATORS.split(raw) if part.strip()]
    if info.fmt == "prose":
        return " ".join(raw.split())  # one paragraph, as the checker reads it
    if info.kind == "date" and _DATE.fullmatch(raw):
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            return raw  # the checker says why ("impossible-date")
    return raw


def _identity(
    answered: dict[str, str], found: dict[str, Element], path: str, problems: list[Problem]
) -> tuple[str, str]:
    """The file's place: the region id and innovation id of a proposal ("" and the visit id of a
    visit), checked before either becomes part of a path."""
    id_element = found["id"]
    title = answered.get(found["title"].label, "")
    checked = []
    if "region" in found:
        region_element = found["region"]
        raw_region = answered.get(region_element.label, "").strip()
        # A pasted page address works too: its last segment is the region id. Only an address: the
        # last segment of "../../etc" is no region the contributor meant.
        region = raw_region.rstrip("/").rsplit("/", 1)[-1] if _URL.fullmatch(raw_region) else raw_region
        ident = answered.get(id_element.label, "").strip() or _id_from_title(title)
        if region and not suggest_id(region).startswith(REGION_ID_PREFIXES):
            # No suggestion: nothing in the value names a region, so a look-alike would be a guess.
            problems.append(
                problem(
                    path,
                    0,
                    0,
                    "issue-bad-region",
                    region_element.id,
                    value=region,
                    label=region_element.label,
                )
            )
        else:
            checked.append((region_element, region))
    else:
        # A visit is named for its month, then its title: "2026-02-studi-banding-…".
        region, month = "", answered.get(found["date"].label, "").strip()[:7]
        ident = answered.get(id_element.label, "").strip() or _id_from_title(title, month)
    checked.append((id_element, ident))
    for element, value in checked:
        if value and not ID_PATTERN.fullmatch(value):
            problems.append(
                problem(
                    path,
                    0,
                    0,
                    "issue-bad-id",
                    element.id,
                    value=value,
                    label=element.label,
                    suggestion=suggest_id(value),
                )
            )
    return region, ident


def convert(body: str, root: Path, body_path: str = "issue.md") -> Proposal:
    """Read an issue body, build the innovation or visit file, check it with the catalogue under
    `root`."""
    proposal = Proposal(form=form_of(body))
    problems = proposal.problems
    record_kind = record_of(proposal.form)
    form = [e for e in elements(proposal.form) if e.field is not None]
    found = {e.field: e for e in form if e.field}
    answered = answers(body, proposal.form)
    for required in RECORD_FORMS[proposal.form]:
        if found[required].label not in answered:
            problems.append(problem(body_path, 0, 0, "issue-not-a-proposal", "", label=found[required].label))
            return proposal
    for element in form:
        if element.required and not answered.get(element.label):
            problems.append(problem(body_path, 0, 0, "issue-missing-answer", element.id, label=element.label))
    region, ident = _identity(answered, found, body_path, problems)
    values: dict[str, Any] = {}
    for element in form:
        raw = answered.get(element.label, "")
        if not raw or element.field in ("region", "id"):
            continue
        value = _value(element, raw, body_path, problems)
        if value in (None, []):
            continue
        name, _, sub = (element.field or "").partition(".")
        if sub:  # one record of a list, or a single record: `contacts.office`
            info = input_fields(record_kind)[name]
            record = values.setdefault(name, [{}] if info.is_list else {})
            (record[0] if info.is_list else record)[sub] = value
        else:
            values[name] = value
    if problems:
        return proposal
    if record_kind is Innovation:
        proposal.rel, ref = f"{INNOVATIONS_DIR}/{region}/{ident}.yml", f"{region}/{ident}"
    else:
        proposal.rel, ref = f"{VISITS_DIR}/{ident}.yml", f"{VISITS_DIR}/{ident}"
    if (root / proposal.rel).exists():
        problems.append(problem(body_path, 0, 0, "issue-entry-exists", "", ref=ref, path=proposal.rel))
        return proposal
    ordered = {name: values[name] for name in input_fields(record_kind) if name in values}
    proposal.text = SCHEMA_COMMENTS[proposal.form] + dump(ordered)
    problems += _check_with_catalogue(root, proposal.rel, proposal.text)
    return proposal


def _check_with_catalogue(root: Path, rel: str, text: str) -> list[Problem]:
    """The checker's problems and review warnings about the new file, in a scratch copy of `root`."""
    with tempfile.TemporaryDirectory(prefix="katalog-issue-") as scratch:
        copy = Path(scratch)
        for name in CONTENT_DIRS:
            if (root / name).is_dir():
                shutil.copytree(root / name, copy / name, symlinks=True)
        target = copy / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")
        result = check(copy)
        found = [p for p in result.problems if p.path == rel]
        if result.catalogue is not None:
            found += [p for p in duplicate_warnings(result, {rel}) if p.path == rel]
    return sorted(found)


def label_of(item: Problem, form: str = PROPOSAL) -> str:
    """The label of the answer of `form` a problem is about ("" when it concerns no single answer)."""
    by_field = {e.field: e for e in elements(form) if e.field}
    # Problems about the file as a whole that one answer decides: its folder, its name.
    special = {"unknown-region-folder": "region", "issue-entry-exists": "id"}
    if item.code in special and special[item.code] in by_field:
        return by_field[special[item.code]].label
    by_id = {e.id: e for e in elements(form)}
    if item.field in by_id:
        return by_id[item.field].label
    name = re.sub(r"\[\d+\]", "", item.field)
    while name:
        if name in by_field:
            return by_field[name].label
        name = name.rpartition(".")[0]
    return ""


def form_position(item: Problem, form: str = PROPOSAL) -> tuple[int, Problem]:
    """Sort key: problems in the order of the answers of `form` they concern, the others first."""
    labels = [e.label for e in elements(form)]
    label = label_of(item, form)
    return (labels.index(label) if label in labels else 0, item)


def write(root: Path, proposal: Proposal) -> Path:
    """Write the new file (never over an existing one)."""
    assert proposal.rel is not None and proposal.text is not None
    path = root / proposal.rel
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8", newline="\n") as handle:
        handle.write(proposal.text)
    return path

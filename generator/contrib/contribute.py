"""The contributor commands of `katalog`: `new`, `show`, `fix`, `forms`, `from-issue`, `fields`.

Like `cli.py`, thin: parse, call the library, print, return the exit status (0 done, 1 the content
has problems, 2 refused or misused). Refusals are printed in Indonesian, then English.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..content.messages import both_languages, command_text, message
from ..content.vocab import LANGS

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
AddRoot = Callable[[argparse.ArgumentParser], None]


def add_contributor_commands(commands: Any, add_root: AddRoot) -> None:
    """Add the contributor commands to the `katalog` parser's subcommands."""
    new_cmd = commands.add_parser("new", help="write a commented template for a new record")
    kinds = new_cmd.add_subparsers(dest="kind", required=True, metavar="KIND")
    innovation = kinds.add_parser("innovation", help="innovations/REGION/ID.yml")
    innovation.add_argument("region", metavar="REGION", help="region id, e.g. kabupaten-sumedang")
    innovation.add_argument("ident", metavar="ID", help="innovation id, e.g. command-center")
    region = kinds.add_parser("region", help="regions/ID.yml (ID starts with kabupaten-, kota- or provinsi-)")
    region.add_argument("ident", metavar="ID", help="region id, e.g. kota-bogor")
    agreement = kinds.add_parser("agreement", help="agreements/ID.yml")
    agreement.add_argument("ident", metavar="ID", help="agreement id, e.g. pks-bogor-sumedang-2026")
    visit = kinds.add_parser("visit", help="visits/ID.yml")
    visit.add_argument("ident", metavar="ID", help="visit id, e.g. 2026-02-kuningan-ke-sumedang")
    for sub in (innovation, region, agreement, visit):
        add_root(sub)

    show_cmd = commands.add_parser(
        "show", help="print one record as the checker sees it, references resolved"
    )
    show_cmd.add_argument(
        "ref",
        metavar="REF",
        help="region-id, region-id/innovation-id, region-id/agency-id, agreements/ID or visits/ID",
    )
    add_root(show_cmd)
    show_cmd.add_argument("--format", choices=("yaml", "json"), default="yaml", help="output (default: yaml)")
    show_cmd.add_argument("--lang", choices=LANGS, default="id", help="language of problems (default: id)")

    fix_cmd = commands.add_parser(
        "fix", help="show (or --write) the repairs that are safe to make mechanically"
    )
    add_root(fix_cmd)
    fix_cmd.add_argument("--write", action="store_true", help="apply the changes (default: only show them)")

    forms_cmd = commands.add_parser("forms", help="write the GitHub issue forms")
    forms_cmd.add_argument(
        "--out",
        type=Path,
        default=Path(".github/ISSUE_TEMPLATE"),
        help="folder (default: .github/ISSUE_TEMPLATE)",
    )

    issue_cmd = commands.add_parser(
        "from-issue", help='turn a "Usulkan inovasi" or "Laporkan kunjungan" issue body into a record'
    )
    issue_cmd.add_argument("body", type=Path, metavar="BODY_FILE", help="the issue body (Markdown) in a file")
    add_root(issue_cmd)
    issue_cmd.add_argument("--write", action="store_true", help="write the file (default: print it)")
    issue_cmd.add_argument("--lang", choices=LANGS, default="id", help="language of problems (default: id)")

    fields_cmd = commands.add_parser("fields", help="print the field tables of CONTRIBUTING.md")
    fields_cmd.add_argument("--lang", choices=LANGS, default="id", help="language (default: id)")
    fields_cmd.add_argument(
        "--update", type=Path, metavar="FILE", help="rewrite the tables inside FILE instead"
    )


def _new(args: argparse.Namespace) -> int:
    from .scaffold import Refused, plan, write

    try:
        new = plan(args.kind, args.root, args.ident, getattr(args, "region", None))
    except Refused as refusal:
        sys.stderr.write(both_languages(refusal.key, **refusal.params))
        return EXIT_USAGE
    write(args.root, new)
    sys.stdout.write(both_languages("new-created", path=new.rel))
    return EXIT_OK


def _show(args: argparse.Namespace) -> int:
    from ..content.check import check
    from ..content.report import format_text
    from ..content.valid_part import without_broken
    from .show import render, suggestions, view

    full = check(args.root)
    result, left_out = without_broken(args.root, full)
    data = view(result.catalogue, args.ref) if result.catalogue is not None else None
    if result.catalogue is None or (data is None and left_out):
        # Nothing valid to show, or the record asked for may be one of the files not valid yet.
        sys.stderr.write(both_languages("show-invalid") + format_text(full, args.lang))
        return EXIT_INVALID
    if left_out:
        # Shown all the same: a draft elsewhere in the catalogue is no reason to hide this record.
        files = ", ".join(sorted({p.path for p in left_out}))
        sys.stderr.write(both_languages("show-left-out", files=files))
    if data is None:
        found = suggestions(result.catalogue, args.ref)
        sys.stderr.write(both_languages("show-unknown", value=args.ref, suggestions=", ".join(found) or "-"))
        return EXIT_USAGE
    sys.stdout.write(render(data, args.format))
    return EXIT_OK


def _fix(args: argparse.Namespace) -> int:
    from .fix import apply, plan_fixes, unified_diff

    plan = plan_fixes(args.root)
    # The patch alone on standard output, so it can go to `git apply`; the summary on standard error.
    sys.stdout.write(unified_diff(plan))
    notes = []
    for fix in plan.fixes:
        what = " / ".join(
            ", ".join(command_text(f"fix-{kind}", lang) for kind in fix.kinds) for lang in LANGS
        )
        notes.append(command_text("fix-file", "id", path=fix.new, what=what) + "\n")
    for rel, target in plan.blocked:
        notes.append(both_languages("fix-rename-blocked", path=rel, target=target))
    for rel in plan.unreadable:
        notes.append(both_languages("fix-unreadable", path=rel))
    if not plan.fixes:
        notes.append(both_languages("fix-none"))
    elif args.write:
        notes.append(both_languages("fix-done", count=len(apply(args.root, plan))))
    else:
        notes.append(both_languages("fix-would", count=len(plan.fixes)))
    sys.stderr.write("".join(notes))
    return EXIT_OK


def _forms(args: argparse.Namespace) -> int:
    from .issue_forms import write_forms

    for path in write_forms(args.out):
        print(path)
    return EXIT_OK


def _from_issue(args: argparse.Namespace) -> int:
    from .from_issue import convert, form_position, label_of, write

    try:
        body = args.body.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        sys.stderr.write(f"katalog from-issue: {args.body}: {error}\n")
        return EXIT_USAGE
    proposal = convert(body, args.root, args.body.name)
    # In the order of the form, so the list reads like the form the contributor filled in.
    problems = sorted(proposal.problems, key=lambda p: form_position(p, proposal.form))
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity != "error"]
    lines = []
    for heading, items in (("from-issue-problems", errors), ("from-issue-warnings", warnings)):
        if items:
            lines.append(both_languages(heading))
            for item in items:
                text = " ".join(message(item, args.lang).splitlines())
                # The form's own messages name their answer already; the checker's do not.
                label = "" if item.code.startswith("issue-") else label_of(item, proposal.form)
                lines.append(f"- {label}: {text}\n" if label else f"- {text}\n")
    if errors or proposal.text is None or proposal.rel is None:
        sys.stdout.write("".join(lines))
        return EXIT_INVALID
    if args.write:
        write(args.root, proposal)
        sys.stdout.write(both_languages("from-issue-written", path=proposal.rel) + "".join(lines))
    else:
        sys.stdout.write(proposal.text)
        sys.stderr.write(both_languages("from-issue-preview", path=proposal.rel) + "".join(lines))
    return EXIT_OK


def _fields(args: argparse.Namespace) -> int:
    from .field_guide import field_tables, update_document

    if args.update is None:
        sys.stdout.write(field_tables(args.lang))
        return EXIT_OK
    try:
        text = args.update.read_text(encoding="utf-8")
        updated = update_document(text)
    except (OSError, ValueError) as error:
        sys.stderr.write(f"katalog fields: {args.update}: {error}\n")
        return EXIT_USAGE
    if updated == text:
        sys.stdout.write(both_languages("fields-unchanged", path=args.update))
    else:
        args.update.write_text(updated, encoding="utf-8", newline="\n")
        sys.stdout.write(both_languages("fields-updated", path=args.update))
    return EXIT_OK


CONTRIBUTOR_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "new": _new,
    "show": _show,
    "fix": _fix,
    "forms": _forms,
    "from-issue": _from_issue,
    "fields": _fields,
}

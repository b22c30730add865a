"""`katalog`: the command line. Thin: parses arguments, calls the library, sets the exit code."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .content.check import check
from .content.collector import collector_paused
from .content.files import CONTENT_DIRS
from .content.report import FORMATS, FORMATTERS
from .content.review_cli import ReviewUsageError, add_review_arguments, changed_since, reviewed
from .content.vocab import LANGS
from .contrib.contribute import CONTRIBUTOR_COMMANDS, add_contributor_commands
from .publish.commands import BUILD_COMMANDS, add_build_commands

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def _root(value: str) -> Path:
    path = Path(value)
    if not path.is_dir():
        raise argparse.ArgumentTypeError(f"no such folder: {value}")
    if not any((path / name).is_dir() for name in CONTENT_DIRS):
        raise argparse.ArgumentTypeError(
            f"{value} is not a catalogue: it has none of the folders {', '.join(CONTENT_DIRS)}"
        )
    return path


def _add_root(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--root",
        type=_root,
        # A string, so that argparse runs `_root` on it too: no silent "clean" outside a catalogue.
        default=".",
        help="catalogue folder (default: the current folder)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="katalog", description="Katalog Inovasi Daerah: check the content and generate the site's pages."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check_cmd = commands.add_parser("check", help="check every content file and report all problems")
    _add_root(check_cmd)
    check_cmd.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    check_cmd.add_argument("--lang", choices=LANGS, default="id", help="message language (default: id)")
    add_review_arguments(check_cmd)

    schema_cmd = commands.add_parser("schema", help="write the JSON Schemas of the record kinds")
    schema_cmd.add_argument("--out", type=Path, default=Path("schemas"), help="folder (default: schemas)")

    pages_cmd = commands.add_parser("pages", help="write the generated Markdown pages to a folder")
    _add_root(pages_cmd)
    pages_cmd.add_argument("--out", type=Path, required=True, help="folder to write the pages into")
    synthetic_cmd = commands.add_parser(
        "synthetic", help="write a synthetic catalogue over the real regions (for benchmarks and budgets)"
    )
    _add_root(synthetic_cmd)
    synthetic_cmd.add_argument("--n", type=int, default=30_000, help="number of innovations (default: 30000)")
    synthetic_cmd.add_argument("--seed", type=int, default=1, help="random seed (default: 1)")
    synthetic_cmd.add_argument(
        "--spread",
        choices=("zipf", "steep", "even"),
        default="zipf",
        help="innovations per region (default: zipf)",
    )
    synthetic_cmd.add_argument(
        "--titles",
        choices=("mixed", "varied", "look-alike"),
        default="mixed",
        help="titles: patterns with a place or year in them (default: mixed)",
    )
    synthetic_cmd.add_argument(
        "--text",
        choices=("mixed", "long", "short"),
        default="mixed",
        help="description length (default: mixed)",
    )
    synthetic_cmd.add_argument(
        "--out", type=Path, required=True, help="folder to write (replaced if it exists)"
    )

    offline_cmd = commands.add_parser(
        "offline", help="build the offline copy of the site as a zip (opens from file://)"
    )
    offline_cmd.add_argument(
        "--config",
        type=Path,
        default=Path("mkdocs-offline.yml"),
        help="MkDocs config (default: mkdocs-offline.yml)",
    )
    offline_cmd.add_argument(
        "--out",
        type=Path,
        default=Path("build/katalog-offline.zip"),
        help="zip to write (default: build/katalog-offline.zip)",
    )
    preview_cmd = commands.add_parser(
        "preview",
        help="build one record's page and the pages of its region that list it, in seconds",
    )
    preview_cmd.add_argument("file", type=Path, help="the record's file, e.g. innovations/<region>/<id>.yml")
    preview_cmd.add_argument(
        "--root",
        type=_root,
        default=None,
        help="catalogue folder (default: the config's `root`); the record's file may be given inside it",
    )
    preview_cmd.add_argument(
        "--config",
        type=Path,
        default=None,
        help="MkDocs config (default: mkdocs.yml, in the --root folder when given)",
    )
    preview_cmd.add_argument(
        "--out", type=Path, default=Path("build/preview"), help="folder to write (default: build/preview)"
    )
    _add_open_data_commands(commands)
    add_contributor_commands(commands, _add_root)
    add_build_commands(commands)
    return parser


def _add_open_data_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """`registry import`, `import` and `import-template`: data into the catalogue."""
    registry_cmd = commands.add_parser("registry", help="the official Kemendagri region registry")
    actions = registry_cmd.add_subparsers(dest="action", required=True, metavar="ACTION")
    registry_import = actions.add_parser(
        "import", help="show the diff that brings regions/ in line with the registry (--write applies it)"
    )
    _add_root(registry_import)
    registry_import.add_argument(
        "--write", action="store_true", help="apply the changes (default: only show them)"
    )

    import_cmd = commands.add_parser(
        "import", help="import a sheet of innovations (CSV or XLSX) of one region"
    )
    import_cmd.add_argument(
        "file", type=Path, metavar="FILE", help="a .csv or .xlsx laid out like docs/templat/inovasi.xlsx"
    )
    import_cmd.add_argument(
        "--region", required=True, metavar="REGION-ID", help="the region, e.g. kabupaten-sumedang"
    )
    _add_root(import_cmd)
    import_cmd.add_argument("--write", action="store_true", help="write the files (default: only show them)")
    import_cmd.add_argument("--lang", choices=LANGS, default="id", help="message language (default: id)")

    template_cmd = commands.add_parser(
        "import-template", help="write the spreadsheet template (inovasi.csv, .xlsx)"
    )
    template_cmd.add_argument(
        "--out", type=Path, default=Path("docs/templat"), help="folder (default: docs/templat)"
    )


# One pause for the whole command: resumed between the check and the review, the collector would
# make a pass over everything the check made, for nothing (a third of a second at 30,000 records).
@collector_paused()
def _check(args: argparse.Namespace) -> int:
    try:
        changed = changed_since(args)
    except ReviewUsageError as error:
        sys.stderr.write(error.text)
        return EXIT_USAGE
    result = reviewed(check(args.root), args, changed)
    sys.stdout.write(FORMATTERS[args.format](result, args.lang))
    return EXIT_OK if result.ok else EXIT_INVALID


def _schema(args: argparse.Namespace) -> int:
    from .content.schema import write_schemas

    for path in write_schemas(args.out):
        print(path)
    return EXIT_OK


def _pages(args: argparse.Namespace) -> int:
    from .content.report import format_text
    from .site.pages import build_pages
    from .site.write import write_tree

    result = check(args.root)
    if result.catalogue is None:
        sys.stderr.write(format_text(result, "id"))
        return EXIT_INVALID
    changed = write_tree(build_pages(result.catalogue), args.out)
    print(f"{len(changed)} page(s) written to {args.out}")
    return EXIT_OK


def _synthetic(args: argparse.Namespace) -> int:
    from .contrib.synthetic import Shape, write_synthetic_catalogue

    shape = Shape(args.spread, args.titles, args.text)
    counts = write_synthetic_catalogue(args.root, args.out, args.n, args.seed, shape)
    print(", ".join(f"{value} {name}" for name, value in counts.items()) + f" written to {args.out}")
    return EXIT_OK


def _offline(args: argparse.Namespace) -> int:
    from .engine.offline import build_offline_zip

    count = build_offline_zip(args.config, args.out)
    print(f"{args.out}: {count} files; unzip it and open katalog-inovasi-daerah/index.html")
    return EXIT_OK


def _preview(args: argparse.Namespace) -> int:
    from .content.messages import both_languages
    from .content.report import format_problem, format_text
    from .contrib.preview import PreviewError
    from .engine.build_preview import build_preview

    config = args.config or (args.root / "mkdocs.yml" if args.root is not None else Path("mkdocs.yml"))
    if not config.is_file():
        return _usage_error("preview", f"no such file: {config}")
    record = args.file
    if args.root is not None and not record.is_absolute() and not record.exists():
        record = args.root / record  # named as the catalogue names it: innovations/<region>/<id>.yml
    try:
        built = build_preview(config, record, args.out, root=args.root)
    except PreviewError as error:
        return _usage_error("preview", str(error))
    if built.problems:
        sys.stderr.write(format_text(built.result, built.lang))
    if built.left_out:
        files = ", ".join(sorted({p.path for p in built.left_out}))
        sys.stderr.write(both_languages("show-left-out", files=files))
        sys.stderr.write("".join(format_problem(p, built.lang) + "\n" for p in built.left_out))
    if not built.result.ok:
        return EXIT_INVALID
    if not built.pages:
        # Only a region can have no page: a kabupaten/kota without content of its own (relations.py).
        sys.stderr.write(both_languages("preview-region-without-page", region=record.stem))
        return EXIT_OK
    print(f"{len(built.pages)} page(s) of the preview written to {args.out} in {built.seconds:.1f} s:")
    for page in built.pages:
        print(f"  {page}")
    return EXIT_OK


def _usage_error(command: str, text: str) -> int:
    sys.stderr.write(f"katalog {command}: {text}\n")
    return EXIT_USAGE


def _registry(args: argparse.Namespace) -> int:
    from .contrib.registry import RegistryUnavailable, load_registry
    from .contrib.registry_import import apply, plan_import

    try:
        registry = load_registry()
    except RegistryUnavailable as error:
        return _usage_error("registry", str(error))
    plan = plan_import(args.root, registry)
    sys.stdout.write(plan.report())
    if plan.problems:
        return EXIT_INVALID
    if args.write:
        print(f"# {len(apply(plan, args.root))} region file(s) written")
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    from .content.validate import ID_PATTERN
    from .contrib.spreadsheet import apply, plan_import

    if not ID_PATTERN.fullmatch(args.region):
        return _usage_error("import", f"{args.region!r} is not a region id (e.g. kabupaten-sumedang)")
    if not args.file.is_file():
        return _usage_error("import", f"no such file: {args.file}")
    try:
        plan = plan_import(args.file, args.root, args.region)
    except ValueError as error:
        return _usage_error("import", str(error))
    if plan.problems:
        sys.stdout.write(plan.report(args.lang))
        return EXIT_INVALID
    written = args.write and bool(apply(plan, args.root))
    sys.stdout.write(plan.report(args.lang, written=written))
    return EXIT_OK


def _import_template(args: argparse.Namespace) -> int:
    from .contrib.import_template import write_templates

    for path in write_templates(args.out):
        print(path)
    return EXIT_OK


COMMANDS = {"synthetic": _synthetic, "offline": _offline, "check": _check, "schema": _schema, "pages": _pages}
COMMANDS |= {
    "preview": _preview,
    "registry": _registry,
    "import": _import,
    "import-template": _import_template,
}
COMMANDS |= CONTRIBUTOR_COMMANDS | BUILD_COMMANDS


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 invalid content, 2 usage error)."""
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except OSError as error:
        # A read-only checkout, a full disk: one line that names the file, not a traceback.
        from .content.messages import file_error_line

        return _usage_error(args.command, file_error_line(error))


def run() -> None:
    sys.exit(main())

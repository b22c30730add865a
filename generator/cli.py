"""`katalog`: the command line. Thin: parses arguments, calls the library, sets the exit code."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .check import check
from .files import CONTENT_DIRS
from .report import FORMATS, FORMATTERS
from .vocab import LANGS

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

    schema_cmd = commands.add_parser("schema", help="write the JSON Schemas of the record kinds")
    schema_cmd.add_argument("--out", type=Path, default=Path("schemas"), help="folder (default: schemas)")

    pages_cmd = commands.add_parser("pages", help="write the generated Markdown pages to a folder")
    _add_root(pages_cmd)
    pages_cmd.add_argument("--out", type=Path, required=True, help="folder to write the pages into")
    offline_cmd = commands.add_parser("offline", help="build the offline copy of the site as a zip (opens from file://)")
    offline_cmd.add_argument(
        "--config", type=Path, default=Path("mkdocs-offline.yml"), help="MkDocs config (default: mkdocs-offline.yml)"
    )
    offline_cmd.add_argument(
        "--out", type=Path, default=Path("build/katalog-offline.zip"), help="zip to write (default: build/katalog-offline.zip)"
    )
    return parser


def _check(args: argparse.Namespace) -> int:
    result = check(args.root)
    sys.stdout.write(FORMATTERS[args.format](result, args.lang))
    return EXIT_OK if result.ok else EXIT_INVALID


def _schema(args: argparse.Namespace) -> int:
    from .schema import write_schemas

    for path in write_schemas(args.out):
        print(path)
    return EXIT_OK


def _pages(args: argparse.Namespace) -> int:
    from .pages import build_pages
    from .report import format_text
    from .write import write_tree

    result = check(args.root)
    if result.catalogue is None:
        sys.stderr.write(format_text(result, "id"))
        return EXIT_INVALID
    changed = write_tree(build_pages(result.catalogue), args.out)
    print(f"{len(changed)} page(s) written to {args.out}")
    return EXIT_OK


def _offline(args: argparse.Namespace) -> int:
    from .offline import build_offline_zip

    count = build_offline_zip(args.config, args.out)
    print(f"{args.out}: {count} files; unzip it and open katalog-inovasi-daerah/index.html")
    return EXIT_OK


COMMANDS = {"offline": _offline, "check": _check, "schema": _schema, "pages": _pages}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 invalid content, 2 usage error)."""
    args = build_parser().parse_args(argv)
    return COMMANDS[args.command](args)


def run() -> None:
    sys.exit(main())

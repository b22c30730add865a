"""The build commands of `katalog`: `build` (the site's Markdown source, optionally rendered and
finished in one go) and `finish` (after any engine rendered the source).

Like `cli.py`, thin: parse, call the library, print, return the exit status (0 done, 1 the content
has problems or the engine failed, 2 refused or misused). The library is imported when a command
runs: every `katalog` command builds this parser, and `katalog check` has no use for the site.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .render import ENGINES

if TYPE_CHECKING:
    from ..content.catalogue import Catalogue

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
DEFAULT_OUT = Path("build") / "katalog"


def add_build_commands(commands: Any) -> None:
    """Add `build` and `finish` to the `katalog` parser's subcommands."""
    build_cmd = commands.add_parser(
        "build",
        help="write the site's whole Markdown source for any engine; with --engine, render and finish it",
    )
    build_cmd.add_argument(
        "--config",
        type=Path,
        default=Path("mkdocs.yml"),
        help="the site's configuration (default: mkdocs.yml)",
    )
    build_cmd.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help=f"source folder (default: {DEFAULT_OUT.as_posix()})"
    )
    build_cmd.add_argument(
        "--engine",
        help=f"then render it into OUT/site and finish it: {', '.join(ENGINES)}, or a path to one",
    )
    build_cmd.add_argument("--strict", action="store_true", help="the engine fails on warnings")
    finish_cmd = commands.add_parser(
        "finish", help="add the search index, open data and redirects to a site an engine rendered"
    )
    finish_cmd.add_argument(
        "folder",
        type=Path,
        nargs="?",
        default=DEFAULT_OUT,
        help=f"the `katalog build` folder (default: {DEFAULT_OUT.as_posix()})",
    )


def _build(args: argparse.Namespace) -> int:
    from ..content.check import check
    from ..content.report import format_text
    from .render import EngineNotFound, render
    from .site_config import SiteConfigError, read_site_config
    from .source import SourceError, write_source

    try:
        config = read_site_config(args.config)
    except SiteConfigError as error:
        return _refused("build", str(error))
    result = check(config.root)
    if result.catalogue is None:
        sys.stderr.write(format_text(result, config.lang))
        return EXIT_INVALID
    try:
        source = write_source(config, result.catalogue, args.out)
    except SourceError as error:
        return _refused("build", str(error))
    print(
        f"{args.out}: {source.generated} generated pages, {source.hand_written} hand-written files,"
        f" {source.photos} photos, and mkdocs.yml for any engine"
    )
    if args.engine is None:
        print(f"render it (e.g. `zensical build -f {args.out}/mkdocs.yml`), then `katalog finish {args.out}`")
        return EXIT_OK
    try:
        code = render(args.out, args.engine, strict=args.strict)
    except EngineNotFound as error:
        return _refused("build", str(error))
    if code != 0:
        sys.stderr.write(
            f"katalog build: {args.engine} failed (exit code {code}); the site is not finished\n"
        )
        return EXIT_INVALID
    return _finish_folder(args.out, "build", result.catalogue)


def _finish(args: argparse.Namespace) -> int:
    return _finish_folder(args.folder, "finish")


def _finish_folder(folder: Path, command: str, catalogue: Catalogue | None = None) -> int:
    """Finish the site in `folder`; `catalogue`: the one the source was built from, checked
    already (else the catalogue the folder names is checked now)."""
    from ..content.check import check
    from ..content.report import format_text
    from ..site.coverage import summary as coverage_summary
    from .finish import finish_site
    from .source import Manifest

    try:
        manifest = Manifest.read(folder)
    except (OSError, ValueError, TypeError):
        return _refused(
            command, f"{folder} is no `katalog build` folder (run `katalog build --out {folder}`)"
        )
    site = folder / manifest.site_dir
    if not site.is_dir():
        return _refused(command, f"{site} is missing: render {folder}/mkdocs.yml with an engine first")
    if catalogue is None:
        result = check((folder / manifest.root).resolve())
        if result.catalogue is None:
            sys.stderr.write(format_text(result, manifest.lang))
            return EXIT_INVALID
        catalogue = result.catalogue
    finished = finish_site(catalogue, manifest, site)
    print(
        f"{site}: search index of {finished.searchable} pages, {finished.open_data} open-data files,"
        f" {finished.redirects} redirect pages; {coverage_summary(finished.report)}"
    )
    if finished.missing:
        listed = "".join(f"  {item}\n" for item in finished.missing)
        sys.stderr.write(
            f"katalog {command}: {len(finished.missing)} record page(s) not in {site}:\n{listed}"
        )
        return EXIT_INVALID
    return EXIT_OK


def _refused(command: str, text: str) -> int:
    sys.stderr.write(f"katalog {command}: {text}\n")
    return EXIT_USAGE


BUILD_COMMANDS = {"build": _build, "finish": _finish}

"""The golden copy of a small catalogue's site, to review every change to the output as a diff.

A snapshot holds what the project itself makes, not what the theme adds: the generated Markdown of
every page, the title and `<article>` of every HTML page, and every data file the build writes
(open data, per-record JSON, catalogue browser index, search index, sitemap). Theme assets and
binary files are left out, so that a theme upgrade changes the copy only where our pages change.

Regenerate after a reviewed change with `make golden`, then read `git diff tests/golden`.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

from generator.site.redirects import is_redirect_page

REPO = Path(__file__).parents[2]
GOLDEN = REPO / "tests" / "golden" / "site-relations"
FIXTURE = REPO / "tests" / "fixtures" / "site-relations"
# Theme files and binary files: not ours, or not reviewable as a diff.
_LEFT_OUT_FOLDERS = ("assets/", "javascripts/", "stylesheets/", "templat/")
_TEXT_SUFFIXES = (".html", ".json", ".csv", ".atom", ".xml", ".txt")
_TITLE = re.compile(r"<title>.*?</title>", re.DOTALL)
_ARTICLE = re.compile(r"<article\b.*?</article>", re.DOTALL)


def snapshot(pages: dict[str, str], site: Path) -> dict[str, str]:
    """The golden files of a build: `pages/<docs path>` and `site/<site path>`, by relative path."""
    files = {f"pages/{path}": text for path, text in pages.items()}
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if not path.is_file() or rel.startswith(_LEFT_OUT_FOLDERS) or not rel.endswith(_TEXT_SUFFIXES):
            continue
        text = path.read_text(encoding="utf-8")
        if rel.endswith(".html") and not is_redirect_page(text):  # a redirect page is kept whole
            text = "\n".join(m.group(0) for pattern in (_TITLE, _ARTICLE) for m in pattern.finditer(text))
        files[f"site/{rel}"] = text if text.endswith("\n") else text + "\n"
    return files


def read(folder: Path) -> dict[str, str]:
    """The committed golden files under `folder`."""
    return {
        p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def write(files: dict[str, str], folder: Path) -> None:
    """Replace the golden copy in `folder` with `files`."""
    shutil.rmtree(folder, ignore_errors=True)
    for rel, text in files.items():
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")


def main() -> int:
    """Build the fixture's site as the test does and write its snapshot to `GOLDEN`."""
    # Run as a script, this file's folder is first on the path: the same helpers as the tests.
    from conftest import build, make_project

    with tempfile.TemporaryDirectory() as scratch:
        project = make_project(Path(scratch) / "project", FIXTURE)
        built = build(project, project / "site")
        write(snapshot(built.pages, built.site), GOLDEN)
    print(f"golden copy written to {GOLDEN.relative_to(REPO)}; review it with `git diff tests/golden`")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

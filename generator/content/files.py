"""Find the catalogue's record files and report files that are misplaced or badly named."""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .model import Agreement, Innovation, Region, Visit
from .problems import Problem, problem
from .validate import ID_PATTERN

# Folders under the catalogue root: one per record kind, and the innovations' photos.
REGIONS_DIR = "regions"
INNOVATIONS_DIR = "innovations"
AGREEMENTS_DIR = "agreements"
VISITS_DIR = "visits"
MEDIA_DIR = "media"
CONTENT_DIRS = (REGIONS_DIR, INNOVATIONS_DIR, AGREEMENTS_DIR, VISITS_DIR, MEDIA_DIR)
# Files a content folder may hold besides records.
IGNORED_NAMES = frozenset({"README.md", ".gitkeep"})
_NON_ID = re.compile(r"[^a-z0-9]+")


@dataclass(slots=True)
class CatalogueFiles:
    """Record files by key, each as (absolute path, path relative to the root)."""

    regions: dict[str, tuple[str, str]] = field(default_factory=dict)
    innovations: dict[str, tuple[str, str]] = field(default_factory=dict)
    agreements: dict[str, tuple[str, str]] = field(default_factory=dict)
    visits: dict[str, tuple[str, str]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # Files whose name is not a valid id: their content is still checked, under no key.
    misnamed: list[tuple[str, str, type, str]] = field(default_factory=list)

    @property
    def count(self) -> int:
        """Files whose content is checked, misnamed ones included."""
        records = len(self.regions) + len(self.innovations) + len(self.agreements) + len(self.visits)
        return records + len(self.misnamed)


def suggest_id(name: str) -> str:
    """A valid id close to `name`: "Command Center" → "command-center", "Ékspres" → "ekspres"."""
    # Accented letters keep their base letter rather than being dropped.
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return _NON_ID.sub("-", ascii_name.lower()).strip("-") or "nama"


def find_files(root: Path) -> CatalogueFiles:
    """All record files under `root`, sorted; misplaced and misnamed files become problems."""
    found = CatalogueFiles()
    _flat_folder(root, REGIONS_DIR, found.regions, found, Region)
    _flat_folder(root, AGREEMENTS_DIR, found.agreements, found, Agreement)
    _flat_folder(root, VISITS_DIR, found.visits, found, Visit)
    innovations = root / INNOVATIONS_DIR
    for entry in _entries(innovations, root, found.problems):
        rel = f"{INNOVATIONS_DIR}/{entry.name}"
        if entry.is_dir(follow_symlinks=False):
            if not _valid_name(entry.name, rel, found.problems, folder=True):
                continue
            folder: dict[str, tuple[str, str]] = {}
            _flat_folder(root, rel, folder, found, Innovation)
            for ident, located in folder.items():
                found.innovations[f"{entry.name}/{ident}"] = located
        elif entry.name not in IGNORED_NAMES:
            found.problems.append(problem(rel, 0, 0, "innovation-outside-region-folder", name=entry.name))
    return found


def _entries(folder: Path, root: Path, problems: list[Problem]) -> list[os.DirEntry[str]]:
    """Folder entries in a stable order; symbolic links are refused, never followed.

    `os.scandir` knows each entry's type from the directory listing: no `stat` per file, which
    is most of the time of listing 30,000 files.
    """
    if folder.is_symlink():  # a content folder that is a link would read files from anywhere
        problems.append(problem(folder.relative_to(root).as_posix(), 0, 0, "symlink"))
        return []
    if not folder.is_dir():
        return []
    with os.scandir(folder) as listing:
        scanned = sorted(listing, key=lambda e: e.name)
    entries = []
    for entry in scanned:
        if entry.is_symlink():
            problems.append(problem(f"{folder.relative_to(root).as_posix()}/{entry.name}", 0, 0, "symlink"))
            continue
        entries.append(entry)
    return entries


def _flat_folder(
    root: Path,
    rel_folder: str,
    into: dict[str, tuple[str, str]],
    found: CatalogueFiles,
    cls: type,
) -> None:
    problems = found.problems
    for entry in _entries(root / rel_folder, root, problems):
        rel = f"{rel_folder}/{entry.name}"
        if entry.name in IGNORED_NAMES:
            continue
        if entry.is_dir(follow_symlinks=False):
            problems.append(problem(rel, 0, 0, "unexpected-folder", folder=rel_folder))
            continue
        stem, dot, extension = entry.name.rpartition(".")
        if not dot or extension != "yml":
            code = "wrong-extension" if extension in ("yaml", "YML", "YAML", "Yml") else "unexpected-file"
            problems.append(problem(rel, 0, 0, code, suggestion=f"{suggest_id(stem or entry.name)}.yml"))
            continue
        if _valid_name(stem, rel, problems):
            into[stem] = (entry.path, rel)
        else:
            found.misnamed.append((entry.path, rel, cls, ""))


def _valid_name(name: str, rel: str, problems: list[Problem], folder: bool = False) -> bool:
    if ID_PATTERN.fullmatch(name):
        return True
    code = "bad-folder-name" if folder else "bad-file-name"
    problems.append(problem(rel, 0, 0, code, name=name, suggestion=suggest_id(name)))
    return False

"""Per-file check outcomes kept on disk between runs, so that `katalog preview` of one record in a
region of thousands reads and validates only the files that changed since the last preview.

An outcome is reused while its file holds the same bytes (a content digest: a fresh clone or a
checkout gives files new times, not new contents) and the checker is the same: the store's folder
is named after a digest of the checker's code, its data files and the versions of the libraries
it parses with, so an upgrade starts an empty store. Outcomes are kept per folder of the
catalogue (one region's innovations, the regions, the agreements, the visits) and a folder's file
is read only when one of its files is asked for.

The files are pickles the checker wrote itself, in the project's own `.cache/` (never committed,
never read from the catalogue under review); a file that cannot be read as one is ignored.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import sys
import tempfile
from importlib import metadata
from pathlib import Path

from .file_checks import FileCache, FileOutcome, FileTask
from .load import FileTooLarge, read_bytes

FORMAT = 1
# The libraries whose reading of a file an outcome records.
_PARSERS = ("pyyaml", "markdown-it-py")
_PACKAGE = Path(__file__).resolve().parents[1]

# (rel, record class) → (size and digest of the file's bytes, its outcome)
_Shard = dict[tuple[str, type], tuple[object, FileOutcome]]


def checker_digest() -> str:
    """A digest of what decides a file's outcome: the checker's code and data, and its parsers."""
    h = hashlib.blake2b(digest_size=12)
    h.update(f"katalog-outcomes {FORMAT} {sys.version}\n".encode())
    for name in _PARSERS:
        h.update(f"{name} {metadata.version(name)}\n".encode())
    for folder in (_PACKAGE / "content", _PACKAGE / "data"):
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            h.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


class StoredFileCache(FileCache):
    """A `FileCache` kept under `folder` between runs; `save()` writes what changed."""

    def __init__(self, catalogue: Path, folder: Path) -> None:
        super().__init__()
        self._catalogue = catalogue
        self._root = folder
        self._folder = folder / checker_digest()
        self._loaded: set[str] = set()
        self._changed: set[str] = set()
        self._seen: set[str] = set()

    @staticmethod
    def _stamp(path: str) -> object:
        # Read as the checker reads: never through a symbolic link, never past the size limit.
        try:
            data = read_bytes(path)
        except (OSError, FileTooLarge):
            return None  # not kept: the check says what is wrong with it
        return (len(data), hashlib.blake2b(data, digest_size=16).digest())

    def get(self, task: FileTask) -> FileOutcome | None:
        self._load(_group(task[1]))
        self._seen.add(task[1])
        return super().get(task)

    def put(self, task: FileTask, outcome: FileOutcome) -> None:
        group = _group(task[1])
        self._load(group)
        self._seen.add(task[1])
        super().put(task, outcome)
        self._changed.add(group)

    def _shard(self, group: str) -> Path:
        return self._folder / (hashlib.blake2b(group.encode(), digest_size=12).hexdigest() + ".pickle")

    def _load(self, group: str) -> None:
        if group in self._loaded:
            return
        self._loaded.add(group)
        try:
            with open(self._shard(group), "rb") as file:
                shard: _Shard = pickle.load(file)
        except Exception:  # absent, cut short by a crash, or not a shard: start over
            return
        if isinstance(shard, dict):
            for key, entry in shard.items():
                self._entries.setdefault(key, entry)

    def save(self) -> None:
        """Write the folders' outcomes that changed (and drop the stores of other checkers);
        a store that cannot be written is no error: the next run checks those files again."""
        try:
            self._folder.mkdir(parents=True, exist_ok=True)
            for other in self._root.iterdir():
                if other != self._folder and other.is_dir():
                    shutil.rmtree(other, ignore_errors=True)
            changed = set(self._changed)
            shards: dict[str, _Shard] = {}
            for key, entry in self._entries.items():
                group = _group(key[0])
                # A file not read this time is kept while it exists (a preview reads a few of
                # another region's files); one that is gone is dropped.
                if key[0] not in self._seen and not (self._catalogue / key[0]).is_file():
                    changed.add(group)
                    continue
                shards.setdefault(group, {})[key] = entry
            for group in sorted(changed):
                self._write(self._shard(group), shards.get(group, {}))
        except OSError:
            return
        self._changed.clear()

    def _write(self, target: Path, shard: _Shard) -> None:
        # A whole file or none: another preview may be reading the store.
        fd, temporary = tempfile.mkstemp(dir=self._folder, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as file:
                pickle.dump(shard, file, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


def _group(rel: str) -> str:
    """The catalogue folder a file is in: `innovations/<region>`, `regions`, …"""
    return rel.rpartition("/")[0]

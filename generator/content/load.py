"""Read one YAML file into a small node tree that remembers line and column of every value.

The tree is built from libyaml's event stream (PyYAML's C parser) rather than `yaml.compose`:
the C composer recurses without a limit and crashes the interpreter on deeply nested input, and
the event stream lets one pass also catch what PyYAML would silently accept: duplicate keys,
anchors and aliases, explicit tags, several documents in one file.
"""

from __future__ import annotations

import errno
import functools
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.resolver import Resolver

from .limits import MAX_DEPTH, MAX_FILE_BYTES, MAX_NODES
from .problems import Problem, problem


class Scalar:
    """A scalar value. `tag` is what YAML 1.1 reads a plain value as (str, int, float, bool, …)."""

    __slots__ = ("column", "line", "plain", "tag", "value")

    def __init__(self, value: str, tag: str, plain: bool, line: int, column: int) -> None:
        self.value = value
        self.tag = tag
        self.plain = plain
        self.line = line
        self.column = column


class Sequence:
    """A YAML list."""

    __slots__ = ("column", "items", "line")

    def __init__(self, line: int, column: int) -> None:
        self.items: list[Node] = []
        self.line = line
        self.column = column


class Mapping:
    """A YAML mapping. Keys are scalars, in file order; duplicates are reported, the first kept."""

    __slots__ = ("column", "line", "pairs")

    def __init__(self, line: int, column: int) -> None:
        self.pairs: dict[str, tuple[Scalar, Node]] = {}
        self.line = line
        self.column = column


Node = Scalar | Sequence | Mapping


@dataclass(slots=True)
class LoadedFile:
    """One file as read: its node tree (None when unreadable) and what was wrong with it."""

    path: str
    root: Node | None
    problems: list[Problem] = field(default_factory=list)


_TAG_NAMES = {
    "tag:yaml.org,2002:str": "str",
    "tag:yaml.org,2002:int": "int",
    "tag:yaml.org,2002:float": "float",
    "tag:yaml.org,2002:bool": "bool",
    "tag:yaml.org,2002:null": "null",
    "tag:yaml.org,2002:timestamp": "timestamp",
    "tag:yaml.org,2002:value": "str",
    "tag:yaml.org,2002:merge": "merge",
}
# Events that are no node: stream and document bounds, and the ends of collections.
_STRUCTURE_EVENTS = frozenset(
    {
        yaml.StreamStartEvent,
        yaml.StreamEndEvent,
        yaml.DocumentStartEvent,
        yaml.DocumentEndEvent,
        yaml.MappingEndEvent,
        yaml.SequenceEndEvent,
    }
)
_RESOLVERS = Resolver.yaml_implicit_resolvers
_WILDCARD = _RESOLVERS.get(None, [])


# Most plain scalars are keys and vocabulary values, the same few hundred in every file.
@functools.lru_cache(maxsize=4096)
def resolve_plain(value: str) -> str:
    """What YAML 1.1 (PyYAML) turns a plain, unquoted scalar into: "str", "int", "bool", …"""
    for tag, regexp in _RESOLVERS.get(value[:1], []) + _WILDCARD:
        if regexp.match(value):
            return _TAG_NAMES.get(tag, "str")
    return "str"


# libyaml's wording of common mistakes → our message codes (the rest are "yaml-syntax").
_SYNTAX_CODES = (
    ("mapping values are not allowed", "yaml-colon"),
    ("could not find expected ':'", "yaml-expected-colon"),
    ("did not find expected key", "yaml-indent"),
    ("did not find expected '-' indicator", "yaml-indent"),
    ("found unexpected end of stream", "yaml-unclosed-quote"),
    ("found unknown escape character", "yaml-escape"),
    ("did not find expected hexdecimal number", "yaml-escape"),  # "C:\Users" reads \U as an escape
)


def _syntax_problem(path: str, text: str, error: yaml.YAMLError) -> Problem:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line = mark.line + 1 if mark else 0
    column = mark.column + 1 if mark else 0
    detail = str(getattr(error, "problem", None) or error).strip()
    if isinstance(error, yaml.reader.ReaderError):
        line, column = _position(text, error.position)
        return problem(path, line, column, "control-character", codepoint=f"U+{error.character:04X}")
    # libyaml words a tab in indentation two ways, depending on where it stands.
    tab_words = ("cannot start any token", "tab character")
    if mark is not None and text[mark.index : mark.index + 1] == "\t" and any(w in detail for w in tab_words):
        return problem(path, line, column, "yaml-tab")
    context_mark = getattr(error, "context_mark", None)
    if context_mark is not None and (
        "unexpected end of stream" in detail or "could not find expected ':'" in detail
    ):
        # libyaml notices these only further on. Point where the mistake is: the opening quote of
        # a value the file ends inside, or the key that lacks its colon.
        line, column = context_mark.line + 1, context_mark.column + 1
    for needle, code in _SYNTAX_CODES:
        if needle in detail:
            return problem(path, line, column, code, detail=detail)
    return problem(path, line, column, "yaml-syntax", detail=detail)


def _position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character index."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


# C0 and C1 controls except tab, line feed and carriage return. YAML reads NEL (U+0085) and the
# Unicode line and paragraph separators as line breaks, which editors do not show: refused here
# so that every line number the checker reports is the one the contributor sees.
_FORBIDDEN_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
# The ASCII characters that pattern allows: tab, line feed, carriage return and the printable ones.
_ALLOWED_ASCII = bytes([9, 10, 13, *range(32, 127)])


class FileTooLarge(Exception):
    """A file holds more than MAX_FILE_BYTES."""

    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


# Opening refuses a symbolic link itself (where the system can), and a FIFO cannot hold the check
# waiting for a writer: one open, one status and one read per file, a tenth of a check's time.
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_OPEN_FLAGS = os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0)


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """The file's bytes.

    Raises:
        OSError: it cannot be read, or it is a symbolic link.
        FileTooLarge: it holds more than MAX_FILE_BYTES.
    """
    if not _NOFOLLOW and os.path.islink(path):
        raise OSError(errno.ELOOP, "symbolic link")
    fd = os.open(path, _OPEN_FLAGS)
    try:
        status = os.fstat(fd)
        if status.st_size > MAX_FILE_BYTES:
            raise FileTooLarge(status.st_size)
        chunks = []
        read = 0
        # One byte more than the file's size: a regular file reads short only at its end, so one
        # call reads it all. One that grows meanwhile is read on, cut just past the limit, refused.
        expected = status.st_size + 1
        while read <= MAX_FILE_BYTES:
            wanted = min(expected, MAX_FILE_BYTES + 1) - read
            chunk = os.read(fd, wanted)
            chunks.append(chunk)
            read += len(chunk)
            if not chunk or (len(chunk) < wanted and stat.S_ISREG(status.st_mode)):
                break
            expected *= 2
    finally:
        os.close(fd)
    if read > MAX_FILE_BYTES:
        raise FileTooLarge(read)
    return b"".join(chunks)


def read_text(path: str | os.PathLike[str], rel: str) -> tuple[str | None, list[Problem]]:
    """The file's text, or the reason it cannot be used (link, size, encoding, empty)."""
    try:
        data = read_bytes(path)
    except FileTooLarge as error:
        return None, [problem(rel, 0, 0, "file-too-large", size=error.size, limit=MAX_FILE_BYTES)]
    except OSError as error:
        if os.path.islink(path):
            return None, [problem(rel, 0, 0, "symlink")]
        return None, [problem(rel, 0, 0, "unreadable", detail=error.strerror or str(error))]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        line_start = data.rfind(b"\n", 0, error.start) + 1
        # Columns count characters, as editors and YAML marks do, not bytes.
        column = len(data[line_start : error.start].decode("utf-8", errors="replace")) + 1
        return None, [problem(rel, line, column, "not-utf8")]
    text = text.removeprefix("\ufeff")
    # Deleting the allowed characters from an ASCII file leaves what the pattern would find: a
    # tenth of the pattern's time, and most files are ASCII.
    clean = data.isascii() and not data.translate(None, _ALLOWED_ASCII)
    bad = None if clean else _FORBIDDEN_CHARS.search(text)
    if bad:
        line, column = _position(text, bad.start())
        return None, [problem(rel, line, column, "control-character", codepoint=f"U+{ord(bad.group()):04X}")]
    return text, []


def parse(text: str, rel: str) -> LoadedFile:
    """Parse YAML text into a node tree, collecting every structural problem on the way."""
    problems: list[Problem] = []
    result = LoadedFile(rel, None, problems)
    stack: list[Sequence | Mapping] = []
    pending_keys: list[Scalar | None] = []
    root: Node | None = None
    documents = 0
    nodes = 0

    def attach(node: Node) -> None:
        nonlocal root
        if not stack:
            root = node
            return
        top = stack[-1]
        if isinstance(top, Sequence):
            top.items.append(node)
            return
        key = pending_keys[-1]
        if key is None:
            if not isinstance(node, Scalar):
                problems.append(problem(rel, node.line, node.column, "complex-key"))
                node = Scalar("?", "str", False, node.line, node.column)
            pending_keys[-1] = node
            return
        pending_keys[-1] = None
        if key.value in top.pairs:
            first = top.pairs[key.value][0]
            problems.append(
                problem(rel, key.line, key.column, "duplicate-key", key=key.value, first_line=first.line)
            )
            return
        top.pairs[key.value] = (key, node)

    loader = yaml.CSafeLoader(text)
    # The stubs type every event as the base class.
    next_event: Callable[[], Any] = loader.get_event
    try:
        # The parser's own loop: `yaml.parse` wraps it in a generator, a tenth of the file's time.
        while (event := next_event()) is not None:
            kind = type(event)
            if kind in _STRUCTURE_EVENTS:
                if kind is yaml.DocumentStartEvent:
                    documents += 1
                    if documents == 2:
                        mark = event.start_mark
                        problems.append(problem(rel, mark.line + 1, mark.column + 1, "multiple-documents"))
                elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                    pending_keys.pop()
                    attach(stack.pop())
                continue
            mark = event.start_mark
            line, column = mark.line + 1, mark.column + 1
            nodes += 1
            if nodes > MAX_NODES:
                problems.append(problem(rel, line, column, "too-many-nodes", limit=MAX_NODES))
                return result
            if kind is yaml.AliasEvent:
                problems.append(problem(rel, line, column, "alias", name=event.anchor))
                attach(Scalar("", "null", True, line, column))
                continue
            if event.anchor is not None:
                problems.append(problem(rel, line, column, "anchor", name=event.anchor))
            if event.tag is not None and event.tag != "!":
                problems.append(problem(rel, line, column, "yaml-tag", tag=event.tag))
            if kind is yaml.ScalarEvent:
                plain = not event.style
                attach(
                    Scalar(event.value, resolve_plain(event.value) if plain else "str", plain, line, column)
                )
                continue
            if len(stack) >= MAX_DEPTH:
                problems.append(problem(rel, line, column, "too-deep", limit=MAX_DEPTH))
                result.root = None
                return result
            stack.append(Mapping(line, column) if kind is yaml.MappingStartEvent else Sequence(line, column))
            pending_keys.append(None)
    except yaml.YAMLError as error:
        problems.append(_syntax_problem(rel, text, error))
        return result
    finally:
        loader.dispose()
    result.root = root
    return result


def load_file(path: str | os.PathLike[str], rel: str) -> LoadedFile:
    """Read and parse one catalogue file. Never raises on bad content."""
    text, problems = read_text(path, rel)
    if text is None:
        return LoadedFile(rel, None, problems)
    loaded = parse(text, rel)
    if loaded.root is None and not loaded.problems:
        loaded.problems.append(problem(rel, 0, 0, "empty-file"))
    if isinstance(loaded.root, Scalar) and loaded.root.tag == "null" and not loaded.problems:
        loaded.root = None
        loaded.problems.append(problem(rel, 0, 0, "empty-file"))
    return loaded

"""Turn one file's node tree into a model dataclass, reporting every field-level problem.

Only the shape and the values of one record are checked here; whether references resolve is the
catalogue's business (`check.py` and its modules per kind, `check_regions.py` …).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from types import SimpleNamespace
from typing import Any
from urllib.parse import urlsplit

from .confusables import mixed_script_word
from .date_text import written_date
from .fields import FieldInfo, fields_of, input_fields
from .limits import (
    DEFAULT_MAX_LENGTH,
    MAX_ITEMS,
    MAX_LENGTH,
    MAX_RENDERED_MARKDOWN,
    MAX_TABLE_CELLS,
)
from .load import Mapping, Node, Scalar, Sequence
from .problems import Problem, problem
from .prose import html_size, html_size_bound, table_cells
from .text_safety import looks_like_formula, unsafe_character
from .vocab import vocabulary

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
PATTERNS = {
    "id": ID_PATTERN,
    "email": re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"),
    "phone": re.compile(r"\+?[0-9][0-9 ()-]{4,30}"),
    "code": re.compile(r"[0-9]{2}(?:\.[0-9]{2})?"),
    "region-ref": ID_PATTERN,
    "agency-ref": ID_PATTERN,
    "qualified-agency-ref": re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*/[a-z0-9]+(?:-[a-z0-9]+)*"),
    "innovation-ref": re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*/[a-z0-9]+(?:-[a-z0-9]+)*"),
    "agreement-ref": ID_PATTERN,
    # A photo under media/: the region's folder, then a file name in lower case (no spaces, which
    # break in addresses) with the extension of a format the site shows (content/check_media.py).
    "media": re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*/[a-z0-9]+(?:[-_][a-z0-9]+)*\.(?:jpg|jpeg|png|webp)"),
}
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_INTEGER = re.compile(r"-?[0-9]+")
_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
URL_SCHEMES = ("http", "https", "mailto")
# A web address typed without its scheme: "sumedangkab.go.id/layanan", "www.lampungselatankab.go.id".
_BARE_HOST = re.compile(r"(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}(?:[/?#]\S*)?")
# Quotes that word processors type: YAML takes them as part of the text, not as quotes.
_CURLY_OPEN, _CURLY_CLOSE = "“”„‘’‚«", "”“’‘»"
# A list item indented under the one above: YAML folds both into one value, "a - b".
_FOLDED_ITEM = re.compile(r"(?P<first>\S+)\s+-\s+(?P<rest>.+)")
# Years a metric may be about: the Republic's founding to a little after today.
YEAR_RANGE = (1945, 2100)


def closest(value: str, options: list[str], n: int = 3) -> list[str]:
    """Options most like `value`, best first (for "did you mean …?")."""
    return difflib.get_close_matches(value, options, n=n, cutoff=0.6)


def ranked(value: str, options: list[str]) -> list[str]:
    """All options, the ones most like `value` first."""
    return sorted(options, key=lambda o: -difflib.SequenceMatcher(None, value, o).ratio())


class Validator:
    """Validates one file's records; collects problems in `self.problems`."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        # Where each field's value stands, for problems found later (unresolved references).
        self.positions: dict[str, tuple[int, int]] = {}
        # The valid fields of an invalid record, so cross-file checks can still report on them.
        self.partial: Any = None

    def report(self, node: Node | None, code: str, field: str, **args: Any) -> None:
        line, column = (node.line, node.column) if node is not None else (0, 0)
        self.problems.append(problem(self.path, line, column, code, field, **args))

    def record(self, cls: type, node: Node, prefix: str = "", identity: dict[str, str] | None = None) -> Any:
        """Build a `cls` instance from a mapping node, or None when anything is wrong.

        `identity`: the fields the file's path gives (`id`, an innovation's `region`).
        """
        if not isinstance(node, Mapping):
            self.report(node, "expected-mapping", prefix or "", kind=_node_kind(node))
            return None
        fields = input_fields(cls)
        before = len(self.problems)
        values: dict[str, Any] = {}
        for key, (key_node, value_node) in node.pairs.items():
            name = f"{prefix}.{key}" if prefix else key
            info = fields.get(key)
            if info is None:
                self._unknown_field(cls, key_node, name, list(fields))
                continue
            value = self.value(info, value_node, name)
            if value is not None:
                values[key] = value
        for info in fields.values():
            if info.required and info.name not in values and info.name not in node.pairs:
                name = f"{prefix}.{info.name}" if prefix else info.name
                self.report(node, "missing-field", name, name=info.name)
        if identity:
            values.update(identity)
        if len(self.problems) > before:
            if not prefix:
                self.partial = _partial(cls, values)
            return None
        return cls(**values)

    def _unknown_field(self, cls: type, key_node: Scalar, name: str, allowed: list[str]) -> None:
        derived = {f.name for f in fields_of(cls) if f.derived}
        if key_node.value in derived:
            self.report(key_node, "derived-field", name, name=key_node.value)
            return
        suggestion = closest(key_node.value, allowed, n=1)
        if suggestion:
            self.report(
                key_node, "unknown-field-suggest", name, name=key_node.value, suggestion=suggestion[0]
            )
        else:
            self.report(key_node, "unknown-field", name, name=key_node.value, allowed=", ".join(allowed))

    def value(self, info: FieldInfo, node: Node, name: str) -> Any:
        """The field's value, None when absent (YAML null) or invalid (then reported)."""
        if isinstance(node, Scalar) and node.plain and node.tag == "null":
            if info.required:
                self.report(node, "missing-value", name, name=info.name)
            return None
        if not info.is_list:
            return self.item(info, node, name)
        self.positions[name] = (node.line, node.column)
        if not isinstance(node, Sequence):
            self.report(node, "expected-list", name, name=info.name, example=_list_example(node))
            return None
        if len(node.items) > MAX_ITEMS:
            self.report(node, "too-many-items", name, count=len(node.items), limit=MAX_ITEMS)
            return None
        if len(node.items) < info.min_items:
            self.report(node, "too-few-items", name, count=len(node.items), minimum=info.min_items)
            return None
        items = []
        seen: dict[Any, int] = {}
        for index, item_node in enumerate(node.items):
            item = self.item(info, item_node, f"{name}[{index}]")
            if item is None:
                continue
            if info.unique and item in seen:
                self.report(item_node, "duplicate-item", f"{name}[{index}]", value=item, first=seen[item] + 1)
                continue
            seen[item] = index
            items.append(item)
        return tuple(items)

    def item(self, info: FieldInfo, node: Node, name: str) -> Any:
        self.positions[name] = (node.line, node.column)
        if info.kind == "record":
            assert info.record is not None
            return self.record(info.record, node, name)
        if not isinstance(node, Scalar):
            self.report(node, "expected-scalar", name, kind=_node_kind(node))
            return None
        if info.kind == "bool":
            return self._bool(node, name)
        if info.kind == "date":
            return self._date(node, name)
        if info.kind == "int":
            return self._year(node, name)
        if info.kind == "number":
            return self._number(node, name)
        return self._string(info, node, name)

    def _date(self, node: Scalar, name: str) -> dt.date | None:
        if node.tag in ("timestamp", "str") and _DATE.fullmatch(node.value):
            try:
                return dt.date.fromisoformat(node.value)
            except ValueError:
                self.report(node, "impossible-date", name, value=node.value)
                return None
        if self._curly_quoted(node, name, node.value):
            return None
        written = written_date(node.value)
        if written is not None:
            self.report(node, "date-written-out", name, value=node.value, suggestion=written.isoformat())
            return None
        self.report(node, "bad-date", name, value=node.value)
        return None

    def _curly_quoted(self, node: Scalar, name: str, value: str) -> bool:
        """Reports a value inside curly quotes ("smart quotes"), which YAML does not take as quotes."""
        if len(value) < 2 or value[0] not in _CURLY_OPEN or value[-1] not in _CURLY_CLOSE:
            return False
        self.report(node, "curly-quotes", name, value=value, suggestion=f'"{value[1:-1]}"')
        return True

    def _folded_item(self, node: Scalar, name: str, value: str) -> bool:
        """Reports a list item that YAML joined to the one above because it was indented further."""
        folded = _FOLDED_ITEM.fullmatch(value) if node.plain else None
        if folded is None:
            return False
        self.report(node, "list-item-indented", name, first=folded["first"], rest=folded["rest"])
        return True

    def _bool(self, node: Scalar, name: str) -> bool | None:
        # Only plain `true`/`false`: YAML 1.1 also reads yes/no/on/off as booleans, which a reader
        # of the file would not guess, and a quoted "true" is text.
        if node.plain and node.value in ("true", "false"):
            return node.value == "true"
        self.report(node, "bad-bool", name, value=node.value)
        return None

    def _year(self, node: Scalar, name: str) -> int | None:
        if node.plain and node.tag == "int" and _INTEGER.fullmatch(node.value):
            year = int(node.value)
            if YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
                return year
        self.report(node, "bad-year", name, value=node.value, low=YEAR_RANGE[0], high=YEAR_RANGE[1])
        return None

    def _number(self, node: Scalar, name: str) -> int | float | None:
        if node.plain and node.tag in ("int", "float") and _NUMBER.fullmatch(node.value):
            return float(node.value) if "." in node.value else int(node.value)
        self.report(node, "bad-number", name, value=node.value)
        return None

    def _string(self, info: FieldInfo, node: Scalar, name: str) -> str | None:
        if node.plain and node.tag not in ("str", "null"):
            self.report(node, "yaml-trap", name, value=node.value, read_as=node.tag)
            return None
        value = node.value.strip()
        if not value:
            self.report(node, "empty-value", name, name=info.name)
            return None
        limit = info.max_length or MAX_LENGTH.get(info.fmt, DEFAULT_MAX_LENGTH)
        if len(value) > limit:
            self.report(node, "too-long", name, length=len(value), limit=limit)
            return None
        multiline = info.fmt in ("prose", "markdown")
        # Before the character check, which would otherwise call a line break an invisible character.
        if not multiline and "\n" in value:
            self.report(node, "multiline", name)
            return None
        bad = unsafe_character(value, allow_newlines=multiline)
        if bad is not None:
            self.report(node, "unsafe-character", name, codepoint=f"U+{ord(bad):04X}")
            return None
        mixed = mixed_script_word(value)
        if mixed is not None:
            word, letter = mixed
            self.report(
                node,
                "mixed-script",
                name,
                word=word,
                codepoint=f"U+{ord(letter):04X}",
                letter=unicodedata.name(letter, "?"),
            )
            return None
        if info.fmt == "markdown" and not self._markdown_bounded(node, name, value):
            return None
        if info.fmt in ("text", "prose", "markdown") and looks_like_formula(value):
            # A warning, not an error: the value is kept, and the exports neutralise it.
            self.problems.append(
                problem(
                    self.path,
                    node.line,
                    node.column,
                    "formula-like",
                    name,
                    severity="warning",
                    start=value[:30],
                )
            )
        if info.fmt == "prose":
            value = " ".join(value.split())
        return self._formatted(info, node, name, value)

    def _markdown_bounded(self, node: Scalar, name: str, value: str) -> bool:
        """Whether a Markdown body stays small once rendered. Checked here, before any page is made,
        so that a body which would swell into megabytes of HTML is a checker error with its place
        rather than a build that exhausts the machine; the table count comes first because it is
        what makes parsing itself expensive."""
        cells = table_cells(value)
        if cells > MAX_TABLE_CELLS:
            self.report(node, "markdown-table-too-large", name, cells=cells, limit=MAX_TABLE_CELLS)
            return False
        # Most bodies are short enough that even the most swelling Markdown stays under the limit:
        # no need to parse them (a third of a whole check's time).
        bound = html_size_bound(value, cells)
        if bound is not None and bound <= MAX_RENDERED_MARKDOWN:
            return True
        size = html_size(value)
        if size > MAX_RENDERED_MARKDOWN:
            self.report(node, "markdown-too-large", name, size=size, limit=MAX_RENDERED_MARKDOWN)
            return False
        return True

    def _formatted(self, info: FieldInfo, node: Scalar, name: str, value: str) -> str | None:
        fmt = info.fmt
        if fmt not in ("text", "prose", "markdown") and (
            self._curly_quoted(node, name, value) or self._folded_item(node, name, value)
        ):
            return None
        if fmt == "vocab":
            assert info.vocab is not None
            allowed = vocabulary(info.vocab).values
            if value not in allowed:
                self.report(
                    node, "bad-vocab", name, value=value, allowed=", ".join(ranked(value, list(allowed)))
                )
                return None
            return value
        if fmt == "url":
            return value if self._url(node, name, value) else None
        pattern = PATTERNS.get(fmt)
        if pattern is not None and not pattern.fullmatch(value):
            self.report(node, f"bad-{fmt}", name, value=value)
            return None
        return value

    def _url(self, node: Scalar, name: str, value: str) -> bool:
        try:
            parts = urlsplit(value)
        except ValueError:
            parts = None
        if parts is not None and not parts.scheme and _BARE_HOST.fullmatch(value):
            self.report(node, "url-without-scheme", name, value=value, suggestion=f"https://{value}")
            return False
        if parts is None or parts.scheme not in URL_SCHEMES or any(c.isspace() for c in value):
            self.report(node, "bad-url", name, value=value)
            return False
        if parts.scheme != "mailto" and not parts.netloc:
            self.report(node, "bad-url", name, value=value)
            return False
        return True


def _partial(cls: type, values: dict[str, Any]) -> SimpleNamespace:
    """The fields that were valid, the others at their defaults (None for required ones)."""
    defaults = {f.name: (None if f.required else f.default) for f in fields_of(cls)}
    return SimpleNamespace(**{**defaults, **values})


def _node_kind(node: Node) -> str:
    if isinstance(node, Mapping):
        return "mapping"
    if isinstance(node, Sequence):
        return "list"
    return "scalar"


def _list_example(node: Node) -> str:
    if isinstance(node, Scalar) and node.value:
        return f"[{node.value}]"
    return "[...]"

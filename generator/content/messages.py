"""Problem messages in Indonesian and English, from `data/messages.yml`."""

from __future__ import annotations

import errno
import functools
import string
from typing import Any

from .data_files import read_data
from .problems import Problem
from .vocab import LANGS

DEFAULT_LANG = "id"


class _Formatter(string.Formatter):
    """`str.format`, plus plural words: `{count:file|files}` is "file" when count is 1, else "files".

    English needs the count's noun to agree ("1 error", "2 errors"); Indonesian has no plural and
    writes the noun as is ("{count} kesalahan").
    """

    def format_field(self, value: Any, format_spec: str) -> str:
        if "|" in format_spec:
            one, other = format_spec.split("|", 1)
            return one if value == 1 else other
        return str(super().format_field(value, format_spec))


_FORMATTER = _Formatter()


def fill(template: str, **args: Any) -> str:
    """A message template with its placeholders filled (and its plural words chosen)."""
    return _FORMATTER.format(template, **args)


@functools.cache
def _catalogue() -> dict[str, Any]:
    data: dict[str, Any] = read_data("data/messages.yml")
    return data


def word(key: str, lang: str = DEFAULT_LANG) -> str:
    """A translated word (value kinds, severities)."""
    entry = _catalogue()["words"].get(key)
    return entry[lang] if entry else key


def message(item: Problem, lang: str = DEFAULT_LANG) -> str:
    """The problem's message in `lang`, placeholders filled."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}")
    template = _catalogue()["messages"][item.code][lang]
    args = {k: word(v, lang) if k in ("read_as", "kind") else v for k, v in item.args}
    return fill(template, **args)


def summary(key: str, lang: str = DEFAULT_LANG, **args: Any) -> str:
    """A report summary line ("clean" or "problems")."""
    return fill(_catalogue()["summary"][key][lang], **args)


def message_codes() -> list[str]:
    """Every message code, for tests and documentation."""
    return sorted(_catalogue()["messages"])


def command_text(key: str, lang: str = DEFAULT_LANG, **args: Any) -> str:
    """A message of the contributor commands (`new`, `show`, `fix`, …) in `lang`, placeholders filled."""
    return fill(_catalogue()["commands"][key][lang], **args)


def file_error_line(error: OSError) -> str:
    """A failed file operation as one line in both languages: a read-only checkout (or one that is
    not ours to write) is named as such and says what to do, any other error as the system puts it."""
    path = error.filename if error.filename is not None else ""
    unwritable = error.errno in (errno.EACCES, errno.EPERM, errno.EROFS)
    key = "cannot-write" if unwritable else "cannot-use-file"
    reason = error.strerror or str(error)
    return " / ".join(command_text(key, lang, path=path, reason=reason) for lang in LANGS)


def both_languages(key: str, **args: Any) -> str:
    """A contributor command's message in Indonesian, then English, one line each."""
    return "".join(command_text(key, lang, **args) + "\n" for lang in LANGS)


def command_keys() -> list[str]:
    """Every key of the contributor commands' messages, for tests."""
    return sorted(_catalogue()["commands"])

"""Problem messages in Indonesian and English, from `data/messages.yml`."""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

import yaml

from .problems import Problem
from .vocab import LANGS

DEFAULT_LANG = "id"


@functools.cache
def _catalogue() -> dict[str, Any]:
    text = (resources.files("generator") / "data" / "messages.yml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.load(text, Loader=yaml.CSafeLoader)
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
    return str(template.format(**args))


def summary(key: str, lang: str = DEFAULT_LANG, **args: Any) -> str:
    """A report summary line ("clean" or "problems")."""
    return str(_catalogue()["summary"][key][lang].format(**args))


def message_codes() -> list[str]:
    """Every message code, for tests and documentation."""
    return sorted(_catalogue()["messages"])


def command_text(key: str, lang: str = DEFAULT_LANG, **args: Any) -> str:
    """A message of the contributor commands (`new`, `show`, `fix`, …) in `lang`, placeholders filled."""
    return str(_catalogue()["commands"][key][lang].format(**args))


def both_languages(key: str, **args: Any) -> str:
    """A contributor command's message in Indonesian, then English, one line each."""
    return "".join(command_text(key, lang, **args) + "\n" for lang in LANGS)


def command_keys() -> list[str]:
    """Every key of the contributor commands' messages, for tests."""
    return sorted(_catalogue()["commands"])

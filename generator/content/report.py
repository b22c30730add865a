"""Format a check result for people (text), GitHub Actions (annotations) or tools (JSON)."""

from __future__ import annotations

import json

from .check import CheckResult
from .messages import message, summary, word
from .problems import Problem
from .text_safety import visible

FORMATS = ("text", "github", "json")


def _where(item: Problem) -> str:
    if item.line:
        return f"{item.path}:{item.line}:{item.column}"
    return item.path


def _counts(result: CheckResult) -> dict[str, int]:
    errors = sum(1 for p in result.problems if p.severity == "error")
    return {
        "errors": errors,
        "warnings": len(result.problems) - errors,
        "bad_files": len({p.path for p in result.problems}),
        "files": result.files,
    }


def summary_line(result: CheckResult, lang: str) -> str:
    """One line that says how the check went."""
    counts = _counts(result)
    if not result.problems:
        return summary("clean", lang, files=counts["files"])
    return summary("problems", lang, **counts)


def format_problem(item: Problem, lang: str) -> str:
    """`PATH:LINE:COL: error: [field] message`, on one line."""
    field = f"[{item.field}] " if item.field else ""
    # One line per problem, even when a quoted value in the message holds a line break.
    text = " ".join(message(item, lang).splitlines())
    # Paths, field names and quoted values are the contributor's: no terminal control reaches the log.
    return visible(f"{_where(item)}: {word(item.severity, lang)}: {field}{text}")


def format_text(result: CheckResult, lang: str) -> str:
    """`PATH:LINE:COL: error: [field] message` per problem, then a summary line."""
    lines = [format_problem(item, lang) for item in result.problems]
    lines.append(summary_line(result, lang))
    return "\n".join(lines) + "\n"


def _escape_data(value: str) -> str:
    # As in `format_text`; line breaks are the workflow command's to escape.
    value = visible(value, keep="\r\n")
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def format_github(result: CheckResult, lang: str) -> str:
    """GitHub Actions workflow commands: one annotation per problem, on its file and line."""
    lines = []
    for item in result.problems:
        props = [f"file={_escape_property(item.path)}"]
        if item.line:
            props += [f"line={item.line}", f"col={item.column}"]
        if item.field:
            props.append(f"title={_escape_property(item.field)}")
        lines.append(f"::{item.severity} {','.join(props)}::{_escape_data(message(item, lang))}")
    lines.append(summary_line(result, lang))
    return "\n".join(lines) + "\n"


def format_json(result: CheckResult, lang: str) -> str:
    """A JSON document: `problems` (one object each) and `summary` counts."""
    document = {
        "ok": result.ok,
        "summary": _counts(result),
        "problems": [
            {
                "path": p.path,
                "line": p.line,
                "column": p.column,
                "severity": p.severity,
                "code": p.code,
                "field": p.field,
                "message": message(p, lang),
            }
            for p in result.problems
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


FORMATTERS = {"text": format_text, "github": format_github, "json": format_json}

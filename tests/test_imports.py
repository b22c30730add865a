"""Importing a small module pays only for what it uses: the package `__init__` files import nothing,
and the public API is looked up on first use. Each import runs in a fresh interpreter, as a forked
worker or a one-shot command starts."""

from __future__ import annotations

import subprocess
import sys

import pytest

# What `import generator.content.vocab` loads: the two package `__init__`s, `data_files` and itself.
VOCAB_MODULES = 4


def _generator_modules(statement: str) -> list[str]:
    """The `generator` modules loaded by running `statement` in a fresh interpreter."""
    code = f"{statement}\nimport sys\nprint('\\n'.join(m for m in sys.modules if m.startswith('generator')))"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    return sorted(done.stdout.split())


def test_importing_the_package_loads_no_other_generator_module() -> None:
    assert _generator_modules("import generator") == ["generator"]


def test_importing_the_vocabularies_loads_only_a_handful_of_generator_modules() -> None:
    loaded = _generator_modules("import generator.content.vocab")
    assert len(loaded) <= VOCAB_MODULES, loaded


@pytest.mark.parametrize("name", ["check", "load_catalogue", "CheckResult"])
def test_a_public_name_is_imported_on_first_use(name: str) -> None:
    loaded = _generator_modules(f"import generator\ngenerator.{name}")
    assert "generator.content.check" in loaded


def test_the_command_line_loads_only_the_checker_until_a_command_needs_more() -> None:
    # `katalog check` in CI, in a pre-commit hook, in a forked worker: no pages, search or exports.
    loaded = _generator_modules("import generator.cli")
    beyond = [m for m in loaded if m.split(".")[1:2] in (["site"], ["search"], ["opendata"], ["engine"])]
    assert beyond == [], beyond

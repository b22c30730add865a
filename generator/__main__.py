"""`python -m generator` is the same as `katalog`."""

from .cli import run

run()

"""The headless Chromium that browser tests and benchmarks drive through Playwright: Debian's
`chromium` package, never a browser Playwright downloads (`playwright install` is never run)."""

from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def missing_chromium() -> str | None:
    """What to tell the user when the browser is not installed; None when it is."""
    if Path(CHROMIUM).is_file():
        return None
    return f"Chromium not found at {CHROMIUM}: install it with `make system-deps` (apt-get install chromium)"

"""The headless Chromium that browser tests and benchmarks drive through Playwright: Debian's
`chromium` package, never a browser Playwright downloads (`playwright install` is never run)."""

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

"""A Content Security Policy for every built page, as a `<meta>` tag.

The theme puts a few small inline scripts in each page; instead of allowing every inline script
('unsafe-inline'), the policy lists the SHA-256 hash of each one, so a script that slipped into the
HTML any other way would not run. Scripts are the theme's business: an inline script inside the part
of the page rendered from Markdown is never listed, even when the theme's own part repeats it.
No WebAssembly and no eval: the search box is plain JavaScript. Styles allow inline attributes
because the theme sets them from JavaScript.
"""

from __future__ import annotations

import base64
import hashlib
import re

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
_NON_EXECUTABLE = re.compile(r'type\s*=\s*"(?!text/javascript|module)[^"]*"', re.I)
_HEAD = re.compile(r"<head[^>]*>", re.I)


def inline_script_hashes(html: str) -> list[str]:
    """CSP source expressions ('sha256-…') for every inline script that a browser would run."""
    hashes = set()
    for match in _INLINE_SCRIPT.finditer(html):
        attrs = match.group("attrs")
        if "src=" in attrs or _NON_EXECUTABLE.search(attrs):
            continue
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
        hashes.add(f"'sha256-{base64.b64encode(digest).decode('ascii')}'")
    return sorted(hashes)


def policy(html: str, untrusted: str = "") -> str:
    """The policy for one page; `untrusted` is the part of it rendered from the page's Markdown."""
    hashes = sorted(set(inline_script_hashes(html)) - set(inline_script_hashes(untrusted)))
    scripts = " ".join(["'self'", *hashes])
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {scripts}",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )


def add_policy(html: str, untrusted: str = "") -> str:
    """`html` with the CSP `<meta>` tag as the first element of `<head>` (before any script).

    Args:
        html: the whole page.
        untrusted: the part of it rendered from the page's Markdown (MkDocs' `page.content`).
    """
    head = _HEAD.search(html)
    if head is None:
        return html
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy(html, untrusted)}">'
    return html[: head.end()] + tag + html[head.end() :]

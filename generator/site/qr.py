"""QR codes of page addresses, for printed pages: a phone at the visit opens the page from paper.

`segno` draws them without a network and with no other dependency; the SVG is inline, so the page
needs no image file and stays one file.
"""

from __future__ import annotations

import functools


@functools.lru_cache(maxsize=4096)
def qr_svg(address: str) -> str:
    """An SVG QR code of `address` (error correction M: a creased or smudged page still reads)."""
    import segno  # only pages with a published address draw one

    code = segno.make(address, error="m")
    return str(code.svg_inline(scale=2, svgclass="kid-qr__code", lineclass=None, omitsize=False))

"""Pages that moved: their old addresses, so that a link someone shared still leads somewhere.

A visit brief was once built under each agreement (`kerja-sama/<id>/kunjungan-<guest>-ke-<host>/`)
as well as once per pair; now each pair has one brief, and the old addresses point to it. Themes and
kinds of agency were named by their English values (`tema/digital-government/`); now by an
Indonesian slug (`tema/layanan-digital/`), and the English addresses point there, the further
pages of their listings too.

A static host has no server-side redirects, so each old address gets a small HTML page that sends
the browser on (`<meta http-equiv="refresh">`, no script: the site's CSP allows none inline), tells
search engines where the page is now (`rel="canonical"`, `noindex`), and links there for anyone
whose browser does not follow.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from ..content.catalogue import Catalogue
from . import paths
from .briefs import MAX_BRIEF_PARTIES, related_pairs

_PAGE = """<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{title}</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{href}">
<meta http-equiv="refresh" content="0; url={href}">
</head>
<body>
<p>{text} <a href="{href}">{href}</a></p>
</body>
</html>
"""

_TEXT = {
    "id": ("Halaman dipindahkan", "Halaman ini sudah pindah ke"),
    "en": ("Page moved", "This page has moved to"),
}


def moved_pages(catalogue: Catalogue, planned: Iterable[str] = ()) -> dict[str, str]:
    """Old docs path → the docs path of the page that took its place, sorted by old path.

    `planned`: the site's pages, whose further pages of a long listing (`tema/<slug>/dari-…`)
    had the English address too."""
    pairs = frozenset(related_pairs(catalogue))
    moved = {}
    for agreement in catalogue.agreements.values():
        if len(agreement.parties) > MAX_BRIEF_PARTIES:
            continue  # never had briefs of its own
        for visitor in agreement.parties:
            for host in agreement.parties:
                if (visitor, host) in pairs:
                    moved[paths.agreement_brief(agreement.id, visitor, host)] = paths.brief(visitor, host)
    themes = {t for i in catalogue.innovations.values() for t in i.themes}
    kinds = {a.kind for r in catalogue.regions.values() for a in r.agencies}
    renamed = {}
    for old, new in paths.old_slug_pages().items():
        folder, _, name = old.rpartition("/")
        if name.removesuffix(".md") in (themes if folder == "tema" else kinds):
            moved[old] = new
            renamed[new.removesuffix(".md") + "/"] = old.removesuffix(".md") + "/"
    for page in planned:
        folder = page[: page.rfind("/") + 1]
        if folder in renamed:
            moved[renamed[folder] + page[len(folder) :]] = page
    return dict(sorted(moved.items()))


def redirect_page(href: str, lang: str) -> str:
    """The page at an old address that sends the browser to `href` (relative, the site's own)."""
    title, text = _TEXT[lang]
    return _PAGE.format(lang=lang, title=title, text=text, href=escape(href))


def is_redirect_page(html: str) -> bool:
    """Whether a built HTML file is one of these redirect pages rather than a page of the site."""
    return html.startswith("<!doctype html>\n") and '<meta http-equiv="refresh"' in html[:400]

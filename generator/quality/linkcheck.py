"""An offline link checker: every internal href, src and srcset in a built site must exist.

Internal targets are files (a folder URL means its index.html) and, for `#fragment` links, an
element with that id on the target page. External links are collected for a report and never
fetched.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

_LINK_ATTRIBUTES = {"href", "src", "srcset", "poster", "data"}
_EXTERNAL_SCHEMES = {"http", "https", "mailto", "tel"}
# Schemes that point nowhere on disk and need no check.
_INERT_SCHEMES = {"data", "blob", "javascript"}


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in ("id", "name") and tag != "meta":
                self.ids.add(value)
            if name not in _LINK_ATTRIBUTES or (
                tag == "link" and name == "href" and self._is_meta_link(attrs)
            ):
                continue
            if name == "srcset":
                self.links.extend(part.strip().split(" ")[0] for part in value.split(",") if part.strip())
            else:
                self.links.append(value)

    @staticmethod
    def _is_meta_link(attrs: list[tuple[str, str | None]]) -> bool:
        # <link rel="canonical"> names the public address, not a file of this build.
        return any(name == "rel" and value in ("canonical", "alternate") for name, value in attrs)


@dataclass(slots=True)
class LinkReport:
    """What the checker found: broken internal links and the external links, by page."""

    pages: int = 0
    broken: list[tuple[str, str, str]] = field(default_factory=list)  # (page, link, reason)
    external: dict[str, set[str]] = field(default_factory=dict)  # url → pages linking to it


@functools.cache
def _parse(path: Path) -> _PageParser:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    return parser


def _target_file(site: Path, page: Path, path: str) -> Path:
    if path.startswith("/"):
        target = site / PurePosixPath(path.lstrip("/"))
    else:
        target = page.parent / PurePosixPath(path)
    target = Path(*target.parts)
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


def check_links(site: Path) -> LinkReport:
    """Walk every HTML page under `site` and check each link."""
    report = LinkReport()
    _parse.cache_clear()
    site = site.resolve()
    for page in sorted(site.rglob("*.html")):
        report.pages += 1
        rel = page.relative_to(site).as_posix()
        for link in _parse(page).links:
            parts = urlsplit(link)
            if parts.scheme in _EXTERNAL_SCHEMES or link.startswith("//"):
                report.external.setdefault(link, set()).add(rel)
                continue
            if parts.scheme in _INERT_SCHEMES or parts.scheme:
                continue
            target = _target_file(site, page, unquote(parts.path)) if parts.path else page
            resolved = target.resolve()
            if site not in resolved.parents and resolved != site:
                report.broken.append((rel, link, "points outside the site"))
            elif not target.is_file():
                report.broken.append((rel, link, "no such file"))
            elif (
                parts.fragment
                and target.suffix == ".html"
                and unquote(parts.fragment) not in _parse(target).ids
            ):
                report.broken.append((rel, link, f"no element with id {parts.fragment!r}"))
    return report


def external_report(report: LinkReport) -> str:
    """The external links as text: one per line with how many pages link to it (never fetched)."""
    lines = [f"{url}\t{len(pages)} page(s)" for url, pages in sorted(report.external.items())]
    return "\n".join(lines) + ("\n" if lines else "")

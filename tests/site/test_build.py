"""The real `mkdocs build --strict`: pages, navigation, links, determinism, errors, search, safety.

Sites are built once per catalogue (see conftest.py) and inspected as files, offline.
"""

from __future__ import annotations

import filecmp
import json
import os
import re
import subprocess
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from mkdocs.utils.yaml import yaml_load  # reads mkdocs.yml's !ENV settings as MkDocs does

from generator.content.check import check
from generator.site import paths
from generator.site.redirects import is_redirect_page, moved_pages

if TYPE_CHECKING:
    from conftest import Built

REPO = Path(__file__).parents[2]
FIXTURES = REPO / "tests" / "fixtures"

SITE_URL = "https://katalog-inovasi-daerah.example.org/"
# Navigation elements of the theme: the tabs and the main sidebar. The page's own table of
# contents (md-nav--secondary) links within the page and is not counted.
_NAV_CLASSES = ("md-tabs", "md-nav--primary")
# The navigation is the same few sections on every page; record pages would make it grow with
# the catalogue (thousands of links). Its size today is about 5 KB.
NAV_BYTES_LIMIT = 12_000
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "data"}


class Page(HTMLParser):
    """One built HTML file: its ids, the addresses it refers to, its scripts and its text."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.source = source
        self.ids: set[str] = set()
        self.refs: list[tuple[str, str, str, bool]] = []  # (tag, attribute, value, in navigation)
        self.attributes: list[tuple[str, str, str]] = []
        self.scripts: list[tuple[dict[str, str], str]] = []
        self.text = ""
        self.nav_bytes = 0
        self._navs: list[tuple[bool, int]] = []  # (is site navigation, start offset)
        self._script: dict[str, str] | None = None
        self._raw_text = 0
        self._toc_start = -1
        self._line_starts = [0]
        for line in source.splitlines(keepends=True):
            self._line_starts.append(self._line_starts[-1] + len(line))
        self.feed(source)
        self.close()

    @property
    def in_nav(self) -> bool:
        return any(is_nav for is_nav, _ in self._navs)

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        for name, value in values.items():
            self.attributes.append((tag, name, value))
            if name in _URL_ATTRIBUTES:
                self.refs.append((tag, name, value, self.in_nav))
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.ids.add(values["name"])
        if tag == "nav":
            classes = values.get("class", "").split()
            self._navs.append((any(c in classes for c in _NAV_CLASSES), self._offset()))
            if "md-nav--secondary" in classes and self.in_nav:
                # The current page's table of contents, repeated inside the sidebar for small
                # screens: it grows with the page, not with the catalogue.
                self._toc_start = self._offset()
        if tag == "script":
            self._script = values
        if tag in ("script", "style"):
            self._raw_text += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav" and self._navs:
            is_nav, start = self._navs.pop()
            if is_nav and not self.in_nav:
                self.nav_bytes += self._offset() - start
            if start == self._toc_start:
                self.nav_bytes -= self._offset() - start
                self._toc_start = -1
        if tag in ("script", "style"):
            self._raw_text = max(0, self._raw_text - 1)
            if tag == "script":
                self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self.scripts.append((self._script, data))
        elif not self._raw_text:
            self.text += data


def html_files(site: Path) -> list[Path]:
    """The site's pages: not the redirect pages at moved pages' old addresses (tested apart)."""
    return sorted(p for p in site.rglob("*.html") if not is_redirect_page(p.read_text(encoding="utf-8")))


def rel(site: Path, path: Path) -> str:
    return path.relative_to(site).as_posix()


def resolve(site: Path, page: str, url: str) -> tuple[Path, str] | None:
    """The file (and fragment) an address in built page `page` points to; None when external."""
    if url.startswith(SITE_URL):
        url = "/" + url[len(SITE_URL) :]
    parts = urlsplit(url)
    if parts.scheme in ("http", "https", "mailto"):
        return None
    assert not parts.scheme and not parts.netloc, f"{page}: unexpected address {url!r}"
    target = urlsplit(urljoin(f"/{page}", url))
    path = unquote(target.path)
    if path.endswith("/"):
        path += "index.html"
    file = site / path.lstrip("/")
    if file.is_dir():
        file = file / "index.html"
    return file, target.fragment


class Broken(NamedTuple):
    page: str
    url: str
    target: str
    missing_id: str  # "" when the file itself is missing

    def __str__(self) -> str:
        if self.missing_id:
            return f"{self.page}: {self.url!r} → {self.target} has no id {self.missing_id!r}"
        return f"{self.page}: {self.url!r} → missing {self.target}"


def broken_links(site: Path) -> tuple[list[Broken], int]:
    """Every internal address of every HTML file that points to no file or no id; and how many
    addresses were checked. Same-page `#anchors` are skipped: the theme's JavaScript owns those."""
    problems = []
    checked = 0
    parsed: dict[Path, Page] = {}
    for file in html_files(site):
        page = rel(site, file)
        for tag, attribute, url, _ in Page(file.read_text(encoding="utf-8")).refs:
            if url.startswith("#") or (tag == "link" and attribute == "href" and url == ""):
                continue
            found = resolve(site, page, url)
            if found is None:
                continue
            checked += 1
            target, fragment = found
            if not target.is_file():
                problems.append(Broken(page, url, rel(site, target), ""))
            elif fragment and target.suffix == ".html" and target != file:
                if target not in parsed:
                    parsed[target] = Page(target.read_text(encoding="utf-8"))
                if fragment not in parsed[target].ids:
                    problems.append(Broken(page, url, rel(site, target), fragment))
    return problems, checked


def hand_written_pages() -> set[str]:
    return {p.relative_to(REPO / "docs").as_posix() for p in (REPO / "docs").rglob("*.md")}


# --- The build itself ---------------------------------------------------------------------------


def test_strict_build_succeeds(any_site: Built) -> None:
    assert "Documentation built" in any_site.log
    assert "WARNING" not in any_site.log and "ERROR" not in any_site.log
    assert f"→ {len(any_site.pages)} generated pages" in any_site.log


def test_validation_reports_link_problems_as_warnings() -> None:
    config = yaml_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    # `warn` is what makes `--strict` fail on a broken link or anchor; `info` would let it pass.
    assert config["validation"] == {
        "omitted_files": "warn",
        "absolute_links": "warn",
        "unrecognized_links": "warn",
        "anchors": "warn",
    }


def test_strict_build_fails_on_a_broken_link_or_anchor(
    tmp_path: Path, project_factory: Any, run_mkdocs: Any
) -> None:
    project = project_factory(tmp_path, FIXTURES / "site-relations")
    page = project / "docs" / "tentang.md"
    page.write_text(
        page.read_text(encoding="utf-8")
        + "\n[hilang](tidak-ada.md) · [jangkar](inovasi/index.md#tidak-ada-jangkar)\n",
        encoding="utf-8",
    )
    done = run_mkdocs(project, "build", "--strict", "--site-dir", str(tmp_path / "site"))
    assert done.returncode != 0
    assert "tidak-ada.md" in done.stderr
    assert "tidak-ada-jangkar" in done.stderr


def test_every_page_is_built_and_nothing_else(any_site: Built) -> None:
    expected = {any_site.html_path(p) for p in any_site.pages}
    expected |= {any_site.html_path(p) for p in hand_written_pages()}
    expected.add(any_site.site / "404.html")
    assert set(html_files(any_site.site)) == expected
    for record in any_site.records:
        assert any_site.html_path(record).stat().st_size > 0


def test_region_without_content_is_not_built(relations_site: Built) -> None:
    assert not (relations_site.site / "daerah" / "kabupaten-garut").exists()
    province = Page(relations_site.html(paths.region("provinsi-jawa-barat")))
    assert "Kabupaten Garut (32.05)" in province.text


# --- Navigation ---------------------------------------------------------------------------------


def _nav_targets(site: Built) -> set[str]:
    """The pages the navigation of mkdocs.yml names, as built files."""
    config = yaml_load((site.project / "mkdocs.yml").read_text(encoding="utf-8"))
    entries: list[str] = []

    def walk(items: list[Any]) -> None:
        # Entries are "page.md", {"Title": "page.md"} or {"Section": [more entries]}.
        for item in items:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            if isinstance(value, list):
                walk(value)
            elif not urlsplit(value).scheme:
                entries.append(value)

    walk(config["nav"])
    return {rel(site.site, site.html_path(entry)) for entry in entries}


def test_record_pages_are_not_in_the_navigation(any_site: Built) -> None:
    records = {rel(any_site.site, any_site.html_path(p)) for p in any_site.records}
    sections = _nav_targets(any_site)
    assert records and not records & sections
    for file in html_files(any_site.site):
        page = rel(any_site.site, file)
        parsed = Page(file.read_text(encoding="utf-8"))
        targets = set()
        for tag, _, url, in_nav in parsed.refs:
            if in_nav and tag == "a" and not url.startswith("#"):
                found = resolve(any_site.site, page, url)
                if found is not None:
                    targets.add(rel(any_site.site, found[0]))
        assert targets <= sections, f"{page}: {sorted(targets - sections)}"
        assert len(targets) >= len(sections) - 1, page  # every section, the current one maybe aside
        assert parsed.nav_bytes < NAV_BYTES_LIMIT, f"{page}: {parsed.nav_bytes} bytes of navigation"


def test_navigation_leads_to_no_empty_or_look_alike_place(relations_site: Built) -> None:
    config = yaml_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    # The plugin keeps exactly the generated pages of the navigation in it (paths.NAV); the one
    # hand-written entry is the about page.
    assert config["nav"] == [*paths.NAV, "tentang.md"]
    # "Tag" beside "Tema" read as a second entry for the same thing: the theme index leads to it.
    assert paths.TAGS not in config["nav"]
    tabs = Page(relations_site.html(paths.HOME)).refs
    assert not any(in_nav and url.rstrip("/").endswith("tag") for _, _, url, in_nav in tabs)
    themes = Page(relations_site.html(paths.THEMES))
    assert ("a", "href", "../tag/", False) in themes.refs


def test_navigation_does_not_grow_with_the_catalogue(shipped_site: Built, relations_site: Built) -> None:
    page = paths.innovation("kabupaten-sumedang/command-center")
    one = Page(shipped_site.html(page)).nav_bytes
    other = Page(relations_site.html(page)).nav_bytes
    assert len(relations_site.records) != len(shipped_site.records)
    assert abs(one - other) < 200, (one, other)


# --- Links --------------------------------------------------------------------------------------


def test_every_internal_link_resolves(any_site: Built, request: pytest.FixtureRequest) -> None:
    problems, checked = broken_links(any_site.site)
    if any_site.project != REPO:
        # Hand-written pages may show shipped records as examples (docs/data/index.md links one record's
        # open-data files): checked on the shipped site, they are only missing from a fixture's.
        shipped: Built = request.getfixturevalue("shipped_site")
        hand_written = {rel(any_site.site, any_site.html_path(p)) for p in hand_written_pages()}
        problems = [
            p
            for p in problems
            if not (p.page in hand_written and not p.missing_id and (shipped.site / p.target).is_file())
        ]
    assert [str(p) for p in problems] == []
    assert checked > 20 * len(html_files(any_site.site))


def test_link_check_finds_missing_pages_and_anchors(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h1 id="top">A</h1>', encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<a href="a/">ok</a> <a href="a/#top">ok</a> <a href="#same">skipped</a>'
        '<a href="b/">missing</a> <a href="a/#nope">bad anchor</a> <img src="x.png">'
        f'<a href="https://example.org/">external</a> <a href="{SITE_URL}a/#top">canonical</a>',
        encoding="utf-8",
    )
    problems, checked = broken_links(tmp_path)
    assert checked == 6
    assert problems == [
        ("index.html", "b/", "b/index.html", ""),
        ("index.html", "a/#nope", "a/index.html", "nope"),
        ("index.html", "x.png", "x.png", ""),
    ]


def test_markdown_headings_become_html_headings(any_site: Built) -> None:
    """A heading swallowed by a paragraph or a block would show as text with `##` in it."""
    for page, markdown in any_site.pages.items():
        body = re.sub(r"\A---\n.*?\n---\n", "", markdown, flags=re.S)
        expected = Counter(len(m) for m in re.findall(r"^(#{1,6}) ", body, re.M))
        expected.update(int(level) for level in re.findall(r"<h([1-6])>", body))
        source = any_site.html(page)
        article = source[source.index("<article") : source.index("</article>")]
        found = Counter(int(level) for level in re.findall(r"<h([1-6])[ >]", article))
        assert found == expected, page
        assert not re.search(r"(^|>)\s*#{1,6} ", Page(article).text, re.M), page


# --- Determinism --------------------------------------------------------------------------------


def test_two_builds_are_byte_identical(
    relations_site: Built, tmp_path: Path, project_factory: Any, build_site: Any
) -> None:
    # A second copy of the same input, its files created in the opposite order, built elsewhere.
    project = project_factory(tmp_path / "again", FIXTURES / "site-relations", reverse=True)
    again = build_site(project, tmp_path / "site")
    first = {rel(relations_site.site, p) for p in relations_site.site.rglob("*") if p.is_file()}
    second = {rel(again.site, p) for p in again.site.rglob("*") if p.is_file()}
    assert first == second
    assert "sitemap.xml.gz" in first and any(p.startswith("search-index/") for p in first)
    _, mismatch, errors = filecmp.cmpfiles(relations_site.site, again.site, sorted(first), shallow=False)
    assert mismatch == [] and errors == []


# --- Invalid content ----------------------------------------------------------------------------


def test_invalid_content_fails_the_build_with_every_position(
    tmp_path: Path, project_factory: Any, run_mkdocs: Any
) -> None:
    project = project_factory(tmp_path, FIXTURES / "site-relations")
    innovation = project / "innovations" / "kabupaten-sumedang" / "command-center.yml"
    text = innovation.read_text(encoding="utf-8")
    innovation.write_text(text.replace("stage: implementation", "stage: selesai"), encoding="utf-8")
    agreement = project / "agreements" / "mou-lampung-selatan-sumedang-2025.yml"
    text = agreement.read_text(encoding="utf-8")
    agreement.write_text(text.replace("signed: 2025-07-04", "signed: 2025-13-04"), encoding="utf-8")
    done = run_mkdocs(project, "build", "--strict", "--site-dir", str(tmp_path / "site"))
    assert done.returncode != 0
    output = done.stdout + done.stderr
    # Line and column of the bad values, as the checker reports them.
    assert "innovations/kabupaten-sumedang/command-center.yml:4:8: " in output
    assert "agreements/mou-lampung-selatan-sumedang-2025.yml:4:9: " in output
    for item in check(project).problems:
        assert f"{item.path}:{item.line}:{item.column}: " in output
    assert "katalog check" in output
    assert not (tmp_path / "site" / "index.html").exists()


# --- The pages command --------------------------------------------------------------------------


def _katalog(*args: str) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).with_name("katalog")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "generator"]
    return subprocess.run([*command, *args], capture_output=True, text=True, timeout=60, check=False)


def test_katalog_pages_writes_then_writes_nothing(relations_site: Built, tmp_path: Path) -> None:
    out = tmp_path / "pages"
    root = str(FIXTURES / "site-relations")
    first = _katalog("pages", "--root", root, "--out", str(out))
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == f"{len(relations_site.pages)} page(s) written to {out}"
    written = {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8") for p in out.rglob("*.md")}
    assert written == relations_site.pages

    for path in out.rglob("*"):
        os.utime(path, (1_000_000, 1_000_000))
    second = _katalog("pages", "--root", root, "--out", str(out))
    assert second.stdout.strip() == f"0 page(s) written to {out}"
    assert all(p.stat().st_mtime == 1_000_000 for p in out.rglob("*.md"))

    (out / "inovasi" / "lama.md").write_text("# lama\n", encoding="utf-8")
    (out / "catatan.txt").write_text("tetap\n", encoding="utf-8")
    third = _katalog("pages", "--root", root, "--out", str(out))
    assert third.stdout.strip() == f"1 page(s) written to {out}"
    assert not (out / "inovasi" / "lama.md").exists()
    assert (out / "catatan.txt").exists()


def test_katalog_pages_refuses_invalid_content(tmp_path: Path, project_factory: Any) -> None:
    project = project_factory(tmp_path / "project", FIXTURES / "site-relations")
    (project / "regions" / "kabupaten-rusak.yml").write_text("name: [tidak ditutup\n", encoding="utf-8")
    done = _katalog("pages", "--root", str(project), "--out", str(tmp_path / "out"))
    assert done.returncode == 1
    assert "regions/kabupaten-rusak.yml:" in done.stderr
    assert not (tmp_path / "out").exists()


# --- Search -------------------------------------------------------------------------------------


def test_search_index_covers_the_searchable_pages(any_site: Built) -> None:
    index = any_site.site / "search-index"
    entry = json.loads((index / "index.json").read_text(encoding="utf-8"))
    records = [
        row
        for chunk in sorted((index / entry["folder"]).glob("d*.json"), key=lambda p: int(p.stem[1:]))
        for row in json.loads(chunk.read_text(encoding="utf-8"))
    ]
    marked = [p for p in html_files(any_site.site) if "data-kid-searchable" in p.read_text(encoding="utf-8")]
    assert entry["documents"] == len(records) == len(marked)
    by_url = {url: title for url, title, _ in records}
    for ref, innovation in any_site.catalogue.innovations.items():
        url = rel(any_site.site, any_site.html_path(paths.innovation(ref))).removesuffix("index.html")
        assert by_url[url] == innovation.title


# --- Contributor text stays inert ---------------------------------------------------------------


def test_hostile_text_is_shown_not_run(hostile_site: Built) -> None:
    for file in html_files(hostile_site.site):
        page = rel(hostile_site.site, file)
        source = file.read_text(encoding="utf-8")
        parsed = Page(source)
        assert "<script>alert" not in source.lower(), page
        for tag, name, value in parsed.attributes:
            assert not name.startswith("on"), f"{page}: <{tag} {name}={value!r}>"
            if name in _URL_ATTRIBUTES:
                assert not re.sub(r"\s", "", value).lower().startswith(("javascript:", "data:")), page
        for attrs, body in parsed.scripts:
            assert "alert" not in body and "alert" not in attrs.get("src", ""), page
        assert not {tag for tag, _, _ in parsed.attributes} & {"iframe", "object", "embed"}, page
        # Images are the theme's own (the logo): each one a file of the site.
        for tag, _, value, _ in parsed.refs:
            if tag == "img":
                found = resolve(hostile_site.site, page, value)
                assert found is not None and found[0].is_file(), f"{page}: <img src={value!r}>"
        assert "49" not in parsed.text, page
    innovation = Page(hostile_site.html(paths.innovation("kabupaten-sumedang/hostile")))
    for literal in (
        "{{ 7*7 }}",
        "{% raw %}",
        "<script>alert(1)</script>",
        "{: onclick=x}",
        "[x](javascript:alert(1))",
    ):
        assert literal in innovation.text
    # The theme prints the front matter title into <title> and the header: as text there too.
    title = hostile_site.catalogue.innovations["kabupaten-sumedang/hostile"].title
    head = innovation.source[: innovation.source.index("</head>")]
    assert f"{title} - Katalog Inovasi Daerah" in Page(head).text
    assert innovation.text.count(title) >= 2


def test_the_old_addresses_of_moved_pages_send_the_browser_to_the_new_ones(any_site: Any) -> None:
    moved = moved_pages(any_site.catalogue, any_site.pages)
    assert moved or not any_site.catalogue.agreements
    for old, new in moved.items():
        text = any_site.html_path(old).read_text(encoding="utf-8")
        assert is_redirect_page(text), old
        href = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', text)
        assert href is not None
        target = (any_site.html_path(old).parent / href.group(1) / "index.html").resolve()
        assert target == any_site.html_path(new).resolve(), old


def test_photos_are_published_resized_without_their_metadata(relations_site: Built) -> None:
    from PIL import Image

    source = relations_site.project / "media/kabupaten-sumedang/ruang-kendali.jpg"
    published = relations_site.site / "media/kabupaten-sumedang/ruang-kendali.jpg"
    with Image.open(source) as original:
        assert original.getexif().get(0x8825) and original.size == (2400, 1800)  # GPS, camera size
    with Image.open(published) as copy:
        assert (dict(copy.getexif()), copy.size) == ({}, (1600, 1200))
    assert published.stat().st_size < source.stat().st_size
    page = relations_site.html("inovasi/kabupaten-sumedang/command-center.md")
    image = re.search(r'<figure class="kid-photo">\s*<p><img ([^>]*)/></p>', page)
    assert image is not None, "the innovation page shows its photo in a figure"
    assert 'src="../../../media/kabupaten-sumedang/ruang-kendali.jpg"' in image[1]
    assert 'alt="Ruang kendali dengan deretan layar besar&#46;"' in image[1]
    assert 'loading="lazy"' in image[1]
    assert "Foto: Diskominfosanditik Kabupaten Sumedang (Dengan izin tertulis pemiliknya)" in page


# --- Open data: a page for officials, a reference for developers -----------------------------------

# What reads as developer documentation: none of it on the public page, all of it in the reference.
_DEVELOPER_WORDS = ("RFC 4180", "$defs", "JSON Schema", "katalog import", "CRLF", "OWASP", "UTF-8")


def test_the_open_data_page_is_plain_and_the_reference_keeps_the_details(shipped_site: Built) -> None:
    public = Page(shipped_site.html("data/index.md"))
    reference = Page(shipped_site.html("data/referensi/index.md"))
    main = public.text[public.text.index("Data terbuka") :]
    assert [w for w in _DEVELOPER_WORDS if w in main] == []
    assert [w for w in _DEVELOPER_WORDS if w not in reference.text] == []
    assert "CC BY 4.0" in main and "Cara mengutip" in main
    public_links = {url for tag, _, url, in_nav in public.refs if tag == "a" and not in_nav}
    reference_links = {url for tag, _, url, in_nav in reference.refs if tag == "a" and not in_nav}
    assert "referensi/" in public_links and "../" in reference_links
    # Nothing lost: every open-data file at the top of data/ is linked from one of the two pages.
    files = {p.name for p in (shipped_site.site / "data").iterdir() if p.is_file()}
    linked = {u for u in public_links if "/" not in u} | {u.removeprefix("../") for u in reference_links}
    assert files and files - {"index.html"} <= linked, sorted(files - linked)


# --- Buttons and badges -----------------------------------------------------------------------------


class _Controls(HTMLParser):
    """Elements styled as buttons and badges, and whether each is inside a link or a button."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.buttons: list[tuple[str, dict[str, str]]] = []
        self.badges: list[tuple[str, dict[str, str], bool]] = []
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        classes = values.get("class", "").split()
        if "md-button" in classes:
            self.buttons.append((tag, values))
        if "kid-badge" in classes:
            self.badges.append((tag, values, any(t in ("a", "button") for t in self._open)))
        if tag in ("a", "button"):
            self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("a", "button") and tag in self._open:
            self._open.reverse()
            self._open.remove(tag)
            self._open.reverse()


def test_only_what_can_be_pressed_looks_like_a_button(any_site: Built) -> None:
    buttons, badges = 0, 0
    for file in html_files(any_site.site):
        found = _Controls()
        found.feed(file.read_text(encoding="utf-8"))
        page = rel(any_site.site, file)
        for tag, values in found.buttons:
            assert tag == "button" or (tag == "a" and values.get("href")), f"{page}: <{tag} {values}>"
        for tag, values, inside in found.badges:
            # A badge is a label: no link, no control, nothing a keyboard or a tap can land on.
            assert tag == "span" and not inside, f"{page}: <{tag} {values}>"
            assert not {"href", "role", "tabindex", "onclick"} & set(values), f"{page}: <{tag} {values}>"
        buttons += len(found.buttons)
        badges += len(found.badges)
    assert badges > 0
    # The real buttons the pages themselves write (a brief's print button); the catalogue browser
    # makes its own in the browser (tests/browser/test_reading.py).
    if any_site.catalogue.visits or any_site.catalogue.agreements:
        assert buttons > 0

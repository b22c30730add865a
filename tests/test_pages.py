"""`build_pages`: which pages exist, that their links resolve, and that the output is deterministic.

Library level only: no MkDocs. The relation fixture (`tests/fixtures/site-relations`, see its
README) is small enough to spell out every page it must produce.
"""

from __future__ import annotations

import dataclasses
import html
import pathlib
import posixpath
import re
import shutil
from pathlib import Path

import pytest
import yaml

from generator.content.catalogue import Catalogue
from generator.content.check import load_catalogue
from generator.content.labels import labels
from generator.site import paths
from generator.site.page_cuts import PAGE_MAX, PAGE_MIN
from generator.site.pager import SPREAD
from generator.site.pages import (
    REGION_AGENCY_ROWS,
    REGION_LIST_LENGTH,
    REGION_PAGE_SIZE,
    REGION_SOURCES_SHOWN,
    VISITS_SHOWN,
    build_pages,
    record_page_paths,
)
from generator.site.relations import build_relations
from generator.site.render import PageRenderer

ROOT = Path(__file__).parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
RELATIONS = FIXTURES / "site-relations"
CATALOGUES = {
    "site-relations": RELATIONS,
    "site-hostile": FIXTURES / "site-hostile",
    "minimal": FIXTURES / "minimal",
    "shipped": ROOT,
}
# Hand-written pages: the only link targets that are not generated.
HAND_WRITTEN = {p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md")}

INDEX_PAGES = {
    paths.HOME,
    paths.SEARCH,
    paths.INNOVATIONS,
    paths.REGIONS,
    paths.AGENCIES,
    paths.AGREEMENTS,
    paths.VISITS,
    paths.THEMES,
    paths.TAGS,
    paths.NETWORK,
}
RELATIONS_RECORD_PAGES = {
    # Innovations.
    "inovasi/kabupaten-lampung-selatan/command-center-lamsel.md",
    "inovasi/kabupaten-lampung-selatan/posyandu-keliling.md",
    "inovasi/kabupaten-sumedang/antrean-manual.md",
    "inovasi/kabupaten-sumedang/command-center.md",
    "inovasi/kabupaten-sumedang/layanan-adminduk-daring.md",
    # Regions: both provinces, the two kabupaten with content; not Kabupaten Garut.
    "daerah/provinsi-jawa-barat.md",
    "daerah/provinsi-lampung.md",
    "daerah/kabupaten-sumedang.md",
    "daerah/kabupaten-lampung-selatan.md",
    # Agencies.
    "perangkat-daerah/kabupaten-lampung-selatan/dinkes.md",
    "perangkat-daerah/kabupaten-lampung-selatan/disdukcapil.md",
    "perangkat-daerah/kabupaten-lampung-selatan/diskominfo.md",
    "perangkat-daerah/kabupaten-sumedang/disdukcapil.md",
    "perangkat-daerah/kabupaten-sumedang/diskominfosanditik.md",
    "perangkat-daerah/kabupaten-sumedang/setda.md",
    # Agency kinds in use.
    "perangkat-daerah/jenis/disdukcapil.md",
    "perangkat-daerah/jenis/diskominfo.md",
    "perangkat-daerah/jenis/kesehatan.md",
    "perangkat-daerah/jenis/sekretariat-daerah.md",
    # Agreements.
    "kerja-sama/mou-lampung-selatan-sumedang-2025/index.md",
    # Visits.
    "kunjungan/2025-07-lampung-selatan-ke-sumedang.md",
    "kunjungan/2026-02-sumedang-ke-lampung-selatan.md",
    # Themes and tags in use.
    "tema/layanan-digital.md",
    "tema/pelayanan-publik.md",
    "tema/stunting.md",
    "tag/adminduk/index.md",
    "tag/cctv/index.md",
    "tag/command-center/index.md",
    "tag/kesehatan/index.md",
    # Learning-network pictures of the two regions that copied from each other.
    "daerah/kabupaten-sumedang/jaringan.md",
    "daerah/kabupaten-lampung-selatan/jaringan.md",
    # Visit briefs: one per pair, both directions of the agreement (and of the adoption pair).
    "kunjungan/kabupaten-lampung-selatan/kabupaten-sumedang.md",
    "kunjungan/kabupaten-sumedang/kabupaten-lampung-selatan.md",
}

_LINK = re.compile(r"\]\(([^)\s]+)\)")
_PROSE = re.compile(r'^<div class="kid-prose"[^>]*>\n.*?^</div>$', re.S | re.M)
_FRONT_MATTER = re.compile(r"\A---\n(.*?\n)---\n", re.S)


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(RELATIONS)


@pytest.fixture(scope="module")
def pages(catalogue: Catalogue) -> dict[str, str]:
    return build_pages(catalogue)


@pytest.fixture(scope="module", params=sorted(CATALOGUES), ids=sorted(CATALOGUES))
def any_pages(request: pytest.FixtureRequest) -> tuple[Catalogue, dict[str, str]]:
    catalogue = load_catalogue(CATALOGUES[request.param])
    return catalogue, build_pages(catalogue)


def test_relation_fixture_pages_exactly(pages: dict[str, str]) -> None:
    assert set(pages) == INDEX_PAGES | RELATIONS_RECORD_PAGES


def test_record_page_paths_are_the_record_pages(catalogue: Catalogue) -> None:
    # The tag index is kept out of the navigation too: the theme index leads to it.
    assert record_page_paths(catalogue) == RELATIONS_RECORD_PAGES | {paths.TAGS}


def test_every_record_has_a_page(any_pages: tuple[Catalogue, dict[str, str]]) -> None:
    catalogue, pages = any_pages
    expected = set(INDEX_PAGES)
    expected |= {paths.innovation(ref) for ref in catalogue.innovations}
    expected |= {paths.agreement(a) for a in catalogue.agreements}
    expected |= {paths.visit(v) for v in catalogue.visits}
    for region in catalogue.regions.values():
        expected |= {paths.agency(region.id, a.id) for a in region.agencies}
        expected |= {paths.agency_kind(a.kind) for a in region.agencies}
        has_content = (
            region.type == "provinsi"
            or region.agencies
            or region.summary
            or region.head
            or any(i.region == region.id for i in catalogue.innovations.values())
            or any(region.id in a.parties for a in catalogue.agreements.values())
            or any(region.id in v.regions for v in catalogue.visits.values())
        )
        if has_content:
            expected.add(paths.region(region.id))
        if len(region.agencies) > REGION_AGENCY_ROWS:
            expected.add(paths.region_agencies(region.id))
        if has_content and len(region.sources) > REGION_SOURCES_SHOWN:
            expected.add(paths.region_sources(region.id))
    relations = build_relations(catalogue)
    for source, target, _ in relations.learning_edges() + relations.visit_edges():
        expected |= {paths.region_network(source), paths.region_network(target)}
    for region_id, visits in relations.visits_by_region.items():
        if len(visits) > VISITS_SHOWN:
            expected.add(paths.region_visits(region_id))
    for innovation in catalogue.innovations.values():
        expected |= {paths.theme(t) for t in innovation.themes}
        expected |= {paths.tag(t) for t in innovation.tags}
    # Visit briefs come on top: one per pair of related regions whose host has innovations; a
    # region in more pairs than its page names, as guest or as host, lists them all on a page.
    hosts = {i.region for i in catalogue.innovations.values()}
    briefs = {p for p in set(pages) - expected if _brief(p, catalogue, hosts)}
    for region in catalogue.regions:
        out = sum(1 for p in briefs if p.startswith(f"kunjungan/{region}/"))
        into = sum(1 for p in briefs if p.endswith(f"/{region}.md"))
        if out > REGION_LIST_LENGTH or into > REGION_LIST_LENGTH:
            expected.add(paths.region_briefs(region))
    # Long listings go on over further pages, each under the folder of a page expected above.
    further = {p for p in set(pages) - expected - briefs if _listing_base(p) in expected}
    assert set(pages) == expected | briefs | further
    assert record_page_paths(catalogue) == (expected | briefs | further) - INDEX_PAGES | {paths.TAGS}
    assert list(pages) == sorted(pages)


def _listing_base(page: str) -> str | None:
    """The first page of the long listing that `page` goes on (`paths.listing_page`), if it is one."""
    folder, _, name = page.rpartition("/")
    if not (name == "akhir.md" or name.startswith("dari-")):
        return None
    if folder.endswith("/daftar"):
        return folder.removesuffix("/daftar") + "/index.md"
    return folder + ".md"


def _brief(page: str, catalogue: Catalogue, hosts: set[str]) -> bool:
    """Whether `page` is the visit brief of two related regions (one page per pair)."""
    direct = re.fullmatch(r"kunjungan/([a-z0-9-]+)/([a-z0-9-]+)\.md", page)
    if not direct:
        return False
    visitor, host = direct.groups()
    return visitor in catalogue.regions and host in hosts and visitor != host


def test_region_without_content_has_no_page_but_is_named(pages: dict[str, str]) -> None:
    assert "daerah/kabupaten-garut.md" not in pages
    assert not any("kabupaten-garut" in text for text in pages.values())
    assert "Kabupaten Garut (32&#46;05)" in pages["daerah/provinsi-jawa-barat.md"]
    # Listed on no index either: the regions index links pages only.
    assert "Garut" not in pages[paths.REGIONS]


def test_every_link_resolves_to_a_page(any_pages: tuple[Catalogue, dict[str, str]]) -> None:
    catalogue, pages = any_pages
    targets = set(pages) | HAND_WRITTEN
    photos = {f"media/{item.file}" for i in catalogue.innovations.values() for item in i.media}
    checked = 0
    for page, text in pages.items():
        # Front matter and contributor Markdown (already HTML) hold text that only looks like links.
        markdown = _PROSE.sub("", _FRONT_MATTER.sub("", text))
        for href in _LINK.findall(markdown):
            if href.startswith("#"):  # a place on the same page: an id the page itself writes
                assert f"{{: {href} }}" in markdown, f"{page}: {href}"
                continue
            assert not href.startswith("/"), f"{page}: {href}"
            # A section of a hand-written page (tentang.md#ikut-menyumbang); the built-site link
            # check (tests/site/test_build.py) finds its anchor.
            href, _, _ = href.partition("#")
            target = posixpath.normpath(posixpath.join(posixpath.dirname(page), href))
            if target.startswith("media/"):  # an innovation's photo, published beside the pages
                assert target in photos, f"{page}: {href} → {target}"
                continue
            assert href.endswith(".md"), f"{page}: {href} is not a page link"
            assert target in targets, f"{page}: {href} → {target}"
            checked += 1
    assert checked > len(pages)


def test_external_links_are_only_http_or_mailto(any_pages: tuple[Catalogue, dict[str, str]]) -> None:
    _, pages = any_pages
    for page, text in pages.items():
        for href in re.findall(r'<a href="([^"]*)"', text):
            assert href.startswith(("https://", "http://", "mailto:")), f"{page}: {href}"
            assert 'rel="nofollow noopener ugc"' in text


def test_front_matter_has_a_title(any_pages: tuple[Catalogue, dict[str, str]]) -> None:
    _, pages = any_pages
    for page, text in pages.items():
        match = _FRONT_MATTER.match(text)
        assert match, page
        meta = yaml.safe_load(match.group(1))
        assert isinstance(meta["title"], str) and meta["title"], page
        body = text[match.end() :]
        assert "\n# " in "\n" + body, f"{page} has no h1"


def test_two_calls_give_identical_pages(catalogue: Catalogue) -> None:
    assert build_pages(catalogue) == build_pages(catalogue)
    assert build_pages(load_catalogue(RELATIONS)) == build_pages(catalogue)


def test_order_of_records_does_not_change_output(catalogue: Catalogue, pages: dict[str, str]) -> None:
    """Records handed over in reverse order give the same pages: every list is sorted on output."""
    reversed_catalogue = Catalogue(
        regions=dict(reversed(catalogue.regions.items())),
        innovations=dict(reversed(catalogue.innovations.items())),
        agreements=dict(reversed(catalogue.agreements.items())),
        visits=dict(reversed(catalogue.visits.items())),
        sources=dict(reversed(catalogue.sources.items())),
    )
    assert build_pages(reversed_catalogue) == pages


def test_order_of_files_on_disk_does_not_change_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pages: dict[str, str]
) -> None:
    # Copy the files newest-name-first, then make every folder listing come back reversed.
    files = sorted((p for p in RELATIONS.rglob("*") if p.is_file()), reverse=True)
    for source in files:
        target = tmp_path / source.relative_to(RELATIONS)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    original = pathlib.Path.iterdir
    monkeypatch.setattr(pathlib.Path, "iterdir", lambda self: iter(sorted(original(self), reverse=True)))
    assert build_pages(load_catalogue(tmp_path)) == pages


def test_pages_follow_content_changes(catalogue: Catalogue, pages: dict[str, str]) -> None:
    ref = "kabupaten-sumedang/command-center"
    changed = dataclasses.replace(catalogue.innovations[ref], title="Pusat Kendali Sumedang")
    edited = Catalogue(
        regions=catalogue.regions,
        innovations={**catalogue.innovations, ref: changed},
        agreements=catalogue.agreements,
        visits=catalogue.visits,
    )
    new = build_pages(edited)
    differ = {p for p in pages if new[p] != pages[p]}
    # The page itself and every page that lists it by title, nothing else.
    assert paths.innovation(ref) in differ
    assert all("Pusat Kendali Sumedang" in new[p] for p in differ)
    assert not any("Pusat Kendali Sumedang" in pages[p] for p in pages)
    assert "perangkat-daerah/kabupaten-lampung-selatan/dinkes.md" not in differ


def test_english_pages_use_english_labels(catalogue: Catalogue, pages: dict[str, str]) -> None:
    english = build_pages(catalogue, "en")
    assert set(english) == set(pages)
    page = paths.innovation("kabupaten-lampung-selatan/posyandu-keliling")
    assert '!!! warning "Stopped"' in english[page]
    assert '!!! warning "Berhenti"' in pages[page]
    assert "# Regency Sumedang\n" in english["daerah/kabupaten-sumedang.md"]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Catalogue, dict[str, str]]:
    """A synthetic catalogue big enough that busy regions and tags need several listing pages."""
    from generator.contrib.synthetic import write_synthetic_catalogue

    root = tmp_path_factory.mktemp("generated")
    write_synthetic_catalogue(ROOT, root, 1400, seed=11)
    catalogue = load_catalogue(root)
    return catalogue, build_pages(catalogue)


def test_region_pages_list_each_of_its_innovations_once(
    generated: tuple[Catalogue, dict[str, str]],
) -> None:
    catalogue, pages = generated
    busiest = max(
        catalogue.regions,
        key=lambda r: sum(i.region == r for i in catalogue.innovations.values()),
    )
    own = sorted(ref for ref, i in catalogue.innovations.items() if i.region == busiest)
    assert len(own) > REGION_PAGE_SIZE + 2 * PAGE_MAX, "the fixture should need four pages"
    base = paths.region(busiest)
    folder = base.removesuffix(".md")
    listing = {p for p in pages if p.startswith(folder + "/dari-") or p == folder + "/akhir.md"}
    next_label = labels()["next_page"]["id"]
    listed: list[list[str]] = []
    page: str | None = base
    visited: list[str] = []
    while page is not None and page not in visited:
        visited.append(page)
        text = pages[page]
        pager = text.index('<nav class="kid-pager"')
        start = text.index("## " + labels()["innovations_of_region"]["id"]) if page == base else 0
        folder = posixpath.dirname(page)
        linked = {posixpath.normpath(posixpath.join(folder, t)) for t in _LINK.findall(text[start:pager])}
        listed.append([ref for ref in own if paths.innovation(ref) in linked])
        links = re.findall(r"\[([^\]]+)\]\(([^)]+)\)", text[pager : text.index("</nav>", pager)])
        # Every page's pager stays short, whatever the number of pages.
        assert len(links) <= 2 * SPREAD + 5
        following = [target for label, target in links if label == next_label]
        page = posixpath.normpath(posixpath.join(folder, following[0])) if following else None
    # Following "next" from the region page walks every listing page once, then stops.
    assert page is None and visited[0] == base and set(visited[1:]) == listing
    # Cut by the items themselves: PAGE_MIN to PAGE_MAX a page, the last page possibly fewer.
    assert len(listed[0]) == REGION_PAGE_SIZE
    assert all(PAGE_MIN <= len(items) <= PAGE_MAX for items in listed[1:-1])
    assert 0 < len(listed[-1]) <= PAGE_MAX
    assert sorted(ref for items in listed for ref in items) == own


def test_a_new_title_rewrites_few_listing_pages(generated: tuple[Catalogue, dict[str, str]]) -> None:
    """Moving an innovation from the middle of its listings to their start changes its old and new
    pages and the pagers near them; pages of a fixed length would all change in between."""
    catalogue, pages = generated
    rel = build_relations(catalogue)
    tag, items = max(rel.by_tag.items(), key=lambda kv: len(kv[1]))
    moved = items[len(items) // 2]
    edited = dataclasses.replace(
        catalogue, innovations={**catalogue.innovations, moved.ref: dataclasses.replace(moved, title="Aaa")}
    )
    after = build_pages(edited)
    changed = {p for p in pages.keys() | after.keys() if pages.get(p) != after.get(p)}
    tag_pages = {p for p in pages if p.startswith(paths.tag(tag).removesuffix("index.md"))}
    assert len(tag_pages) > 8, "the fixture's tag should run to many pages"
    # The page it left, the first page it joined, and pagers within two pages of either.
    assert 2 <= len(changed & tag_pages) <= 2 * (2 * SPREAD + 1)
    listings = {paths.theme(t).removesuffix(".md") + "/" for t in moved.themes}
    listings |= {paths.tag(t).removesuffix("index.md") for t in moved.tags}
    listings |= {paths.agency(moved.region, a).removesuffix(".md") + "/" for a in moved.agencies}
    listings.add(paths.region(moved.region).removesuffix(".md") + "/")
    # Listing pages of other listings do not change at all.
    listing_pages = {p for p in changed if "/dari-" in p or p.endswith("/akhir.md")}
    assert all(any(p.startswith(folder) for folder in listings) for p in listing_pages)


def test_a_long_listing_links_each_initial_to_the_page_where_it_starts(
    generated: tuple[Catalogue, dict[str, str]],
) -> None:
    catalogue, _ = generated
    starts = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0É"
    renamed = {
        ref: dataclasses.replace(i, title=f"{starts[n % len(starts)]}{i.title}")
        for n, (ref, i) in enumerate(catalogue.innovations.items())
    }
    catalogue = dataclasses.replace(catalogue, innovations=renamed)
    pages = build_pages(catalogue)
    tag, items = max(build_relations(catalogue).by_tag.items(), key=lambda kv: len(kv[1]))
    base = paths.tag(tag)
    text = pages[base]
    start = text.index('<nav class="kid-letters"')
    nav = text[text.index("\n", start) + 1 : text.index("</nav>", start)].strip()
    entries = []
    for token in nav.split(" · "):
        link = re.fullmatch(r"\[([^\]]+)\]\(([^)]+)\)", token)
        entries.append((html.unescape(link[1]), link[2]) if link else (html.unescape(token), None))

    def initial(title: str) -> str:
        return title[0] if title[0].isalpha() else "#"

    # Every initial once, in the listing's order; a digit under "#".
    assert [letter for letter, _ in entries] == list(dict.fromkeys(initial(i.title) for i in items))
    # Those whose items start on the first page are not linked: they are here.
    assert entries[0][1] is None and sum(1 for _, target in entries if target) > 10
    for letter, target in entries:
        page = base if target is None else posixpath.normpath(posixpath.join(posixpath.dirname(base), target))
        first = next(i for i in items if initial(i.title) == letter)
        assert paths.relative(paths.innovation(first.ref), page) in pages[page], (letter, page)
    # Only the first page carries the initials: the others would change with every page they name.
    further = [p for p in pages if p.startswith(base.removesuffix("index.md") + "daftar/")]
    assert further and all('class="kid-letters"' not in pages[p] for p in further)


def test_a_region_with_many_agencies_names_every_one_by_acronym_and_links_their_table() -> None:
    catalogue = load_catalogue(ROOT)
    region = max(catalogue.regions.values(), key=lambda r: len(r.agencies))
    assert len(region.agencies) > REGION_AGENCY_ROWS, "the shipped content should have such a region"
    pages = build_pages(catalogue)

    def agencies_linked(page: str) -> list[str]:
        text = pages[page]
        heading = "\n## " + labels()["agencies"]["id"]
        table = text[text.index(heading) :] if heading in text else text
        resolved = [
            posixpath.normpath(posixpath.join(posixpath.dirname(page), t)) for t in _LINK.findall(table)
        ]
        return [target for target in resolved if target.startswith("perangkat-daerah/")]

    every = {paths.agency(region.id, a.id) for a in region.agencies}
    on_region = agencies_linked(paths.region(region.id))
    # None hidden (a guest looks for their counterpart), in the order of their acronyms.
    by_acronym = sorted(region.agencies, key=lambda a: (a.acronym.casefold(), a.id))
    assert on_region == [paths.agency(region.id, a.id) for a in by_acronym]
    all_page = paths.region_agencies(region.id)
    assert (
        f"]({posixpath.relpath(all_page, posixpath.dirname(paths.region(region.id)))})"
        in pages[paths.region(region.id)]
    )
    assert sorted(agencies_linked(all_page)) == sorted(every)


def test_a_new_renderer_reuses_the_templates_compiled_before(monkeypatch: pytest.MonkeyPatch) -> None:
    """`katalog preview` and every `mkdocs serve` rebuild make a new renderer: the templates are
    compiled once, not each time (Jinja's bytecode cache)."""
    PageRenderer("id").env.get_template("innovation.md.j2")
    again = PageRenderer("en")
    compiled: list[str] = []
    compile_template = again.env.compile

    def counting(source: str, name: str | None = None, *args: object, **kwargs: object) -> object:
        compiled.append(name or "")
        return compile_template(source, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(again.env, "compile", counting)
    again.env.get_template("innovation.md.j2")
    assert compiled == []
    assert again.env.from_string("{{ 1 }}").render() == "1"
    assert compiled == [""]  # what the cache does not hold is still compiled


def test_a_province_page_counts_its_regions_innovations_everywhere_alike() -> None:
    catalogue = load_catalogue(ROOT)
    pages = build_pages(catalogue)
    label = {key: value["id"] for key, value in labels().items()}
    checked = 0
    for province in (r for r in catalogue.regions.values() if r.type == "provinsi"):
        members = {province.id} | {r.id for r in catalogue.regions.values() if r.province == province.id}
        total = sum(1 for i in catalogue.innovations.values() if i.region in members)
        text = pages[paths.region(province.id)]
        assert f"{label['innovations_with_regions']}\n:   {total}\n" in text, province.id
        # The stage chart counts the same innovations as the facts box.
        stages = re.search(r'<figure class="kid-chart"[^>]*>.*?</figure>', text, re.S)
        if total:
            assert (
                stages is not None
                and sum(map(int, re.findall(r"<td[^>]*>(\d+)</td>", stages.group()))) == total
            )
            checked += 1
        # No "none recorded" beside the regions' innovations.
        assert label["no_innovations"] not in text, province.id
    assert checked >= 3


def _label(key: str) -> str:
    return html.unescape(labels()[key]["id"])


def test_the_network_page_explains_itself_when_nothing_can_be_drawn_yet() -> None:
    # The minimal catalogue's only link between regions is its visit: without it, nothing to draw.
    catalogue = dataclasses.replace(load_catalogue(FIXTURES / "minimal"), visits={})
    page = build_pages(catalogue)[paths.NETWORK]
    assert _label("network_empty") in page and _label("network_empty_how") in page
    assert "<svg" not in page and _label("network_table") not in page
    # It leads on to what there is (the agreement) and to how to record more; not to an empty list.
    assert "](kerja-sama/index.md)" in page
    assert "](kunjungan/index.md)" not in page
    assert "](tentang.md#ikut-menyumbang)" in page


def test_the_network_page_with_links_draws_them_and_leads_on(pages: dict[str, str]) -> None:
    page = pages[paths.NETWORK]
    assert "<svg" in page and _label("network_empty") not in page
    assert "](kerja-sama/index.md)" in page and "](kunjungan/index.md)" in page


def test_the_theme_index_leads_to_the_tag_index_and_back(pages: dict[str, str]) -> None:
    assert "](../tag/index.md)" in pages[paths.THEMES]
    assert "](../tema/index.md)" in pages[paths.TAGS]
    assert "| " in pages[paths.THEMES] and _label("themes_none") not in pages[paths.THEMES]


def test_a_theme_index_without_themes_or_tags_says_so_and_leads_to_the_innovations() -> None:
    catalogue = load_catalogue(FIXTURES / "minimal")
    assert not any(i.themes for i in catalogue.innovations.values())
    themes = build_pages(catalogue)[paths.THEMES]
    assert _label("themes_none") in themes and "](../inovasi/index.md)" in themes
    assert "](../tag/index.md)" in themes  # the minimal innovation has tags
    untagged = {ref: dataclasses.replace(i, tags=()) for ref, i in catalogue.innovations.items()}
    themes = build_pages(dataclasses.replace(catalogue, innovations=untagged))[paths.THEMES]
    assert "](../tag/index.md)" not in themes  # no link to an empty tag index


def test_every_listing_page_of_a_renamed_theme_has_its_old_address(
    generated: tuple[Catalogue, dict[str, str]],
) -> None:
    from generator.site.redirects import moved_pages

    catalogue, pages = generated
    moved = moved_pages(catalogue, pages)
    new_folder = paths.theme("digital-government").removesuffix(".md") + "/"
    further = sorted(page for page in pages if page.startswith(new_folder))
    assert len(further) >= 2, "the fixture's theme needs listing pages beyond the first"
    for page in further:
        old = "tema/digital-government/" + page.removeprefix(new_folder)
        assert moved[old] == page
    # Only pages that exist are pointed to, and no old address is a page of the site.
    assert set(moved.values()) <= set(pages) and not set(moved) & set(pages)


def test_an_innovation_page_names_its_newest_visits_and_counts_the_rest() -> None:
    from generator.site.pages import VISITS_SHOWN
    from generator.site.relations import build_relations

    catalogue = load_catalogue(ROOT)
    studied = build_relations(catalogue).visits_by_innovation
    ref, visits = max(studied.items(), key=lambda item: (len(item[1]), item[0]))
    assert len(visits) > VISITS_SHOWN, "the shipped catalogue has an innovation studied often"
    page = build_pages(catalogue)[paths.innovation(ref)]
    section = html.unescape(page.split(f"## {labels()['studied_by']['id']}\n", 1)[1].split("\n## ", 1)[0])
    shown = {visit.title for visit in visits[:VISITS_SHOWN]}
    assert all(title in section for title in shown)
    assert not any(visit.title in section for visit in visits[VISITS_SHOWN:] if visit.title not in shown)
    assert f"dan {len(visits) - VISITS_SHOWN} lainnya" in section

"""Where each generated page lives (paths relative to the docs root) and links between them.

Record pages sit in folders named for their kind; region ids always carry a type prefix
(`kabupaten-…`), so no record path can collide with a section's `index.md`.
"""

from __future__ import annotations

import functools

from ..content.vocab import vocabulary

HOME = "index.md"
SEARCH = "cari.md"
INNOVATIONS = "inovasi/index.md"
REGIONS = "daerah/index.md"
AGENCIES = "perangkat-daerah/index.md"
AGREEMENTS = "kerja-sama/index.md"
VISITS = "kunjungan/index.md"
THEMES = "tema/index.md"
TAGS = "tag/index.md"
NETWORK = "jaringan.md"
# Hand-written (docs/tentang.md): generated pages link to its sections.
ABOUT = "tentang.md"
# Pages in the navigation; every other generated page is reached by links only. The tag index is
# not among them: beside "Tema" it read as a second entry for the same thing, so it is reached
# from the theme index (and every tag page), as the finer keywords beside the themes.
NAV = (HOME, INNOVATIONS, REGIONS, AGENCIES, AGREEMENTS, VISITS, NETWORK, THEMES, SEARCH)


def innovation(ref: str) -> str:
    """Page of an innovation, from its `region-id/innovation-id` reference."""
    region, _, ident = ref.partition("/")
    return f"inovasi/{region}/{ident}.md"


def region(region_id: str) -> str:
    return f"daerah/{region_id}.md"


def region_network(region_id: str) -> str:
    """A region's own learning-network picture (beside its listing pages `dari-…` and `akhir`)."""
    return f"daerah/{region_id}/jaringan.md"


def region_sources(region_id: str) -> str:
    """Every source of a region, when its region page shows only the newest."""
    return f"daerah/{region_id}/sumber.md"


def region_agencies(region_id: str) -> str:
    """Every agency of a region, when its region page shows only the busiest."""
    return f"daerah/{region_id}/perangkat-daerah.md"


def agency(region_id: str, agency_id: str) -> str:
    return f"perangkat-daerah/{region_id}/{agency_id}.md"


def agency_kind(kind: str) -> str:
    """Page of a kind of agency, named in Indonesian (the vocabulary's `slug`)."""
    return f"perangkat-daerah/jenis/{slug('agency-kinds', kind)}.md"


def agreement(agreement_id: str) -> str:
    return f"kerja-sama/{agreement_id}/index.md"


def visit(visit_id: str) -> str:
    """Page of a visit. Beside the briefs (`kunjungan/<visitor>/<host>/`): a visit id is one path
    part and a brief two, so the two never meet, whatever the ids."""
    return f"kunjungan/{visit_id}.md"


def region_visits(region_id: str) -> str:
    """Every visit a region hosted or made, when its region page shows only the newest."""
    return f"daerah/{region_id}/kunjungan.md"


def region_briefs(region_id: str) -> str:
    """Every visit brief of a region, as guest and as host, when its page shows only the first."""
    return f"daerah/{region_id}/bahan-kunjungan.md"


def brief(visitor: str, host: str) -> str:
    """Visit brief for a delegation of `visitor` to `host`."""
    return f"kunjungan/{visitor}/{host}.md"


def agreement_brief(agreement_id: str, visitor: str, host: str) -> str:
    """Where a visit brief stood under an agreement before each pair had one: now a redirect."""
    return f"kerja-sama/{agreement_id}/kunjungan-{visitor}-ke-{host}.md"


def theme(theme_id: str) -> str:
    """Page of a theme, named in Indonesian (the vocabulary's `slug`)."""
    return f"tema/{slug('themes', theme_id)}.md"


def slug(vocab: str, value: str) -> str:
    """The Indonesian name of a vocabulary value in page addresses; the value where it has none."""
    return str(vocabulary(vocab).values[value].get("slug", value))


def old_slug_pages() -> dict[str, str]:
    """The pages of themes and agency kinds at the address they had, named by the English value."""
    moved = {}
    for vocab, folder in (("themes", "tema"), ("agency-kinds", "perangkat-daerah/jenis")):
        for value in vocabulary(vocab).values:
            if slug(vocab, value) != value:
                moved[f"{folder}/{value}.md"] = f"{folder}/{slug(vocab, value)}.md"
    return moved


def tag(tag_id: str) -> str:
    return f"tag/{tag_id}/index.md"


def listing_page(base: str, first: str) -> str:
    """The page of a long listing whose first page is `base` that starts with the item keyed `first`.

    Named by its first item, not numbered: when an item joins or leaves the listing, the pages
    after it keep their addresses (see `page_cuts`). Keys are slugs, or two joined by "--", which
    no slug contains.
    """
    return f"{_listing_folder(base)}/dari-{first}.md"


def listing_last_page(base: str) -> str:
    """The last page of a long listing whose first page is `base`.

    Named for being last, so that every page's link to it stays the same while its first item
    changes.
    """
    return f"{_listing_folder(base)}/akhir.md"


def _listing_folder(base: str) -> str:
    if base.endswith("/index.md"):
        # Under a fixed subfolder: a record id (an agreement, a tag) can never be "daftar/…".
        return f"{base.removesuffix('/index.md')}/daftar"
    return base.removesuffix(".md")


def url(page: str, *, directory_urls: bool = True) -> str:
    """The address of docs page `page`, relative to the site root: the one rule every engine follows.

    With directory URLs (the site) `a/b.md` is served at `a/b/` and `a/index.md` at `a/`; without
    them (the offline copy, opened from the file system) at `a/b.html` and `a/index.html`.
    """
    stem = page.removesuffix(".md")
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def built_file(address: str) -> str:
    """The file, relative to the site root, that serves the page address `address` (see `url`)."""
    return address + "index.html" if address == "" or address.endswith("/") else address


def address_of_file(built: str) -> str:
    """The page address a built file is served at: `a/b/index.html` → `a/b/` (inverse of `built_file`)."""
    if built == "index.html" or built.endswith("/index.html"):
        return built.removesuffix("index.html")
    return built


def relative(target: str, page: str) -> str:
    """A relative link from `page` to `target` (both docs-root paths), as Markdown engines want."""
    folder, _, name = target.rpartition("/")
    prefix = _folder_link(folder, page.rpartition("/")[0])
    return f"{prefix}/{name}" if prefix else name


@functools.lru_cache(maxsize=65536)
def _folder_link(target_folder: str, page_folder: str) -> str:
    # Docs paths are already normal (no "." or ".." parts, no leading "/"), so the link is the
    # page folder's parts below the shared ones climbed, then the target's: `posixpath.relpath`
    # made both absolute first, asking the system for the working folder each time. Cached too: a
    # site of 40,000 pages links between a few thousand folder pairs many times over.
    target = target_folder.split("/") if target_folder else []
    page = page_folder.split("/") if page_folder else []
    shared = 0
    for mine, theirs in zip(target, page, strict=False):
        if mine != theirs:
            break
        shared += 1
    return "/".join([".."] * (len(page) - shared) + target[shared:])

"""Validated catalogue in, a deterministic set of Markdown pages out: `{docs path: Markdown}`.

Engine-agnostic: plain Markdown with front matter and relative `.md` links, plus the Python-Markdown
extensions that MkDocs-compatible engines share (tables, admonition, attr_list, md_in_html).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ...content.catalogue import Catalogue
from .. import paths
from ..briefs import BriefMemo
from ..render import PageRenderer
from .indexes import IndexPages
from .planned import PagePlan, Planned, PlannedPage
from .records import RecordPages
from .regions import RegionPages
from .sizes import (
    BRIEF_MATCHES_SHOWN,
    BRIEF_OTHERS_SHOWN,
    COUNTERPART_INNOVATIONS_SHOWN,
    COUNTERPARTS_SHOWN,
    DEFAULT_STALE_AFTER_DAYS,
    HOME_LIST_LENGTH,
    NETWORK_DRAWN_EDGES,
    NETWORK_TABLE_ROWS,
    REGION_AGENCY_ROWS,
    REGION_LIST_LENGTH,
    REGION_NETWORK_EDGES,
    REGION_PAGE_SIZE,
    REGION_SOURCES_SHOWN,
    VISITS_SHOWN,
)

__all__ = [
    "BRIEF_MATCHES_SHOWN",
    "BRIEF_OTHERS_SHOWN",
    "COUNTERPARTS_SHOWN",
    "COUNTERPART_INNOVATIONS_SHOWN",
    "DEFAULT_STALE_AFTER_DAYS",
    "HOME_LIST_LENGTH",
    "NETWORK_DRAWN_EDGES",
    "NETWORK_TABLE_ROWS",
    "REGION_AGENCY_ROWS",
    "REGION_LIST_LENGTH",
    "REGION_NETWORK_EDGES",
    "REGION_PAGE_SIZE",
    "REGION_SOURCES_SHOWN",
    "VISITS_SHOWN",
    "PagePlan",
    "PlannedPage",
    "build_pages",
    "plan_pages",
    "plan_record_pages",
    "record_page_paths",
]


def plan_pages(
    catalogue: Catalogue,
    lang: str = "id",
    stale_after_days: int = DEFAULT_STALE_AFTER_DAYS,
    offline: bool = False,
    briefs: BriefMemo | None = None,
    site_url: str = "",
    photos: bool = True,
) -> PagePlan:
    """Every generated page of the site, sorted by path, each with the function that writes it.

    Relations and lists are worked out here, once; the templates run only when a page is written,
    so a build writes each page in the process that builds it and need not hold them all.

    Args:
        catalogue: the validated catalogue.
        lang: language of the labels.
        stale_after_days: age of `last_verified` after which an entry shows a "check again" notice.
        offline: pages for the copy opened from the file system (search through the theme's box).
        briefs: the visit briefs of the last plan (`mkdocs serve`), reused where still the same;
            this plan's are kept in it for the next.
        site_url: the published site's address, which printed pages give ("" for none).
        photos: whether pages show the innovations' photos (else a line says each is left out).
    """
    builder = _PageBuilder(catalogue, PageRenderer(lang, site_url), stale_after_days)
    builder.offline = offline
    builder.photos = photos
    if briefs is not None:
        builder.brief_memo = briefs
    plan = dict(sorted(builder.pages()))
    builder.brief_memo.plan_done()
    return plan


def build_pages(
    catalogue: Catalogue,
    lang: str = "id",
    stale_after_days: int = DEFAULT_STALE_AFTER_DAYS,
    offline: bool = False,
) -> dict[str, str]:
    """Every generated page of the site as Markdown, sorted by path (see `plan_pages`)."""
    return {path: write() for path, write in plan_pages(catalogue, lang, stale_after_days, offline).items()}


def plan_record_pages(
    catalogue: Catalogue,
    lang: str = "id",
    stale_after_days: int = DEFAULT_STALE_AFTER_DAYS,
    *,
    innovations: Iterable[str] = (),
    regions: Iterable[str] = (),
    agreements: Iterable[str] = (),
    visits: Iterable[str] = (),
    site_url: str = "",
) -> PagePlan:
    """Some records' pages, as `plan_pages` plans them, without planning the rest of the site.

    Args:
        catalogue: the validated catalogue.
        lang: language of the labels.
        stale_after_days: as for `plan_pages`.
        innovations: references of the innovations whose own page is wanted.
        regions: ids of the regions whose pages (with listing pages) and agencies' pages are wanted.
        agreements: ids of the agreements whose page and visit briefs are wanted.
        visits: ids of the visits whose page is wanted.
        site_url: as for `plan_pages`.
    """
    builder = _PageBuilder(catalogue, PageRenderer(lang, site_url), stale_after_days)
    planned = [builder.innovation(catalogue.innovations[ref]) for ref in innovations]
    for region in (catalogue.regions[r] for r in regions):
        if builder.rel.has_page(region):
            planned += builder.region(region)
        for agency in region.agencies:
            planned += builder.agency(region, agency)
    for agreement in (catalogue.agreements[a] for a in agreements):
        planned.append(builder.agreement(agreement))
        planned += [builder.pair_brief(v, h) for v, h in builder.agreement_pairs(agreement)]
    planned += [builder.visit(builder.catalogue.visits[v]) for v in visits]
    return dict(sorted(planned))


def record_page_paths(catalogue: Catalogue) -> set[str]:
    """Pages kept out of the navigation (records and listing pages: there are thousands; and the
    tag index, reached from the theme index)."""
    return set(plan_pages(catalogue)) - set(paths.NAV)


class _PageBuilder(RecordPages, RegionPages, IndexPages):
    """Every page of the site, in a fixed order (the plan sorts them by path)."""

    def pages(self) -> Iterator[Planned]:
        yield self.home()
        yield self.render("search.md.j2", paths.SEARCH, offline=self.offline)
        yield self.innovations_index()
        yield self.regions_index()
        yield self.agencies_index()
        yield from self.agreements_index()
        yield from self.visits_index()
        yield self.themes_index()
        yield from self.tags_index()
        for innovation in self.catalogue.innovations.values():
            yield self.innovation(innovation)
        for region in self.regions.values():
            if self.rel.has_page(region):
                yield from self.region(region)
            for agency in region.agencies:
                yield from self.agency(region, agency)
        for agreement in self.catalogue.agreements.values():
            yield self.agreement(agreement)
        for visit in self.catalogue.visits.values():
            yield self.visit(visit)
        for kind in self.rel.agencies_by_kind:
            yield from self.agency_kind(kind)
        for theme, items in self.rel.by_theme.items():
            yield from self.listing(
                "theme.md.j2",
                paths.theme(theme),
                items,
                str(self.renderer.vocab_label("themes", theme)),
                [(self.renderer.label("home"), paths.HOME), (self.renderer.label("themes"), paths.THEMES)],
                alphabetical=True,
                theme=theme,
            )
        for tag, items in self.rel.by_tag.items():
            yield from self.listing(
                "tag.md.j2",
                paths.tag(tag),
                items,
                f"#{tag}",
                [(self.renderer.label("home"), paths.HOME), (self.renderer.label("tags"), paths.TAGS)],
                alphabetical=True,
                tag=tag,
            )
        yield self.network()
        for visitor, host in self.pairs:
            yield self.pair_brief(visitor, host)

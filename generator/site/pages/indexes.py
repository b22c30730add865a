"""Index pages: the home page, the innovation browser and the lists of regions, agencies, themes,
tags and agreements."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from typing import Any

from markupsafe import Markup

from ...content.vocab import vocabulary
from .. import paths
from ..relations import visit_order
from .base import PageBase, start_day
from .planned import Planned
from .sizes import HOME_BRIEFS_SHOWN, HOME_LIST_LENGTH, HOME_VISITS_SHOWN, MOST_STUDIED_SHOWN


class IndexPages(PageBase):
    """Pages that list the catalogue as a whole."""

    def _briefs_newest(self) -> list[tuple[str, str]]:
        """The visit briefs of the newest agreements' pairs first, then of the other linked pairs."""
        pairs = [pair for a in self._agreements_newest() for pair in self.agreement_pairs(a)]
        return list(dict.fromkeys([*pairs, *self.pairs]))

    def _agreements_newest(self) -> list[Any]:
        return sorted(self.catalogue.agreements.values(), key=lambda a: (-a.signed.toordinal(), a.id))

    def innovations_index(self) -> Planned:
        label = self.renderer.label
        names = {
            "all": "browse_all",
            "filters": "browse_filters",
            "text": "browse_text",
            "province": "province",
            "region": "region",
            "agency_kind": "agency_kinds",
            "theme": "theme",
            "stage": "stage",
            "kind": "kind",
            "form": "form",
            "status": "status",
            "year": "browse_year",
            "sort": "browse_sort",
            "sort_title": "browse_sort_title",
            "sort_year": "browse_sort_year",
            "sort_region": "browse_sort_region",
            "more": "browse_more",
            "count": "browse_count",
            "failed": "browse_failed",
            "toggle": "browse_toggle",
            "active": "browse_active",
            "remove": "browse_remove",
            "reset": "browse_reset",
            "none": "browse_none",
        }
        labels = json.dumps(
            {k: str(label(v)) for k, v in sorted(names.items())}, ensure_ascii=False, sort_keys=True
        )
        # A JSON island: "<" escaped so no label can close the <script> element.
        return self.render(
            "innovations_index.md.j2", paths.INNOVATIONS, browse_labels=Markup(labels.replace("<", "\\u003c"))
        )

    def regions_index(self) -> Planned:
        provinces = sorted(
            (r for r in self.regions.values() if r.type == "provinsi"), key=lambda r: (r.code, r.id)
        )
        counts = self.counts
        rows = []
        for province in provinces:
            children = [c for c in self.rel.children.get(province.id, []) if self.rel.has_page(c)]
            total = counts[province.id] + sum(counts[c.id] for c in self.rel.children.get(province.id, []))
            rows.append((province, len(children), total))
        # Only provinces here: each province page lists its kabupaten and kota (552 regions in all).
        return self.render("regions_index.md.j2", paths.REGIONS, provinces=rows)

    def agencies_index(self) -> Planned:
        kinds = [
            (kind, len(members), sum(len(self.rel.by_agency.get((r.id, a.id), [])) for r, a in members))
            for kind, members in self.rel.agencies_by_kind.items()
        ]
        order = list(vocabulary("agency-kinds").values)
        kinds.sort(key=lambda k: order.index(k[0]))
        return self.render("agencies_index.md.j2", paths.AGENCIES, kinds=kinds)

    def themes_index(self) -> Planned:
        order = list(vocabulary("themes").values)
        themes = sorted(((t, len(i)) for t, i in self.rel.by_theme.items()), key=lambda x: order.index(x[0]))
        # The tag index is not in the navigation: this page is the way to it, when there are tags.
        return self.render("themes_index.md.j2", paths.THEMES, themes=themes, tag_count=len(self.rel.by_tag))

    def tags_index(self) -> Iterator[Planned]:
        tags = [(tag, len(items)) for tag, items in self.rel.by_tag.items()]
        yield from self.listing(
            "tags_index.md.j2",
            paths.TAGS,
            tags,
            self.renderer.label("tags"),
            [(self.renderer.label("home"), paths.HOME)],
            kind="tags",
            list_name="tags",
            alphabetical=True,
        )

    def agreements_index(self) -> Iterator[Planned]:
        yield from self.listing(
            "agreements_index.md.j2",
            paths.AGREEMENTS,
            self._agreements_newest(),
            self.renderer.label("agreements"),
            [(self.renderer.label("home"), paths.HOME)],
            kind="agreements",
            list_name="agreements",
        )

    def visits_index(self) -> Iterator[Planned]:
        title = str(self.renderer.label("visits"))
        trail = [(str(self.renderer.label("home")), paths.HOME)]
        yield from self.listing(
            "visits_index.md.j2",
            paths.VISITS,
            self._visits_newest(),
            title,
            trail,
            kind="visits",
            list_name="visits",
            heading=title,
            crumbs=[],
        )

    def _visits_newest(self) -> list[Any]:
        return sorted(self.catalogue.visits.values(), key=visit_order)

    def home(self) -> Planned:
        innovations = list(self.catalogue.innovations.values())
        stage_order = list(vocabulary("stages").values)
        stages = Counter(i.stage for i in innovations)
        theme_order = list(vocabulary("themes").values)
        dated = [i for i in innovations if i.implementation_date or i.trial_date]
        newest = sorted(dated, key=lambda i: (-start_day(i), i.ref))[:HOME_LIST_LENGTH]
        verified = [i for i in innovations if i.last_verified]
        verified.sort(key=lambda i: (-i.last_verified.toordinal(), i.ref))  # type: ignore[union-attr]
        counts = self.counts
        top_regions = sorted(
            ((self.regions[r], n) for r, n in counts.items()), key=lambda x: (-x[1], x[0].code, x[0].id)
        )
        return self.render(
            "home.md.j2",
            paths.HOME,
            offline=self.offline,
            totals={
                "innovations": len(innovations),
                "regions": sum(1 for r in self.regions.values() if self.rel.has_page(r)),
                "agencies": sum(len(r.agencies) for r in self.regions.values()),
                "agreements": len(self.catalogue.agreements),
                "visits": len(self.catalogue.visits),
            },
            recent_visits=self._visits_newest()[:HOME_VISITS_SHOWN],
            home_briefs=self._briefs_newest()[:HOME_BRIEFS_SHOWN],
            most_studied=[
                (self.catalogue.innovations[ref], n)
                for ref, n in sorted(self.studied.items(), key=lambda x: (-x[1], x[0]))[:MOST_STUDIED_SHOWN]
            ],
            top_regions=top_regions[:HOME_LIST_LENGTH],
            stages=[(s, stages[s]) for s in stage_order if stages[s]],
            themes=sorted(
                ((t, len(i)) for t, i in self.rel.by_theme.items()), key=lambda x: theme_order.index(x[0])
            ),
            newest=newest,
            verified=verified[:HOME_LIST_LENGTH],
            agreements=self._agreements_newest()[:HOME_LIST_LENGTH],
        )

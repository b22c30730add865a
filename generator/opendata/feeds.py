"""Atom feeds of a checked catalogue: the newest innovations, each region's, and the newest visits.

`data/inovasi.atom`, `data/daerah/<region-id>.atom` and `data/kunjungan.atom`. Every entry is dated
by its record (Atom wants a time; the records know days), so the feeds never depend on the clock.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from typing import Any

from ..content.catalogue import Catalogue
from ..content.model import Innovation
from ..content.vocab import vocabulary
from ..site import paths
from ..site.render import PageRenderer
from .export_links import EXPORT_DIR, ExportLinks
from .export_settings import settings

FEED = f"{EXPORT_DIR}/inovasi.atom"
VISITS_FEED = f"{EXPORT_DIR}/kunjungan.atom"
# Each feed keeps the newest entries only: readers poll it, and a list of thousands would make every
# poll a megabyte. A region's feed too: one that imports its whole Indeks list holds thousands.
FEED_LIMIT = 100
ATOM = "http://www.w3.org/2005/Atom"


def build_feeds(
    catalogue: Catalogue, links: ExportLinks, lang: str, renderer: PageRenderer
) -> dict[str, bytes]:
    """Every feed, by path under the site root (`catalogue`'s records sorted by id)."""
    return _Feeds(catalogue, links, lang, renderer).files()


def _stamp(day: dt.date) -> str:
    """An Atom date (RFC 3339) for a day: midnight UTC, as the records know days only."""
    return f"{day.isoformat()}T00:00:00Z"


def _dates(innovation: Innovation) -> tuple[dt.date, dt.date | None] | None:
    """(updated, published) of a feed entry, or None when the record has no date of its own.

    Updated is the latest of last_verified, implementation_date and trial_date; published is when
    the innovation started (trial, else implementation).
    """
    own = [d for d in (innovation.last_verified, innovation.implementation_date, innovation.trial_date) if d]
    if not own:
        return None
    return max(own), innovation.trial_date or innovation.implementation_date


class _Feeds:
    def __init__(self, catalogue: Catalogue, links: ExportLinks, lang: str, renderer: PageRenderer) -> None:
        self.catalogue = catalogue
        self.links = links
        self.lang = lang
        self.renderer = renderer

    def files(self) -> dict[str, bytes]:
        dated = []
        for innovation in self.catalogue.innovations.values():
            dates = _dates(innovation)
            if dates is not None:
                dated.append((dates, innovation))
        # Newest first; the reference breaks ties so that the order never depends on the file system.
        dated.sort(key=lambda d: (-d[0][0].toordinal(), d[1].ref))
        texts = settings()["feed"][self.lang]
        feeds = {FEED: self.feed(FEED, texts["title"], paths.INNOVATIONS, dated[:FEED_LIMIT])}
        by_region: dict[str, list[Any]] = {}
        for entry in dated:
            by_region.setdefault(entry[1].region, []).append(entry)
        for region_id, entries in sorted(by_region.items()):
            region = self.catalogue.regions[region_id]
            rel = f"{EXPORT_DIR}/daerah/{region_id}.atom"
            title = texts["region_title"].format(region=self.renderer.region_name(region))
            feeds[rel] = self.feed(rel, title, paths.region(region_id), entries[:FEED_LIMIT])
        feeds[VISITS_FEED] = self.visits_feed()
        return feeds

    def visits_feed(self) -> bytes:
        """The newest visits; a visit's entry is dated by the visit, the only date it has."""
        visits = sorted(self.catalogue.visits.values(), key=lambda v: (-v.date.toordinal(), v.id))
        texts = settings()["feed"][self.lang]
        root = self.feed_root(
            VISITS_FEED, texts["visits_title"], paths.VISITS, visits[0].date if visits else None
        )
        for visit in visits[:FEED_LIMIT]:
            page_path = self.links.url_of(paths.visit(visit.id))
            entry = ET.SubElement(root, "entry")
            ET.SubElement(entry, "title").text = visit.title
            ET.SubElement(entry, "id").text = self.links.ident(page_path)
            link = {"rel": "alternate", "type": "text/html", "href": self.links.link(page_path, VISITS_FEED)}
            ET.SubElement(entry, "link", link)
            record = f"{EXPORT_DIR}/kunjungan/{visit.id}.json"
            json_link = {
                "rel": "alternate",
                "type": "application/json",
                "href": self.links.link(record, VISITS_FEED),
            }
            ET.SubElement(entry, "link", json_link)
            ET.SubElement(entry, "updated").text = _stamp(visit.date)
            author = ET.SubElement(entry, "author")
            ET.SubElement(author, "name").text = self.renderer.region_name(self.catalogue.regions[visit.host])
            ET.SubElement(entry, "summary").text = visit.summary
            label = vocabulary("visit-kinds").text(visit.kind, self.lang)
            ET.SubElement(entry, "category", {"term": visit.kind, "label": label})
        return _atom_bytes(root)

    def feed(self, rel: str, title: str, alternate: str, entries: list[Any]) -> bytes:
        root = self.feed_root(rel, title, alternate, entries[0][0][0] if entries else None)
        for (updated, published), innovation in entries:
            root.append(self.entry(rel, innovation, updated, published))
        return _atom_bytes(root)

    def feed_root(self, rel: str, title: str, alternate: str, newest: dt.date | None) -> ET.Element:
        """A feed's element with everything but its entries."""
        texts = settings()["feed"][self.lang]
        root = ET.Element("feed", {"xmlns": ATOM, "xml:lang": self.lang})
        ET.SubElement(root, "title").text = title
        ET.SubElement(root, "subtitle").text = texts["subtitle"]
        ET.SubElement(root, "id").text = self.links.ident(rel)
        ET.SubElement(
            root, "link", {"rel": "self", "type": "application/atom+xml", "href": self.links.link(rel, rel)}
        )
        ET.SubElement(
            root, "link", {"rel": "alternate", "type": "text/html", "href": self.links.page(alternate, rel)}
        )
        # An empty feed is still valid Atom; its date is the epoch rather than the build time.
        ET.SubElement(root, "updated").text = _stamp(newest or dt.date(1970, 1, 1))
        author = ET.SubElement(root, "author")
        ET.SubElement(author, "name").text = settings()["publisher"]
        licence = settings()["license"]
        ET.SubElement(root, "rights").text = f"{licence['name']} ({licence['url']})"
        return root

    def entry(
        self, rel: str, innovation: Innovation, updated: dt.date, published: dt.date | None
    ) -> ET.Element:
        region = self.catalogue.regions[innovation.region]
        page_path = self.links.url_of(paths.innovation(innovation.ref))
        entry = ET.Element("entry")
        ET.SubElement(entry, "title").text = innovation.title
        ET.SubElement(entry, "id").text = self.links.ident(page_path)
        ET.SubElement(
            entry, "link", {"rel": "alternate", "type": "text/html", "href": self.links.link(page_path, rel)}
        )
        if published is not None:
            ET.SubElement(entry, "published").text = _stamp(published)
        ET.SubElement(entry, "updated").text = _stamp(updated)
        author = ET.SubElement(entry, "author")
        ET.SubElement(author, "name").text = self.renderer.region_name(region)
        ET.SubElement(entry, "summary").text = innovation.summary
        for scheme, value in [("stages", innovation.stage), *(("affairs", a) for a in innovation.affairs)]:
            label = vocabulary(scheme).text(value, self.lang)
            ET.SubElement(entry, "category", {"term": value, "label": label})
        return entry


def _atom_bytes(root: ET.Element) -> bytes:
    ET.indent(root)
    return (
        b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode").encode() + b"\n"
    )

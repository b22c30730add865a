"""Charts and the learning network: the numbers drawn are the catalogue's numbers.

Each region page's charts are read back from the generated Markdown (the SVG with xml.etree, the
table alternative with a regex) and compared with counts made directly from the records. The
network's arrows and table are compared with the adoptions and replications of the records.
"""

from __future__ import annotations

import html
import math
import re
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.content.catalogue import Catalogue
from generator.content.check import load_catalogue
from generator.content.labels import labels
from generator.content.model import Innovation
from generator.content.vocab import vocabulary
from generator.site import paths
from generator.site.charts import BAR_WIDTH, bar_chart
from generator.site.network import NODE_RADIUS
from generator.site.pages import NETWORK_DRAWN_EDGES, NETWORK_TABLE_ROWS, REGION_NETWORK_EDGES, build_pages
from generator.site.relations import build_relations
from generator.site.render import PageRenderer

ROOT = Path(__file__).parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
CATALOGUES = {
    "site-visit": FIXTURES / "site-visit",
    "site-relations": FIXTURES / "site-relations",
    "shipped": ROOT,
}
_FIGURE = re.compile(
    r'<figure class="kid-chart" id="(?P<id>[^"]+)">\n<figcaption>(?P<caption>[^<]*)</figcaption>\n'
    r"(?P<svg><svg .*?</svg>)\n(?P<table><table .*?</table>)\n</figure>",
    re.S,
)
_NETWORK = re.compile(
    r'<figure class="kid-network" id="(?P<id>[^"]+)">\n(?P<svg><svg .*?</svg>)\n</figure>', re.S
)
_ROW = re.compile(r"<tr><td>([^<]*)</td><td>(\d+)</td></tr>")
_LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]+)\)")


def t(key: str) -> str:
    return str(labels()[key]["id"])


@dataclass(frozen=True)
class Chart:
    id: str
    caption: str
    svg: ET.Element
    table: list[tuple[str, int]]

    def texts(self, css_class: str) -> list[str]:
        return [el.text or "" for el in self.svg.iter("text") if el.get("class") == css_class]

    @property
    def drawn(self) -> list[tuple[str, int]]:
        """(label, number) as the SVG shows them."""
        return list(
            zip(self.texts("kid-chart__label"), map(int, self.texts("kid-chart__value")), strict=True)
        )


def charts_of(text: str) -> dict[str, Chart]:
    found = {}
    for match in _FIGURE.finditer(text):
        # Parsing as XML also proves the SVG well-formed (ParseError otherwise).
        svg = ET.fromstring(match["svg"])
        table = [(html.unescape(label), int(n)) for label, n in _ROW.findall(match["table"])]
        found[match["id"]] = Chart(match["id"], html.unescape(match["caption"]), svg, table)
    assert len(found) == text.count('<figure class="kid-chart"'), "a chart the pattern does not read"
    return found


@pytest.fixture(scope="module", params=sorted(CATALOGUES))
def site(request: pytest.FixtureRequest) -> tuple[Catalogue, dict[str, str]]:
    catalogue = load_catalogue(CATALOGUES[request.param])
    return catalogue, build_pages(catalogue)


def innovations_under(catalogue: Catalogue, region_id: str) -> list[Innovation]:
    """A region's own innovations, and for a province those of its kabupaten and kota too."""
    regions = catalogue.regions
    return [
        i
        for i in catalogue.innovations.values()
        if i.region == region_id or regions[i.region].province == region_id
    ]


def expected_rows(vocab: str, counts: Counter[str]) -> list[tuple[str, int]]:
    return [(vocabulary(vocab).text(v, "id"), counts[v]) for v in vocabulary(vocab).values if counts[v]]


def test_region_charts_count_the_catalogue(site: tuple[Catalogue, dict[str, str]]) -> None:
    catalogue, pages = site
    checked = 0
    for region in catalogue.regions.values():
        page = paths.region(region.id)
        if page not in pages:
            continue
        charts = charts_of(pages[page])
        innovations = innovations_under(catalogue, region.id)
        if not innovations:
            assert charts == {}, page
            continue
        stages = expected_rows("stages", Counter(i.stage for i in innovations))
        themes = expected_rows("themes", Counter(th for i in innovations for th in i.themes))
        stage_chart = charts[f"chart-stage-{region.id}"]
        assert stage_chart.table == stages, page
        assert stage_chart.drawn == stages, page
        assert sum(n for _, n in stage_chart.table) == len(innovations)
        theme_chart = charts.get(f"chart-theme-{region.id}")
        if themes:
            assert theme_chart is not None and theme_chart.table == themes and theme_chart.drawn == themes, (
                page
            )
        else:
            assert theme_chart is None, page
        checked += 1
    assert checked


def test_named_counts_of_the_visit_fixture() -> None:
    pages = build_pages(load_catalogue(CATALOGUES["site-visit"]))
    java = charts_of(pages[paths.region("provinsi-jawa-barat")])
    assert java["chart-stage-provinsi-jawa-barat"].table == [
        ("Inisiatif", 1),
        ("Uji coba", 1),
        ("Penerapan", 3),
    ]
    lampung = charts_of(pages[paths.region("provinsi-lampung")])
    assert lampung["chart-theme-provinsi-lampung"].table == [
        ("Digitalisasi layanan pemerintahan", 1),
        ("Reformasi birokrasi", 1),
        ("Penurunan stunting", 1),
        ("Kemudahan investasi", 1),
    ]
    metro = charts_of(pages[paths.region("kota-metro")])
    assert metro["chart-stage-kota-metro"].table == [("Penerapan", 1)]


def test_chart_svg_is_accessible_and_well_formed(site: tuple[Catalogue, dict[str, str]]) -> None:
    _, pages = site
    for page, text in pages.items():
        for chart in charts_of(text).values():
            svg = chart.svg
            assert svg.tag == "svg" and svg.get("role") == "img", page
            title = svg.find("title")
            assert title is not None and title.text == chart.caption, page
            assert svg.get("aria-labelledby") == title.get("id") == f"{chart.id}-title"
            _, _, width, height = map(float, (svg.get("viewBox") or "").split())
            bars = [el for el in svg.iter("rect") if el.get("class") == "kid-chart__bar"]
            assert len(bars) == len(chart.table)
            top = max(n for _, n in chart.table)
            for bar, (_, count) in zip(bars, chart.table, strict=True):
                # Bar lengths are proportional to the counts; the longest fills the bar area.
                assert int(bar.get("width") or 0) == max(round(BAR_WIDTH * count / top), 2)
                assert float(bar.get("y") or 0) + float(bar.get("height") or 0) <= height
            for el in svg.iter("text"):
                assert 0 <= float(el.get("x") or 0) <= width and 0 <= float(el.get("y") or 0) <= height


def test_chart_escapes_labels() -> None:
    figure = bar_chart('A <b> & "c"', [("<x>", 3), ("y & z", 1)], "chart-x", ("Label <", "Count"))
    chart = charts_of(str(figure))["chart-x"]
    assert chart.caption == 'A <b> & "c"'
    assert chart.drawn == chart.table == [("<x>", 3), ("y & z", 1)]
    assert "<b>" not in str(figure) and "<x>" not in str(figure)


def test_empty_chart_is_well_formed() -> None:
    chart = charts_of(str(bar_chart("Nothing", [], "chart-empty", ("a", "b"))))["chart-empty"]
    assert chart.table == [] and chart.drawn == []


# --- The learning network -----------------------------------------------------------------------


def expected_edges(catalogue: Catalogue) -> list[tuple[str, str, int]]:
    """Adoptions across regions, plus replications that are not already an adoption."""
    innovations = catalogue.innovations
    counts: Counter[tuple[str, str]] = Counter()
    for innovation in innovations.values():
        if innovation.adopted_from and innovation.adopted_from.split("/")[0] != innovation.region:
            counts[(innovation.adopted_from.split("/")[0], innovation.region)] += 1
        for replication in innovation.replications:
            copy = innovations.get(replication.innovation or "")
            if copy is None or copy.adopted_from != innovation.ref:
                counts[(innovation.region, replication.region)] += 1
    return sorted((a, b, n) for (a, b), n in counts.items())


def network_of(text: str) -> tuple[ET.Element, dict[str, tuple[float, float]]]:
    match = _NETWORK.search(text)
    assert match is not None
    svg = ET.fromstring(match["svg"])
    circles = list(svg.iter("circle"))
    labels_ = [el for el in svg.iter("text") if el.get("class") == "kid-network__label"]
    names = [html.unescape(el.text or "") for el in labels_]
    where = {
        name: (float(c.get("cx") or 0), float(c.get("cy") or 0))
        for name, c in zip(names, circles, strict=True)
    }
    return svg, where


def test_learning_edges_are_the_records_adoptions_and_replications(
    site: tuple[Catalogue, dict[str, str]],
) -> None:
    catalogue, _ = site
    assert build_relations(catalogue).learning_edges() == expected_edges(catalogue)


def test_named_edges_of_the_visit_fixture() -> None:
    catalogue = load_catalogue(CATALOGUES["site-visit"])
    assert build_relations(catalogue).learning_edges() == [
        # The done replication names its copy, whose adopted_from points back: counted once.
        ("kabupaten-sumedang", "kabupaten-lampung-selatan", 1),
        ("kabupaten-sumedang", "kota-bandung", 2),
        ("kabupaten-sumedang", "kota-metro", 1),
    ]


def all_edges(catalogue: Catalogue) -> list[tuple[str, str, int, str]]:
    """Every link of the network with how it came about: copies, then visits, as drawn apart."""
    relations = build_relations(catalogue)
    edges = [(*e, "copy") for e in relations.learning_edges()]
    return edges + [(*e, "visit") for e in relations.visit_edges()]


def test_network_page_draws_and_lists_every_edge(site: tuple[Catalogue, dict[str, str]]) -> None:
    catalogue, pages = site
    edges = all_edges(catalogue)
    text = pages[paths.NETWORK]
    if not edges:
        assert t("network_empty") in text and "<svg" not in text
        return
    name = PageRenderer("id").region_name
    svg, where = network_of(text)
    assert svg.get("role") == "img"
    title = svg.find("title")
    assert title is not None and title.text == t("network") and svg.get("aria-labelledby") == title.get("id")
    lines = list(svg.iter("line"))
    # Drawn busiest first (a large network draws only its busiest links).
    busiest = sorted(edges, key=lambda e: (-e[2], e[0], e[1], e[3]))
    drawn = busiest[:NETWORK_DRAWN_EDGES]
    assert len(lines) == len(drawn)
    for line, (source, target, count, how) in zip(lines, drawn, strict=True):
        # Visits are drawn apart (dashed by the stylesheet) from adoptions and replications.
        assert f"kid-network__edge--{how}" in (line.get("class") or "").split()
        # Each arrow starts on the copied region's dot and stops at the edge of the copier's dot.
        x1, y1, x2, y2 = (float(line.get(a) or 0) for a in ("x1", "y1", "x2", "y2"))
        assert (x1, y1) == pytest.approx(where[name(catalogue.regions[source])], abs=0.06)
        tx, ty = where[name(catalogue.regions[target])]
        assert math.hypot(tx - x2, ty - y2) == pytest.approx(NODE_RADIUS + 2, abs=0.2)
        assert line.get("stroke-width") == str(1 + min(count, 5))
    assert set(where) == {name(catalogue.regions[r]) for e in drawn for r in e[:2]}
    table = text.split(f"## {t('network_table')}", 1)[1]
    rows = [line for line in table.splitlines() if line.startswith("| [")]
    read = []
    for row in rows:
        (_, source), (_, target) = _LINK.findall(row)
        cells = [cell.strip() for cell in row.strip(" |").split("|")]
        read.append((source, target, int(cells[-1]), cells[-2]))
    expected = [
        (
            paths.relative(paths.region(a), paths.NETWORK),
            paths.relative(paths.region(b), paths.NETWORK),
            n,
            t(f"network_kind_{how}"),
        )
        for a, b, n, how in busiest[:NETWORK_TABLE_ROWS]
    ]
    assert sorted(read) == sorted(expected)
    # The busiest links first.
    assert [r[2] for r in read] == sorted((r[2] for r in read), reverse=True)


def test_region_network_page_shows_the_regions_own_edges(site: tuple[Catalogue, dict[str, str]]) -> None:
    catalogue, pages = site
    edges = all_edges(catalogue)
    for region in catalogue.regions.values():
        text = pages.get(paths.region(region.id))
        if text is None:
            continue
        own = [e for e in edges if region.id in e[:2]]
        network_page = paths.region_network(region.id)
        if not own:
            assert 'class="kid-network"' not in text
            assert network_page not in pages
            continue
        # The region page links to its network page, which draws every one of its links.
        assert f"]({paths.relative(network_page, paths.region(region.id))})" in text
        svg, _ = network_of(pages[network_page])
        assert len(list(svg.iter("line"))) == min(len(own), REGION_NETWORK_EDGES), region.id
        assert f'id="network-{region.id}-title"' in pages[network_page]
        rows = [line for line in pages[network_page].splitlines() if line.startswith("| [")]
        assert len(rows) == min(len(own), REGION_NETWORK_EDGES)

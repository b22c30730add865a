"""Small static SVG charts (built with the site, no client library), each with its numbers as text.

Charts are horizontal bars: long labels (theme names) stay readable on a phone. Every bar carries
its count as visible text, and the figure has a table alternative for screen readers and print.
"""

from __future__ import annotations

from markupsafe import Markup, escape

# Sized so that, drawn at the content width of a phone, the 13-unit text stays about 13 px.
BAR_HEIGHT = 20
GAP = 6
# The longest theme label ("Digitalisasi layanan pemerintahan") is about 195 units at 13 px; the
# bars give up the room, so the drawing keeps its width (and its text its size).
LABEL_WIDTH = 230
BAR_WIDTH = 120
NUMBER_WIDTH = 40


def bar_chart(title: str, rows: list[tuple[str, int]], chart_id: str, headers: tuple[str, str]) -> Markup:
    """A figure with an SVG bar chart of `rows` (label, count) and the same numbers as a table.

    Args:
        title: the chart's caption.
        rows: (label, count) pairs, in display order.
        chart_id: an id unique on the page (ASCII), for aria references.
        headers: column headers of the table alternative (label, count).
    """
    top = max((count for _, count in rows), default=0) or 1
    height = len(rows) * (BAR_HEIGHT + GAP) + GAP
    width = LABEL_WIDTH + BAR_WIDTH + NUMBER_WIDTH
    parts = [
        f'<svg class="kid-chart__svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title" focusable="false">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
    ]
    for index, (label, count) in enumerate(rows):
        y = GAP + index * (BAR_HEIGHT + GAP)
        bar = round(BAR_WIDTH * count / top)
        middle = y + BAR_HEIGHT // 2 + 5
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{middle}" text-anchor="end" class="kid-chart__label">{escape(label)}</text>'
        )
        parts.append(
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{max(bar, 2)}" height="{BAR_HEIGHT}" class="kid-chart__bar"/>'
        )
        parts.append(
            f'<text x="{LABEL_WIDTH + bar + 6}" y="{middle}" class="kid-chart__value">{count}</text>'
        )
    parts.append("</svg>")
    table = [
        '<table class="kid-chart__table">',
        f'<thead><tr><th scope="col">{escape(headers[0])}</th><th scope="col">{escape(headers[1])}</th></tr></thead>',
        "<tbody>",
        *(f"<tr><td>{escape(label)}</td><td>{count}</td></tr>" for label, count in rows),
        "</tbody></table>",
    ]
    return Markup(
        f'<figure class="kid-chart" id="{chart_id}">\n'
        f"<figcaption>{escape(title)}</figcaption>\n" + "".join(parts) + "\n" + "".join(table) + "\n</figure>"
    )

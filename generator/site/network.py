"""The replication network (who learned from whom) as a static SVG, with a table alternative.

Regions sit on a circle in a fixed order (by Kemendagri code), so the drawing is deterministic and
needs no layout library; an arrow points from the region that was copied to the one that copied.
"""

from __future__ import annotations

import math

from markupsafe import Markup, escape

# Wide enough for region names on both sides of the circle.
WIDTH = 760
HEIGHT = 440
RADIUS = 170
NODE_RADIUS = 7
# Beyond this many regions the circle gets too crowded to label; the table still lists every edge.
MAX_LABELLED_NODES = 40


def network_svg(
    title: str, nodes: list[tuple[str, str]], edges: list[tuple[str, str, int, str]], chart_id: str
) -> Markup:
    """An SVG of `edges` (from id, to id, count, how: "copy" or "visit") between `nodes` (id, label),
    in the given order; visits are drawn dashed (kid-network__edge--visit)."""
    centre_x, centre_y = WIDTH / 2, HEIGHT / 2
    position = {}
    for index, (node_id, _) in enumerate(nodes):
        angle = 2 * math.pi * index / max(len(nodes), 1) - math.pi / 2
        position[node_id] = (centre_x + RADIUS * math.cos(angle), centre_y + RADIUS * math.sin(angle))
    parts = [
        f'<svg class="kid-network__svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-title" focusable="false">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<defs><marker id="{chart_id}-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="kid-network__head"/>'
        "</marker></defs>",
        # Every line ends in the arrow: marker-end is inherited, so it is said once, not per line.
        f'<g marker-end="url(#{chart_id}-arrow)">',
    ]
    for source, target, count, how in edges:
        (x1, y1), (x2, y2) = position[source], position[target]
        length = math.hypot(x2 - x1, y2 - y1) or 1
        # Stop the arrow at the edge of the target's dot.
        x2 -= (x2 - x1) / length * (NODE_RADIUS + 2)
        y2 -= (y2 - y1) / length * (NODE_RADIUS + 2)
        parts.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            f'class="kid-network__edge kid-network__edge--{how}" '
            f'stroke-width="{1 + min(count, 5)}"/>'
        )
    parts.append("</g>")
    labelled = len(nodes) <= MAX_LABELLED_NODES
    for node_id, label in nodes:
        x, y = position[node_id]
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{NODE_RADIUS}" class="kid-network__node"/>')
        if labelled:
            anchor = "start" if x >= centre_x else "end"
            dx = 12 if x >= centre_x else -12
            parts.append(
                f'<text x="{x + dx:.1f}" y="{y + 4:.1f}" text-anchor="{anchor}" class="kid-network__label">'
                f"{escape(label)}</text>"
            )
    parts.append("</svg>")
    return Markup(f'<figure class="kid-network" id="{chart_id}">\n' + "".join(parts) + "\n</figure>")

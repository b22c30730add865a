"""Links to anchors (`page.md#part`) checked once every process of a parallel build has rendered.

MkDocs checks such a link after writing every page, against the anchors of the target page as the
same process rendered it; a page that another process rendered has none there, and the link passes
unchecked. So each process takes from every page it renders its anchors and its links to anchors,
leaving MkDocs' own check nothing; the parent gathers them all and checks every link once, with
MkDocs' message and level (`validation: anchors:`), page after page in MkDocs' order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from mkdocs.structure import pages as mkdocs_pages


@dataclass
class AnchorLinks:
    """The anchors of the pages rendered, and those pages' links to anchors, by source path."""

    anchors: dict[str, frozenset[str]] = field(default_factory=dict)
    # Linking page → linked page → anchor → the link as written.
    links: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)

    def take(self, page: Any) -> None:
        """Keep what the check needs of `page`, just rendered, and take its links from MkDocs' check."""
        if page.present_anchor_ids is not None:
            self.anchors[page.file.src_uri] = frozenset(page.present_anchor_ids)
        if page.links_to_anchors:
            self.links[page.file.src_uri] = {
                target.src_uri: dict(links) for target, links in page.links_to_anchors.items()
            }
        page.links_to_anchors = None

    def add(self, other: AnchorLinks) -> None:
        """Add what another process took (pages every process renders come with the same values)."""
        self.anchors.update(other.anchors)
        self.links.update(other.links)

    def check(self, order: Iterable[str], level: int) -> None:
        """Log, at `level`, each link to an anchor that its page lacks, as MkDocs 1.6 words it
        (`Page.validate_anchor_links`), for the linking pages in `order`."""
        for source in order:
            for target, links in self.links.get(source, {}).items():
                present = self.anchors.get(target)
                if present is None:  # not a page, or not rendered (kept by a dirty build): unchecked
                    continue
                for anchor, link in links.items():
                    if anchor not in present:
                        mkdocs_pages.log.log(
                            level,
                            f"Doc file '{source}' contains a link '{link}', but {_problem(source, target, anchor)}.",
                        )


def _problem(source: str, target: str, anchor: str) -> str:
    if target != source:
        return f"the doc '{target}' does not contain an anchor '#{anchor}'"
    if anchor.startswith("fnref:"):
        return "there is no such anchor on this page. This seems to be a footnote that is never referenced"
    return "there is no such anchor on this page"

"""A contributor's preview of one record: its page and the pages of its region that list it.

Checking and building a national catalogue takes minutes; a contributor who edits one file wants
to see that record now. The preview reads only what those pages are made of: every region and
agreement (a few hundred files), the innovations of the record's region, the innovations they
name and those that name them. Its cost follows the size of one region, not of the catalogue;
the next preview reuses the outcomes of the files that did not change (`stored_outcomes`), so
that only the edited record is checked again, however large its region.

Innovations from outside that set keep only their references inside it; their own pages and the
catalogue-wide lists (themes, tags, indexes, the home page) are not built, as they would be
incomplete. The record's own page is the page a full build writes.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..content.catalogue import Catalogue
from ..content.check import CheckResult, check
from ..content.file_checks import FileCache
from ..content.files import AGREEMENTS_DIR, INNOVATIONS_DIR, REGIONS_DIR, VISITS_DIR
from ..content.labels import labels
from ..content.load import FileTooLarge, read_bytes
from ..content.model import Agreement, Innovation, Region, Visit
from ..content.problems import Problem
from ..content.stored_outcomes import StoredFileCache
from ..content.valid_part import without_broken
from ..site import paths
from ..site.briefs import MAX_BRIEF_PARTIES
from ..site.page_inputs import pages_showing
from ..site.pages import DEFAULT_STALE_AFTER_DAYS, PagePlan, plan_record_pages

# A reference to another innovation, as a YAML value: `region-id/innovation-id`.
_REF = re.compile(rb"\b([a-z0-9]+(?:-[a-z0-9]+)*/[a-z0-9]+(?:-[a-z0-9]+)*)\b")


# Where a preview keeps the outcomes of the files it checked, for the next preview.
OUTCOMES_DIR = Path(".cache/katalog/preview")


class PreviewError(ValueError):
    """The path is not a record file of the catalogue."""


@dataclass(frozen=True, slots=True)
class Record:
    """The previewed record: its kind, its key and the record key its page version goes by."""

    kind: type
    key: str

    @property
    def version_key(self) -> str:
        if self.kind is Agreement:
            return f"{AGREEMENTS_DIR}/{self.key}"
        return f"{VISITS_DIR}/{self.key}" if self.kind is Visit else self.key

    @property
    def page(self) -> str:
        """The record's own page."""
        if self.kind is Innovation:
            return paths.innovation(self.key)
        if self.kind is Visit:
            return paths.visit(self.key)
        return paths.region(self.key) if self.kind is Region else paths.agreement(self.key)

    @property
    def region(self) -> str | None:
        if self.kind is Innovation:
            return self.key.partition("/")[0]
        return self.key if self.kind is Region else None


@dataclass(slots=True)
class Preview:
    """What the preview found: the check of the files it read, and the pages to build."""

    record: Record
    result: CheckResult
    pages: PagePlan
    # What the pages are written from: the records read, with references beyond them left out.
    catalogue: Catalogue | None = None
    # The problems of the files read that are not valid yet, left out (`valid_part`).
    left_out: list[Problem] = dataclasses.field(default_factory=list)


def record_of(root: Path, file: Path) -> Record:
    """The record a content file holds, from its place under `root`."""
    try:
        rel = file.resolve().relative_to(root.resolve()).parts
    except ValueError as error:
        raise PreviewError(f"{file} is not inside the catalogue folder {root}") from error
    if not rel or not rel[-1].endswith(".yml"):
        raise PreviewError(f"{file} is not a record file (a .yml file under {REGIONS_DIR}/, …)")
    stem = rel[-1].removesuffix(".yml")
    if len(rel) == 3 and rel[0] == INNOVATIONS_DIR:
        return Record(Innovation, f"{rel[1]}/{stem}")
    if len(rel) == 2 and rel[0] == REGIONS_DIR:
        return Record(Region, stem)
    if len(rel) == 2 and rel[0] == AGREEMENTS_DIR:
        return Record(Agreement, stem)
    if len(rel) == 2 and rel[0] == VISITS_DIR:
        return Record(Visit, stem)
    raise PreviewError(
        f"{file} is not a record file: records are {REGIONS_DIR}/<id>.yml, "
        f"{INNOVATIONS_DIR}/<region-id>/<id>.yml, {AGREEMENTS_DIR}/<id>.yml and {VISITS_DIR}/<id>.yml"
    )


def preview(
    root: Path,
    file: Path,
    lang: str = "id",
    stale_after_days: int = DEFAULT_STALE_AFTER_DAYS,
    site_url: str = "",
) -> Preview:
    """Check what the record's pages are made of and plan those pages (none when it has errors);
    `site_url` as for `plan_pages`."""
    record = record_of(root, file)
    if not file.is_file():
        raise PreviewError(f"{file} does not exist")
    cache = StoredFileCache(root, root / OUTCOMES_DIR)
    wanted = _core(root, record, cache)

    def read(kind: type, key: str) -> bool:
        return kind is not Innovation or key in wanted

    result = check(root, cache=cache, only=read, positions=False)
    itself = frozenset({file.resolve().relative_to(root.resolve()).as_posix()})
    result, left_out = without_broken(root, result, keep=itself, only=read, cache=cache, positions=False)
    cache.save()
    if result.catalogue is None:
        return Preview(record, result, {}, left_out=left_out)
    catalogue = _closed(result.catalogue)
    if record.kind is Agreement:
        plan = plan_record_pages(
            catalogue, lang, stale_after_days, agreements=[record.key], site_url=site_url
        )
    elif record.kind is Visit:
        plan = plan_record_pages(catalogue, lang, stale_after_days, visits=[record.key], site_url=site_url)
    else:
        own = [record.key] if record.kind is Innovation else []
        region = [record.region] if record.region is not None else []
        plan = plan_record_pages(
            catalogue, lang, stale_after_days, innovations=own, regions=region, site_url=site_url
        )
    return Preview(record, result, _showing(plan, catalogue, record), catalogue, left_out)


def _core(root: Path, record: Record, cache: FileCache) -> set[str]:
    """The innovations to read: the region's (or the agreement's parties'), and one step out."""
    regions: set[str] = set()
    named: set[str] = set()
    if record.kind in (Agreement, Visit):
        first = check(root, jobs=1, cache=cache, only=lambda kind, key: kind is not Innovation)
        agreement = first.catalogue.agreements.get(record.key) if first.catalogue else None
        if record.kind is Agreement and agreement is not None:
            if len(agreement.parties) <= MAX_BRIEF_PARTIES:
                regions.update(agreement.parties)
            named.update(agreement.innovations)
        visit = first.catalogue.visits.get(record.key) if first.catalogue else None
        if record.kind is Visit and visit is not None:
            # Their innovations decide which visit briefs the visit's page links.
            regions.update(visit.regions)
            named.update(visit.innovations)
    elif record.region is not None:
        regions.add(record.region)
    return _scan(root, regions, named)


def _scan(root: Path, regions: set[str], named: set[str]) -> set[str]:
    """One read of the innovation files: those of `regions`, and `named`, with what they name
    (one step out: the record's "adopted by" and "related" lists come from other files), and
    those whose text mentions one of `regions` (they adopted from it, replicated there…). A scan
    of the text is far quicker than parsing every file, and a superset is harmless."""
    needles = [region.encode() for region in sorted(regions)]
    wanted: set[str] = set()
    keys: set[str] = set()
    refs: set[str] = set()
    for folder in _plain_entries(root / INNOVATIONS_DIR, dirs=True):
        own = folder.name in regions
        for file in _plain_entries(Path(folder.path), dirs=False):
            if not file.name.endswith(".yml"):
                continue
            key = f"{folder.name}/{file.name.removesuffix('.yml')}"
            keys.add(key)
            if not (own or needles or key in named):
                continue
            mine = own or key in named
            if mine:
                wanted.add(key)
            try:
                text = read_bytes(file.path)
            except (OSError, FileTooLarge):
                continue  # the check reports it when it is one of the region's
            if mine:
                refs.update(_named(text))
            elif any(needle in text for needle in needles):
                wanted.add(key)
    return wanted | (refs & keys)


def _named(text: bytes) -> list[str]:
    """What a file's text names as `region/innovation`, read only from the lines with a "/" in
    them (a long description has few): the pattern is slow to try at every word. Comment lines say
    nothing of what a record names (a new file's template quotes examples); a comment after a value
    is rare in content and harmless to read."""
    lines = []
    at = text.find(b"/")
    while at != -1:
        start = text.rfind(b"\n", 0, at) + 1
        end = text.find(b"\n", at)
        end = len(text) if end == -1 else end
        line = text[start:end]
        if not line.lstrip().startswith(b"#"):
            lines.append(line)
        at = text.find(b"/", end)
    return [ref.decode() for ref in _REF.findall(b"\n".join(lines))]


def _plain_entries(folder: Path, dirs: bool) -> list[os.DirEntry[str]]:
    """A folder's sub-folders or files, never through a symbolic link (the checker refuses those)."""
    if not folder.is_dir() or folder.is_symlink():
        return []
    with os.scandir(folder) as entries:
        return [
            e
            for e in entries
            if not e.is_symlink()
            and (e.is_dir(follow_symlinks=False) if dirs else e.is_file(follow_symlinks=False))
        ]


def _closed(catalogue: Catalogue) -> Catalogue:
    """The catalogue with every reference to an innovation it does not hold left out."""
    held = catalogue.innovations

    def kept(refs: Iterable[str]) -> tuple[str, ...]:
        return tuple(ref for ref in refs if ref in held)

    def inside(innovation: Innovation) -> Innovation:
        if _names_only(innovation, held):
            return innovation  # most of them: a copy of each would be a tenth of the preview
        replications = tuple(
            r if r.innovation is None or r.innovation in held else dataclasses.replace(r, innovation=None)
            for r in innovation.replications
        )
        return dataclasses.replace(
            innovation,
            adopted_from=innovation.adopted_from if innovation.adopted_from in held else None,
            replaced_by=innovation.replaced_by if innovation.replaced_by in held else None,
            related=kept(innovation.related),
            replications=replications,
        )

    return Catalogue(
        regions=catalogue.regions,
        innovations={key: inside(i) for key, i in held.items()},
        agreements={
            key: dataclasses.replace(a, innovations=kept(a.innovations))
            for key, a in catalogue.agreements.items()
        },
        visits={
            key: dataclasses.replace(v, innovations=kept(v.innovations))
            for key, v in catalogue.visits.items()
        },
        sources=catalogue.sources,
    )


def _names_only(innovation: Innovation, held: Mapping[str, Innovation]) -> bool:
    """Whether every innovation `innovation` names is in `held`."""
    named = [innovation.adopted_from, innovation.replaced_by, *innovation.related]
    named += [r.innovation for r in innovation.replications]
    return all(ref is None or ref in held for ref in named)


def _showing(plan: PagePlan, catalogue: Catalogue, record: Record) -> PagePlan:
    """The pages in the record's scope that show it: those whose inputs change with its version."""
    scope = _scope(record)
    within = {path: page for path, page in plan.items() if path.startswith(scope)}
    return {path: within[path] for path in pages_showing(within, catalogue, record.version_key)}


def _scope(record: Record) -> tuple[str, ...]:
    """Pages whose content the preview reads: the region's, or the agreement's (its page and the
    visit briefs of its parties, the only pages its plan holds under `kunjungan/`)."""
    if record.kind is Agreement:
        return (paths.agreement(record.key).removesuffix("index.md"), "kunjungan/")
    if record.kind is Visit:
        return (paths.visit(record.key),)
    region = record.region
    assert region is not None
    own = (paths.region(region), f"daerah/{region}/", f"perangkat-daerah/{region}/")
    return (paths.innovation(record.key), *own) if record.kind is Innovation else own


def preview_notice(markdown: str, pages: int, lang: str) -> str:
    """`markdown` with a notice under its title that the page is part of a preview."""
    text = labels()
    notice = (
        f'!!! warning "{text["preview_title"][lang]}"\n    {text["preview_notice"][lang].format(n=pages)}\n'
    )
    lines = markdown.split("\n")
    at = next((n + 1 for n, line in enumerate(lines) if line.startswith("# ")), 0)
    return "\n".join([*lines[:at], "", notice, *lines[at:]])

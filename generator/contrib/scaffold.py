"""`katalog new`: a commented template for a new region, innovation, agreement or visit file.

The template lists every field of the model in declaration order (the order `katalog fix` keeps):
required ones as empty keys to fill in, optional ones commented out. Above each key stands what it
means (`data/fields.yml`), its allowed values (Indonesian label first, then the value to write) and
an example. The first line associates the schema, so editors complete fields and values.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..content.check_regions import REGION_ID_PREFIX
from ..content.fields import FieldInfo, input_fields
from ..content.files import AGREEMENTS_DIR, INNOVATIONS_DIR, REGIONS_DIR, VISITS_DIR, find_files, suggest_id
from ..content.load import Mapping, Scalar, Sequence, load_file
from ..content.model import Agreement, Innovation, Region, Visit
from ..content.validate import ID_PATTERN, closest
from ..content.vocab import LANGS, vocabulary
from .field_guide import example, guide, inline, meaning

KINDS = {"region": Region, "innovation": Innovation, "agreement": Agreement, "visit": Visit}
# Shortened type words people write for a region's type, and the prefix they mean.
_TYPE_ALIASES = {"kab": "kabupaten-", "kabupaten": "kabupaten-", "kota": "kota-", "prov": "provinsi-"}


class Refused(Exception):
    """`katalog new` will not write the file; `key` and `params` say why (`data/messages.yml`)."""

    def __init__(self, key: str, **args: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = args


@dataclass(frozen=True, slots=True)
class NewFile:
    """A template ready to be written: its path relative to the root, and its text."""

    rel: str
    text: str


def plan(kind: str, root: Path, ident: str, region: str | None = None) -> NewFile:
    """The new file for `kind` ("region", "innovation", "agreement", "visit").

    Raises:
        Refused: a bad id, an unknown region, a region id without its type, or an existing file.
    """
    files = find_files(root)
    if kind == "innovation":
        assert region is not None
        if region not in files.regions:
            suggestions = closest(region, list(files.regions)) or closest(
                suggest_id(region), list(files.regions)
            )
            raise Refused("new-unknown-region", value=region, suggestions=", ".join(suggestions) or "-")
    if not ID_PATTERN.fullmatch(ident):
        suggestion = suggest_id(ident)
        if kind == "region":
            suggestion = _with_prefix(suggestion)
        raise Refused("new-bad-id", value=ident, suggestion=suggestion)
    if kind == "region" and not ident.startswith(tuple(REGION_ID_PREFIX.values())):
        raise Refused("new-region-prefix", value=ident, suggestion=_with_prefix(ident))
    if kind == "region":
        rel = f"{REGIONS_DIR}/{ident}.yml"
    elif kind == "innovation":
        rel = f"{INNOVATIONS_DIR}/{region}/{ident}.yml"
    elif kind == "visit":
        rel = f"{VISITS_DIR}/{ident}.yml"
    else:
        rel = f"{AGREEMENTS_DIR}/{ident}.yml"
    if (root / rel).exists() or (root / rel).is_symlink():
        raise Refused("new-exists", path=rel)
    return NewFile(rel, template(kind, root, rel, ident, region))


def write(root: Path, new: NewFile) -> Path:
    """Write the template; never replaces a file (exclusive creation)."""
    path = root / new.rel
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8", newline="\n") as handle:
        handle.write(new.text)
    return path


def _with_prefix(ident: str) -> str:
    """The id with its region type in front, as well as it can be guessed."""
    first, _, rest = ident.partition("-")
    if first in _TYPE_ALIASES and rest:
        return _TYPE_ALIASES[first] + rest
    return f"kabupaten-{ident}, kota-{ident}"


def template(kind: str, root: Path, rel: str, ident: str, region: str | None) -> str:
    """The commented YAML text of a new file of `kind`."""
    cls = KINDS[kind]
    words = guide()["template"]
    schema = posixpath.relpath(f"schemas/{kind}.schema.json", posixpath.dirname(rel))
    ref = f"{region}/{ident}" if kind == "innovation" else ident
    lines = [f"# yaml-language-server: $schema={schema}"]
    for lang in LANGS:
        title = words["titles"][kind][lang].format(ref=ref)
        lines += [f"# {line}" for line in words["header"][lang].format(title=title).splitlines()]
    context = _Context(root, kind, ident, region)
    for info in input_fields(cls).values():
        lines += ["", *_block(cls, info, context)]
    return "\n".join(lines) + "\n"


class _Context:
    """What the catalogue adds to a template: the region's agencies, the provinces."""

    def __init__(self, root: Path, kind: str, ident: str, region: str | None) -> None:
        self.root = root
        self.kind = kind
        self.ident = ident
        self.region = region

    def region_type(self) -> str | None:
        for region_type, prefix in REGION_ID_PREFIX.items():
            if self.kind == "region" and self.ident.startswith(prefix):
                return region_type
        return None

    def named_items(self, rel: str, field: str | None) -> list[tuple[str, str]]:
        """(name, id) of the agencies in a region file (`field` "agencies"), or of the file itself."""
        loaded = load_file(self.root / rel, rel)
        if not isinstance(loaded.root, Mapping):
            return []
        if field is None:
            return [(_text(loaded.root, "name"), Path(rel).stem)]
        node = loaded.root.pairs.get(field, (None, None))[1]
        items = node.items if isinstance(node, Sequence) else []
        return [
            (_text(i, "name"), _text(i, "id")) for i in items if isinstance(i, Mapping) and _text(i, "id")
        ]

    def provinces(self) -> list[tuple[str, str]]:
        folder = self.root / REGIONS_DIR
        names = sorted(p.name for p in folder.glob("provinsi-*.yml")) if folder.is_dir() else []
        return [item for name in names for item in self.named_items(f"{REGIONS_DIR}/{name}", None)]


def _text(node: Mapping, key: str) -> str:
    value = node.pairs.get(key, (None, None))[1]
    return value.value if isinstance(value, Scalar) else ""


def _help(owner: type, info: FieldInfo, marker: bool = True) -> list[str]:
    words = guide()["template"]
    status = "required" if info.required else "optional"
    lines = []
    for lang in LANGS:
        prefix = f"{words[status][lang]}. " if marker else ""
        lines.append(f"# {prefix}{meaning(owner, info.name, lang)}".rstrip())
    return lines


def _choices(info: FieldInfo, indent: str = "") -> list[str]:
    if info.vocab is None:
        return []
    vocab = vocabulary(info.vocab)
    lines = [f"# {indent}{vocab.label['id']} / {vocab.label['en']}:"]
    return lines + [f"# {indent}  {labels['id']}: {value}" for value, labels in vocab.values.items()]


def _named_list(title: dict[str, str], items: list[tuple[str, str]], **args: str) -> list[str]:
    heading = " / ".join(title[lang].format(**args) for lang in LANGS)
    return [f"# {heading}:", *(f"#   {name or '-'}: {ident}" for name, ident in items)]


def _example(owner: type, info: FieldInfo) -> list[str]:
    value = example(owner, info)
    if value is None:
        return []
    words = guide()["template"]["example"]
    return [f"# {words['id']} / {words['en']}: {info.name}: {inline(value)}"]


def _block(owner: type, info: FieldInfo, context: _Context) -> list[str]:
    """The comment lines and the key line of one top-level field."""
    words = guide()["template"]
    if owner is Region and info.name == "province" and context.region_type() in ("kabupaten", "kota"):
        info = replace(info, required=True)  # the checker's rule for every kabupaten and kota
    lines = _help(owner, info)
    if info.record is not None:
        return lines + _record_skeleton(info)
    lines += _choices(info)
    if owner is Innovation and info.name == "agencies" and context.region is not None:
        items = context.named_items(f"{REGIONS_DIR}/{context.region}.yml", "agencies")
        if items:
            lines += _named_list(words["agencies_of"], items, region=context.region)
        else:
            lines += [f"# {words['no_agencies'][lang].format(region=context.region)}" for lang in LANGS]
    if owner is Region and info.name == "province" and context.region_type() != "provinsi":
        lines += _named_list(words["provinces"], context.provinces())
    lines += _example(owner, info)
    if owner is Region and info.name == "type" and context.region_type() is not None:
        from_id = " / ".join(words["from_id"][lang] for lang in LANGS)
        return [*lines, f"type: {context.region_type()}  # {from_id}"]
    if owner is Region and info.name == "province":
        # Required of every kabupaten and kota (the checker's rule), never written for a province.
        if context.region_type() == "provinsi":
            return []
        return [*lines, "province:"]
    return [*lines, f"{info.name}:" if info.required else f"# {info.name}:"]


def _record_skeleton(info: FieldInfo) -> list[str]:
    """A nested record (or list of them) with its fields, commented out unless required."""
    assert info.record is not None
    comment = "" if info.required else "# "
    lines = []
    for sub in input_fields(info.record).values():
        status = guide()["template"]["required" if sub.required else "optional"]
        texts = " / ".join(meaning(info.record, sub.name, lang) for lang in LANGS)
        lines.append(f"#   {sub.name} ({status['id'].lower()}/{status['en'].lower()}): {texts}".rstrip())
        lines += _choices(sub, indent="    ")
    lines.append(f"{comment}{info.name}:")
    subs = list(input_fields(info.record))
    for index, sub_name in enumerate(subs):
        lead = ("  - " if index == 0 else "    ") if info.is_list else "  "
        lines.append(f"{comment}{lead}{sub_name}:")
    return lines

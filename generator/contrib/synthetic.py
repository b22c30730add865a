"""A synthetic national catalogue for benchmarks and size budgets. Deterministic from a seed.

Real regions (the registry in `regions/`) get synthetic agencies, innovations (with the fields a
real record has: problem, beneficiaries, now and then a cost, an award, documents), agreements,
visits, adoptions and replications. Every record passes the checker. The texts are clearly
synthetic ("Inovasi contoh …") and are never shipped as content. Three shapes can be chosen
(`Shape`), so that a benchmark can show what a different catalogue costs:

- `spread`: how innovations fall over the regions. "zipf" (the default): a few regions submit many,
  most a few; "steep": a power law so steep that a few regions hold thousands (a region importing
  its whole Indeks Inovasi Daerah list at once); "even": about the same everywhere.
- `titles`: "mixed" (the default): most titles differ, a third repeat a pattern with a village,
  district, school or year in it, as real lists do ("Posyandu Digital Desa Cibeureum"); "varied":
  no patterns; "look-alike": every title a pattern. A few entries in each are the same innovation
  entered twice with a typo, as a reviewer would want to be told.
- `text`: "mixed" (the default): most descriptions a paragraph, some many; "long": several hundred
  words in a few paragraphs with a list and emphasis, as the Indeks form asks; "short": one
  sentence.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..content.vocab import vocabulary

_WORDS = [
    "layanan",
    "digital",
    "terpadu",
    "data",
    "desa",
    "sehat",
    "cerdas",
    "cepat",
    "mandiri",
    "aman",
    "tanggap",
    "warga",
    "online",
    "pintar",
    "satu",
    "pintu",
    "antrean",
    "keliling",
    "terbuka",
    "kolaborasi",
    "aduan",
    "publik",
    "izin",
    "pangan",
    "sekolah",
    "posyandu",
    "stunting",
    "pajak",
    "arsip",
    "peta",
    "bencana",
    "air",
    "jalan",
    "pasar",
    "UMKM",
    "nelayan",
    "petani",
    "kader",
]
_SENTENCE = (
    "Inovasi contoh ini {verb} {object} bagi warga {region} melalui {means}, "
    "dengan melibatkan perangkat daerah dan masyarakat."
)
_VERBS = ("mempercepat", "mempermudah", "mendekatkan", "menyatukan", "memantau", "memperbaiki")
_OBJECTS = ("layanan administrasi", "pelayanan kesehatan", "pengaduan", "perizinan", "data kependudukan")
_MEANS = ("aplikasi ponsel", "loket keliling", "pusat data", "kader desa", "layanan daring")
# Most regions run a handful of agency kinds in the catalogue; a few run many.
_AGENCY_KINDS_PER_REGION = (6, 18)
# Programmes that real lists repeat, each for many places, schools or years.
_PROGRAMMES = (
    "Posyandu Digital",
    "Gerakan Literasi",
    "Pelayanan Adminduk Keliling",
    "Sekolah Ramah Anak",
    "Kampung Tangguh Bencana",
    "Bank Sampah",
    "Desa Wisata Cerdas",
    "Pasar Sehat",
    "Rumah Gizi",
    "Klinik UMKM",
)
_PLACE_KINDS = ("Desa", "Kelurahan", "Kecamatan", "SDN", "Puskesmas")
_SYLLABLES = ("ci", "su", "ka", "ma", "ja", "ti", "ra", "wa", "li", "ga", "se", "no", "ha", "ku", "pa")
_ENDINGS = ("beureum", "keruh", "roke", "maju", "luyu", "pacing", "mulya", "sari", "galih", "manah", "jaya")
# Shares of the texts' shapes: titles that repeat a pattern, entries entered twice with a typo.
_PATTERN_SHARE = {"varied": 0.0, "mixed": 0.33, "look-alike": 1.0}
_TYPO_COPY_SHARE = 0.002
# Power-law exponents of the region sizes: 1/rank^exponent.
_SPREAD = {"even": 0.0, "zipf": 0.8, "steep": 1.6}
# Paragraphs of a description, drawn per record.
_PARAGRAPHS = {"short": (0,), "mixed": (1, 1, 2, 3, 8), "long": (3, 4, 5, 6)}


@dataclass(frozen=True)
class Shape:
    """The shape of a synthetic catalogue (see the module's docstring)."""

    spread: str = "zipf"
    titles: str = "mixed"
    text: str = "mixed"

    def __post_init__(self) -> None:
        for name, allowed in (("spread", _SPREAD), ("titles", _PATTERN_SHARE), ("text", _PARAGRAPHS)):
            if getattr(self, name) not in allowed:
                raise ValueError(f"{name} must be one of {', '.join(allowed)}")

    @property
    def name(self) -> str:
        return f"{self.spread}/{self.titles}/{self.text}"


def _region_records(source: Path) -> dict[str, dict[str, Any]]:
    regions = {}
    for path in sorted((source / "regions").glob("*.yml")):
        regions[path.stem] = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    return regions


def _title(rng: random.Random, index: int, pattern_share: float) -> str:
    if rng.random() < pattern_share:
        place = "".join(rng.sample(_SYLLABLES, rng.randint(1, 2))) + rng.choice(_ENDINGS)
        kind = rng.choice(_PLACE_KINDS)
        if kind == "SDN":
            place = f"{rng.randint(1, 12)} {place}"
        suffix = f" {rng.randint(2019, 2025)}" if rng.random() < 0.3 else ""
        return f"{rng.choice(_PROGRAMMES)} {kind} {place.title()}{suffix}"
    words = rng.sample(_WORDS, rng.randint(2, 4))
    return f"Inovasi contoh {' '.join(words).title()} {index}"


def _place(title: str) -> str:
    """The place a programme's title names ("Desa Cibeureum"), or "" for another title."""
    for kind in _PLACE_KINDS:
        head, found, place = title.partition(f" {kind} ")
        if found and head in _PROGRAMMES:
            return f"{kind} {place}"
    return ""


def _typo(title: str, rng: random.Random) -> str:
    """The title as typed again in a hurry: one letter of a long word left out."""
    words = title.split()
    long = [n for n, word in enumerate(words) if len(word) >= 6 and word.isalpha()]
    if not long:
        return title + "."
    n = rng.choice(long)
    cut = rng.randint(1, len(words[n]) - 2)
    words[n] = words[n][:cut] + words[n][cut + 1 :]
    return " ".join(words)


def _paragraphs(rng: random.Random, region: str, count: int, long: bool = False) -> str:
    text = []
    if long:  # what the Indeks form asks for reads like this: steps, then several paragraphs
        text.append(
            "Langkah utamanya:\n\n"
            + "\n".join(f"- **{rng.choice(_VERBS).title()}** {rng.choice(_OBJECTS)}" for _ in range(3))
        )
    for _ in range(count):
        sentences = [
            _SENTENCE.format(
                verb=rng.choice(_VERBS), object=rng.choice(_OBJECTS), region=region, means=rng.choice(_MEANS)
            )
            for _ in range(rng.randint(6, 9) if long else rng.randint(2, 5))
        ]
        text.append(" ".join(sentences))
    return "\n\n".join(text) + "\n"


def _date(rng: random.Random, start: int = 2015, end: int = 2025) -> dt.date:
    return dt.date(rng.randint(start, end), rng.randint(1, 12), rng.randint(1, 28))


def write_synthetic_catalogue(
    source: Path, out: Path, count: int, seed: int = 1, shape: Shape = Shape()
) -> dict[str, int]:
    """Write a catalogue of `count` innovations over the regions of `source` into `out`.

    Returns counts of what was written (regions, agencies, innovations, agreements, visits).
    """
    rng = random.Random(seed)
    regions = _region_records(source)
    kab_kota = sorted(r for r, data in regions.items() if data.get("type") != "provinsi")
    if not kab_kota:
        raise ValueError(f"{source}/regions has no kabupaten or kota to spread innovations over")
    if out.exists():
        shutil.rmtree(out)
    (out / "regions").mkdir(parents=True)
    (out / "innovations").mkdir()
    (out / "agreements").mkdir()
    (out / "visits").mkdir()

    # Region weights follow a power law over a shuffled order (`Shape.spread`).
    order = kab_kota[:]
    rng.shuffle(order)
    weights = [1 / (rank + 1) ** _SPREAD[shape.spread] for rank in range(len(order))]
    per_region = {r: 0 for r in order}
    for region_id in rng.choices(order, weights=weights, k=count):
        per_region[region_id] += 1

    kinds = list(vocabulary("agency-kinds").values)
    agencies: dict[str, list[str]] = {}
    for region_id, data in regions.items():
        region_record = dict(data)
        if per_region.get(region_id):
            chosen = rng.sample(kinds, rng.randint(*_AGENCY_KINDS_PER_REGION))
            region_record["agencies"] = [
                {
                    "id": kind,
                    "name": f"{vocabulary('agency-kinds').text(kind)} {data['name']}",
                    "acronym": kind.upper()[:12],
                    "kind": kind,
                }
                for kind in chosen
            ]
            agencies[region_id] = chosen
        (out / "regions" / f"{region_id}.yml").write_text(_dump(region_record), encoding="utf-8")

    stages = list(vocabulary("stages").values)
    forms = list(vocabulary("forms").values)
    affairs = list(vocabulary("affairs").values)
    themes = list(vocabulary("themes").values)
    refs: list[str] = []
    index = 0
    for region_id in sorted(per_region):
        if not per_region[region_id]:
            continue
        folder = out / "innovations" / region_id
        folder.mkdir()
        name = regions[region_id]["name"]
        previous = ""
        titles: set[str] = set()
        for _ in range(per_region[region_id]):
            index += 1
            ident = f"inovasi-{index:05d}"
            trial = _date(rng)
            title = _title(rng, index, _PATTERN_SHARE[shape.titles])
            while title in titles:  # a region lists a programme once per place
                title = _title(rng, index, _PATTERN_SHARE[shape.titles])
            if previous and rng.random() < _TYPO_COPY_SHARE:
                title = _typo(previous, rng)
            previous = title
            titles.add(title)
            record: dict[str, Any] = {
                "title": title,
                # A programme's summary names its place, as real ones do: the title's words after the
                # programme ("Desa Cibeureum"), or the region for the others.
                "summary": _SENTENCE.format(
                    verb=rng.choice(_VERBS),
                    object=rng.choice(_OBJECTS),
                    region=_place(title) or name,
                    means=rng.choice(_MEANS),
                ),
                "agencies": rng.sample(agencies[region_id], rng.randint(1, 2)),
                "stage": rng.choice(stages),
                "kind": rng.choice(("digital", "non-digital")),
                "form": rng.choice(forms),
                "affairs": rng.sample(affairs, rng.randint(1, 3)),
                "themes": rng.sample(themes, rng.randint(0, 3)),
                "trial_date": trial,
                "implementation_date": trial + dt.timedelta(days=rng.randint(30, 700)),
                "problem": f"Warga {name} menunggu lama untuk {rng.choice(_OBJECTS)}.",
                "description": _paragraphs(
                    rng, name, rng.choice(_PARAGRAPHS[shape.text]), long=shape.text == "long"
                ),
                "beneficiaries": f"Warga dan perangkat desa di {name}.",
                "tags": sorted(
                    rng.sample(("spbe", "layanan-publik", "data", "desa", "kesehatan", "izin"), 2)
                ),
                "last_verified": _date(rng, 2020, 2026),
            }
            if shape.text == "short":
                del record["description"], record["problem"]
            if rng.random() < 0.05:
                source_url = f"https://contoh.go.id/{region_id}/{ident}"
                record["costs"] = [
                    {"amount": rng.randint(5, 500) * 10_000_000, "year": trial.year, "source": source_url}
                ]
            if rng.random() < 0.03:
                record["awards"] = [
                    {"name": "Top 45 Kompetisi Inovasi Pelayanan Publik", "year": trial.year + 1}
                ]
            if rng.random() < 0.2:
                record["links"] = [
                    {
                        "title": "Peraturan bupati",
                        "url": f"https://contoh.go.id/{ident}/perbup",
                        "kind": "regulation",
                    }
                ]
            if refs and rng.random() < 0.05:
                record["adopted_from"] = rng.choice(refs)
            if rng.random() < 0.03:
                record["replications"] = [{"region": rng.choice(kab_kota), "status": "planned"}]
                if record["replications"][0]["region"] == region_id:
                    del record["replications"]
            (folder / f"{ident}.yml").write_text(_dump(record), encoding="utf-8")
            refs.append(f"{region_id}/{ident}")

    active = sorted(agencies)
    agreements = 0
    for number in range(max(1, count // 200)):
        parties = sorted(rng.sample(active, 2)) if len(active) >= 2 else []
        if not parties:
            break
        agreement = {
            "title": f"Kerja sama contoh {number + 1}",
            "kind": rng.choice(("mou", "pks")),
            "parties": parties,
            "signed": _date(rng, 2020, 2025),
            "agencies": [f"{parties[0]}/{a}" for a in agencies[parties[0]][:3]],
            "innovations": [r for r in refs if r.startswith(parties[1] + "/")][:3],
        }
        (out / "agreements" / f"kerja-sama-contoh-{number + 1:04d}.yml").write_text(
            _dump(agreement), encoding="utf-8"
        )
        agreements += 1
    visits = _write_visits(rng, out, active, agencies, refs, count // 150)
    return {
        "regions": len(regions),
        "agencies": sum(len(a) for a in agencies.values()),
        "innovations": count,
        "agreements": agreements,
        "visits": visits,
    }


def _write_visits(
    rng: random.Random,
    out: Path,
    active: list[str],
    agencies: dict[str, list[str]],
    refs: list[str],
    count: int,
) -> int:
    """Visits between regions that have agencies, each to study a few of the host's innovations."""
    written = 0
    for number in range(count if len(active) >= 2 else 0):
        host, visitor = rng.sample(active, 2)
        day = _date(rng, 2021, 2025)
        visit = {
            "title": f"Kunjungan contoh {number + 1}",
            "kind": rng.choice(("benchmarking", "replication-study", "working-visit")),
            "status": "held",
            "date": day,
            "host": host,
            "visitors": [visitor],
            "host_agencies": [f"{host}/{a}" for a in agencies[host][:2]],
            "visiting_agencies": [f"{visitor}/{a}" for a in agencies[visitor][:3]],
            "innovations": [r for r in refs if r.startswith(host + "/")][:2],
            "summary": "Kunjungan contoh untuk mempelajari inovasi tuan rumah.",
            "sources": [{"title": "Berita contoh", "url": f"https://contoh.go.id/kunjungan/{number + 1}"}],
        }
        (out / "visits" / f"{day:%Y-%m}-kunjungan-contoh-{number + 1:04d}.yml").write_text(
            _dump(visit), encoding="utf-8"
        )
        written += 1
    return written


def _dump(record: dict[str, Any]) -> str:
    return yaml.safe_dump(record, allow_unicode=True, sort_keys=False, width=100)

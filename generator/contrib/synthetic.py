"""A synthetic national catalogue for benchmarks and size budgets. Deterministic from a seed.

Real regions (the registry in `regions/`) get synthetic agencies, innovations, agreements,
adoptions and replications, spread unevenly the way real activity is: a few regions submit many
innovations, most submit a few. Every record passes the checker. The texts are clearly synthetic
("Inovasi contoh …") and are never shipped as content.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
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


def _region_records(source: Path) -> dict[str, dict[str, Any]]:
    regions = {}
    for path in sorted((source / "regions").glob("*.yml")):
        regions[path.stem] = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    return regions


def _title(rng: random.Random, index: int) -> str:
    words = rng.sample(_WORDS, rng.randint(2, 4))
    return f"Inovasi contoh {' '.join(words).title()} {index}"


def _paragraphs(rng: random.Random, region: str, count: int) -> str:
    text = []
    for _ in range(count):
        sentences = [
            _SENTENCE.format(
                verb=rng.choice(_VERBS), object=rng.choice(_OBJECTS), region=region, means=rng.choice(_MEANS)
            )
            for _ in range(rng.randint(2, 5))
        ]
        text.append(" ".join(sentences))
    return "\n\n".join(text) + "\n"


def _date(rng: random.Random, start: int = 2015, end: int = 2025) -> dt.date:
    return dt.date(rng.randint(start, end), rng.randint(1, 12), rng.randint(1, 28))


def write_synthetic_catalogue(source: Path, out: Path, count: int, seed: int = 1) -> dict[str, int]:
    """Write a catalogue of `count` innovations over the regions of `source` into `out`.

    Returns counts of what was written (regions, agencies, innovations, agreements).
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

    # Uneven spread: region weights follow a Zipf-like curve over a shuffled order.
    order = kab_kota[:]
    rng.shuffle(order)
    weights = [1 / (rank + 1) ** 0.8 for rank in range(len(order))]
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
        for _ in range(per_region[region_id]):
            index += 1
            ident = f"inovasi-{index:05d}"
            trial = _date(rng)
            record: dict[str, Any] = {
                "title": _title(rng, index),
                "summary": _SENTENCE.format(
                    verb=rng.choice(_VERBS),
                    object=rng.choice(_OBJECTS),
                    region=name,
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
                # Long and short texts: most descriptions are a paragraph, some are many.
                "description": _paragraphs(rng, name, rng.choice((1, 1, 2, 3, 8))),
                "tags": sorted(
                    rng.sample(("spbe", "layanan-publik", "data", "desa", "kesehatan", "izin"), 2)
                ),
                "last_verified": _date(rng, 2020, 2026),
            }
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
    return {
        "regions": len(regions),
        "agencies": sum(len(a) for a in agencies.values()),
        "innovations": count,
        "agreements": agreements,
    }


def _dump(record: dict[str, Any]) -> str:
    return yaml.safe_dump(record, allow_unicode=True, sort_keys=False, width=100)

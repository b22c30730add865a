"""How fast is the checker on a large catalogue? Not a test: run it by hand.

    .venv/bin/python benchmarks/bench_check.py            # 10,000 innovation files
    .venv/bin/python benchmarks/bench_check.py --n 2000

Writes N realistic, valid innovation files spread over a few regions into a temporary folder, then
times `check()` on the whole catalogue and `load_file()` (read and parse only) on the innovation
files, so the ratio shows what validation and cross-file checks add to reading the YAML.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

from generator.content.check import check
from generator.content.load import load_file
from generator.content.vocab import vocabulary

PROVINCE = ("provinsi-jawa-barat", "Jawa Barat", "32")
# (region id, name, type, code): kota numbers start at 71.
REGIONS = [
    ("kabupaten-sumedang", "Sumedang", "kabupaten", "32.11"),
    ("kabupaten-garut", "Garut", "kabupaten", "32.05"),
    ("kabupaten-bandung", "Bandung", "kabupaten", "32.04"),
    ("kota-bandung", "Bandung", "kota", "32.73"),
    ("kota-bogor", "Bogor", "kota", "32.71"),
]
AGENCIES = [
    ("diskominfo", "Dinas Komunikasi dan Informatika", "Diskominfo", "diskominfo"),
    ("disdukcapil", "Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil", "disdukcapil"),
    ("dinkes", "Dinas Kesehatan", "Dinkes", "health-office"),
    ("bappeda", "Badan Perencanaan Pembangunan Daerah", "Bappeda", "bappeda"),
    ("setda", "Sekretariat Daerah", "Setda", "regional-secretariat"),
]
WORDS = [
    "layanan",
    "pelayanan",
    "digital",
    "terpadu",
    "data",
    "desa",
    "warga",
    "aplikasi",
    "izin",
    "cepat",
    "sehat",
    "sekolah",
    "pasar",
    "pajak",
    "kendali",
    "informasi",
    "publik",
    "kinerja",
    "aduan",
    "antrean",
    "kartu",
    "keluarga",
    "stunting",
    "posyandu",
]


def _region_file(region_id: str, name: str, kind: str, code: str) -> str:
    lines = [f"name: {name}", f"type: {kind}", f'code: "{code}"', f"province: {PROVINCE[0]}", "agencies:"]
    for ident, agency, acronym, agency_kind in AGENCIES:
        lines += [
            f"  - id: {ident}",
            f"    name: {agency}",
            f"    acronym: {acronym}",
            f"    kind: {agency_kind}",
        ]
    return "\n".join(lines) + "\n"


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _innovation_file(rng: random.Random, index: int, refs: list[str]) -> str:
    stages = list(vocabulary("stages").values)
    affairs = list(vocabulary("affairs").values)
    themes = list(vocabulary("themes").values)
    year = rng.randint(2015, 2024)
    agencies = rng.sample([a[0] for a in AGENCIES], rng.randint(1, 3))
    lines = [
        f"title: {_sentence(rng, 4)[:-1]} {index}",
        "summary: >-",
        f"  {_sentence(rng, 14)}",
        f"  {_sentence(rng, 12)}",
        f"agencies: [{', '.join(agencies)}]",
        f"stage: {rng.choice(stages)}",
        f"kind: {rng.choice(['digital', 'non-digital'])}",
        f"form: {rng.choice(['governance', 'public-service', 'other'])}",
        f"affairs: [{', '.join(rng.sample(affairs, 2))}]",
        f"themes: [{', '.join(rng.sample(themes, 2))}]",
        f"trial_date: {year}-0{rng.randint(1, 6)}-1{rng.randint(0, 9)}",
        f"implementation_date: {year + 1}-0{rng.randint(1, 9)}-2{rng.randint(0, 8)}",
        "description: |",
        *(f"  {_sentence(rng, 12)}" for _ in range(6)),
        "",
        *(f"  {_sentence(rng, 10)}" for _ in range(4)),
        "metrics:",
        "  - name: Waktu layanan",
        f"    value: {rng.randint(1, 90)}.{rng.randint(0, 9)}",
        "    unit: hari",
        f"    year: {year + 1}",
        f"    source: https://example.go.id/laporan/{index}",
        f"tags: [{rng.choice(WORDS)}-{index}, inovasi]",
        "status: active",
        f"last_verified: 2025-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
        "sources:",
        f"  - title: {_sentence(rng, 6)[:-1]}",
        f"    url: https://berita.example.id/{year}/{index}",
        "    publisher: Berita Daerah",
        f"    date: {year}-1{rng.randint(0, 2)}-0{rng.randint(1, 9)}",
    ]
    if refs:
        lines.append(f"related: [{rng.choice(refs)}]")
    return "\n".join(lines) + "\n"


def write_catalogue(root: Path, n: int, seed: int = 2025) -> list[tuple[Path, str]]:
    """Write the catalogue; returns the innovation files as (path, path relative to root)."""
    rng = random.Random(seed)
    (root / "regions").mkdir(parents=True)
    province_id, province_name, province_code = PROVINCE
    (root / "regions" / f"{province_id}.yml").write_text(
        f'name: {province_name}\ntype: provinsi\ncode: "{province_code}"\n', encoding="utf-8"
    )
    for region in REGIONS:
        (root / "regions" / f"{region[0]}.yml").write_text(_region_file(*region), encoding="utf-8")
    files, refs = [], []
    for index in range(n):
        region_id = REGIONS[index % len(REGIONS)][0]
        ident = f"inovasi-{index:05d}"
        rel = f"innovations/{region_id}/{ident}.yml"
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_innovation_file(rng, index, refs[-50:]), encoding="utf-8")
        refs.append(f"{region_id}/{ident}")
        files.append((path, rel))
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="innovation files to write (default 10000)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="katalog-bench-") as folder:
        root = Path(folder)
        files = write_catalogue(root, args.n)
        size = sum(path.stat().st_size for path, _ in files)

        started = time.perf_counter()
        for path, rel in files:
            loaded = load_file(path, rel)
            assert not loaded.problems, loaded.problems
        load_seconds = time.perf_counter() - started

        started = time.perf_counter()
        result = check(root)
        check_seconds = time.perf_counter() - started
        if result.problems:
            print(f"unexpected problems, e.g. {result.problems[0]}", file=sys.stderr)
            return 1

    print(f"{args.n} innovation files ({size / args.n / 1024:.1f} KiB each), {len(REGIONS) + 1} regions")
    print(f"{'step':<22}{'files':>8}{'seconds':>10}{'files/s':>10}")
    for step, seconds in (("check()", check_seconds), ("load_file() only", load_seconds)):
        print(f"{step:<22}{args.n:>8}{seconds:>10.2f}{args.n / seconds:>10.0f}")
    print(f"check / load_file: {check_seconds / load_seconds:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())

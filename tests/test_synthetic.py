"""`katalog synthetic`'s shapes: each gives a valid catalogue shaped as it says, from its seed."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from generator.content.check import check
from generator.content.duplicates import duplicate_warnings
from generator.contrib.synthetic import Shape, write_synthetic_catalogue

ROOT = Path(__file__).parents[1]
COUNT = 900


def innovations(root: Path) -> list[dict]:
    return [
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        for path in sorted((root / "innovations").rglob("*.yml"))
    ]


@pytest.fixture(scope="module", params=["zipf/mixed/mixed", "steep/look-alike/long", "even/varied/short"])
def shaped(request, tmp_path_factory):
    shape = Shape(*request.param.split("/"))
    root = tmp_path_factory.mktemp(request.param.replace("/", "-"))
    counts = write_synthetic_catalogue(ROOT, root, COUNT, seed=3, shape=shape)
    return shape, root, counts


def test_every_shape_is_a_valid_catalogue_with_visits_and_the_new_fields(shaped):
    _, root, counts = shaped
    result = check(root)
    assert [p for p in result.problems if p.severity == "error"] == []
    assert counts["innovations"] == COUNT and counts["visits"] == COUNT // 150
    records = innovations(root)
    assert any("costs" in r for r in records) and any("awards" in r for r in records)
    assert any(link.get("kind") == "regulation" for r in records for link in r.get("links", ()))


def test_the_spread_decides_how_uneven_the_regions_are(shaped):
    shape, root, _ = shaped
    sizes = sorted(Counter(p.parent.name for p in (root / "innovations").rglob("*.yml")).values())
    largest = sizes[-1] / COUNT
    expected = {"steep": (0.3, 0.7), "zipf": (0.01, 0.1), "even": (0.0, 0.02)}[shape.spread]
    assert expected[0] <= largest <= expected[1], largest


def test_titles_and_texts_have_their_shape(shaped):
    shape, root, _ = shaped
    records = innovations(root)
    patterned = sum(not r["title"].startswith("Inovasi contoh") for r in records)
    share = patterned / len(records)
    expected = {"look-alike": (0.95, 1.0), "mixed": (0.2, 0.45), "varied": (0.0, 0.01)}[
        shape.titles
    ]  # typed twice: a typo
    assert expected[0] <= share <= expected[1], share
    words = [len(r.get("description", "").split()) for r in records]
    if shape.text == "long":
        assert min(words) >= 200
    elif shape.text == "short":
        assert max(words) == 0
    else:
        assert min(words) < 100 < max(words)


def test_look_alike_titles_give_few_warnings(shaped):
    _, root, _ = shaped
    result = check(root)
    warnings = duplicate_warnings(result)
    # A handful of entries are typed twice; the thousand look-alikes are not duplicates.
    assert len(warnings) <= COUNT // 50, len(warnings)


def test_the_same_seed_writes_the_same_catalogue(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    for root in (one, two):
        write_synthetic_catalogue(ROOT, root, 200, seed=9, shape=Shape("steep", "look-alike", "long"))
    files = sorted(p.relative_to(one) for p in one.rglob("*.yml"))
    assert files == sorted(p.relative_to(two) for p in two.rglob("*.yml"))
    assert all((one / f).read_bytes() == (two / f).read_bytes() for f in files)


def test_an_unknown_shape_is_refused():
    with pytest.raises(ValueError, match="spread must be one of"):
        Shape(spread="flat")

"""Checked records travel between processes by their fields, and come back equal and frozen."""

from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path

import pytest

from generator.content.check import check
from generator.content.model import Innovation, Region
from generator.content.pickling import pickled_by_fields

# The shipped catalogue: its records use every kind of nested value (agencies, sources, metrics…).
SHIPPED = Path(__file__).resolve().parents[1]


def test_every_record_of_a_catalogue_comes_back_equal_and_frozen() -> None:
    catalogue = check(SHIPPED).catalogue
    assert catalogue is not None
    records = [
        *catalogue.regions.values(),
        *catalogue.innovations.values(),
        *catalogue.agreements.values(),
        *catalogue.visits.values(),
    ]
    assert catalogue.visits, "the shipped catalogue has visits: a keyword-only record kind"
    back = pickle.loads(pickle.dumps(records, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == records
    assert [type(r) for r in back] == [type(r) for r in records]
    region = next(r for r in back if isinstance(r, Region) and r.agencies)
    with pytest.raises(dataclasses.FrozenInstanceError):
        region.agencies[0].name = "changed"  # type: ignore[misc]
    innovation = next(r for r in back if isinstance(r, Innovation) and r.sources)
    assert innovation.sources[0] == next(r for r in records if r == innovation).sources[0]


def test_a_class_with_a_field_its_constructor_does_not_take_is_refused() -> None:
    @dataclasses.dataclass(frozen=True, slots=True)
    class Counted:
        name: str
        count: int = dataclasses.field(default=0, init=False)

    with pytest.raises(TypeError, match="every field must be a constructor argument"):
        pickled_by_fields(Counted)


@pickled_by_fields
@dataclasses.dataclass(frozen=True, slots=True)
class Single:
    name: str


def test_a_class_of_one_field_pickles_too() -> None:
    assert pickle.loads(pickle.dumps(Single("x"))) == Single("x")

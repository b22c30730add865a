"""Problems sort the same by their own comparison and by `sort_key`, the quicker one."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from generator.content.problems import Problem, problem, sort_key

_problems = st.builds(
    problem,
    st.sampled_from(["regions/a.yml", "regions/b.yml", "innovations/a/x.yml"]),
    st.integers(0, 3),
    st.integers(0, 3),
    st.sampled_from(["bad-url", "missing-field", "stale-entry"]),
    st.sampled_from(["", "title", "sources[0].url"]),
    severity=st.sampled_from(["error", "warning"]),
    value=st.sampled_from(["a", "b"]),
)


@given(st.lists(_problems, max_size=30))
def test_sort_key_orders_problems_as_they_compare(problems: list[Problem]) -> None:
    assert sorted(problems, key=sort_key) == sorted(problems)
    assert [sort_key(p) for p in sorted(problems)] == sorted(map(sort_key, problems))

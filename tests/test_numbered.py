"""Numbered names: a sequence of "1", "2", ... that makes each name only when asked."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmap.numbered import NumberedNames


@given(st.integers(-5, 5), st.integers(0, 40), st.text(max_size=4) | st.integers(-50, 50).map(str))
def test_numbered_names_behave_as_the_tuple_of_those_names(
    start: int, count: int, probe: str
) -> None:
    names = NumberedNames(start, count)
    plain = tuple(str(i) for i in range(start, start + count))
    assert len(names) == len(plain) and tuple(names) == plain and names == plain
    assert list(names[1:-1:2]) == list(plain[1:-1:2])
    assert (probe in names) == (probe in plain)
    if probe in plain:
        assert names.index(probe) == plain.index(probe) and names[plain.index(probe)] == probe
    else:
        with pytest.raises(ValueError):
            names.index(probe)
    for i in (-1, 0, count - 1, count):
        if -count <= i < count:
            assert names[i] == plain[i]
        else:
            with pytest.raises(IndexError):
                names[i]


def test_only_the_plain_decimal_form_names_an_argument() -> None:
    names = NumberedNames(1, 100)
    for odd in ("01", "+1", " 1", "1 ", "١", "1.0", "", "-0", "0", "101"):
        assert odd not in names
    assert names.index("100") == 99 and "1" in names

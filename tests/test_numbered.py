"""Numbered names: a sequence of "1", "2", ... that makes each name only when asked."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import numbered
from argmap.numbered import NumberedNames, PackedNames, listed, names_at


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


@settings(max_examples=200, deadline=None)
@given(
    st.one_of(
        st.builds(NumberedNames, st.integers(-3, 3), st.integers(1, 2000)),
        st.lists(
            st.text("abAZ09_.-", min_size=1, max_size=20), min_size=1, max_size=50, unique=True
        ).map(lambda names: PackedNames(np.array(sorted(n.encode() for n in names)))),
    ),
    st.data(),
    st.sampled_from([0, 1, 10**9]),
)
def test_a_listing_is_what_json_and_a_plain_join_write(
    names: NumberedNames | PackedNames, data: st.DataObject, threshold: int
) -> None:
    indices = data.draw(st.lists(st.integers(0, len(names) - 1), max_size=300))
    want = names_at(names, indices)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(numbered, "LISTED_WITH_ARRAYS", threshold)
        assert "[" + listed(names, indices, quoted=True) + "]" == json.dumps(want)
        assert listed(names, indices, quoted=False) == ", ".join(want)


def test_other_names_are_quoted_as_json_quotes_them() -> None:
    names = ('say "hi"', "é", "a\\b")
    assert "[" + listed(names, [2, 0, 1], quoted=True) + "]" == json.dumps(
        [names[2], names[0], names[1]]
    )
    assert listed(names, [1], quoted=False) == "é"


def test_a_list_of_thousands_of_numbers_does_not_import_numpy_for_itself() -> None:
    """Importing numpy (about 80 ms) costs more than writing ten thousand names as strings:
    numpy writes a list only once it is loaded, or when the list is very long."""
    code = (
        "import sys\n"
        "from argmap.numbered import NumberedNames, listed\n"
        "text = listed(NumberedNames(1, 20_000), range(0, 20_000, 2), quoted=True)\n"
        "print(len(text.split(', ')), 'numpy' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["10000", "False"]

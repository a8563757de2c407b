"""Large ``apx`` files read with numpy: the same names, attacks and diagnostics as the plain
path gives, for plainly written files and for every byte-level slip in them."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.arrays import ARRAYS_FROM
from argmap.numbered import PackedNames, names_at
from argmap.read.apx_arrays import apx_arrays

from .test_arrays import arrays_from, both_ways

FIRST = "abzAZ09_"
REST = FIRST + ".-"


@st.composite
def apx_files(draw: st.DrawFn) -> tuple[str, list[str], list[tuple[str, str]]]:
    """A plainly written ``apx`` text (facts one to a line, in any order), its declared
    names and its attacks in file order. Names run from 1 to 40 bytes, so some are longer than the
    four words a key holds; attacks may repeat."""
    names = draw(
        st.lists(
            st.tuples(st.sampled_from(FIRST), st.text(REST, max_size=39)).map("".join),
            min_size=1,
            max_size=12,
            unique=True,
        )
    )
    attacks = draw(st.lists(st.tuples(st.sampled_from(names), st.sampled_from(names)), max_size=30))
    lines = [f"arg({a})." for a in names] + [f"att({a},{b})." for a, b in attacks]
    lines = draw(st.permutations(lines))
    pairs = [line[4:-2].split(",") for line in lines if line.startswith("att(")]
    attacks = [(a, b) for a, b in pairs]
    if draw(st.booleans()):
        lines.insert(draw(st.integers(0, len(lines))), "")
    text = "\n".join(lines) + ("\n" if draw(st.booleans()) else "")
    return text, names, attacks


def lists_of(names: list[str], attacks: list[tuple[str, str]]) -> list[list[int]]:
    order = sorted(names, key=str.encode)
    index = {name: k for k, name in enumerate(order)}
    targets: list[list[int]] = [[] for _ in order]
    for a, b in attacks:
        if index[b] not in targets[index[a]]:
            targets[index[a]].append(index[b])
    return targets


@settings(max_examples=300, deadline=None)
@given(apx_files())
def test_a_plain_file_reads_into_arrays_as_into_lists(
    case: tuple[str, list[str], list[tuple[str, str]]],
) -> None:
    text, names, attacks = case
    want, got = both_ways("a.apx", text)
    assert want is not None and got is not None
    assert list(got.names) == list(want.names) == sorted(names, key=str.encode)
    assert got.targets == want.targets == lists_of(names, attacks)
    packed = apx_arrays(text.encode())
    # The numpy path takes every such file whose names fit in four words.
    assert (packed is not None) == (max(map(len, names)) <= 32)
    if packed is not None:
        assert list(packed[0]) == list(want.names)
        assert (got.arrays is not None) == (len(set(attacks)) == len(attacks))


SLIPS = ["(", ")", ",", ".", "\n", " ", "-", "a", "att(", "arg(", ").", "\0", "é", "%"]


@settings(max_examples=400, deadline=None)
@given(
    apx_files(),
    st.lists(
        st.tuples(st.integers(0, 10**6), st.sampled_from(SLIPS), st.integers(0, 2)),
        min_size=1,
        max_size=3,
    ),
)
def test_every_slip_in_a_file_reads_as_the_map_reader_reads_it(
    case: tuple[str, list[str], list[tuple[str, str]]], slips: list[tuple[int, str, int]]
) -> None:
    text = case[0]
    for where, slip, how in slips:
        at = where % (len(text) + 1)
        # 0 inserts the slip, 1 puts it in place of a character, 2 deletes one.
        text = text[:at] + (slip if how < 2 else "") + text[at + (how > 0) :]
    want, got = both_ways("a.apx", text)
    if want is not None and got is not None:
        assert list(got.names) == list(want.names)
        assert got.targets == want.targets


def test_names_over_four_words_or_facts_sharing_a_line_take_the_plain_path() -> None:
    assert apx_arrays(b"arg(" + b"a" * 33 + b").\n") is None
    assert apx_arrays(b"arg(" + b"a" * 32 + b").\n") is not None
    assert apx_arrays(b"arg(a).arg(b).\n") is None
    assert apx_arrays(b"arg(a).\natt(a,b).\n") is None  # b is not declared
    assert apx_arrays(b"arg(a).\narg(a).\n") is None  # declared twice
    assert apx_arrays(b"arg(.a).\n") is None
    assert apx_arrays(b"\n\n") is None


def test_packed_names_behave_as_a_sequence_of_their_names() -> None:
    names = ["a", "a.b", "b-1", "z" * 20]
    keys = np.array([n.encode() for n in names], dtype="S24")
    packed = PackedNames(keys)
    assert len(packed) == 4 and list(packed) == names
    assert packed[0] == "a" and packed[-1] == "z" * 20 and packed[1:3] == ("a.b", "b-1")
    with pytest.raises(IndexError):
        packed[4]
    assert packed.index("b-1") == 2 and "a.b" in packed
    for absent in ["", "b", "a\0", "é", "z" * 25, 3]:
        assert absent not in packed
    with pytest.raises(ValueError, match="is not in the names"):
        packed.index("b-1", 0, 2)
    assert packed == names and packed != names[:3] and hash(packed) == hash(tuple(names))
    assert names_at(packed, (3, 0)) == ["z" * 20, "a"]
    assert repr(packed) == "PackedNames(4 names)"


def test_eval_on_a_large_apx_file_answers_as_on_its_i23_twin(tmp_path: Path) -> None:
    n = ARRAYS_FROM + 5
    rng = random.Random(5)
    pairs = sorted({(rng.randint(1, n), rng.randint(1, n)) for _ in range(2 * n)})
    (tmp_path / "a.i23").write_text(f"p af {n}\n" + "".join(f"{a} {b}\n" for a, b in pairs))
    (tmp_path / "a.apx").write_text(
        "".join(f"arg(x{k}).\n" for k in range(1, n + 1))
        + "".join(f"att(x{a},x{b}).\n" for a, b in pairs)
    )
    answers = {}
    for name in ("a.i23", "a.apx"):
        done = subprocess.run(
            [sys.executable, "-m", "argmap", "eval", str(tmp_path / name), "--format", "json"],
            capture_output=True,
            text=True,
            check=True,
        )
        answers[name] = json.loads(done.stdout)["extensions"]
    assert answers["a.apx"] == [sorted(f"x{a}" for a in answers["a.i23"][0])]
    with arrays_from(10**9):
        assert apx_arrays((tmp_path / "a.apx").read_bytes()) is not None

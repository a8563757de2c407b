"""Frameworks held as numpy arrays: the same graph, labels and answers as the lists give.

The arrays take over from ``ARRAYS_FROM`` arguments on; the tests lower that threshold so
that the small frameworks Hypothesis draws go through the arrays too, and compare them
with the lists and with the brute-force reference.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import cast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import arrays
from argmap.arrays import ARRAYS_FROM, Csr
from argmap.read import iccma_fast
from argmap.read.iccma_fast import AttackLists, read_attack_lists
from argmap.semantics import extensions as ext
from argmap.semantics import framework, grounded
from argmap.semantics.framework import Framework

from .test_semantics_extensions import Edges, frameworks, reference

MODULES = (iccma_fast, framework, grounded, ext)


@contextmanager
def arrays_from(n: int) -> Iterator[None]:
    """Hold frameworks of ``n`` arguments or more as arrays, for the block."""
    with pytest.MonkeyPatch.context() as patch:
        for module in MODULES:
            patch.setattr(module, "ARRAYS_FROM", n)
        yield


def lists_of(n: int, edges: Edges) -> list[list[int]]:
    targets: list[list[int]] = [[] for _ in range(n)]
    for a, b in edges:
        targets[a].append(b)
    return targets


def chains(draw: st.DrawFn) -> tuple[int, Edges]:
    n = draw(st.integers(1, 300))
    edges = [(a, a + 1) for a in range(n - 1)]
    extra = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=8))
    return n, edges + extra


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(frameworks(max_n=12), st.composite(chains)()),
    st.sampled_from([(64, 32), (64, 0), (0, 10**9), (1000, 1)]),
    st.booleans(),
)
def test_the_array_labelling_is_the_lists_labelling(
    case: tuple[int, Edges], thin: tuple[int, int], repeat: bool
) -> None:
    n, edges = case
    if n == 0:
        return
    edges = sorted(edges, key=lambda e: (e[1] * 5 + e[0]) % 7) + (edges[:3] if repeat else [])
    with arrays_from(10**9):
        want = grounded.grounded_labels(Framework.from_edges([str(a) for a in range(n)], edges))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(grounded, "_THIN", thin[0])
        patch.setattr(grounded, "_THIN_ROUNDS", thin[1])
        got = grounded._labels_of_arrays(
            Csr.from_edges(n, [a for a, _ in edges], [b for _, b in edges])
        )
    assert got == want


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 30).flatmap(
        lambda n: st.tuples(
            st.just(n),
            st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=90),
        )
    )
)
def test_rows_keep_the_input_order_and_round_trip(case: tuple[int, Edges]) -> None:
    n, edges = case
    csr = Csr.from_edges(n, [a for a, _ in edges], [b for _, b in edges])
    assert csr.n == n
    assert csr.lists() == lists_of(n, edges)
    assert Csr.from_lists(csr.lists()).lists() == csr.lists()
    assert csr.in_degrees().tolist() == [sum(1 for _, b in edges if b == c) for c in range(n)]
    picked = sorted({a for a, _ in edges})
    import numpy as np

    rows = csr.rows(np.array(picked, dtype=np.int64)).tolist()
    assert rows == [b for a in picked for b in lists_of(n, edges)[a]]


@pytest.mark.parametrize(
    ("sources", "dests", "message"),
    [
        ([0, 1], [1], "2 attackers but 1 targets"),
        ([0, 3], [1, 1], "outside 0..2"),
        ([0, -1], [1, 1], "outside 0..2"),
        ([0, 1], [1, 7], "outside 0..2"),
    ],
)
def test_rows_refuse_edges_they_cannot_hold(
    sources: list[int], dests: list[int], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        Csr.from_edges(3, sources, dests)


def test_rows_take_integer_arrays_only() -> None:
    import numpy as np

    with pytest.raises(ValueError, match="must be integers, not float64"):
        Csr.from_edges(3, np.array([0.5, 1.0]), np.array([1, 2]))
    held = Csr.from_edges(3, np.array([2, 0], dtype=np.uint8), np.array([1, 2], dtype=np.int32))
    assert held.lists() == [[2], [], [1]]


def test_a_framework_needs_lists_or_arrays_of_its_size() -> None:
    with pytest.raises(ValueError, match="lists or its arrays"):
        Framework(["a"])
    with pytest.raises(ValueError, match="2 arguments in the arrays but 1 names"):
        Framework(["a"], arrays=Csr.from_edges(2, [0], [1]))


def test_a_large_framework_is_held_as_arrays_and_makes_its_lists_on_demand() -> None:
    n = ARRAYS_FROM
    rng = random.Random(7)
    sources = sorted(rng.randrange(n) for _ in range(2 * n))
    dests = [rng.randrange(n) for _ in range(2 * n)]
    fw = Framework.from_arrays(n, sources, dests)
    assert fw._targets is None  # the grounded labelling needs no lists
    labels = grounded.grounded_labels(fw)
    assert fw._targets is None
    with arrays_from(10**9):
        small = Framework.from_arrays(n, sources, dests)
        assert small._arrays is None
        assert grounded.grounded_labels(small) == labels
    assert fw.targets == small.targets
    assert fw.attackers == small.attackers


@settings(max_examples=40, deadline=None)
@given(frameworks(max_n=7))
def test_every_semantics_on_arrays_matches_the_reference(case: tuple[int, Edges]) -> None:
    n, edges = case
    if n == 0:
        return
    expected = reference(n, edges)
    sources, dests = [a for a, _ in edges], [b for _, b in edges]
    held_as_lists = Framework.from_arrays(n, sources, dests)
    labels = {s: ext.overall_labels(held_as_lists, expected[s]) for s in ext.SEMANTICS}
    with arrays_from(1):
        fw = Framework.from_arrays(n, sources, dests)
        assert fw._arrays is not None
        for semantics in ext.SEMANTICS:
            got = sorted(ext.iter_extensions(fw, semantics))
            assert got == sorted(expected[semantics]), semantics
            assert ext.overall_labels(fw, got) == labels[semantics], semantics
            for a in range(n):
                for mode, want in (
                    ("credulous", any(a in e for e in expected[semantics])),
                    ("skeptical", all(a in e for e in expected[semantics])),
                ):
                    assert ext.accepts(fw, a, semantics, mode) == want, (semantics, a, mode)


def i23_text(n: int, pairs: list[tuple[int, int]], zeros: bool) -> str:
    pad = "00" if zeros else ""
    return f"p af {n}\n" + "".join(f"{pad}{a} {b}\n" for a, b in pairs)


def attack_lists(*more: st.SearchStrategy[object]) -> st.SearchStrategy[tuple[object, ...]]:
    """A number of arguments ``n``, attacks among ``1..n`` (repeats too), and ``more``."""
    return st.integers(1, 9).flatmap(
        lambda n: st.tuples(
            st.just(n),
            st.lists(st.tuples(st.integers(1, n), st.integers(1, n)), max_size=40),
            *more,
        )
    )


def both_ways(name: str, text: str) -> tuple[AttackLists | None, AttackLists | None]:
    """The file read as lists and as arrays, once their diagnostics are found the same."""
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / name)
        Path(path).write_text(text)
        with arrays_from(10**9):
            want, want_diags = read_attack_lists(path, name[-3:])
        with arrays_from(1):
            got, got_diags = read_attack_lists(path, name[-3:])
    assert [str(d) for d in got_diags] == [str(d) for d in want_diags]
    assert (got is None) == (want is None)
    return want, got


@settings(max_examples=150, deadline=None)
@given(attack_lists(st.booleans(), st.sampled_from(["", "0", "12345678901234567890123", "-"])))
def test_a_large_i23_file_reads_into_arrays_as_into_lists(case: tuple[object, ...]) -> None:
    n, pairs, zeros, stray = cast(tuple[int, list[tuple[int, int]], bool, str], case)
    text = i23_text(n, pairs, zeros)
    if stray:  # an out-of-range or malformed number on one more line
        text += f"1 {stray}\n"
    want, got = both_ways("a.i23", text)
    if got is not None and want is not None:
        assert list(got.names) == list(want.names)
        # The careful path (taken for leading zeros) may list a row in another order.
        assert [sorted(t) for t in got.targets] == [sorted(t) for t in want.targets]
        # Arrays come only from a file with no repeats; a repeat keeps the lists and notes.
        assert (got.arrays is not None) == (len(set(pairs)) == len(pairs) and not stray)


def test_eval_on_a_large_file_uses_numpy_and_a_small_one_does_not(tmp_path: Path) -> None:
    n = ARRAYS_FROM + 3
    rng = random.Random(3)
    pairs = sorted(
        {(a, a + 1) for a in range(1, n)}
        | {(rng.randint(1, n), rng.randint(1, n)) for _ in range(n)}
    )
    rng.shuffle(pairs)
    big = tmp_path / "big.i23"
    big.write_text(i23_text(n, pairs, False))
    small = tmp_path / "small.i23"
    small.write_text("p af 3\n1 2\n2 3\n")
    code = (
        "import sys\n"
        "from argmap.cli import main\n"
        "try:\n    main(sys.argv[1:])\n"
        "except SystemExit:\n    pass\n"
        "print('numpy' in sys.modules, file=sys.stderr)\n"
    )
    answers = {}
    for path in (big, small):
        done = subprocess.run(
            [sys.executable, "-c", code, "eval", str(path), "--format", "json", "--first"],
            capture_output=True,
            text=True,
            check=True,
        )
        answers[path] = json.loads(done.stdout)["extension"]
        assert done.stderr.strip() == str(path == big)
    assert answers[small] == ["1", "3"]
    with arrays_from(10**9):
        lists, _ = read_attack_lists(str(big), "i23")
        assert lists is not None and lists.lists is not None
        fw = Framework(lists.names, lists.lists)
        want = [fw.names[a] for a in grounded.grounded_extension(fw)]
    assert answers[big] == want


def test_the_threshold_is_one_constant() -> None:
    assert all(module.ARRAYS_FROM == arrays.ARRAYS_FROM for module in MODULES)


@settings(max_examples=100, deadline=None)
@given(attack_lists(st.booleans()))
def test_a_large_apx_file_reads_into_arrays_as_into_lists(case: tuple[object, ...]) -> None:
    n, pairs, undeclared = cast(tuple[int, list[tuple[int, int]], bool], case)
    text = "".join(f"arg(x{k}).\n" for k in range(n, 0, -1))
    text += "".join(f"att(x{a},x{b}).\n" for a, b in pairs)
    if undeclared:
        text += "att(x1,y).\n"
    want, got = both_ways("a.apx", text)
    assert (want is None) == undeclared
    if got is not None and want is not None:
        assert list(got.names) == list(want.names)
        assert got.targets == want.targets
        assert (got.arrays is not None) == (len(set(pairs)) == len(pairs))

"""The reduct by the grounded extension: extensions and answers as on the whole framework.

Frameworks here are mostly decided by their grounded labelling (chains and trees of
unattacked arguments) around a small open core that the decided part attacks and is
attacked by, so that every routine goes through the reduct; the answers are checked
against the brute-force reference, with the attacks held as lists and as arrays.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.semantics import extensions as ext
from argmap.semantics.framework import Framework
from argmap.semantics.grounded import grounded_labels, undecided
from argmap.semantics.reduct import reduct

from .test_arrays import arrays_from
from .test_semantics_extensions import Edges, frameworks, reference


@st.composite
def mostly_decided(draw: st.DrawFn) -> tuple[int, Edges]:
    """A random core (``frameworks``) shifted up, below a chain that attacks into it."""
    core_n, core = draw(frameworks(max_n=6))
    chain = draw(st.integers(core_n + 1, 9))
    n = chain + core_n
    edges = [(a, a + 1) for a in range(chain - 1)]  # a chain: in, out, in, ...
    edges += [(chain + a, chain + b) for a, b in core]
    pairs = st.tuples(st.integers(0, chain - 1), st.integers(0, core_n - 1)) if core_n else None
    if pairs is not None:
        edges += [(a, chain + b) for a, b in draw(st.lists(pairs, max_size=4))]  # chain -> core
        edges += [(chain + b, a) for a, b in draw(st.lists(pairs, max_size=4))]  # core -> chain
    return n, sorted(set(edges))


def check_against_reference(fw: Framework, n: int, edges: Edges) -> None:
    expected = reference(n, edges)
    for semantics in ext.SEMANTICS:
        assert ext.all_extensions(fw, semantics) == expected[semantics], semantics
        first = ext.first_extension(fw, semantics)
        assert first in expected[semantics] if expected[semantics] else first is None
        for a in range(n):
            for mode, want in (
                ("credulous", any(a in e for e in expected[semantics])),
                ("skeptical", all(a in e for e in expected[semantics])),
            ):
                assert ext.accepts(fw, a, semantics, mode) == want, (semantics, a, mode)


@settings(max_examples=400, deadline=None)
@given(mostly_decided())
def test_a_mostly_decided_framework_matches_the_reference(case: tuple[int, Edges]) -> None:
    n, edges = case
    check_against_reference(Framework.from_edges([f"a{i}" for i in range(n)], edges), n, edges)


@settings(max_examples=100, deadline=None)
@given(mostly_decided())
def test_a_mostly_decided_framework_held_as_arrays_matches_the_reference(
    case: tuple[int, Edges],
) -> None:
    n, edges = case
    with arrays_from(1):
        fw = Framework.from_arrays(n, [a for a, _ in edges], [b for _, b in edges])
        assert fw._arrays is not None and fw._targets is None
        check_against_reference(fw, n, edges)


@settings(max_examples=200, deadline=None)
@given(frameworks(max_n=9), st.data())
def test_the_induced_framework_is_the_same_from_lists_and_arrays(
    case: tuple[int, Edges], data: st.DataObject
) -> None:
    n, edges = case
    if n == 0:
        return  # no framework of no arguments is held as arrays
    nodes = sorted(data.draw(st.sets(st.integers(0, n - 1), max_size=n)))
    sources, dests = [a for a, _ in edges], [b for _, b in edges]
    lists = Framework.from_arrays(n, sources, dests)
    with arrays_from(1):
        held = Framework.from_arrays(n, sources, dests)
    want = [[nodes.index(b) for b in lists.targets[a] if b in nodes] for a in nodes]
    for fw in (lists, held):
        sub = fw.induced(nodes)
        assert sub.targets == want
        assert list(sub.names) == [str(a) for a in nodes]
    assert held._targets is None  # the arrays made no lists for the rest


def test_the_reduct_is_what_the_grounded_labelling_leaves_open() -> None:
    # 0 -> 1 -> 2 <-> 3, 4 -> 5 -> 6: only 2 and 3 are open ... once 1 is out.
    edges = [(0, 1), (1, 2), (2, 3), (3, 2), (4, 5), (5, 6)]
    fw = Framework.from_edges([f"a{i}" for i in range(7)], edges)
    labels = grounded_labels(fw)
    assert undecided(labels) == [2, 3]
    found = reduct(fw, labels)
    assert found is not None
    sub, back = found
    assert back == [2, 3] and list(sub.names) == ["a2", "a3"]
    assert sub.targets == [[1], [0]]
    assert undecided(grounded_labels(sub)) == [0, 1]  # nothing in the reduct is unattacked


@pytest.mark.parametrize(
    ("edges", "n"),
    [([], 3), ([(0, 1), (1, 0), (2, 2)], 3), ([(0, 1), (1, 2), (2, 0)], 3)],
)
def test_no_reduct_when_nothing_or_most_is_open(edges: Edges, n: int) -> None:
    fw = Framework.from_edges([f"a{i}" for i in range(n)], edges)
    assert reduct(fw, grounded_labels(fw)) is None

"""Each encoding of the labelling solver against the definitions, part by part.

A solver covers some nodes of a framework while every other argument keeps a fixed label
(in, out or undecided, as an earlier component or the grounded labelling left it). The
labellings it lists must be exactly the labellings of its nodes that the definitions
allow given those labels, whichever encoding it holds.
"""

from __future__ import annotations

from itertools import product

from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.semantics.framework import Framework
from argmap.semantics.sat import IN, OUT, UNDEC, LabellingSolver, enumerate_complete

Edges = list[tuple[int, int]]
Case = tuple[int, Edges, list[int], list[int]]


@st.composite
def parts(draw: st.DrawFn, max_n: int = 8) -> Case:
    """A framework, the nodes of a solver, and a label for every other argument."""
    n = draw(st.integers(1, max_n))
    cells = draw(st.lists(st.integers(0, 3), min_size=n * n, max_size=n * n))
    density = draw(st.integers(1, 3))  # each attack is there with odds density in 4
    edges = [(i // n, i % n) for i, cell in enumerate(cells) if cell < density]
    nodes = sorted(draw(st.sets(st.integers(0, n - 1), min_size=1)))
    fixed = [draw(st.sampled_from((IN, OUT, UNDEC))) for _ in range(n)]
    return n, edges, nodes, fixed


def allowed(case: Case, stable: bool) -> set[frozenset[tuple[int, int]]]:
    """Every complete (or stable) labelling of the nodes, by the definition: a node is in
    iff all its attackers are out, out iff one of them is in, undecided otherwise."""
    n, edges, nodes, fixed = case
    attackers: list[list[int]] = [[] for _ in range(n)]
    for a, b in edges:
        attackers[b].append(a)
    found = set()
    choices = (IN, OUT) if stable else (IN, OUT, UNDEC)
    for labels in product(choices, repeat=len(nodes)):
        full = list(fixed)
        for a, label in zip(nodes, labels, strict=True):
            full[a] = label
        seen = [[full[b] for b in attackers[a]] for a in nodes]
        if all(
            label == (IN if all(x == OUT for x in row) else OUT if IN in row else UNDEC)
            for label, row in zip(labels, seen, strict=True)
        ):
            found.add(frozenset(zip(nodes, labels, strict=True)))
    return found


def listed(case: Case, stable: bool) -> list[frozenset[tuple[int, int]]]:
    n, edges, nodes, fixed = case
    fw = Framework.from_edges([f"a{i}" for i in range(n)], edges)
    solver = LabellingSolver(fw, nodes, bytearray(fixed), stable=stable)
    try:
        return [frozenset(labelling) for labelling in enumerate_complete(solver)]
    finally:
        solver.close()


@settings(max_examples=1500)
@given(parts())
def test_stable_labellings_of_a_part_are_exactly_the_defined_ones(case: Case) -> None:
    found = listed(case, stable=True)
    assert len(found) == len(set(found))  # none listed twice
    assert set(found) == allowed(case, stable=True)


@settings(max_examples=1500)
@given(parts())
def test_complete_labellings_of_a_part_are_exactly_the_defined_ones(case: Case) -> None:
    found = listed(case, stable=False)
    assert len(found) == len(set(found))
    assert set(found) == allowed(case, stable=False)


def test_a_node_an_outside_argument_beats_is_out_in_every_stable_labelling() -> None:
    # 0 (fixed in) attacks 1; 1 and 2 attack each other; 3 (fixed undecided) attacks 2.
    case: Case = (4, [(0, 1), (1, 2), (2, 1), (3, 2)], [1, 2], [IN, UNDEC, UNDEC, UNDEC])
    # 1 is out; 2 cannot be in (its undecided attacker) nor out (no attacker in): none.
    assert listed(case, stable=True) == []
    assert allowed(case, stable=True) == set()
    case = (4, [(0, 1), (1, 2), (2, 1)], [1, 2], [IN, UNDEC, UNDEC, UNDEC])
    assert listed(case, stable=True) == [frozenset({(1, OUT), (2, IN)})]

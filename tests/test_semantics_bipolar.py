"""Flattening supports into attacks: the named derived attacks, and closure under both rules."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.semantics.bipolar import BipolarGraph, derived_attacks, flatten

Edges = list[tuple[int, int]]


def graph(n: int, attacks: Edges, supports: Edges | None = None) -> BipolarGraph:
    return BipolarGraph.from_edges([f"a{i}" for i in range(n)], attacks, supports or [])


def closure_reference(
    n: int, attacks: Edges, supports: Edges, reading: str
) -> set[tuple[int, int]]:
    """Apply the two rules of a reading until nothing changes."""
    reach = {(a, a) for a in range(n)} | set(supports)
    changed = True
    while changed:
        changed = False
        for a, b in list(reach):
            for c, d in list(reach):
                if b == c and (a, d) not in reach:
                    reach.add((a, d))
                    changed = True
    result = set(attacks)
    changed = True
    while changed:
        before = len(result)
        for x, y in list(result):
            for a, b in reach:
                if reading == "deductive":
                    if b == x:
                        result.add((a, y))  # supported: a supports x, x attacks y
                    if b == y:
                        result.add((x, a))  # mediated: a supports y, x attacks y
                else:
                    if a == y:
                        result.add((x, b))  # secondary: x attacks y, y supports b
                    if a == x:
                        result.add((b, y))  # extended: x supports b, x attacks y
        changed = len(result) != before
    return result


def test_deductive_adds_supported_and_mediated_attacks() -> None:
    # 0 supports 1, 1 attacks 2: supported attack 0 -> 2.
    assert derived_attacks(graph(3, [(1, 2)], [(0, 1)]), "deductive") == [(0, 2)]
    # 0 supports 1, 2 attacks 1: mediated attack 2 -> 0.
    assert derived_attacks(graph(3, [(2, 1)], [(0, 1)]), "deductive") == [(2, 0)]


def test_necessary_adds_secondary_and_extended_attacks() -> None:
    # 2 attacks 0, 0 supports 1: secondary attack 2 -> 1.
    assert derived_attacks(graph(3, [(2, 0)], [(0, 1)]), "necessary") == [(2, 1)]
    # 0 supports 1, 0 attacks 2: extended attack 1 -> 2.
    assert derived_attacks(graph(3, [(0, 2)], [(0, 1)]), "necessary") == [(1, 2)]


def test_support_chains_are_followed() -> None:
    g = graph(4, [(2, 3)], [(0, 1), (1, 2)])
    assert derived_attacks(g, "deductive") == [(0, 3), (1, 3)]
    assert derived_attacks(g, "necessary") == []


def test_none_ignores_supports() -> None:
    g = graph(3, [(1, 2)], [(0, 1)])
    assert flatten(g, "none").edges() == [(1, 2)]


def test_unknown_reading_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown support reading"):
        flatten(graph(1, []), "abstract")


@st.composite
def bipolar(draw: st.DrawFn) -> tuple[int, Edges, Edges]:
    n = draw(st.integers(1, 7))
    pair = st.tuples(st.integers(0, n - 1), st.integers(0, n - 1))
    return n, draw(st.lists(pair, max_size=2 * n)), draw(st.lists(pair, max_size=2 * n))


@settings(max_examples=300)
@given(bipolar(), st.sampled_from(["deductive", "necessary"]))
def test_flattening_is_the_closure_of_the_two_rules(
    case: tuple[int, Edges, Edges], reading: str
) -> None:
    n, attacks, supports = case
    got = set(flatten(graph(n, attacks, supports), reading).edges())
    assert got == closure_reference(n, attacks, supports, reading)


@settings(max_examples=200)
@given(bipolar())
def test_the_readings_are_dual(case: tuple[int, Edges, Edges]) -> None:
    # Necessary support from a to b is deductive support from b to a (Cayrol and
    # Lagasquie-Schiex 2013).
    n, attacks, supports = case
    necessary = set(flatten(graph(n, attacks, supports), "necessary").edges())
    reversed_ = [(b, a) for a, b in supports]
    assert necessary == set(flatten(graph(n, attacks, reversed_), "deductive").edges())

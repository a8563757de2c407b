"""The labelling semi-stable searches start from: complete, a start only unless settled,
and semi-stable once settled."""

from __future__ import annotations

from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.semantics import extensions as ext
from argmap.semantics import seed
from argmap.semantics.acceptance import accepts
from argmap.semantics.framework import weak_components
from argmap.semantics.grounded import grounded_labels, undecided
from argmap.semantics.sat import IN, OUT, UNDEC
from argmap.semantics.seed import MOVE_REACH, maximal_labelling, wide_labelling

from .test_semantics_extensions import Edges, framework, frameworks, reference

# 0 and 1 attack each other, one of them attacks 2, which attacks itself, then a chain of
# single arguments, so that no one component holds most of the part. Whichever of 0 and 1
# attacks 2 must be in for a maximal range: built component by component, one of the two
# frameworks leaves 2 undecided, and a local move (the other labelling of the cycle) mends it.
TRAPS: list[Edges] = [
    [(0, 1), (1, 0), (first, 2), (2, 2), (1 - first, 3), (3, 4), (4, 5), (5, 6)] for first in (0, 1)
]


def _pair_trap(swap1: bool, swap2: bool) -> Edges:
    """Two cycles that must both turn for a larger range, where either alone loses an
    argument: a1-b1 and a2-b2 attack each other; p1 and p2 attack themselves, each out
    when a1 (a2) is in; c is in when both are out; q1 and q2 attack themselves, out when
    b1 (b2) or c is in; z attacks itself and is attacked by q1, so that nothing is stable.
    The swaps trade the numbers of a and b, so that one of the four frameworks is built
    with b1 and b2 in, whichever way a cycle's labelling is picked."""
    a1, b1 = (1, 0) if swap1 else (0, 1)
    a2, b2 = (3, 2) if swap2 else (2, 3)
    p1, p2, c, q1, q2, z = 4, 5, 6, 7, 8, 9
    return [
        (a1, b1), (b1, a1), (a2, b2), (b2, a2),
        (p1, p1), (a1, p1), (p2, p2), (a2, p2),
        (p1, c), (p2, c),
        (q1, q1), (b1, q1), (c, q1), (q2, q2), (b2, q2), (c, q2),
        (z, z), (q1, z),
    ]  # fmt: skip


def _complete(n: int, edges: Edges, labels: dict[int, int]) -> bool:
    """Whether the labels (of every argument) form a complete labelling."""
    attackers: dict[int, list[int]] = {a: [] for a in range(n)}
    for a, b in edges:
        attackers[b].append(a)
    for a in range(n):
        seen = {labels[b] for b in attackers[a]}
        want = OUT if IN in seen else UNDEC if UNDEC in seen else IN
        if labels[a] != want:
            return False
    return True


def _wide(
    n: int, edges: Edges, query: tuple[int, bool] | None = None, *, settled: bool = False
) -> list[tuple[list[int], dict[int, int]]]:
    """Each part given a wide (or settled) labelling, with the labels of every argument."""
    fw = framework(n, edges)
    labels = grounded_labels(fw)
    found = []
    for part in weak_components(fw, undecided(labels)):
        if settled:
            wide = maximal_labelling(fw, part, labels)
        else:
            wide = wide_labelling(fw, part, labels, query if query and query[0] in part else None)
        if wide:
            whole = {a: labels[a] for a in range(n)}
            whole.update(zip(part, wide, strict=True))
            found.append((part, whole))
    return found


def _check_answers(n: int, edges: Edges) -> None:
    expected = reference(n, edges)["semi-stable"]
    fw = framework(n, edges)
    assert ext.all_extensions(fw, "semi-stable") == expected
    assert ext.first_extension(fw, "semi-stable") in expected
    for a in range(n):
        assert accepts(fw, a, "semi-stable", "credulous") == any(a in e for e in expected)
        assert accepts(fw, a, "semi-stable", "skeptical") == all(a in e for e in expected)


def test_a_local_move_mends_a_start_built_component_by_component() -> None:
    for trap in TRAPS:
        ((_, wide),) = _wide(7, trap)
        assert _complete(7, trap, wide)
        assert wide[2] == OUT
        _check_answers(7, trap)


def test_answers_hold_whichever_labelling_the_search_starts_from() -> None:
    starts = []
    for swap1 in (False, True):
        for swap2 in (False, True):
            trap = _pair_trap(swap1, swap2)
            ((_, wide),) = _wide(10, trap)
            assert _complete(10, trap, wide)
            starts.append(wide[6])
            ((_, settled),) = _wide(10, trap, settled=True)
            assert settled[6] == IN  # settling turns both cycles
            _check_answers(10, trap)
    assert UNDEC in starts  # one start is not semi-stable: no single move mends it


@st.composite
def chained(draw: st.DrawFn) -> tuple[int, Edges]:
    """Small cycles (even, odd, self-attacking) and single arguments, attacking forward
    from one to the next: many components in one part, the case a start is built for."""
    edges: set[tuple[int, int]] = set()
    groups: list[list[int]] = []
    n = 0
    while n < draw(st.integers(4, 11)):
        size = draw(st.integers(1, 3))
        nodes = list(range(n, n + size))
        n += size
        for i, a in enumerate(nodes):
            if size > 1 or draw(st.booleans()):
                edges.add((a, nodes[(i + 1) % size]))
        if size == 2 and draw(st.booleans()):
            edges.add((nodes[1], nodes[0]))
        groups.append(nodes)
    for i, group in enumerate(groups):
        for later in groups[i + 1 :]:
            for a in group:
                for b in later:
                    if draw(st.integers(0, 5)) == 0:
                        edges.add((a, b))
    return n, sorted(edges)


@settings(max_examples=300)
@given(st.one_of(frameworks(max_n=10), chained()), st.integers(0, 9), st.booleans())
def test_a_wide_labelling_is_complete_and_meets_its_query(
    case: tuple[int, Edges], a: int, with_a: bool
) -> None:
    n, edges = case
    if n == 0:
        return
    a %= n
    for _, wide in _wide(n, edges):
        assert _complete(n, edges, wide)
    for part, wide in _wide(n, edges, (a, with_a)):
        assert _complete(n, edges, wide)
        if a in part:
            assert (wide[a] == IN) == with_a


@settings(max_examples=300)
@given(st.one_of(frameworks(max_n=10), chained()), st.booleans())
def test_a_settled_labelling_is_semi_stable(case: tuple[int, Edges], moves: bool) -> None:
    n, edges = case
    expected = reference(n, edges)["semi-stable"]
    fw = framework(n, edges)
    labels = grounded_labels(fw)
    parts = weak_components(fw, undecided(labels))
    # Without moves (none may reach a component) settling alone must find the range.
    with mock.patch.object(seed, "MOVE_REACH", MOVE_REACH if moves else 0):
        settled = _wide(n, edges, settled=True)
    if n == 0 or len(settled) < len(parts):
        return  # a part left to the search of the whole part
    ins = {a for a in range(n) if labels[a] == IN}
    for _, whole in settled:
        assert _complete(n, edges, whole)
        ins |= {a for a, label in whole.items() if label == IN}
    assert tuple(sorted(ins)) in expected

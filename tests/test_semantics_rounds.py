"""Semi-stable acceptance by rounds: the shared solver, a round's own solver, and budgets."""

from __future__ import annotations

from unittest import mock

import pytest
from hypothesis import given, settings

from argmap.semantics import acceptance, interrupt, minisat
from argmap.semantics import extensions as ext
from tests.test_semantics_extensions import Edges, framework, frameworks, reference


def _pigeons(holes: int) -> list[list[int]]:
    """holes + 1 pigeons in ``holes`` holes: unsatisfiable, and hard for resolution."""
    var = lambda p, h: p * holes + h + 1  # noqa: E731
    clauses = [[var(p, h) for h in range(holes)] for p in range(holes + 1)]
    for h in range(holes):
        for p in range(holes + 1):
            clauses += [[-var(p, h), -var(q, h)] for q in range(p + 1, holes + 1)]
    return clauses


def test_a_budget_of_propagations_stops_a_search_and_says_so() -> None:
    solver = minisat.new_solver(_pigeons(9))
    assert isinstance(solver, minisat.MiniSat)
    solver.limit(50)
    assert solver.solve_limited([]) is None
    assert solver.spent()
    assert interrupt.solve(solver, []) is None  # spent, not interrupted: no retry
    solver.limit(0)
    assert not solver.spent()
    small = minisat.new_solver(_pigeons(4))
    small.limit(10**9)
    assert interrupt.solve(small, []) is False  # the budget leaves room: the answer
    assert not small.spent()
    solver.delete()
    small.delete()


ALWAYS_OWN = mock.patch.object(acceptance, "grow_range_within", return_value=None)
NEVER_OWN = mock.patch.object(acceptance, "ROUND_BUDGET", 10**9)


@pytest.mark.parametrize("variant", [ALWAYS_OWN, NEVER_OWN], ids=["own solver", "shared"])
@settings(max_examples=300, deadline=None)
@given(frameworks(max_n=8))
def test_semi_stable_acceptance_is_right_whichever_solver_takes_a_round(
    variant: mock._patch[object], case: tuple[int, Edges]
) -> None:
    n, edges = case
    found = reference(n, edges)["semi-stable"]
    fw = framework(n, edges)
    with variant:
        for a in range(n):
            assert ext.accepts(fw, a, "semi-stable", "credulous") == any(a in e for e in found)
            assert ext.accepts(fw, a, "semi-stable", "skeptical") == all(a in e for e in found)


def test_later_rounds_share_one_solver_and_a_spent_step_goes_to_a_solver_of_its_own() -> None:
    # No stable labelling; the skeptical question of argument 5 takes two rounds.
    edges = [(1, 2), (1, 6), (2, 1), (2, 3), (3, 0), (3, 3), (3, 6), (4, 5), (5, 0), (5, 4)]
    edges += [(6, 3), (6, 4), (6, 6)]
    fw = framework(7, edges)
    expected = all(5 in e for e in reference(7, edges)["semi-stable"])
    own = mock.patch.object(acceptance, "_round", wraps=acceptance._round)
    shared = mock.patch.object(acceptance, "grow_range_within", wraps=acceptance.grow_range_within)
    with own as rounds, shared as grown:
        assert ext.accepts(fw, 5, "semi-stable", "skeptical") == expected
    assert (rounds.call_count, grown.call_count) == (1, 1)  # the second round is shared
    with own as rounds, ALWAYS_OWN:
        assert ext.accepts(fw, 5, "semi-stable", "skeptical") == expected
    assert rounds.call_count == 2  # its growth "spent": the round went to its own solver

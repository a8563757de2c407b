"""The MiniSat 2.2 binding: the same answers as python-sat's own class, and a quick start."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from argmap.semantics import extensions as ext
from argmap.semantics import minisat
from tests.test_semantics_extensions import Edges, framework, frameworks, reference


def test_a_solver_answers_finds_models_and_refuses_after_an_unsatisfiable_search() -> None:
    solver = minisat.new_solver([[1, 2], [-1]])
    assert isinstance(solver, minisat.MiniSat)
    assert solver.get_model() is None  # no search yet
    assert solver.solve_limited([]) is True
    assert solver.get_model() == [-1, 2]
    assert solver.solve_limited([-2]) is False
    assert solver.get_model() is None
    solver.set_phases([-2])
    solver.add_clause([3])
    assert solver.solve_limited([], expect_interrupt=True) is True
    assert solver.get_model() == [-1, 2, 3]
    solver.delete()
    solver.delete()  # a second delete frees nothing twice


def test_a_clause_that_is_no_list_of_integers_fails_at_once(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(TypeError):
        minisat.new_solver([[1, "x"]])  # type: ignore[list-item]
    import gc

    gc.collect()  # the half-built solver is freed without an error of its own
    assert capsys.readouterr().err == ""


def test_without_the_compiled_calls_python_sats_class_is_used() -> None:
    solver = minisat.new_solver([[1], [-1, 2]], compiled=False)
    try:
        assert not isinstance(solver, minisat.MiniSat)
        assert solver.solve_limited(assumptions=[], expect_interrupt=True) is True
        assert solver.get_model() == [1, 2]
    finally:
        solver.delete()


@settings(max_examples=300)
@given(frameworks())
def test_both_solvers_give_every_semantics_the_reference_answers(case: tuple[int, Edges]) -> None:
    n, edges = case
    expected = reference(n, edges)
    fw = framework(n, edges)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(minisat, "_compiled", lambda: None)
        fallback = {s: ext.all_extensions(fw, s) for s in ext.SEMANTICS}
    compiled = {s: ext.all_extensions(fw, s) for s in ext.SEMANTICS}
    assert fallback == compiled == {s: expected[s] for s in ext.SEMANTICS}

"""MiniSat 2.2 as python-sat compiles it: the few calls the labelling searches make.

python-sat's ``pysat.solvers`` wraps each solver in a Python class, and importing it
loads typing, tempfile, its formula module and its cardinality engines: about 11 ms of
CPU, more than the whole search of many tasks. The searches here need nine functions of
the compiled ``pysolvers`` module under it, and this class calls them directly (adding
the clauses of a large encoding is quicker too: no method call and no checks per clause).
A python-sat release that names them otherwise gets ``pysat.solvers``' own MiniSat 2.2.

MiniSat 2.2 is quick to load clauses, good with assumptions (incremental use), and about
three times Glucose 4's pace when a search lists many labellings, one blocking clause
each; it is no slower than Glucose on any task of bench/bench_iccma.py.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import Any

__all__ = ["new_solver"]

_CALLS = (
    "new", "add_cl", "setphases", "solve_lim", "interrupt", "clearint", "model", "del",
    "pbudget", "acc_stats",
)  # fmt: skip


def _compiled() -> Any:
    """The ``pysolvers`` module, when it has every call this module makes; else None."""
    try:
        import pysolvers  # type: ignore[import-not-found]
    except ImportError:  # pragma: no cover - python-sat always ships it
        return None
    if all(hasattr(pysolvers, "minisat22_" + name) for name in _CALLS):
        return pysolvers
    return None  # pragma: no cover - a release that renamed them


class MiniSat:
    """One MiniSat 2.2 instance, with the interface of python-sat's solver classes that
    :mod:`argmap.semantics.interrupt` and the labelling solver use."""

    def __init__(self, lib: Any, clauses: Iterable[list[int]]) -> None:
        self._lib = lib
        self._sat = False
        self._limit = 0  # the propagations at which the budget runs out; 0: none
        self._handle = handle = lib.minisat22_new()
        add = lib.minisat22_add_cl
        for clause in clauses:
            add(handle, clause)

    def add_clause(self, clause: list[int]) -> None:
        """Add a clause for good."""
        self._lib.minisat22_add_cl(self._handle, clause)

    def set_phases(self, literals: list[int]) -> None:
        """Try each literal's variable with its sign first."""
        self._lib.minisat22_setphases(self._handle, literals)

    def solve_limited(self, assumptions: list[int], expect_interrupt: bool = False) -> bool | None:
        """True or False, or None when :meth:`interrupt` stopped the search."""
        main = threading.current_thread() is threading.main_thread()
        found = self._lib.minisat22_solve_lim(
            self._handle, assumptions, int(main), int(expect_interrupt)
        )
        self._sat = found is True
        return found  # type: ignore[no-any-return]

    def limit(self, propagations: int) -> None:
        """Let the next searches propagate at most this many literals more; 0: no limit.
        A search that reaches the limit returns None, as an interrupted one does."""
        if propagations > 0:
            self._limit = self._propagations() + propagations
            self._lib.minisat22_pbudget(self._handle, propagations)
        else:
            self._limit = 0
            self._lib.minisat22_pbudget(self._handle, -1)

    def spent(self) -> bool:
        """Whether the last search stopped at the limit :meth:`limit` set."""
        return self._limit > 0 and self._propagations() >= self._limit

    def _propagations(self) -> int:
        return int(self._lib.minisat22_acc_stats(self._handle)["propagations"])

    def interrupt(self) -> None:
        """Stop the running search (from another thread)."""
        self._lib.minisat22_interrupt(self._handle)

    def clear_interrupt(self) -> None:
        """Let the next search run after an interrupted one."""
        self._lib.minisat22_clearint(self._handle)

    def get_model(self) -> list[int] | None:
        """The model of the last search, when it found one."""
        if not self._sat:
            return None
        model: list[int] | None = self._lib.minisat22_model(self._handle)
        return model if model is not None else []

    def delete(self) -> None:
        """Free the solver; later calls are errors."""
        if self._handle is not None:
            self._lib.minisat22_del(self._handle)
            self._handle = None

    def __del__(self) -> None:
        # A solver dropped without delete (an error between creating it and its search).
        self.delete()


def new_solver(clauses: Iterable[list[int]], *, compiled: bool = True) -> Any:
    """A MiniSat 2.2 solver holding ``clauses``: this module's, or with ``compiled=False``
    (or when the compiled calls are missing) python-sat's own class."""
    lib = _compiled() if compiled else None
    if lib is not None:
        return MiniSat(lib, clauses)
    from pysat.solvers import Solver  # type: ignore[import-untyped]

    return Solver(name="minisat22", bootstrap_with=clauses)

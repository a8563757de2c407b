"""SAT encodings of complete labellings (python-sat), and the searches built on them.

Each solver covers one part of a framework (a strongly connected component, or a weakly
connected part of what the grounded labelling leaves open) while the labels of every
argument outside that part are fixed. The encoding is the labelling-based one of
Caminada and Gabbay (2009) as used by the SAT solvers of ICCMA, e.g. Cerutti, Dunne,
Giacomin and Vallati (2013), "Computing preferred extensions in abstract argumentation:
a SAT-based approach" (TAFA 2013): one variable says "in", one says "out", neither means
undecided. Searches are incremental: one solver per part, activation literals for
temporary constraints, blocking clauses for answers already given.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from argmap.semantics import interrupt
from argmap.semantics.encoding import admissible_clauses, complete_clauses, stable_clauses
from argmap.semantics.framework import Framework

UNDEC, IN, OUT = 0, 1, 2


def label_from(attacker_labels: Iterable[int]) -> int:
    """The label a complete labelling gives an argument that does not attack itself, from
    its attackers' labels: out when one is in, undecided when one is, else in."""
    seen = set(attacker_labels)
    return OUT if IN in seen else UNDEC if UNDEC in seen else IN


class LabellingSolver:
    """Complete labellings of ``nodes`` given fixed labels of every other argument.

    An outside attacker labelled in makes a node out; one labelled undecided keeps the
    node from being in; one labelled out does not count. With ``stable`` no node may be
    undecided; with ``ranges`` a third variable per node says "in or out". With
    ``admissible`` the solver holds only "in" variables and finds admissible sets, the
    lighter encoding that suffices for preferred semantics (preferred extensions are the
    maximal admissible sets, Dung 1995); nodes with an outside attacker labelled in must
    not be among ``nodes`` then.
    """

    def __init__(
        self,
        fw: Framework,
        nodes: Sequence[int],
        labels: bytearray,
        *,
        stable: bool = False,
        ranges: bool = False,
        admissible: bool = False,
    ) -> None:
        self.nodes = list(nodes)
        k = len(self.nodes)
        self._k = k
        # Admissible sets, and stable labellings without ranges, hold only "in" variables.
        self._stride = 1 if admissible or (stable and not ranges) else 2
        self._next = (3 * k if ranges else self._stride * k) + 1
        local = {a: i for i, a in enumerate(self.nodes)}
        attackers = fw.attackers
        # Attackers among the nodes, and whether an outside attacker is in or undecided.
        inner: list[list[int]] = []
        outside_in = bytearray(k)
        outside_undec = bytearray(k)
        for i, a in enumerate(self.nodes):
            row = []
            for b in attackers[a]:
                j = local.get(b)
                if j is not None:
                    row.append(j)
                elif labels[b] == IN:
                    outside_in[i] = 1
                elif labels[b] == UNDEC:
                    outside_undec[i] = 1
            inner.append(row)
        self._inner = inner
        self.stable = stable
        self._ranges = ranges
        if admissible:
            clauses = admissible_clauses(inner, outside_undec)
        elif self._stride == 1:
            clauses = stable_clauses(inner, outside_in, outside_undec)
        else:
            clauses = complete_clauses(inner, outside_in, outside_undec, stable, ranges)
        # Imported here: the grounded labelling, all that many tasks need, needs no solver.
        from argmap.semantics.minisat import new_solver

        self._solver = new_solver(clauses)
        # Prefer "in" (and "in or out"): the first model is then close to maximal, so few
        # growth steps follow (a search for a maximal range takes a fifth fewer steps, and
        # half the time, on a small-world framework of 30,000 arguments).
        phases = [self.var_in(i) for i in range(k)]
        if ranges:
            phases += [self.var_range(i) for i in range(k)]
        self._solver.set_phases(phases)
        self._phases = phases
        self._pointed = False
        self._model: list[int] = []

    @property
    def size(self) -> int:
        """The number of nodes the solver labels."""
        return self._k

    def close(self) -> None:
        """Free the solver."""
        self._solver.delete()

    def fresh(self) -> int:
        """A new variable, for activation literals."""
        var = self._next
        self._next += 1
        return var

    def add(self, clause: list[int]) -> None:
        """Add a clause for good."""
        self._solver.add_clause(clause)

    def prefer(self, literals: Sequence[int]) -> None:
        """Phases for the next searches: each literal's variable is tried with its sign first."""
        self._solver.set_phases(list(literals))

    def prefer_small(self) -> None:
        """Phases for questions of existence: "in" last, as a small answer is found soonest
        (an admissible set holding one cell of a 100,000-cell grid: 1.5 s, where one as
        large as the solver could make it took 8 s). A growth step prefers "in" again."""
        self._solver.set_phases([-self.var_in(i) for i in range(self._k)])

    def prefer_labels(self, labels: Sequence[int]) -> None:
        """Phases from one label per node (local order): the next search tries that
        labelling first, so a labelling known to be complete is found without search.
        Once a search succeeds, the usual phases ("in" first) come back."""
        phases = []
        for i, label in enumerate(labels):
            phases.append(self.var_in(i) if label == IN else -self.var_in(i))
            if self._stride == 2:
                phases.append(2 * i + 2 if label == OUT else -(2 * i + 2))
            if self._ranges:
                phases.append(self.var_range(i) if label != UNDEC else -self.var_range(i))
        self._solver.set_phases(phases)
        self._pointed = True

    def prefer_wider(self) -> None:
        """Phases for a search that widens the in-set or range of the last model: "in"
        first, or for a range each node's in and out as the model has them and "in or out"
        first. A step then keeps what the model decided and adds what it can, where the
        phases the solver saves add about one argument a step: for a maximal range on a
        framework of one large component, a tenth of the steps and two thirds of the time;
        for a preferred extension of a grid of 10,000 arguments, 5 steps for 356."""
        k = self._k
        if self._ranges:
            self._solver.set_phases([*self._model[: 2 * k], *map(self.var_range, range(k))])
        else:
            self._solver.set_phases(self._phases)

    def solve(self, assumptions: Sequence[int] = ()) -> bool:
        """Look for a labelling under the assumptions; remember its model."""
        return bool(self._search(assumptions))

    def solve_within(self, assumptions: Sequence[int], propagations: int) -> bool | None:
        """As :meth:`solve`, but None when the search propagates this many literals and
        has no answer yet (0: no limit; a solver that cannot count them searches to the end)."""
        limit = getattr(self._solver, "limit", None)
        if limit is None:  # pragma: no cover - python-sat's own class, without the calls
            return self.solve(assumptions)
        limit(propagations)
        try:
            return self._search(assumptions)
        finally:
            limit(0)

    def _search(self, assumptions: Sequence[int]) -> bool | None:
        found = interrupt.solve(self._solver, list(assumptions))
        if not found:
            return found
        self._model = self._solver.get_model() or []
        if self._pointed:
            self._pointed = False
            self._solver.set_phases(self._phases)
        return True

    def solve_from(self, start: Sequence[int], assumptions: Sequence[int] = ()) -> bool:
        """Look for a labelling meeting ``start`` too (a labelling to grow from), and for
        any labelling under the assumptions when none does."""
        if start and self.solve([*assumptions, *start]):
            return True
        return self.solve(assumptions)

    def var_in(self, i: int) -> int:
        """The "in" variable of local node ``i``."""
        return self._stride * i + 1

    def var_range(self, i: int) -> int:
        """The "in or out" variable of local node ``i`` (needs ``ranges``)."""
        return 2 * self._k + i + 1

    def ins(self) -> list[int]:
        """Local indices of the nodes in, in the last model."""
        model = self._model
        stride = self._stride
        return [i for i in range(self._k) if model[stride * i] > 0]

    def in_range(self) -> list[int]:
        """Local indices of the nodes in or out (not undecided), in the last model; the
        solver must be built with ``ranges``, whose range variables say just that."""
        start = 2 * self._k
        return [i for i, v in enumerate(self._model[start : start + self._k]) if v > 0]

    def labelling(self) -> list[tuple[int, int]]:
        """``(argument, label)`` for every node, from the last model."""
        model = self._model
        if self._stride == 1:
            # No "out" variable: out is what the set attacks (every other node, when stable).
            ins = bytearray(self._k)
            for i in self.ins():
                ins[i] = 1
            if self.stable:
                return [(a, IN if ins[i] else OUT) for i, a in enumerate(self.nodes)]
            return [
                (a, IN if ins[i] else OUT if any(ins[j] for j in self._inner[i]) else UNDEC)
                for i, a in enumerate(self.nodes)
            ]
        result = []
        for i, a in enumerate(self.nodes):
            if model[2 * i] > 0:
                result.append((a, IN))
            elif model[2 * i + 1] > 0:
                result.append((a, OUT))
            else:
                result.append((a, UNDEC))
        return result

    def block_ins(
        self, ins: Sequence[int], activation: int | None = None, *, antichain: bool = False
    ) -> None:
        """Exclude every labelling with exactly this in-set (complete labellings are
        determined by their in-set).

        With ``antichain`` the labellings searched have in-sets no one of which holds
        another (stable labellings; labellings of one range), so the shorter of "some
        member is not in" and "some non-member is in" excludes this one alone among them.
        """
        chosen = set(ins)
        stride = self._stride
        members = [-stride * i - 1 for i in sorted(chosen)]
        others = [stride * i + 1 for i in range(self._k) if i not in chosen]
        if antichain and members and others:
            clause = members if len(members) <= len(others) else others
        else:
            clause = members + others
        if activation is not None:
            clause.append(-activation)
        self.add(clause)


def enumerate_complete(solver: LabellingSolver) -> Iterator[list[tuple[int, int]]]:
    """Every labelling the solver admits (complete, or stable when built so)."""
    while solver.solve():
        yield solver.labelling()
        if solver.size == 0:
            return
        solver.block_ins(solver.ins(), antichain=solver.stable)


class _Spent(Exception):
    """A growth step ran out of its budget of propagations."""


def _grow(
    solver: LabellingSolver, ins: list[int], pick: int, held: bool = False, budget: int = 0
) -> list[int]:
    """Enlarge the chosen set (in-set, or range with ``pick`` = range) until maximal.

    With ``held`` the chosen set is added to the solver for good as it grows, where it is
    otherwise assumed at each step: for a solver that does nothing else afterwards. The
    solver then simplifies its clauses with it, and the last step, the proof that nothing
    more can be chosen, is several times quicker (15 s where it took 99 s, on a framework
    of 100,000 arguments in small components attacking each other downstream). With a
    ``budget``, a step that propagates that many literals without an answer raises _Spent.
    """
    var = solver.var_in if pick == IN else solver.var_range
    outside = list(range(solver.size))
    kept: set[int] = set()
    first = selector = 0
    try:
        while True:
            chosen = set(ins)
            outside = [i for i in outside if i not in chosen]
            if not outside:
                return ins
            solver.prefer_wider()
            if held:
                for i in chosen - kept:
                    solver.add([var(i)])
            else:
                # One selector holds the chosen set: it implies the last one and the new
                # members (assuming every member would take a decision level each).
                new = solver.fresh()
                for i in chosen - kept:
                    solver.add([-new, var(i)])
                if selector:
                    solver.add([-new, selector])
                first, selector = first or new, new
            kept = chosen
            act = solver.fresh()
            solver.add([-act, *map(var, outside)])  # some argument not yet chosen
            assumptions = [act] if held else [act, selector]
            found = solver.solve_within(assumptions, budget)
            solver.add([-act])
            if found is None:
                raise _Spent
            if not found:
                return ins
            ins = solver.ins() if pick == IN else solver.in_range()
    finally:
        if first:
            solver.add([-first])  # every selector implies the first: all are retired


def grow_preferred(solver: LabellingSolver, held: bool = False) -> list[tuple[int, int]]:
    """From the last model, grow the in-set until maximal; the preferred labelling found.

    Adds nothing for good, unless ``held`` (for a solver used for this search alone).
    """
    _grow(solver, solver.ins(), IN, held)
    # The last model found while growing is the one with the maximal in-set.
    return solver.labelling()


def block_subsets(solver: LabellingSolver, labelling: list[tuple[int, int]]) -> bool:
    """Demand an in-set that is not inside this labelling's; False if nothing is left."""
    ins = {a for a, label in labelling if label == IN}
    blocking = [solver.var_in(i) for i, a in enumerate(solver.nodes) if a not in ins]
    if not blocking:
        return False
    solver.add(blocking)
    return True


def enumerate_preferred(solver: LabellingSolver) -> Iterator[list[tuple[int, int]]]:
    """Labellings whose in-set is maximal among the solver's (preferred labellings).

    PrefSAT's scheme (Cerutti et al. 2013): find any complete labelling, grow its in-set
    until no larger one exists, report it, then demand an in-set not inside any reported.
    """
    while solver.solve():
        labelling = grow_preferred(solver)
        yield labelling
        if not block_subsets(solver, labelling):
            return


def enumerate_range_maximal(
    solver: LabellingSolver, start: Sequence[int] = (), *, maximal: bool = False
) -> Iterator[list[tuple[int, int]]]:
    """Labellings whose range (in or out) is maximal: semi-stable labellings
    (Caminada 2006). The solver must be built with ``ranges``.

    Each maximal range is found by growth as in :func:`enumerate_preferred`, the first
    from a labelling meeting the assumptions ``start`` when there is one (with
    ``maximal``, a range known to be maximal: no growth); then every labelling with
    exactly that range is listed before the range itself is blocked.
    """
    while solver.solve_from(start):
        rng = solver.in_range()
        if not (maximal and len(rng) == len(start)):
            rng = _grow(solver, rng, OUT)
        start, maximal = [], False
        inside = set(rng)
        fixed = [
            solver.var_range(i) if i in inside else -solver.var_range(i) for i in range(solver.size)
        ]
        act = solver.fresh()
        while solver.solve([*fixed, act]):
            yield solver.labelling()
            solver.block_ins(solver.ins(), activation=act, antichain=True)
        solver.add([-act])
        blocking = [solver.var_range(i) for i in range(solver.size) if i not in inside]
        if not blocking:
            return
        solver.add(blocking)


def grow_range(solver: LabellingSolver, *, held: bool = False) -> list[int]:
    """From the last model, grow the range until maximal; its local indices.

    The solver must be built with ``ranges``. Adds nothing for good, unless ``held``: then
    the range found is held for good, for a solver used for this search alone.
    """
    return _grow(solver, solver.in_range(), OUT, held)


def grow_range_within(solver: LabellingSolver, propagations: int) -> list[int] | None:
    """As :func:`grow_range` (adding nothing for good), or None when a step of the growth
    propagates ``propagations`` literals without an answer; the last model is then the
    widest labelling found."""
    try:
        return _grow(solver, solver.in_range(), OUT, budget=propagations)
    except _Spent:
        return None

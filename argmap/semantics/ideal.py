"""The ideal extension (Dung, Mancarella and Toni 2007) without listing preferred extensions.

Dunne (2009), "The computational complexity of ideal semantics" (AIJ 173), characterises
it as the largest admissible set of arguments that are credulously accepted and attacked
by no credulously accepted argument. Deciding credulous acceptance of every argument
would take a SAT call each; instead the search starts from an over-approximation (every
argument the grounded labelling leaves open counts as a candidate) and shrinks it:

1. the largest self-defending subset of the candidates is found in linear time, by
   removing undefended arguments until none is left (a greatest fixed point, which holds
   every admissible subset, the ideal extension among them);
2. if that core is conflict-free it is admissible, so its members are credulously
   accepted; it is the ideal extension once none of its attackers is, which one SAT call
   per batch of weakly connected parts ("an admissible set holding one of them") settles;
3. otherwise the SAT answers mark arguments accepted (their targets stop being
   candidates) or, where there is no such set, rule the asked arguments out, and the loop
   goes on.

On a large cyclic part the core is usually empty after step 1, and no SAT call is made.
"""

from __future__ import annotations

from argmap.semantics.framework import Framework, weak_components
from argmap.semantics.grounded import grounded_labels, members, undecided
from argmap.semantics.reduct import reduct
from argmap.semantics.sat import UNDEC, LabellingSolver

__all__ = ["ideal_extension"]

_UNKNOWN, _ACCEPTED, _REJECTED = 0, 1, 2

#: The fewest open arguments a solver is made for, where small parts are grouped.
BATCH = 1_000


def ideal_extension(fw: Framework, labels: bytearray | None = None) -> tuple[int, ...]:
    """The ideal extension, sorted.

    Args:
        fw: The framework.
        labels: Its grounded labelling, when already computed.
    """
    if labels is None:
        labels = grounded_labels(fw)
    base = list(members(labels))
    residual = undecided(labels)
    if not residual:
        return tuple(base)
    reduced = reduct(fw, labels)
    if reduced is not None:
        sub, back = reduced
        return tuple(sorted(base + [back[a] for a in ideal_extension(sub)]))
    status = bytearray(fw.n)  # credulous acceptance, as far as known
    core_of = _Core(fw, residual, labels)
    gone: list[int] = []  # arguments that stopped being candidates since the last core
    attackers, targets = fw.attackers, fw.targets
    batches = _Batches(fw, residual, labels)
    try:
        while True:
            core = core_of.without(gone, residual)
            gone = []
            if not core:
                return tuple(base)
            in_core = bytearray(fw.n)
            for a in core:
                in_core[a] = 1
            conflicts = {b for a in core for b in attackers[a] if in_core[b]}
            if conflicts:
                ask = sorted(conflicts)
            else:
                for a in core:  # an admissible set: its members are accepted
                    status[a] = _ACCEPTED
                    gone.extend(targets[a])
                open_ = {b for a in core for b in attackers[a] if labels[b] == UNDEC}
                ask = sorted(b for b in open_ if status[b] == _UNKNOWN)
                if not ask:
                    return tuple(sorted(base + core))
            found, rejected = batches.ask(ask, status)
            for b in rejected:
                status[b] = _REJECTED
            gone.extend(rejected)
            for b in found:
                status[b] = _ACCEPTED
                gone.extend(targets[b])
    finally:
        batches.close()


class _Batches:
    """The open arguments' weakly connected parts, grouped into batches of at least
    ``BATCH`` arguments (a larger part is a batch of its own), each with its own solver.

    The parts share no attack, and an argument's attackers outside its part are out
    (beaten by the grounded extension already), so an admissible set holding one of the
    asked arguments of a batch exists only if one made of that batch's arguments does
    (its arguments in the batch are one), and admissible sets of two batches join. One
    solver for every open argument would prove, for 20,000 small parts at once, that none
    of them has such a set, and its learnt clauses grow with all of them: 38 s on 100,000
    arguments, where a batch at a time takes a fraction of a second.
    """

    def __init__(self, fw: Framework, residual: list[int], labels: bytearray) -> None:
        self._fw = fw
        self._labels = labels
        self._residual = residual
        self.groups: list[list[int]] = []  # made at the first question: often none is asked
        self._group_of: dict[int, int] = {}
        self._solvers: dict[int, LabellingSolver] = {}

    def _group(self) -> None:
        for part in weak_components(self._fw, self._residual):
            if self.groups and len(self.groups[-1]) < BATCH:
                self.groups[-1] += part
            else:
                self.groups.append(part)
        for group in self.groups:
            group.sort()
        self._group_of = {a: g for g, group in enumerate(self.groups) for a in group}

    def ask(self, ask: list[int], status: bytearray) -> tuple[list[int], list[int]]:
        """The members of admissible sets holding one asked argument of each batch that
        has one (together admissible), and the asked arguments of the batches that have none.
        """
        if not self.groups:
            self._group()
        by_group: dict[int, list[int]] = {}
        for b in ask:
            by_group.setdefault(self._group_of[b], []).append(b)
        found: list[int] = []
        rejected: list[int] = []
        for g, asked in sorted(by_group.items()):
            solver = self._solvers.get(g)
            if solver is None:
                solver = LabellingSolver(self._fw, self.groups[g], self._labels, admissible=True)
                self._solvers[g] = solver
            members = _admissible_with_one_of(solver, self.groups[g], asked, status)
            if members is None:
                rejected += asked
            else:
                found += members
        return found, rejected

    def close(self) -> None:
        """Free every solver."""
        for solver in self._solvers.values():
            solver.close()


def _admissible_with_one_of(
    solver: LabellingSolver, residual: list[int], ask: list[int], status: bytearray
) -> list[int] | None:
    """The members of an admissible set holding one of ``ask``, or None when none does.

    The solver is steered toward sets made of the asked arguments rather than of those
    already known to be accepted, so that one answer settles as many as it can: with its
    phases saved from the last answer it would return that answer again with the
    smallest change, one asked argument at a time.
    """
    local = {a: i for i, a in enumerate(residual)}
    asked = set(ask)
    solver.prefer(
        [
            solver.var_in(i) if a in asked else -solver.var_in(i)
            for i, a in enumerate(residual)
            if a in asked or status[a] == _ACCEPTED
        ]
    )
    act = solver.fresh()
    solver.add([-act, *(solver.var_in(local[b]) for b in ask)])
    found = solver.solve([act])
    solver.add([-act])
    if not found:
        return None
    return [residual[i] for i in solver.ins()]


class _Core:
    """The largest subset of the candidates defending each of its members, kept as
    candidates are taken away (the core of fewer candidates lies within the core of more).

    An open argument's attackers are open or out; the out ones are beaten by the grounded
    extension already, so only open attackers need a counter-attack from the set. Each
    attack is looked at a bounded number of times over all the removals together.
    """

    def __init__(self, fw: Framework, candidates: list[int], labels: bytearray) -> None:
        self._fw = fw
        self._labels = labels
        targets, attackers = fw.targets, fw.attackers
        self._inside = inside = bytearray(fw.n)
        for a in candidates:
            inside[a] = 1
        self._hits = hits = [0] * fw.n  # how many members attack each argument
        for a in candidates:
            for t in targets[a]:
                hits[t] += 1
        queue = []
        for a in candidates:
            if any(labels[b] == UNDEC and not hits[b] for b in attackers[a]):
                inside[a] = 0
                queue.append(a)
        self._cascade(queue)

    def without(self, removed: list[int], candidates: list[int]) -> list[int]:
        """The core once ``removed`` are no candidates, sorted as ``candidates``."""
        inside = self._inside
        queue = []
        for a in removed:
            if inside[a]:
                inside[a] = 0
                queue.append(a)
        self._cascade(queue)
        return [a for a in candidates if inside[a]]

    def _cascade(self, queue: list[int]) -> None:
        """Take out, after the arguments of ``queue`` (out already), all they defended alone."""
        targets, labels, inside, hits = self._fw.targets, self._labels, self._inside, self._hits
        for a in queue:  # the queue grows while it is read
            for t in targets[a]:
                hits[t] -= 1
                if not hits[t] and labels[t] == UNDEC:
                    for c in targets[t]:
                        if inside[c]:
                            inside[c] = 0
                            queue.append(c)

"""A complete labelling with a wide range, built component by component: where the search
for a maximal range (semi-stable semantics) starts, and often its answer.

Semi-stable semantics is not directional, so a labelling that gives each strongly
connected component a maximal range, given the labels upstream, need not have a maximal
range itself (a and b attack each other, a attacks c, c attacks itself: with b in, c is
undecided; with a in, it is out). It is still a complete labelling, since complete
semantics is SCC-recursive (Baroni, Giacomin and Guida 2005), and on a part made of many
small components it is close to maximal. One pass of local moves brings it closer: a
component that has another labelling of the same range takes it when the components
downstream, labelled again, lose no argument from the range and gain one.

The range is then settled where it can still change. A labelling with a larger range
agrees with this one on every component whose upstream it agrees on and which has no
other labelling of its range, so it differs only downstream of the components that have
one. Those arguments fall into weakly connected pieces that share no attack, each
searched for a maximal range on its own with everything else held: a few small SAT
problems where a search over the whole part is one large one.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence

from argmap.semantics.framework import Framework, strongly_connected, weak_components
from argmap.semantics.sat import IN, UNDEC, LabellingSolver, grow_range, label_from

__all__ = ["maximal_labelling", "start_from", "wide_labelling"]

#: Other labellings a component tries, the components one move may label again, and
#: the components all moves together may label again, per component of the part.
ALTERNATIVES = 3
MOVE_REACH = 200
MOVE_BUDGET = 4

Query = tuple[int, bool] | None


def wide_labelling(
    fw: Framework, part: list[int], labels: bytearray, query: Query = None
) -> list[int]:
    """Such a labelling of ``part``: one label per argument, in the order of ``part``.

    Args:
        fw: The framework.
        part: A weakly connected part of the arguments the labels leave undecided, sorted.
        labels: The labels around the part (left as they are).
        query: ``(a, with_a)``: the labelling must have ``a`` in (or, with False, not in).

    Returns:
        The labels, or an empty list when one component holds more than half the part
        (searching it would be most of the search of the part) or when no labelling built
        this way meets the query.
    """
    wide = _Wide(fw, part, labels, query)
    try:
        return wide.labels() if wide.build() else []
    finally:
        wide.restore()


def maximal_labelling(
    fw: Framework, part: list[int], labels: bytearray, *, search: bool = True
) -> list[int]:
    """A labelling of ``part`` whose range is maximal (a semi-stable labelling of the
    part): a wide one, settled, or when one component holds more than half the part, one
    found by a search of the whole part (with ``search``; else an empty list).

    That search holds what it finds for good, which pays when one extension is wanted;
    when all are, a search of the part that goes on to the others gains more from what
    it learns on the way.
    """
    wide = _Wide(fw, part, labels, None)
    try:
        if wide.build():
            wide.settle()
            return wide.labels()
        if not search:
            return []
        wide._label(part, (), held=True)  # the part is all one search
        return wide.labels()
    finally:
        wide.restore()


def start_from(solver: LabellingSolver, labelling: list[int]) -> list[int]:
    """Point the solver at a labelling of its nodes: the assumptions that its range is
    held (to grow from), with phases that find the labelling itself first."""
    if not labelling:
        return []
    solver.prefer_labels(labelling)
    return [solver.var_range(i) for i, label in enumerate(labelling) if label != UNDEC]


class _Wide:
    """The labelling of one part as it is built, moved and settled (see the module).

    It is written into ``labels`` itself, where only the part's own labels change (every
    component and piece labelled lies within the part), and :meth:`restore` puts those
    back: a copy of all the labels for each part would cost the framework's size for
    each of its parts.
    """

    def __init__(self, fw: Framework, part: list[int], labels: bytearray, query: Query) -> None:
        self.fw = fw
        self.part = part
        self.query = query
        self.work = labels
        self._saved = bytes(labels[a] for a in part)
        self.units = strongly_connected(fw, part)
        self.unit_of: dict[int, int] = {}  # filled by build, for a part it can label
        self.roots: list[int] = []  # components with another labelling of their range
        self.budget = MOVE_BUDGET * len(self.units)

    def labels(self) -> list[int]:
        return [self.work[a] for a in self.part]

    def restore(self) -> None:
        """Give the part back the labels it had."""
        for a, label in zip(self.part, self._saved, strict=True):
            self.work[a] = label

    def build(self) -> bool:
        """Label every component, then make one pass of moves; False when no labelling
        is built (see :func:`wide_labelling`)."""
        if max(map(len, self.units)) * 2 > len(self.part):
            return False  # one component holds most of the part: its search is most of it
        self.unit_of = {a: i for i, unit in enumerate(self.units) for a in unit}
        if not all(self._label(unit, ()) for unit in self.units):
            return False
        for index, unit in enumerate(self.units):
            if len(unit) == 1 or not self._downstream(unit) or self._holds_query(unit):
                continue  # a single argument's label follows from its attackers'
            others = self._others(unit)
            if others:
                self.roots.append(index)
            for other in others:
                if self.budget <= 0 or self._try(other):
                    break
        return True

    def settle(self) -> None:
        """Give the range its maximum where it can still change."""
        reach = set(self.roots)
        stack = list(self.roots)
        while stack:
            for j in self._downstream(self.units[stack.pop()]) - reach:
                reach.add(j)
                stack.append(j)
        free = sorted(a for j in reach for a in self.units[j])
        for piece in weak_components(self.fw, free):
            solver = LabellingSolver(self.fw, piece, self.work, ranges=True)
            try:
                found = solver.solve(start_from(solver, [self.work[a] for a in piece]))
                assert found, "a complete labelling holds its own range"
                grow_range(solver, held=True)
                for a, label in solver.labelling():
                    self.work[a] = label
            finally:
                solver.close()

    def _label(self, unit: list[int], keep: Sequence[int], *, held: bool = False) -> bool:
        """Label one component with a maximal range given the labels upstream, holding
        the arguments ``keep`` in the range; False when no labelling does (or none meets
        the query). ``held`` is passed on to :func:`grow_range`."""
        fw, work, query = self.fw, self.work, self.query
        if len(unit) == 1 and (query is None or unit[0] != query[0]):
            a = unit[0]
            label = label_from(work[b] for b in fw.attackers[a])
            label = UNDEC if label == IN and fw.self_attacking(a) else label
            if keep and label == UNDEC:
                return False
            work[a] = label
            return True
        solver = LabellingSolver(fw, unit, work, ranges=True)
        try:
            if query is not None and query[0] in unit:
                var = solver.var_in(unit.index(query[0]))
                solver.add([var if query[1] else -var])
            local = {a: i for i, a in enumerate(unit)}
            if not solver.solve([solver.var_range(local[a]) for a in keep]):
                return False
            grow_range(solver, held=held)
            for a, label in solver.labelling():
                work[a] = label
            return True
        finally:
            solver.close()

    def _holds_query(self, unit: list[int]) -> bool:
        return self.query is not None and self.query[0] in unit

    def _downstream(self, args: list[int]) -> set[int]:
        """The components other than their own that these arguments attack."""
        unit_of, targets = self.unit_of, self.fw.targets
        found = {unit_of.get(b, -1) for a in args for b in targets[a]}
        found.discard(-1)
        found.difference_update(unit_of[a] for a in args)
        return found

    def _others(self, unit: list[int]) -> list[list[tuple[int, int]]]:
        """Other labellings of the component with the same range, given the labels upstream."""
        work = self.work
        solver = LabellingSolver(self.fw, unit, work, ranges=True)
        try:
            fixed = [
                solver.var_range(i) if work[a] != UNDEC else -solver.var_range(i)
                for i, a in enumerate(unit)
            ]
            solver.block_ins([i for i, a in enumerate(unit) if work[a] == IN], antichain=True)
            found: list[list[tuple[int, int]]] = []
            while len(found) < ALTERNATIVES and solver.solve(fixed):
                found.append(solver.labelling())
                solver.block_ins(solver.ins(), antichain=True)
            return found
        finally:
            solver.close()

    def _try(self, labelling: list[tuple[int, int]]) -> bool:
        """Take the labelling when, with the components downstream labelled again, no
        argument leaves the range and one joins it; else put every label back."""
        work = self.work
        saved = {a: work[a] for a, _ in labelling}
        for a, label in labelling:
            work[a] = label
        gain = 0
        pending = list(self._downstream([a for a, label in labelling if label != saved[a]]))
        heapq.heapify(pending)
        queued = set(pending)
        while pending:
            if len(queued) > MOVE_REACH:
                break  # a move that reaches this far is not a local one
            unit = self.units[heapq.heappop(pending)]
            self.budget -= 1
            before = {a: work[a] for a in unit}
            for a in unit:
                saved.setdefault(a, before[a])
            if not self._label(unit, [a for a in unit if before[a] != UNDEC]):
                break
            gain += sum(work[a] != UNDEC for a in unit) - sum(before[a] != UNDEC for a in unit)
            for k in self._downstream([a for a in unit if work[a] != before[a]]) - queued:
                queued.add(k)
                heapq.heappush(pending, k)
        else:
            if gain > 0:
                return True
        for a, label in saved.items():
            work[a] = label
        return False

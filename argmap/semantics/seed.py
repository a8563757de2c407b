"""A complete labelling with a wide range, built component by component: where the search
for a maximal range (semi-stable semantics) starts.

Semi-stable semantics is not directional, so a labelling that gives each strongly
connected component a maximal range, given the labels upstream, need not have a maximal
range itself (a and b attack each other, a attacks c, c attacks itself: with b in, c is
undecided; with a in, it is out). It is still a complete labelling, since complete
semantics is SCC-recursive (Baroni, Giacomin and Guida 2005), and on a part made of many
small components it is close to maximal. The search over the whole part then starts from
its range and takes a few growth steps, where from an arbitrary labelling it takes about
one step per component left with an undecided argument, each a SAT call on the whole part.
"""

from __future__ import annotations

from argmap.semantics.framework import Framework, strongly_connected
from argmap.semantics.sat import IN, UNDEC, LabellingSolver, grow_range, label_from

__all__ = ["start_from", "wide_labelling"]


def wide_labelling(
    fw: Framework, part: list[int], labels: bytearray, query: tuple[int, bool] | None = None
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
    units = strongly_connected(fw, part)
    if max(map(len, units)) * 2 > len(part):
        return []  # one component holds most of the part: its search is most of the search
    work = bytearray(labels)
    attackers = fw.attackers
    for unit in units:
        if len(unit) == 1 and (query is None or unit[0] != query[0]):
            a = unit[0]
            label = label_from(work[b] for b in attackers[a])
            work[a] = UNDEC if label == IN and fw.self_attacking(a) else label
            continue
        solver = LabellingSolver(fw, unit, work, ranges=True)
        try:
            if query is not None and query[0] in unit:
                var = solver.var_in(unit.index(query[0]))
                solver.add([var if query[1] else -var])
            if not solver.solve():
                return []
            grow_range(solver)
            for a, label in solver.labelling():
                work[a] = label
        finally:
            solver.close()
    return [work[a] for a in part]


def start_from(solver: LabellingSolver, labelling: list[int]) -> list[int]:
    """Point the solver at a labelling of its nodes: the assumptions that its range is
    held (to grow from), with phases that find the labelling itself first."""
    if not labelling:
        return []
    solver.prefer_labels(labelling)
    return [solver.var_range(i) for i, label in enumerate(labelling) if label != UNDEC]

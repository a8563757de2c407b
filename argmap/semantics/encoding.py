"""The clauses of a labelling solver (:class:`argmap.semantics.sat.LabellingSolver`).

Local node ``i`` has variables ``2i+1`` ("in") and ``2i+2`` ("out"), neither meaning
undecided, and with ranges ``2k+i+1`` ("in or out"): the labelling-based encoding of
Caminada and Gabbay (2009). Admissible sets and stable labellings have one variable per
node, ``i+1`` ("in"; a stable labelling has every other node out).
``inner[i]`` lists node ``i``'s attackers among the nodes; ``outside_in`` and
``outside_undec`` say whether an attacker outside them is labelled in, or undecided.
"""

from __future__ import annotations

__all__ = ["admissible_clauses", "complete_clauses", "stable_clauses"]


def complete_clauses(
    inner: list[list[int]],
    outside_in: bytearray,
    outside_undec: bytearray,
    stable: bool,
    ranges: bool,
) -> list[list[int]]:
    """In iff every attacker out; out iff some attacker in (variables 2i+1 and 2i+2)."""
    k = len(inner)
    clauses: list[list[int]] = []
    add = clauses.append
    for i, row in enumerate(inner):
        vin, vout = 2 * i + 1, 2 * i + 2
        add([-vin, -vout])
        for j in row:
            add([-vin, 2 * j + 2])
            add([vout, -(2 * j + 1)])
        if outside_in[i]:
            add([vout])
        else:
            add([-vout, *(2 * j + 1 for j in row)])
        if outside_undec[i] or outside_in[i]:
            add([-vin])
        else:
            add([vin, *(-(2 * j + 2) for j in row)])
        if stable:
            add([vin, vout])
        if ranges:
            vr = 2 * k + i + 1
            add([-vr, vin, vout])
            add([vr, -vin])
            add([vr, -vout])
    return clauses


def admissible_clauses(inner: list[list[int]], outside_undec: bytearray) -> list[list[int]]:
    """Conflict-free, and every attacker attacked by a member (variables i+1)."""
    defenders = [[c + 1 for c in row] for row in inner]
    clauses: list[list[int]] = []
    add = clauses.append
    for i, row in enumerate(inner):
        vin = i + 1
        if outside_undec[i]:
            add([-vin])
            continue
        for j in row:
            add([-vin, -j - 1])
            clause = defenders[j].copy()
            clause.append(-vin)
            add(clause)
    return clauses


def stable_clauses(
    inner: list[list[int]], outside_in: bytearray, outside_undec: bytearray
) -> list[list[int]]:
    """In iff no attacker in, every other node out (variables i+1).

    Half the variables of the labelling encoding with ``stable``, and the same labellings:
    a node is out exactly when it is not in, so no "out" variable is needed. A SAT solver
    proves that no stable labelling has a query argument in two to three times sooner
    with it (random frameworks of 2,000 arguments, 4 attacks each).
    """
    clauses: list[list[int]] = []
    add = clauses.append
    for i, row in enumerate(inner):
        vin = i + 1
        if outside_in[i]:
            add([-vin])  # out: an attacker outside is in
            continue
        for j in row:
            add([-vin, -j - 1])
        if outside_undec[i]:
            add([-vin])
        add([vin, *(j + 1 for j in row)])  # not in: some attacker among the nodes is in
    return clauses

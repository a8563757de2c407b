"""Credulous and skeptical acceptance of one argument, each by a few SAT calls.

The grounded labelling settles every argument it labels (for every semantics but stable,
whose extensions may not exist). For the others only a small part of the framework is
searched, with the query as a solver assumption rather than by listing extensions:

- complete and preferred semantics are directional (Baroni and Giacomin 2007, "On
  principle-based evaluation of extension-based argumentation semantics", AIJ 171), so
  only the arguments with an attack path to the query matter; credulous acceptance is one
  call (the query in an admissible set), and skeptical preferred acceptance is the
  counterexample-guided loop of the ICCMA solvers (Dvořák, Järvisalo, Wallner and Woltran
  2014, "Complexity-sensitive decision procedures for abstract argumentation", AIJ 206;
  Niskanen and Järvisalo 2020, μ-toksia): find an admissible set without the query, and
  ask in one call whether it extends to one with the query; if not, a preferred extension
  without the query exists;
- stable and semi-stable semantics look at the weakly connected part of what the grounded
  labelling leaves open that holds the query; a part with a stable labelling has exactly
  its stable labellings as semi-stable ones (Caminada 2006), so both are one call with the
  query assumed in (or out) on that part, and only a part without one runs the
  range-maximality loop.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from argmap.semantics.framework import Framework, weak_components
from argmap.semantics.grounded import grounded_labels, undecided
from argmap.semantics.ideal import ideal_extension
from argmap.semantics.reduct import reduct
from argmap.semantics.sat import (
    IN,
    UNDEC,
    LabellingSolver,
    block_subsets,
    grow_preferred,
    grow_range,
    grow_range_within,
)
from argmap.semantics.seed import start_from, wide_labelling

#: Credulous: in some extension; skeptical: in every one.
MODES = ("credulous", "skeptical")

__all__ = ["accepts", "ancestors"]


def accepts(fw: Framework, a: int, semantics: str, mode: str) -> bool:
    """Credulous or skeptical acceptance of argument ``a``.

    Skeptical acceptance is vacuously true when the semantics has no extension (stable
    semantics on a framework without one), as in the ICCMA tasks.
    """
    labels = grounded_labels(fw)
    credulous = mode == "credulous"
    if semantics == "grounded" or (semantics == "complete" and not credulous):
        return labels[a] == IN
    if semantics == "ideal":
        return a in ideal_extension(fw, labels)
    if labels[a] != UNDEC:
        # Every complete labelling agrees with the grounded one; stable extensions
        # exist or not, as the open part has them or not.
        if semantics != "stable":
            return labels[a] == IN
        exists = _stable_exists(fw, labels)
        return exists or not credulous if labels[a] == IN else not (credulous or exists)
    reduced = reduct(fw, labels)
    if reduced is not None:
        sub, back = reduced
        return accepts(sub, bisect_left(back, a), semantics, mode)
    if semantics == "stable":
        return _accepts_stable(fw, labels, a, credulous)
    if semantics == "semi-stable":
        part = _part_of(fw, labels, a)
        if has_stable_labelling(fw, part, labels):
            found = _stable_in_part(fw, part, labels, a, credulous)
            return found if credulous else not found
        return _accepts_semi_stable(fw, part, labels, a, credulous)
    allowed = bytearray(1 if label == UNDEC else 0 for label in labels)
    nodes = ancestors(fw, a, allowed)
    if credulous:
        return _credulous_admissible(fw, nodes, labels, a)
    return _skeptical_preferred(fw, nodes, labels, a)


def ancestors(fw: Framework, a: int, allowed: bytearray) -> list[int]:
    """``a`` and every allowed argument with an attack path to it, sorted."""
    seen = bytearray(fw.n)
    seen[a] = 1
    found = [a]
    attackers = fw.attackers
    for v in found:  # the list grows while it is read
        for b in attackers[v]:
            if allowed[b] and not seen[b]:
                seen[b] = 1
                found.append(b)
    found.sort()
    return found


def _part_of(fw: Framework, labels: bytearray, a: int) -> list[int]:
    """The weakly connected part of the undecided arguments that holds ``a``, sorted."""
    seen = bytearray(fw.n)
    seen[a] = 1
    found = [a]
    targets, attackers = fw.targets, fw.attackers
    for v in found:  # the list grows while it is read
        for w in (*targets[v], *attackers[v]):
            if labels[w] == UNDEC and not seen[w]:
                seen[w] = 1
                found.append(w)
    found.sort()
    return found


def has_stable_labelling(fw: Framework, nodes: Sequence[int], labels: bytearray) -> bool:
    """Whether the nodes have a stable labelling given the labels around them."""
    solver = LabellingSolver(fw, nodes, labels, stable=True)
    try:
        return solver.solve()
    finally:
        solver.close()


def _stable_exists(fw: Framework, labels: bytearray) -> bool:
    """Whether the framework has a stable extension: each open part has a stable labelling."""
    reduced = reduct(fw, labels)
    if reduced is not None:
        fw, _ = reduced
        labels = bytearray([UNDEC]) * fw.n  # the reduct's grounded labelling leaves all open
    parts = weak_components(fw, undecided(labels))
    return all(has_stable_labelling(fw, part, labels) for part in parts)


def _accepts_stable(fw: Framework, labels: bytearray, a: int, credulous: bool) -> bool:
    """Stable acceptance of an open argument: its own part decides, if the others have one.

    Stable extensions extend the grounded one, and the open parts combine freely.
    """
    own = _part_of(fw, labels, a)
    # A witness in the query's part: a stable labelling with ``a`` in (credulous), or
    # one with ``a`` out (a skeptical counterexample).
    if not _stable_in_part(fw, own, labels, a, credulous):
        return not credulous
    taken = bytearray(fw.n)
    for b in own:
        taken[b] = 1
    others = [b for b in range(fw.n) if labels[b] == UNDEC and not taken[b]]
    rest = all(has_stable_labelling(fw, part, labels) for part in weak_components(fw, others))
    return rest if credulous else not rest


def _stable_in_part(
    fw: Framework, part: list[int], labels: bytearray, a: int, with_a: bool
) -> bool:
    """Whether the part has a stable labelling with ``a`` in (or out)."""
    solver = LabellingSolver(fw, part, labels, stable=True)
    try:
        var = solver.var_in(part.index(a))
        return solver.solve([var if with_a else -var])
    finally:
        solver.close()


def _credulous_admissible(fw: Framework, nodes: list[int], labels: bytearray, a: int) -> bool:
    solver = LabellingSolver(fw, nodes, labels, admissible=True)
    solver.prefer_small()
    try:
        return solver.solve([solver.var_in(nodes.index(a))])
    finally:
        solver.close()


def _skeptical_preferred(fw: Framework, nodes: list[int], labels: bytearray, a: int) -> bool:
    """No preferred extension leaves ``a`` out: the counterexample-guided loop."""
    solver = LabellingSolver(fw, nodes, labels, admissible=True)
    local = {b: i for i, b in enumerate(nodes)}
    target = solver.var_in(local[a])
    solver.prefer_small()  # the first questions want any admissible set; growth, large ones
    try:
        if not solver.solve([target]):
            return False  # in no admissible set, so in no preferred extension
        against = [solver.var_in(local[b]) for b in fw.attackers[a] if b in local]
        if against:
            # An admissible set attacking ``a`` lies in a preferred extension without it.
            act = solver.fresh()
            solver.add([-act, *against])
            attacked = solver.solve([act])
            solver.add([-act])
            if attacked:
                return False
        while solver.solve([-target]):
            ins = [solver.var_in(i) for i in solver.ins()]
            if not solver.solve([target, *ins]):
                return False  # this admissible set grows only into extensions without ``a``
            labelling = grow_preferred(solver)
            if not block_subsets(solver, labelling):
                break
        return True
    finally:
        solver.close()


#: Propagations per argument a growth step of the rounds' shared solver may take before
#: the round goes to a solver of its own: about the cost of building one.
ROUND_BUDGET = 100

Round = tuple[set[int], bool] | None


def _accepts_semi_stable(
    fw: Framework, part: list[int], labels: bytearray, a: int, credulous: bool
) -> bool:
    """Range-maximal labellings of a part without a stable one, guided by the query.

    Each round takes a complete labelling meeting the condition (``a`` in, or out for a
    skeptical counterexample), grows its range to a maximal one, and asks whether a
    labelling of exactly that range meets the condition; ranges inside it are then
    excluded, since none of them is maximal.

    The first round has a solver of its own (:func:`_round`), which holds the range for
    good as it grows: it then simplifies its clauses with it, and the last step, the proof
    that the range is maximal, is many times quicker (20 s where it took over 300 s, on a
    part of 97,000 arguments in small components attacking each other downstream). Later
    rounds share one solver, which learns from each (a part of 10,000 arguments may take
    a hundred rounds); a growth step that takes it longer than building a solver would
    (``ROUND_BUDGET``) leaves the round to a solver of its own.
    """
    index = part.index(a)
    # The first round starts from a wide labelling that meets the condition, if one is built.
    found = _round(
        fw, part, labels, index, credulous, wide_labelling(fw, part, labels, (a, credulous)), []
    )
    excluded: list[list[int]] = []  # per round, the arguments outside its maximal range
    shared: LabellingSolver | None = None
    want = 0  # the condition as a literal of the shared solver, once there is one
    try:
        while found is not None:
            rng, met = found
            if met:
                return credulous
            outside = [i for i in range(len(part)) if i not in rng]
            if not outside:
                break
            excluded.append(outside)
            if shared is None:
                shared = LabellingSolver(fw, part, labels, ranges=True)
                want = shared.var_in(index) if credulous else -shared.var_in(index)
            shared.add([shared.var_range(i) for i in outside])  # some of them in range
            if not shared.solve([want]):
                break
            grown = grow_range_within(shared, ROUND_BUDGET * shared.size)
            if grown is None:
                widest = [label for _, label in shared.labelling()]
                found = _round(fw, part, labels, index, credulous, widest, excluded)
            else:
                rng = set(grown)
                exact = [
                    shared.var_range(i) if i in rng else -shared.var_range(i)
                    for i in range(shared.size)
                ]
                found = rng, shared.solve([*exact, want])
        return not credulous
    finally:
        if shared is not None:
            shared.close()


def _round(
    fw: Framework,
    part: list[int],
    labels: bytearray,
    index: int,
    credulous: bool,
    start: list[int],
    excluded: list[list[int]],
) -> Round:
    """One round of :func:`_accepts_semi_stable` in a solver of its own, from the
    labelling ``start`` of the part when it meets the condition (the query, local
    ``index``, in, or not in): the maximal range grown (local indices), and whether a
    labelling of exactly that range meets the condition; None when no labelling outside
    the ``excluded`` ranges meets it."""
    solver = LabellingSolver(fw, part, labels, ranges=True)
    try:
        var = solver.var_in(index)
        want = var if credulous else -var
        for outside in excluded:
            solver.add([solver.var_range(i) for i in outside])
        if not solver.solve_from(start_from(solver, start), [want]):
            return None
        rng = set(grow_range(solver, held=True))
        for i in range(solver.size):
            if i not in rng:
                solver.add([-solver.var_range(i)])
        return rng, solver.solve([want])
    finally:
        solver.close()

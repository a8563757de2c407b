"""Extension semantics of abstract argumentation (Dung 1995) on integer frameworks.

The grounded labelling is computed first, in linear time; every complete labelling agrees
with it, so only the arguments it leaves undecided are searched. What is left splits into
weakly connected parts, whose extensions combine freely. Complete, preferred and stable
labellings are then built component by component along the strongly connected components
in attack order, the SCC-recursive scheme of Baroni, Giacomin and Guida (2005),
"SCC-recursiveness: a general schema for argumentation semantics" (AIJ 168): a
component's labelling depends only on the labels already fixed upstream. Semi-stable
semantics is not directional, so each part is searched whole.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from argmap.semantics.framework import Framework, strongly_connected, weak_components
from argmap.semantics.sat import (
    IN,
    OUT,
    UNDEC,
    LabellingSolver,
    block_subsets,
    enumerate_complete,
    enumerate_preferred,
    enumerate_range_maximal,
    grow_preferred,
)

Labelling = list[tuple[int, int]]

#: The extension semantics this module computes.
SEMANTICS = ("grounded", "complete", "preferred", "stable", "semi-stable", "ideal")


def grounded_labels(fw: Framework) -> bytearray:
    """The grounded labelling: ``IN``, ``OUT`` or ``UNDEC`` per argument, in O(n + m).

    An argument goes in once every attacker is out; each attack is looked at a bounded
    number of times (the counting version of the characteristic function's least fixed
    point, Dung 1995).
    """
    targets = fw.targets
    count = [0] * fw.n
    for b in itertools.chain.from_iterable(targets):
        count[b] += 1
    labels = bytearray(fw.n)
    queue = [a for a in range(fw.n) if not count[a]]
    push = queue.append
    for a in queue:  # the queue grows while it is read
        labels[a] = IN
        for b in targets[a]:
            if labels[b] != OUT:
                labels[b] = OUT
                for c in targets[b]:
                    left = count[c] - 1
                    count[c] = left
                    if not left and not labels[c]:
                        push(c)
    return labels


def grounded_extension(fw: Framework) -> tuple[int, ...]:
    """The arguments in the grounded extension, sorted."""
    return tuple(a for a, label in enumerate(grounded_labels(fw)) if label == IN)


def _unit_labellings(
    fw: Framework, unit: list[int], labels: bytearray, semantics: str
) -> Iterator[Labelling]:
    """Labellings of one strongly connected component, given the labels upstream."""
    attackers = fw.attackers
    if len(unit) == 1 and not fw.self_attacking(unit[0]):
        a = unit[0]
        label = IN
        for b in attackers[a]:
            if labels[b] == IN:
                label = OUT
                break
            if labels[b] == UNDEC:
                label = UNDEC
        if not (semantics == "stable" and label == UNDEC):
            yield [(a, label)]
        return
    members = set(unit)
    beaten = [a for a in unit if any(b not in members and labels[b] == IN for b in attackers[a])]
    for a in beaten:
        labels[a] = OUT
    fixed = [(a, OUT) for a in beaten]
    beaten_set = set(beaten)
    free = [a for a in unit if a not in beaten_set]
    if not free:
        yield fixed
        return
    preferred = semantics == "preferred"
    solver = LabellingSolver(fw, free, labels, stable=semantics == "stable", admissible=preferred)
    try:
        search = enumerate_preferred if preferred else enumerate_complete
        for labelling in search(solver):
            yield fixed + labelling
    finally:
        solver.close()


def _scc_recursive(
    fw: Framework, part: list[int], labels: bytearray, semantics: str
) -> Iterator[list[int]]:
    """In-sets of one weakly connected part, by depth-first search over its components."""
    units = strongly_connected(fw, part)
    last = len(units) - 1
    chosen: list[Labelling] = [[] for _ in units]
    searches: list[Iterator[Labelling]] = [_unit_labellings(fw, units[0], labels, semantics)]
    while searches:
        i = len(searches) - 1
        labelling = next(searches[i], None)
        if labelling is None:
            searches.pop()
            continue
        for a, label in labelling:
            labels[a] = label
        chosen[i] = labelling
        if i == last:
            yield [a for lab in chosen for a, label in lab if label == IN]
        else:
            searches.append(_unit_labellings(fw, units[i + 1], labels, semantics))


def _semi_stable_part(fw: Framework, part: list[int], labels: bytearray) -> Iterator[list[int]]:
    solver = LabellingSolver(fw, part, labels, ranges=True)
    try:
        for labelling in enumerate_range_maximal(solver):
            yield [a for a, label in labelling if label == IN]
    finally:
        solver.close()


def _product(base: list[int], parts: list[Iterator[list[int]]]) -> Iterator[tuple[int, ...]]:
    """Every union of the base with one in-set per part; the first union comes lazily."""
    firsts = []
    for part in parts:
        first = next(part, None)
        if first is None:
            return
        firsts.append(first)
    yield tuple(sorted(itertools.chain(base, *firsts)))
    if len(parts) == 1:
        # One part: stream its extensions instead of listing them all first.
        for rest in parts[0]:
            yield tuple(sorted(itertools.chain(base, rest)))
        return
    options = [[first, *part] for first, part in zip(firsts, parts, strict=True)]
    combos = itertools.product(*options)
    next(combos)
    for combo in combos:
        yield tuple(sorted(itertools.chain(base, *combo)))


def iter_extensions(fw: Framework, semantics: str) -> Iterator[tuple[int, ...]]:
    """The extensions of a semantics, each as sorted argument indices, lazily.

    Raises:
        ValueError: for a semantics not in :data:`SEMANTICS`.
    """
    if semantics not in SEMANTICS:
        raise ValueError(f"unknown semantics {semantics!r}")
    if semantics == "grounded":
        yield grounded_extension(fw)
        return
    if semantics == "ideal":
        yield ideal_extension(fw)
        return
    labels = grounded_labels(fw)
    base = [a for a in range(fw.n) if labels[a] == IN]
    residual = [a for a in range(fw.n) if labels[a] == UNDEC]
    parts = weak_components(fw, residual)
    if semantics == "semi-stable":
        searches = [_semi_stable_part(fw, part, labels) for part in parts]
    else:
        searches = [_scc_recursive(fw, part, labels, semantics) for part in parts]
    yield from _product(base, searches)


def all_extensions(fw: Framework, semantics: str) -> list[tuple[int, ...]]:
    """Every extension of a semantics, sorted."""
    return sorted(iter_extensions(fw, semantics))


def first_extension(fw: Framework, semantics: str) -> tuple[int, ...] | None:
    """One extension of a semantics, or None when it has none (stable only)."""
    return next(iter_extensions(fw, semantics), None)


def _ancestors(fw: Framework, a: int, allowed: bytearray) -> list[int]:
    """``a`` and every allowed argument with an attack path to it."""
    seen = {a}
    frontier = [a]
    attackers = fw.attackers
    while frontier:
        v = frontier.pop()
        for b in attackers[v]:
            if allowed[b] and b not in seen:
                seen.add(b)
                frontier.append(b)
    return sorted(seen)


def credulously_admissible(fw: Framework, labels: bytearray) -> set[int]:
    """The arguments in at least one admissible set (equivalently, one preferred extension)."""
    residual = [a for a in range(fw.n) if labels[a] == UNDEC]
    accepted = {a for a in range(fw.n) if labels[a] == IN}
    if not residual:
        return accepted
    solver = LabellingSolver(fw, residual, labels, admissible=True)
    try:
        open_ = set(range(len(residual)))
        while open_:
            act = solver.fresh()
            solver.add([-act, *(solver.var_in(i) for i in sorted(open_))])
            found = solver.solve([act])
            solver.add([-act])
            if not found:
                break
            ins = solver.ins()
            open_.difference_update(ins)
            accepted.update(residual[i] for i in ins)
    finally:
        solver.close()
    return accepted


def ideal_extension(fw: Framework) -> tuple[int, ...]:
    """The ideal extension (Dung, Mancarella and Toni 2007), sorted.

    It is the largest admissible set of arguments that are credulously accepted under
    preferred semantics and attacked by no credulously accepted argument (the
    characterisation of Dunne 2009, "The computational complexity of ideal semantics",
    AIJ 173). The largest admissible subset is found by removing undefended arguments
    until none is left.
    """
    labels = grounded_labels(fw)
    accepted = credulously_admissible(fw, labels)
    attackers = fw.attackers
    keep = {a for a in accepted if not any(b in accepted for b in attackers[a])}
    while True:
        attacked = {t for a in keep for t in fw.targets[a]}
        defended = {a for a in keep if all(b in attacked for b in attackers[a])}
        if defended == keep:
            return tuple(sorted(keep))
        keep = defended


def accepts(fw: Framework, a: int, semantics: str, mode: str) -> bool:
    """Credulous or skeptical acceptance of argument ``a``.

    Skeptical acceptance is vacuously true when the semantics has no extension (stable
    semantics on a framework without one), as in the ICCMA tasks.
    """
    labels = grounded_labels(fw)
    if semantics == "grounded" or (semantics == "complete" and mode == "skeptical"):
        return labels[a] == IN
    if semantics == "ideal":
        return a in ideal_extension(fw)
    if labels[a] != UNDEC and semantics != "stable":
        # Every complete labelling agrees with the grounded one; a stable one may not exist.
        return labels[a] == IN
    if semantics in ("complete", "preferred"):
        # Both are directional: only the arguments with a path to ``a`` matter.
        allowed = bytearray(1 if label == UNDEC else 0 for label in labels)
        nodes = _ancestors(fw, a, allowed)
        return _accepts_directional(fw, nodes, labels, a, mode)
    hits = (a in ext for ext in iter_extensions(fw, semantics))
    return any(hits) if mode == "credulous" else all(hits)


def _accepts_directional(
    fw: Framework, nodes: list[int], labels: bytearray, a: int, mode: str
) -> bool:
    solver = LabellingSolver(fw, nodes, labels, admissible=True)
    target = solver.var_in(nodes.index(a))
    try:
        if mode == "credulous":
            return solver.solve([target])
        # Look for a preferred labelling without ``a``: grow one that leaves it out; if the
        # grown one takes ``a`` in, no labelling under it is a counterexample either.
        while solver.solve([-target]):
            labelling = grow_preferred(solver)
            if (a, IN) not in labelling:
                return False
            if not block_subsets(solver, labelling):
                break
        return True
    finally:
        solver.close()
